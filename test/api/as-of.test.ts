/** Point-in-time numbers: the list and the counts as of a past date come from the history, not today's rows. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, registerDocument, type Harness } from '../helpers/harness.js';

let h: Harness;
let id: number;
beforeAll(async () => {
  h = await createHarness('2026-03-02 09:00');
  ({
    taskIds: [id],
  } = (await registerDocument(h, 'spec1', [
    {
      content: 'Báo cáo kết quả thu ngân sách quý I',
      leadAgencyId: h.fx.agency.finance,
      deadlineKind: 'fixed',
      deadline: '2026-03-20',
    },
  ])) as unknown as { taskIds: [number] });
  const fin = await h.as('fin_staff');
  const spec = await h.as('spec1');
  // Completion reported on 18/3 (D−2 for D = 20/3), accepted on 23/3 (D+3).
  h.clock.set('2026-03-18 10:00');
  let t = (await fin.get(`/api/tasks/${id}`)).body;
  t = (await fin.post(`/api/tasks/${id}/reports`, { version: t.version, kind: 'completion', content: 'Đã hoàn thành' }))
    .body;
  h.clock.set('2026-03-23 09:00');
  await spec.post(`/api/tasks/${id}/review`, { version: t.version, decision: 'accept' });
  h.clock.set('2026-04-10 09:00');
});
afterAll(() => h?.close());

async function categoryAsOf(asOf: string) {
  const spec = await h.as('spec1');
  const res = await spec.get(
    `/api/tasks?asOf=${asOf}&documentId=${(await spec.get(`/api/tasks/${id}`)).body.document.id}`,
  );
  expect(res.status).toBe(200);
  return res.body.items[0]?.timeliness ?? 'absent';
}

describe('as of a date', () => {
  it('is open (in time) while the completion waits for review, done on time once accepted', async () => {
    expect(await categoryAsOf('2026-03-19')).toBe('in_progress_on_time');
    expect(await categoryAsOf('2026-03-20')).toBe('in_progress_on_time'); // the deadline day is inclusive
    expect(await categoryAsOf('2026-03-21')).toBe('overdue'); // waiting for review past the deadline
    expect(await categoryAsOf('2026-03-22')).toBe('overdue');
    expect(await categoryAsOf('2026-03-23')).toBe('done_on_time'); // accepted: done as of the report's date
    expect(await categoryAsOf('2026-04-09')).toBe('done_on_time');
  });

  it('does not show a task before it existed', async () => {
    expect(await categoryAsOf('2026-03-01')).toBe('absent');
  });

  it('gives the same counts for a past date whenever it is asked', async () => {
    const spec = await h.as('spec1');
    const before = (await spec.get('/api/stats/overview?asOf=2026-03-21')).body;
    expect(before.overdue).toBe(1);
    expect(before.fallenDue).toBe(1);
    // Later changes (a new task today) do not move the past numbers.
    await registerDocument(
      h,
      'spec1',
      [
        {
          content: 'Nhiệm vụ mới sau ngày chốt',
          leadAgencyId: h.fx.agency.finance,
          deadlineKind: 'fixed',
          deadline: '2026-04-25', // not yet past today (a past one would need confirmation)
        },
      ],
      { issuedOn: '2026-03-02' },
    );
    const after = (await spec.get('/api/stats/overview?asOf=2026-03-21')).body;
    expect(after).toEqual(before);
  });

  it('counts an extension only from the day it was approved', async () => {
    h.clock.set('2026-05-04 09:00');
    const fin = await h.as('fin_staff');
    const chairman = await h.as('chairman');
    const { taskIds } = await registerDocument(
      h,
      'spec1',
      [
        {
          content: 'Hoàn thiện đề án sắp xếp đơn vị sự nghiệp',
          leadAgencyId: h.fx.agency.finance,
          deadlineKind: 'fixed',
          deadline: '2026-05-08',
        },
      ],
      { issuedOn: '2026-05-04' },
    );
    const tid = taskIds[0]!;
    let t = (await fin.get(`/api/tasks/${tid}`)).body;
    h.clock.set('2026-05-07 09:00');
    t = (
      await fin.post(`/api/tasks/${tid}/extensions`, {
        version: t.version,
        requestedDeadline: '2026-05-29',
        reason: 'Chờ ý kiến các bộ',
      })
    ).body;
    h.clock.set('2026-05-12 14:00'); // approved after the original deadline had passed
    const decided = await chairman.post(`/api/tasks/${tid}/extensions/decide`, {
      version: t.version,
      decision: 'approve',
    });
    expect(decided.body.error).toBeUndefined();
    t = decided.body;
    expect(t.dueDate).toBe('2026-05-29');
    h.clock.set('2026-05-20 09:00');
    const spec = await h.as('spec1');
    const docId = t.document.id;
    const cat = async (d: string, against = 'current') =>
      (await spec.get(`/api/tasks?asOf=${d}&documentId=${docId}&against=${against}`)).body.items[0].timeliness;
    expect(await cat('2026-05-11')).toBe('overdue'); // before the approval the original deadline was in force
    expect(await cat('2026-05-12')).toBe('in_progress_on_time'); // from the approval day, the new one
    expect(await cat('2026-05-19')).toBe('in_progress_on_time');
    expect(await cat('2026-05-19', 'original')).toBe('overdue'); // statistics may count against the original
  });
});
