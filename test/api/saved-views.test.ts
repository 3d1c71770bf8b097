/**
 * Saved views hold both task-list filters and report parameters, told apart by kind: one mechanism, each
 * user's own, the same name allowed once per kind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('2026-03-02 09:00');
});
afterAll(() => h?.close());

describe('saved views of tasks and of reports', () => {
  it('keeps report parameters apart from task-list views, the same name once per kind', async () => {
    const spec = await h.as('spec1');
    const tasks = await spec.post('/api/views', { name: 'Quý I', query: { timeliness: 'overdue' } });
    expect(tasks.status).toBe(200);
    expect(tasks.body.kind).toBe('tasks');
    const report = await spec.post('/api/views', {
      name: 'Quý I',
      kind: 'report',
      query: { by: 'leader', period: '2026-Q1', role: 'any' },
      columns: ['all'],
    });
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ kind: 'report', query: { by: 'leader', period: '2026-Q1' } });
    expect(report.body.id).not.toBe(tasks.body.id);

    const listTasks = await spec.get('/api/views');
    expect(listTasks.body.items.map((v: { id: number }) => v.id)).toEqual([tasks.body.id]);
    expect(listTasks.body.items[0].query).toEqual({ timeliness: 'overdue' });
    const listReports = await spec.get('/api/views?kind=report');
    expect(listReports.body.items.map((v: { id: number }) => v.id)).toEqual([report.body.id]);

    // Saving again under the same kind and name overwrites that one only.
    const again = await spec.post('/api/views', { name: 'Quý I', kind: 'report', query: { by: 'month' } });
    expect(again.body.id).toBe(report.body.id);
    expect((await spec.get('/api/views?kind=report')).body.items[0].query).toEqual({ by: 'month' });
    expect((await spec.get('/api/views')).body.items[0].query).toEqual({ timeliness: 'overdue' });

    // Another user sees neither.
    const fin = await h.as('fin_staff');
    expect((await fin.get('/api/views?kind=report')).body.items).toEqual([]);
    expect((await fin.del(`/api/views/${report.body.id}`)).status).toBe(404);
    expect((await spec.del(`/api/views/${report.body.id}`)).status).toBe(200);
    expect((await spec.get('/api/views?kind=report')).body.items).toEqual([]);
  });

  it('refuses an unknown kind with a message naming it', async () => {
    const spec = await h.as('spec1');
    const bad = await spec.post('/api/views', { name: 'x', kind: 'chart', query: {} });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: { field: string }) => i.field)).toContain('kind');
    const badList = await spec.get('/api/views?kind=chart');
    expect(badList.status).toBe(400);
  });
});
