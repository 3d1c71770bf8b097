/**
 * A report's rows: a table on a desktop (grouped headers as the national reports lay them out, the totals
 * row, sorting, a definition on hover of every header), cards on a phone. Every count links to the tasks
 * behind it (drill.ts).
 */
import { InfoCircleOutlined } from '@ant-design/icons';
import { Empty, Table, Tag, Tooltip } from 'antd';
import type { ColumnGroupType, ColumnType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Report, ReportFigures, ReportRow } from '../../api';
import { fmtCount, fmtDays, fmtRate } from '../../format';
import { useI18n, type Lang } from '../../i18n';
import { drillHref } from './drillHref';

type Fig = keyof ReportFigures;
type Kind = 'count' | 'rate' | 'days' | 'grade';
const KIND: Record<Fig, Kind> = {
  assigned: 'count',
  fallenDue: 'count',
  doneOnTime: 'count',
  doneLate: 'count',
  inTime: 'count',
  overdue: 'count',
  overdueUpTo30: 'count',
  overdue31To90: 'count',
  overdueOver90: 'count',
  noDeadline: 'count',
  routine: 'count',
  open: 'count',
  notUpdated: 'count',
  completionRate: 'rate',
  onTimeRate: 'rate',
  updateRate: 'rate',
  extensionsRequested: 'count',
  extensionsGranted: 'count',
  averageDaysOverdue: 'days',
  grade: 'grade',
};

/** The layout of the columns: groups of figures; `detail` ones only when all columns are shown. */
const LAYOUT: { group?: string; figs: Fig[]; detail?: boolean }[] = [
  { figs: ['assigned', 'fallenDue'] },
  { group: 'done', figs: ['doneOnTime', 'doneLate'] },
  { group: 'open', figs: ['inTime', 'overdue'] },
  { group: 'overdueBy', figs: ['overdueUpTo30', 'overdue31To90', 'overdueOver90'], detail: true },
  { group: 'outside', figs: ['noDeadline', 'routine'], detail: true },
  { group: 'updates', figs: ['open', 'notUpdated'], detail: true },
  { group: 'rates', figs: ['completionRate', 'onTimeRate', 'updateRate'] },
  { group: 'extensions', figs: ['extensionsRequested', 'extensionsGranted'], detail: true },
  { figs: ['averageDaysOverdue'], detail: true },
  { figs: ['grade'] },
];

export const GRADE_TAG: Record<NonNullable<ReportFigures['grade']>, string> = {
  excellent: 'green',
  good: 'cyan',
  fair: 'gold',
  poor: 'red',
};

/** One figure of one row (or of the totals when `row` is absent), linked when it is a count. */
export function FigureValue({ report, fig, row, lang }: { report: Report; fig: Fig; row?: ReportRow; lang: Lang }) {
  const { label } = useI18n();
  const src: ReportFigures = row ?? report.totals;
  const kind = KIND[fig];
  if (kind === 'grade') {
    const g = src.grade;
    return g ? <Tag color={GRADE_TAG[g]}>{label('grade', g)}</Tag> : <span className="muted">—</span>;
  }
  if (kind === 'rate') return <span>{fmtRate(src[fig] as number | null, lang)}</span>;
  if (kind === 'days') return <span>{fmtDays(src[fig] as number | null, lang)}</span>;
  const n = src[fig] as number;
  const href = drillHref(report, fig, row);
  if (!href || n === 0) return <span className={n === 0 ? 'muted' : undefined}>{fmtCount(n, lang)}</span>;
  return (
    <Link to={href} className="fig-link" data-figure={fig}>
      {fmtCount(n, lang)}
    </Link>
  );
}

/** A figure's name with its definition on hover (and on focus, for the keyboard). */
export function FigureHead({ report, fig }: { report: Report; fig: Fig }) {
  const { label } = useI18n();
  const def = report.definitions[fig];
  return (
    <Tooltip title={def}>
      <span className="fig-head" tabIndex={def ? 0 : undefined} aria-description={def}>
        {label('figure', fig)}
        {def ? <InfoCircleOutlined className="fig-info" aria-hidden /> : null}
      </span>
    </Tooltip>
  );
}

export function ReportTable({
  report,
  allColumns,
  phone,
  rowLabel,
}: {
  report: Report;
  allColumns: boolean;
  phone: boolean;
  rowLabel: (row: ReportRow) => ReactNode;
}) {
  const { t, label, lang } = useI18n();
  const by = report.params.by;
  if (!report.rows.length)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reportEmpty')} style={{ padding: 24 }} />;

  if (phone) return <ReportCards report={report} rowLabel={rowLabel} />;

  const figCol = (fig: Fig): ColumnType<ReportRow> => ({
    key: fig,
    title: <FigureHead report={report} fig={fig} />,
    align: 'right',
    width: KIND[fig] === 'rate' ? 96 : KIND[fig] === 'grade' ? 92 : 84,
    sorter:
      fig === 'grade'
        ? (a, b) => (a.onTimeRate ?? -1) - (b.onTimeRate ?? -1)
        : (a, b) => ((a[fig] as number | null) ?? -1) - ((b[fig] as number | null) ?? -1),
    sortDirections: ['descend', 'ascend'],
    render: (_: unknown, r: ReportRow) => <FigureValue report={report} fig={fig} row={r} lang={lang} />,
  });
  const columns: (ColumnType<ReportRow> | ColumnGroupType<ReportRow>)[] = [
    {
      key: 'label',
      title: label('reportBy', by),
      fixed: 'left',
      width: by === 'month' ? 100 : 240,
      sorter: (a, b) => a.label.localeCompare(b.label, 'vi'),
      render: (_: unknown, r: ReportRow) => <span className="report-label">{rowLabel(r)}</span>,
    },
  ];
  const shownFigs: Fig[] = [];
  for (const part of LAYOUT) {
    if (part.detail && !allColumns) continue;
    shownFigs.push(...part.figs);
    if (part.group)
      columns.push({ key: part.group, title: label('figureGroup', part.group), children: part.figs.map(figCol) });
    else columns.push(...part.figs.map(figCol));
  }

  return (
    <Table<ReportRow>
      className="report-table"
      size="small"
      bordered
      rowKey={(r) => String(r.key ?? 'none')}
      columns={columns}
      dataSource={report.rows}
      pagination={report.rows.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      summary={() => (
        <Table.Summary>
          <Table.Summary.Row className="report-totals">
            <Table.Summary.Cell index={0} className="report-label">
              <strong>{t('reportTotal')}</strong>
            </Table.Summary.Cell>
            {shownFigs.map((fig, i) => (
              <Table.Summary.Cell key={fig} index={i + 1} align="right">
                <strong>
                  <FigureValue report={report} fig={fig} lang={lang} />
                </strong>
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        </Table.Summary>
      )}
    />
  );
}

/** The figures a phone card shows; the rest are one tap away in the table on a wider screen. */
const CARD_FIGS: Fig[] = [
  'assigned',
  'fallenDue',
  'doneOnTime',
  'doneLate',
  'inTime',
  'overdue',
  'completionRate',
  'onTimeRate',
  'updateRate',
];

function ReportCards({ report, rowLabel }: { report: Report; rowLabel: (row: ReportRow) => ReactNode }) {
  const { label, lang } = useI18n();
  const card = (key: string, title: ReactNode, row?: ReportRow) => {
    const src = row ?? report.totals;
    return (
      <article key={key} className={`report-card${row ? '' : ' report-card-total'}`}>
        <header>
          <span className="report-card-title">{title}</span>
          {src.grade ? <Tag color={GRADE_TAG[src.grade]}>{label('grade', src.grade)}</Tag> : null}
        </header>
        <dl>
          {CARD_FIGS.map((fig) => (
            <div key={fig}>
              <dt>
                <FigureHead report={report} fig={fig} />
              </dt>
              <dd>
                <FigureValue report={report} fig={fig} row={row} lang={lang} />
              </dd>
            </div>
          ))}
        </dl>
      </article>
    );
  };
  // The totals are the summary cards above the list.
  return <div className="report-cards">{report.rows.map((r) => card(String(r.key ?? 'none'), rowLabel(r), r))}</div>;
}
