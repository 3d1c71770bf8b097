/** Commands outside HTTP: the system (a job, an import) runs them with the same transaction and history. */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.js';
import { notifications } from '../../src/db/schema.js';
import { runCommand, systemWho } from '../../src/services/command.js';
import { message } from '../../src/services/messages.js';
import { createHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('2026-03-02 09:00');
});
afterAll(() => h?.close());

const eventsOf = (entityId: string) =>
  rows<{ actor_id: number | null; on_behalf_of: number | null; token_id: number | null; source: string; at: Date }>(
    h.database.db,
    sql`select actor_id, on_behalf_of, token_id, source from events where entity_id = ${entityId} order by id`,
  );

describe('runCommand', () => {
  it('records a job as the system, and an import as the system acting for the user who started it', async () => {
    await runCommand(h.app.deps, systemWho('reminders'), async (c) => {
      expect(c.actor).toBeNull();
      await c.event({ entityType: 'job', entityId: 'job-1', action: 'job.run' });
    });
    const spec1 = {
      id: h.fx.user.spec1!,
      username: 'spec1',
      fullName: '',
      role: 'office_specialist' as const,
      agencyId: h.fx.agency.office,
      leaderId: null,
    };
    await runCommand(h.app.deps, systemWho('import', spec1), async (c) => {
      await c.event({ entityType: 'job', entityId: 'job-2', action: 'import.run' });
      await c.notify([h.fx.user.spec1!, h.fx.user.chief!], {
        kind: 'import',
        message: message('agency.merged', { count: 3, from: 'Sở A', to: 'Sở B', endDate: '2026-03-02' }),
      });
    });
    expect(await eventsOf('job-1')).toEqual([
      { actor_id: null, on_behalf_of: null, token_id: null, source: 'system:reminders' },
    ]);
    expect(await eventsOf('job-2')).toEqual([
      { actor_id: null, on_behalf_of: h.fx.user.spec1, token_id: null, source: 'system:import' },
    ]);
    // The user it acted for is not told of their own import; others are.
    const told = await h.database.db.select({ userId: notifications.userId }).from(notifications);
    expect(told.map((n) => n.userId)).toEqual([h.fx.user.chief]);
  });

  it('writes nothing when the command fails', async () => {
    await expect(
      runCommand(h.app.deps, systemWho('sweep'), async (c) => {
        await c.event({ entityType: 'job', entityId: 'job-3', action: 'sweep.run' });
        throw new Error('stopped half-way');
      }),
    ).rejects.toThrow('stopped half-way');
    expect(await eventsOf('job-3')).toEqual([]);
  });

  it('records a signed-in user through the web with their address', async () => {
    const c = await h.as('chief');
    expect((await c.post('/api/notifications/read', { all: true })).status).toBe(200);
    const [login] = await rows<{ actor_id: number; source: string; actor_ip: string }>(
      h.database.db,
      sql`select actor_id, source, actor_ip from events where action = 'user.login' and actor_id = ${h.fx.user.chief}`,
    );
    expect(login).toEqual({ actor_id: h.fx.user.chief, source: 'web', actor_ip: '127.0.0.1' });
  });
});
