/**
 * Every read path that carries task content, for every user, on a task in each state: the task's content
 * string (a marker in its content, its reports, directions, comments, extension request and files) reaches
 * exactly those who may see the task. The others get what a missing record gets — the same status and the
 * same body — and no list, count, search or notification mentions it. Users and states:
 * test/helpers/matrix.ts; the write actions: authorization.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.js';
import { COORD, LEADERS, marker, OFFICE, ok, prepare, STATES, upload, USERS, viewers } from '../helpers/matrix.js';

let h: Harness;
const missing: Record<string, unknown> = {};
beforeAll(async () => {
  h = await createHarness('2026-03-02 09:00');
  // What "not there" answers, per kind of record, to compare "not yours" with.
  const c = await h.as('fin_staff');
  missing.task = (await c.get('/api/tasks/2147483000')).body;
  missing.history = (await c.get('/api/tasks/2147483000/history')).body;
  missing.file = (await c.get(`/api/files/${randomUUID()}`)).body;
  missing.report = (await upload(c, 'report', 2147483000)).body;
  missing.taskTarget = (await upload(c, 'task', 2147483000)).body;
  missing.document = (await c.get('/api/documents/2147483000')).body;
  for (const v of Object.values(missing)) expect(v).toMatchObject({ error: { code: 'not_found' } });
});
afterAll(() => h?.close());

describe('every read path carries task content only to those who may see the task', () => {
  for (const state of STATES) {
    it(
      `${state}: detail, history, reports, extensions, messages, files, search, counts, documents, notifications`,
      { timeout: 300_000 },
      async () => {
        const M = marker();
        const unreadBefore = new Map<string, number>();
        for (const u of USERS)
          unreadBefore.set(u, (await (await h.as(u)).get('/api/notifications/unread-count')).body.unread);
        const con = await h.as('con_staff');
        const spec = await h.as('spec1');
        const chairman = await h.as('chairman');
        let reportId = 0;
        let reportFile = '';
        let taskFile = '';
        const { tasks, documentId } = await prepare(h, state, 1, {
          content: () => `Rà soát quỹ đất công ${M}`,
          extra: async (tid) => {
            // Content about the task in every kind of record: a report with a file, a direction, a comment, a file.
            if (state !== 'draft') {
              const v = (await spec.get(`/api/tasks/${tid}`)).body.version;
              const r = await ok(
                con.post(`/api/tasks/${tid}/reports`, { version: v, kind: 'progress', content: `Phối hợp ${M}` }),
                'coordinating report',
              );
              reportId = r.body.reports[0].id;
              reportFile = (await ok(upload(con, 'report', reportId, `tệp báo cáo ${M}`), 'report file')).body.id;
              await ok(
                chairman.post(`/api/tasks/${tid}/messages`, { kind: 'direction', content: `Chỉ đạo ${M}` }),
                'direction',
              );
            }
            await ok(spec.post(`/api/tasks/${tid}/messages`, { kind: 'comment', content: `Trao đổi ${M}` }), 'comment');
            taskFile = (await ok(upload(spec, 'task', tid, `tệp nhiệm vụ ${M}`), 'task file')).body.id;
          },
        });
        const taskId = tasks[0]!.id;
        if (state === 'extension_pending')
          expect((await spec.get(`/api/tasks/${taskId}`)).body.extensionRequests).toHaveLength(1);
        const doc = (await spec.get(`/api/documents/${documentId}`)).body;

        for (const u of USERS) {
          const c = await h.as(u);
          const sees = viewers(state).includes(u);
          const why = `${u} on a ${state} task`;

          const detail = await c.get(`/api/tasks/${taskId}`);
          const history = await c.get(`/api/tasks/${taskId}/history`);
          const file = await c.get(`/api/files/${taskFile}`);
          if (sees) {
            expect(detail.status, why).toBe(200);
            expect(JSON.stringify(detail.body)).toContain(`Trao đổi ${M}`);
            if (reportId) expect(JSON.stringify(detail.body)).toContain(`Chỉ đạo ${M}`);
            expect(history.status, why).toBe(200);
            expect(JSON.stringify(history.body)).toContain(M);
            expect([file.status, file.body], why).toEqual([200, `tệp nhiệm vụ ${M}`]);
          } else {
            expect([detail.status, detail.body], `${why}: detail`).toEqual([404, missing.task]);
            expect([history.status, history.body], `${why}: history`).toEqual([404, missing.history]);
            expect([file.status, file.body], `${why}: task file`).toEqual([404, missing.file]);
            const attach = await upload(c, 'task', taskId);
            expect([attach.status, attach.body], `${why}: attach to the task`).toEqual([404, missing.taskTarget]);
          }
          if (reportId) {
            const rf = await c.get(`/api/files/${reportFile}`);
            const attach = await upload(c, 'report', reportId);
            if (sees) {
              expect([rf.status, rf.body], why).toEqual([200, `tệp báo cáo ${M}`]);
              // Seen, but not their agency's report: 403; the reporting agency's own: accepted.
              expect(attach.status, `${why}: attach to the report`).toBe(COORD.includes(u) ? 201 : 403);
            } else {
              expect([rf.status, rf.body], `${why}: report file`).toEqual([404, missing.file]);
              expect([attach.status, attach.body], `${why}: attach to the report`).toEqual([404, missing.report]);
            }
          }

          // Search, the document page's task list, counts.
          const search = await c.get(`/api/tasks?q=${M}`);
          expect(
            search.body.items.map((t: { id: number }) => t.id),
            `${why}: search`,
          ).toEqual(sees ? [taskId] : []);
          expect(search.body.total).toBe(sees ? 1 : 0);
          const byDoc = await c.get(`/api/tasks?documentId=${documentId}`);
          expect(
            byDoc.body.items.map((t: { id: number }) => t.id),
            `${why}: document's tasks`,
          ).toEqual(sees ? [taskId] : []);
          const overview = await c.get(`/api/stats/overview?q=${M}`);
          expect(overview.body.total, `${why}: overview count`).toBe(sees ? 1 : 0);
          const perAgency = await c.get(`/api/stats/agencies?q=${M}`);
          expect(
            perAgency.body.items.reduce((n: number, i: { total: number }) => n + i.total, 0),
            `${why}: per-agency count`,
          ).toBe(sees ? 1 : 0);
          const docPage = await c.get(`/api/documents/${documentId}`);
          // Agencies see a document through a task of theirs; the Office and the leaders see every document.
          expect(docPage.status === 200, `${why}: document visible`).toBe(
            sees || OFFICE.includes(u) || LEADERS.includes(u),
          );
          if (docPage.status === 200) expect(docPage.body.taskCount, `${why}: document count`).toBe(sees ? 1 : 0);
          else expect([docPage.status, docPage.body], `${why}: document`).toEqual([404, missing.document]);
          const docs = await c.get(`/api/documents?q=${encodeURIComponent(doc.numberText)}`);
          for (const d of docs.body.items.filter((x: { id: number }) => x.id === documentId))
            expect(d.taskCount, `${why}: documents list count`).toBe(sees ? 1 : 0);

          // Notifications: none about the task reaches someone who may not see it, in the list or the count.
          const notes = await c.get('/api/notifications?limit=100');
          const unread = (await c.get('/api/notifications/unread-count')).body.unread;
          expect(notes.body.unread).toBe(unread);
          if (!sees) {
            expect(
              notes.body.items.filter((n: { taskId: number }) => n.taskId === taskId),
              `${why}: notifications`,
            ).toEqual([]);
            expect(unread, `${why}: unread count`).toBe(unreadBefore.get(u));
            for (const [path, r] of Object.entries({ search, byDoc, overview, perAgency, docPage, docs, notes }))
              expect(JSON.stringify(r.body), `${why}: ${path} leaks the content`).not.toContain(M);
          }
        }
      },
    );
  }
});
