/**
 * What every benchmark does before it measures: a province generated as the product would hold it
 * (statistics gathered, rows' visibility settled, today's report summary built), a server that has
 * finished its start-up work, and the garbage of all that collected — so that what is measured is what a
 * server in use answers, and the memory it takes is the measured work's.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/app.js';
import { hashPassword } from '../src/auth/crypto.js';
import { loadConfig } from '../src/config.js';
import { rows, type Database } from '../src/db/client.js';
import { rebuildReportCounts } from '../src/resources/reports/counts.js';
import { refreshAgencyIds } from '../src/resources/tasks/repository.js';
import { generate } from '../src/seed/generate.js';
import { DEMO_PASSWORD, resetSequences } from '../src/seed/index.js';
import { createCaches } from '../src/services/caches.js';
import { CalendarService } from '../src/services/calendar.js';
import { LocalFileStore } from '../src/services/files.js';
import { loadSettings } from '../src/services/settings.js';

/** Generates `tasks` tasks with their history and builds today's report summary. */
export async function fill(database: Database, tasks: number, today: string) {
  const t0 = Date.now();
  let last = 0;
  const summary = await generate(database.db, {
    tasks,
    today,
    passwordHash: await hashPassword(DEMO_PASSWORD),
    onProgress: (done, total) => {
      if (Date.now() - last > 15_000) {
        last = Date.now();
        console.log(`  sinh dữ liệu ${done}/${total} (${Math.round((Date.now() - t0) / 1000)} s)`);
      }
    },
  });
  await resetSequences(database.db);
  await refreshAgencyIds(database.db);
  // As autovacuum leaves a database in use: statistics, and the rows' visibility settled (otherwise the first
  // statements that read the generated rows, the merger's among them, write every page they read once more).
  await database.db.execute(sql`vacuum (analyze)`);
  // Today's report summary, as the job builds it at start (ADR 0016).
  const t1 = Date.now();
  const stale = (await loadSettings({ caches: createCaches(() => new Date()) }, database.db)).staleAfterDays;
  await rebuildReportCounts(database.db, today, stale, { force: true });
  const [c] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from report_counts`);
  console.log(`  tóm tắt số liệu hôm nay dựng trong ${((Date.now() - t1) / 1000).toFixed(1)} s: ${c!.n} ô`);
  console.log(`  dữ liệu sinh trong ${((Date.now() - t0) / 1000).toFixed(0)} s: ${JSON.stringify(summary.counts)}`);
}

/**
 * Waits until today's summary is complete (a kept database migrated since it was built is rebuilt by the job
 * the server asks for at start).
 */
export async function summaryReady(database: Database, today: string) {
  const t0 = Date.now();
  for (;;) {
    const [m] = await rows<{ ok: boolean }>(
      database.db,
      sql`select (built_to is null and day = ${today}::date and stale_after_days >= 0) as ok from report_counts_meta`,
    );
    if (m?.ok) break;
    if (Date.now() - t0 > 30 * 60_000) throw new Error("today's summary was not built in 30 minutes");
    await new Promise((r) => setTimeout(r, 200));
  }
  if (Date.now() - t0 > 1_000)
    console.log(`  tóm tắt số liệu hôm nay dựng lại khi khởi động: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/**
 * The server on a real socket, once today's summary is complete. No past day is built ahead meanwhile
 * (ADR 0020): what is measured is the work asked for; the past cut-offs measured ask for theirs.
 */
export async function serve(database: Database, today: string) {
  const calendar = new CalendarService(database.db);
  await calendar.reload(database.db);
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nv-bench-files-'));
  const app = await buildApp(
    {
      db: database.db,
      database,
      config: loadConfig({
        NODE_ENV: 'production',
        LOG_LEVEL: 'silent',
        REPORT_PAST_DAYS_AHEAD: '0',
        REPORT_PAST_MONTHS_AHEAD: '0',
      }),
      now: () => new Date(),
      calendar,
      files: new LocalFileStore(filesDir),
      version: 'bench',
    },
    { logger: false },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  await summaryReady(database, today);
  return {
    base: `http://127.0.0.1:${(app.server.address() as { port: number }).port}`,
    close: async () => {
      await app.close();
      fs.rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

let gc: (() => void) | undefined;
/**
 * A full garbage collection now (the flag turned on at run time: the benchmark is started without it), so
 * that a peak of memory measured next is the work's, not what the generator or earlier measurements left.
 */
export function collectGarbage() {
  if (!gc) {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as () => void;
  }
  gc();
}
