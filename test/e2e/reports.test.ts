/**
 * Reports in Debian's Chromium: (a) the Office lead opens the report page, follows a figure to the task list
 * whose total equals it (and clears a filter the figure set), and exports the report to Excel as a background
 * job: seen running, then done, downloaded and read back; kept in "my exports"; refused with the server's
 * message past the limit of unfinished exports; (b) the same page on a 390 px phone (cards, charts), and the
 * quarter's Word report through a job, read back; (c) the published results: off, the page says so and the sign-in page
 * has no link; the admin turns them on; a visitor without a session reaches them from the sign-in page and
 * sees each agency's figures for the closed quarter, never a task.
 */
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Locator } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerDocument } from '../helpers/harness.js';
import {
  DESKTOP,
  failureShot,
  checkUntil,
  HAVE_CHROMIUM,
  holdExportFiles,
  PHONE,
  SHOTS,
  signIn,
  startE2E,
  type E2E,
} from './browser.js';

const CONTENT = [
  'Sở Tài chính thẩm định dự toán kinh phí chuyển đổi số năm 2026',
  'Sở Tài chính hướng dẫn quyết toán vốn đầu tư công',
  'Sở Xây dựng công bố giá vật liệu xây dựng quý I',
  'UBND huyện Đông Hải báo cáo tiến độ giải phóng mặt bằng',
];

describe.skipIf(!HAVE_CHROMIUM && !process.env.CI)('reports in Chromium', () => {
  let e: E2E;

  beforeAll(async () => {
    e = await startE2E('2026-01-05 09:00');
    const { h } = e;
    const task = (content: string, leadAgencyId: number, deadline: string, extra: Record<string, unknown> = {}) => ({
      content,
      leadAgencyId,
      deadlineKind: 'fixed',
      deadline,
      fieldId: h.fx.field,
      ...extra,
    });
    const { taskIds } = await registerDocument(
      h,
      'spec1',
      [
        task(CONTENT[0]!, h.fx.agency.finance, '2026-02-10'),
        task(CONTENT[1]!, h.fx.agency.finance, '2026-03-20'),
        task(CONTENT[2]!, h.fx.agency.construction, '2026-03-16', { coordinatingAgencyIds: [h.fx.agency.finance] }),
        task(CONTENT[3]!, h.fx.agency.district, '2026-03-25'),
      ],
      { numberText: '12/TB-UBND', issuedOn: '2026-01-05' },
    );
    const complete = async (username: string, id: number) => {
      const c = await h.as(username);
      const t = (await c.get(`/api/tasks/${id}`)).body;
      const r = await c.post(`/api/tasks/${id}/reports`, {
        version: t.version,
        kind: 'completion',
        content: 'Đã xong',
      });
      expect(r.status).toBe(200);
      const a = await (
        await h.as('spec1')
      ).post(`/api/tasks/${id}/review`, { version: r.body.version, decision: 'accept' });
      expect(a.status).toBe(200);
    };
    h.clock.set('2026-02-05 09:00');
    await complete('fin_staff', taskIds[0]!); // on time
    h.clock.set('2026-03-23 09:00');
    await complete('con_staff', taskIds[2]!); // late
    // The first quarter has ended: one task done on time, one late, two overdue.
    h.clock.set('2026-04-02 09:00');
  }, 180_000);
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await failureShot(`reports-${ctx.task.name.slice(0, 3)}`);
  });
  afterAll(async () => {
    await e?.close();
  }, 120_000);

  it('(a) from the report page a figure opens the task list whose total equals it', async () => {
    const s = await signIn(e, 'chief', 'reports-a', DESKTOP);
    const { page } = s;
    await page.getByRole('menu').getByRole('link', { name: 'Báo cáo, thống kê' }).click();
    await page.getByRole('heading', { name: 'Báo cáo kết quả thực hiện nhiệm vụ' }).waitFor();
    const finance = page.locator('.report-table tr', { hasText: 'Sở Tài chính' });
    await finance.waitFor();
    await page.locator('.report-charts svg').nth(2).waitFor();
    await s.shot('report-by-agency');

    // The definition of a figure on hover.
    await page.locator('.report-table thead .fig-head', { hasText: 'Đã đến hạn' }).first().hover();
    await page
      .getByRole('tooltip')
      .getByText(/đã đến hạn/i)
      .waitFor();

    // Sở Tài chính: two tasks lead, one done on time, one overdue.
    const assigned = finance.locator('a[data-figure="assigned"]');
    expect(await assigned.textContent()).toBe('2');
    expect(await finance.locator('a[data-figure="overdue"]').textContent()).toBe('1');
    // Its overdue task: the urging letter to it, a Word document, from its row.
    const [letter] = await Promise.all([
      page.waitForEvent('download'),
      finance.getByRole('button', { name: /Văn bản đôn đốc Sở Tài chính/ }).click(),
    ]);
    expect(letter.suggestedFilename()).toMatch(/^Đôn đốc Sở Tài chính \d{2}-\d{2}-\d{4}\.docx$/);
    await finance.locator('a[data-figure="overdue"]').click();
    await page.getByRole('heading', { name: 'Nhiệm vụ', exact: true }).waitFor();
    await page.getByText('1 nhiệm vụ').first().waitFor();
    await page.getByRole('link', { name: CONTENT[1]! }).waitFor();
    expect(await page.getByRole('link', { name: CONTENT[0]! }).count()).toBe(0);
    // The figure's filters are shown and can be cleared: without "overdue", both of the agency's tasks.
    await page.locator('[data-filter="counted"]').waitFor();
    await s.shot('drill-overdue');
    await page.locator('[data-filter="timeliness"] .ant-tag-close-icon').click();
    await page.getByText('2 nhiệm vụ').first().waitFor();
    expect(page.url()).not.toContain('timeliness');

    // The totals: the overdue card of the whole report.
    await page.goBack();
    await page.goBack();
    await page.locator('.report-table tr', { hasText: 'Sở Tài chính' }).waitFor();
    const card = page.locator('.report-summary a.stat-card', { hasText: 'Quá hạn chưa hoàn thành' });
    const total = (await card.locator('.stat-value').textContent())!.trim();
    expect(total).toBe('2');
    await card.click();
    await page.getByText(`${total} nhiệm vụ`).first().waitFor();

    // By month: the tasks were all assigned in January.
    await page.goBack();
    await page.getByRole('tab', { name: 'Theo tháng' }).click();
    const jan = page.locator('.report-table tr', { hasText: '01/2026' });
    await jan.waitFor();
    expect(await jan.locator('a[data-figure="assigned"]').textContent()).toBe('4');
    await s.shot('report-by-month');

    // The report as a spreadsheet: a background export with the page's parameters, followed in a
    // notification (held at its file's writing, so it is seen running) until its file is offered.
    const hold = holdExportFiles(e);
    await page.getByRole('button', { name: /Xuất Excel/ }).click();
    const notice = page.locator('.export-notice', { hasText: 'Báo cáo (Excel)' });
    await notice.locator('.ant-tag', { hasText: 'Đang tạo' }).waitFor();
    await notice.locator('.ant-progress-text', { hasText: '50%' }).waitFor();
    await s.shot('report-export-running');
    hold.release();
    await notice.locator('.ant-tag', { hasText: 'Đã xong' }).waitFor();
    await notice.getByText('Báo cáo theo tháng giao đến ngày 02-04-2026.xlsx').waitFor();
    expect(await notice.getByRole('progressbar').count()).toBe(0);
    await s.shot('report-export-done');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      notice.getByRole('link', { name: /Tải xuống/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Báo cáo theo tháng giao đến ngày 02-04-2026.xlsx');
    const file = `${SHOTS}/reports-a-download.xlsx`;
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ THEO THÁNG GIAO');
    expect(ws.getRow(5).getCell(2).value).toBe('Tháng giao');
    expect(ws.getRow(5).getCell(3).value).toBe('Số nhiệm vụ giao');
    expect([ws.getRow(6).getCell(2).value, ws.getRow(6).getCell(3).value]).toEqual(['01/2026', 4]);

    // The file stays in "my exports" for later.
    await page.getByRole('button', { name: 'Tệp xuất của tôi' }).click();
    const drawer = page.locator('.ant-drawer-content');
    await drawer.getByText('Báo cáo theo tháng giao đến ngày 02-04-2026.xlsx').waitFor();
    await drawer
      .getByRole('link', { name: /Tải xuống/ })
      .first()
      .waitFor();
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // A refused export says why, in the server's words: here, three of one's exports are still unfinished.
    const chief = e.h.fx.user.chief;
    for (let i = 0; i < 3; i++)
      await e.h.database.db.execute(
        sql`insert into jobs (kind, payload, status, run_at, created_by, created_at, updated_at)
            values ('export.report-docx', '{}'::jsonb, 'running', ${e.h.clock.now()}, ${chief},
                    ${e.h.clock.now()}, ${e.h.clock.now()})`,
      );
    await page.getByRole('button', { name: /Xuất Word/ }).click();
    await page
      .locator('.ant-message')
      .getByText('Bạn đang có 3 tệp xuất chưa xong: hãy chờ một tệp xong rồi xuất tiếp.')
      .waitFor();
    await s.shot('report-export-refused');
    await e.h.database.db.execute(sql`delete from jobs where created_by = ${chief} and payload = '{}'::jsonb`);
    await s.close();
  }, 120_000);

  it('(b) on a 390 px phone the table becomes cards and the charts stay', async () => {
    const s = await signIn(e, 'chairman', 'reports-b', PHONE);
    const { page } = s;
    await page.goto(`${e.base}/reports`);
    const card = page.locator('.report-card', { hasText: 'Sở Tài chính' });
    await card.waitFor();
    expect(await page.locator('.report-table').count()).toBe(0);
    // The charts are read once they come near the screen.
    await page.getByRole('heading', { name: 'Biểu đồ' }).scrollIntoViewIfNeeded();
    await page.locator('.report-charts svg').nth(2).waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await s.shot('report-phone');
    await card.locator('a[data-figure="doneOnTime"]').click();
    await page.getByText('1 nhiệm vụ').first().waitFor();
    await page.getByText(CONTENT[0]!).first().waitFor();

    // The first quarter's report as Word, from the phone: the buttons and the running export fit its width.
    await page.goto(`${e.base}/reports?period=2026-Q1`);
    await page.locator('.report-card', { hasText: 'Sở Tài chính' }).waitFor();
    const within = async (l: Locator) => {
      const b = (await l.boundingBox())!;
      return b.x >= 0 && b.x + b.width <= PHONE.width;
    };
    for (const name of [/Xuất Excel/, /Xuất Word/, /Tệp xuất của tôi/])
      expect(await within(page.getByRole('button', { name }))).toBe(true);
    const hold = holdExportFiles(e);
    await page.getByRole('button', { name: /Xuất Word/ }).click();
    const notice = page.locator('.export-notice', { hasText: 'Báo cáo (Word)' });
    await notice.locator('.ant-progress-text', { hasText: '50%' }).waitFor();
    // The notification slides in: its place is judged once it has settled.
    await expect.poll(() => within(notice), { timeout: 15_000 }).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await s.shot('report-export-running-phone');
    hold.release();
    const link = notice.getByRole('link', { name: /Tải xuống/ });
    await link.waitFor();
    // The notification slides in: its place is judged once it has settled.
    await expect.poll(() => within(notice), { timeout: 15_000 }).toBe(true);
    await s.shot('report-export-done-phone');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(
      'Báo cáo theo cơ quan, kỳ 01-01-2026 - 31-03-2026, đến ngày 02-04-2026.docx',
    );
    const file = `${SHOTS}/reports-b-download.docx`;
    await download.saveAs(file);
    const xml = await (await JSZip.loadAsync(fs.readFileSync(file))).file('word/document.xml')!.async('string');
    // The period went through the job: the quarter's four tasks, counted at the page's cut-off date.
    expect(xml).toContain('Trong quý I năm 2026, UBND tỉnh, Chủ tịch UBND tỉnh đã giao 4 nhiệm vụ.');
    expect(xml).toContain('Tính đến ngày 02/04/2026');
    await s.close();
  }, 120_000);

  it('(c) the published results: off, then on, reached without signing in', async () => {
    const visitor = await e.browser.newContext({ viewport: DESKTOP, locale: 'vi-VN' });
    let page = await visitor.newPage();
    await page.goto(`${e.base}/ket-qua`);
    await page.getByText('Chưa công khai kết quả thực hiện nhiệm vụ.').waitFor();
    await page.screenshot({ path: `${SHOTS}/reports-c-01-public-off.png`, fullPage: true });
    await page.goto(`${e.base}/`);
    await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
    expect(await page.getByRole('link', { name: 'Xem kết quả thực hiện nhiệm vụ công khai' }).count()).toBe(0);

    const admin = await signIn(e, 'admin', 'reports-c', DESKTOP);
    await admin.page.goto(`${e.base}/admin/settings`);
    await checkUntil(admin.page.getByLabel(/Công khai kết quả thực hiện nhiệm vụ/));
    await admin.page.getByRole('button', { name: 'Lưu' }).click();
    await admin.page.getByText('Đã lưu.').waitFor();
    await admin.shot('settings-public-on');
    await admin.close();

    await page.goto(`${e.base}/`);
    await page.getByRole('link', { name: 'Xem kết quả thực hiện nhiệm vụ công khai' }).click();
    await page.getByRole('heading', { name: 'Kết quả thực hiện nhiệm vụ' }).waitFor();
    await page.getByText('Quý I/2026').first().waitFor();
    const finance = page.locator('.report-table tr', { hasText: 'Sở Tài chính' });
    await finance.waitFor();
    await expect.poll(() => finance.locator('td').allTextContents()).toContain('50,00 %');
    for (const text of CONTENT) expect(await page.getByText(text).count()).toBe(0);
    expect(await page.getByText('12/TB-UBND').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/reports-c-02-public-on.png`, fullPage: true });
    await page.close();

    const phone = await e.browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    page = await phone.newPage();
    await page.goto(`${e.base}/ket-qua`);
    await page.locator('.report-card', { hasText: 'Sở Tài chính' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/reports-c-03-public-phone.png`, fullPage: true });
    await phone.close();
    await visitor.close();
  }, 120_000);
});
