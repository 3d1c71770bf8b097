/**
 * The data version of a server process without a query (db/versions.ts, ADR 0019) and what it keys: the kept
 * answers and the signed-in sessions remembered for a few seconds. Whatever ends a session or changes what a
 * list shows is a command, so it takes effect at once — on this server, and on PostgreSQL on every other
 * server as soon as the database tells it (two servers over one database below).
 */
import net from 'node:net';
import { sql } from 'drizzle-orm';
import { rows } from '../../src/db/client.js';
import { DataVersions, listenForChanges } from '../../src/db/versions.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anotherServer, Client, createHarness, DB_KIND, registerDocument, type Harness } from '../helpers/harness.js';

let h: Harness;
let documentId: number;
let taskId: number;
/** A task the tests of what a commit changed edit (the others read `taskId`'s content). */
let editedId: number;

/** Waits for a condition (never for a fixed time), up to `ms`. */
async function until(what: string, ok: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
const fresh = async (username: string) => {
  const c = h.anon();
  const res = await c.post('/api/auth/login', { username, password: 'Test@2026pw' });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  c.cookie = String([res.headers['set-cookie']].flat()[0]).split(';')[0];
  c.csrf = res.body.csrfToken;
  return c;
};
const lock = async (username: string, isActive: boolean) => {
  const admin = await fresh('admin');
  const [u] = await rows<{ id: number; version: number }>(
    h.database.db,
    sql`select id, version from users where username = ${username}`,
  );
  const res = await admin.patch(`/api/users/${u!.id}`, { version: u!.version, isActive });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
};

beforeAll(async () => {
  h = await createHarness('2026-03-02 09:00', { env: { SESSION_IDLE_MINUTES: '30' } });
  ({
    documentId,
    taskIds: [taskId],
  } = (await registerDocument(h, 'spec1', [
    {
      content: 'Kiểm tra an toàn thực phẩm',
      leadAgencyId: h.fx.agency.finance,
      deadlineKind: 'fixed',
      deadline: '2026-03-31',
    },
  ])) as unknown as { documentId: number; taskIds: [number] });
  const edited = await registerDocument(h, 'spec1', [
    { content: 'Rà soát hồ sơ', leadAgencyId: h.fx.agency.finance, deadlineKind: 'fixed', deadline: '2026-03-31' },
  ]);
  editedId = edited.taskIds[0]!;
});
afterAll(async () => h.close());

describe('a remembered session', () => {
  it('is refused at once after signing out', async () => {
    const c = await fresh('fin_staff');
    expect((await c.get('/api/auth/me')).status).toBe(200);
    expect((await c.get('/api/auth/me')).status).toBe(200);
    expect((await c.post('/api/auth/logout')).status).toBeLessThan(300);
    expect((await c.get('/api/auth/me')).status).toBe(401);
    expect((await c.get('/api/tasks')).status).toBe(401);
  });

  it('is refused at once when the admin locks the user, and works again only after signing in again', async () => {
    const c = await fresh('con_staff');
    expect((await c.get(`/api/tasks?documentId=${documentId}`)).status).toBe(200);
    await lock('con_staff', false);
    expect((await c.get(`/api/tasks?documentId=${documentId}`)).status).toBe(401);
    await lock('con_staff', true);
    // The lock ended the session itself.
    expect((await c.get(`/api/tasks?documentId=${documentId}`)).status).toBe(401);
    expect((await (await fresh('con_staff')).get(`/api/tasks?documentId=${documentId}`)).status).toBe(200);
  });

  it('is refused once idle past the limit, though it was read a moment before', async () => {
    const c = await fresh('dis_staff');
    expect((await c.get('/api/auth/me')).status).toBe(200);
    h.clock.advance(29 * 60_000);
    // Used within the limit: touched, and so alive for another 30 minutes.
    expect((await c.get('/api/auth/me')).status).toBe(200);
    h.clock.advance(29 * 60_000);
    expect((await c.get('/api/auth/me')).status).toBe(200);
    h.clock.advance(32 * 60_000);
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });

  it('is the role the user has now: a change of role is seen on the next request', async () => {
    const c = await fresh('com_staff');
    expect((await c.get('/api/auth/me')).body.role).toBe('agency_staff');
    const admin = await fresh('admin');
    const [u] = await rows<{ id: number; version: number }>(
      h.database.db,
      sql`select id, version from users where username = 'com_staff'`,
    );
    const res = await admin.patch(`/api/users/${u!.id}`, { version: u!.version, role: 'agency_lead' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await c.get('/api/auth/me')).body.role).toBe('agency_lead');
  });
});

/** Names of the reference tables, none of them read: what a cache holds after `prime`, to tell it from a reload. */
const emptyNames = () => ({ agencies: new Map(), leaders: new Map(), fields: new Map(), users: new Map() });
/** Puts `marker` in a server's names cache, and tells later whether it is still there. */
function namesProbe(app: {
  deps: { caches: { names: { forget(): void; get(l: () => Promise<unknown>): Promise<unknown> } } };
}) {
  const marker = emptyNames();
  return {
    prime: async () => {
      app.deps.caches.names.forget();
      expect(await app.deps.caches.names.get(async () => marker)).toBe(marker);
    },
    kept: async () => (await app.deps.caches.names.get(async () => emptyNames())) === marker,
  };
}
/** No background job (the start's sweeps) is due or running, so none commits during a check. */
const jobsIdle = () =>
  until('no job is due or running', async () => {
    const [j] = await rows<{ n: number }>(
      h.database.db,
      sql`select count(*)::int as n from jobs where status = 'running' or (status = 'queued' and run_at <= ${h.clock.now()})`,
    );
    return j!.n === 0;
  });
const editTask = async (spec: Client, content: string) => {
  const t = (await spec.get(`/api/tasks/${editedId}`)).body;
  const res = await spec.patch(`/api/tasks/${editedId}`, { version: t.version, content });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
};
const renameAgency = async (name: string) => {
  const admin = await fresh('admin');
  const a = (await admin.get('/api/agencies')).body.items.find(
    (x: { id: number }) => x.id === h.fx.agency.construction,
  );
  const res = await admin.patch(`/api/agencies/${a.id}`, { version: a.version, name });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
};

describe('what a commit changed (db/versions.ts ChangeKind)', () => {
  it('task data only: the names read for seconds stay; a rename: they are read again', async () => {
    const spec = await fresh('spec1');
    await jobsIdle();
    const probe = namesProbe(h.app);
    await probe.prime();
    const kinds: string[] = [];
    const stop = h.database.versions.onBump((k) => void kinds.push(k));
    try {
      await editTask(spec, 'Rà soát hồ sơ (bản sửa)');
      // The command's own bump; on PostgreSQL the notice of its commit too, heard a moment later.
      await until('the commit is heard', async () => kinds.length === (DB_KIND === 'postgres' ? 2 : 1));
    } finally {
      stop();
    }
    expect(kinds).toEqual(DB_KIND === 'postgres' ? ['data', 'data'] : ['data']);
    expect(await probe.kept()).toBe(true);
    await renameAgency('Sở Xây dựng tỉnh');
    expect(await probe.kept()).toBe(false);
  });
});

describe.skipIf(DB_KIND !== 'postgres')('two servers over one PostgreSQL database', () => {
  let other: Awaited<ReturnType<typeof anotherServer>>;
  const on = (c: Client) => Object.assign(new Client(other.app), { cookie: c.cookie, csrf: c.csrf });
  beforeAll(async () => {
    other = await anotherServer(h);
    await until('the second server listens for changes', async () => other.database.versions.exact);
  });
  afterAll(async () => other?.close());

  const contentOn = async (c: Client) =>
    (await c.get(`/api/tasks?documentId=${documentId}`)).body.items.find((t: { id: number }) => t.id === taskId)
      ?.content as string;

  it('sees a write made through the first one in its kept answers', async () => {
    const spec = await fresh('spec1');
    const there = on(spec);
    const before = await contentOn(there);
    expect(before).toBe('Kiểm tra an toàn thực phẩm');
    // Kept there…
    expect(await contentOn(there)).toBe(before);
    const t = (await spec.get(`/api/tasks/${taskId}`)).body;
    const res = await spec.patch(`/api/tasks/${taskId}`, {
      version: t.version,
      content: 'Kiểm tra an toàn thực phẩm dịp Tết',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // …until the database tells it of the commit.
    await until(
      'the change is seen on the second server',
      async () => (await contentOn(there)) === 'Kiểm tra an toàn thực phẩm dịp Tết',
    );
  });

  it('keeps its names after another server changed task data only, and reads them again after a rename there', async () => {
    const heard: string[] = [];
    const stop = other.database.versions.onBump((k) => void heard.push(k));
    try {
      const spec = await fresh('spec1');
      await until('the second server hears the sign-in', async () => heard.includes('any'));
      await jobsIdle();
      const probe = namesProbe(other.app);
      await probe.prime();
      heard.length = 0;
      await editTask(spec, 'Rà soát hồ sơ (lần hai)');
      await until('the second server hears the change', async () => heard.length > 0);
      expect(heard).toEqual(['data']);
      expect(await probe.kept()).toBe(true);
      await renameAgency('Sở Xây dựng');
      await until('the second server hears the rename', async () => heard.includes('any'));
      expect(await probe.kept()).toBe(false);
    } finally {
      stop();
    }
  });

  it('refuses a session ended on the first one', async () => {
    const c = await fresh('fin_lead');
    const there = on(c);
    expect((await there.get('/api/auth/me')).status).toBe(200);
    expect((await c.post('/api/auth/logout')).status).toBeLessThan(300);
    await until(
      'the session is refused on the second server',
      async () => (await there.get('/api/auth/me')).status === 401,
    );
  });

  it('asks the database while it cannot listen, and listens again', async () => {
    const spec = await fresh('spec1');
    const there = on(spec);
    await contentOn(there);
    // The listening connection is cut (a restart of the database, a network drop).
    await h.database.db.execute(
      sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and (query ilike 'listen %' or query = 'select pg_notify($1, $2)')`,
    );
    await until('the second server knows it is not listening', async () => !other.database.versions.exact);
    // Nothing is kept meanwhile: even a change behind the commands' back is seen on the next read.
    await h.database.db.execute(sql`update tasks set content = 'Đổi ngoài lệnh' where id = ${taskId}`);
    expect(await contentOn(there)).toBe('Đổi ngoài lệnh');
    // Meanwhile a write through the first server is seen at once: the version is read from the database.
    const t = (await spec.get(`/api/tasks/${taskId}`)).body;
    const res = await spec.patch(`/api/tasks/${taskId}`, { version: t.version, content: 'Kiểm tra lần hai' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await contentOn(there)).toBe('Kiểm tra lần hai');
    await until('the second server listens again', async () => other.database.versions.exact);
    const t2 = (await spec.get(`/api/tasks/${taskId}`)).body;
    await spec.patch(`/api/tasks/${taskId}`, { version: t2.version, content: 'Kiểm tra lần ba' });
    await until('seen after listening again', async () => (await contentOn(there)) === 'Kiểm tra lần ba');
  });
});

describe.skipIf(DB_KIND !== 'postgres')('the listening connection', () => {
  it('is dropped when its link goes silent, and the version is not exact until a new one hears', async () => {
    // A link that can go silent without closing, as a firewall dropping an idle connection does.
    let silent = false;
    const sockets = new Set<net.Socket>();
    const proxy = net.createServer((inbound) => {
      const url = new URL(h.databaseUrl!);
      const outbound = net.connect(Number(url.port || 5432), url.hostname);
      for (const s of [inbound, outbound]) {
        sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => sockets.delete(s));
      }
      inbound.on('data', (d) => void (silent || outbound.write(d)));
      outbound.on('data', (d) => void (silent || inbound.write(d)));
      inbound.on('close', () => outbound.destroy());
      outbound.on('close', () => inbound.destroy());
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const url = new URL(h.databaseUrl!);
    url.host = `127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
    const versions = new DataVersions(false);
    const stop = listenForChanges(url.toString(), versions, { everyMs: 100, withinMs: 300 });
    try {
      await until('listening', async () => versions.exact);
      // Another connection's commit is heard.
      const before = versions.value;
      await h.database.db.execute(sql`select pg_notify('nv_data_changed', '')`);
      await until('a change is heard', async () => versions.value !== before);
      // Heartbeats are not changes.
      const quiet = versions.value;
      await new Promise((r) => setTimeout(r, 350));
      expect(versions.value).toBe(quiet);
      silent = true;
      await until('the silent link is noticed', async () => !versions.exact, 5_000);
      silent = false;
      await until('a new connection hears again', async () => versions.exact, 10_000);
    } finally {
      await stop();
      for (const s of sockets) s.destroy();
      await new Promise((r) => proxy.close(r));
    }
  });
});
