/** A month view of deadlines, filterable like the task list (the same address parameters). */
import { Badge, Button, Calendar, Drawer, Grid, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, type TaskList, type TaskSummary } from '../api';
import { Legend, TaskMiniList, TIMELINESS_COLOR } from '../components/TaskBits';
import { fmtDate } from '../format';
import { LoadError, Page, useLoad, useRefData } from '../hooks';
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
  const from = month.startOf('month').subtract(7, 'day').format('YYYY-MM-DD');
  const to = month.endOf('month').add(14, 'day').format('YYYY-MM-DD');
  const list = useLoad(
    () => api.get<TaskList>('/tasks', { ...filters, dueFrom: from, dueTo: to, pageSize: 200, sort: 'due' }),
    [params.toString()],
  );
  const byDay = new Map<string, TaskSummary[]>();
  for (const task of list.data?.items ?? []) {
    if (!task.dueDate) continue;
    const l = byDay.get(task.dueDate) ?? [];
    l.push(task);
    byDay.set(task.dueDate, l);
  }
  const set = (k: string, v?: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next);
  };
  const cell = (d: Dayjs) => {
    const items = byDay.get(d.format('YYYY-MM-DD')) ?? [];
    if (!items.length) return null;
    if (!screens.md) return <Badge count={items.length} color="#0b4f9c" />;
    return (
      <ul className="cal-cell-list">
        {items.slice(0, 3).map((task) => {
          const c = task.timeliness ? TIMELINESS_COLOR[task.timeliness] : TIMELINESS_COLOR.in_progress_on_time;
          return (
            <li key={task.id} style={{ background: c.bg, color: c.color }} title={task.content}>
              <Link to={`/tasks/${task.id}`} style={{ color: c.color }} onClick={(e) => e.stopPropagation()}>
                {task.leadAgency?.name}: {task.content}
              </Link>
            </li>
          );
        })}
        {items.length > 3 ? <li>{t('moreN', { n: items.length - 3 })}</li> : null}
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
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      <div style={{ background: '#fff', borderRadius: 8, padding: 8, border: '1px solid #e5e8ec' }}>
        <Calendar
          value={month}
          fullscreen={!!screens.md}
          onPanelChange={(d) => set('month', d.format('YYYY-MM'))}
          onSelect={(d, info) => {
            if (info.source === 'date') setDay(d.format('YYYY-MM-DD'));
            if (d.format('YYYY-MM') !== month.format('YYYY-MM')) set('month', d.format('YYYY-MM'));
          }}
          cellRender={(d, info) => (info.type === 'date' ? cell(d) : info.originNode)}
        />
      </div>
      <Drawer
        open={day !== null}
        onClose={() => setDay(null)}
        title={day ? t('tasksDueOn', { d: fmtDate(day) }) : ''}
        width={screens.md ? 520 : '100%'}
      >
        <TaskMiniList items={day ? (byDay.get(day) ?? []) : []} empty={t('noTasksHere')} />
      </Drawer>
    </Page>
  );
}
