/** "What needs me now", per role: the Office, an agency, a leader, the administrator. */
import { Card, Empty, List } from 'antd';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { qs, type Me } from '../api';
import { StatCard, TaskMiniList } from '../components/TaskBits';
import { fmtDate, fmtRate } from '../format';
import { isAgency, isOffice, loadingOrError, Page, useMe } from '../hooks';
import { useI18n } from '../i18n';
import { queries } from '../queries';
import { OPEN_STATUSES, WAITING_REVIEW_STATUS, WORKING_STATUSES } from '../../../src/domain/workflow.js';
import { drillHref } from './reports/drillHref';

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
  const { t, lang } = useI18n();
  const mine = me.role === 'office_specialist' ? { specialistId: me.id } : {};
  const overview = useQuery(queries.overview(mine));
  const asOf = overview.data?.asOf;
  const review = useQuery(queries.tasks({ ...mine, status: WAITING_REVIEW_STATUS, pageSize: 8, sort: 'due' }));
  const ext = useQuery(queries.tasks({ ...mine, pendingExtension: true, pageSize: 8, sort: 'due' }));
  const overdue = useQuery(queries.tasks({ ...mine, timeliness: 'overdue', pageSize: 8, sort: 'due' }));
  const soonQuery = { ...mine, status: OPEN, dueFrom: asOf, dueTo: asOf && plusDays(asOf, 7) };
  const soon = useQuery({ ...queries.tasks({ ...soonQuery, pageSize: 8 }), enabled: !!asOf });
  const agencies = useQuery(queries.agencyCounts(mine));
  // The on-time rate from the report engine: the specialist's own row, or the whole Office's.
  const report = useQuery(queries.report(me.role === 'office_specialist' ? 'specialist' : 'agency'));
  // The to-do lists do not wait for the counts per agency or the report (slower on a big province).
  const wait = loadingOrError(overview, review, ext, overdue, soon);
  if (wait || !asOf) return wait;
  const o = overview.data!;
  const figures = !report.data
    ? undefined
    : me.role === 'office_specialist'
      ? report.data.rows.find((r) => r.key === me.id)
      : report.data.totals;
  const onTimeRate = figures?.onTimeRate ?? null;
  const stale = (agencies.data?.items ?? [])
    .filter((a) => a.notUpdated > 0)
    .sort((a, b) => b.notUpdated - a.notUpdated);
  // The to-do lists first; the figures below them.
  return (
    <>
      <p className="muted">{t('asOfDate', { d: fmtDate(asOf) })}</p>
      <div className="home-grid">
        <SectionCard
          title={`${t('waitingReview')} (${review.data!.total})`}
          more={tasksLink({ ...mine, status: WAITING_REVIEW_STATUS })}
        >
          <TaskMiniList items={review.data!.items} empty={t('nothingWaiting')} />
        </SectionCard>
        <SectionCard
          title={`${me.role === 'office_lead' ? t('todoDecideExtensions') : t('pendingExtensions')} (${ext.data!.total})`}
          more={tasksLink({ ...mine, pendingExtension: 'true' })}
        >
          <TaskMiniList items={ext.data!.items} empty={t('nothingWaiting')} />
        </SectionCard>
        <SectionCard
          title={`${t('overdueTasks')} (${overdue.data!.total})`}
          more={tasksLink({ ...mine, timeliness: 'overdue' })}
        >
          <TaskMiniList items={overdue.data!.items} empty={t('noTasksHere')} />
        </SectionCard>
        <SectionCard title={`${t('dueSoon')} (${soon.data!.total})`} more={tasksLink(soonQuery)}>
          <TaskMiniList items={soon.data!.items} empty={t('noTasksHere')} />
        </SectionCard>
        <SectionCard title={t('notUpdatedAgencies')}>
          {!agencies.data ? (
            (loadingOrError(agencies) ?? null)
          ) : stale.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('nothingWaiting')} />
          ) : (
            <List
              size="small"
              dataSource={stale.slice(0, 10)}
              renderItem={(a) => (
                <List.Item
                  extra={
                    // Counted per lead agency (GET /api/stats/agencies): the list is the tasks it leads.
                    <Link to={tasksLink({ ...mine, agencyId: a.agencyId, agencyRole: 'lead', notUpdated: 'true' })}>
                      {a.notUpdated}
                    </Link>
                  }
                >
                  {a.agencyName}
                </List.Item>
              )}
            />
          )}
        </SectionCard>
      </div>
      <h2 className="home-figures-title">{t('homeFigures')}</h2>
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
        <StatCard label={t('dueSoon')} value={o.dueSoon} tone="blue" to={tasksLink(soonQuery)} />
        <StatCard
          label={t('notUpdated')}
          value={o.notUpdated}
          tone="red"
          to={tasksLink({ ...mine, notUpdated: 'true' })}
        />
        <StatCard
          label={t('onTimeRate')}
          value={report.isPending ? '…' : fmtRate(onTimeRate, lang)}
          tone="green"
          to="/reports"
        />
      </div>
    </>
  );
}

function AgencyHome({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  const overview = useQuery(queries.overview());
  const asOf = overview.data?.asOf;
  // In the order of what to do first: receive the new, complete the returned, then what falls due.
  const lead = { agencyRole: 'lead', agencyId: me.agencyId };
  const toReceive = useQuery(queries.tasks({ ...lead, status: 'assigned', sort: '-created', pageSize: 10 }));
  const returnedQuery = { ...lead, returned: 'true', sort: 'due' };
  const returned = useQuery(queries.tasks({ ...returnedQuery, pageSize: 10 }));
  const soonQuery = { status: WORKING, dueFrom: asOf, dueTo: asOf && plusDays(asOf, 7), sort: 'due' };
  const soon = useQuery({ ...queries.tasks({ ...soonQuery, pageSize: 10 }), enabled: !!asOf });
  const overdue = useQuery(queries.tasks({ timeliness: 'overdue', status: WORKING, sort: '-due', pageSize: 10 }));
  const wait = loadingOrError(overview, toReceive, returned, soon, overdue);
  if (wait || !asOf) return wait;
  const o = overview.data!;
  return (
    <>
      <p className="muted">{t('asOfDate', { d: fmtDate(o.asOf) })}</p>
      <div className="home-grid">
        <SectionCard
          title={`${t('todoToReceive')} (${toReceive.data!.total})`}
          more={tasksLink({ status: 'assigned', agencyRole: 'lead', agencyId: me.agencyId })}
        >
          <TaskMiniList items={toReceive.data!.items} empty={t('nothingWaiting')} />
        </SectionCard>
        <SectionCard title={`${t('todoReturned')} (${returned.data!.total})`} more={tasksLink(returnedQuery)}>
          <TaskMiniList items={returned.data!.items} empty={t('nothingWaiting')} />
        </SectionCard>
        <SectionCard title={`${t('todoDueSoon')} (${soon.data!.total})`} more={tasksLink(soonQuery)}>
          <TaskMiniList items={soon.data!.items} empty={t('noTasksHere')} />
        </SectionCard>
        <SectionCard
          title={`${t('todoOverdue')} (${overdue.data!.total})`}
          more={tasksLink({ timeliness: 'overdue', status: WORKING, sort: '-due' })}
        >
          <TaskMiniList items={overdue.data!.items} empty={t('noTasksHere')} />
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
        <StatCard label={t('onTimeRate')} value={fmtRate(o.onTimeRate, lang)} tone="green" />
      </div>
    </>
  );
}

function LeaderHome({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  // The figures come from the report engine (the same as the report page); due-soon from the list's counts.
  const overview = useQuery(queries.overview());
  // The extension requests on the tasks this leader assigned wait for her decision.
  const leaderId = me.leaderId ?? undefined;
  const decide = useQuery({
    ...queries.tasks({ leaderId, pendingExtension: true, sort: 'due', pageSize: 10 }),
    enabled: !!leaderId,
  });
  const starred = useQuery(queries.tasks({ starred: true, status: OPEN, pageSize: 8 }));
  const mine = useQuery({ ...queries.tasks({ leaderId, status: OPEN, pageSize: 8 }), enabled: !!leaderId });
  const reportQuery = useQuery(queries.report('agency'));
  const wait = loadingOrError(overview, starred, reportQuery, ...(leaderId ? [decide, mine] : []));
  if (wait) return wait;
  const o = overview.data!;
  const report = reportQuery.data!;
  const totals = report.totals;
  const worst = report.rows
    .filter((a) => a.overdue > 0)
    .sort((a, b) => b.overdue - a.overdue)
    .slice(0, 10);
  return (
    <>
      <p className="muted">{t('asOfDate', { d: fmtDate(o.asOf) })}</p>
      <div className="home-grid">
        {decide.data ? (
          <SectionCard
            title={`${t('todoDecideExtensions')} (${decide.data.total})`}
            more={tasksLink({ leaderId, pendingExtension: 'true' })}
          >
            <TaskMiniList items={decide.data.items} empty={t('nothingWaiting')} />
          </SectionCard>
        ) : null}
        <SectionCard title={t('starredTasks')} more={tasksLink({ starred: 'true' })}>
          <TaskMiniList items={starred.data!.items} empty={t('noTasksHere')} />
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
                        {t('onTimeRate')}: {fmtRate(a.onTimeRate, lang)}
                      </span>
                    </div>
                  </div>
                </List.Item>
              )}
            />
          )}
        </SectionCard>
        {mine.data ? (
          <SectionCard title={t('assignedByMe')} more={tasksLink({ leaderId })}>
            <TaskMiniList items={mine.data.items} empty={t('noTasksHere')} />
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
        <StatCard label={t('completionRate')} value={fmtRate(totals.completionRate, lang)} tone="green" />
        <StatCard label={t('onTimeRate')} value={fmtRate(totals.onTimeRate, lang)} tone="green" />
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
