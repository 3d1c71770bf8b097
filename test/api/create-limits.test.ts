/**
 * What one request may create is capped, with a 400 that says the limit and nothing written: tasks per
 * request, coordinating agencies per task, tasks created with the periods of recurring tasks, coordination
 * links. A recurring task whose end (`until`) comes before its first period is refused.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.js';
import { CREATE_LIMITS } from '../../src/services/limits.js';
import { createHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
const extraAgencies: number[] = [];
beforeAll(async () => {
  h = await createHarness('2026-03-02 09:00');
  const admin = await h.as('admin');
  for (let i = 0; i < 11; i++) {
    const res = await admin.post('/api/agencies', {
      code: `PX${i}`,
      name: `UBND phường ${i}`,
      shortName: `P${i}`,
      kind: 'commune',
      validFrom: '2020-01-01',
    });
    extraAgencies.push(res.body.id);
  }
});
afterAll(() => h?.close());

const taskCount = async () =>
  Number((await rows<{ n: number }>(h.database.db, sql`select count(*)::int as n from tasks`))[0]!.n);
const monthly = (content: string, extra: Record<string, unknown> = {}) => ({
  content,
  leadAgencyId: h.fx.agency.finance,
  deadlineKind: 'recurring',
  recurrence: { freq: 'monthly', day: 20, ...extra },
});

describe('what one request may create', () => {
  it('at most 100 tasks in a body and 100 coordinating agencies per task', async () => {
    const spec = await h.as('spec1');
    const many = Array.from({ length: CREATE_LIMITS.tasksPerRequest + 1 }, (_, i) => ({
      content: `Nhiệm vụ ${i}`,
      leadAgencyId: h.fx.agency.finance,
      deadlineKind: 'none',
    }));
    const res = await spec.post('/api/tasks', { tasks: many });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([{ field: 'tasks', message: 'không được quá 100 phần tử' }]);
    const co = await spec.post('/api/tasks', {
      tasks: [{ ...many[0], coordinatingAgencyIds: Array.from({ length: 101 }, (_, i) => i + 1) }],
    });
    expect(co.status).toBe(400);
    expect(co.body.error.issues).toEqual([
      { field: 'tasks.0.coordinatingAgencyIds', message: 'không được quá 100 phần tử' },
    ]);
  });

  it('at most 200 tasks created, periods of recurring tasks included: refused before anything is written', async () => {
    const spec = await h.as('spec1');
    const before = await taskCount();
    // 16 monthly tasks: each creates itself and the 12 periods of the coming year, 208 in all.
    const res = await spec.post('/api/tasks', {
      tasks: Array.from({ length: 16 }, (_, i) => monthly(`Báo cáo tháng ${i}`)),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /^Một yêu cầu chỉ được tạo tối đa 200 nhiệm vụ \(kể cả các kỳ của nhiệm vụ định kỳ\); yêu cầu này cần 208\. Hãy chia thành nhiều lần\.$/,
    );
    expect(res.body.error.issues[0].field).toBe('tasks.15.recurrence');
    expect(await taskCount()).toBe(before);
  }, 120_000);

  it('one recurring task whose periods reach back years counts them all', async () => {
    const spec = await h.as('spec1');
    const before = await taskCount();
    spec.lang = 'en';
    const res = await spec.post('/api/documents', {
      numberText: '5/UBND-TH',
      issuedOn: '2005-01-10',
      abstract: 'Báo cáo hằng tháng từ 2005',
      tasks: [monthly('Báo cáo tình hình')],
    });
    spec.lang = 'vi';
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /^One request may create at most 200 tasks \(periods of recurring tasks included\); this one needs \d+\. Split it into several requests\.$/,
    );
    expect(await taskCount()).toBe(before);
    expect((await spec.get('/api/documents?q=hang thang tu 2005')).body.total).toBe(0);
  });

  it('at most 1000 coordination links: refused at once', async () => {
    const spec = await h.as('spec1');
    const before = await taskCount();
    const res = await spec.post('/api/tasks', {
      tasks: Array.from({ length: 91 }, (_, i) => ({
        content: `Phối hợp ${i}`,
        leadAgencyId: h.fx.agency.finance,
        coordinatingAgencyIds: extraAgencies,
        deadlineKind: 'none',
      })),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'Một yêu cầu chỉ được tạo tối đa 1000 lượt giao phối hợp (số nhiệm vụ × số cơ quan phối hợp); yêu cầu này cần 1001. Hãy chia thành nhiều lần.',
    );
    expect(await taskCount()).toBe(before);
  });
});

describe('recurring task ends', () => {
  it('refuses an end (until) before the first period, and writes nothing', async () => {
    const spec = await h.as('spec1');
    const before = await taskCount();
    const res = await spec.post('/api/tasks', { tasks: [monthly('Báo cáo đã hết hạn', { until: '2026-02-10' })] });
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      code: 'bad_request',
      message:
        'Ngày kết thúc (until) 2026-02-10 trước hạn của kỳ đầu tiên (2026-03-20): nhiệm vụ định kỳ sẽ không có kỳ nào.',
      issues: [
        {
          field: 'tasks.0.recurrence.until',
          message:
            'Ngày kết thúc (until) 2026-02-10 trước hạn của kỳ đầu tiên (2026-03-20): nhiệm vụ định kỳ sẽ không có kỳ nào.',
        },
      ],
    });
    expect(await taskCount()).toBe(before);
  });
  it('accepts an end after the first period, with the periods up to it', async () => {
    const spec = await h.as('spec1');
    const res = await spec.post('/api/tasks', { tasks: [monthly('Báo cáo ba tháng', { until: '2026-05-31' })] });
    expect(res.status).toBe(201);
    expect(res.body.items.map((t: { content: string }) => t.content)).toEqual([
      'Báo cáo ba tháng',
      'Báo cáo ba tháng (kỳ 2026-03)',
      'Báo cáo ba tháng (kỳ 2026-04)',
      'Báo cáo ba tháng (kỳ 2026-05)',
    ]);
  });
});
