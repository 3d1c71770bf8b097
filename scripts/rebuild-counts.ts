/**
 * Rebuilds today's summary (the report's cells and the home pages' counts, ADR 0018 and 0021) from every
 * task, and drops the ended days' cells so that they are built again when asked for: after tasks were
 * written outside the commands (a bulk load, a correction by hand), or after a rolling upgrade on
 * PostgreSQL once the last server of the previous version has stopped. Safe while the servers run: they
 * count directly until it is complete, and writes meanwhile are counted once.
 *
 *   npm run counts:rebuild            (the database of DATABASE_URL, or the embedded one of DATA_DIR
 *                                      while its server is stopped)
 */
import { loadConfigOrExit } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { vnDateOf } from '../src/domain/dates.js';
import { rebuildReportCounts } from '../src/resources/reports/counts.js';
import { createCaches } from '../src/services/caches.js';
import { loadSettings } from '../src/services/settings.js';

async function main() {
  const config = loadConfigOrExit();
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    const today = vnDateOf(new Date());
    const s = await loadSettings({ caches: createCaches(() => new Date()) }, database.db);
    const started = Date.now();
    let shown = -10;
    await rebuildReportCounts(database.db, today, s.staleAfterDays, {
      force: true,
      progress: async (p) => {
        if (p >= shown + 10) console.log(`  ${(shown = p)} %`);
      },
    });
    console.log(`today's summary (${today}) rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await database.close();
  }
}

await main();
