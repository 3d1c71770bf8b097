/**
 * Nothing waits on itself and nothing waits for ever (issue "nothing hangs"): the calendar cache after its
 * lifetime, the guard against a second handle inside a transaction, concurrent writers, and the time limits
 * that turn a stuck database into a 503 instead of a frozen server. Runs on PGlite and PostgreSQL.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutsideTransactionError } from '../../src/db/guard.js';
import { rows } from '../../src/db/client.js';
import { CALENDAR_RELOAD_MS } from '../../src/services/calendar.js';
import { createHarness, DB_KIND, type Harness } from '../helpers/harness.js';

/** Drizzle wraps a driver's error in its own, with the original as `cause`. */
const isGuardError = (e: unknown) =>
  e instanceof OutsideTransactionError || (e as { cause?: unknown }).cause instanceof OutsideTransactionError;

/** Document numbers unique within the file: a random one repeated would be refused as a duplicate (409). */
let nextNumber = 10_000;
const oneTask = (h: Harness, content: string) => ({
  numberText: `${++nextNumber}/UBND-KT`,
  issuedOn: '2026-03-02',
  abstract: 'V/v kiểm tra độ tin cậy',
  signerId: h.fx.leader.chairman,
  tasks: [
    {
      content,
      leadAgencyId: h.fx.agency.finance,
      deadlineKind: 'fixed',
      deadline: '2026-03-20',
      fieldId: h.fx.field,
    },
  ],
});

describe('the server never waits on itself', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('2026-03-02 09:00');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('registers a document after the calendar cache has expired, and stays up', async () => {
    const spec = await h.as('spec1');
    const first = await spec.post('/api/documents', oneTask(h, 'Nhiệm vụ trước khi bộ nhớ đệm hết hạn'));
    expect(first.status).toBe(201);
    h.clock.advance(CALENDAR_RELOAD_MS + 1_000);
    // Creating a task reads the working calendar inside the write's transaction: it must reload through it.
    const second = await spec.post('/api/documents', oneTask(h, 'Nhiệm vụ sau khi bộ nhớ đệm hết hạn'));
    expect(second.status).toBe(201);
    const health = await h.anon().get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
  });

  it('refuses, at once, a query through the main handle from inside a transaction', async () => {
    const { db } = h.database;
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`select 1`);
        await db.execute(sql`select 1`);
      }),
    ).rejects.toSatisfy(isGuardError);
    await expect(db.transaction(async () => db.transaction(async () => 1))).rejects.toSatisfy(isGuardError);
    // The database is usable afterwards: nothing was left open.
    const [r] = await rows<{ n: number }>(db, sql`select 1 as n`);
    expect(Number(r!.n)).toBe(1);
  });

  it('creates 30 documents sent at once, every one, with nothing left open', async () => {
    const spec = await h.as('spec1');
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => spec.post('/api/documents', oneTask(h, `Nhiệm vụ đồng thời số ${i + 1}`))),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(30).fill(201));
    const [count] = await rows<{ n: number }>(
      h.database.db,
      sql`select count(*)::int as n from tasks where content like 'Nhiệm vụ đồng thời số %'`,
    );
    expect(count!.n).toBe(30);
    if (DB_KIND === 'postgres') {
      const [idle] = await rows<{ n: number }>(
        h.database.db,
        sql`select count(*)::int as n from pg_stat_activity
            where datname = current_database() and state like 'idle in transaction%'`,
      );
      expect(idle!.n).toBe(0);
    }
    expect((await h.anon().get('/api/health')).status).toBe(200);
  });

  it('background work between its steps lets the queries waiting for the database go first, for a while at most', async () => {
    const { db } = h.database;
    const order: string[] = [];
    const slow = (s: number, name: string) => db.execute(sql`select pg_sleep(${s})`).then(() => void order.push(name));
    // A request's query under way: on PGlite (one query at a time) the next step waits for it; PostgreSQL
    // serves both side by side.
    const running = slow(0.3, 'query');
    await Promise.all([running, h.database.yieldToRequests(30_000).then(() => void order.push('step'))]);
    expect(order).toEqual(DB_KIND === 'pglite' ? ['query', 'step'] : ['step', 'query']);
    // Under steady load the step does not wait past the limit.
    order.length = 0;
    const long = slow(1.5, 'query');
    await Promise.all([long, h.database.yieldToRequests(50).then(() => void order.push('step'))]);
    expect(order).toEqual(['step', 'query']);
    // Nothing waiting: at once, not after its limit.
    const began = Date.now();
    await h.database.yieldToRequests(30_000);
    expect(Date.now() - began).toBeLessThan(10_000);
  });
});

describe('time limits: a stuck database answers 503, not never', () => {
  let h: Harness;
  let short: Harness;
  beforeAll(async () => {
    // One connection on PostgreSQL, so that a held transaction leaves none for anybody else, as PGlite's one
    // session does; short limits so the test does not wait long.
    h = await createHarness('2026-03-02 09:00', {
      poolSize: 1,
      limits: { acquireTimeoutMs: 1_000, idleInTransactionMs: 20_000, statementTimeoutMs: 20_000 },
    });
    short = await createHarness('2026-03-02 09:00', { limits: { idleInTransactionMs: 400 } });
  });
  afterAll(async () => {
    await h?.close();
    await short?.close();
  });

  it('answers 503 with a message when the database is held by another transaction', async () => {
    const spec = await h.as('spec1');
    let entered!: () => void;
    let release!: () => void;
    const inside = new Promise<void>((ok) => (entered = ok));
    const released = new Promise<void>((ok) => (release = ok));
    const held = h.database.db
      .transaction(async (tx) => {
        await tx.execute(sql`select 1`);
        entered();
        await released;
      })
      .catch((err: unknown) => err);
    await inside;
    const res = await spec.get('/api/tasks');
    release();
    await held;
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('unavailable');
    expect(res.body.error.message).toContain('Máy chủ đang bận');
    expect(res.headers['retry-after']).toBe('5');
    // Once free, it answers again.
    expect((await spec.get('/api/tasks')).status).toBe(200);
  });

  it('rolls back a transaction held open past its limit: nothing of it is written', async () => {
    const { db } = short.database;
    const outcome = await db
      .transaction(async (tx) => {
        await tx.execute(sql`insert into fields (code, name) values ('HELD', 'Lĩnh vực giữ quá lâu')`);
        // Longer than the 400 ms limit, however busy the machine is.
        await new Promise((ok) => setTimeout(ok, 1_200));
        await tx.execute(sql`select 1`);
      })
      .then(
        () => 'committed',
        () => 'refused',
      );
    expect(outcome).toBe('refused');
    const found = await rows<{ id: number }>(db, sql`select id from fields where code = 'HELD'`);
    expect(found).toEqual([]);
    expect((await short.anon().get('/api/health')).status).toBe(200);
  });
});

describe('Idempotency-Key: a retry never writes twice', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('2026-03-02 09:00');
  });
  afterAll(async () => {
    await h?.close();
  });
  const count = async (content: string) =>
    (await rows<{ n: number }>(h.database.db, sql`select count(*)::int as n from tasks where content = ${content}`))[0]!
      .n;

  it('answers a retry with the first answer, and writes once', async () => {
    const spec = await h.as('spec1');
    const body = oneTask(h, 'Nhiệm vụ gửi lại sau khi hết thời gian chờ');
    const first = await spec.request('POST', '/api/documents', body, { 'idempotency-key': 'dk-2026-0001' });
    expect(first.status).toBe(201);
    const again = await spec.request('POST', '/api/documents', body, { 'idempotency-key': 'dk-2026-0001' });
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect(await count('Nhiệm vụ gửi lại sau khi hết thời gian chờ')).toBe(1);

    const other = await spec.request('POST', '/api/documents', oneTask(h, 'Một việc khác'), {
      'idempotency-key': 'dk-2026-0001',
    });
    expect(other.status).toBe(400);
    expect(other.body.error.message).toContain('Idempotency-Key này đã được dùng cho một yêu cầu khác');
    const bad = await spec.request('POST', '/api/documents', body, { 'idempotency-key': 'có dấu cách' });
    expect(bad.status).toBe(400);
  });

  it('writes once when the same request is sent five times at once', async () => {
    const spec = await h.as('spec1');
    const body = oneTask(h, 'Nhiệm vụ gửi năm lần cùng lúc');
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => spec.request('POST', '/api/documents', body, { 'idempotency-key': 'dk-burst' })),
    );
    for (const a of answers) expect([201, 409]).toContain(a.status);
    expect(answers.filter((a) => a.status === 201).length).toBeGreaterThanOrEqual(1);
    expect(await count('Nhiệm vụ gửi năm lần cùng lúc')).toBe(1);
  });

  it('keeps keys apart per user, and a refused first request can be retried with the same key', async () => {
    const spec1 = await h.as('spec1');
    const spec2 = await h.as('spec2');
    // Refused inside the write (an agency that does not exist): the claim rolled back with it.
    const refused = oneTask(h, 'Nhiệm vụ giao cho cơ quan không có');
    refused.tasks[0]!.leadAgencyId = 999_999;
    const first = await spec1.request('POST', '/api/documents', refused, { 'idempotency-key': 'dk-shared' });
    expect(first.status).toBe(400);
    const fixed = oneTask(h, 'Nhiệm vụ giao cho cơ quan không có');
    const retried = await spec1.request('POST', '/api/documents', fixed, { 'idempotency-key': 'dk-shared' });
    expect(retried.status).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    // Another user's identical key is theirs alone.
    const theirs = await spec2.request('POST', '/api/documents', oneTask(h, 'Việc của người khác'), {
      'idempotency-key': 'dk-shared',
    });
    expect(theirs.status).toBe(201);
  });
});
