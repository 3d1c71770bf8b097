/** Sign-in, throttling, sessions, password change, cross-site protection and API tokens. */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as Crypto from '../../src/auth/crypto.js';
import { rows } from '../../src/db/client.js';
import { createHarness, PASSWORD, type Client, type Harness, type Response } from '../helpers/harness.js';

// Counts the argon2 checks, to show that an unknown name costs one just as a wrong password does.
const checks = vi.hoisted(() => ({ n: 0 }));
vi.mock('../../src/auth/crypto.js', async (importOriginal) => {
  const real = await importOriginal<typeof Crypto>();
  return {
    ...real,
    verifyPassword: (stored: string, password: string) => {
      checks.n++;
      return real.verifyPassword(stored, password);
    },
  };
});

let h: Harness;
beforeAll(async () => {
  h = await createHarness('2026-03-02 09:00');
});
afterAll(() => h?.close());

let nextAddress = 1;
/** A client at an address of its own (so that tests do not share throttling counters). */
function visitor(ip = `198.51.100.${nextAddress++}`): Client {
  const c = h.anon();
  c.ip = ip;
  return c;
}
const login = (c: Client, username: string, password: string) => c.post('/api/auth/login', { username, password });
const failedLogins = async (username: string) =>
  (await rows<{ n: number }>(h.database.db, sql`select failed_logins as n from users where username = ${username}`))[0]!
    .n;
function signedIn(res: Response, ip = '127.0.0.1'): Client {
  const c = h.anon();
  c.ip = ip;
  c.cookie = String(res.headers['set-cookie']).split(';')[0];
  c.csrf = res.body.csrfToken;
  return c;
}
const THROTTLED = /^Đã thử đăng nhập quá nhiều lần từ địa chỉ này\. Hãy thử lại sau \d+ (giây|phút)\.$/;

describe('sign-in', () => {
  it('sets an HttpOnly SameSite cookie, not Secure over plain HTTP, and returns who signed in', async () => {
    const res = await login(visitor(), 'fin_staff', PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      username: 'fin_staff',
      role: 'agency_staff',
      agencyName: 'Sở Tài chính',
      language: null,
    });
    expect(res.body.csrfToken).toMatch(/^[\w-]{20,}$/);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/nv_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('answers an unknown name exactly as a wrong password, attempt after attempt', async () => {
    const unknown = visitor();
    const known = visitor();
    const seen: [Response, Response][] = [];
    for (let i = 0; i < 7; i++)
      seen.push([await login(unknown, 'nobody', 'x-wrong'), await login(known, 'spec2', 'x-wrong')]);
    for (const [a, b] of seen) {
      expect(a.status).toBe(b.status);
      expect(a.body).toEqual(b.body);
      expect(a.headers['retry-after']).toBe(b.headers['retry-after']);
      expect(Object.keys(a.headers).sort()).toEqual(Object.keys(b.headers).sort());
    }
    expect(seen.map(([a]) => a.status)).toEqual([401, 401, 401, 401, 401, 429, 429]);
    expect(seen[0]![0].body.error).toEqual({
      code: 'unauthorized',
      message: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    });
  });

  it('takes about as long for an unknown name as for a wrong password (both check an argon2 hash)', async () => {
    const time = async (username: string) => {
      const before = checks.n;
      const t = process.hrtime.bigint();
      const res = await login(visitor(), username, 'x-wrong-password');
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      expect(res.status).toBe(401);
      expect(checks.n - before).toBe(1);
      return ms;
    };
    const unknown: number[] = [];
    const known: number[] = [];
    for (let i = 0; i < 9; i++) {
      unknown.push(await time(`ghost${i}`));
      known.push(await time('chief'));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const ratio = median(unknown) / median(known);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it('counts 60 parallel wrong passwords atomically and refuses the right one inside the burst', async () => {
    const attacker = visitor();
    const burst = Array.from({ length: 60 }, (_, i) => login(attacker, 'con_staff', i === 40 ? PASSWORD : `sai-${i}`));
    const answers = await Promise.all(burst);
    expect(answers[40]!.status).toBe(429);
    // Only the free attempts reached a password check; every other one was held back.
    expect(answers.filter((r) => r.status === 401)).toHaveLength(5);
    expect(answers.filter((r) => r.status === 429)).toHaveLength(55);
    expect(await failedLogins('con_staff')).toBe(60);
    const held = answers.find((r) => r.status === 429)!;
    expect(held.body.error.code).toBe('too_many_requests');
    expect(held.body.error.message).toMatch(THROTTLED);
    expect(Number(held.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // The real user, from their own address, is not held back by any of it.
    expect((await login(visitor(), 'con_staff', PASSWORD)).status).toBe(200);
    expect(await failedLogins('con_staff')).toBe(0);
  });

  it('holds an address back with growing delays; the right password passes once the delay is over', async () => {
    const c = visitor();
    for (let i = 0; i < 5; i++) expect((await login(c, 'dis_staff', 'sai')).status).toBe(401);
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const held = await login(c, 'dis_staff', PASSWORD);
      expect(held.status).toBe(429);
      waits.push(Number(held.headers['retry-after']));
      h.clock.advance(waits[i]! * 1000);
      expect((await login(c, 'dis_staff', 'sai')).status).toBe(401);
    }
    expect(waits).toEqual([1, 2, 4, 8]);
    const english = visitor(c.ip);
    english.lang = 'en';
    const held = await login(english, 'dis_staff', PASSWORD);
    expect(held.body.error.message).toBe('Too many sign-in attempts from this address. Try again in 16 seconds.');
    h.clock.advance(16_000);
    expect((await login(c, 'dis_staff', PASSWORD)).status).toBe(200);
    // Success starts the account's counter at this address again.
    expect((await login(c, 'dis_staff', 'sai')).status).toBe(401);
  });

  it('never lets anonymous requests from one address stop a user signing in from another', async () => {
    const attacker = visitor();
    for (let round = 0; round < 40; round++) {
      await login(attacker, 'chairman', `guess-${round}`);
      h.clock.advance(60_000);
    }
    expect((await login(attacker, 'chairman', PASSWORD)).status).toBe(429);
    expect((await login(visitor(), 'chairman', PASSWORD)).status).toBe(200);
  });

  it('holds back an address that tries many names (password spraying), not other addresses', async () => {
    const sprayer = visitor();
    for (let i = 0; i < 30; i++) expect((await login(sprayer, `user${i}`, 'Matkhau2026')).status).toBe(401);
    const held = await login(sprayer, 'fin_lead', PASSWORD);
    expect(held.status).toBe(429);
    expect((await login(visitor(), 'fin_lead', PASSWORD)).status).toBe(200);
  });

  it('the administrator can lift the delays on an account', async () => {
    const c = visitor();
    for (let i = 0; i < 6; i++) await login(c, 'com_staff', 'sai');
    expect((await login(c, 'com_staff', PASSWORD)).status).toBe(429);
    const admin = await h.as('admin');
    const u = (await admin.get('/api/users?q=com_staff')).body.items[0];
    expect(u.lockedUntil).not.toBeNull();
    expect((await admin.patch(`/api/users/${u.id}`, { version: u.version, unlock: true })).status).toBe(200);
    expect((await login(c, 'com_staff', PASSWORD)).status).toBe(200);
  });

  it('records sign-ins and failures as events, from the address they came from', async () => {
    const c = visitor('198.51.100.250');
    await login(c, 'spec2', 'sai-mot-lan');
    await login(c, 'spec2', PASSWORD);
    const evs = await rows<{ action: string; actor_id: number | null; actor_ip: string; source: string }>(
      h.database.db,
      sql`select action, actor_id, actor_ip, source from events
          where actor_ip = '198.51.100.250' order by id`,
    );
    expect(evs).toEqual([
      { action: 'user.login_failed', actor_id: null, actor_ip: '198.51.100.250', source: 'sign_in' },
      { action: 'user.login', actor_id: expect.any(Number), actor_ip: '198.51.100.250', source: 'web' },
    ]);
  });
});

describe('sessions', () => {
  it('refuses a write without the CSRF token, accepts it with', async () => {
    const c = await h.as('spec2');
    const csrf = c.csrf;
    c.csrf = undefined;
    const res = await c.post('/api/notifications/read', { all: true });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('Thiếu hoặc sai mã chống giả mạo yêu cầu (X-CSRF-Token). Hãy tải lại trang.');
    c.csrf = csrf;
    expect((await c.post('/api/notifications/read', { all: true })).status).toBe(200);
  });

  it('logs out: the cookie no longer works', async () => {
    const c = signedIn(await login(h.anon(), 'vice', PASSWORD));
    expect((await c.get('/api/auth/me')).status).toBe(200);
    expect((await c.post('/api/auth/logout')).status).toBe(200);
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });

  it('changes the password with the current one, with a readable rule; the API tokens end', async () => {
    const c = signedIn(await login(h.anon(), 'fin_lead', PASSWORD));
    const token = await c.post('/api/tokens', { name: 'Phần mềm của sở' });
    expect(token.status).toBe(201);
    const integration = h.anon();
    integration.bearer = token.body.token;
    expect((await integration.get('/api/auth/me')).status).toBe(200);
    const wrong = await c.post('/api/auth/password', { currentPassword: 'nope', newPassword: 'Abcdef12345' });
    expect(wrong.body.error.message).toBe('Mật khẩu hiện tại không đúng.');
    const weak = await c.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'short' });
    expect(weak.body.error.message).toBe('Mật khẩu mới phải có ít nhất 10 ký tự.');
    expect(
      (await c.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'MatKhauMoi2026' })).status,
    ).toBe(200);
    expect((await integration.get('/api/auth/me')).status).toBe(401);
    expect((await login(h.anon(), 'fin_lead', PASSWORD)).status).toBe(401);
    expect((await login(h.anon(), 'fin_lead', 'MatKhauMoi2026')).status).toBe(200);
    const [ev] = await rows<{ source: string; token_id: number | null }>(
      h.database.db,
      sql`select source, token_id from events where action = 'user.change_password' order by id desc limit 1`,
    );
    expect(ev).toEqual({ source: 'web', token_id: null });
  });

  it('expires', async () => {
    const c = await h.as('chief');
    expect((await c.get('/api/auth/me')).status).toBe(200);
    h.clock.advance(31 * 86400_000);
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });
});

describe('API tokens', () => {
  it('act as the user who issued them, record themselves on every event, until revoked', async () => {
    const spec1 = await h.as('spec1');
    const created = await spec1.post('/api/tokens', { name: 'Hệ thống QLVB&ĐH' });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^nv_/);
    expect(created.body.userId).toBe(h.fx.user.spec1);
    const c = h.anon();
    c.bearer = created.body.token;
    expect((await c.get('/api/auth/me')).body.username).toBe('spec1');
    // No CSRF token is needed with a bearer token: it is not sent by browsers on their own.
    const doc = await c.post('/api/documents', {
      numberText: '5/UBND-VP',
      issuedOn: '2026-03-02',
      abstract: 'Đẩy từ hệ thống văn bản',
      source: 'api',
      externalId: 'QLVB-1',
    });
    expect(doc.status).toBe(201);
    expect(doc.body.source).toBe('api');
    const [ev] = await rows<{ actor_id: number; token_id: number; source: string }>(
      h.database.db,
      sql`select actor_id, token_id, source from events
          where entity_type = 'document' and entity_id = ${String(doc.body.id)} order by id limit 1`,
    );
    expect(ev).toEqual({ actor_id: h.fx.user.spec1, token_id: created.body.id, source: 'api' });
    const dup = await c.post('/api/documents', {
      numberText: '5/UBND-VP',
      issuedOn: '2026-03-02',
      abstract: 'Lần hai',
      source: 'api',
      externalId: 'QLVB-1',
    });
    expect(dup.status).toBe(400);
    // The user sees and revokes their own tokens.
    expect((await spec1.get('/api/tokens')).body.items.map((t: { id: number }) => t.id)).toEqual([created.body.id]);
    expect((await spec1.del(`/api/tokens/${created.body.id}`)).status).toBe(200);
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });

  it('never let the administrator act as someone else', async () => {
    const admin = await h.as('admin');
    const other = await admin.post('/api/tokens', { name: 'Thay Chánh VP', userId: h.fx.user.chief });
    expect(other.status).toBe(400);
    expect(other.body.error.message).toBe(
      'Mã truy cập luôn hành động với danh nghĩa người cấp mã. Người dùng cần tự đăng nhập và tự cấp mã cho hệ thống tích hợp.',
    );
    const own = await admin.post('/api/tokens', { name: 'Quản trị tự động' });
    expect(own.status).toBe(201);
    const c = h.anon();
    c.bearer = own.body.token;
    expect((await c.get('/api/auth/me')).body.username).toBe('admin');
    // A token issued for someone else before this rule (created_by ≠ user_id) no longer works.
    const { sha256 } = await import('../../src/auth/crypto.js');
    await h.database.db.execute(
      sql`insert into api_tokens (name, token_hash, user_id, created_by)
          values ('cũ', ${sha256('nv_legacy')}, ${h.fx.user.chief}, ${h.fx.user.admin})`,
    );
    const legacy = h.anon();
    legacy.bearer = 'nv_legacy';
    expect((await legacy.get('/api/auth/me')).status).toBe(401);
  });

  it('end when the administrator resets the password', async () => {
    const signedInCon = signedIn(await login(visitor(), 'con_lead', PASSWORD), '198.51.100.200');
    const token = await signedInCon.post('/api/tokens', { name: 'Phần mềm của Sở Xây dựng' });
    const c = h.anon();
    c.bearer = token.body.token;
    expect((await c.get('/api/auth/me')).status).toBe(200);
    const admin = await h.as('admin');
    const u = (await admin.get('/api/users?q=con_lead')).body.items[0];
    expect((await admin.patch(`/api/users/${u.id}`, { version: u.version, newPassword: 'DatLai2026xx' })).status).toBe(
      200,
    );
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });
});
