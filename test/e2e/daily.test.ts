/**
 * Everyday use in Chromium: registration with a duplicate warning (Enter does not send the form), the Office
 * lead correcting a deadline with a reason, splitting a task into subtasks shown by code, reopening an
 * accepted task, a Vice-Chairman's to-do of extension decisions, lists that fit at 1366 px, the main
 * pages at 390 px without widening the page, and an agency merger whose hand-over goes on in the background
 * (batches of 2 tasks here, ADR 0024).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { registerDocument } from '../helpers/harness.js';
import { failureShot, HAVE_CHROMIUM, PHONE, signIn, startE2E, typeDate, type E2E } from './browser.js';

/** Chooses an option of a Select inside a dialog (no Escape afterwards: it would close the dialog). */
async function pick(page: Page, select: Locator, option: string) {
  await select.click();
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();
  await dropdown.locator('.ant-select-item-option', { hasText: option }).first().click();
  await dropdown.waitFor({ state: 'hidden' });
}

const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

describe.skipIf(!HAVE_CHROMIUM && !process.env.CI)('everyday use in Chromium', () => {
  let e: E2E;
  let taskId = 0;

  beforeAll(async () => {
    e = await startE2E('2026-03-02 09:00', { env: { MERGER_BATCH: '2' } });
    const { taskIds } = await registerDocument(
      e.h,
      'spec1',
      [
        {
          content:
            'Sở Tài chính chủ trì, phối hợp các sở, ngành rà soát, tổng hợp nhu cầu vốn đầu tư công trung hạn giai đoạn 2026–2030, đề xuất phương án phân bổ, báo cáo UBND tỉnh trước kỳ họp Hội đồng nhân dân tỉnh cuối năm',
          leadAgencyId: e.h.fx.agency.finance,
          deadlineKind: 'fixed',
          deadline: '2026-04-30',
          leaderId: e.h.fx.leader.vice,
        },
      ],
      { numberText: '77/TB-UBND' },
    );
    taskId = taskIds[0]!;
  }, 120_000);
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await failureShot(`daily-${ctx.task.name.slice(0, 3)}`);
  });
  afterAll(async () => {
    await e?.close();
  }, 120_000);

  it('(1) a number already registered this year asks first; Enter in a field does not send the form', async () => {
    const s = await signIn(e, 'spec1', 'daily-1');
    const { page } = s;
    await page.goto(`${e.base}/documents/new`);
    await page.getByRole('heading', { name: 'Đăng ký văn bản' }).waitFor();
    await page.getByLabel('Số, ký hiệu').fill('77/TB-UBND');
    await typeDate(page, page.getByLabel('Ngày ban hành'), '05/03/2026');
    await page.getByLabel('Trích yếu').fill('Thông báo kết luận giao ban');
    await page.getByLabel('Nội dung', { exact: true }).fill('Sở Y tế kiểm tra an toàn thực phẩm');
    // The agency picker finds "Sở Tài chính" typed without diacritics, and by its short name.
    const lead = page.getByLabel('Cơ quan chủ trì', { exact: true });
    await lead.click();
    await lead.fill('so tai chinh');
    const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();
    await dropdown.locator('.ant-select-item-option', { hasText: 'Sở Tài chính' }).waitFor();
    await lead.fill('STC');
    await dropdown.locator('.ant-select-item-option', { hasText: 'Sở Tài chính' }).click();
    await typeDate(page, page.getByLabel('Thời hạn', { exact: true }), '30/04/2026');
    // Enter in a one-line field: the form stays, nothing is registered.
    await page.getByLabel('Số, ký hiệu').press('Enter');
    expect(await page.locator('.ant-modal-confirm').count()).toBe(0);
    await page.getByRole('heading', { name: 'Đăng ký văn bản' }).waitFor();
    await page.getByRole('button', { name: 'Đăng ký và giao nhiệm vụ' }).click();
    const question = page.locator('.ant-modal-confirm');
    await question.locator('.ant-modal-confirm-title', { hasText: 'Số, ký hiệu đã được đăng ký' }).waitFor();
    await question.locator('.ant-modal-confirm-content', { hasText: /77\/TB-UBND.*đã được đăng ký/ }).waitFor();
    await s.shot('duplicate-question');
    await question.getByRole('button', { name: 'Hủy' }).click();
    await page.getByRole('heading', { name: 'Đăng ký văn bản' }).waitFor();
    const before = (await (await e.h.as('spec1')).get('/api/documents?q=77/TB-UBND')).body.total;
    expect(before).toBe(1);
    await page.getByRole('button', { name: 'Đăng ký và giao nhiệm vụ' }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: 'Vẫn đăng ký (văn bản khác)' }).click();
    await page.getByRole('heading', { name: /77\/TB-UBND/ }).waitFor();
    await s.shot('registered-anyway');
    expect((await (await e.h.as('spec1')).get('/api/documents?q=77/TB-UBND')).body.total).toBe(2);
    await s.close();
  }, 120_000);

  it('(2) the Office lead corrects a deadline with a reason, apart from extensions', async () => {
    const s = await signIn(e, 'chief', 'daily-2');
    const { page } = s;
    await page.goto(`${e.base}/tasks/${taskId}`);
    await page.getByRole('button', { name: 'Sửa nhiệm vụ' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('đính chính sai sót lúc vào sổ', { exact: false }).waitFor();
    await typeDate(page, dialog.getByLabel('Thời hạn ban đầu'), '15/05/2026');
    await dialog.getByLabel('Lý do').fill('Vào sổ nhầm ngày so với thông báo kết luận.');
    await s.shot('edit-deadline');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('15/05/2026').first().waitFor();
    await page.getByRole('tab', { name: 'Diễn biến' }).click();
    await page.getByText('Đính chính thời hạn ban đầu (sai sót khi vào sổ)').first().waitFor();
    await s.shot('deadline-corrected');
    const t = (await (await e.h.as('chief')).get(`/api/tasks/${taskId}`)).body;
    expect(t.deadline).toBe('2026-05-15');
    expect(t.extensionCount).toBe(0);
    expect(t.originalDeadlineCorrections).toBe(1);
    await s.close();
  }, 120_000);

  it('(3) a specialist splits a task into subtasks, shown by code', async () => {
    const s = await signIn(e, 'spec1', 'daily-3');
    const { page } = s;
    await page.goto(`${e.base}/tasks/${taskId}`);
    await page.getByRole('button', { name: 'Tách nhiệm vụ con' }).click();
    const dialog = page.getByRole('dialog');
    await pick(page, dialog.getByLabel('Cơ quan chủ trì', { exact: true }).nth(0), 'Sở Tài chính');
    await pick(page, dialog.getByLabel('Cơ quan chủ trì', { exact: true }).nth(1), 'Sở Xây dựng');
    await s.shot('split-form');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await page.getByRole('tab', { name: /Nhiệm vụ con \(2\)/ }).click();
    const sub = page
      .getByRole('tabpanel')
      .getByRole('link', { name: /^NV-2026-/ })
      .nth(1);
    const code = await sub.textContent();
    await s.shot('subtasks');
    await sub.click();
    await page.getByRole('heading', { name: new RegExp(code!) }).waitFor();
    const parentCode = (await (await e.h.as('spec1')).get(`/api/tasks/${taskId}`)).body.code;
    await page.getByRole('link', { name: parentCode, exact: true }).waitFor();
    await s.shot('subtask-page');
    await s.close();
  }, 120_000);

  it('(4) the Vice-Chairman’s home lists the extension request waiting for her', async () => {
    const fin = await e.h.as('fin_staff');
    const t = (await fin.get(`/api/tasks/${taskId}`)).body;
    const r = await fin.post(`/api/tasks/${taskId}/extensions`, {
      version: t.version,
      requestedDeadline: '2026-06-30',
      reason: 'Chờ số liệu của các huyện.',
    });
    expect(r.status).toBe(200);
    const s = await signIn(e, 'vice', 'daily-4');
    const { page } = s;
    await page.getByRole('heading', { name: 'Đề nghị gia hạn chờ bạn quyết định (1)' }).waitFor();
    await s.shot('leader-todo');
    await page
      .getByRole('link', { name: /Sở Tài chính chủ trì/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Quyết định gia hạn' }).waitFor();
    await s.close();
  }, 120_000);

  it('(5) the Office lead reopens an accepted task with a reason', async () => {
    const { taskIds } = await registerDocument(
      e.h,
      'spec1',
      [
        {
          content: 'Báo cáo kết quả thu ngân sách quý I',
          leadAgencyId: e.h.fx.agency.finance,
          deadlineKind: 'fixed',
          deadline: '2026-03-31',
        },
      ],
      { numberText: '78/TB-UBND' },
    );
    const id = taskIds[0]!;
    const fin = await e.h.as('fin_staff');
    const spec = await e.h.as('spec1');
    let t = (await fin.get(`/api/tasks/${id}`)).body;
    t = (await fin.post(`/api/tasks/${id}/reports`, { version: t.version, kind: 'completion', content: 'Đã báo cáo' }))
      .body;
    t = (await spec.post(`/api/tasks/${id}/review`, { version: t.version, decision: 'accept' })).body;
    expect(t.status).toBe('done');
    const s = await signIn(e, 'chief', 'daily-5');
    const { page } = s;
    await page.goto(`${e.base}/tasks/${id}`);
    await page.getByRole('button', { name: 'Mở lại nhiệm vụ' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Lý do').fill('Số liệu chưa khớp với Kho bạc.');
    await s.shot('reopen-form');
    await dialog.getByRole('button', { name: 'Mở lại nhiệm vụ' }).click();
    await page.locator('.ant-tag', { hasText: 'Đang thực hiện' }).first().waitFor();
    await s.shot('reopened');
    expect((await spec.get(`/api/tasks/${id}`)).body.status).toBe('in_progress');
    await s.close();
  }, 120_000);

  it('(6) at 1366 px the task list shows its main columns without scrolling sideways', async () => {
    const s = await signIn(e, 'spec1', 'daily-6');
    const { page } = s;
    await page.goto(`${e.base}/tasks`);
    await page.locator('.task-table tbody tr.ant-table-row').first().waitFor();
    for (const h of ['Mã', 'Nội dung', 'Cơ quan chủ trì', 'Thời hạn', 'Trạng thái', 'Tình hình thực hiện'])
      await expect(page.locator('.task-table thead th', { hasText: h }).first().isVisible()).resolves.toBe(true);
    const overflow = await page.evaluate(() => {
      const el = document.querySelector('.task-table .ant-table-content, .task-table .ant-table-body');
      return el ? el.scrollWidth - el.clientWidth : -1;
    });
    expect(overflow).toBe(0);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(1366);
    await s.shot('task-list-1366');
    await s.close();
  }, 120_000);

  it('(6b) a filtered task list is saved under a name and opened again from the saved views', async () => {
    const s = await signIn(e, 'spec1', 'daily-6b');
    const { page } = s;
    await page.goto(`${e.base}/tasks?timeliness=overdue`);
    await page.getByRole('button', { name: 'Lưu bộ lọc' }).click();
    const dialog = page.getByRole('dialog');
    // A name is required: the dialog says so and stays open.
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.getByText('Hãy nhập tên bộ lọc.').waitFor();
    await dialog.getByLabel('Tên bộ lọc').fill('Quá hạn của tôi');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'detached' });
    const saved = (await (await e.h.as('spec1')).get('/api/views?kind=tasks')).body.items;
    expect(saved).toEqual([expect.objectContaining({ name: 'Quá hạn của tôi', query: { timeliness: 'overdue' } })]);
    await page.goto(`${e.base}/tasks`);
    await page.getByRole('combobox', { name: 'Bộ lọc đã lưu' }).click();
    await page.locator('.ant-select-item-option', { hasText: 'Quá hạn của tôi' }).click();
    await page.waitForURL(/timeliness=overdue/);
    // A background export of the list shows in "my exports", read again until it is done.
    const job = await (await e.h.as('spec1')).post('/api/exports', { kind: 'tasks', query: {} });
    expect(job.status).toBe(202);
    await page.getByRole('button', { name: 'Tệp xuất của tôi' }).click();
    const drawer = page.locator('.ant-drawer-content');
    await drawer.locator('.ant-tag', { hasText: 'Đã xong' }).waitFor();
    await drawer.getByRole('link', { name: /Tải/ }).first().waitFor();
    await s.close();
  }, 120_000);

  it('(6c) the deadline calendar shows the month in its address, and the next one', async () => {
    const s = await signIn(e, 'fin_staff', 'daily-6c');
    const { page } = s;
    const asked = (month: string) =>
      page.waitForResponse((r) => r.url().includes('/api/tasks/calendar') && r.url().includes(`month=${month}`));
    const april = asked('2026-04');
    await page.goto(`${e.base}/calendar?month=2026-04`);
    // The month of the address is the one asked for (it once stayed on the current month).
    expect(((await (await april).json()) as { month: string }).month).toBe('2026-04');
    const may = asked('2026-05');
    await page.getByRole('button', { name: 'Tháng sau' }).click();
    await may;
    await page.waitForURL(/month=2026-05/);
    await s.shot('calendar-may');
    await s.close();
  }, 120_000);

  it('(7) at 390 px no main page is wider than the phone', async () => {
    const s = await signIn(e, 'spec1', 'daily-7', PHONE);
    const { page } = s;
    const docs = (await (await e.h.as('spec1')).get('/api/documents')).body.items;
    for (const [name, path] of [
      ['home', '/'],
      ['tasks', '/tasks'],
      ['documents', '/documents'],
      ['document', `/documents/${docs[0].id}`],
      ['task', `/tasks/${taskId}`],
      ['calendar', '/calendar?month=2026-05'],
      ['new-document', '/documents/new'],
      ['profile', '/profile'],
    ] as const) {
      await page.goto(`${e.base}${path}`);
      await page.locator('.page-head h1').first().waitFor();
      await s.shot(`phone-${name}`);
      expect({ name, width: await scrollWidth(page) }).toEqual({ name, width: 390 });
    }
    await s.close();
  }, 180_000);
  it('(8) the admin merges an agency; its notice follows the hand-over to the end', async () => {
    const admin = await e.h.as('admin');
    const a = await admin.post('/api/agencies', {
      code: 'SKHCN',
      name: 'Sở Khoa học và Công nghệ',
      shortName: 'Sở KH&CN',
      kind: 'department',
      validFrom: '2020-01-01',
    });
    expect(a.status).toBe(201);
    const task = (n: number) => ({
      content: `Nhiệm vụ khoa học số ${n}`,
      leadAgencyId: a.body.id,
      deadlineKind: 'fixed',
      deadline: '2026-06-30',
    });
    const { taskIds } = await registerDocument(e.h, 'spec1', [1, 2, 3, 4, 5].map(task), { numberText: '79/TB-UBND' });
    const s = await signIn(e, 'admin', 'daily-8');
    const { page } = s;
    await page.goto(`${e.base}/admin/agencies`);
    await page.getByPlaceholder('Tìm kiếm').fill('Khoa học và Công nghệ');
    const row = page.getByRole('row').filter({ hasText: 'Sở Khoa học và Công nghệ' });
    await row.getByRole('button', { name: 'Sáp nhập vào…' }).click();
    const dialog = page.getByRole('dialog');
    await pick(page, dialog.getByLabel('Cơ quan kế thừa'), 'Sở Tài chính');
    await s.shot('merge-form');
    await dialog.getByRole('button', { name: 'Sáp nhập vào…' }).click();
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    // Two tasks move with the request; the job moves the other three, and the notice says when it is done.
    const notice = page.locator('.handover-status');
    await notice.waitFor();
    await page.locator('.handover-status[data-status="done"]').waitFor({ timeout: 60_000 });
    await expect.poll(() => notice.innerText()).toContain('Đã chuyển 5 nhiệm vụ sang cơ quan kế thừa.');
    await s.shot('handed-over');
    await expect.poll(() => row.innerText()).toMatch(/Đang hoạt động đến hết \d{2}\/\d{2}\/\d{4} → STC/);
    expect(await row.getByRole('button', { name: 'Sáp nhập vào…' }).count()).toBe(0);
    const spec = await e.h.as('spec1');
    for (const id of taskIds)
      expect((await spec.get(`/api/tasks/${id}`)).body.leadAgency.id).toBe(e.h.fx.agency.finance);
    await s.close();
  }, 120_000);
});
