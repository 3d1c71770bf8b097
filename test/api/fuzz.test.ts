/**
 * The API under generated input: requests built from /api/openapi.json for every route and method — valid
 * ones, ones with one field made hostile (NUL, huge numbers and strings, wrong types, extra fields, SQL
 * and HTML fragments, dates out of range, odd unicode) and malformed ones (bad JSON, wrong content types,
 * broken multipart) — signed in as several roles. No answer may be a 500, leak a stack or SQL, or lack a
 * message; afterwards the data must be whole (every task with its event and one open snapshot…).
 *
 * Reproducible: the run prints its seed; FUZZ_SEED=<seed> replays it, FUZZ_REQUESTS=<n> sets the count
 * (10 500 on PGlite, 4 000 on PostgreSQL), FUZZ_TIMING=1 prints the time spent per route.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.js';
import { createHarness, DB_KIND, PASSWORD, registerDocument, type Client, type Harness } from '../helpers/harness.js';

const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? (DB_KIND === 'postgres' ? 4000 : 10_500));

/** mulberry32: a small seeded generator, so that a run can be replayed exactly. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Rnd = ReturnType<typeof prng>;

const HOSTILE_STRINGS = [
  '\u0000',
  'a\u0000b',
  'x'.repeat(5000),
  'y'.repeat(70_000),
  "' OR 1=1 --",
  "'; drop table tasks; --",
  '"); select pg_sleep(1); --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '{{7*7}}${7*7}',
  '../../etc/passwd',
  '%00%27%22',
  '\ud800',
  'a\udfffb',
  '😀🇻🇳',
  'Tiếng Việt có dấu: Đồng bằng sông Cửu Long',
  '\u202eevil\u202c',
  '\ufeff',
  '\u0001\u0002\u001f\u007f',
  '\\',
  '',
  ' ',
  '9'.repeat(400),
  '-1',
  '1e400',
  'null',
  'true',
  '2026-02-30',
  '9999-12-31',
  '0000-01-01',
];
const HOSTILE_NUMBERS = [
  0,
  -1,
  1.5,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  Number.MAX_SAFE_INTEGER + 2,
  1e308,
  -1e308,
  99999999999,
];
const HOSTILE_DATES = [
  '9999-12-31',
  '0000-01-01',
  '2050-12-31',
  '2051-01-01',
  '1989-12-31',
  '2026-02-30',
  '2026-13-01',
  '2026-1-1',
  '20260301',
  '+002026-03-01',
  '2026-03-01T00:00:00Z',
  '2048-12-31',
  '1990-01-01',
];
const HOSTILE_PATH = [
  '0',
  '-1',
  '99999999999',
  '2147483648',
  '1.5',
  'abc',
  '%00',
  '1%00',
  "1'%20OR%20'1'='1",
  '%2e%2e%2f%2e%2e',
  '9'.repeat(60),
  '%F0%9F%98%80',
  '%ZZ',
];

interface Pools {
  task: number[];
  document: number[];
  agency: number[];
  spareAgency: number[];
  user: number[];
  spareUser: number[];
  leader: number[];
  field: number[];
  token: number[];
  view: number[];
  file: string[];
}

type Schema = Record<string, any>;
interface Operation {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  params: { name: string; in: string; required?: boolean; schema: Schema }[];
  body?: Schema;
  weight: number;
}

/** Merges allOf parts and picks one of anyOf/oneOf: the concrete shape to generate. */
function resolve(s: Schema, r: Rnd): Schema {
  if (s.allOf) {
    const parts = (s.allOf as Schema[]).map((p) => resolve(p, r));
    const merged: Schema = { type: 'object', properties: {}, required: [] };
    for (const p of parts) {
      Object.assign(merged.properties, p.properties ?? {});
      merged.required.push(...(p.required ?? []));
    }
    return { ...merged, nullable: s.nullable };
  }
  const alts = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (alts) return { ...resolve(r.pick(alts.filter((a) => a.type !== 'null')), r), nullable: s.nullable };
  return s;
}

function poolFor(name: string, opPath: string, p: Pools): number[] {
  if (name === 'id') {
    if (opPath.startsWith('/api/tasks')) return p.task;
    if (opPath.startsWith('/api/documents')) return p.document;
    if (opPath.startsWith('/api/agencies')) return p.spareAgency;
    if (opPath.startsWith('/api/users')) return p.spareUser;
    if (opPath.startsWith('/api/fields')) return p.field;
    if (opPath.startsWith('/api/tokens')) return p.token;
    if (opPath.startsWith('/api/views')) return p.view;
    return p.task;
  }
  if (/agency/i.test(name) || name === 'successorId') return p.agency;
  if (name === 'leaderId' || name === 'signerId') return p.leader;
  if (name === 'fieldId') return p.field;
  if (name === 'specialistId' || name === 'userId') return p.user;
  if (name === 'documentId') return p.document;
  if (name === 'parentId') return opPath.startsWith('/api/agencies') ? p.agency : p.task;
  if (name === 'ids' || name === 'before') return p.task;
  return p.task;
}

const CSV: Record<string, string[]> = {
  status: ['draft', 'assigned', 'received', 'in_progress', 'reported', 'done', 'cancelled', 'withdrawn'],
  deadlineKind: ['fixed', 'none', 'recurring', 'routine'],
  timeliness: ['done_on_time', 'done_late', 'in_progress_on_time', 'overdue'],
};

function validDate(r: Rnd): string {
  const y = r.pick([2025, 2026, 2026, 2026, 2027]);
  const m = r.int(1, 12);
  const d = r.int(1, 28);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A value the schema accepts (mostly): ids from the pools, dates near today, words that fit the caps. */
function valid(s0: Schema, name: string, r: Rnd, ctx: { path: string; pools: Pools }, depth = 0): unknown {
  const s = resolve(s0, r);
  if (s.nullable && r.chance(0.1)) return null;
  if (s.enum) return r.pick(s.enum as unknown[]);
  if (s.const !== undefined) return s.const;
  switch (s.type) {
    case 'boolean':
      return r.chance(0.5);
    case 'integer':
    case 'number': {
      if (name === 'version') return r.int(1, 4);
      if (/id$/i.test(name) || name === 'before') return r.pick(poolFor(name, ctx.path, ctx.pools));
      const min = typeof s.minimum === 'number' ? s.minimum : 0;
      const max = typeof s.maximum === 'number' ? Math.min(s.maximum, min + 100) : min + 100;
      const n = r.int(Math.ceil(min), Math.floor(max));
      return s.type === 'number' && max <= 1 ? r.next() : n;
    }
    case 'string': {
      if (s.format === 'date') return validDate(r);
      if (s.format === 'uuid') return r.pick(ctx.pools.file);
      if (s.format === 'email') return `fuzz${r.int(1, 1e6)}@example.gov.vn`;
      if (s.pattern === '^\\d+(,\\d+)*$') return String(r.pick(poolFor(name, ctx.path, ctx.pools)));
      if (name === 'code') return `FZ${r.int(1, 1e6)}`;
      if (name === 'username') return `fuzz.${r.int(1, 1e6)}`;
      if (name === 'numberText') return `${r.int(1, 9999)}/UBND-${r.pick(['VP', 'KT', 'TH'])}`;
      if (name === 'password' || name === 'newPassword' || name === 'currentPassword')
        return `Fz@${r.int(1e5, 1e6)}pass`;
      if (CSV[name]) return r.pick(CSV[name]!);
      if (name === 'q') return r.pick(['kinh tế', 'kinh te', 'báo cáo', 'NV-2026', '8164', '']);
      const max = typeof s.maxLength === 'number' ? s.maxLength : 50;
      const words = ['Triển khai', 'kế hoạch', 'năm 2026', 'Sở Tài chính', 'báo cáo', 'đôn đốc', 'ngân sách'];
      let out = r.pick(words);
      while (r.chance(0.5) && out.length < max - 20) out += ` ${r.pick(words)}`;
      return out.slice(0, Math.max(1, Math.min(max, out.length)));
    }
    case 'array': {
      const maxItems = typeof s.maxItems === 'number' ? s.maxItems : 3;
      const n = r.int(s.minItems ?? 0, Math.min(maxItems, s.minItems ? s.minItems + 2 : 2));
      return Array.from({ length: n }, () => valid(s.items ?? {}, name, r, ctx, depth + 1));
    }
    case 'object':
    default: {
      if (depth > 6) return {};
      const out: Record<string, unknown> = {};
      const props = (s.properties ?? {}) as Record<string, Schema>;
      const required = new Set<string>(s.required ?? []);
      for (const [k, v] of Object.entries(props))
        if (required.has(k) || r.chance(0.5)) out[k] = valid(v, k, r, ctx, depth + 1);
      if (!s.properties && s.additionalProperties) out[`k${r.int(1, 9)}`] = valid(s.additionalProperties, 'v', r, ctx);
      return out;
    }
  }
}

/** A value no schema should accept quietly. */
function hostile(r: Rnd, hint?: Schema): unknown {
  const kind = r.int(0, 9);
  if (hint?.format === 'date' && r.chance(0.6)) return r.pick(HOSTILE_DATES);
  switch (kind) {
    case 0:
    case 1:
    case 2:
      return r.pick(HOSTILE_STRINGS);
    case 3:
    case 4:
      return r.pick(HOSTILE_NUMBERS);
    case 5:
      return r.pick([null, true, false, [], {}, [null], { $ne: 1 }, [[[[[]]]]]]);
    case 6:
      return r.pick(HOSTILE_DATES);
    case 7:
      return Array.from({ length: r.pick([201, 501, 1000]) }, (_, i) => i + 1);
    case 8:
      return { __proto__: { admin: true }, constructor: { prototype: { x: 1 } } };
    default:
      return String(r.pick(HOSTILE_NUMBERS));
  }
}

/** A valid value with one field somewhere (however deep) replaced by a hostile one, or an extra field. */
function mutate(v: unknown, r: Rnd, s?: Schema): unknown {
  if (v === null || typeof v !== 'object') return hostile(r, s);
  if (Array.isArray(v)) {
    if (v.length === 0 || r.chance(0.2)) return [...v, hostile(r)];
    const i = r.int(0, v.length - 1);
    const copy = [...v];
    copy[i] = mutate(copy[i], r, s?.items);
    return copy;
  }
  const obj = { ...(v as Record<string, unknown>) };
  const keys = Object.keys(obj);
  if (keys.length === 0 || r.chance(0.15)) {
    obj[r.pick(['extra', 'isAdmin', 'id', '__proto__', 'a\u0000', 'version'])] = hostile(r);
    return obj;
  }
  if (r.chance(0.1)) {
    delete obj[r.pick(keys)];
    return obj;
  }
  const k = r.pick(keys);
  const props = s ? (resolve(s, r).properties as Record<string, Schema> | undefined) : undefined;
  obj[k] = r.chance(0.7) ? mutate(obj[k], r, props?.[k]) : hostile(r, props?.[k]);
  return obj;
}

/** Percent-encodes a value; a lone surrogate (which has no UTF-8 form) is sent as its raw, invalid bytes. */
function encodeQuery(v: unknown): string {
  const text = typeof v === 'string' ? v : Array.isArray(v) ? v.join(',') : JSON.stringify(v);
  try {
    return encodeURIComponent(text);
  } catch {
    return encodeURIComponent(text.replace(/[\ud800-\udfff]/g, '')) + '%ED%A0%80';
  }
}

interface Built {
  method: string;
  url: string;
  payload?: string | Buffer;
  headers: Record<string, string>;
}

function build(op: Operation, r: Rnd, pools: Pools): Built {
  const mode = r.next(); // < 0.35 valid, < 0.8 one hostile field, else malformed
  const ctx = { path: op.path, pools };
  let url = op.path;
  const query: string[] = [];
  const hostileParam = mode >= 0.35 && mode < 0.8 && op.params.length > 0 && (!op.body || r.chance(0.4));
  const target = hostileParam ? r.pick(op.params) : undefined;
  for (const p of op.params) {
    const value =
      p === target
        ? p.in === 'path' && r.chance(0.6)
          ? r.pick(HOSTILE_PATH)
          : hostile(r, p.schema)
        : p.in === 'path' || p.required || r.chance(0.3)
          ? valid(p.schema, p.name, r, ctx)
          : undefined;
    if (value === undefined) continue;
    if (p.in === 'path')
      url = url.replace(
        `{${p.name}}`,
        p === target && typeof value === 'string' && HOSTILE_PATH.includes(value) ? value : encodeQuery(value),
      );
    else query.push(`${encodeURIComponent(p.name)}=${encodeQuery(value)}`);
  }
  if (mode >= 0.8 && r.chance(0.3))
    query.push(r.pick(['extra=1', 'q=a&q=b', 'page=1&page=2', '%00=1', 'a[b]=c', '__proto__[x]=1']));
  if (query.length) url += `?${query.join('&')}`;
  const headers: Record<string, string> = {};
  if (op.method === 'GET' || op.method === 'DELETE') {
    if (mode >= 0.9) {
      headers['content-type'] = 'application/json';
      return { method: op.method, url, payload: r.pick(['{', '{"a":1}', 'null']), headers };
    }
    return { method: op.method, url, headers };
  }
  let body: unknown = op.body ? valid(op.body, '', r, ctx) : {};
  if (mode >= 0.35 && mode < 0.8 && !hostileParam) body = mutate(body, r, op.body);
  if (mode >= 0.8) {
    const raw = r.int(0, 9);
    headers['content-type'] = 'application/json';
    switch (raw) {
      case 0:
        return { method: op.method, url, headers, payload: '{"a": ' };
      case 1:
        return { method: op.method, url, headers, payload: r.pick(['null', '[]', '"text"', '123', 'true', '[{}]']) };
      case 2:
        return { method: op.method, url, headers: { 'content-type': 'text/plain' }, payload: 'hello' };
      case 3:
        return {
          method: op.method,
          url,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: 'a=1&b=2',
        };
      case 4:
        return { method: op.method, url, headers: { 'content-type': 'multipart/form-data' }, payload: '--x\r\n' };
      case 5:
        return { method: op.method, url, headers, payload: '' };
      case 6:
        return { method: op.method, url, headers, payload: JSON.stringify(body).replace(/"/, "'") };
      case 7:
        return { method: op.method, url, headers, payload: '{"a":"\\u0000","b":"\\ud800"}' };
      case 8:
        return { method: op.method, url, headers, payload: JSON.stringify([body]) };
      default:
        body = mutate(mutate(body, r, op.body), r, op.body);
    }
  }
  headers['content-type'] = 'application/json';
  return { method: op.method, url, payload: JSON.stringify(body), headers };
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** Uploads: valid multipart, and multipart broken in every way a client can break it. */
function buildUpload(r: Rnd, pools: Pools): Built {
  const boundary = `----fz${r.int(1, 1e9)}`;
  const part = (name: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const filePart = (filename: string, content: Buffer) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
  const targetId = r.chance(0.8) ? String(r.pick(pools.task)) : String(r.pick(HOSTILE_PATH));
  const full = Buffer.concat([
    Buffer.from(part('targetType', r.pick(['task', 'task', 'document', 'report', 'x\u0000']))),
    Buffer.from(part('targetId', targetId)),
    filePart(
      r.pick(['a.pdf', 'báo cáo.pdf', 'x\u0000.pdf', '../../a.pdf', 'a.exe', '', 'a'.repeat(400) + '.pdf']),
      r.chance(0.8) ? PDF : Buffer.from('MZ'),
    ),
  ]);
  const ct = `multipart/form-data; boundary=${boundary}`;
  switch (r.int(0, 7)) {
    case 0:
      return { method: 'POST', url: '/api/files', headers: { 'content-type': 'multipart/form-data' }, payload: full };
    case 1:
      return {
        method: 'POST',
        url: '/api/files',
        headers: { 'content-type': ct },
        payload: full.subarray(0, r.int(1, full.length - 1)),
      };
    case 2:
      return { method: 'POST', url: '/api/files', headers: { 'content-type': 'application/json' }, payload: '{}' };
    case 3:
      return {
        method: 'POST',
        url: '/api/files',
        headers: { 'content-type': `multipart/form-data; boundary=other` },
        payload: full,
      };
    case 4:
      return {
        method: 'POST',
        url: '/api/files',
        headers: { 'content-type': ct },
        payload: Buffer.from(part('targetType', 'task')),
      };
    default:
      return { method: 'POST', url: '/api/files', headers: { 'content-type': ct }, payload: full };
  }
}

const LEAK =
  /Failed query|params:|DrizzleQueryError|syntax error at or near|violates .* constraint|duplicate key value|relation "|node_modules|\bat [\w.<>]+ \(|\.ts:\d+:\d+|"[a-z_]+"\."[a-z_]+"/;

let h: Harness;
let pools: Pools;
let operations: Operation[];
const clients: { name: string; client: Client | null }[] = [];
let throwaway: Client;

beforeAll(async () => {
  h = await createHarness('2026-03-02 09:00');
  const admin = await h.as('admin');
  const spec = await h.as('spec1');
  const doc = await registerDocument(h, 'spec1', [
    { content: 'Nhiệm vụ có hạn', leadAgencyId: h.fx.agency.finance, deadlineKind: 'fixed', deadline: '2026-03-31' },
    {
      content: 'Nhiệm vụ phối hợp',
      leadAgencyId: h.fx.agency.construction,
      coordinatingAgencyIds: [h.fx.agency.finance, h.fx.agency.district],
      deadlineKind: 'fixed',
      deadline: '2026-04-15',
    },
    {
      content: 'Báo cáo hằng quý',
      leadAgencyId: h.fx.agency.finance,
      deadlineKind: 'recurring',
      recurrence: { freq: 'quarterly', day: 5, monthOffset: 1 },
    },
    { content: 'Dự thảo', leadAgencyId: h.fx.agency.district, deadlineKind: 'none', assign: false },
    { content: 'Thường xuyên', leadAgencyId: h.fx.agency.commune, deadlineKind: 'routine' },
  ]);
  const spareAgency: number[] = [];
  for (const code of ['FZ-A', 'FZ-B']) {
    const a = await admin.post('/api/agencies', {
      code,
      name: `Đơn vị ${code}`,
      shortName: code,
      kind: 'department',
      validFrom: '2020-01-01',
    });
    spareAgency.push(a.body.id);
  }
  const spareUser: number[] = [];
  for (const username of ['fz.one', 'fz.two']) {
    const u = await admin.post('/api/users', {
      username,
      password: PASSWORD,
      fullName: 'Người thử',
      role: 'agency_staff',
      agencyId: spareAgency[0],
    });
    spareUser.push(u.body.id);
  }
  // The throwaway user signs out and tries to change its password; the others keep their sessions.
  await admin.post('/api/users', {
    username: 'fz.session',
    password: PASSWORD,
    fullName: 'Phiên thử',
    role: 'agency_staff',
    agencyId: h.fx.agency.finance,
  });
  throwaway = await h.as('fz.session');
  const token = await admin.post('/api/tokens', { name: 'Tích hợp thử', userId: h.fx.user.spec1 });
  const spare = await admin.post('/api/tokens', { name: 'Thu hồi thử', userId: h.fx.user.spec2 });
  const view = await spec.post('/api/views', { name: 'Quá hạn', query: { timeliness: 'overdue' } });
  const fin = await h.as('fin_staff');
  const task0 = (await fin.get(`/api/tasks/${doc.taskIds[0]}`)).body;
  await fin.post(`/api/tasks/${doc.taskIds[0]}/receive`, { version: task0.version });
  await fin.post(`/api/tasks/${doc.taskIds[0]}/reports`, {
    version: task0.version + 1,
    kind: 'progress',
    content: 'Đang làm',
  });
  const boundary = 'fzsetup';
  const upload = await h.app.inject({
    method: 'POST',
    url: '/api/files',
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      cookie: spec.cookie!,
      'x-csrf-token': spec.csrf!,
    },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="targetType"\r\n\r\ntask\r\n--${boundary}\r\nContent-Disposition: form-data; name="targetId"\r\n\r\n${doc.taskIds[0]}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      PDF,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
  const allTasks = (await spec.get('/api/tasks?pageSize=200')).body.items.map((t: { id: number }) => t.id);
  pools = {
    task: [...allTasks, 424242],
    document: [doc.documentId, 424242],
    agency: [...Object.values(h.fx.agency), ...spareAgency, 424242],
    spareAgency: [...spareAgency, 424242],
    user: [...Object.values(h.fx.user), 424242],
    spareUser: [...spareUser, 424242],
    leader: [...Object.values(h.fx.leader), 424242],
    field: [h.fx.field, 424242],
    token: [spare.body.id, 424242],
    view: [view.body.id, 424242],
    file: [upload.json().id, '00000000-0000-4000-8000-000000000000'],
  };
  expect(upload.statusCode).toBe(201);
  const bearer = new (spec.constructor as new (app: typeof h.app) => Client)(h.app);
  bearer.bearer = token.body.token;
  for (const name of ['admin', 'spec1', 'chief', 'chairman', 'vice', 'fin_lead', 'fin_staff', 'con_staff', 'com_staff'])
    clients.push({ name, client: await h.as(name) });
  clients.push({ name: 'token', client: bearer }, { name: 'anonymous', client: null });

  const doc0 = (await h.anon().get('/api/openapi.json')).body;
  operations = [];
  for (const [p, methods] of Object.entries(doc0.paths as Record<string, Record<string, Schema>>))
    for (const [m, op] of Object.entries(methods)) {
      const body = op.requestBody?.content?.['application/json']?.schema;
      const weight = p === '/api/auth/login' ? 0.15 : p === '/api/auth/logout' || p === '/api/auth/password' ? 0.3 : 1;
      operations.push({
        method: m.toUpperCase() as Operation['method'],
        path: p,
        params: op.parameters ?? [],
        body,
        weight,
      });
    }
});
afterAll(() => h?.close());

describe('fuzz', () => {
  it(
    `${REQUESTS} generated requests: no 5xx, no leak, a message for every refusal, data whole afterwards`,
    { timeout: 600_000 },
    async () => {
      const r = prng(SEED);
      const histogram = new Map<number, number>();
      const perRoute = new Map<string, Set<number>>();
      const failures: string[] = [];
      const totalWeight = operations.reduce((s, o) => s + o.weight, 0);
      const pickOp = () => {
        let x = r.next() * totalWeight;
        for (const o of operations) if ((x -= o.weight) <= 0) return o;
        return operations[operations.length - 1]!;
      };
      const timing = new Map<string, number>();
      const started = Date.now();
      let count = 0;
      for (let i = 0; i < REQUESTS; i++) {
        const op = pickOp();
        const isUpload = op.path === '/api/files' && op.method === 'POST';
        const req = isUpload ? buildUpload(r, pools) : build(op, r, pools);
        const who =
          op.path === '/api/auth/logout' || op.path === '/api/auth/password'
            ? { name: 'fz.session', client: throwaway }
            : r.pick(clients);
        const headers: Record<string, string> = { 'accept-language': r.chance(0.5) ? 'vi' : 'en', ...req.headers };
        const c = who.client;
        if (c?.cookie) headers.cookie = c.cookie;
        if (c?.csrf && req.method !== 'GET' && r.chance(0.95)) headers['x-csrf-token'] = c.csrf;
        if (c?.bearer) headers.authorization = `Bearer ${c.bearer}`;
        const t0 = performance.now();
        const res = await h.app.inject({
          method: req.method as 'GET',
          url: req.url,
          headers,
          payload: req.payload,
          remoteAddress: `203.0.113.${r.int(1, 254)}`,
        });
        count++;
        timing.set(`${op.method} ${op.path}`, (timing.get(`${op.method} ${op.path}`) ?? 0) + performance.now() - t0);
        histogram.set(res.statusCode, (histogram.get(res.statusCode) ?? 0) + 1);
        const key = `${op.method} ${op.path}`;
        if (!perRoute.has(key)) perRoute.set(key, new Set());
        perRoute.get(key)!.add(res.statusCode);
        const what = `#${i} ${who.name} ${req.method} ${req.url.slice(0, 200)} ${String(req.payload ?? '').slice(0, 300)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
        if (res.statusCode >= 500) failures.push(what);
        else if (LEAK.test(res.body)) failures.push(`leak: ${what}`);
        else if (res.statusCode >= 400) {
          let err: { code?: unknown; message?: unknown } | undefined;
          try {
            err = res.json().error;
          } catch {
            err = undefined;
          }
          if (
            !err ||
            typeof err.code !== 'string' ||
            !err.code ||
            typeof err.message !== 'string' ||
            !err.message.trim()
          )
            failures.push(`no message: ${what}`);
        }
        if (failures.length >= 20) break;
        // New tasks join the pool, so that writes spread over many tasks as they would in real use.
        if (res.statusCode === 201 && pools.task.length < 400) {
          const created = res.json() as { id?: unknown; items?: { id?: unknown }[] };
          for (const t of created.items ?? []) if (typeof t.id === 'number') pools.task.push(t.id);
        }
        // The throwaway session ends on sign-out: sign in again (as a real client would).
        if (op.path === '/api/auth/logout' && res.statusCode === 200) {
          const login = await h.app.inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: { username: 'fz.session', password: PASSWORD },
          });
          if (login.statusCode === 200) {
            throwaway.cookie = String(login.headers['set-cookie']).split(';')[0];
            throwaway.csrf = login.json().csrfToken;
          }
        }
      }
      const seconds = (Date.now() - started) / 1000;
      const hist = [...histogram.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([s, n]) => `${s}: ${n}`)
        .join(', ');
      console.log(
        `fuzz (${DB_KIND}) seed ${SEED}: ${count} requests in ${seconds.toFixed(1)} s over ${perRoute.size} routes — ${hist}`,
      );
      if (process.env.FUZZ_TIMING)
        console.log(
          [...timing.entries()]
            .sort((a, b) => b[1] - a[1])
            .slice(0, 15)
            .map(([k, ms]) => `${k}: ${(ms / 1000).toFixed(1)} s`)
            .join('\n'),
        );
      expect(failures, `replay with FUZZ_SEED=${SEED}`).toEqual([]);
      expect(count).toBe(REQUESTS);
      // Every route and method was tried.
      expect([...perRoute.keys()].sort()).toEqual(operations.map((o) => `${o.method} ${o.path}`).sort());
      // Some requests succeeded, or the generator only ever produced junk.
      expect([...histogram.keys()].some((s) => s >= 200 && s < 300)).toBe(true);
    },
  );

  it('leaves the data whole: events, snapshots, files', async () => {
    const db = h.database.db;
    const q = async (text: ReturnType<typeof sql>) => rows<{ id: number | string }>(db, text);
    expect(
      await q(
        sql`select t.id from tasks t where not exists (select 1 from events e where e.task_id = t.id and e.action = 'task.create')`,
      ),
    ).toEqual([]);
    expect(
      await q(
        sql`select t.id from tasks t left join task_snapshots s on s.task_id = t.id and s.valid_to is null group by t.id having count(s.id) <> 1`,
      ),
    ).toEqual([]);
    expect(
      await q(sql`select t.id from tasks t join task_snapshots s on s.task_id = t.id and s.valid_to is null
        where s.status <> t.status or s.lead_agency_id <> t.lead_agency_id or s.current_due is distinct from t.current_due`),
    ).toEqual([]);
    expect(
      await q(
        sql`select d.id from documents d where not exists (select 1 from events e where e.entity_type = 'document' and e.entity_id = d.id::text and e.action = 'document.create')`,
      ),
    ).toEqual([]);
    expect(
      await q(
        sql`select t.id from tasks t where t.period_key is not null and not exists (select 1 from tasks p where p.id = t.parent_id and p.deadline_kind = 'recurring')`,
      ),
    ).toEqual([]);
    expect(
      await q(
        // An upload has its 'file' event; an export's file (ADR 0012) the 'export.done' event of its job.
        sql`select f.id from files f where not exists (select 1 from events e where
          (f.job_id is null and e.entity_type = 'file' and e.entity_id = f.id::text)
          or (f.job_id is not null and e.entity_type = 'job' and e.entity_id = f.job_id::text and e.action = 'export.done'
            and e.after ->> 'fileId' = f.id::text))`,
      ),
    ).toEqual([]);
    // Each stored file has its row and each row its bytes: nothing half-written on disk either.
    const stored = new Set<string>();
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true }))
        if (e.isDirectory()) walk(path.join(dir, e.name));
        else stored.add(e.name);
    };
    walk(h.filesDir);
    const fileRows = await rows<{ storage_key: string }>(db, sql`select storage_key from files`);
    expect([...stored].sort()).toEqual(fileRows.map((f) => f.storage_key).sort());
  });
});
