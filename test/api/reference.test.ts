/** Agencies (merger with hand-over), calendar, settings, files, notifications, health and the API document. */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.js';
import { createHarness, registerDocument, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('2026-03-02 09:00');
});
afterAll(() => h?.close());

function multipart(fields: Record<string, string>, file?: { name: string; content: Buffer }) {
  const boundary = '----nvtest' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('an agency merger', () => {
  it('hands open tasks to the successor; past figures keep the old lead agency', async () => {
    const { taskIds } = await registerDocument(h, 'spec1', [
      {
        content: 'Hoàn thành giải phóng mặt bằng dự án đường tỉnh 390',
        leadAgencyId: h.fx.agency.district,
        deadlineKind: 'fixed',
        deadline: '2026-04-30',
      },
      {
        content: 'Báo cáo kết quả thu hồi đất',
        leadAgencyId: h.fx.agency.finance,
        coordinatingAgencyIds: [h.fx.agency.district],
        deadlineKind: 'fixed',
        deadline: '2026-04-30',
      },
    ]);
    const [led, coordinated] = taskIds as [number, number];
    h.clock.set('2026-03-10 16:00');
    const admin = await h.as('admin');
    const district = (await admin.get('/api/agencies?kind=district')).body.items[0];
    const merged = await admin.post(`/api/agencies/${district.id}/merge`, {
      version: district.version,
      successorId: h.fx.agency.commune,
      endDate: '2026-03-10',
    });
    expect(merged.status).toBe(200);
    expect(merged.body.handedOver).toBe(2);
    expect(merged.body.agency).toMatchObject({ validTo: '2026-03-10', successorId: h.fx.agency.commune });

    h.clock.set('2026-03-12 09:00');
    const commune = await h.as('com_staff');
    const t = (await commune.get(`/api/tasks/${led}`)).body;
    expect(t.leadAgency.id).toBe(h.fx.agency.commune);
    expect(t.actions).toContain('report_completion');
    const c = (await commune.get(`/api/tasks/${coordinated}`)).body;
    expect(c.coordinatingAgencyIds).toEqual([h.fx.agency.commune]);
    const history = (await commune.get(`/api/tasks/${led}/history`)).body.items;
    expect(history.at(-1)).toMatchObject({
      action: 'task.handover',
      before: { leadAgencyId: h.fx.agency.district },
      after: { leadAgencyId: h.fx.agency.commune },
    });

    // As of the day before, the district led it; as of the merger day's end, the commune.
    const spec = await h.as('spec1');
    const by = async (asOf: string) =>
      (await spec.get(`/api/stats/agencies?asOf=${asOf}`)).body.items.map((i: { agencyId: number }) => i.agencyId);
    expect(await by('2026-03-09')).toContain(h.fx.agency.district);
    expect(await by('2026-03-09')).not.toContain(h.fx.agency.commune);
    expect(await by('2026-03-11')).toContain(h.fx.agency.commune);
    expect(await by('2026-03-11')).not.toContain(h.fx.agency.district);

    // A new task cannot go to the ended agency.
    const refused = await spec.post('/api/tasks', {
      tasks: [{ content: 'x', leadAgencyId: h.fx.agency.district, deadlineKind: 'none' }],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toBe(
      'Cơ quan "UBND huyện Đông Hải" đã thôi hoạt động từ 2026-03-10; hãy giao cho cơ quan kế thừa.',
    );
  });
});

describe('the working calendar', () => {
  it('lists 2026 days off with Vietnamese names', async () => {
    // The calendar is public knowledge: no sign-in needed.
    const cal = (await h.anon().get('/api/calendar/2026')).body;
    const tet = cal.days
      .filter((d: { nameVi: string }) => d.nameVi.includes('Tết Nguyên đán'))
      .map((d: { date: string }) => d.date);
    expect(tet).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
    expect(cal.days.find((d: { date: string }) => d.date === '2026-04-26')?.nameVi).toMatch(/Giỗ Tổ Hùng Vương/);
  });

  it('takes the admin’s correction, and deadlines follow it', async () => {
    const admin = await h.as('admin');
    const set = await admin.put('/api/calendar/days/2026-03-31', {
      kind: 'day_off',
      nameVi: 'Nghỉ theo quyết định của tỉnh',
      nameEn: 'Provincial day off',
    });
    expect(set.status).toBe(200);
    const cal = (await admin.get('/api/calendar/2026')).body;
    expect(cal.days.find((d: { date: string }) => d.date === '2026-03-31')).toMatchObject({
      kind: 'day_off',
      corrected: true,
    });
    const { taskIds } = await registerDocument(
      h,
      'spec1',
      [
        {
          content: 'Hạn rơi vào ngày nghỉ',
          leadAgencyId: h.fx.agency.finance,
          deadlineKind: 'fixed',
          deadline: '2026-03-31',
        },
      ],
      { issuedOn: '2026-03-12' },
    );
    const spec = await h.as('spec1');
    expect((await spec.get(`/api/tasks/${taskIds[0]}`)).body.dueDate).toBe('2026-04-01');
    expect((await admin.del('/api/calendar/days/2026-03-31')).status).toBe(200);
    expect((await admin.del('/api/calendar/days/2026-03-31')).status).toBe(404);
  });

  it('counts "within N working days" on the calendar', async () => {
    const spec = await h.as('spec1');
    const res = await spec.post('/api/documents', {
      numberText: '120/TB-UBND',
      issuedOn: '2026-04-24',
      abstract: 'Kết luận của Chủ tịch UBND tỉnh tại cuộc họp',
      tasks: [
        {
          content: 'Trong 5 ngày làm việc, báo cáo',
          leadAgencyId: h.fx.agency.finance,
          deadlineKind: 'fixed',
          withinWorkingDays: 5,
        },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body.docType).toBe('conclusion_notice');
    const list = (await spec.get(`/api/tasks?documentId=${res.body.id}`)).body.items;
    // 24/4/2026 Friday; 27/4 Giỗ Tổ (compensatory for Sunday 26/4), 30/4, 1/5 holidays → 28, 29, 4, 5, 6 May.
    expect(list[0].deadline).toBe('2026-05-06');
  });
});

describe('settings', () => {
  it('the extension cap is a setting', async () => {
    const admin = await h.as('admin');
    const bad = await admin.put('/api/settings', { extensionCap: -1 });
    expect(bad.status).toBe(400);
    const ok = await admin.put('/api/settings', { extensionCap: 2, staleAfterDays: 14 });
    expect(ok.body).toMatchObject({ extensionCap: 2, staleAfterDays: 14, reminderDaysBefore: [7, 3, 1] });
    const badOrder = await admin.put('/api/settings', { gradingThresholds: { excellent: 0.5, good: 0.8, fair: 0.6 } });
    expect(badOrder.body.error.message).toBe('Ngưỡng xếp loại phải giảm dần: xuất sắc ≥ tốt ≥ đạt.');
  });
});

describe('files', () => {
  it('uploads to a task with its checksum and downloads it back; refuses wrong types and other agencies', async () => {
    const { taskIds } = await registerDocument(h, 'spec1', [
      { content: 'Gửi hồ sơ kèm theo', leadAgencyId: h.fx.agency.finance, deadlineKind: 'none' },
    ]);
    const id = taskIds[0]!;
    const fin = await h.as('fin_staff');
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('Báo cáo số liệu quý I')]);
    const up = multipart({ targetType: 'task', targetId: String(id) }, { name: 'Báo cáo quý I.pdf', content: pdf });
    const res = await fin.request('POST', '/api/files', up.body, up.headers);
    expect(res.status).toBe(201);
    const { createHash } = await import('node:crypto');
    expect(res.body).toMatchObject({
      filename: 'Báo cáo quý I.pdf',
      mimeType: 'application/pdf',
      size: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
    });
    const down = await fin.get(`/api/files/${res.body.id}`);
    expect(down.status).toBe(200);
    expect(String(down.headers['content-disposition'])).toContain("filename*=UTF-8''B%C3%A1o");
    const task = (await fin.get(`/api/tasks/${id}`)).body;
    expect(task.files.map((f: { id: string }) => f.id)).toEqual([res.body.id]);

    const con = await h.as('con_staff');
    expect((await con.get(`/api/files/${res.body.id}`)).status).toBe(404);
    const exe = multipart(
      { targetType: 'task', targetId: String(id) },
      { name: 'virus.exe', content: Buffer.from('MZ') },
    );
    expect((await fin.request('POST', '/api/files', exe.body, exe.headers)).status).toBe(415);
    const fake = multipart(
      { targetType: 'task', targetId: String(id) },
      { name: 'fake.pdf', content: Buffer.from('not a pdf') },
    );
    const fakeRes = await fin.request('POST', '/api/files', fake.body, fake.headers);
    expect(fakeRes.status).toBe(400);
    expect(fakeRes.body.error.message).toBe('Nội dung tệp không phải là .pdf đúng như tên tệp.');
    const big = multipart(
      { targetType: 'task', targetId: String(id) },
      { name: 'big.txt', content: Buffer.alloc(1024 * 1024 + 10, 65) },
    );
    expect((await fin.request('POST', '/api/files', big.body, big.headers)).status).toBe(413);
    const other = multipart({ targetType: 'task', targetId: String(id) }, { name: 'a.txt', content: Buffer.from('x') });
    expect((await con.request('POST', '/api/files', other.body, other.headers)).status).toBe(404);
    const noTarget = multipart({}, { name: 'a.txt', content: Buffer.from('x') });
    expect((await fin.request('POST', '/api/files', noTarget.body, noTarget.headers)).status).toBe(400);
    expect((await fin.request('POST', '/api/files', { a: 1 })).status).toBe(415);
    expect((await fin.get('/api/files/not-a-uuid')).status).toBe(400);
  });
});

describe('notifications', () => {
  it('tells the agency of a new task and the specialist of a completion report', async () => {
    const fin = await h.as('fin_lead');
    const before = (await fin.get('/api/notifications/unread-count')).body.unread;
    const { taskIds } = await registerDocument(
      h,
      'spec2',
      [
        {
          content: 'Thông báo cho cơ quan',
          leadAgencyId: h.fx.agency.finance,
          deadlineKind: 'fixed',
          deadline: '2026-06-30',
        },
      ],
      { issuedOn: '2026-03-12', numberText: '123/UBND-KT' },
    );
    expect((await fin.get('/api/notifications/unread-count')).body.unread).toBe(before + 1);
    const list = (await fin.get('/api/notifications?unread=true')).body;
    const t = (await fin.get(`/api/tasks/${taskIds[0]}`)).body;
    const agency = t.leadAgency.name as string;
    // The text names the task's code, the document's number and the agency, the date as dd/MM/yyyy…
    expect(list.items[0]).toEqual({
      id: expect.any(Number),
      kind: 'task.assigned',
      taskId: taskIds[0],
      title: `Nhiệm vụ mới ${t.code} (văn bản 123/UBND-KT): ${agency} chủ trì, hạn 30/06/2026`,
      body: 'Thông báo cho cơ quan',
      readAt: null,
      createdAt: expect.any(String),
    });
    // …and is rendered in the reader's language when read.
    fin.lang = 'en';
    const en = (await fin.get('/api/notifications?unread=true')).body.items[0];
    expect(en).toMatchObject({
      id: list.items[0].id,
      title: `New task ${t.code} (document 123/UBND-KT): ${agency} leads, due 30/06/2026`,
      body: 'Thông báo cho cơ quan',
    });
    fin.lang = 'vi';
    // Stored as a template with its parameters; the Vietnamese text is kept beside them.
    const [row] = await rows<{ template: string; params: { task: { code: string } }; title: string }>(
      h.database.db,
      sql`select template, params, title from notifications where id = ${list.items[0].id}`,
    );
    expect(row).toMatchObject({
      template: 'task.assigned',
      params: { task: { code: t.code } },
      title: list.items[0].title,
    });
    await fin.post(`/api/tasks/${taskIds[0]}/reports`, { version: t.version, kind: 'completion', content: 'Xong' });
    const spec2 = await h.as('spec2');
    const mine = (await spec2.get('/api/notifications')).body.items;
    expect(mine[0]).toMatchObject({
      kind: 'report.completion',
      taskId: taskIds[0],
      title: `Báo cáo hoàn thành chờ xác nhận ${t.code} (văn bản 123/UBND-KT): ${agency}`,
    });
    // A notification written before templates (no template) is shown as it was written, in any language.
    await h.database.db.execute(
      sql`update notifications set template = null, params = null, title = 'Văn bản cũ', body = null
          where id = ${mine[0].id}`,
    );
    spec2.lang = 'en';
    expect((await spec2.get('/api/notifications')).body.items[0]).toMatchObject({ title: 'Văn bản cũ', body: null });
    spec2.lang = 'vi';
    expect((await fin.post('/api/notifications/read', { ids: [list.items[0].id] })).body.updated).toBe(1);
    expect((await fin.get('/api/notifications/unread-count')).body.unread).toBe(before);
    expect((await fin.post('/api/notifications/read', {})).status).toBe(400);
  });
});

describe('system', () => {
  it('health answers without signing in', async () => {
    const res = await h.anon().get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', version: 'test', database: h.database.kind });
  });
  it('publishes the OpenAPI document and its browsable page', async () => {
    const doc = (await h.anon().get('/api/openapi.json')).body;
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/tasks',
        '/api/tasks/{id}/review',
        '/api/documents',
        '/api/calendar/{year}',
        '/api/files',
      ]),
    );
    const page = await h.anon().get('/api/docs/');
    expect(page.status).toBe(200);
  });
});
