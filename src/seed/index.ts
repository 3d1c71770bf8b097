/** Seeds demonstration data for a real-sized province on an empty database (first start). */
import { sql } from 'drizzle-orm';
import { hashPassword } from '../auth/crypto.js';
import { rows, type Db } from '../db/client.js';
import { vnDateOf } from '../domain/dates.js';
import { refreshAgencyIds } from '../resources/tasks/repository.js';
import { generate } from './generate.js';

export const DEMO_PASSWORD = 'Demo@2026';

/** Moves every serial sequence past the largest id, after rows were inserted with explicit ids. */
export async function resetSequences(db: Db): Promise<void> {
  const list = await rows<{ table_name: string; column_name: string }>(
    db,
    sql`select table_name, column_name from information_schema.columns
        where table_schema = 'public' and column_default like 'nextval(%'`,
  );
  for (const { table_name: t, column_name: c } of list) {
    await db.execute(
      sql.raw(
        `select setval(pg_get_serial_sequence('"${t}"', '${c}'), coalesce((select max("${c}") from "${t}"), 0) + 1, false)`,
      ),
    );
  }
}

export async function seedIfEmpty(
  db: Db,
  now: Date,
  log: (msg: string) => void = () => undefined,
  tasks = 5000,
): Promise<{ tasks: number; documents: number; agencies: number } | null> {
  const [row] = await rows<{ n: number }>(db, sql`select count(*)::int as n from agencies`);
  if (Number(row?.n ?? 0) > 0) return null;
  log('empty database: generating demonstration data (first start only)…');
  await generate(db, { tasks, today: vnDateOf(now), passwordHash: await hashPassword(DEMO_PASSWORD) });
  await resetSequences(db);
  await refreshAgencyIds(db);
  const count = async (t: string) =>
    Number((await rows<{ n: number }>(db, sql.raw(`select count(*)::int as n from ${t}`)))[0]?.n ?? 0);
  return { tasks: await count('tasks'), documents: await count('documents'), agencies: await count('agencies') };
}
