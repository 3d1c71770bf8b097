/** Lists on a phone: one card per task (code, content, lead agency, deadline, status, timeliness). */
import { Empty, Grid } from 'antd';
import { Link } from 'react-router';
import type { TaskSummary } from '../api';
import { useI18n } from '../i18n';
import { DeadlineText, StatusTag, TimelinessTag } from './TaskBits';

/** True below antd's `md` breakpoint (768 px): lists become cards. */
export function useIsPhone(): boolean {
  const bp = Grid.useBreakpoint();
  return bp.md === false;
}

export function TaskCards({ items, empty }: { items: TaskSummary[]; empty?: string }) {
  const { t } = useI18n();
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty ?? t('noTasks')} />;
  return (
    <ul className="card-list">
      {items.map((r) => (
        <li key={r.id} className={`item-card${r.timeliness ? ` t-${r.timeliness}` : ''}`}>
          <div className="item-card-head">
            <Link to={`/tasks/${r.id}`}>{r.code}</Link>
            <StatusTag value={r.status} />
          </div>
          <Link to={`/tasks/${r.id}`} className="item-card-text clamp-3">
            {r.content}
          </Link>
          <div className="item-card-meta">
            <span>{r.leadAgency?.name}</span>
            <span>
              {t('deadline')}: <DeadlineText task={r} />
            </span>
          </div>
          <TimelinessTag value={r.timeliness} overdueDays={r.overdueDays} />
        </li>
      ))}
    </ul>
  );
}
