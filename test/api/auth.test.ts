/** Sign-in, sessions, lockout, password change, cross-site protection and API tokens. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, PASSWORD, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('2026-03-02 09:00');
});
afterAll(() => h?.close());

describe('sign-in', () => {
  it('sets an HttpOnly SameSite cookie and returns who signed in', async () => {
    const res = await h.anon().post('/api/auth/login', { username: 'fin_staff', password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      username: 'fin_staff',
      role: 'agency_staff',
      agencyName: 'Sở Tài chính',
      language: 'vi',
    });
    expect(res.body.csrfToken).toMatch(/^[\w-]{20,}$/);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/nv_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it('says the same for an unknown user and a wrong password', async () => {
    const a = await h.anon().post('/api/auth/login', { username: 'nobody', password: 'x' });
    const b = await h.anon().post('/api/auth/login', { username: 'spec2', password: 'wrong' });
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(a.body.error.message).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(b.body.error.message).toBe(a.body.error.message);
  });

  it('locks the account after five failures, and the admin can unlock it', async () => {
    for (let i = 0; i < 4; i++)
      expect((await h.anon().post('/api/auth/login', { username: 'con_staff', password: 'sai' })).status).toBe(401);
    const fifth = await h.anon().post('/api/auth/login', { username: 'con_staff', password: 'sai' });
    expect(fifth.status).toBe(423);
    expect(fifth.body.error.message).toBe('Đăng nhập sai 5 lần: tài khoản tạm khoá 15 phút.');
    const right = await h.anon().post('/api/auth/login', { username: 'con_staff', password: PASSWORD });
    expect(right.status).toBe(423);
    const admin = await h.as('admin');
    const u = (await admin.get('/api/users?q=con_staff')).body.items[0];
    expect((await admin.patch(`/api/users/${u.id}`, { version: u.version, unlock: true })).status).toBe(200);
    expect((await h.anon().post('/api/auth/login', { username: 'con_staff', password: PASSWORD })).status).toBe(200);
  });

  it('unlocks by itself after the lock time', async () => {
    for (let i = 0; i < 5; i++) await h.anon().post('/api/auth/login', { username: 'com_staff', password: 'sai' });
    expect((await h.anon().post('/api/auth/login', { username: 'com_staff', password: PASSWORD })).status).toBe(423);
    h.clock.advance(16 * 60_000);
    expect((await h.anon().post('/api/auth/login', { username: 'com_staff', password: PASSWORD })).status).toBe(200);
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
    const res = await h.anon().post('/api/auth/login', { username: 'vice', password: PASSWORD });
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    const c = h.anon();
    c.cookie = cookie;
    c.csrf = res.body.csrfToken;
    expect((await c.get('/api/auth/me')).status).toBe(200);
    expect((await c.post('/api/auth/logout')).status).toBe(200);
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });

  it('changes the password with the current one, with a readable rule', async () => {
    const res = await h.anon().post('/api/auth/login', { username: 'dis_staff', password: PASSWORD });
    const c = h.anon();
    c.cookie = String(res.headers['set-cookie']).split(';')[0];
    c.csrf = res.body.csrfToken;
    const wrong = await c.post('/api/auth/password', { currentPassword: 'nope', newPassword: 'Abcdef12345' });
    expect(wrong.body.error.message).toBe('Mật khẩu hiện tại không đúng.');
    const weak = await c.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'short' });
    expect(weak.body.error.message).toBe('Mật khẩu mới phải có ít nhất 10 ký tự.');
    expect(
      (await c.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'MatKhauMoi2026' })).status,
    ).toBe(200);
    expect((await h.anon().post('/api/auth/login', { username: 'dis_staff', password: PASSWORD })).status).toBe(401);
    expect((await h.anon().post('/api/auth/login', { username: 'dis_staff', password: 'MatKhauMoi2026' })).status).toBe(
      200,
    );
  });

  it('expires', async () => {
    const c = await h.as('chief');
    expect((await c.get('/api/auth/me')).status).toBe(200);
    h.clock.advance(31 * 86400_000);
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });
});

describe('API tokens', () => {
  it('lets an integration act as a user with a bearer token, until revoked', async () => {
    const admin = await h.as('admin');
    const created = await admin.post('/api/tokens', { name: 'Hệ thống QLVB&ĐH', userId: h.fx.user.spec1 });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^nv_/);
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
    const dup = await c.post('/api/documents', {
      numberText: '5/UBND-VP',
      issuedOn: '2026-03-02',
      abstract: 'Lần hai',
      source: 'api',
      externalId: 'QLVB-1',
    });
    expect(dup.status).toBe(400);
    expect((await admin.del(`/api/tokens/${created.body.id}`)).status).toBe(200);
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });
});
