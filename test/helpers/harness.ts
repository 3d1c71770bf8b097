/**
 * The test harness: a fresh database per test file (PGlite by default; PostgreSQL when TEST_DATABASE=postgres,
 * in a database created for the file and dropped after), a small province (fixture), a movable clock and
 * clients signed in as each kind of user, all through the real HTTP stack (Fastify inject).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';
import { buildApp, type App } from '../../src/app.js';
import { hashPassword } from '../../src/auth/crypto.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase, type Database, type OpenOptions } from '../../src/db/client.js';
import { agencies, agencyNames, fields, leaders, users, type Role } from '../../src/db/schema.js';
import { foldVietnamese } from '../../src/domain/text.js';
import { CalendarService } from '../../src/services/calendar.js';
import { LocalFileStore } from '../../src/services/files.js';
import { PG_ADMIN_URL, pgliteTemplate, postgresTemplate } from './template.js';

export const PASSWORD = 'Test@2026pw';
export const DB_KIND: 'pglite' | 'postgres' = process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'pglite';

export class Clock {
  private t: Date;
  constructor(iso: string) {
    this.t = new Date(iso);
  }
  now = () => new Date(this.t);
  /** Sets the clock to a Vietnam local time: '2026-03-02 09:00'. */
  set(vnLocal: string) {
    this.t = new Date(`${vnLocal.replace(' ', 'T')}:00+07:00`);
  }
  advance(ms: number) {
    this.t = new Date(this.t.getTime() + ms);
  }
}

export interface Fixture {
  agency: Record<'office' | 'ubnd' | 'finance' | 'construction' | 'district' | 'commune', number>;
  user: Record<string, number>;
  leader: Record<'chairman' | 'vice', number>;
  field: number;
}

/** Usernames and what they are. */
export const PEOPLE: Record<string, { role: Role; agency: keyof Fixture['agency']; name: string }> = {
  admin: { role: 'admin', agency: 'office', name: 'Nguyễn Quản Trị' },
  spec1: { role: 'office_specialist', agency: 'office', name: 'Trần Thị Chuyên Viên' },
  spec2: { role: 'office_specialist', agency: 'office', name: 'Lê Văn Theo Dõi' },
  chief: { role: 'office_lead', agency: 'office', name: 'Phạm Chánh Văn' },
  chairman: { role: 'leader', agency: 'ubnd', name: 'Hoàng Văn Chủ Tịch' },
  vice: { role: 'leader', agency: 'ubnd', name: 'Đặng Thị Phó' },
  fin_lead: { role: 'agency_lead', agency: 'finance', name: 'Vũ Giám Đốc Tài Chính' },
  fin_staff: { role: 'agency_staff', agency: 'finance', name: 'Bùi Văn Thư' },
  con_lead: { role: 'agency_lead', agency: 'construction', name: 'Đỗ Giám Đốc Xây Dựng' },
  con_staff: { role: 'agency_staff', agency: 'construction', name: 'Ngô Đầu Mối' },
  dis_staff: { role: 'agency_staff', agency: 'district', name: 'Dương Huyện' },
  com_staff: { role: 'agency_staff', agency: 'commune', name: 'Lý Xã' },
};

let cachedHash: Promise<string> | undefined;

async function createFixture(db: Database['db']): Promise<Fixture> {
  const hash = await (cachedHash ??= hashPassword(PASSWORD));
  const mk = async (
    code: string,
    name: string,
    shortName: string,
    kind: (typeof agencies.$inferInsert)['kind'],
    validFrom = '2020-01-01',
    validTo: string | null = null,
  ) => {
    const [a] = await db
      .insert(agencies)
      .values({ code, name, shortName, kind, validFrom, validTo, nameFolded: foldVietnamese(name) })
      .returning();
    await db.insert(agencyNames).values({ agencyId: a!.id, name, shortName, validFrom, validTo });
    return a!.id;
  };
  const agency = {
    office: await mk('VPUBND', 'Văn phòng UBND tỉnh', 'VP UBND', 'office'),
    ubnd: await mk('UBND', 'Ủy ban nhân dân tỉnh', 'UBND tỉnh', 'office'),
    finance: await mk('STC', 'Sở Tài chính', 'STC', 'department'),
    construction: await mk('SXD', 'Sở Xây dựng', 'SXD', 'department'),
    district: await mk('H-DONGHAI', 'UBND huyện Đông Hải', 'UBND huyện Đông Hải', 'district'),
    commune: await mk('X-ANBINH', 'UBND xã An Bình', 'UBND xã An Bình', 'commune', '2025-07-01'),
  };
  const [f] = await db
    .insert(fields)
    .values({ code: 'TC', name: 'Tài chính – Ngân sách', nameEn: 'Finance and budget' })
    .returning();
  const user: Record<string, number> = {};
  for (const [username, p] of Object.entries(PEOPLE)) {
    const [u] = await db
      .insert(users)
      .values({
        username,
        passwordHash: hash,
        fullName: p.name,
        role: p.role,
        agencyId: agency[p.agency],
        email: `${username}@example.gov.vn`,
      })
      .returning();
    user[username] = u!.id;
  }
  const [l1] = await db
    .insert(leaders)
    .values({ fullName: PEOPLE.chairman!.name, position: 'Chủ tịch UBND tỉnh', userId: user.chairman, sortOrder: 1 })
    .returning();
  const [l2] = await db
    .insert(leaders)
    .values({ fullName: PEOPLE.vice!.name, position: 'Phó Chủ tịch UBND tỉnh', userId: user.vice, sortOrder: 2 })
    .returning();
  return { agency, user, leader: { chairman: l1!.id, vice: l2!.id }, field: f!.id };
}

export interface Response {
  status: number;
  body: any;
  headers: Record<string, unknown>;
}

export class Client {
  cookie?: string;
  csrf?: string;
  bearer?: string;
  lang: 'vi' | 'en' = 'vi';
  /** The client's address as the server sees the connection. */
  ip = '127.0.0.1';
  signedInAt = 0;
  constructor(private readonly app: App) {}

  async request(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const h: Record<string, string> = { 'accept-language': this.lang, ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET') h['x-csrf-token'] = this.csrf;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    const res = await this.app.inject({ method, url, payload: payload as never, headers: h, remoteAddress: this.ip });
    let body: unknown = res.body;
    try {
      body = res.json();
    } catch {
      /* not JSON */
    }
    return { status: res.statusCode, body, headers: res.headers };
  }
  get = (url: string) => this.request('GET', url);
  post = (url: string, body: unknown = {}) => this.request('POST', url, body);
  patch = (url: string, body: unknown) => this.request('PATCH', url, body);
  put = (url: string, body: unknown) => this.request('PUT', url, body);
  del = (url: string) => this.request('DELETE', url);
}

export interface Harness {
  app: App;
  database: Database;
  /** PostgreSQL: the test database's address (another server may open it: `anotherServer`). */
  databaseUrl?: string;
  clock: Clock;
  fx: Fixture;
  /** Where the uploaded files of this harness are stored. */
  filesDir: string;
  anon(): Client;
  as(username: string): Promise<Client>;
  close(): Promise<void>;
}

/** Opens a fresh database with the migrations applied. */
export async function freshDatabase(
  opts: Pick<OpenOptions, 'limits' | 'poolSize'> = {},
): Promise<{ database: Database; drop: () => Promise<void>; url?: string }> {
  if (DB_KIND === 'postgres') {
    const name = `nv_test_${randomBytes(6).toString('hex')}`;
    const template = await postgresTemplate();
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${name} template ${template}`);
    await admin.end();
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: url.toString(), ...opts });
    return {
      database,
      url: url.toString(),
      drop: async () => {
        await database.close();
        const c = new pg.Client({ connectionString: PG_ADMIN_URL });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  const database = await openDatabase({ dataDir: 'memory://', loadDataDir: await pgliteTemplate(), ...opts });
  return { database, drop: () => database.close() };
}

export interface HarnessOptions extends Pick<OpenOptions, 'limits' | 'poolSize'> {
  /** Configuration values beside the test defaults. */
  env?: Record<string, string>;
  /** A pino logger for tests that read what the server logs (none by default). */
  log?: FastifyBaseLogger;
}

export async function createHarness(start = '2026-03-02 09:00', opts: HarnessOptions = {}): Promise<Harness> {
  const { env = {}, log, ...dbOpts } = opts;
  const { database, drop, url } = await freshDatabase(dbOpts);
  const clock = new Clock(`${start.replace(' ', 'T')}:00+07:00`);
  const fx = await createFixture(database.db);
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    MAX_UPLOAD_MB: '1',
    SESSION_TTL_HOURS: '720',
    // Tests move the clock by days between requests of one signed-in client.
    SESSION_IDLE_MINUTES: String(30 * 24 * 60),
    ...env,
  });
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nv-files-'));
  const calendar = new CalendarService(database.db, clock.now);
  await calendar.reload(database.db);
  const app = await buildApp(
    {
      db: database.db,
      database,
      config,
      now: clock.now,
      calendar,
      files: new LocalFileStore(filesDir),
      version: 'test',
    },
    log ? { loggerInstance: log } : { logger: false },
  );
  await app.ready();
  // PostgreSQL: ready once it listens for other servers' changes (until then nothing is kept: ADR 0019).
  for (const end = Date.now() + 15_000; !database.versions.exact && Date.now() < end;)
    await new Promise((r) => setTimeout(r, 10));
  const sessions = new Map<string, Client>();
  return {
    app,
    database,
    databaseUrl: url,
    clock,
    fx,
    filesDir,
    anon: () => new Client(app),
    async as(username: string) {
      const cached = sessions.get(username);
      // Sessions last 30 days: tests that move the clock further sign in again.
      if (cached && clock.now().getTime() - cached.signedInAt < 20 * 86400_000) return cached;
      const c = new Client(app);
      const res = await c.post('/api/auth/login', { username, password: PASSWORD });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
      const setCookie = res.headers['set-cookie'];
      c.cookie = String(Array.isArray(setCookie) ? setCookie[0] : setCookie).split(';')[0];
      c.csrf = res.body.csrfToken;
      c.signedInAt = clock.now().getTime();
      sessions.set(username, c);
      return c;
    },
    async close() {
      await app.close();
      await drop();
      fs.rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

/**
 * PostgreSQL: a second server process's app over the harness's database (its own pool, caches and data
 * version), on the same clock and configuration. A client of `h` works on it with `new Client(app)` and the
 * same cookie.
 */
export async function anotherServer(h: Harness): Promise<{ app: App; database: Database; close(): Promise<void> }> {
  if (!h.databaseUrl) throw new Error('anotherServer needs PostgreSQL');
  const database = await openDatabase({ databaseUrl: h.databaseUrl, migrate: false });
  const calendar = new CalendarService(database.db, h.clock.now);
  await calendar.reload(database.db);
  const app = await buildApp(
    {
      db: database.db,
      database,
      config: h.app.deps.config,
      now: h.clock.now,
      calendar,
      files: new LocalFileStore(h.filesDir),
      version: 'test',
    },
    { logger: false },
  );
  await app.ready();
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** Registers a document with tasks as the given specialist; returns the created task ids. */
export async function registerDocument(
  h: Harness,
  as: string,
  tasks: Record<string, unknown>[],
  doc: Partial<{ numberText: string; issuedOn: string; abstract: string; signerId: number }> = {},
): Promise<{ documentId: number; taskIds: number[] }> {
  const c = await h.as(as);
  const res = await c.post('/api/documents', {
    numberText: doc.numberText ?? `${Math.floor(Math.random() * 9000) + 1000}/UBND-KT`,
    issuedOn: doc.issuedOn ?? '2026-03-02',
    abstract: doc.abstract ?? 'V/v triển khai nhiệm vụ phát triển kinh tế – xã hội năm 2026',
    signerId: doc.signerId ?? h.fx.leader.chairman,
    tasks,
  });
  if (res.status !== 201) throw new Error(`register document: ${res.status} ${JSON.stringify(res.body)}`);
  const list = await c.get(`/api/tasks?documentId=${res.body.id}&sort=code&pageSize=200`);
  return { documentId: res.body.id, taskIds: list.body.items.map((t: { id: number }) => t.id) };
}
