/**
 * The bulk data generator: the history it writes must be consistent, since point-in-time reports are
 * computed from it, and the same seed must give the same data.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, rows, type Database } from '../../src/db/client.js';
import { TASK_STATUSES } from '../../src/db/schema.js';
import { SNAPSHOT_STATE_COLUMNS } from '../../src/db/snapshots.js';
import { WorkingCalendar } from '../../src/domain/calendar.js';
import { openSnapshots } from '../../src/resources/tasks/repository.js';
import { generate, type GenerateSummary } from '../../src/seed/generate.js';

const TODAY = '2026-03-16';
const TASKS = 300;
const calendar = new WorkingCalendar();

const count = async (db: Database['db'], query: ReturnType<typeof sql>): Promise<number> => {
  const [row] = await rows<{ n: number | string }>(db, query);
  return Number(row?.n ?? 0);
};

/** Vietnam (UTC+7) calendar date and minute of day of an instant. */
function vietnam(instant: Date): { date: string; minute: number } {
  const shifted = new Date(instant.getTime() + 7 * 3_600_000);
  return {
    date: shifted.toISOString().slice(0, 10),
    minute: shifted.getUTCHours() * 60 + shifted.getUTCMinutes(),
  };
}

describe('generate', () => {
  let database: Database;
  let summary: GenerateSummary;

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    summary = await generate(database.db, { tasks: TASKS, seed: 7, today: TODAY, passwordHash: 'not-a-real-hash' });
  }, 120_000);

  afterAll(async () => {
    await database?.close();
  });

  it('creates exactly the requested tasks and reports what it wrote', async () => {
    const db = database.db;
    expect(await count(db, sql`select count(*) as n from tasks`)).toBe(TASKS);
    for (const [table, n] of Object.entries(summary.counts)) {
      expect(await count(db, sql`select count(*) as n from ${sql.identifier(table)}`), table).toBe(n);
    }
    expect(summary.counts.agencies).toBeGreaterThanOrEqual(90);
    expect(summary.counts.leaders).toBe(7);
    const roles = new Set(summary.logins.map((l) => l.role));
    expect([...roles].sort()).toEqual(
      ['admin', 'agency_lead', 'agency_staff', 'leader', 'office_lead', 'office_specialist'].sort(),
    );
    expect(summary.logins.map((l) => l.username)).toEqual(
      expect.arrayContaining(['admin', 'chuyenvien1', 'chanhvp', 'chutich', 'pct6', 'stc.vanthu', 'xa-an-binh.vanthu']),
    );
  });

  it('keeps every foreign key valid (the load skips the per-row checks)', async () => {
    const db = database.db;
    const fks = await rows<{ child: string; col: string; parent: string; ref: string }>(
      db,
      sql`select c.conrelid::regclass::text as child, a.attname as col, c.confrelid::regclass::text as parent, r.attname as ref
          from pg_constraint c
          join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
          join pg_attribute r on r.attrelid = c.confrelid and r.attnum = c.confkey[1]
          where c.contype = 'f' and c.connamespace = 'public'::regnamespace`,
    );
    expect(fks.length).toBeGreaterThan(10);
    for (const fk of fks) {
      const orphans = await count(
        db,
        sql`select count(*) as n from ${sql.identifier(fk.child)} c
            where c.${sql.identifier(fk.col)} is not null
              and not exists (select 1 from ${sql.identifier(fk.parent)} p where p.${sql.identifier(fk.ref)} = c.${sql.identifier(fk.col)})`,
      );
      expect(orphans, `${fk.child}.${fk.col} → ${fk.parent}`).toBe(0);
    }
    // not foreign keys, but references all the same
    expect(
      await count(
        db,
        sql`select count(*) as n from tasks t where t.parent_id is not null and not exists (select 1 from tasks p where p.id = t.parent_id and p.id < t.id)`,
      ),
    ).toBe(0);
    expect(
      await count(
        db,
        sql`select count(*) as n from events e where e.task_id is not null and not exists (select 1 from tasks t where t.id = e.task_id)`,
      ),
    ).toBe(0);
  });

  it('rebuilds the indexes it dropped for the load', async () => {
    const names = await rows<{ name: string }>(
      database.db,
      sql`select indexname as name from pg_indexes where schemaname = 'public' and tablename in ('tasks', 'events', 'task_snapshots', 'reports')`,
    );
    expect(names.map((n) => n.name)).toEqual(
      expect.arrayContaining([
        'tasks_search_trgm',
        'tasks_code_key',
        'events_task_idx',
        'task_snapshots_task_idx',
        'reports_task_idx',
      ]),
    );
  });

  it('has exactly one open snapshot per task, equal to the task row', async () => {
    const db = database.db;
    expect(
      await count(
        db,
        sql`select count(*) as n from tasks t
            where (select count(*) from task_snapshots s where s.task_id = t.id and s.valid_to is null) <> 1`,
      ),
    ).toBe(0);
    const different = await rows<{ id: number }>(
      db,
      sql`select t.id from tasks t
          join task_snapshots s on s.task_id = t.id and s.valid_to is null
          where s.status is distinct from t.status
             or s.lead_agency_id is distinct from t.lead_agency_id
             or s.coordinating_agency_ids is distinct from coalesce(
                  (select array_agg(ta.agency_id order by ta.agency_id) from task_agencies ta where ta.task_id = t.id),
                  '{}'::int[])
             or s.leader_id is distinct from t.leader_id
             or s.field_id is distinct from t.field_id
             or s.specialist_id is distinct from t.specialist_id
             or s.document_id is distinct from t.document_id
             or s.parent_id is distinct from t.parent_id
             or s.starred is distinct from t.starred
             or s.deadline_kind is distinct from t.deadline_kind
             or s.original_due is distinct from t.original_due
             or s.current_due is distinct from t.current_due
             or s.assigned_on is distinct from t.assigned_on
             or s.completed_on is distinct from t.completed_on
             or s.last_report_at is distinct from t.last_report_at
             or s.extension_count is distinct from t.extension_count
             or s.valid_from is distinct from t.updated_at`,
    );
    expect(different).toEqual([]);
  });

  it('writes each open snapshot as the commands would write it for the task as it stands', async () => {
    // The generator's rows come from its task states (snapshotRow); the commands copy the task row
    // (openSnapshots). Both use db/snapshots.ts: reopen every snapshot through the commands' path, compare.
    const cols = sql.raw(SNAPSHOT_STATE_COLUMNS.map((c) => c.column).join(', '));
    const rollback = new Error('rollback');
    let compared: { generated: number; written: number; different: unknown[] } | null = null;
    await database.db
      .transaction(async (tx) => {
        await tx.execute(
          sql`create temporary table generated_open as select task_id, ${cols} from task_snapshots where valid_to is null`,
        );
        const at = new Date('2030-01-01T00:00:00Z');
        await tx.execute(sql`update task_snapshots set valid_to = ${at} where valid_to is null`);
        await openSnapshots(tx, at, sql`true`);
        const different = await rows(
          tx,
          sql`(select 'generator' as side, * from generated_open
                except select 'generator', task_id, ${cols} from task_snapshots where valid_from = ${at})
              union all
              (select 'commands', task_id, ${cols} from task_snapshots where valid_from = ${at}
                except select 'commands', * from generated_open)
              limit 5`,
        );
        compared = {
          generated: await count(tx, sql`select count(*) as n from generated_open`),
          written: await count(tx, sql`select count(*) as n from task_snapshots where valid_from = ${at}`),
          different,
        };
        throw rollback;
      })
      .catch((e: unknown) => {
        if (e !== rollback) throw e;
      });
    expect(compared).toEqual({ generated: TASKS, written: TASKS, different: [] });
  });

  it("never lists a task's lead among its coordinating agencies, as the commands keep it", async () => {
    const db = database.db;
    expect(
      await count(
        db,
        sql`select count(*) as n from task_agencies ta join tasks t on t.id = ta.task_id
            where ta.agency_id = t.lead_agency_id`,
      ),
    ).toBe(0);
    expect(
      await count(
        db,
        sql`select count(*) as n from task_snapshots where lead_agency_id = any(coordinating_agency_ids)`,
      ),
    ).toBe(0);
  });

  it('has contiguous, non-overlapping snapshot ranges from creation on, one per version', async () => {
    const db = database.db;
    expect(
      await count(
        db,
        sql`select count(*) as n from (
              select valid_from, valid_to, lead(valid_from) over (partition by task_id order by valid_from) as next_from
              from task_snapshots) x
            where x.valid_to is distinct from x.next_from or x.valid_to <= x.valid_from`,
      ),
    ).toBe(0);
    expect(
      await count(
        db,
        sql`select count(*) as n from tasks t
            where t.created_at <> (select min(valid_from) from task_snapshots s where s.task_id = t.id)
               or t.version <> (select count(*) from task_snapshots s where s.task_id = t.id)`,
      ),
    ).toBe(0);
  });

  it('sets completed_on exactly for done tasks, from the accepted completion report', async () => {
    const db = database.db;
    expect(
      await count(db, sql`select count(*) as n from tasks where (status = 'done') <> (completed_on is not null)`),
    ).toBe(0);
    expect(
      await count(
        db,
        sql`select count(*) as n from tasks t
            where (select count(*) from reports r where r.task_id = t.id and r.kind = 'completion' and r.status = 'accepted')
                  <> (case when t.status = 'done' then 1 else 0 end)`,
      ),
    ).toBe(0);
    expect(
      await count(
        db,
        sql`select count(*) as n from tasks t
            join reports r on r.task_id = t.id and r.kind = 'completion' and r.status = 'accepted'
            where r.reported_on <> t.completed_on`,
      ),
    ).toBe(0);
    // every reviewed completion has its review, and a report's date is its Vietnam creation date
    expect(
      await count(
        db,
        sql`select count(*) as n from reports r
            where r.status in ('accepted', 'returned')
              and (select count(*) from report_reviews v where v.report_id = r.id and v.decision = r.status) <> 1`,
      ),
    ).toBe(0);
    expect(
      await count(
        db,
        sql`select count(*) as n from reports where reported_on <> (created_at at time zone 'Asia/Ho_Chi_Minh')::date`,
      ),
    ).toBe(0);
    // the latest report is last_report_at
    expect(
      await count(
        db,
        sql`select count(*) as n from tasks t
            where t.last_report_at is distinct from (select max(created_at) from reports r where r.task_id = t.id)`,
      ),
    ).toBe(0);
  });

  it('moves fixed deadlines to working days and keeps extensions consistent', async () => {
    const db = database.db;
    const fixed = await rows<{
      original_deadline: string;
      current_deadline: string;
      original_due: string;
      current_due: string;
      extension_count: number;
      approved: string | null;
      approvals: number;
    }>(
      db,
      sql`select t.original_deadline, t.current_deadline, t.original_due, t.current_due, t.extension_count,
                 (select max(e.requested_deadline)::text from extension_requests e where e.task_id = t.id and e.status = 'approved') as approved,
                 (select count(*)::int from extension_requests e where e.task_id = t.id and e.status = 'approved') as approvals
          from tasks t where t.deadline_kind = 'fixed'`,
    );
    expect(fixed.length).toBeGreaterThan(TASKS / 2);
    for (const t of fixed) {
      expect(t.current_due >= t.current_deadline).toBe(true);
      expect(calendar.isWorkingDay(t.current_due)).toBe(true);
      expect(t.current_due).toBe(calendar.nextWorkingDay(t.current_deadline));
      expect(t.original_due).toBe(calendar.nextWorkingDay(t.original_deadline));
      expect(t.approvals).toBeLessThanOrEqual(1);
      expect(t.extension_count).toBe(t.approvals);
      expect(t.current_deadline).toBe(t.approved ?? t.original_deadline);
    }
    expect(fixed.some((t) => t.approvals === 1)).toBe(true);
    expect(
      await count(
        db,
        sql`select count(*) as n from tasks where deadline_kind <> 'fixed' and (original_deadline is not null or current_due is not null)`,
      ),
    ).toBe(0);
  });

  it('produces every status, deadline kind and the main kinds of history', async () => {
    const db = database.db;
    const statuses = await rows<{ status: string }>(db, sql`select distinct status from tasks`);
    // 'merged' is only reached by merging duplicate tasks, which the generator does not simulate
    expect(statuses.map((s) => s.status).sort()).toEqual(TASK_STATUSES.filter((s) => s !== 'merged').sort());
    const kinds = await rows<{ kind: string }>(db, sql`select distinct deadline_kind as kind from tasks`);
    expect(kinds.map((k) => k.kind).sort()).toEqual(['fixed', 'none', 'recurring', 'routine']);
    expect(
      await count(db, sql`select count(*) as n from tasks where period_key is not null and parent_id is not null`),
    ).toBeGreaterThan(0);
    // per-agency subtasks under a common parent
    expect(
      await count(db, sql`select count(*) as n from tasks where parent_id is not null and period_key is null`),
    ).toBeGreaterThan(1);
    expect(await count(db, sql`select count(*) as n from tasks where starred`)).toBeGreaterThan(0);
    const actions = await rows<{ action: string }>(db, sql`select distinct action from events`);
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'document.create',
        'task.create',
        'task.assign',
        'task.receive',
        'task.report_progress',
        'task.report_completion',
        'task.accept',
        'task.return',
        'task.extension_request',
        'task.extension_approve',
        'task.cancel',
        'task.withdraw',
        'task.star',
        'task.handover',
      ]),
    );
    // open tasks of agencies that ended were handed over to a successor
    expect(
      await count(
        db,
        sql`select count(*) as n from tasks t join agencies a on a.id = t.lead_agency_id
            where a.valid_to < ${TODAY}::date and t.status not in ('done', 'cancelled', 'withdrawn', 'merged')`,
      ),
    ).toBe(0);
  });

  it('records an event for every change, in order, at office hours on working days, never after today', async () => {
    const db = database.db;
    const events = await count(db, sql`select count(*) as n from events where entity_type = 'task'`);
    const snapshots = await count(db, sql`select count(*) as n from task_snapshots`);
    expect(events).toBeGreaterThanOrEqual(snapshots);
    expect(
      await count(
        db,
        sql`select count(*) as n from tasks t
            where (select count(*) from events e where e.task_id = t.id) < t.version`,
      ),
    ).toBe(0);
    // per task, event ids follow time
    expect(
      await count(
        db,
        sql`select count(*) as n from (
              select at, lag(at) over (partition by task_id order by id) as prev from events where task_id is not null) x
            where x.at <= x.prev`,
      ),
    ).toBe(0);
    // report, extension and status events carry what the timeline needs
    expect(
      await count(
        db,
        sql`select count(*) as n from events
            where action in ('task.report_progress', 'task.report_completion', 'task.report_explanation', 'task.accept', 'task.return')
              and (after->>'reportId' is null or after->>'kind' is null)`,
      ),
    ).toBe(0);
    expect(
      await count(
        db,
        sql`select count(*) as n from events
            where action like 'task.extension_%' and (after->>'extensionRequestId' is null or after->>'requestedDeadline' is null)`,
      ),
    ).toBe(0);
    expect(
      await count(
        db,
        sql`select count(*) as n from events where action = 'task.receive' and (before->>'status' <> 'assigned' or after->>'status' <> 'received')`,
      ),
    ).toBe(0);

    const instants = await rows<{ at: Date | string }>(
      db,
      sql`select at from events union all select created_at from reports union all select valid_from from task_snapshots`,
    );
    let officeHours = 0;
    for (const { at } of instants) {
      const { date, minute } = vietnam(new Date(at));
      expect(date <= TODAY).toBe(true);
      expect(calendar.isWorkingDay(date), date).toBe(true);
      if (minute >= 7 * 60 + 30 && minute <= 17 * 60) officeHours++;
    }
    expect(officeHours / instants.length).toBeGreaterThan(0.99);
  });

  it('gives tasks unique codes and searchable text', async () => {
    const db = database.db;
    expect(await count(db, sql`select count(distinct code) as n from tasks`)).toBe(TASKS);
    expect(await count(db, sql`select count(*) as n from tasks where code !~ '^NV-[0-9]{4}-[0-9]{6}$'`)).toBe(0);
    const [doc] = await rows<{ number_text: string; search_folded: string }>(
      db,
      sql`select d.number_text, t.search_folded from tasks t join documents d on d.id = t.document_id order by t.id limit 1`,
    );
    expect(doc?.search_folded).toContain(doc?.number_text.toLowerCase().replace('đ', 'd'));
    expect(
      await count(
        db,
        sql`select count(*) as n from tasks where search_folded ~ '[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]'`,
      ),
    ).toBe(0);
  });
});

describe('generate with a seed', () => {
  async function fingerprint(seed: number): Promise<string> {
    const database = await openDatabase({ dataDir: 'memory://' });
    try {
      await generate(database.db, { tasks: 50, seed, today: TODAY, passwordHash: 'x', withUsers: false });
      const [row] = await rows<{ h: string }>(
        database.db,
        sql`select md5(
              (select string_agg(concat_ws('|', id, code, status, lead_agency_id, field_id, original_deadline, current_due,
                                           completed_on, extract(epoch from created_at), extract(epoch from updated_at), version, content), ','
                                 order by id) from tasks)
              || (select string_agg(concat_ws('|', extract(epoch from at), action, actor_id, before::text, after::text), ',' order by id) from events)
              || (select string_agg(concat_ws('|', task_id, kind, reported_on, status, content), ',' order by id) from reports)
              || (select string_agg(concat_ws('|', number_text, abstract, issued_on), ',' order by id) from documents)
            ) as h`,
      );
      return row?.h ?? '';
    } finally {
      await database.close();
    }
  }

  it('gives the same data for the same seed', async () => {
    const a = await fingerprint(42);
    const b = await fingerprint(42);
    const c = await fingerprint(43);
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  }, 120_000);
});
