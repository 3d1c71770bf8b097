/**
 * The built interface and the API documentation under the server's Content Security Policy, in Debian's
 * Chromium: every page loads and draws without a single CSP violation (Ant Design injects its styles as
 * <style> elements; Swagger UI loads its bundle and the OpenAPI document).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerDocument } from '../helpers/harness.js';
import { HAVE_CHROMIUM, signIn, startE2E, type E2E } from './browser.js';

/** Collects CSP violations on a page: the DOM event and the console's "Refused to …" messages. */
async function watch(page: Page): Promise<() => Promise<string[]>> {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) seen.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  return async () => [...seen, ...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp))];
}

describe.skipIf(!HAVE_CHROMIUM && !process.env.CI)('content security policy in Chromium', () => {
  let e: E2E;
  let taskId = 0;
  let documentId = 0;
  beforeAll(async () => {
    e = await startE2E('2026-03-02 09:00');
    ({
      documentId,
      taskIds: [taskId = 0],
    } = await registerDocument(e.h, 'spec1', [
      {
        content: 'Rà soát thủ tục hành chính',
        leadAgencyId: e.h.fx.agency.finance,
        deadlineKind: 'fixed',
        deadline: '2026-03-31',
      },
    ]));
  }, 120_000);
  afterAll(() => e?.close());

  it('the interface pages draw without a violation', async () => {
    for (const [who, paths] of [
      [
        'spec1',
        ['/', '/tasks', `/tasks/${taskId}`, '/documents', `/documents/${documentId}`, '/documents/new', '/calendar'],
      ],
      ['admin', ['/', '/admin/agencies', '/admin/users', '/admin/fields', '/admin/calendar', '/admin/settings']],
    ] as const) {
      const s = await signIn(e, who, `csp-${who}`);
      const violations = await watch(s.page);
      for (const p of paths) {
        await s.page.goto(`${e.base}${p}`);
        await s.page.waitForLoadState('networkidle');
        await s.page.locator('#boot').waitFor({ state: 'detached' });
        // Ant Design's run-time styles are in place (a <style> it injected), so the policy allowed them.
        expect(await s.page.locator('style[data-css-hash], style[data-rc-order]').count()).toBeGreaterThan(0);
        expect({ page: p, violations: await violations() }).toEqual({ page: p, violations: [] });
      }
      await s.close();
    }
  }, 180_000);

  it('the sign-in page and the API documentation (Swagger UI) draw the operations without a violation', async () => {
    const ctx = await e.browser.newContext();
    const page = await ctx.newPage();
    const violations = await watch(page);
    // The sign-in page, before anyone signs in.
    await page.goto(`${e.base}/`);
    await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
    expect(await violations()).toEqual([]);
    const res = await page.goto(`${e.base}/api/docs/`);
    expect(String(res?.headers()['content-security-policy'])).toContain("frame-ancestors 'none'");
    await page.locator('.opblock').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('.opblock').count()).toBeGreaterThan(40);
    expect(await violations()).toEqual([]);
    await ctx.close();
  }, 120_000);
});
