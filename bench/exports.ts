/**
 * Benchmark of the exports (ADR 0012), through HTTP on a running server: the whole task list as Excel by
 * the background job (target: 300 000 rows ≤ 30 s, peak memory ≤ 300 MB), a direct download of 20 000
 * rows, and the Word documents (target: a report ≤ 2 s). Called by bench/run.ts after the list
 * measurements; also runs on its own, generating its data (on PostgreSQL, then measured by a process of its
 * own, as a server started on data it did not generate):
 *
 *   npx tsx bench/exports.ts --rows 300000 --backend postgres [--keep]   # --keep: the database stays
 *   npx tsx bench/exports.ts --db nv_bench_exports_123   # again, on a database generated before (kept)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, rows, type Database } from '../src/db/client.js';
import { vnDateOf } from '../src/domain/dates.js';
import { DEMO_PASSWORD } from '../src/seed/index.js';
import { collectGarbage, fill, serve } from './setup.js';

const MB = 1048576;

/**
 * Samples the process's resident memory (and its parts: the JavaScript heap, buffers) every 20 ms while
 * `fn` runs; returns its result, the peaks and the CPU time the process spent.
 */
async function withPeakRss<T>(
  fn: () => Promise<T>,
): Promise<{ value: T; peak: number; before: number; heap: number; buffers: number; cpu: number }> {
  const before = process.memoryUsage().rss;
  const cpu0 = process.cpuUsage();
  let peak = before;
  let heap = 0;
  let buffers = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.rss);
    heap = Math.max(heap, m.heapUsed);
    buffers = Math.max(buffers, m.arrayBuffers);
  };
  const timer = setInterval(sample, 20);
  try {
    const value = await fn();
    sample();
    const c = process.cpuUsage(cpu0);
    return { value, peak, before, heap, buffers, cpu: (c.user + c.system) / 1e6 };
  } finally {
    clearInterval(timer);
  }
}

const verdict = (ok: boolean) => (ok ? 'ĐẠT' : 'CHƯA ĐẠT');

/**
 * `cookie`/`csrf`: an Office user's session (sees every task). Prints the figures; returns them.
 */
export async function measureExports(base: string, cookie: string, csrf: string) {
  const get = (url: string) => fetch(`${base}${url}`, { headers: { cookie } });
  const total = ((await (await get('/api/tasks?pageSize=1')).json()) as { total: number }).total;

  // 1. The whole list through the job: asked for, run, stored, then downloaded.
  collectGarbage();
  const job = await withPeakRss(async () => {
    const start = performance.now();
    const res = await fetch(`${base}/api/exports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
      body: JSON.stringify({ kind: 'tasks', query: { sort: 'due' } }),
    });
    let state = (await res.json()) as { id: number; status: string; rows: number | null; downloadUrl: string | null };
    if (res.status !== 202) throw new Error(`export: ${res.status} ${JSON.stringify(state)}`);
    while (state.status === 'queued' || state.status === 'running') {
      await new Promise((r) => setTimeout(r, 100));
      const polled = await get(`/api/exports/${state.id}`);
      // A busy server answers 503: ask again.
      if (polled.status === 503) continue;
      state = (await polled.json()) as typeof state;
    }
    const done = (performance.now() - start) / 1000;
    const atDone = process.memoryUsage();
    console.log(
      `    (khi tác vụ xong: RSS ${(atDone.rss / MB).toFixed(0)} MB, heap JS ${(atDone.heapUsed / MB).toFixed(0)} MB)`,
    );
    if (state.status !== 'done') throw new Error(`export ${state.id}: ${JSON.stringify(state)}`);
    // Counted as it comes, not held: the client's copy of the file is not the server's memory.
    const file = await get(state.downloadUrl!);
    let bytes = 0;
    for await (const chunk of file.body!) bytes += (chunk as Uint8Array).byteLength;
    return { seconds: done, rows: state.rows!, bytes };
  });
  const jobMb = job.peak / MB;
  console.log(
    `  Excel toàn bộ danh sách (tác vụ nền): ${job.value.rows.toLocaleString('vi-VN')} dòng / ${total.toLocaleString('vi-VN')} nhiệm vụ, ` +
      `${job.value.seconds.toFixed(1)} s, tệp ${(job.value.bytes / MB).toFixed(1)} MB; RSS tiến trình trước ${(job.before / MB).toFixed(0)} MB, ` +
      `đỉnh ${jobMb.toFixed(0)} MB (+${((job.peak - job.before) / MB).toFixed(0)} MB; heap JS đỉnh ${(job.heap / MB).toFixed(0)} MB, ` +
      `buffer ${(job.buffers / MB).toFixed(0)} MB); CPU của tiến trình ${job.cpu.toFixed(1)} s`,
  );
  if (job.value.rows >= 300_000)
    console.log(
      `    mục tiêu 300 000 dòng ≤ 30 s → ${verdict(job.value.seconds <= 30)}; đỉnh bộ nhớ ≤ 300 MB → ${verdict(jobMb <= 300)}`,
    );
  else console.log(`    (ít hơn 300 000 dòng: chạy với --tasks 300000 để đo đúng mục tiêu)`);

  // 2. A direct download (streamed in the response): the tasks led by the agency that leads the most.
  const byAgency = (await (await get('/api/reports/agency')).json()) as {
    rows: { key: number; label: string; assigned: number; overdue: number }[];
  };
  const biggest = [...byAgency.rows].sort((a, b) => b.assigned - a.assigned)[0];
  if (biggest) {
    const direct = await withPeakRss(async () => {
      const start = performance.now();
      const res = await get(`/api/tasks.xlsx?agencyId=${biggest.key}&agencyRole=lead`);
      const bytes = res.status === 200 ? (await res.arrayBuffer()).byteLength : 0;
      return { seconds: (performance.now() - start) / 1000, status: res.status, bytes };
    });
    console.log(
      `  Excel tải trực tiếp (GET /api/tasks.xlsx, nhiệm vụ chủ trì của "${biggest.label}"): ` +
        (direct.value.status === 200
          ? `${direct.value.seconds.toFixed(2)} s, ${(direct.value.bytes / MB).toFixed(1)} MB`
          : `${direct.value.status} (quá giới hạn tải trực tiếp: dùng tác vụ nền)`),
    );
  }

  // 3. Word: the yearly report by agency, and the urging letter to the agency with the most overdue tasks.
  const year = vnDateOf(new Date()).slice(0, 4);
  const time = async (url: string) => {
    const times: number[] = [];
    for (let i = 0; i < 6; i++) {
      const start = performance.now();
      const res = await get(url);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
      if (i > 0) times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    return { p50: times[Math.floor(times.length / 2)]!, max: times[times.length - 1]! };
  };
  const report = await time(`/api/reports/agency.docx?period=year&year=${year}`);
  console.log(
    `  Word báo cáo năm theo cơ quan: trung vị ${(report.p50 / 1000).toFixed(2)} s, lớn nhất ${(report.max / 1000).toFixed(2)} s ` +
      `(mục tiêu ≤ 2 s) → ${verdict(report.max <= 2000)}`,
  );
  const worst = [...byAgency.rows].sort((a, b) => b.overdue - a.overdue)[0];
  let letter: { p50: number; max: number } | null = null;
  if (worst) {
    letter = await time(`/api/agencies/${worst.key}/urging-letter.docx`);
    console.log(
      `  Word văn bản đôn đốc (${worst.overdue} nhiệm vụ quá hạn): trung vị ${(letter.p50 / 1000).toFixed(2)} s, ` +
        `lớn nhất ${(letter.max / 1000).toFixed(2)} s`,
    );
  }
  return { job: { ...job.value, peakMb: jobMb }, report, letter };
}

// ---- on its own: generate a province, serve it, measure -------------------------------------------------

async function standalone() {
  const { values: args } = parseArgs({
    options: {
      tasks: { type: 'string', default: '300000' },
      /** The same as --tasks: the list exported is the whole province. */
      rows: { type: 'string' },
      /** Keeps the generated PostgreSQL database, to measure again with --db. */
      keep: { type: 'boolean', default: false },
      backend: { type: 'string', default: 'postgres' },
      /** An already generated PostgreSQL database to measure again (kept afterwards). */
      db: { type: 'string' },
      'pg-url': { type: 'string', default: process.env.BENCH_PG_URL ?? 'postgres://root@127.0.0.1:5432/postgres' },
    },
  });
  const kind = args.backend === 'pglite' ? 'pglite' : 'postgres';
  const BULK = { statementTimeoutMs: 0, idleInTransactionMs: 0 };
  let database: Database;
  let cleanup: () => Promise<void>;
  /** The PostgreSQL database generated by this run. */
  let generated: string | undefined;
  let closed = false;
  if (kind === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nv-bench-exports-'));
    database = await openDatabase({ dataDir: dir, limits: BULK });
    cleanup = async () => {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  } else if (args.db) {
    const url = new URL(args['pg-url']!);
    url.pathname = `/${args.db}`;
    database = await openDatabase({ databaseUrl: url.toString(), limits: BULK });
    cleanup = () => database.close();
  } else {
    const name = `nv_bench_exports_${process.pid}`;
    generated = name;
    const admin = new pg.Client({ connectionString: args['pg-url'] });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(args['pg-url']!);
    url.pathname = `/${name}`;
    database = await openDatabase({ databaseUrl: url.toString(), limits: BULK });
    cleanup = async () => {
      if (!closed) await database.close();
      if (args.keep) {
        console.log(`  (CSDL giữ lại: --db ${name})`);
        return;
      }
      const c = new pg.Client({ connectionString: args['pg-url'] });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  try {
    const today = vnDateOf(new Date());
    const t0 = Date.now();
    if (!args.db) await fill(database, Number(args.rows ?? args.tasks), today);
    if (generated) {
      // Measured by a process of its own, as a server started on data it did not generate: the generator's
      // garbage and the heap it grew would otherwise be counted in the export's peak.
      await database.close();
      closed = true;
      const child = spawn(
        process.execPath,
        [...process.execArgv, fileURLToPath(import.meta.url), '--db', generated, '--pg-url', args['pg-url']!],
        { stdio: 'inherit' },
      );
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      if (code !== 0) throw new Error(`the measuring process exited with ${code}`);
      return;
    }
    const [n] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from tasks`);
    console.log(
      `== ${kind}: ${n!.n.toLocaleString('vi-VN')} nhiệm vụ${args.db ? ` (CSDL ${args.db})` : `, sinh trong ${((Date.now() - t0) / 1000).toFixed(0)} s`} ==`,
    );
    const server = await serve(database, today);
    const base = server.base;
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'chuyenvien1', password: DEMO_PASSWORD }),
    });
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    await measureExports(base, cookie, csrfToken);
    await server.close();
  } finally {
    await cleanup();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await standalone();
