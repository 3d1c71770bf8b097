/**
 * The report page: the parameters (period by assignment date or deadline, cut-off date, current or original
 * deadline, lead role only or also coordinating, agency kinds, one agency, one leader) kept in the address,
 * a table per dimension (agency, leader, field, specialist, document, month), the charts (loaded on demand),
 * saved parameters (saved views of kind 'report') and the exports. Every count opens the tasks behind it.
 */
import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, DatePicker, Grid, Row, Select, Space, Spin, Tabs, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useMemo, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type ReportDimension, type ReportFigures, type ReportRow } from '../../api';
import { ReportExportButtons, UrgingLetterButton } from '../../components/Exports';
import { AgainstSelect, csv, FilterField, useFilterOptions } from '../../components/FilterFields';
import { SavedViews } from '../../components/SavedViews';
import { pickerProps } from '../../pickers';
import { StatCard } from '../../components/TaskBits';
import { DATE_FORMAT, fmtDate, fmtDateTime, fmtRate, fmtCount, todayIso } from '../../format';
import { isAgency, isOffice, LoadError, Page, useInView, useMe } from '../../hooks';
import { queries } from '../../queries';
import { codesOf, useI18n } from '../../i18n';
import { REPORT_DIMENSIONS } from '../../../../src/resources/reports/types.js';
import { apiQuery, dimensionOf, exportQuery, periodChoices, periodLabel, stateOf, type ReportState } from './drill';
import { drillHref } from './drillHref';
import { FigureHead, ReportTable } from './ReportTable';
import './reports.css';

const ReportCharts = lazy(() => import('./ReportCharts'));

export default function Reports() {
  const me = useMe();
  const { t, label, lang } = useI18n();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const [params, setParams] = useSearchParams();
  const [allColumns, setAllColumns] = useState(false);
  const [showParams, setShowParams] = useState(false);

  const state = useMemo(() => stateOf(params), [params]);
  const by = dimensionOf(state);
  const query = useMemo(() => apiQuery(state), [state]);
  // Only what is on screen is computed: the tab's report; the charts' trend (by month) and ranking (by
  // agency) once the charts come into view. Each is kept per parameters: a tab seen again is not read again.
  const report = useQuery(queries.report(by, query));
  const [chartsRef, chartsSeen] = useInView<HTMLDivElement>();
  const months = useQuery({ ...queries.report('month', query), enabled: chartsSeen && by !== 'month' });
  const agencies = useQuery({ ...queries.report('agency', query), enabled: chartsSeen && by !== 'agency' });

  const update = (patch: ReportState) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: false });
  };

  const today = todayIso();
  const periods = periodChoices(today);
  const periodValue = state.period ?? (state.from || state.to ? 'custom' : 'all');
  const d = (v: string | undefined) => (v ? dayjs(v) : null);
  const { agencyOptions, leaderOptions } = useFilterOptions();

  const data = report.data;
  const monthsReport = by === 'month' ? data : months.data;
  const agencyReport = by === 'agency' ? data : agencies.data;

  const mayUrge = (agencyId: number) =>
    isOffice(me) || me.role === 'leader' || (isAgency(me) && me.agencyId === agencyId);
  const rowLabel = (r: ReportRow): ReactNode => {
    if (r.key === null) return <span className="muted">{r.label || t('reportNone')}</span>;
    if (by === 'document') return <Link to={`/documents/${r.key}`}>{r.label}</Link>;
    // An agency with overdue tasks: its urging letter, for those the server gives it to.
    if (by === 'agency' && typeof r.key === 'number' && r.overdue > 0 && mayUrge(r.key))
      return (
        <span className="report-label-with-action">
          {r.label}
          <UrgingLetterButton agencyId={r.key} agencyName={r.label} asOf={query.asOf} />
        </span>
      );
    return r.label;
  };

  const periodText =
    periodValue === 'all'
      ? t('periodAll')
      : state.period
        ? periods.find((p) => p.key === state.period)
          ? periodLabel(
              periods.find((p) => p.key === state.period)!,
              lang,
            )
          : state.period
        : `${fmtDate(query.from)} – ${fmtDate(query.to)}`;

  const paramsForm = (
    <div className="filters report-params" role="search" aria-label={t('reportPeriod')}>
      <Row gutter={12}>
        <FilterField xs={24} sm={12} lg={6} label={t('reportPeriod')} htmlFor="r-period">
          <Select
            id="r-period"
            value={periodValue}
            onChange={(v: string) =>
              update(
                v === 'all'
                  ? { period: undefined, from: undefined, to: undefined }
                  : v === 'custom'
                    ? { period: undefined, from: query.from ?? `${today.slice(0, 4)}-01-01`, to: query.to ?? today }
                    : { period: v, from: undefined, to: undefined },
              )
            }
            options={[
              { value: 'all', label: t('periodAll') },
              ...periods.map((p) => ({ value: p.key, label: periodLabel(p, lang) })),
              { value: 'custom', label: t('periodCustom') },
            ]}
          />
        </FilterField>
        {periodValue === 'custom' ? (
          <FilterField xs={24} sm={12} lg={6} label={t('periodFromTo')} htmlFor="r-range">
            <DatePicker.RangePicker
              id="r-range"
              format={DATE_FORMAT}
              allowEmpty={[true, true]}
              value={[d(state.from), d(state.to)]}
              onChange={(v) =>
                update({
                  from: v?.[0] ? v[0].format('YYYY-MM-DD') : undefined,
                  to: v?.[1] ? v[1].format('YYYY-MM-DD') : undefined,
                })
              }
              style={{ width: '100%' }}
            />
          </FilterField>
        ) : null}
        <FilterField xs={12} sm={12} lg={4} label={t('periodBy')} htmlFor="r-periodby">
          <Select
            id="r-periodby"
            value={state.periodBy ?? 'assigned'}
            disabled={periodValue === 'all'}
            onChange={(v: string) => update({ periodBy: v === 'assigned' ? undefined : v })}
            options={[
              { value: 'assigned', label: t('periodByAssigned') },
              { value: 'due', label: t('periodByDue') },
            ]}
          />
        </FilterField>
        <FilterField xs={12} sm={12} lg={4} label={t('cutOff')} htmlFor="r-asof">
          <DatePicker
            id="r-asof"
            format={DATE_FORMAT}
            value={d(state.asOf)}
            placeholder={fmtDate(data?.params.asOf ?? today)}
            disabledDate={(x) => x.format('YYYY-MM-DD') > today}
            onChange={(v) => update({ asOf: v ? v.format('YYYY-MM-DD') : undefined })}
            style={{ width: '100%' }}
          />
        </FilterField>
        <FilterField xs={12} sm={12} lg={4} label={t('against')} htmlFor="r-against">
          <AgainstSelect id="r-against" value={state.against} onChange={(v) => update({ against: v })} />
        </FilterField>
        <FilterField xs={12} sm={12} lg={4} label={t('countRole')} htmlFor="r-role">
          <Select
            id="r-role"
            value={state.role ?? 'lead'}
            onChange={(v: string) => update({ role: v === 'lead' ? undefined : v })}
            options={[
              { value: 'lead', label: t('countRoleLead') },
              { value: 'any', label: t('countRoleAny') },
            ]}
          />
        </FilterField>
        <FilterField xs={24} sm={12} lg={6} label={t('agencyKinds')} htmlFor="r-kinds">
          <Select
            id="r-kinds"
            mode="multiple"
            allowClear
            value={csv(state.agencyKind)}
            onChange={(v: string[]) => update({ agencyKind: v.join(',') })}
            options={codesOf('agencyKind').map((c) => ({ value: c, label: label('agencyKind', c) }))}
          />
        </FilterField>
        {!isAgency(me) ? (
          <FilterField xs={24} sm={12} lg={7} label={t('oneAgency')} htmlFor="r-agency">
            <Select
              id="r-agency"
              allowClear
              {...pickerProps}
              value={state.agencyId}
              onChange={(v: string | undefined) => update({ agencyId: v })}
              options={agencyOptions}
            />
          </FilterField>
        ) : null}
        <FilterField xs={24} sm={12} lg={7} label={t('oneLeader')} htmlFor="r-leader">
          <Select
            id="r-leader"
            allowClear
            {...pickerProps}
            value={state.leaderId}
            onChange={(v: string | undefined) => update({ leaderId: v })}
            options={leaderOptions}
          />
        </FilterField>
      </Row>
    </div>
  );

  const summaryFigs: (keyof ReportFigures)[] = ['assigned', 'fallenDue', 'doneOnTime', 'doneLate', 'inTime', 'overdue'];

  return (
    <Page
      title={t('reportsTitle')}
      extra={
        <Space wrap size={[8, 8]} className="report-exports">
          {/* Background exports with the report's parameters (POST /api/exports): see exportQuery. */}
          <ReportExportButtons
            request={(ext) => ({
              kind: ext === 'xlsx' ? 'report-xlsx' : 'report-docx',
              by,
              query: exportQuery(state, ext, data?.params.asOf),
            })}
          />
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12, width: '100%' }}>
        {phone ? (
          <Button icon={<SettingOutlined />} onClick={() => setShowParams((s) => !s)} aria-expanded={showParams}>
            {t('reportPeriod')}: {periodText}
          </Button>
        ) : null}
        <SavedViews
          kind="report"
          current={() => ({
            query: Object.fromEntries(Object.entries(state).filter((e): e is [string, string] => !!e[1])),
            columns: allColumns ? ['all'] : [],
          })}
          onApply={(v) => {
            setParams(new URLSearchParams(v.query));
            setAllColumns(v.columns.includes('all'));
          }}
        />
      </Space>
      {!phone || showParams ? paramsForm : null}
      {isAgency(me) ? <p className="muted">{t('reportAgencyOnly')}</p> : null}

      <Tabs
        activeKey={by}
        onChange={(k) => update({ by: k === 'agency' ? undefined : k })}
        items={REPORT_DIMENSIONS.map((dim: ReportDimension) => ({
          key: dim,
          label: t('dimensionBy', { d: label('reportBy', dim).toLowerCase() }),
        }))}
        className="report-tabs"
      />

      {report.error ? <LoadError error={report.error} onRetry={() => void report.refetch()} /> : null}
      {!data ? (
        report.isFetching ? (
          <div style={{ padding: 48, textAlign: 'center' }} role="status">
            <Spin />
          </div>
        ) : null
      ) : (
        <Spin spinning={report.isFetching}>
          <p className="muted report-meta" aria-live="polite">
            {t('reportComputedAt', { d: fmtDate(data.params.asOf), t: fmtDateTime(data.computedAt) })}{' '}
            {t('reportDrillHint')}
          </p>
          <div className="stat-grid report-summary">
            {summaryFigs.map((fig) => (
              <StatCard
                key={fig}
                label={<FigureHead report={data} fig={fig} />}
                value={fmtCount(data.totals[fig] as number, lang)}
                to={drillHref(data, fig) ?? undefined}
                tone={
                  fig === 'overdue' ? 'red' : fig === 'doneLate' ? 'orange' : fig === 'doneOnTime' ? 'green' : undefined
                }
              />
            ))}
            {(['completionRate', 'onTimeRate'] as const).map((fig) => (
              <Tooltip key={fig} title={data.definitions[fig]}>
                <div className="stat-card stat-green" tabIndex={0}>
                  <div className="stat-label">{label('figure', fig)}</div>
                  <div className="stat-value">{fmtRate(data.totals[fig], lang)}</div>
                </div>
              </Tooltip>
            ))}
          </div>
          {!phone ? (
            <div style={{ margin: '8px 0' }}>
              <Checkbox checked={allColumns} onChange={(e) => setAllColumns(e.target.checked)}>
                {t('showAllColumns')}
              </Checkbox>
            </div>
          ) : null}
          <ReportTable report={data} allColumns={allColumns} phone={phone} rowLabel={rowLabel} />
          <h2 className="report-section">{t('charts')}</h2>
          <div ref={chartsRef}>
            <Suspense
              fallback={
                <div style={{ padding: 24, textAlign: 'center' }}>
                  <Spin />
                </div>
              }
            >
              {chartsSeen ? <ReportCharts report={data} months={monthsReport} agencies={agencyReport} /> : null}
            </Suspense>
          </div>
        </Spin>
      )}
    </Page>
  );
}
