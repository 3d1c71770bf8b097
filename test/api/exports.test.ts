/**
 * Exports read back: the task list as .xlsx (ExcelJS reads it: title, header, formats, frozen header,
 * filter, widths, every filtered row), the background export job (progress, file, who may see it), and the
 * urging letter as .docx (unzipped: A4, ND30 margins, Times New Roman, header texts, page numbers from page 2).
 */
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { files } from '../../src/db/schema.js';
import { createHarness, registerDocument, type Client, type Harness } from '../helpers/harness.js';

let h: Harness;

/** A binary download through the real HTTP stack, as the signed-in client. */
async function download(c: Client, url: string) {
  const res = await h.app.inject({
    method: 'GET',
    url,
    headers: { cookie: c.cookie!, 'accept-language': 'vi' },
  });
  return { status: res.statusCode, headers: res.headers, raw: res.rawPayload, json: () => res.json() };
}

async function readSheet(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}

beforeAll(async () => {
  h = await createHarness('2026-03-02 09:00', { env: { EXPORT_SYNC_MAX_ROWS: '3' } });
  await registerDocument(
    h,
    'spec1',
    [
      {
        content: 'Sở Tài chính chủ trì thẩm định phương án giá nước sạch',
        leadAgencyId: h.fx.agency.finance,
        deadlineKind: 'fixed',
        deadline: '2026-03-10',
        fieldId: h.fx.field,
      },
      {
        content: 'Rà soát dự toán ngân sách các huyện',
        leadAgencyId: h.fx.agency.finance,
        deadlineKind: 'fixed',
        deadline: '2026-03-20',
      },
      {
        content: 'Rà soát quy hoạch xây dựng vùng huyện',
        leadAgencyId: h.fx.agency.construction,
        coordinatingAgencyIds: [h.fx.agency.finance],
        deadlineKind: 'fixed',
        deadline: '2026-04-15',
        leaderId: h.fx.leader.vice,
      },
      { content: 'Theo dõi giá cả thị trường', leadAgencyId: h.fx.agency.finance, deadlineKind: 'routine' },
    ],
    { numberText: '245/TB-UBND', issuedOn: '2026-03-02' },
  );
});
afterAll(() => h?.close());

describe('GET /api/tasks.xlsx', () => {
  it('answers 401 without signing in, 400 naming the field for a bad filter', async () => {
    expect((await h.anon().get('/api/tasks.xlsx')).status).toBe(401);
    const spec = await h.as('spec1');
    const bad = await spec.get('/api/tasks.xlsx?timeliness=late');
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].field).toMatch(/^timeliness/);
    const dates = await spec.get('/api/tasks.xlsx?dueFrom=2026-05-01&dueTo=2026-04-01');
    expect(dates.status).toBe(400);
    expect(dates.body.error.issues[0].field).toBe('dueFrom');
  });

  it('writes every filtered row with a title, the parameters, a frozen filtered header and real formats', async () => {
    // Later: the first task is overdue.
    h.clock.set('2026-03-12 09:00');
    const spec = await h.as('spec1');
    const res = await download(spec, `/api/tasks.xlsx?agencyId=${h.fx.agency.finance}&agencyRole=lead&pageSize=1`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toContain('filename="Danh sach nhiem vu den ngay 12-03-2026.xlsx"');
    expect(disposition).toContain(
      `filename*=UTF-8''${encodeURIComponent('Danh sách nhiệm vụ đến ngày 12-03-2026.xlsx')}`,
    );

    const ws = await readSheet(res.raw);
    expect(ws.getCell('A1').value).toBe('DANH SÁCH NHIỆM VỤ DO UBND TỈNH, CHỦ TỊCH UBND TỈNH GIAO');
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(String(ws.getCell('A2').value)).toBe('Bộ lọc: Cơ quan chủ trì: Sở Tài chính');
    expect(ws.getCell('A3').value).toBe('Số liệu tính đến ngày 12/03/2026');
    // Header on row 5, frozen and filtered.
    expect(ws.getRow(5).getCell(1).value).toBe('Mã nhiệm vụ');
    expect(ws.getRow(5).getCell(2).value).toBe('Nội dung nhiệm vụ');
    expect(ws.getRow(5).getCell(15).value).toBe('Tình hình thực hiện');
    expect(ws.getRow(5).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
    expect(ws.autoFilter).toBeTruthy();
    expect(JSON.stringify(ws.autoFilter)).toContain('A5');
    expect(ws.getColumn(2).width).toBe(60);
    // All three rows of Sở Tài chính as lead (not the page of one), in the list's order (by deadline).
    const data = [6, 7, 8].map((r) => ws.getRow(r));
    expect(data.map((r) => r.getCell(2).value)).toEqual([
      'Sở Tài chính chủ trì thẩm định phương án giá nước sạch',
      'Rà soát dự toán ngân sách các huyện',
      'Theo dõi giá cả thị trường',
    ]);
    expect(ws.getRow(9).getCell(1).value ?? null).toBeNull();
    const first = data[0]!;
    expect(first.getCell(3).value).toBe('245/TB-UBND');
    expect(first.getCell(4).value).toBe('Sở Tài chính');
    const deadline = first.getCell(9);
    expect(deadline.value).toEqual(new Date('2026-03-10T00:00:00Z'));
    expect(deadline.numFmt).toBe('dd/mm/yyyy');
    expect(first.getCell(15).value).toBe('Quá hạn');
    expect(first.getCell(16).value).toBe(2);
    expect(data[1]!.getCell(15).value).toBe('Đang thực hiện trong hạn');
    expect(data[2]!.getCell(15).value).toBe('Không tính thống kê');
    expect(data[2]!.getCell(8).value).toBe('Thường xuyên');
  });

  it('holds only what the user may see, and the list as of a past date', async () => {
    const con = await h.as('con_staff');
    const res = await download(con, '/api/tasks.xlsx');
    expect(res.status).toBe(200);
    const ws = await readSheet(res.raw);
    expect(ws.getRow(6).getCell(2).value).toBe('Rà soát quy hoạch xây dựng vùng huyện');
    expect(ws.getRow(7).getCell(2).value ?? null).toBeNull();

    const spec = await h.as('spec1');
    const past = await download(spec, `/api/tasks.xlsx?asOf=2026-03-01`);
    const pws = await readSheet(past.raw);
    expect(pws.getCell('A3').value).toBe('Số liệu tính đến ngày 01/03/2026');
    // Nothing existed before the document was registered on 2 March.
    expect(pws.getRow(6).getCell(1).value ?? null).toBeNull();
  });

  it('refuses a list longer than the direct limit with 409 pointing to a background export', async () => {
    const spec = await h.as('spec1');
    const res = await spec.get('/api/tasks.xlsx');
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('POST /api/exports');
  });
});

describe('background exports', () => {
  it('runs as a job with progress; the file is kept for its creator and the admin only', async () => {
    const spec = await h.as('spec1');
    expect((await spec.post('/api/exports', { kind: 'tasks', query: { timeliness: 'late' } })).status).toBe(400);
    const created = await spec.post('/api/exports', { kind: 'tasks', query: { sort: 'code' } });
    expect(created.status).toBe(202);
    expect(created.body.status).toBe('queued');
    const id = created.body.id as number;
    let job = created.body;
    for (let i = 0; i < 500 && job.status !== 'done' && job.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 10));
      job = (await spec.get(`/api/exports/${id}`)).body;
    }
    expect(job).toMatchObject({ status: 'done', progress: 100, rows: 4, downloadUrl: `/api/exports/${id}/file` });
    expect((await spec.get('/api/exports')).body.items.map((e: { id: number }) => e.id)).toContain(id);

    const file = await download(spec, job.downloadUrl);
    expect(file.status).toBe(200);
    const ws = await readSheet(file.raw);
    expect([6, 7, 8, 9].map((r) => ws.getRow(r).getCell(1).value)).toEqual(
      (await spec.get('/api/tasks?sort=code')).body.items.map((t: { code: string }) => t.code),
    );

    // Another user is told it does not exist; the admin may see it.
    const other = await h.as('spec2');
    expect((await other.get(`/api/exports/${id}`)).status).toBe(404);
    expect((await download(other, `/api/exports/${id}/file`)).status).toBe(404);
    expect((await other.get('/api/exports')).body.items).toEqual([]);
    expect((await (await h.as('admin')).get(`/api/exports/${id}`)).status).toBe(200);
    // Its file is not reachable as an attachment.
    const [row] = await h.database.db.select().from(files).where(eq(files.jobId, id));
    expect(row?.filename).toBe('Danh sách nhiệm vụ đến ngày 12-03-2026.xlsx');
    expect((await spec.get(`/api/files/${row!.id}`)).status).toBe(404);
  });
});

describe('report exports in the background', () => {
  const waitDone = async (c: Client, id: number) => {
    let job = (await c.get(`/api/exports/${id}`)).body;
    for (let i = 0; i < 500 && job.status !== 'done' && job.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 10));
      job = (await c.get(`/api/exports/${id}`)).body;
    }
    return job;
  };

  it('POST /api/exports report-xlsx and report-docx: progress, a kept file with the same figures', async () => {
    // From here on, the reports are as of the 14th, today: a cut-off after today is refused.
    h.clock.set('2026-03-14 09:00');
    const spec = await h.as('spec1');
    // Bad parameters answer 400 at once, naming the field.
    const bad = await spec.post('/api/exports', {
      kind: 'report-docx',
      by: 'agency',
      query: { period: 'quarter', number: 5 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].field).toBe('number');
    expect((await spec.post('/api/exports', { kind: 'report-xlsx', by: 'nothing', query: {} })).status).toBe(400);

    const xlsx = await spec.post('/api/exports', { kind: 'report-xlsx', by: 'agency', query: { asOf: '2026-03-14' } });
    expect(xlsx.status).toBe(202);
    expect(xlsx.body.kind).toBe('export.report-xlsx');
    const done = await waitDone(spec, xlsx.body.id);
    expect(done).toMatchObject({
      status: 'done',
      progress: 100,
      filename: 'Báo cáo theo cơ quan đến ngày 14-03-2026.xlsx',
    });
    const file = await download(spec, done.downloadUrl);
    expect(file.status).toBe(200);
    const ws = await readSheet(file.raw);
    const json = await spec.get('/api/reports/agency?asOf=2026-03-14');
    expect(ws.getCell('A1').value).toBe('BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ THEO CƠ QUAN');
    const total = ws.getRow(6 + json.body.rows.length);
    expect(total.getCell(2).value).toBe('Tổng cộng');
    expect(total.getCell(3).value).toBe(json.body.totals.assigned);
    expect(ws.getRow(8 + json.body.rows.length).getCell(1).value).toBe('Giải thích:');

    const docx = await spec.post('/api/exports', {
      kind: 'report-docx',
      by: 'agency',
      query: { period: 'month', year: 2026, number: 3 },
    });
    expect(docx.status).toBe(202);
    const ddone = await waitDone(spec, docx.body.id);
    expect(ddone.status).toBe('done');
    const dfile = await download(spec, ddone.downloadUrl);
    expect(dfile.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const { xml } = await documentXml(dfile.raw);
    expect(xml).toContain('tháng 3 năm 2026, tính đến ngày 14/03/2026');
    expect(xml).toContain('Trong tháng 3 năm 2026, UBND tỉnh, Chủ tịch UBND tỉnh đã giao 4 nhiệm vụ.');
    // Listed with one's other exports; another user is told it does not exist.
    const mine = (await spec.get('/api/exports')).body.items.map((e: { id: number }) => e.id);
    expect(mine).toEqual(expect.arrayContaining([xlsx.body.id, docx.body.id]));
    expect((await (await h.as('spec2')).get(`/api/exports/${docx.body.id}`)).status).toBe(404);
  });

  it('takes the report page’s query as it sends it and writes the files the direct downloads write', async () => {
    const spec = await h.as('spec1');
    const asOf = (await spec.get('/api/reports/agency')).body.params.asOf as string;
    // The page's values: strings from its address, the ids as numbers, the Word report's period as numbers.
    const xq = {
      from: '2026-01-01',
      to: '2026-12-31',
      periodBy: 'due',
      role: 'any',
      against: 'original',
      agencyKind: 'department,district',
      asOf,
    };
    const dq = {
      role: 'any',
      agencyKind: 'department',
      agencyId: h.fx.agency.finance,
      asOf,
      period: 'quarter',
      year: 2026,
      number: 1,
    };
    const viaJob = async (kind: string, by: string, query: object) => {
      const job = await spec.post('/api/exports', { kind, by, query });
      expect(job.status).toBe(202);
      const done = await waitDone(spec, job.body.id);
      expect(done.status).toBe('done');
      const file = await download(spec, done.downloadUrl);
      expect(file.status).toBe(200);
      return { file, filename: done.filename as string };
    };
    const qs = (q: object) => new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString();

    const x = await viaJob('report-xlsx', 'field', xq);
    const xd = await download(spec, `/api/reports/field.xlsx?${qs(xq)}`);
    expect(xd.status).toBe(200);
    const [jobSheet, directSheet] = [await readSheet(x.file.raw), await readSheet(xd.raw)];
    expect(jobSheet.getSheetValues()).toEqual(directSheet.getSheetValues());
    expect(String(jobSheet.getCell('A2').value)).toContain('theo thời hạn');
    expect(String(jobSheet.getCell('A2').value)).toContain('cơ quan chủ trì và phối hợp');
    expect(String(jobSheet.getCell('A2').value)).toContain('loại cơ quan: Sở, ban, ngành; UBND cấp huyện');
    expect(x.filename).toBe(attachmentName(xd.headers['content-disposition']));

    const d = await viaJob('report-docx', 'agency', dq);
    const dd = await download(spec, `/api/reports/agency.docx?${qs(dq)}`);
    expect(dd.status).toBe(200);
    const [jobXml, directXml] = [(await documentXml(d.file.raw)).xml, (await documentXml(dd.raw)).xml];
    expect(jobXml).toBe(directXml);
    expect(jobXml).toContain('Trong quý I năm 2026, UBND tỉnh, Chủ tịch UBND tỉnh đã giao 4 nhiệm vụ.');
    expect(d.filename).toBe(attachmentName(dd.headers['content-disposition']));
  });

  it('counts report exports in the limit of 3 unfinished exports per user', async () => {
    const spec = await h.as('spec2');
    // Queued straight into the table (the runner would finish them before the fourth is asked for).
    for (let i = 0; i < 3; i++)
      await h.database.db.execute(
        sql`insert into jobs (kind, payload, status, run_at, created_by, created_at, updated_at)
            values (${i === 0 ? 'export.tasks' : 'export.report-docx'}, '{}'::jsonb, 'running', ${h.clock.now()},
                    ${h.fx.user.spec2}, ${h.clock.now()}, ${h.clock.now()})`,
      );
    const fourth = await spec.post('/api/exports', { kind: 'report-xlsx', by: 'agency', query: {} });
    expect(fourth.status).toBe(409);
    expect(fourth.body.error.message).toContain('3 tệp xuất chưa xong');
    await h.database.db.execute(sql`delete from jobs where created_by = ${h.fx.user.spec2} and status = 'running'`);
    expect((await spec.post('/api/exports', { kind: 'report-xlsx', by: 'agency', query: {} })).status).toBe(202);
  });
});

describe('report definitions in the reader’s language', () => {
  it('JSON in the request’s language; the Excel notes in the user’s language (Vietnamese unless English)', async () => {
    const spec = await h.as('spec1');
    const vi = await spec.get('/api/reports/agency?asOf=2026-03-14');
    expect(vi.body.definitions.completionRate).toMatch(/^Tỷ lệ hoàn thành = /);
    const en = await h.app.inject({
      method: 'GET',
      url: '/api/reports/agency?asOf=2026-03-14',
      headers: { cookie: spec.cookie!, 'accept-language': 'en' },
    });
    expect(en.json().definitions.completionRate).toMatch(/^Completion rate = /);
    expect(en.json().definitions.onTimeRate).toMatch(/^On-time rate = /);
    // The figures are the same whatever the language.
    expect(en.json().totals).toEqual(vi.body.totals);

    const notes = async () => {
      const ws = await readSheet((await download(spec, '/api/reports/agency.xlsx?asOf=2026-03-14')).raw);
      const at = 8 + vi.body.rows.length;
      return [ws.getRow(at).getCell(1).value, ws.getRow(at + 11).getCell(1).value];
    };
    expect(await notes()).toEqual(['Giải thích:', `- ${vi.body.definitions.completionRate}`]);
    await h.database.db.execute(sql`update users set language = 'en' where id = ${h.fx.user.spec1}`);
    try {
      expect(await notes()).toEqual(['Definitions:', `- ${en.json().definitions.completionRate}`]);
    } finally {
      await h.database.db.execute(sql`update users set language = 'vi' where id = ${h.fx.user.spec1}`);
    }
  });
});

/** The UTF-8 file name of a Content-Disposition header. */
const attachmentName = (h: unknown) => decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(String(h))![1]!);

async function documentXml(buf: Buffer) {
  const zip = await JSZip.loadAsync(buf);
  const files = Object.keys(zip.files);
  const read = (name: string) => zip.file(name)!.async('string');
  return { files, read, xml: await read('word/document.xml') };
}

describe('GET /api/agencies/{id}/urging-letter.docx', () => {
  it('who may get it: the Office and the leaders for any agency, an agency for itself', async () => {
    const url = `/api/agencies/${h.fx.agency.finance}/urging-letter.docx`;
    expect((await download(await h.as('con_staff'), url)).status).toBe(403);
    expect((await download(await h.as('fin_staff'), url)).status).toBe(200);
    expect((await download(await h.as('chairman'), url)).status).toBe(200);
    expect((await download(await h.as('spec1'), '/api/agencies/999999/urging-letter.docx')).status).toBe(404);
    const bad = await (await h.as('spec1')).get(`${url}?asOf=2026-02-30`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].field).toBe('asOf');
    // Not to the Office or the Committee, which issue it; not when there is nothing to urge.
    const spec = await h.as('spec1');
    const office = await spec.get(`/api/agencies/${h.fx.agency.ubnd}/urging-letter.docx`);
    expect(office.status).toBe(400);
    expect(office.body.error.message).toContain('không phải cơ quan được đôn đốc');
    const early = await spec.get(`${url}?asOf=2020-01-01`);
    expect(early.status).toBe(409);
    expect(early.body.error.message).toBe(
      'Tính đến ngày 01/01/2020, Sở Tài chính không có nhiệm vụ chủ trì nào quá hạn hay sắp đến hạn: không có gì để đôn đốc.',
    );
  });

  it('is an ND30 document: A4, margins, Times New Roman, quốc hiệu, the overdue and nearly due tasks', async () => {
    const spec = await h.as('spec1');
    const res = await download(spec, `/api/agencies/${h.fx.agency.finance}/urging-letter.docx?asOf=2026-03-14`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(String(res.headers['content-disposition'])).toContain(
      `filename*=UTF-8''${encodeURIComponent('Đôn đốc Sở Tài chính 14-03-2026.docx')}`,
    );
    const { xml, read, files } = await documentXml(res.raw);
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"( w:orient="portrait")?\/>/);
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    // A distinct first page: the page number header applies from page 2.
    expect(xml).toContain('<w:titlePg/>');
    expect(xml).toContain('w:ascii="Times New Roman"');
    expect(xml).toContain('<w:sz w:val="28"/>');
    expect(
      [
        'ỦY BAN NHÂN DÂN TỈNH',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        '……, ngày 14 tháng 3 năm 2026',
        'V/v đôn đốc thực hiện nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh giao',
        'Kính gửi: Sở Tài chính.',
        'tính đến ngày 14/03/2026, Sở Tài chính còn 1 nhiệm vụ',
        'Sở Tài chính chủ trì thẩm định phương án giá nước sạch',
        'Rà soát dự toán ngân sách các huyện',
        'Nơi nhận:',
        'CHÁNH VĂN PHÒNG',
      ].filter((t) => !xml.includes(t)),
    ).toEqual([]);
    // The tasks' table: its 12 pt text from one paragraph style, its cell margins set once on the table.
    expect(xml).toContain('<w:pStyle w:val="TableText"/>');
    expect(xml).toContain('<w:tblCellMar><w:top w:type="dxa" w:w="20"/><w:left w:type="dxa" w:w="60"/>');
    expect(await read('word/styles.xml')).toMatch(/w:styleId="TableText">(?:(?!<\/w:style>).)*<w:sz w:val="24"\/>/);
    // The construction agency's task is not the finance department's to be urged about (it only coordinates).
    expect(xml).not.toContain('Rà soát quy hoạch xây dựng vùng huyện');
    // The default header holds the PAGE field; the first page's header does not.
    const headers = await Promise.all(files.filter((f) => /^word\/header\d+\.xml$/.test(f)).map(read));
    expect(headers.filter((x) => x.includes('PAGE'))).toHaveLength(1);
    expect(headers).toHaveLength(2);
    const rels = await read('word/_rels/document.xml.rels');
    expect(xml).toMatch(/<w:headerReference w:type="first"/);
    expect(xml).toMatch(/<w:headerReference w:type="default"/);
    expect(rels).toContain('header');
  });

  it('uses the issuing body and place set by the admin', async () => {
    const admin = await h.as('admin');
    const put = await admin.put('/api/settings', {
      issuingBody: 'ỦY BAN NHÂN DÂN TỈNH AN GIANG',
      issuingPlace: 'An Giang',
    });
    expect(put.status).toBe(200);
    const res = await download(await h.as('spec1'), `/api/agencies/${h.fx.agency.finance}/urging-letter.docx`);
    const { xml } = await documentXml(res.raw);
    expect(xml).toContain('ỦY BAN NHÂN DÂN TỈNH AN GIANG');
    expect(xml).toContain('An Giang, ngày 14 tháng 3 năm 2026');
  });
});

describe('report exports', () => {
  it('GET /api/reports/{by}.xlsx: the engine’s table with totals, percent formats and the definitions', async () => {
    const spec = await h.as('spec1');
    const json = await spec.get('/api/reports/agency?asOf=2026-03-14');
    expect(json.status).toBe(200);
    const res = await download(spec, '/api/reports/agency.xlsx?asOf=2026-03-14');
    expect(res.status).toBe(200);
    expect(String(res.headers['content-disposition'])).toContain(
      encodeURIComponent('Báo cáo theo cơ quan đến ngày 14-03-2026.xlsx'),
    );
    const ws = await readSheet(res.raw);
    expect(ws.getCell('A1').value).toBe('BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ THEO CƠ QUAN');
    expect(ws.getCell('A3').value).toBe('Số liệu tính đến ngày 14/03/2026');
    const header = ws.getRow(5);
    expect([2, 3, 8, 17].map((c) => header.getCell(c).value)).toEqual([
      'Cơ quan',
      'Số nhiệm vụ giao',
      'Quá hạn chưa hoàn thành',
      'Tỷ lệ hoàn thành đúng hạn',
    ]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
    const rows = json.body.rows as { label: string; assigned: number; overdue: number; onTimeRate: number | null }[];
    rows.forEach((r, i) => {
      const row = ws.getRow(6 + i);
      expect(row.getCell(2).value).toBe(r.label);
      expect(row.getCell(3).value).toBe(r.assigned);
      expect(row.getCell(8).value).toBe(r.overdue);
      expect(row.getCell(17).value ?? null).toBe(r.onTimeRate);
      expect(row.getCell(17).numFmt).toBe('0.00%');
    });
    const total = ws.getRow(6 + rows.length);
    expect(total.getCell(2).value).toBe('Tổng cộng');
    expect(total.getCell(3).value).toBe(json.body.totals.assigned);
    expect(total.getCell(3).font?.bold).toBe(true);
    expect(ws.getRow(8 + rows.length).getCell(1).value).toBe('Giải thích:');
  });

  it('GET /api/reports/{by}.docx: the monthly report as an ND30 document with a generated summary', async () => {
    const spec = await h.as('spec1');
    const bad = await spec.get('/api/reports/agency.docx?period=quarter&number=5');
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].field).toBe('number');
    const both = await spec.get('/api/reports/agency.docx?period=month&number=3&from=2026-03-01');
    expect(both.status).toBe(400);
    expect(both.body.error.issues[0].field).toBe('from');
    expect((await spec.get('/api/reports/nothing.docx')).status).toBe(400);

    const started = Date.now();
    const res = await download(spec, '/api/reports/agency.docx?period=month&year=2026&number=3');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(res.status).toBe(200);
    // The period is in the file's name: the reports of two months do not share one.
    expect(attachmentName(res.headers['content-disposition'])).toBe(
      'Báo cáo theo cơ quan, kỳ 01-03-2026 - 31-03-2026, đến ngày 14-03-2026.docx',
    );
    const { xml, files } = await documentXml(res.raw);
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    expect(xml).toContain('<w:titlePg/>');
    expect(files.filter((f) => /^word\/header\d+\.xml$/.test(f))).toHaveLength(2);
    // The month has not ended on 14 March: the cut-off is today.
    expect(
      [
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        'Số:        /BC-UBND',
        'BÁO CÁO',
        'Tình hình thực hiện nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh giao',
        'tháng 3 năm 2026, tính đến ngày 14/03/2026',
        'Trong tháng 3 năm 2026, UBND tỉnh, Chủ tịch UBND tỉnh đã giao 4 nhiệm vụ.',
        'Cơ quan có nhiều nhiệm vụ quá hạn nhất: Sở Tài chính (1 nhiệm vụ',
        'Tổng cộng',
        'TM. ỦY BAN NHÂN DÂN',
        'CHỦ TỊCH',
        'Nơi nhận:',
      ].filter((t) => !xml.includes(t)),
    ).toEqual([]);

    // By deadline, the first figure is of the tasks due in the period, not "assigned" in it; the kinds of
    // agencies in words.
    const due = await documentXml(
      (
        await download(
          spec,
          '/api/reports/agency.docx?period=month&year=2026&number=3&periodBy=due&agencyKind=department',
        )
      ).raw,
    );
    expect(due.xml).toMatch(
      /Trong tháng 3 năm 2026, có \d+ nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh giao có thời hạn trong kỳ\./,
    );
    expect(due.xml).toContain('loại cơ quan: Sở, ban, ngành');
    expect(due.xml).not.toContain('department');

    // An agency's own report says that it covers the tasks the agency leads or coordinates, not the province.
    const own = await documentXml(
      (await download(await h.as('fin_staff'), '/api/reports/agency.docx?period=month&year=2026&number=3')).raw,
    );
    expect(
      [
        '(phạm vi: các nhiệm vụ Sở Tài chính chủ trì hoặc phối hợp)',
        'UBND tỉnh, Chủ tịch UBND tỉnh đã giao cho Sở Tài chính chủ trì hoặc phối hợp thực hiện',
      ].filter((t) => !own.xml.includes(t)),
    ).toEqual([]);
  });
});
