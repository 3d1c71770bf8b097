/**
 * A month view of deadlines, filterable like the task list (the same address parameters): per-day counts of
 * every task of the month from the server (GET /api/tasks/calendar), the day's tasks on click.
 */
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Badge, Button, Calendar, Drawer, Grid, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { DeadlineDay } from '../api';
import { Legend, TaskMiniList, TIMELINESS_COLOR } from '../components/TaskBits';
import { fmtDate } from '../format';
import { LoadError, Page, useRefData } from '../hooks';
import { queries } from '../queries';
import { codesOf, useI18n } from '../i18n';
import { agencyOption, pickerProps } from '../pickers';

export default function DeadlineCalendar() {
  const { t, label } = useI18n();
  const screens = Grid.useBreakpoint();
  const [params, setParams] = useSearchParams();
  const ref = useRefData();
  const month = params.get('month') ? dayjs(`${params.get('month')}-01`) : dayjs().startOf('month');
  const [day, setDay] = useState<string | null>(null);
  const filters = Object.fromEntries([...params.entries()].filter(([k]) => k !== 'month'));
  const list = useQuery(queries.deadlineCalendar({ ...filters, month: month.format('YYYY-MM') }));
  const byDay = new Map<string, DeadlineDay>((list.data ?? []).map((d) => [d.date, d]));
  const dayList = useQuery({
    ...queries.tasks({ ...filters, dueFrom: day, dueTo: day, pageSize: 200, sort: 'due' }),
    enabled: !!day,
    placeholderData: undefined,
  });
  const set = (k: string, v?: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next);
  };
  const cell = (d: Dayjs) => {
    const c = byDay.get(d.format('YYYY-MM-DD'));
    if (!c || d.format('YYYY-MM') !== month.format('YYYY-MM')) return null;
    if (!screens.md) return <Badge count={c.count} overflowCount={999} color={c.overdue ? '#cf1322' : '#0b4f9c'} />;
    const open = c.count - c.overdue - c.done;
    const part = (n: number, k: keyof typeof TIMELINESS_COLOR, text: string) =>
      n ? (
        <li style={{ background: TIMELINESS_COLOR[k].bg, color: TIMELINESS_COLOR[k].color }}>
          {n} {text}
        </li>
      ) : null;
    return (
      <ul className="cal-cell-list" aria-label={t('nTasks', { n: c.count })}>
        {part(c.overdue, 'overdue', label('timeliness', 'overdue').toLowerCase())}
        {part(open, 'in_progress_on_time', t('inTimeShort'))}
        {part(c.done, 'done_on_time', t('completedShort'))}
      </ul>
    );
  };
  return (
    <Page title={t('deadlineCalendar')}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Select
          allowClear
          placeholder={t('agency')}
          aria-label={t('agency')}
          {...pickerProps}
          style={{ minWidth: 240 }}
          value={params.get('agencyId') ?? undefined}
          onChange={(v?: string) => set('agencyId', v)}
          options={(ref.data?.agencies ?? []).map((a) => ({ ...agencyOption(a), value: String(a.id) }))}
        />
        <Select
          allowClear
          placeholder={t('timeliness')}
          aria-label={t('timeliness')}
          style={{ minWidth: 220 }}
          value={params.get('timeliness') ?? undefined}
          onChange={(v?: string) => set('timeliness', v)}
          options={codesOf('timeliness').map((c) => ({ value: c, label: label('timeliness', c) }))}
        />
        <Select
          allowClear
          placeholder={t('leader')}
          aria-label={t('leader')}
          style={{ minWidth: 200 }}
          value={params.get('leaderId') ?? undefined}
          onChange={(v?: string) => set('leaderId', v)}
          options={(ref.data?.leaders ?? []).map((l) => ({ value: String(l.id), label: l.fullName }))}
        />
        <Link
          to={`/tasks?${new URLSearchParams({ ...filters, dueFrom: month.startOf('month').format('YYYY-MM-DD'), dueTo: month.endOf('month').format('YYYY-MM-DD') }).toString()}`}
        >
          <Button>{t('viewAll')}</Button>
        </Link>
      </Space>
      <Legend />
      {list.error ? <LoadError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <div style={{ background: '#fff', borderRadius: 8, padding: 8, border: '1px solid #e5e8ec' }}>
        <Calendar
          // Until a day is chosen, no cell looks selected (styles.css).
          className={day ? undefined : 'no-day-chosen'}
          // The day chosen, else today when it is in the month shown, else the month's first day (antd marks
          // its value as selected: the 1st must not look chosen when nobody chose it).
          value={
            day && day.startsWith(month.format('YYYY-MM'))
              ? dayjs(day)
              : month.isSame(dayjs(), 'month')
                ? dayjs().startOf('day')
                : month
          }
          fullscreen={!!screens.md}
          onPanelChange={(d) => set('month', d.format('YYYY-MM'))}
          onSelect={(d, info) => {
            if (info.source === 'date') setDay(d.format('YYYY-MM-DD'));
            if (d.format('YYYY-MM') !== month.format('YYYY-MM')) set('month', d.format('YYYY-MM'));
          }}
          cellRender={(d, info) => (info.type === 'date' ? cell(d) : info.originNode)}
          // The month and year pickers with their names (antd's own header leaves its selects unlabelled).
          headerRender={({ value, onChange }) => (
            <Space wrap style={{ padding: 8, justifyContent: 'flex-end', width: '100%' }}>
              <Button
                aria-label={t('prevMonth')}
                icon={<LeftOutlined />}
                onClick={() => onChange(value.subtract(1, 'month'))}
              />
              <Select
                aria-label={t('monthWord')}
                value={value.month()}
                style={{ minWidth: 110 }}
                onChange={(m: number) => onChange(value.month(m))}
                options={Array.from({ length: 12 }, (_, m) => ({ value: m, label: `${t('monthWord')} ${m + 1}` }))}
              />
              <Select
                aria-label={t('year')}
                value={value.year()}
                style={{ minWidth: 90 }}
                onChange={(y: number) => onChange(value.year(y))}
                options={Array.from({ length: 11 }, (_, i) => value.year() - 5 + i).map((y) => ({
                  value: y,
                  label: y,
                }))}
              />
              <Button
                aria-label={t('nextMonth')}
                icon={<RightOutlined />}
                onClick={() => onChange(value.add(1, 'month'))}
              />
            </Space>
          )}
        />
      </div>
      <Drawer
        open={day !== null}
        onClose={() => setDay(null)}
        title={day ? t('tasksDueOn', { d: fmtDate(day) }) : ''}
        width={screens.md ? 520 : '100%'}
      >
        {dayList.data && dayList.data.total > dayList.data.items.length ? (
          <Link to={`/tasks?${new URLSearchParams({ ...filters, dueFrom: day ?? '', dueTo: day ?? '' }).toString()}`}>
            {t('viewAll')} ({dayList.data.total})
          </Link>
        ) : null}
        <TaskMiniList items={dayList.data?.items ?? []} empty={dayList.isFetching ? t('loading') : t('noTasksHere')} />
      </Drawer>
    </Page>
  );
}
