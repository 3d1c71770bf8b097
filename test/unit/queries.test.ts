/**
 * The web client's cache rules (web/src/queries.ts): an action's answer becomes the task's data without a
 * new read, and what depends on the task is marked stale — but not other tasks' pages, nor reference data.
 */
import { describe, expect, it } from 'vitest';
import type { TaskDetail } from '../../web/src/api.js';
import { createQueryClient, keys, taskChanged, tasksChanged } from '../../web/src/queries.js';

const task = (id: number, version: number) => ({ id, version, code: `NV-2026-00000${id}` }) as unknown as TaskDetail;

function seeded() {
  const qc = createQueryClient();
  qc.setQueryData(keys.tasks.detail(1), task(1, 3));
  qc.setQueryData(keys.tasks.detail(2), task(2, 1));
  qc.setQueryData(keys.tasks.history(1), []);
  qc.setQueryData(keys.tasks.list({ status: 'assigned' }), { items: [] });
  qc.setQueryData(keys.tasks.calendar({ month: '2026-03' }), []);
  qc.setQueryData(keys.stats.overview(), {});
  qc.setQueryData(keys.reports.one('agency'), {});
  qc.setQueryData(keys.documents.detail(5), {});
  qc.setQueryData(keys.notifications.unread(), 2);
  qc.setQueryData(keys.agencies(), []);
  return qc;
}
const stale = (qc: ReturnType<typeof createQueryClient>, key: readonly unknown[]) =>
  qc.getQueryState(key)?.isInvalidated ?? false;

describe('after an action on a task', () => {
  it('holds the answered task as the page data and marks what depends on it stale', async () => {
    const qc = seeded();
    await taskChanged(qc, task(1, 4));
    expect(qc.getQueryData<TaskDetail>(keys.tasks.detail(1))?.version).toBe(4);
    expect(stale(qc, keys.tasks.detail(1))).toBe(false);
    for (const key of [
      keys.tasks.history(1),
      keys.tasks.list({ status: 'assigned' }),
      keys.tasks.calendar({ month: '2026-03' }),
      keys.stats.overview(),
      keys.reports.one('agency'),
      keys.documents.detail(5),
      keys.notifications.unread(),
    ])
      expect(stale(qc, key), JSON.stringify(key)).toBe(true);
    // Another task's page (a different id) is stale too: a parent shows its subtasks, a list its rows.
    expect(stale(qc, keys.tasks.detail(2))).toBe(true);
    expect(stale(qc, keys.agencies())).toBe(false);
  });

  it('marks every task, count and report stale after a change of many tasks, never the reference data', async () => {
    const qc = seeded();
    await tasksChanged(qc);
    expect(stale(qc, keys.tasks.detail(1))).toBe(true);
    expect(stale(qc, keys.tasks.list({ status: 'assigned' }))).toBe(true);
    expect(stale(qc, keys.stats.overview())).toBe(true);
    expect(stale(qc, keys.agencies())).toBe(false);
  });
});
