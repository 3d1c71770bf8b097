/**
 * How fast the task list page shows in headless Chromium (issue 3, item 7: within 1 s with 200 000 tasks).
 * Signs in, then opens /tasks several times and prints the time from navigation until the first rows are
 * visible (the page's JavaScript is cached after the first run, as for a person at work).
 *   tsx scripts/bench-web.ts --url http://localhost:3000 --user chuyenvien1 --password Demo@2026 [--runs 5]
 */
import fs from 'node:fs';
import { chromium } from 'playwright-core';

function arg(name: string, fallback?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const v = i > 0 ? process.argv[i + 1] : undefined;
  if (v) return v;
  if (fallback !== undefined) return fallback;
  console.error(
    `Thiếu --${name}. Cách dùng: tsx scripts/bench-web.ts --url URL --user TÊN --password MẬT_KHẨU [--runs N]`,
  );
  process.exit(2);
}

const url = arg('url', 'http://localhost:3000').replace(/\/$/, '');
const user = arg('user', 'chuyenvien1');
const password = arg('password', 'Demo@2026');
const runs = Number(arg('runs', '5'));
const path = arg('path', '/tasks');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!fs.existsSync(executablePath)) {
  console.error(`Không thấy Chromium tại ${executablePath} (apt-get install chromium).`);
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath,
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
try {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: 'vi-VN' });
  const page = await ctx.newPage();
  page.setDefaultTimeout(60_000);
  await page.goto(`${url}/`);
  await page.getByLabel('Tên đăng nhập').fill(user);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('heading', { name: /Xin chào/ }).waitFor();
  const times: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const t0 = performance.now();
    await page.goto(`${url}${path}`);
    await page.locator('.ant-table-row, .mini-task').first().waitFor({ state: 'visible' });
    const ms = performance.now() - t0;
    const total = await page.locator('[aria-live="polite"]').first().textContent();
    if (i === 0) console.log(`lần đầu (tải JavaScript): ${ms.toFixed(0)} ms — ${total?.trim()}`);
    else times.push(ms);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? NaN;
  console.log(
    `Trang danh sách nhiệm vụ ${path}: trung vị ${median.toFixed(0)} ms, nhanh nhất ${times[0]?.toFixed(0)} ms, chậm nhất ${times.at(-1)?.toFixed(0)} ms (${times.length} lần)`,
  );
  console.log(median <= 1000 ? 'Đạt ngưỡng 1 giây.' : 'Chậm hơn ngưỡng 1 giây.');
} finally {
  await browser.close();
}
