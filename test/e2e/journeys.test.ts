/**
 * Issue 3's journeys in Debian's Chromium, one after another on one server (each builds on the last):
 * (a) a specialist registers a document with three tasks for three agencies; (b) an agency officer sees
 * only its agency's tasks and reports completion with a file; (c) the specialist returns it with a
 * reason, the agency reports again, the specialist accepts; (d) the agency asks for an extension and the
 * assigning leader approves it; (e) a leader follows an overdue count on the home page to the tasks
 * behind it; (f) journey (b) on a 390 px phone.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  choose,
  checkUntil,
  failureShot,
  HAVE_CHROMIUM,
  PHONE,
  samplePdf,
  signIn,
  startE2E,
  typeDate,
  type E2E,
} from './browser.js';

if (!HAVE_CHROMIUM && !process.env.CI)
  console.warn('[e2e] Chromium is not installed at /usr/bin/chromium: the end-to-end journeys are skipped.');

const CONTENT = {
  finance: 'Sở Tài chính tham mưu phương án bố trí vốn đầu tư công năm 2026',
  construction: 'Sở Xây dựng rà soát quy hoạch chung đô thị và báo cáo UBND tỉnh',
  district: 'UBND huyện Đông Hải hoàn thành giải phóng mặt bằng dự án đường ven biển',
};

describe.skipIf(!HAVE_CHROMIUM && !process.env.CI)('web journeys in Chromium', () => {
  let e: E2E;
  const ids: Record<keyof typeof CONTENT, number> = { finance: 0, construction: 0, district: 0 };

  beforeAll(async () => {
    e = await startE2E('2026-03-02 09:00');
  }, 120_000);
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await failureShot(ctx.task.name.slice(0, 3));
  });
  afterAll(async () => {
    await e?.close();
  }, 120_000);

  it('(a) a specialist registers a document with three tasks for three agencies', async () => {
    const s = await signIn(e, 'spec1', 'a');
    const { page } = s;
    await s.shot('home-office');
    await page.getByRole('menu').getByRole('link', { name: 'Văn bản chỉ đạo', exact: true }).click();
    await page.getByRole('heading', { name: 'Văn bản chỉ đạo, điều hành' }).waitFor();
    await s.shot('documents-empty');
    await page.getByRole('button', { name: 'Đăng ký văn bản' }).first().click();
    await page.getByRole('heading', { name: 'Đăng ký văn bản' }).waitFor();

    await page.getByLabel('Số, ký hiệu').fill('125/TB-UBND');
    await typeDate(page, page.getByLabel('Ngày ban hành'), '02/03/2026');
    await page.getByLabel('Trích yếu').fill('Kết luận của Chủ tịch UBND tỉnh tại cuộc họp giao ban tháng 3 năm 2026');
    await choose(page, page.getByLabel('Người ký'), 'Hoàng Văn Chủ Tịch');

    const tasks: [keyof typeof CONTENT, string, string][] = [
      ['finance', 'Sở Tài chính', '30/04/2026'],
      ['construction', 'Sở Xây dựng', '15/05/2026'],
      ['district', 'UBND huyện Đông Hải', '10/03/2026'],
    ];
    for (const [i, [key, agency, due]] of tasks.entries()) {
      if (i > 0) await page.getByRole('button', { name: 'Thêm nhiệm vụ' }).click();
      await page.getByLabel('Nội dung', { exact: true }).nth(i).fill(CONTENT[key]);
      await choose(page, page.getByLabel('Cơ quan chủ trì', { exact: true }).nth(i), agency);
      await typeDate(page, page.getByLabel('Thời hạn', { exact: true }).nth(i), due);
    }
    await choose(page, page.getByLabel('Cơ quan phối hợp', { exact: true }).nth(0), 'Sở Xây dựng');
    await s.shot('register-form');
    await page.getByRole('button', { name: 'Đăng ký và giao nhiệm vụ' }).click();

    await page.getByRole('heading', { name: /125\/TB-UBND/ }).waitFor();
    for (const text of Object.values(CONTENT)) await page.getByRole('link', { name: text }).waitFor();
    await s.shot('document-page');
    for (const key of Object.keys(CONTENT) as (keyof typeof CONTENT)[]) {
      const href = await page.getByRole('link', { name: CONTENT[key] }).getAttribute('href');
      ids[key] = Number(href?.split('/').pop());
    }
    expect(Object.values(ids).every((x) => x > 0)).toBe(true);

    await page.getByRole('menu').getByRole('link', { name: 'Nhiệm vụ', exact: true }).click();
    await page.getByText('3 nhiệm vụ').first().waitFor();
    await s.shot('task-list');
    await s.close();
  }, 120_000);

  it('(b) an agency officer sees only its agency’s tasks and reports completion with a file', async () => {
    const s = await signIn(e, 'fin_staff', 'b');
    const { page } = s;
    await s.shot('home-agency');
    await page.getByRole('menu').getByRole('link', { name: 'Nhiệm vụ', exact: true }).click();
    await page.getByText('1 nhiệm vụ').first().waitFor();
    expect(await page.getByText(CONTENT.construction).count()).toBe(0);
    expect(await page.getByText(CONTENT.district).count()).toBe(0);
    await s.shot('task-list-agency');
    await page.getByRole('link', { name: CONTENT.finance }).click();
    await page.getByRole('button', { name: 'Báo cáo hoàn thành' }).click();
    const dialog = page.getByRole('dialog');
    await dialog
      .getByLabel('Nội dung báo cáo')
      .fill('Đã trình UBND tỉnh phương án bố trí vốn tại Tờ trình số 45/TTr-STC.');
    await dialog.getByLabel('Số, ký hiệu văn bản báo cáo (nếu có)').fill('45/TTr-STC');
    await dialog.locator('input[type=file]').setInputFiles(samplePdf('to-trinh-45.pdf'));
    await dialog.getByText('to-trinh-45.pdf').waitFor();
    await s.shot('report-form');
    await dialog.getByRole('button', { name: 'Gửi' }).click();
    await page.getByRole('link', { name: /to-trinh-45\.pdf/ }).waitFor();
    await page.locator('.ant-tag', { hasText: 'Chờ xác nhận' }).first().waitFor();
    await s.shot('task-reported');
    await s.close();
  }, 120_000);

  it('(c) the specialist returns it with a reason, the agency reports again, the specialist accepts', async () => {
    const spec = await signIn(e, 'spec1', 'c');
    await spec.page.getByRole('heading', { name: /Xin chào/ }).waitFor();
    await spec.page.getByRole('link', { name: CONTENT.finance }).first().waitFor();
    await spec.shot('home-waiting-review');
    await spec.page.goto(`${e.base}/tasks/${ids.finance}`);
    await spec.page.getByRole('button', { name: 'Xác nhận kết quả' }).click();
    // The action's answer is the task as it now is: the page shows it without reading the task again.
    const taskPath = `/api/tasks/${ids.finance}`;
    const calls: string[] = [];
    spec.page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith(taskPath)) calls.push(`${r.method()} ${u.pathname}`);
    });
    let dialog = spec.page.getByRole('dialog');
    await checkUntil(dialog.getByLabel('Trả lại', { exact: true }));
    await dialog.getByLabel('Lý do trả lại').fill('Thiếu bảng tổng hợp nguồn vốn theo từng dự án.');
    await spec.shot('return-form');
    await dialog.getByRole('button', { name: 'Gửi' }).click();
    await spec.page.getByText('Trả lại: Thiếu bảng tổng hợp nguồn vốn theo từng dự án.').waitFor();
    await spec.page.waitForLoadState('networkidle');
    expect(calls).toContain(`POST ${taskPath}/review`);
    expect(calls).not.toContain(`GET ${taskPath}`);
    // What depends on the task is read again: its history.
    expect(calls).toContain(`GET ${taskPath}/history`);
    await spec.shot('returned');

    const agency = await signIn(e, 'fin_staff', 'c-agency');
    await agency.page.getByText('Báo cáo bị trả lại').first().waitFor();
    await agency.shot('home-returned');
    await agency.page.goto(`${e.base}/tasks/${ids.finance}`);
    await agency.page.getByRole('button', { name: 'Báo cáo hoàn thành' }).click();
    dialog = agency.page.getByRole('dialog');
    await dialog.getByLabel('Nội dung báo cáo').fill('Đã bổ sung bảng tổng hợp nguồn vốn theo từng dự án.');
    await dialog.getByRole('button', { name: 'Gửi' }).click();
    await agency.page.locator('.ant-tag', { hasText: 'Chờ xác nhận' }).first().waitFor();
    await agency.close();

    await spec.page.reload();
    await spec.page.getByRole('button', { name: 'Xác nhận kết quả' }).click();
    dialog = spec.page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Gửi' }).click();
    await spec.page.locator('.ant-modal-confirm').getByRole('button', { name: 'Xác nhận' }).click();
    await spec.page.locator('.ant-tag', { hasText: 'Hoàn thành đúng hạn' }).first().waitFor();
    await spec.page.getByRole('tab', { name: 'Diễn biến' }).click();
    await spec.page.getByText('Xác nhận hoàn thành').first().waitFor();
    await spec.shot('accepted-timeline');
    await spec.close();
  }, 120_000);

  it('(d) the agency asks for an extension and the assigning leader approves it', async () => {
    const agency = await signIn(e, 'con_staff', 'd');
    await agency.page.goto(`${e.base}/tasks/${ids.construction}`);
    await agency.page.getByRole('button', { name: 'Đề nghị gia hạn' }).click();
    const dialog = agency.page.getByRole('dialog');
    await typeDate(agency.page, dialog.getByLabel('Thời hạn đề nghị'), '30/05/2026');
    await dialog.getByLabel('Lý do').fill('Chờ ý kiến thẩm định của Bộ Xây dựng.');
    await agency.shot('extension-form');
    await dialog.getByRole('button', { name: 'Gửi' }).click();
    await agency.page.locator('.ant-tag', { hasText: 'Đề nghị gia hạn chờ quyết định' }).waitFor();
    await agency.shot('extension-requested');
    await agency.close();

    const leader = await signIn(e, 'chairman', 'd-leader');
    await leader.shot('home-leader');
    await leader.page.goto(`${e.base}/tasks/${ids.construction}`);
    await leader.page.getByRole('button', { name: 'Quyết định gia hạn' }).click();
    const d2 = leader.page.getByRole('dialog');
    await d2.getByText('30/05/2026').first().waitFor();
    await d2.getByRole('button', { name: 'Gửi' }).click();
    await leader.page.locator('.kv').getByText('30/05/2026').waitFor();
    await leader.page.getByRole('tab', { name: /Gia hạn/ }).click();
    await leader.page.getByText('Đã đồng ý').first().waitFor();
    await leader.shot('extension-approved');
    await leader.close();
  }, 120_000);

  it('(e) a leader follows an overdue count on the home page to the tasks behind it', async () => {
    e.h.clock.set('2026-03-20 09:00');
    const s = await signIn(e, 'chairman', 'e');
    const { page } = s;
    const card = page.getByRole('link', { name: /Nhiệm vụ quá hạn/ });
    await card.getByText('1', { exact: true }).waitFor();
    await s.shot('home-overdue');
    await card.click();
    await page.getByText('1 nhiệm vụ').first().waitFor();
    await page.getByRole('link', { name: CONTENT.district }).waitFor();
    expect(page.url()).toContain('timeliness=overdue');
    expect(await page.getByRole('link', { name: CONTENT.construction }).count()).toBe(0);
    await s.shot('overdue-list');
    await page.getByRole('button', { name: 'Ngôn ngữ' }).click();
    await page.getByText('Overdue').first().waitFor();
    await s.shot('overdue-list-en');
    await page.getByRole('button', { name: 'Language' }).click();
    await page.getByRole('menu').getByRole('link', { name: 'Lịch hạn xử lý', exact: true }).click();
    await page.getByRole('heading', { name: 'Lịch hạn xử lý nhiệm vụ' }).waitFor();
    await s.shot('calendar');
    await s.close();
  }, 120_000);

  it('(f) on a 390 px phone an agency officer sees only its tasks and reports completion with a file', async () => {
    const s = await signIn(e, 'con_staff', 'f', PHONE);
    const { page } = s;
    await s.shot('home-phone');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await page.getByRole('button', { name: 'Trình đơn' }).click();
    await page.getByRole('menu').getByRole('link', { name: 'Nhiệm vụ', exact: true }).click();
    // Its own task, and the Finance task it coordinates on; never the district's.
    await page.getByText('2 nhiệm vụ').first().waitFor();
    expect(await page.getByText(CONTENT.district).count()).toBe(0);
    await s.shot('task-list-phone');
    await page.getByRole('link', { name: new RegExp(CONTENT.construction) }).click();
    await page.getByRole('button', { name: 'Báo cáo hoàn thành' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Nội dung báo cáo').fill('Đã hoàn thành rà soát quy hoạch chung đô thị, gửi kèm báo cáo.');
    await dialog.locator('input[type=file]').setInputFiles(samplePdf('bao-cao-ra-soat.pdf'));
    await s.shot('report-form-phone');
    await dialog.getByRole('button', { name: 'Gửi' }).click();
    await page.getByRole('link', { name: /bao-cao-ra-soat\.pdf/ }).waitFor();
    await s.shot('task-reported-phone');
    const w2 = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(w2).toBeLessThanOrEqual(PHONE.width);
    await s.close();
  }, 120_000);

  it('(g) registering a deadline already past asks first, and records it only when confirmed', async () => {
    const s = await signIn(e, 'spec1', 'g'); // the clock is on 20/03/2026 since (e)
    const { page } = s;
    await page.goto(`${e.base}/documents/new`);
    await page.getByRole('heading', { name: 'Đăng ký văn bản' }).waitFor();
    await page.getByLabel('Số, ký hiệu').fill('130/TB-UBND');
    await typeDate(page, page.getByLabel('Ngày ban hành'), '02/03/2026');
    await page.getByLabel('Trích yếu').fill('Kết luận tại cuộc họp về giải ngân vốn');
    await page.getByLabel('Nội dung', { exact: true }).fill('Báo cáo tiến độ giải ngân tháng 2');
    await choose(page, page.getByLabel('Cơ quan chủ trì', { exact: true }), 'Sở Tài chính');
    await typeDate(page, page.getByLabel('Thời hạn', { exact: true }), '10/03/2026');
    await page.getByRole('button', { name: 'Đăng ký và giao nhiệm vụ' }).click();
    const ask = page.getByRole('dialog').filter({ hasText: 'Thời hạn đã qua' });
    await ask.getByText('Thời hạn 2026-03-10 đã qua (hôm nay 2026-03-20)').waitFor();
    await s.shot('past-deadline-question');
    await ask.getByRole('button', { name: 'Hủy' }).click();
    // Not confirmed: nothing is registered, the form says which deadline.
    await page
      .getByRole('alert')
      .getByText(/Thời hạn 2026-03-10 đã qua/)
      .waitFor();
    expect(page.url()).toContain('/documents/new');
    await page.getByRole('button', { name: 'Đăng ký và giao nhiệm vụ' }).click();
    await page
      .getByRole('dialog')
      .filter({ hasText: 'Thời hạn đã qua' })
      .getByRole('button', { name: 'Vẫn ghi thời hạn này' })
      .click();
    await page.getByRole('heading', { name: /130\/TB-UBND/ }).waitFor();
    await page.getByRole('link', { name: 'Báo cáo tiến độ giải ngân tháng 2' }).waitFor();
    await s.shot('past-deadline-registered');
    await s.close();
  }, 120_000);

  it('(h) the administrator sees that the 2027 calendar is provisional', async () => {
    const s = await signIn(e, 'admin', 'h');
    const { page } = s;
    await page.goto(`${e.base}/admin/calendar`);
    await page.getByRole('heading', { name: 'Lịch làm việc' }).waitFor();
    // The page opens on the browser's year: step to 2027.
    for (let i = 0; i < 40; i++) {
      const shown = Number(
        await page
          .locator('strong')
          .filter({ hasText: /^\d{4}$/ })
          .first()
          .textContent(),
      );
      if (shown === 2027) break;
      await page.getByRole('button', { name: String(shown < 2027 ? shown + 1 : shown - 1), exact: true }).click();
      await page
        .locator('strong')
        .filter({ hasText: String(shown < 2027 ? shown + 1 : shown - 1) })
        .first()
        .waitFor();
    }
    await page
      .getByRole('status')
      .getByText(/Lịch năm 2027 là tạm tính/)
      .waitFor();
    await s.shot('calendar-provisional');
    await page.getByRole('button', { name: '2026', exact: true }).click();
    await page.getByText(/Căn cứ: Công văn 12729\/VPCP-KGVX/).waitFor();
    expect(await page.getByText(/là tạm tính/).count()).toBe(0);
    await s.close();
  }, 120_000);
});
