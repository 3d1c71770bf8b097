/**
 * The outer shell: one authentication guard before any validation, security headers and no-store,
 * proxies believed only when configured, Secure cookies over HTTPS, idle sessions, the sign-in flood guard.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { isPublicRoute } from '../../src/auth/plugin.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { rows } from '../../src/db/client.js';
import { createHarness, PASSWORD, type Harness } from '../helpers/harness.js';

let h: Harness; // defaults: no trusted proxy
let proxied: Harness; // behind a trusted proxy at 127.0.0.1, short idle timeout, low sign-in rate
beforeAll(async () => {
  h = await createHarness('2026-03-02 09:00');
  proxied = await createHarness('2026-03-02 09:00', {
    env: { TRUST_PROXY: '127.0.0.1, 10.0.0.0/8', SESSION_IDLE_MINUTES: '30', LOGIN_RATE_PER_MINUTE: '10' },
  });
});
afterAll(async () => {
  await h?.close();
  await proxied?.close();
});

describe('one authentication guard', () => {
  it('answers 401 before any 400 on every non-public route of the OpenAPI document', async () => {
    const doc = (await h.anon().get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const checked: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const method of Object.keys(ops)) {
        const route = `/api${path.replace(/^\/api/, '')}`.replace(/\{(\w+)\}/g, ':$1');
        if (isPublicRoute(method.toUpperCase(), route)) continue;
        // Malformed everything: a path parameter that is not an id, a query that is not valid, a broken body.
        const url = `${route.replace(/:\w+/g, 'not-an-id')}?page=-1&pageSize=abc`;
        const res = await h.app.inject({
          method: method.toUpperCase() as 'GET',
          url,
          headers: { 'content-type': 'application/json', 'accept-language': 'vi' },
          payload: method === 'get' || method === 'delete' ? undefined : '{"broken": ',
        });
        expect({ route: `${method} ${route}`, status: res.statusCode }).toEqual({
          route: `${method} ${route}`,
          status: 401,
        });
        expect(res.json().error).toEqual({ code: 'unauthorized', message: 'Bạn cần đăng nhập để tiếp tục.' });
        checked.push(`${method} ${route}`);
      }
    }
    expect(checked.length).toBeGreaterThan(40);
  });

  it('keeps the public list short and explicit', async () => {
    expect((await h.anon().get('/api/health')).status).toBe(200);
    expect((await h.anon().get('/api/openapi.json')).status).toBe(200);
    const docs = await h.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    // Sign-in is public: a bad body there is a 400 that names the field.
    const bad = await h.anon().post('/api/auth/login', { username: '' });
    expect(bad.status).toBe(400);
    // An address under /api that does not exist is a plain 404 (the OpenAPI document lists them all anyway).
    expect((await h.anon().get('/api/no-such-thing')).status).toBe(404);
  });
});

describe('security headers', () => {
  it('every /api answer carries the CSP, frame-ancestors none, the referrer policy and no-store', async () => {
    const anon = h.anon();
    const spec = await h.as('spec1');
    for (const res of [
      await anon.get('/api/health'),
      await anon.get('/api/tasks'), // 401
      await spec.get('/api/tasks'),
      await spec.get('/api/tasks/999999'), // 404
      await spec.post('/api/tasks', { bad: true }), // 400
    ]) {
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    }
  });

  it('the web interface gets the CSP too, but keeps its own caching', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/' });
    expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    expect(res.headers['cache-control']).not.toBe('no-store');
  });
});

describe('proxies', () => {
  it('ignores X-Forwarded-For from a client when no proxy is configured', async () => {
    const res = await h
      .anon()
      .request(
        'POST',
        '/api/auth/login',
        { username: 'chief', password: PASSWORD },
        { 'x-forwarded-for': '203.0.113.66', 'x-forwarded-proto': 'https' },
      );
    expect(res.status).toBe(200);
    expect(String(res.headers['set-cookie'])).not.toMatch(/Secure/);
    const [s] = await rows<{ ip: string }>(
      h.database.db,
      sql`select ip from sessions order by created_at desc limit 1`,
    );
    expect(s!.ip).toBe('127.0.0.1');
    const evs = await rows<{ n: number }>(
      h.database.db,
      sql`select count(*)::int as n from events where actor_ip = '203.0.113.66'`,
    );
    expect(evs[0]!.n).toBe(0);
  });

  it('believes X-Forwarded-For and -Proto from a configured proxy only', async () => {
    const viaProxy = await proxied
      .anon()
      .request(
        'POST',
        '/api/auth/login',
        { username: 'chief', password: PASSWORD },
        { 'x-forwarded-for': '203.0.113.77', 'x-forwarded-proto': 'https' },
      );
    expect(viaProxy.status).toBe(200);
    // Over HTTPS (as the proxy says) the cookie is Secure.
    expect(String(viaProxy.headers['set-cookie'])).toMatch(/; Secure/);
    const [ev] = await rows<{ actor_ip: string }>(
      proxied.database.db,
      sql`select actor_ip from events where action = 'user.login' order by id desc limit 1`,
    );
    expect(ev!.actor_ip).toBe('203.0.113.77');
    const [s] = await rows<{ ip: string }>(
      proxied.database.db,
      sql`select ip from sessions order by created_at desc limit 1`,
    );
    expect(s!.ip).toBe('203.0.113.77');
    // A client that is not one of the proxies cannot forge its address.
    const direct = proxied.anon();
    direct.ip = '198.51.100.9';
    const forged = await direct.request(
      'POST',
      '/api/auth/login',
      { username: 'vice', password: PASSWORD },
      { 'x-forwarded-for': '203.0.113.88' },
    );
    expect(forged.status).toBe(200);
    const [ev2] = await rows<{ actor_ip: string }>(
      proxied.database.db,
      sql`select actor_ip from events where action = 'user.login' order by id desc limit 1`,
    );
    expect(ev2!.actor_ip).toBe('198.51.100.9');
  });

  it('reads TRUST_PROXY as a list of addresses and ranges, and refuses anything else', () => {
    expect(loadConfig({}).TRUST_PROXY).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 192.168.1.0/24,::1,loopback' }).TRUST_PROXY).toEqual([
      '10.0.0.5',
      '192.168.1.0/24',
      '::1',
      'loopback',
    ]);
    for (const bad of ['true', '*', '10.0.0.0/33', 'proxy.local'])
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(ConfigError);
  });
});

describe('cookies and sessions', () => {
  it('marks the cookie Secure when COOKIE_SECURE=true', async () => {
    const deps = h.app.deps;
    const app = await buildApp({ ...deps, config: { ...deps.config, COOKIE_SECURE: true } }, { logger: false });
    try {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'spec1', password: PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      expect(String(res.headers['set-cookie'])).toMatch(/; Secure/);
    } finally {
      await app.close();
    }
  });

  it('ends a session left idle for SESSION_IDLE_MINUTES, and keeps one in use', async () => {
    const c = await proxied.as('spec2');
    for (let i = 0; i < 4; i++) {
      proxied.clock.advance(25 * 60_000);
      expect((await c.get('/api/auth/me')).status).toBe(200);
    }
    proxied.clock.advance(32 * 60_000);
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });
});

describe('sign-in flood guard', () => {
  it('answers 429 with Retry-After past LOGIN_RATE_PER_MINUTE requests from one address', async () => {
    const c = proxied.anon();
    c.ip = '10.9.9.9'; // a proxy without X-Forwarded-For: its own address counts
    c.lang = 'en';
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 11; i++) {
      last = await c.post('/api/auth/login', { username: `flood${i}`, password: 'x' });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    expect(last!.body.error.message).toMatch(
      /^Too many sign-in attempts from this address\. Try again in \d+ seconds\.$/,
    );
  });
});
