/** Small displays of a task shared by the pages: status, timeliness colour, a compact task list, stat cards. */
import { StarFilled } from '@ant-design/icons';
import { Empty, Tag } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { TaskSummary, Timeliness } from '../api';
import { fmtCount, fmtDate } from '../format';
import { useI18n } from '../i18n';

/** Colour per timeliness category: text colour always dark enough on its background (WCAG AA). */
export const TIMELINESS_COLOR: Record<Timeliness, { color: string; bg: string; border: string }> = {
  done_on_time: { color: '#135200', bg: '#f6ffed', border: '#95de64' },
  done_late: { color: '#873800', bg: '#fff7e6', border: '#ffc069' },
  in_progress_on_time: { color: '#003a8c', bg: '#e6f4ff', border: '#91caff' },
  overdue: { color: '#820014', bg: '#fff1f0', border: '#ff7875' },
};

export function TimelinessTag({ value, overdueDays }: { value: Timeliness | null; overdueDays?: number }) {
  const { label, t } = useI18n();
  if (!value) return <span className="muted">—</span>;
  const c = TIMELINESS_COLOR[value];
  return (
    <Tag style={{ color: c.color, background: c.bg, borderColor: c.border, whiteSpace: 'normal' }}>
      {label('timeliness', value)}
      {value === 'overdue' && overdueDays ? ` (${t('overdueDays', { n: overdueDays })})` : ''}
    </Tag>
  );
}

const STATUS_COLOR: Record<string, string> = {
  draft: 'default',
  assigned: 'blue',
  received: 'geekblue',
  in_progress: 'processing',
  completion_reported: 'gold',
  done: 'green',
  cancelled: 'default',
  withdrawn: 'default',
  merged: 'default',
};

export function StatusTag({ value }: { value: string }) {
  const { label } = useI18n();
  return <Tag color={STATUS_COLOR[value] ?? 'default'}>{label('status', value)}</Tag>;
}

export function Legend() {
  const { label, t } = useI18n();
  return (
    <div className="legend" aria-label={t('legend')}>
      {(Object.keys(TIMELINESS_COLOR) as Timeliness[]).map((k) => (
        <span key={k}>
          <span
            className="sw"
            style={{ background: TIMELINESS_COLOR[k].bg, borderColor: TIMELINESS_COLOR[k].border }}
          />
          {label('timeliness', k)}
        </span>
      ))}
    </div>
  );
}

/**
 * The deadline the list counts against: in force, or — when the list counts against the original deadlines —
 * the original one (its due day), so that the deadline shown is the one its timeliness is judged by.
 */
export function DeadlineText({
  task,
  against = 'current',
}: {
  task: Pick<TaskSummary, 'deadlineKind' | 'deadline' | 'dueDate'> & { originalDueDate?: string | null };
  against?: 'current' | 'original';
}) {
  const { t, label } = useI18n();
  if (task.deadlineKind !== 'fixed' && !task.deadline) return <span>{label('deadlineKind', task.deadlineKind)}</span>;
  if (against === 'original' && task.originalDueDate)
    return <span title={t('originalDeadline')}>{fmtDate(task.originalDueDate)}</span>;
  return <span>{fmtDate(task.deadline ?? task.dueDate)}</span>;
}

/** A short list of tasks for the home pages. */
export function TaskMiniList({ items, empty }: { items: TaskSummary[]; empty: string }) {
  const { t } = useI18n();
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  return (
    <div>
      {items.map((task) => (
        <Link
          key={task.id}
          to={`/tasks/${task.id}`}
          className={`mini-task ${task.timeliness ? `t-${task.timeliness}` : ''}`}
        >
          <div className="mini-content">
            {task.starred ? (
              <StarFilled style={{ color: '#d48806', marginRight: 4 }} aria-label={t('starred')} />
            ) : null}
            {task.content}
          </div>
          <div className="mini-meta">
            <span>{task.code}</span>
            <span>{task.leadAgency?.name}</span>
            <span>
              {t('deadline')}: <DeadlineText task={task} />
            </span>
            <StatusTag value={task.status} />
            {task.timeliness === 'overdue' ? <TimelinessTag value="overdue" overdueDays={task.overdueDays} /> : null}
          </div>
        </Link>
      ))}
    </div>
  );
}

export function StatCard({
  label,
  value,
  to,
  tone,
}: {
  label: ReactNode;
  value: ReactNode;
  to?: string;
  tone?: 'red' | 'orange' | 'blue' | 'green';
}) {
  const { lang } = useI18n();
  const body = (
    <>
      <div className="stat-label">{label}</div>
      {/* Counts with the thousands separator of the language, as the lists and reports print them. */}
      <div className="stat-value">{typeof value === 'number' ? fmtCount(value, lang) : value}</div>
    </>
  );
  const cls = `stat-card ${tone ? `stat-${tone}` : ''}`;
  return to ? (
    <Link to={to} className={cls}>
      {body}
    </Link>
  ) : (
    <div className={cls}>{body}</div>
  );
}
