/**
 * Excel exports from the interface (ADR 0012): "Xuất Excel" downloads the filtered list at once when it is
 * short, and otherwise starts a background export; "Tệp xuất của tôi" lists one's recent exports with their
 * progress (asked again every second while one is running) and a download link when done. Report pages
 * may use `downloadFile` with their own `/reports/{by}.xlsx|.docx` address.
 */
import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Empty, List, Progress, Space, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError, qs, type ExportJob } from '../api';
import { fmtDateTime } from '../format';
import { useI18n } from '../i18n';
import { keys, queries } from '../queries';

/** Lists up to this long download at once (the server's EXPORT_SYNC_MAX_ROWS default); longer: a job. */
const DIRECT_MAX = 20_000;

function nameFrom(disposition: string | null, fallback: string): string {
  const m = disposition?.match(/filename\*=UTF-8''([^;]+)/i);
  return m ? decodeURIComponent(m[1]!) : fallback;
}

/** Downloads a file of the API (GET, the session cookie), with the server's error message if it refuses. */
export async function downloadFile(url: string, fallbackName: string): Promise<void> {
  const res = await fetch(`/api${url}`, { credentials: 'same-origin' });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiError(res.status, body?.error?.code ?? 'http_error', body?.error?.message ?? `HTTP ${res.status}`);
  }
  const blob = await res.blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = nameFrom(res.headers.get('content-disposition'), fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

export function RecentExports({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  // Read while the drawer is open, every second while a job is queued or running (3 s after a failure).
  const jobs = useQuery({
    ...queries.exports(),
    enabled: open,
    refetchInterval: (q) =>
      q.state.error
        ? 3000
        : (q.state.data ?? []).some((j) => j.status === 'queued' || j.status === 'running')
          ? 1000
          : false,
  });
  const items = jobs.data ?? null;
  const statusTag = (j: ExportJob) =>
    j.status === 'done' ? (
      <Tag color="green">{t('exportDone')}</Tag>
    ) : j.status === 'failed' ? (
      <Tag color="red">{t('exportFailed')}</Tag>
    ) : (
      <Tag color="blue">{t(j.status === 'queued' ? 'exportQueued' : 'exportRunning')}</Tag>
    );
  return (
    <Drawer open={open} onClose={onClose} title={t('myExports')} width={Math.min(420, window.innerWidth)}>
      {items === null ? null : items.length === 0 ? (
        <Empty description={t('noExports')} />
      ) : (
        <List
          dataSource={items}
          renderItem={(j) => (
            <List.Item
              actions={
                j.downloadUrl
                  ? [
                      <a key="dl" href={j.downloadUrl} download>
                        <DownloadOutlined /> {t('download')}
                      </a>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={j.filename ?? `#${j.id}`}
                description={
                  <Space direction="vertical" size={2} style={{ width: '100%' }}>
                    <span>
                      {statusTag(j)} {fmtDateTime(j.createdAt)}
                      {j.rows !== null
                        ? ` · ${t('exportRows', { n: j.rows.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB') })}`
                        : ''}
                    </span>
                    {j.status === 'queued' || j.status === 'running' ? (
                      <Progress percent={j.progress} size="small" aria-label={t('exportRunning')} />
                    ) : null}
                    {j.error ? <span className="muted">{j.error}</span> : null}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Drawer>
  );
}

/** "Xuất Excel" for the task list, with the list's filters; and the way to one's recent exports. */
export function TaskExportButton({ query, total }: { query: Record<string, string>; total: number | undefined }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(false);
  const qc = useQueryClient();
  const startJob = async () => {
    await api.post<ExportJob>('/exports', { kind: 'tasks', query });
    message.info(t('exportStarted'));
    void qc.invalidateQueries({ queryKey: keys.exports() });
    setOpen(true);
  };
  const run = async () => {
    setBusy(true);
    try {
      if (total !== undefined && total > DIRECT_MAX) await startJob();
      else
        try {
          await downloadFile(`/tasks.xlsx${qs(query)}`, 'nhiem-vu.xlsx');
        } catch (e) {
          // Longer than the server lets download at once: make it a background export.
          if (e instanceof ApiError && e.status === 409) await startJob();
          else throw e;
        }
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button icon={<FileExcelOutlined />} loading={busy} onClick={() => void run()}>
        {t('exportExcel')}
      </Button>
      <Button type="link" onClick={() => setOpen(true)}>
        {t('myExports')}
      </Button>
      <RecentExports open={open} onClose={() => setOpen(false)} />
    </>
  );
}
