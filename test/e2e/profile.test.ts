/**
 * The interface language chosen on the profile page is saved to the account and is the language the user
 * starts in at the next sign-in, on another device (a fresh browser profile) too.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../helpers/harness.js';
import { checkUntil, failureShot, HAVE_CHROMIUM, PHONE, signIn, startE2E, type E2E } from './browser.js';

const NEW_PASSWORD = 'Moi@2026matkhau';

describe.skipIf(!HAVE_CHROMIUM && !process.env.CI)('the profile’s interface language', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E('2026-03-02 09:00');
  }, 120_000);
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await failureShot('profile-language');
  });
  afterAll(async () => {
    await e?.close();
  }, 120_000);

  it('is saved on the profile page and used at the next sign-in elsewhere', async () => {
    const s = await signIn(e, 'fin_staff', 'profile-language', PHONE);
    const { page } = s;
    await page.goto(`${e.base}/profile`);
    await page.getByRole('heading', { name: 'Ngôn ngữ giao diện' }).waitFor();
    // A password change first: it moves the account's version, and the language is saved all the same.
    await page.getByLabel('Mật khẩu hiện tại').fill(PASSWORD);
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Nhập lại mật khẩu mới').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.getByText(/Đã đổi mật khẩu/).waitFor();
    await checkUntil(page.getByRole('radio', { name: 'English' }));
    await s.shot('language-chosen');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Interface language saved.').waitFor();
    await page.getByRole('heading', { name: 'My account' }).waitFor();
    await s.shot('language-saved');
    await s.close();

    // Another device: nothing remembered in the browser, the account's language applies after sign-in.
    const ctx = await e.browser.newContext({ viewport: PHONE, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const other = await ctx.newPage();
    await other.goto(`${e.base}/`);
    await other.getByLabel('Tên đăng nhập').fill('fin_staff');
    await other.getByLabel('Mật khẩu').fill(NEW_PASSWORD);
    await other.getByRole('button', { name: 'Đăng nhập' }).click();
    await other.getByRole('heading', { name: /Hello/ }).waitFor();
    expect(await other.evaluate(() => document.documentElement.lang)).toBe('en');
    await ctx.close();
  }, 120_000);
});
