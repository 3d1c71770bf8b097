/**
 * The task list's active filters as tags that can be cleared one by one — also the ones the list page has
 * no control for, such as those a report's figure adds when it opens the tasks behind it (assignment
 * period, counted only, overdue days…), so nobody wonders why the list holds what it holds.
 */
import { Tag } from 'antd';
import type { RefData } from '../hooks';
import { fmtDate } from '../format';
import { useI18n, type LabelGroup } from '../i18n';

const CODE_GROUP: Record<string, LabelGroup> = {
  timeliness: 'timeliness',
  status: 'status',
  deadlineKind: 'deadlineKind',
  agencyKind: 'agencyKind',
};
const DATE_KEYS = new Set(['asOf', 'dueFrom', 'dueTo', 'assignedFrom', 'assignedTo']);

export function ActiveFilters({
  query,
  keys,
  refData: ref,
  onClear,
}: {
  query: Record<string, string>;
  /** The keys to show, in this order. */
  keys: string[];
  refData: RefData | undefined;
  onClear: (key: string) => void;
}) {
  const { t, label } = useI18n();
  const shown = keys.filter((k) => query[k]);
  if (!shown.length) return null;

  const names = (k: string, v: string): string => {
    const ids = v.split(',');
    const pick = (list: { id: number }[] | undefined, name: (x: never) => string) =>
      ids
        .map((id) => {
          if (id === 'none') return t('filterNone');
          const x = list?.find((r) => r.id === Number(id));
          return x ? name(x as never) : `#${id}`;
        })
        .join(', ');
    if (k === 'agencyId') return pick(ref?.agencies, (a: { name: string }) => a.name);
    if (k === 'leaderId') return pick(ref?.leaders, (l: { fullName: string }) => l.fullName);
    if (k === 'fieldId') return pick(ref?.fields, (f: { name: string }) => f.name);
    if (k === 'specialistId') return pick(ref?.specialists, (u: { fullName: string }) => u.fullName);
    if (k === 'documentId' || k === 'parentId') return v === 'none' ? t('filterNone') : `#${v}`;
    const group = CODE_GROUP[k];
    if (group)
      return v
        .split(',')
        .map((c) => label(group, c))
        .join(', ');
    if (DATE_KEYS.has(k)) return fmtDate(v);
    if (k === 'assignedMonth') return `${v.slice(5, 7)}/${v.slice(0, 4)}`;
    if (k === 'against') return v === 'original' ? t('againstOriginal') : t('againstCurrent');
    if (k === 'agencyRole')
      return v === 'lead' ? t('roleLead') : v === 'coordinating' ? t('roleCoordinating') : t('roleAny');
    if (v === 'true') return '';
    if (v === 'false') return t('no');
    return v;
  };

  return (
    <div className="active-filters" aria-label={t('activeFilters')} style={{ marginBottom: 8 }}>
      <span className="muted" style={{ marginRight: 6 }}>
        {t('activeFilters')}:
      </span>
      {shown.map((k) => {
        const value = names(k, query[k]!);
        return (
          <Tag
            key={k}
            closable
            onClose={(e) => {
              e.preventDefault();
              onClear(k);
            }}
            data-filter={k}
            style={{ marginBottom: 4, whiteSpace: 'normal' }}
          >
            {label('filterParam', k)}
            {value ? `: ${value}` : ''}
          </Tag>
        );
      })}
    </div>
  );
}
