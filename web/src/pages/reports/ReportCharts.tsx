/**
 * The report's charts, loaded on demand with only the parts of ECharts they use (core, bar, line, pie, the
 * grid/tooltip/legend components, the SVG renderer), so ECharts never reaches the first page's JavaScript.
 * Three charts: the categories of the totals, the monthly trend of the on-time rate, and the agencies
 * ranked by on-time rate coloured by grade. Readable at 390 px: fewer and rotated labels, horizontal bars.
 * A click on a slice or a bar opens the tasks behind it.
 */
import { Card, Empty, Grid, Spin } from 'antd';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import type { Report, ReportFigures, ReportRow } from '../../api';
import { fmtRate } from '../../format';
import { useI18n } from '../../i18n';
import { drillHref } from './drillHref';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

type Option = Parameters<echarts.ECharts['setOption']>[0];

/** One chart: created on mount, updated with its option, resized with its box, disposed on unmount. */
function EChart({
  option,
  height,
  label,
  onClick,
}: {
  option: Option;
  height: number;
  label: string;
  onClick?: (p: { dataIndex: number; seriesIndex?: number }) => void;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;
  useEffect(() => {
    const c = echarts.init(el.current!, null, { renderer: 'svg' });
    chart.current = c;
    c.on('click', (p) => click.current?.(p as { dataIndex: number; seriesIndex?: number }));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current!);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  return <div ref={el} style={{ width: '100%', height }} role="img" aria-label={label} />;
}

/** The colours of the four categories, as in the task list's legend (TaskBits). */
const CATEGORY_COLOR: Record<'doneOnTime' | 'doneLate' | 'inTime' | 'overdue', string> = {
  doneOnTime: '#52c41a',
  doneLate: '#fa8c16',
  inTime: '#1677ff',
  overdue: '#f5222d',
};
export const GRADE_COLOR: Record<NonNullable<ReportFigures['grade']>, string> = {
  excellent: '#237804',
  good: '#52c41a',
  fair: '#faad14',
  poor: '#cf1322',
};

export default function ReportCharts({
  report,
  months,
  agencies,
}: {
  report: Report;
  /** The same report by month (the trend) and by agency (the ranking); undefined while loading. */
  months: Report | undefined;
  agencies: Report | undefined;
}) {
  const { t, label, lang } = useI18n();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const go = (r: Report, col: keyof ReportFigures, row?: ReportRow) => {
    const href = drillHref(r, col, row);
    if (href) navigate(href);
  };
  const pct = (v: number | null) => (v === null ? null : Math.floor(v * 10_000 + 1e-6) / 100);

  // 1. Categories of the totals.
  const cats = (['doneOnTime', 'doneLate', 'inTime', 'overdue'] as const).map((k) => ({
    key: k,
    name: label('figure', k),
    value: report.totals[k],
    itemStyle: { color: CATEGORY_COLOR[k] },
  }));
  const catTotal = cats.reduce((s, c) => s + c.value, 0);
  const catOption: Option = {
    tooltip: { trigger: 'item', valueFormatter: (v: unknown) => Number(v).toLocaleString('vi-VN') },
    legend: { bottom: 0, left: 'center', itemWidth: 12, textStyle: { fontSize: phone ? 11 : 12 } },
    series: [
      {
        type: 'pie',
        radius: phone ? ['35%', '60%'] : ['38%', '64%'],
        center: ['50%', '44%'],
        label: { show: !phone, formatter: '{c} ({d}%)' },
        data: cats,
      },
    ],
  };

  // 2. Monthly trend of the on-time rate (and the completion rate).
  const mrows = months?.rows.filter((r) => r.key !== null) ?? [];
  const trendOption: Option = {
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) => (v === null || v === undefined ? '—' : fmtRate(Number(v) / 100, lang)),
    },
    legend: { top: 0, textStyle: { fontSize: phone ? 11 : 12 } },
    grid: { left: 44, right: 12, top: 36, bottom: phone ? 56 : 36 },
    xAxis: {
      type: 'category',
      // On a phone, months as "03/26" and only as many as fit: "Tháng 03/2026" × 25 cannot be read at 390 px.
      data: mrows.map((r) =>
        phone && typeof r.key === 'string' ? `${r.key.slice(5, 7)}/${r.key.slice(2, 4)}` : r.label,
      ),
      axisLabel: {
        rotate: phone || mrows.length > 12 ? 45 : 0,
        // At most about 6 labels on a phone, 24 on a wider screen.
        interval: Math.max(0, Math.ceil(mrows.length / (phone ? 6 : 24)) - 1),
        fontSize: 11,
      },
    },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: label('figure', 'onTimeRate'),
        type: 'line',
        smooth: false,
        connectNulls: true,
        itemStyle: { color: '#0b4f9c' },
        data: mrows.map((r) => pct(r.onTimeRate)),
      },
      {
        name: label('figure', 'completionRate'),
        type: 'line',
        connectNulls: true,
        lineStyle: { type: 'dashed' },
        itemStyle: { color: '#8c8c8c' },
        data: mrows.map((r) => pct(r.completionRate)),
      },
    ],
  };

  // 3. Agencies ranked by on-time rate, coloured by grade (horizontal bars: names stay readable on a phone).
  const ranked = (agencies?.rows ?? [])
    .filter((r) => r.key !== null && r.onTimeRate !== null)
    .sort((a, b) => (b.onTimeRate ?? 0) - (a.onTimeRate ?? 0) || b.fallenDue - a.fallenDue);
  const top = ranked.slice(0, phone ? 15 : 30);
  const nameWidth = phone ? 110 : 220;
  const rankOption: Option = {
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const r = top[(p as { dataIndex: number }).dataIndex];
        if (!r) return '';
        const g = r.grade ? label('grade', r.grade) : '—';
        return `${r.label}<br/>${label('figure', 'onTimeRate')}: ${fmtRate(r.onTimeRate, lang)}<br/>${label('figure', 'fallenDue')}: ${r.fallenDue.toLocaleString('vi-VN')}<br/>${label('figure', 'grade')}: ${g}`;
      },
    },
    // Room on the right for the longest label, "100,00 %".
    grid: { left: nameWidth + 8, right: 68, top: 8, bottom: 24 },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%', fontSize: 11 } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: top.map((r) => r.label),
      axisLabel: { width: nameWidth, overflow: 'truncate', fontSize: phone ? 11 : 12 },
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 18,
        data: top.map((r) => ({
          value: pct(r.onTimeRate),
          itemStyle: { color: r.grade ? GRADE_COLOR[r.grade] : '#bfbfbf' },
        })),
        label: {
          show: true,
          position: 'right',
          fontSize: 11,
          formatter: (p: unknown) => fmtRate(top[(p as { dataIndex: number }).dataIndex]?.onTimeRate, lang),
        },
      },
    ],
  };

  const none = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('chartNoData')} />;
  const wait = (
    <div style={{ padding: 24, textAlign: 'center' }} role="status" aria-label={t('loading')}>
      <Spin />
    </div>
  );
  return (
    <div className="report-charts">
      <Card size="small" title={<h2 className="card-title">{t('chartCategories')}</h2>}>
        {catTotal === 0 ? (
          none
        ) : (
          <EChart
            option={catOption}
            height={phone ? 300 : 280}
            label={`${t('chartCategories')}: ${cats.map((c) => `${c.name} ${c.value}`).join(', ')}`}
            onClick={(p) => go(report, cats[p.dataIndex]!.key)}
          />
        )}
      </Card>
      <Card size="small" title={<h2 className="card-title">{t('chartTrend')}</h2>}>
        {!months ? (
          wait
        ) : mrows.length === 0 ? (
          none
        ) : (
          <EChart
            option={trendOption}
            height={phone ? 280 : 280}
            label={`${t('chartTrend')}: ${mrows.map((r) => `${r.label} ${fmtRate(r.onTimeRate, lang)}`).join(', ')}`}
          />
        )}
      </Card>
      <Card
        size="small"
        className="report-chart-wide"
        title={<h2 className="card-title">{t('chartRanking')}</h2>}
        extra={
          !phone && ranked.length > top.length ? (
            <span className="muted">{t('chartRankingTop', { n: top.length, m: ranked.length })}</span>
          ) : null
        }
      >
        {/* On a phone the note goes under the title, which it would squeeze out of the header. */}
        {phone && agencies && ranked.length > top.length ? (
          <p className="muted" style={{ margin: '0 0 4px' }}>
            {t('chartRankingTop', { n: top.length, m: ranked.length })}
          </p>
        ) : null}
        {!agencies ? (
          wait
        ) : top.length === 0 ? (
          none
        ) : (
          <EChart
            option={rankOption}
            height={top.length * (phone ? 26 : 24) + 40}
            label={`${t('chartRanking')}: ${top.map((r) => `${r.label} ${fmtRate(r.onTimeRate, lang)}`).join(', ')}`}
            onClick={(p) => agencies && go(agencies, 'fallenDue', top[p.dataIndex])}
          />
        )}
        <div className="grade-legend" aria-label={label('figure', 'grade')}>
          {(Object.keys(GRADE_COLOR) as (keyof typeof GRADE_COLOR)[]).map((g) => (
            <span key={g}>
              <span className="sw" style={{ background: GRADE_COLOR[g] }} />
              {label('grade', g)}
            </span>
          ))}
        </div>
      </Card>
    </div>
  );
}
