/**
 * The published results (/ket-qua), without sign-in, when the admin turns them on: each lead agency's
 * aggregate figures for a closed quarter, half-year or year (`GET /api/public/results`). Never task content.
 */
import { Alert, Button, Empty, Grid, Select, Spin, Table, Tag, Tooltip } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, type PublicResults as Results } from '../../api';
import { fmtCount, fmtDate, fmtRate } from '../../format';
import { queries } from '../../queries';
import { useI18n } from '../../i18n';
import { parsePeriod } from '../../../../src/domain/periods.js';
import { periodLabel } from './drill';
import { GRADE_TAG } from './ReportTable';
import './reports.css';

type Row = Results['rows'][number];
type PublicFigures = Results['totals'];
type CardRow = Omit<Row, 'key'> & { key: number | null };
const FIGS: (keyof PublicFigures)[] = [
  'assigned',
  'fallenDue',
  'doneOnTime',
  'doneLate',
  'inTime',
  'overdue',
  'completionRate',
  'onTimeRate',
  'grade',
];

export default function PublicResults() {
  const { t, label, lang, setLang } = useI18n();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const [period, setPeriod] = useState<string | undefined>(
    () => new URLSearchParams(window.location.search).get('period') ?? undefined,
  );
  const res = useQuery(queries.publicResults(period));
  const choose = (p: string) => {
    const u = new URL(window.location.href);
    u.searchParams.set('period', p);
    window.history.replaceState(null, '', u);
    setPeriod(p);
  };
  // 404: the admin has not turned the published results on.
  const off = res.error instanceof ApiError && res.error.status === 404;
  const data = res.data;

  const value = (r: PublicFigures, fig: keyof PublicFigures) => {
    if (fig === 'grade') return r.grade ? <Tag color={GRADE_TAG[r.grade]}>{label('grade', r.grade)}</Tag> : '—';
    const v = r[fig];
    if (fig === 'completionRate' || fig === 'onTimeRate') return fmtRate(v as number | null, lang);
    return fmtCount(v as number, lang);
  };
  const head = (fig: keyof PublicFigures) => (
    <Tooltip title={data?.definitions[fig]}>
      <span className="fig-head">{label('figure', fig)}</span>
    </Tooltip>
  );
  const columns: ColumnType<Row>[] = [
    { key: 'rank', title: '#', width: 48, align: 'right', render: (_: unknown, __: Row, i: number) => i + 1 },
    { key: 'label', title: label('reportBy', 'agency'), render: (_: unknown, r: Row) => r.label },
    ...FIGS.map((fig): ColumnType<Row> => ({
      key: fig,
      title: head(fig),
      align: 'right',
      width: 96,
      render: (_: unknown, r: Row) => value(r, fig),
    })),
  ];

  return (
    <div>
      <header className="public-head">
        <div
          style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap', maxWidth: 1200, margin: '0 auto' }}
        >
          <h1 style={{ flex: 1, minWidth: 0 }}>{t('publicResults')}</h1>
          <Button
            type="text"
            className="header-btn lang-btn"
            onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}
            lang={lang === 'vi' ? 'en' : 'vi'}
          >
            {lang === 'vi' ? 'EN' : 'VI'}
          </Button>
          <a href="/">{t('backToSignIn')}</a>
        </div>
      </header>
      <main className="public-page">
        {off ? (
          <Alert type="info" showIcon message={t('publicOff')} />
        ) : res.error ? (
          // A period asked by the address that is not open to the public (not closed yet, or not a period):
          // the message, and the way back to the latest closed period.
          <Alert
            type="error"
            showIcon
            message={res.error.message}
            action={
              period !== undefined ? (
                <Button
                  size="small"
                  onClick={() => {
                    const u = new URL(window.location.href);
                    u.searchParams.delete('period');
                    window.history.replaceState(null, '', u);
                    setPeriod(undefined);
                  }}
                >
                  {t('publicLatest')}
                </Button>
              ) : undefined
            }
          />
        ) : !data ? (
          <div style={{ padding: 48, textAlign: 'center' }} role="status">
            <Spin />
          </div>
        ) : (
          <>
            <p>{t('publicResultsIntro')}</p>
            <div style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap', marginBottom: 12 }}>
              <label htmlFor="p-period">{t('publicPeriod')}</label>
              <Select
                id="p-period"
                style={{ minWidth: 220 }}
                value={data.period.key}
                onChange={choose}
                options={data.periods.map((k) => {
                  const p = parsePeriod(k);
                  return { value: k, label: p ? periodLabel(p, lang) : k };
                })}
              />
              <span className="muted">
                {fmtDate(data.period.from)} – {fmtDate(data.period.to)}
              </span>
            </div>
            {data.rows.length === 0 ? (
              <Empty description={t('reportEmpty')} />
            ) : phone ? (
              <div className="report-cards">
                {[{ key: null, label: t('reportTotal'), ...data.totals } as CardRow, ...data.rows].map((r, i) => (
                  <article
                    key={String(r.key ?? 'total')}
                    className={`report-card${i === 0 ? ' report-card-total' : ''}`}
                  >
                    <header>
                      <span className="report-card-title">
                        {i > 0 ? `${i}. ` : ''}
                        {r.label}
                      </span>
                      {r.grade ? <Tag color={GRADE_TAG[r.grade]}>{label('grade', r.grade)}</Tag> : null}
                    </header>
                    <dl>
                      {FIGS.filter((f) => f !== 'grade').map((fig) => (
                        <div key={fig}>
                          <dt>{label('figure', fig)}</dt>
                          <dd>{value(r, fig)}</dd>
                        </div>
                      ))}
                    </dl>
                  </article>
                ))}
              </div>
            ) : (
              <Table<Row>
                className="report-table"
                size="small"
                bordered
                rowKey={(r) => String(r.key)}
                columns={columns}
                dataSource={data.rows}
                pagination={false}
                scroll={{ x: 'max-content' }}
                summary={() => (
                  <Table.Summary.Row className="report-totals">
                    <Table.Summary.Cell index={0} />
                    <Table.Summary.Cell index={1}>
                      <strong>{t('reportTotal')}</strong>
                    </Table.Summary.Cell>
                    {FIGS.map((fig, i) => (
                      <Table.Summary.Cell key={fig} index={i + 2} align="right">
                        <strong>{value(data.totals, fig)}</strong>
                      </Table.Summary.Cell>
                    ))}
                  </Table.Summary.Row>
                )}
              />
            )}
          </>
        )}
      </main>
    </div>
  );
}
