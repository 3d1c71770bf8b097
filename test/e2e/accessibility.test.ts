/**
 * Accessibility of the main pages: axe-core (node_modules/axe-core, injected into the page) on the sign-in
 * page, the home page of every role (Office specialist, Vice-Chairman, agency officer, admin), the task list
 * and a task, the documents and a document, registration, the deadline calendar, reports, notifications,
 * the profile, the admin pages and the published results — at 1366 px and on a 390 px phone. Any `serious`
 * or `critical` violation fails the test, each printed with its page, rule, elements and what to fix.
 */
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { registerDocument } from '../helpers/harness.js';
import {
  DESKTOP,
  failureShot,
  HAVE_CHROMIUM,
  holdExportFiles,
  PHONE,
  SHOTS,
  signIn,
  startE2E,
  type E2E,
} from './browser.js';

const AXE = path.resolve('node_modules/axe-core/axe.min.js');

/**
 * Elements of third-party widgets (antd) a rule flags although nothing is wrong for a person using the page:
 * each is skipped only where it matches its selector, with why. The app's own markup is fixed instead.
 */
const THIRD_PARTY: { rule: string; selector: string; reason: string }[] = [
  {
    rule: 'aria-allowed-attr',
    selector: '.ant-select[aria-required="true"]:has(input[role="combobox"][aria-required="true"])',
    reason:
      'antd Form.Item gives a required Select aria-required on its wrapper <div> as well as on its combobox input, where it is announced; the copy on the wrapper is ignored by assistive technology',
  },
  {
    rule: 'aria-hidden-focus',
    selector: 'tr.ant-table-measure-row[aria-hidden="true"][tabindex="-1"]',
    reason:
      'antd measures the columns of a scrolling table with a hidden, empty row that has tabindex=-1: never in the tab order, nothing to reach or announce',
  },
  {
    rule: 'color-contrast',
    selector: '.ant-select-disabled .ant-select-selection-item',
    reason:
      'the value shown in a disabled antd Select: WCAG 1.4.3 exempts inactive controls, and axe cannot tell because antd marks only the inner input as disabled',
  },
];

interface Found {
  page: string;
  rule: string;
  impact: string;
  help: string;
  url: string;
  nodes: { target: string; html: string; summary: string }[];
}

/** Waits until the page has stopped loading: no request in flight, no spinner, no skeleton. */
async function settle(page: Page) {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForFunction(
    () => !document.querySelector('.ant-spin-spinning, .ant-skeleton-active, .ant-skeleton'),
    undefined,
    { timeout: 20_000 },
  );
}

/** Runs axe on the page as it is; returns the serious and critical violations. */
async function audit(page: Page, name: string, shot = true): Promise<Found[]> {
  await settle(page);
  // Transitions off, so that colours are read at their final values (an element fading in is not a contrast fault).
  await page.addStyleTag({
    content: '*, *::before, *::after { transition: none !important; animation: none !important; }',
  });
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  if (shot) await page.screenshot({ path: path.join(SHOTS, `a11y-${name}.png`), fullPage: true });
  const known = THIRD_PARTY.map(({ rule, selector }) => ({ rule, selector }));
  const violations = await page.evaluate(async (known) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<any> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    const skipped = (rule: string, target: unknown[]) => {
      const el = typeof target[0] === 'string' ? document.querySelector(target[0]) : null;
      return !!el && known.some((k) => k.rule === rule && el.matches(k.selector));
    };
    return (r.violations as any[]).map((v) => ({
      rule: v.id as string,
      impact: (v.impact ?? '') as string,
      help: `${v.help} (${v.helpUrl})`,
      nodes: (v.nodes as any[])
        .filter((n) => !skipped(v.id, n.target))
        .map((n) => ({
          target: (n.target as unknown[]).map(String).join(' '),
          html: String(n.html).slice(0, 200),
          summary: String(n.failureSummary ?? '').replace(/\s+/g, ' '),
        })),
    }));
  }, known);
  return violations
    .filter((v) => (v.impact === 'serious' || v.impact === 'critical') && v.nodes.length > 0)
    .map((v) => ({ ...v, page: name, url: page.url() }));
}

function format(found: Found[]): string {
  return found
    .map(
      (f) =>
        `\n[${f.impact}] ${f.page} — ${f.rule}: ${f.help}\n  at ${f.url}\n` +
        f.nodes
          .slice(0, 6)
          .map((n) => `  • ${n.target}\n    ${n.html}\n    ${n.summary}`)
          .join('\n') +
        (f.nodes.length > 6 ? `\n  … and ${f.nodes.length - 6} more` : ''),
    )
    .join('\n');
}

function expectNone(found: Found[]) {
  if (found.length) console.log(`Accessibility violations (serious, critical):${format(found)}`);
  expect(found.map((f) => `${f.page}: ${f.rule}`)).toEqual([]);
}

const VIEWPORTS = { desktop: DESKTOP, phone: PHONE } as const;

describe.skipIf(!HAVE_CHROMIUM && !process.env.CI)('accessibility (axe-core) of the main pages', () => {
  let e: E2E;
  let taskId = 0;
  let documentId = 0;

  beforeAll(async () => {
    e = await startE2E('2026-03-02 09:00');
    const h = e.h;
    ({
      documentId,
      taskIds: [taskId],
    } = (await registerDocument(
      h,
      'spec1',
      [
        {
          content: 'Sở Tài chính chủ trì rà soát, tổng hợp nhu cầu vốn đầu tư công trung hạn giai đoạn 2026–2030',
          leadAgencyId: h.fx.agency.finance,
          coordinatingAgencyIds: [h.fx.agency.construction],
          deadlineKind: 'fixed',
          deadline: '2026-03-20',
          leaderId: h.fx.leader.vice,
          fieldId: h.fx.field,
        },
        {
          content: 'Hướng dẫn các huyện lập kế hoạch tài chính 5 năm',
          leadAgencyId: h.fx.agency.finance,
          deadlineKind: 'fixed',
          deadline: '2026-03-05',
          leaderId: h.fx.leader.vice,
        },
        {
          content: 'Kiểm tra công tác quản lý quy hoạch xây dựng',
          leadAgencyId: h.fx.agency.construction,
          deadlineKind: 'none',
        },
      ],
      { numberText: '45/TB-UBND', abstract: 'Thông báo kết luận của Phó Chủ tịch UBND tỉnh' },
    )) as unknown as { documentId: number; taskIds: [number] });
    // A report, a returned completion, a waiting extension request: the to-do lists and notifications have rows.
    const fin = await h.as('fin_staff');
    const spec = await h.as('spec1');
    h.clock.set('2026-03-03 10:00');
    let t = (await fin.get(`/api/tasks/${taskId}`)).body;
    t = (await fin.post(`/api/tasks/${taskId}/receive`, { version: t.version, handlerName: 'Phòng Đầu tư' })).body;
    t = (
      await fin.post(`/api/tasks/${taskId}/reports`, { version: t.version, kind: 'progress', content: 'Đang tổng hợp' })
    ).body;
    t = (await fin.post(`/api/tasks/${taskId}/reports`, { version: t.version, kind: 'completion', content: 'Đã xong' }))
      .body;
    t = (
      await spec.post(`/api/tasks/${taskId}/review`, {
        version: t.version,
        decision: 'return',
        reason: 'Thiếu số liệu',
      })
    ).body;
    const res = await fin.post(`/api/tasks/${taskId}/extensions`, {
      version: t.version,
      requestedDeadline: '2026-04-10',
      reason: 'Chờ số liệu của các huyện',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await (await h.as('admin')).put('/api/settings', { publicResults: true })).status).toBe(200);
    h.clock.set('2026-03-06 09:00');
  }, 180_000);
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await failureShot(`a11y-${ctx.task.name.slice(0, 20)}`);
  });
  afterAll(async () => {
    await e?.close();
  }, 120_000);

  const visit = async (page: Page, url: string) => {
    await page.goto(`${e.base}${url}`);
    await page.locator('main h1, main h2, h1').first().waitFor();
  };

  const anonymous = async (browser: Browser, viewport: typeof DESKTOP) => {
    const ctx = await browser.newContext({
      viewport,
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      bypassCSP: true,
    });
    return { ctx, page: await ctx.newPage() };
  };

  for (const [vp, viewport] of Object.entries(VIEWPORTS)) {
    it(`sign-in and the published results, ${vp}`, async () => {
      const { ctx, page } = await anonymous(e.browser, viewport);
      const found: Found[] = [];
      await page.goto(`${e.base}/`);
      await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
      found.push(...(await audit(page, `${vp}-sign-in`)));
      await page.goto(`${e.base}/ket-qua`);
      await page.getByRole('heading', { name: 'Kết quả thực hiện nhiệm vụ' }).waitFor();
      found.push(...(await audit(page, `${vp}-public-results`)));
      await ctx.close();
      expectNone(found);
    }, 180_000);

    it(`the Office specialist's pages, ${vp}`, async () => {
      const s = await signIn(e, 'spec1', `a11y-${vp}-spec`, viewport, 'vi', { bypassCSP: true });
      const { page } = s;
      const found: Found[] = [];
      found.push(...(await audit(page, `${vp}-home-office`)));
      for (const [name, url] of [
        ['tasks', '/tasks'],
        ['task', `/tasks/${taskId}`],
        ['documents', '/documents'],
        ['document', `/documents/${documentId}`],
        ['registration', '/documents/new'],
        ['calendar', '/calendar'],
        ['reports', '/reports'],
        ['profile', '/profile'],
      ] as const) {
        await visit(page, url);
        found.push(...(await audit(page, `${vp}-${name}`)));
      }
      // A report export followed in its notification: running (held at its file), then offering the file.
      await visit(page, '/reports');
      const hold = holdExportFiles(e);
      await page.getByRole('button', { name: /Xuất Excel/ }).click();
      const notice = page.locator('.export-notice');
      await notice.getByRole('progressbar').waitFor();
      found.push(...(await audit(page, `${vp}-report-export-running`)));
      hold.release();
      await notice.getByRole('link', { name: /Tải xuống/ }).waitFor();
      found.push(...(await audit(page, `${vp}-report-export-done`)));
      // The notifications, opened from the bell.
      await visit(page, '/');
      await page.getByRole('button', { name: /Thông báo/ }).click();
      await page.locator('.bell-panel').waitFor();
      found.push(...(await audit(page, `${vp}-notifications`)));
      await page.keyboard.press('Escape');
      if (vp === 'phone') {
        await page.getByRole('button', { name: 'Trình đơn' }).click();
        await page.locator('.ant-drawer-open').waitFor();
        found.push(...(await audit(page, `${vp}-menu`)));
      }
      await s.close();
      expectNone(found);
    }, 300_000);

    it(`the Vice-Chairman's and the agency officer's pages, ${vp}`, async () => {
      const found: Found[] = [];
      const vice = await signIn(e, 'vice', `a11y-${vp}-vice`, viewport, 'vi', { bypassCSP: true });
      found.push(...(await audit(vice.page, `${vp}-home-vice-chairman`)));
      await visit(vice.page, `/tasks/${taskId}`);
      found.push(...(await audit(vice.page, `${vp}-task-vice-chairman`)));
      await vice.close();
      const fin = await signIn(e, 'fin_staff', `a11y-${vp}-agency`, viewport, 'vi', { bypassCSP: true });
      found.push(...(await audit(fin.page, `${vp}-home-agency`)));
      await visit(fin.page, '/tasks');
      found.push(...(await audit(fin.page, `${vp}-tasks-agency`)));
      await visit(fin.page, `/tasks/${taskId}`);
      found.push(...(await audit(fin.page, `${vp}-task-agency`)));
      await fin.close();
      expectNone(found);
    }, 300_000);

    it(`the admin's pages, ${vp}`, async () => {
      const s = await signIn(e, 'admin', `a11y-${vp}-admin`, viewport, 'vi', { bypassCSP: true });
      const found: Found[] = [];
      found.push(...(await audit(s.page, `${vp}-home-admin`)));
      for (const name of ['agencies', 'users', 'fields', 'calendar', 'settings'] as const) {
        await visit(s.page, `/admin/${name}`);
        found.push(...(await audit(s.page, `${vp}-admin-${name}`)));
      }
      await s.close();
      expectNone(found);
    }, 300_000);
  }
});
