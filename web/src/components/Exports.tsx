/**
 * Exports from the interface (ADR 0012). One way to start a background export and follow it:
 * `useExportJob().start(body)` sends `POST /api/exports` and opens a notification that asks for the job
 * every second until it is done, with its progress bar and then a download button (a refused request shows
 * the server's message instead: a bad parameter, or the limit of unfinished exports). The notification
 * lives above the routes, so it follows the job on other pages too. "Tệp xuất của tôi" (`MyExports`) lists
 * one's recent exports with their progress and download links: the file stays there for later.
 * The task list's "Xuất Excel" (`TaskExportButton`) downloads a short list at once and makes a long one a
 * job; the report page's "Xuất Excel" / "Xuất Word" (`ReportExportButtons`) are always jobs.
 */
import { DownloadOutlined, FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Empty, List, Progress, Space, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, ApiError, qs, type ExportJob, type ReportExportRequest } from '../api';
import { fmtDateTime } from '../format';
import { useI18n, type TextKey } from '../i18n';
import { keys, queries } from '../queries';

/** Lists up to this long download at once (the server's EXPORT_SYNC_MAX_ROWS default); longer: a job. */
const DIRECT_MAX = 20_000;

/** What `start` takes: the task list's query as the list's address holds it, or a report's request. */
export type StartExport = { kind: 'tasks'; query: Record<string, string> } | ReportExportRequest;

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

const KIND_TEXT: Record<string, TextKey> = {
  'export.tasks': 'exportKindTasks',
  'export.report-xlsx': 'exportKindReportXlsx',
  'export.report-docx': 'exportKindReportDocx',
};
const unfinished = (j: ExportJob | undefined) => j?.status === 'queued' || j?.status === 'running';

function StatusTag({ job }: { job: ExportJob }) {
  const { t } = useI18n();
  return job.status === 'done' ? (
    <Tag color="green">{t('exportDone')}</Tag>
  ) : job.status === 'failed' ? (
    <Tag color="red">{t('exportFailed')}</Tag>
  ) : (
    <Tag color="blue">{t(job.status === 'queued' ? 'exportQueued' : 'exportRunning')}</Tag>
  );
}

/** A job's progress bar while it is waiting or running. */
function JobProgress({ job }: { job: ExportJob }) {
  const { t } = useI18n();
  return unfinished(job) ? <Progress percent={job.progress} size="small" aria-label={t('exportProgress')} /> : null;
}

/** The followed job, in its notification: asked for every second until it ends (3 s after a failed read). */
function ExportJobStatus({ id, hint }: { id: number; hint?: string }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const q = useQuery({
    ...queries.exportJob(id),
    refetchInterval: (x) => (x.state.error ? 3000 : unfinished(x.state.data) ? 1000 : false),
  });
  const j = q.data;
  const ended = j !== undefined && !unfinished(j);
  // The list of one's exports shows the file as soon as it is done.
  useEffect(() => {
    if (ended) void qc.invalidateQueries({ queryKey: keys.exports(), exact: true });
  }, [ended, qc]);
  if (!j) return q.error ? <span className="muted">{q.error.message}</span> : null;
  return (
    <Space direction="vertical" size={6} className="export-status" data-status={j.status} style={{ width: '100%' }}>
      {hint && !ended ? <span>{hint}</span> : null}
      <span>
        <StatusTag job={j} /> {j.filename ?? null}
      </span>
      <JobProgress job={j} />
      {j.status === 'done' && j.downloadUrl ? (
        <>
          <Button type="primary" icon={<DownloadOutlined />} href={j.downloadUrl} download>
            {t('download')}
          </Button>
          <span className="muted">{t('exportKept')}</span>
        </>
      ) : null}
      {j.error ? <span className="muted">{j.error}</span> : null}
    </Space>
  );
}

/**
 * Starts a background export and follows it in a notification; `busy` is the kind being asked for. A
 * refused request (400 naming the parameter, 409 when one has too many unfinished exports) shows the
 * server's message; `start` then answers null.
 */
export function useExportJob() {
  const { t } = useI18n();
  const { message, notification } = App.useApp();
  const qc = useQueryClient();
  const [busy, setBusy] = useState<StartExport['kind'] | null>(null);
  const start = async (body: StartExport, hint?: string): Promise<ExportJob | null> => {
    setBusy(body.kind);
    try {
      const job = await api.post<ExportJob>('/exports', body);
      qc.setQueryData(keys.exportJob(job.id), job);
      void qc.invalidateQueries({ queryKey: keys.exports(), exact: true });
      notification.open({
        key: `export-${job.id}`,
        message: t(KIND_TEXT[job.kind] ?? 'myExports'),
        description: <ExportJobStatus id={job.id} hint={hint} />,
        duration: 0,
        placement: 'bottomRight',
        role: 'status',
        className: 'export-notice',
      });
      return job;
    } catch (e) {
      // Long enough to read a sentence such as the limit's.
      message.error((e as Error).message, 6);
      return null;
    } finally {
      setBusy(null);
    }
  };
  return { start, busy };
}

function RecentExports({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  // Read while the drawer is open, every second while a job is queued or running (3 s after a failure).
  const jobs = useQuery({
    ...queries.exports(),
    enabled: open,
    refetchInterval: (q) => (q.state.error ? 3000 : (q.state.data ?? []).some(unfinished) ? 1000 : false),
  });
  const items = jobs.data ?? null;
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
                title={j.filename ?? `${KIND_TEXT[j.kind] ? t(KIND_TEXT[j.kind]!) : ''} #${j.id}`}
                description={
                  <Space direction="vertical" size={2} style={{ width: '100%' }}>
                    <span>
                      <StatusTag job={j} /> {fmtDateTime(j.createdAt)}
                      {j.rows !== null
                        ? ` · ${t('exportRows', { n: j.rows.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB') })}`
                        : ''}
                    </span>
                    <JobProgress job={j} />
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

/** "Tệp xuất của tôi": the button and the drawer of one's recent exports. */
export function MyExports() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="link" onClick={() => setOpen(true)}>
        {t('myExports')}
      </Button>
      <RecentExports open={open} onClose={() => setOpen(false)} />
    </>
  );
}

/**
 * The urging letter (văn bản đôn đốc) to one agency as of the report's cut-off: its overdue and nearly due
 * tasks, as a Word document. Shown to whom the server gives it (the Office and the leaders; an agency for itself).
 */
export function UrgingLetterButton({
  agencyId,
  agencyName,
  asOf,
}: {
  agencyId: number;
  agencyName: string;
  /** The report's cut-off; none: the server's today (the browser's date may differ from it). */
  asOf: string | undefined;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await downloadFile(`/agencies/${agencyId}/urging-letter.docx${qs(asOf ? { asOf } : {})}`, 'don-doc.docx');
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      type="link"
      size="small"
      className="urging-letter"
      icon={<FileWordOutlined />}
      loading={busy}
      title={t('urgingLetterOf', { agency: agencyName })}
      aria-label={t('urgingLetterOf', { agency: agencyName })}
      onClick={() => void run()}
    />
  );
}

/** "Xuất Excel" for the task list, with the list's filters; and the way to one's recent exports. */
export function TaskExportButton({ query, total }: { query: Record<string, string>; total: number | undefined }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { start } = useExportJob();
  const [busy, setBusy] = useState(false);
  const startJob = () => start({ kind: 'tasks', query }, t('exportStarted'));
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
          else message.error((e as Error).message);
        }
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button icon={<FileExcelOutlined />} loading={busy} onClick={() => void run()}>
        {t('exportExcel')}
      </Button>
      <MyExports />
    </>
  );
}

/**
 * The report page's "Xuất Excel" and "Xuất Word": always a background export with the report's parameters
 * (`request` builds the body: the page's query, for Word its period), followed in a notification and kept
 * in "Tệp xuất của tôi".
 */
export function ReportExportButtons({ request }: { request: (ext: 'xlsx' | 'docx') => ReportExportRequest }) {
  const { t } = useI18n();
  const { start, busy } = useExportJob();
  return (
    <>
      <Button
        icon={<FileExcelOutlined />}
        loading={busy === 'report-xlsx'}
        disabled={busy !== null && busy !== 'report-xlsx'}
        onClick={() => void start(request('xlsx'))}
      >
        {t('exportXlsx')}
      </Button>
      <Button
        icon={<FileWordOutlined />}
        loading={busy === 'report-docx'}
        disabled={busy !== null && busy !== 'report-docx'}
        onClick={() => void start(request('docx'))}
      >
        {t('exportDocx')}
      </Button>
      <MyExports />
    </>
  );
}
