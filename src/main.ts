/**
 * Starts Nhiệm vụ: validates the configuration, opens the database (embedded PGlite unless DATABASE_URL is
 * set), runs the migrations, seeds demonstration data on an empty database, and serves the API.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { buildApp } from './app.js';
import { loadConfigOrExit } from './config.js';
import { openDatabase } from './db/client.js';
import { DataDirLockedError } from './db/lock.js';
import { seedIfEmpty } from './seed/index.js';
import { CalendarService } from './services/calendar.js';
import { LocalFileStore, removeOrphanFiles } from './services/files.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;

async function main() {
  const config = loadConfigOrExit();
  const log = pino({ level: config.LOG_LEVEL });
  let database;
  try {
    database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      console.error(err.message);
      process.exit(3);
    }
    throw err;
  }
  const now = () => new Date();
  if (config.SEED === 'demo') {
    const seeded = await seedIfEmpty(database.db, now(), (msg) => log.info(msg));
    if (seeded)
      log.info(`demo data: ${seeded.tasks} tasks, ${seeded.documents} documents, ${seeded.agencies} agencies`);
  }
  const calendar = new CalendarService(database.db, now);
  await calendar.reload(database.db);
  const files = new LocalFileStore(path.join(config.DATA_DIR, 'files'));
  // Uploads cut by a crash have no record: remove them. The embedded database has this server alone;
  // servers sharing PostgreSQL may share the folder, so what changed in the last minutes is left alone.
  const orphans = await removeOrphanFiles(
    database.db,
    files,
    new Date(now().getTime() - (database.kind === 'pglite' ? 0 : 15 * 60_000)),
  );
  if (orphans) log.info(`removed ${orphans} uploaded files that had no record (interrupted uploads)`);
  const app = await buildApp(
    {
      db: database.db,
      database,
      config,
      now,
      calendar,
      files,
      version,
    },
    { loggerInstance: log },
  );
  const close = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void close('SIGINT'));
  process.once('SIGTERM', () => void close('SIGTERM'));
  await app.listen({ port: config.PORT, host: config.HOST });
  const base = `http://localhost:${config.PORT}`;
  console.log(`\nNhiệm vụ ${version} đang chạy tại ${base}  (API: ${base}/api/docs, CSDL: ${database.kind})`);
  if (config.SEED === 'demo') {
    console.log('Tài khoản dùng thử (mật khẩu chung: Demo@2026):');
    for (const [user, role] of DEMO_LOGINS) console.log(`  ${user.padEnd(22)} ${role}`);
  }
}

const DEMO_LOGINS: [string, string][] = [
  ['admin', 'Quản trị hệ thống'],
  ['chanhvp', 'Chánh Văn phòng'],
  ['chuyenvien1', 'Chuyên viên Văn phòng'],
  ['chutich', 'Chủ tịch UBND tỉnh'],
  ['pct1', 'Phó Chủ tịch UBND tỉnh'],
  ['stc.lanhdao', 'Lãnh đạo Sở Tài chính'],
  ['stc.vanthu', 'Văn thư, đầu mối Sở Tài chính'],
];

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
