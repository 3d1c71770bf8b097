/**
 * The task's record, in tabs: reports with their files and reviews, extension requests and decisions,
 * directions and comments, the history of every change (with what changed, in words), the files (the
 * task's and its reports'), and its subtasks by code.
 */
import { Card, Empty, Space, Tabs, Tag, Timeline } from 'antd';
import { Link } from 'react-router';
import type { HistoryItem, TaskDetail } from '../../api';
import { FileList, UploadButton } from '../../components/Files';
import { fmtDate, fmtDateTime } from '../../format';
import { useRefData } from '../../hooks';
import { useI18n, type TextKey } from '../../i18n';

/** Fields of a history event shown to people; identifiers and hashes are left out. */
const SHOWN: Record<
  string,
  { key: TextKey; kind: 'text' | 'date' | 'status' | 'reportKind' | 'agency' | 'agencies' | 'bool' }
> = {
  status: { key: 'status', kind: 'status' },
  kind: { key: 'reports', kind: 'reportKind' },
  content: { key: 'content', kind: 'text' },
  reason: { key: 'reason', kind: 'text' },
  currentDeadline: { key: 'deadline', kind: 'date' },
  originalDeadline: { key: 'originalDeadline', kind: 'date' },
  deadline: { key: 'deadline', kind: 'date' },
  requestedDeadline: { key: 'requestedDeadline', kind: 'date' },
  completedOn: { key: 'completedOn', kind: 'date' },
  leadAgencyId: { key: 'leadAgency', kind: 'agency' },
  toAgencyId: { key: 'toAgency', kind: 'agency' },
  coordinatingAgencyIds: { key: 'coordinatingAgencies', kind: 'agencies' },
  handlerName: { key: 'handler', kind: 'text' },
  filename: { key: 'files', kind: 'text' },
  message: { key: 'urgeMessage', kind: 'text' },
  note: { key: 'note', kind: 'text' },
  starred: { key: 'starred', kind: 'bool' },
};

export function TaskTimeline({
  task,
  history,
  onFileAdded,
}: {
  task: TaskDetail;
  /** Undefined while it loads (it is read again after each action). */
  history: HistoryItem[] | undefined;
  onFileAdded: () => void;
}) {
  const { t, label } = useI18n();
  const ref = useRefData();
  const can = (a: string) => task.actions.includes(a);
  const agencyName = (id: unknown) => ref.data?.agencies.find((a) => a.id === id)?.name ?? `#${String(id)}`;
  const describeChange = (v: unknown): string => {
    if (v === null || v === undefined || typeof v !== 'object') return v == null ? '' : String(v);
    const parts: string[] = [];
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const f = SHOWN[k];
      if (!f || x === undefined) continue;
      let text: string;
      if (x === null) text = '—';
      else if (f.kind === 'date') text = fmtDate(String(x));
      else if (f.kind === 'status') text = label('status', String(x));
      else if (f.kind === 'reportKind') text = label('reportKind', String(x));
      else if (f.kind === 'agency') text = agencyName(x);
      else if (f.kind === 'agencies') text = Array.isArray(x) ? x.map(agencyName).join(', ') || '—' : '—';
      else if (f.kind === 'bool') text = x ? t('yes') : t('no');
      else text = String(x);
      parts.push(`${t(f.key)}: ${text}`);
    }
    return parts.join('; ');
  };

  const reportsTab = task.reports.length ? (
    <Timeline
      items={task.reports.map((r) => ({
        color: r.status === 'returned' ? 'red' : r.status === 'accepted' ? 'green' : 'blue',
        children: (
          <div>
            <div>
              <strong>{label('reportKind', r.kind)}</strong> — {r.agency.name}{' '}
              <Tag color={r.status === 'returned' ? 'red' : r.status === 'accepted' ? 'green' : 'blue'}>
                {/* Only a completion waits for review; a progress report or an explanation is simply sent. */}
                {r.kind !== 'completion' && r.status === 'submitted'
                  ? t('reportReceived')
                  : label('reportStatus', r.status)}
              </Tag>
            </div>
            <div className="muted">
              {t('reportedOn')}: {fmtDate(r.reportedOn)} · {t('by', { n: r.createdBy })} · {fmtDateTime(r.createdAt)}
              {r.agencyDocNumber ? ` · ${r.agencyDocNumber}` : ''}
            </div>
            <div className="pre">{r.content}</div>
            {r.difficulties ? (
              <div className="pre">
                <em>{t('difficulties')}:</em> {r.difficulties}
              </div>
            ) : null}
            {r.proposals ? (
              <div className="pre">
                <em>{t('proposals')}:</em> {r.proposals}
              </div>
            ) : null}
            {r.files.length ? <FileList files={r.files} /> : null}
            {r.review ? (
              <div style={{ marginTop: 4 }}>
                <Tag color={r.review.decision === 'returned' ? 'red' : 'green'}>
                  {r.review.decision === 'returned'
                    ? t('reviewReturned', { r: r.review.reason ?? '' })
                    : t('reviewAccepted')}
                </Tag>
                <span className="muted">
                  {t('by', { n: r.review.reviewer })} · {fmtDateTime(r.review.at)}
                </span>
              </div>
            ) : null}
          </div>
        ),
      }))}
    />
  ) : (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noReports')} />
  );

  const extensionsTab = task.extensionRequests.length ? (
    <Timeline
      items={task.extensionRequests.map((e) => ({
        color: e.status === 'approved' ? 'green' : e.status === 'rejected' ? 'red' : 'blue',
        children: (
          <div>
            <div>
              {t('requested')}: <strong>{fmtDate(e.requestedDeadline)}</strong> ({t('previous').toLowerCase()}:{' '}
              {fmtDate(e.previousDeadline)}) <Tag>{label('extensionStatus', e.status)}</Tag>
            </div>
            <div className="muted">
              {t('by', { n: e.requestedBy })} · {fmtDateTime(e.requestedAt)}
            </div>
            <div className="pre">{e.reason}</div>
            {e.decidedBy ? (
              <div className="muted">
                {t('decision')}: {label('extensionStatus', e.status)} — {t('by', { n: e.decidedBy })} ·{' '}
                {fmtDateTime(e.decidedAt)}
                {e.decisionNote ? ` — ${e.decisionNote}` : ''}
              </div>
            ) : null}
          </div>
        ),
      }))}
    />
  ) : (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noExtensions')} />
  );

  const messagesTab = task.messages.length ? (
    <Timeline
      items={task.messages.map((m) => ({
        color: m.kind === 'direction' ? 'red' : 'gray',
        children: (
          <div>
            <strong>{label('messageKind', m.kind)}</strong> — {m.author}{' '}
            <span className="muted">{fmtDateTime(m.createdAt)}</span>
            <div className="pre">{m.content}</div>
          </div>
        ),
      }))}
    />
  ) : (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noMessages')} />
  );

  const historyTab = history?.length ? (
    <Timeline
      items={[...history].reverse().map((h) => ({
        children: (
          <div>
            <strong>{label('event', h.action)}</strong> — {h.actor ?? '—'}{' '}
            <span className="muted">
              {fmtDateTime(h.at)}
              {h.actorIp ? ` · ${t('fromIp', { ip: h.actorIp })}` : ''}
            </span>
            {describeChange(h.before) ? (
              <div className="muted" style={{ overflowWrap: 'anywhere' }}>
                {t('previous')}: {describeChange(h.before)}
              </div>
            ) : null}
            {describeChange(h.after) ? (
              <div className="muted" style={{ overflowWrap: 'anywhere' }}>
                {t('after')}: {describeChange(h.after)}
              </div>
            ) : null}
          </div>
        ),
      }))}
    />
  ) : (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noHistory')} />
  );

  return (
    <Card size="small">
      <Tabs
        items={[
          { key: 'reports', label: `${t('reports')} (${task.reports.length})`, children: reportsTab },
          { key: 'ext', label: `${t('extensions')} (${task.extensionRequests.length})`, children: extensionsTab },
          { key: 'msg', label: `${t('directions')} (${task.messages.length})`, children: messagesTab },
          { key: 'history', label: t('timeline'), children: historyTab },
          {
            key: 'files',
            label: `${t('files')} (${task.files.length + task.reports.reduce((n, x) => n + x.files.length, 0)})`,
            children: (
              <Space direction="vertical">
                <FileList files={[...task.files, ...task.reports.flatMap((x) => x.files)]} />
                {can('attach_file') ? <UploadButton targetType="task" targetId={task.id} onDone={onFileAdded} /> : null}
              </Space>
            ),
          },
          ...(task.subtasks.length
            ? [
                {
                  key: 'sub',
                  label: `${t('subtasks')} (${task.subtasks.length})`,
                  children: (
                    <ul>
                      {task.subtasks.map((s) => (
                        <li key={s.id}>
                          <Link to={`/tasks/${s.id}`}>{s.code}</Link> — {s.leadAgency} — {label('status', s.status)} —{' '}
                          {fmtDate(s.dueDate)}
                        </li>
                      ))}
                    </ul>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
