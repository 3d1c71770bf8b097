/**
 * End-to-end helpers: the real server on a free port (the harness's fresh database and small province),
 * Debian's Chromium driven by playwright-core (never a downloaded browser), sign-in, Ant Design widgets,
 * and screenshots of every page a journey passes (test-results/screenshots, gitignored).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from 'playwright-core';
import { ensureWebBuilt } from '../../scripts/web-build.js';
import { createHarness, PASSWORD, type Harness } from '../helpers/harness.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = fs.existsSync(CHROMIUM);
export const SHOTS = path.resolve('test-results/screenshots');

export const DESKTOP = { width: 1366, height: 800 };
export const PHONE = { width: 390, height: 844 };

export interface E2E {
  h: Harness;
  base: string;
  browser: Browser;
  profile: string;
  close(): Promise<void>;
}

/**
 * Starts the server (with configuration values beside the test defaults, `env`) and the browser; fails with a
 * clear message when Chromium is missing.
 */
export async function startE2E(start = '2026-03-02 09:00', opts: { env?: Record<string, string> } = {}): Promise<E2E> {
  if (!HAVE_CHROMIUM)
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: install it (apt-get install chromium) to run the end-to-end tests.`,
    );
  await ensureWebBuilt({ quiet: true });
  const h = await createHarness(start, { env: opts.env });
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = h.app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('no server address');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'nv-chromium-'));
  process.env.TMPDIR = profile;
  // playwright-core gives launch() a fresh temporary profile (--user-data-dir) of its own and removes it on close.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  fs.mkdirSync(SHOTS, { recursive: true });
  return {
    h,
    base: `http://127.0.0.1:${addr.port}`,
    browser,
    profile,
    async close() {
      await browser.close().catch(() => undefined);
      await h.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Holds the export jobs when they store their file (after the report is computed: 50 %), until released, so
 * that a running export can be seen; the next export stores as usual.
 */
export function holdExportFiles(e: E2E): { release: () => void } {
  const files = e.h.app.deps.files;
  const put = files.put;
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  files.put = async (key, body) => {
    files.put = put;
    await held;
    return put.call(files, key, body);
  };
  return { release };
}

/**
 * Checks a radio button or checkbox until it shows checked: a click that lands while its dialog is still
 * opening (antd's animation) changes nothing, so it is clicked again until the state says so (15 s at most).
 */
export async function checkUntil(box: Locator): Promise<void> {
  for (const end = Date.now() + 15_000; ;) {
    await box.check({ timeout: 5_000 }).catch(() => undefined);
    if (await box.isChecked()) return;
    if (Date.now() > end) throw new Error(`could not check ${String(box)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The page most recently opened, for a screenshot when a journey fails. */
export const current: { page: Page | null } = { page: null };

export async function failureShot(name: string) {
  const p = current.page;
  if (p && !p.isClosed())
    await p.screenshot({ path: path.join(SHOTS, `FAILED-${name}.png`), fullPage: true }).catch(() => undefined);
}

export interface Session {
  ctx: BrowserContext;
  page: Page;
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

/** A fresh browser context signed in as `username`; page errors fail the test. */
export async function signIn(
  e: E2E,
  username: string,
  journey: string,
  viewport = DESKTOP,
  lang: 'vi' | 'en' = 'vi',
  options: BrowserContextOptions = {},
): Promise<Session> {
  const ctx = await e.browser.newContext({
    viewport,
    locale: lang === 'vi' ? 'vi-VN' : 'en-GB',
    timezoneId: 'Asia/Ho_Chi_Minh',
    ...options,
  });
  const page = await ctx.newPage();
  current.page = page;
  page.setDefaultTimeout(30_000);
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  let n = 0;
  const shot = async (name: string) => {
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await page
      .locator('.ant-spin-spinning')
      .first()
      .waitFor({ state: 'detached', timeout: 5000 })
      .catch(() => undefined);
    const file = path.join(SHOTS, `${journey}-${String(++n).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    if (errors.length) throw new Error(`page errors: ${errors.join('\n')}`);
  };
  await page.goto(`${e.base}/`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  if (n === 0) await shot('sign-in');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('heading', { name: /Xin chào/ }).waitFor();
  return { ctx, page, shot, close: () => ctx.close() };
}

/** Chooses an option of an Ant Design Select. */
export async function choose(page: Page, select: Locator, option: string) {
  await select.click();
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();
  await dropdown.locator('.ant-select-item-option', { hasText: option }).first().click();
  await page.keyboard.press('Escape').catch(() => undefined);
}

/** Types a date (dd/MM/yyyy) into an Ant Design DatePicker. */
export async function typeDate(page: Page, input: Locator, ddmmyyyy: string) {
  for (let attempt = 1; ; attempt++) {
    await input.click();
    await input.fill(ddmmyyyy);
    // Tab commits the typed date (Enter would also submit the surrounding form).
    await input.press('Tab');
    await page
      .locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)')
      .waitFor({ state: 'hidden' })
      .catch(() => undefined);
    // On a loaded machine the picker may drop what was typed before it committed it: type it again.
    const shown = await input.inputValue();
    if (shown === ddmmyyyy) return;
    if (attempt === 3) throw new Error(`the date picker shows "${shown}" after typing ${ddmmyyyy} three times`);
  }
}

/** A small valid PDF (the server checks the file's signature). */
export function samplePdf(name: string) {
  return {
    name,
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
  };
}
