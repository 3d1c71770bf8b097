/** The task's particulars: content, status and timeliness, agencies, deadline (and its corrections), document, people. */
import { Card, Space, Tag } from 'antd';
import { Link } from 'react-router';
import type { TaskDetail } from '../../api';
import { DeadlineText, StatusTag, TimelinessTag } from '../../components/TaskBits';
import { fmtDate } from '../../format';
import { useI18n } from '../../i18n';

export function TaskDetails({ task }: { task: TaskDetail }) {
  const { t } = useI18n();
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <p className="pre" style={{ fontSize: 16, marginTop: 0 }}>
        {task.content}
      </p>
      <Space wrap style={{ marginBottom: 12 }}>
        <StatusTag value={task.status} />
        <TimelinessTag value={task.timeliness} overdueDays={task.overdueDays} />
        {task.hasPendingExtension ? <Tag color="orange">{t('pendingExtensions')}</Tag> : null}
      </Space>
      <dl className="kv">
        <dt>{t('leadAgency')}</dt>
        <dd>{task.leadAgency?.name}</dd>
        <dt>{t('coordinatingAgencies')}</dt>
        <dd>{task.coordinatingAgencies.map((a) => a.name).join('; ') || '—'}</dd>
        <dt>{t('deadline')}</dt>
        <dd>
          <DeadlineText task={task} />
          {task.originalDeadline && task.originalDeadline !== task.deadline
            ? ` (${t('originalDeadline').toLowerCase()}: ${fmtDate(task.originalDeadline)})`
            : ''}
          {task.originalDeadlineCorrections > 0
            ? ` · ${t('originalDeadline').toLowerCase()} ${t('originalDeadlineCorrected', { n: task.originalDeadlineCorrections })}`
            : ''}
        </dd>
        <dt>{t('document')}</dt>
        <dd>
          {task.document ? (
            <>
              <Link to={`/documents/${task.document.id}`}>{task.document.number}</Link>
              {task.documentAbstract ? ` — ${task.documentAbstract}` : ''}
            </>
          ) : (
            '—'
          )}
        </dd>
        <dt>{t('leader')}</dt>
        <dd>{task.leader?.name ?? '—'}</dd>
        <dt>{t('field')}</dt>
        <dd>{task.field?.name ?? '—'}</dd>
        <dt>{t('specialist')}</dt>
        <dd>{task.specialist?.name ?? '—'}</dd>
        <dt>{t('handler')}</dt>
        <dd>{task.handlerName ?? '—'}</dd>
        <dt>{t('assignedOn')}</dt>
        <dd>{fmtDate(task.assignedOn)}</dd>
        {task.completedOn ? (
          <>
            <dt>{t('completedOn')}</dt>
            <dd>{fmtDate(task.completedOn)}</dd>
          </>
        ) : null}
        {task.parent ? (
          <>
            <dt>{t('parentTask')}</dt>
            <dd>
              <Link to={`/tasks/${task.parent.id}`}>{task.parent.code}</Link>
            </dd>
          </>
        ) : null}
      </dl>
    </Card>
  );
}
