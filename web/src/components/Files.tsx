/** File lists (download links) and an upload button that shows the server's message when it refuses. */
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Upload } from 'antd';
import { useState } from 'react';
import { api, type FileInfo } from '../api';
import { fmtDateTime, fmtSize } from '../format';
import { useI18n } from '../i18n';

export function FileList({ files }: { files: FileInfo[] }) {
  const { t } = useI18n();
  if (!files.length) return <span className="muted">{t('noFiles')}</span>;
  return (
    <ul className="report-files" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {files.map((f) => (
        <li key={f.id}>
          <a href={`/api/files/${f.id}`} download={f.filename}>
            <PaperClipOutlined /> {f.filename}
          </a>{' '}
          <span className="muted">
            ({fmtSize(f.size)}, {fmtDateTime(f.uploadedAt)})
          </span>
        </li>
      ))}
    </ul>
  );
}

export function UploadButton({
  targetType,
  targetId,
  onDone,
}: {
  targetType: 'task' | 'report' | 'document';
  targetId: number;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Upload
      showUploadList={false}
      multiple
      customRequest={async ({ file, onSuccess, onError }) => {
        setBusy(true);
        try {
          await api.upload(targetType, targetId, file as File);
          onSuccess?.({});
          onDone();
        } catch (e) {
          message.error(e instanceof Error ? e.message : String(e));
          onError?.(e as Error);
        } finally {
          setBusy(false);
        }
      }}
    >
      <Button icon={<UploadOutlined />} loading={busy}>
        {t('uploadFile')}
      </Button>
    </Upload>
  );
}
