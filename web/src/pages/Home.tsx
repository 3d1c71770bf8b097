/** "What needs me now", per role: the Office, an agency, a leader, the administrator. */
import { Card, Empty, List } from 'antd';
import { Link } from 'react-router';
import { api, qs, type Counts, type Me, type Notification, type Report, type TaskList } from '../api';
import { StatCard, TaskMiniList } from '../components/TaskBits';
import { fmtDate, fmtDateTime, fmtPercent, fmtRate } from '../format';
import { isAgency, isOffice, LoadError, Page, PageSpin, useLoad, useMe } from '../hooks';
import { useI18n } from '../i18n';
import { OPEN_STATUSES, WAITING_REVIEW_STATUS, WORKING_STATUSES } from '../../../src/domain/workflow.js';
import { drillHref } from './reports/drillHref';

type Overview = Counts & { asOf: string };
type AgencyCounts = { asOf: string; items: (Counts & { agencyId: number; agencyName: string })[] };

const OPEN = OPEN_STATUSES.join(',');
const WORKING = WORKING_STATUSES.join(',');
const tasksLink = (q: Record<string, string | number | undefined>) => `/tasks${qs(q)}`;
const plusDays = (iso: string, n: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

function SectionCard({ title, more, children }: { title: string; more?: string; children: React.ReactNode }) {
  const { t } = useI18n();
  return (
    <Card
      title={<h2 className="card-title">{title}</h2>}
      extra={more ? <Link to={more}>{t('viewAll')}</Link> : null}
      size="small"
      styles={{ body: { paddingTop: 4 } }}
    >
      {children}
    </Card>
  );
}

function OfficeHome({ me }: { me: Me }) {
  const { t } = useI18n();
  const mine = me.role === 'office_specialist' ? { specialistId: me.id } : {};
  const res = useLoad(async () => {
    const overview = await api.get<Overview>('/stats/overview', mine);
    const asOf = overview.asOf;
    const [review, ext, overdue, soon, agencies, report] = await Promise.all([
      api.get<TaskList>('/tasks', { ...mine, status: WAITING_REVIEW_STATUS, pageSize: 8, sort: 'due' }),
      api.get<TaskList>('/tasks', { ...mine, pendingExtension: true, pageSize: 8, sort: 'due' }),
      api.get<TaskList>('/tasks', { ...mine, timeliness: 'overdue', pageSize: 8, sort: 'due' }),
      api.get<TaskList>('/tasks', { ...mine, status: OPEN, dueFrom: asOf, dueTo: plusDays(asOf, 7), pageSize: 8 }),
      api.get<AgencyCounts>('/stats/agencies', mine),
      // The on-time rate from the report engine: the specialist's own row, or the whole Office's.
      api.get<Report>(me.role === 'office_specialist' ? '/reports/specialist' : '/reports/agency'),
    ]);
    const figures = me.role === 'office_specialist' ? report.rows.find((r) => r.key === me.id) : report.totals;
    return { overview, review, ext, overdue, soon, agencies, asOf, onTimeRate: figures?.onTimeRate ?? null };
  }, [me.id]);
  if (res.error) return <LoadError error={res.error} onRetry={res.reload} />;
  if (!res.data) return <PageSpin />;
  const { overview: o, review, ext, overdue, soon, agencies, asOf, onTimeRate } = res.data;
  const stale = agencies.items.filter((a) => a.notUpdated > 0).sort((a, b) => b.notUpdated - a.notUpdated);
  return (
    <>
      <p className="muted">{t('asOfDate', { d: fmtDate(asOf) })}</p>
      <div className="stat-grid">
        <StatCard
          label={t('waitingReview')}
          value={o.waitingReview}
          tone="orange"
          to={tasksLink({ ...mine, status: WAITING_REVIEW_STATUS })}
        />
        <StatCard
          label={t('pendingExtensions')}
          value={o.pendingExtensions}
          tone="orange"
          to={tasksLink({ ...mine, pendingExtension: 'true' })}
        />
        <StatCard
          label={t('overdueTasks')}
          value={o.overdue}
          tone="red"
          to={tasksLink({ ...mine, timeliness: 'overdue' })}
        />
        <StatCard
          label={t('dueSoon')}
          value={o.dueSoon}
          tone="blue"
          to={tasksLink({ ...mine, status: OPEN, dueFrom: asOf, dueTo: plusDays(asOf, 7) })}
        />
        <StatCard
          label={t('notUpdated')}
          value={o.notUpdated}
          tone="red"
          to={tasksLink({ ...mine, notUpdated: 'true' })}
        />
        <StatCard label={t('onTimeRate')} value={fmtRate(onTimeRate)} tone="green" to="/reports" />
      </div>
      <div className="home-grid">
        <SectionCard title={t('waitingReview')} more={tasksLink({ ...mine, status: WAITING_REVIEW_STATUS })}>
          <TaskMiniList items={review.items} empty={t('nothingWaiting')} />
        </SectionCard>
        <SectionCard
          title={me.role === 'office_lead' ? t('todoDecideExtensions') : t('pendingExtensions')}
          more={tasksLink({ ...mine, pendingExtension: 'true' })}
        >
          <TaskMiniList items={ext.items} empty={t('nothingWaiting')} />
        </SectionCard>
        <SectionCard title={t('overdueTasks')} more={tasksLink({ ...mine, timeliness: 'overdue' })}>
          <TaskMiniList items={overdue.items} empty={t('noTasksHere')} />
        </SectionCard>
        <SectionCard
          title={t('dueSoon')}
          more={tasksLink({ ...mine, status: OPEN, dueFrom: asOf, dueTo: plusDays(asOf, 7) })}
        >
          <TaskMiniList items={soon.items} empty={t('noTasksHere')} />
        </SectionCard>
        <SectionCard title={t('notUpdatedAgencies')}>
          {stale.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('nothingWaiting')} />
          ) : (
            <List
              size="small"
              dataSource={stale.slice(0, 10)}
              renderItem={(a) => (
                <List.Item
                  extra={
                    <Link to={tasksLink({ ...mine, agencyId: a.agencyId, notUpdated: 'true' })}>{a.notUpdated}</Link>
                  }
                >
                  {a.agencyName}
                </List.Item>
              )}
            />
          )}
        </SectionCard>
      </div>
    </>
  );
}

function AgencyHome({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  const res = useLoad(async () => {
    const overview = await api.get<Overview>('/stats/overview');
    const asOf = overview.asOf;
    // In the order of what to do first: receive the new, complete the returned, then what falls due.
    const [toReceive, soon, overdue, notes] = await Promise.all([
      api.get<TaskList>('/tasks', {
        status: 'assigned',
        agencyRole: 'lead',
        agencyId: me.agencyId,
        sort: '-created',
        pageSize: 10,
      }),
      api.get<TaskList>('/tasks', {
        status: WORKING,
        dueFrom: asOf,
        dueTo: plusDays(asOf, 7),
        sort: 'due',
        pageSize: 10,
      }),
      api.get<TaskList>('/tasks', { timeliness: 'overdue', status: WORKING, sort: '-due', pageSize: 10 }),
      api.get<{ items: Notification[] }>('/notifications', { limit: 50 }),
    ]);
    // Notification texts come rendered in the interface's language: read again when it changes.
    return {
      overview,
      toReceive,
      soon,
      overdue,
      returned: notes.items.filter((n) => n.kind === 'report.returned').slice(0, 6),
    };
  }, [me.id, lang]);
  if (res.error) return <LoadError error={res.error} onRetry={res.reload} />;
  if (!res.data) return <PageSpin />;
  const { overview: o, toReceive, soon, overdue, returned } = res.data;
  return (
    <>
      <p className="muted">{t('asOfDate', { d: fmtDate(o.asOf) })}</p>
      <div className="home-grid">
        <SectionCard
          title={`${t('todoToReceive')} (${toReceive.total})`}
          more={tasksLink({ status: 'assigned', agencyRole: 'lead', agencyId: me.agencyId })}
        >
          <TaskMiniList items={toReceive.items} empty={t('nothingWaiting')} />
        </SectionCard>
        <SectionCard title={t('todoReturned')}>
          {returned.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('nothingWaiting')} />
          ) : (
            <List
              size="small"
              dataSource={returned}
              renderItem={(n) => (
                <List.Item>
                  <div>
                    {n.taskId ? <Link to={`/tasks/${n.taskId}`}>{n.title}</Link> : n.title}
                    {n.body ? <div className="muted">{n.body}</div> : null}
                    <div className="muted">{fmtDateTime(n.createdAt)}</div>
                  </div>
                </List.Item>
              )}
            />
          )}
        </SectionCard>
        <SectionCard
          title={`${t('todoDueSoon')} (${soon.total})`}
          more={tasksLink({ status: WORKING, dueFrom: o.asOf, dueTo: plusDays(o.asOf, 7) })}
        >
          <TaskMiniList items={soon.items} empty={t('noTasksHere')} />
        </SectionCard>
        <SectionCard
          title={`${t('todoOverdue')} (${overdue.total})`}
          more={tasksLink({ timeliness: 'overdue', status: WORKING, sort: '-due' })}
        >
          <TaskMiniList items={overdue.items} empty={t('noTasksHere')} />
        </SectionCard>
      </div>
      <div className="stat-grid" style={{ marginTop: 16 }}>
        <StatCard label={t('overdueTasks')} value={o.overdue} tone="red" to={tasksLink({ timeliness: 'overdue' })} />
        <StatCard
          label={t('dueSoon')}
          value={o.dueSoon}
          tone="blue"
          to={tasksLink({ status: OPEN, dueFrom: o.asOf, dueTo: plusDays(o.asOf, 7) })}
        />
        <StatCard label={t('notUpdated')} value={o.notUpdated} tone="orange" to={tasksLink({ notUpdated: 'true' })} />
        <StatCard label={t('openTasks')} value={o.open} to={tasksLink({ status: OPEN })} />
        <StatCard label={t('onTimeRate')} value={fmtPercent(o.onTimeRate)} tone="green" />
      </div>
    </>
  );
}

function LeaderHome({ me }: { me: Me }) {
  const { t } = useI18n();
  const res = useLoad(async () => {
    // The figures come from the report engine (the same as the report page); due-soon from the list's counts.
    const [overview, decide, starred, mine, report] = await Promise.all([
      api.get<Overview>('/stats/overview'),
      // The extension requests on the tasks this leader assigned wait for her decision.
      me.leaderId
        ? api.get<TaskList>('/tasks', { leaderId: me.leaderId, pendingExtension: true, sort: 'due', pageSize: 10 })
        : Promise.resolve(null),
      api.get<TaskList>('/tasks', { starred: true, status: OPEN, pageSize: 8 }),
      me.leaderId
        ? api.get<TaskList>('/tasks', { leaderId: me.leaderId, status: OPEN, pageSize: 8 })
        : Promise.resolve(null),
      api.get<Report>('/reports/agency'),
    ]);
    return { overview, decide, starred, mine, report };
  }, [me.id]);
  if (res.error) return <LoadError error={res.error} onRetry={res.reload} />;
  if (!res.data) return <PageSpin />;
  const { overview: o, decide, starred, mine, report } = res.data;
  const totals = report.totals;
  const worst = report.rows
    .filter((a) => a.overdue > 0)
    .sort((a, b) => b.overdue - a.overdue)
    .slice(0, 10);
  return (
    <>
      <p className="muted">{t('asOfDate', { d: fmtDate(o.asOf) })}</p>
      <div className="home-grid">
        {decide ? (
          <SectionCard
            title={`${t('todoDecideExtensions')} (${decide.total})`}
            more={tasksLink({ leaderId: me.leaderId ?? undefined, pendingExtension: 'true' })}
          >
            <TaskMiniList items={decide.items} empty={t('nothingWaiting')} />
          </SectionCard>
        ) : null}
        <SectionCard title={t('starredTasks')} more={tasksLink({ starred: 'true' })}>
          <TaskMiniList items={starred.items} empty={t('noTasksHere')} />
        </SectionCard>
        <SectionCard title={t('todoBehind')} more="/reports">
          {worst.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noTasksHere')} />
          ) : (
            <List
              size="small"
              dataSource={worst}
              renderItem={(a) => (
                <List.Item>
                  <div style={{ flex: 1, minWidth: 0 }}>
                    <Link to={drillHref(report, 'overdue', a) ?? '/reports'}>
                      {a.label}: <strong>{a.overdue}</strong>
                    </Link>
                    <div className="rate-line">
                      <span className="rate-bar" aria-hidden="true">
                        <span style={{ width: `${Math.min(100, (a.onTimeRate ?? 0) * 100)}%` }} />
                      </span>
                      <span>
                        {t('onTimeRate')}: {fmtRate(a.onTimeRate)}
                      </span>
                    </div>
                  </div>
                </List.Item>
              )}
            />
          )}
        </SectionCard>
        {mine ? (
          <SectionCard title={t('assignedByMe')} more={tasksLink({ leaderId: me.leaderId ?? undefined })}>
            <TaskMiniList items={mine.items} empty={t('noTasksHere')} />
          </SectionCard>
        ) : null}
      </div>
      <div className="stat-grid" style={{ marginTop: 16 }}>
        <StatCard label={t('totalTasks')} value={totals.assigned} to={drillHref(report, 'assigned') ?? undefined} />
        <StatCard label={t('fallenDue')} value={totals.fallenDue} to={drillHref(report, 'fallenDue') ?? undefined} />
        <StatCard
          label={t('overdueTasks')}
          value={totals.overdue}
          tone="red"
          to={drillHref(report, 'overdue') ?? undefined}
        />
        <StatCard
          label={t('dueSoon')}
          value={o.dueSoon}
          tone="blue"
          to={tasksLink({ status: OPEN, dueFrom: o.asOf, dueTo: plusDays(o.asOf, 7) })}
        />
        <StatCard label={t('completionRate')} value={fmtRate(totals.completionRate)} tone="green" />
        <StatCard label={t('onTimeRate')} value={fmtRate(totals.onTimeRate)} tone="green" />
      </div>
    </>
  );
}

function AdminHome() {
  const { t } = useI18n();
  return (
    <Card>
      <p>{t('adminHomeText')}</p>
      <ul>
        <li>
          <Link to="/admin/agencies">{t('navAgencies')}</Link>
        </li>
        <li>
          <Link to="/admin/users">{t('navUsers')}</Link>
        </li>
        <li>
          <Link to="/admin/fields">{t('navFields')}</Link>
        </li>
        <li>
          <Link to="/admin/calendar">{t('navWorkCalendar')}</Link>
        </li>
        <li>
          <Link to="/admin/settings">{t('navSettings')}</Link>
        </li>
      </ul>
    </Card>
  );
}

export default function Home() {
  const me = useMe();
  const { t } = useI18n();
  return (
    <Page title={t('homeGreeting', { name: me.fullName })}>
      {isOffice(me) ? (
        <OfficeHome me={me} />
      ) : isAgency(me) ? (
        <AgencyHome me={me} />
      ) : me.role === 'leader' ? (
        <LeaderHome me={me} />
      ) : (
        <AdminHome />
      )}
    </Page>
  );
}
