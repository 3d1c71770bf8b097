/**
 * A user's own profile: the interface language, saved through the command layer (an event, the version
 * check), returned at sign-in so that the web client starts in it; nothing else of the account can be
 * changed this way.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.js';
import { createHarness, PASSWORD, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('2026-03-02 09:00');
});
afterAll(() => h?.close());

const signIn = (username: string) => h.anon().post('/api/auth/login', { username, password: PASSWORD });

describe('PATCH /api/auth/me', () => {
  it('saves the language; the next sign-in returns it; an event says who changed what', async () => {
    const c = await h.as('fin_staff');
    const me = (await c.get('/api/auth/me')).body;
    expect(me.language).toBeNull(); // not chosen yet
    const res = await c.patch('/api/auth/me', { version: me.version, language: 'en' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.language).toBe('en');
    expect(res.body.version).toBe(me.version + 1);
    expect((await c.get('/api/auth/me')).body.language).toBe('en');
    const again = await signIn('fin_staff');
    expect(again.status).toBe(200);
    expect(again.body.language).toBe('en');
    const [ev] = await rows<{ actor_id: number; entity_id: string; before: unknown; after: unknown }>(
      h.database.db,
      sql`select actor_id, entity_id, before, after from events where action = 'user.update_profile' order by id desc limit 1`,
    );
    expect(ev).toEqual({
      actor_id: h.fx.user.fin_staff,
      entity_id: String(h.fx.user.fin_staff),
      before: { language: null },
      after: { language: 'en' },
    });
    // Somebody else's language is theirs.
    expect((await signIn('con_staff')).body.language).toBeNull();
  });

  it('refuses to overwrite a newer version of the account, and changes nothing', async () => {
    const c = await h.as('con_staff');
    const me = (await c.get('/api/auth/me')).body;
    const first = await c.patch('/api/auth/me', { version: me.version, language: 'en' });
    expect(first.status).toBe(200);
    const stale = await c.patch('/api/auth/me', { version: me.version, language: 'vi' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    expect((await c.get('/api/auth/me')).body.language).toBe('en');
    // Choosing the language already saved is no change: no new version, no event.
    const [{ n }] = (await rows<{ n: number }>(
      h.database.db,
      sql`select count(*)::int as n from events where action = 'user.update_profile'`,
    )) as [{ n: number }];
    const same = await c.patch('/api/auth/me', { version: first.body.version, language: 'en' });
    expect(same.status).toBe(200);
    expect(same.body.version).toBe(first.body.version);
    const [{ n: after }] = (await rows<{ n: number }>(
      h.database.db,
      sql`select count(*)::int as n from events where action = 'user.update_profile'`,
    )) as [{ n: number }];
    expect(after).toBe(n);
  });

  it('says what to fix for a bad language or another field, and needs a signed-in user', async () => {
    const c = await h.as('spec1');
    const me = (await c.get('/api/auth/me')).body;
    const bad = await c.patch('/api/auth/me', { version: me.version, language: 'fr' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('language');
    const role = await c.patch('/api/auth/me', { version: me.version, language: 'en', role: 'admin' });
    expect(role.status).toBe(400);
    expect((await c.patch('/api/auth/me', { language: 'en' })).status).toBe(400);
    expect((await h.anon().patch('/api/auth/me', { version: me.version, language: 'en' })).status).toBe(401);
    const now = (await c.get('/api/auth/me')).body;
    expect(now).toMatchObject({ language: null, role: 'office_specialist', version: me.version });
  });
});
