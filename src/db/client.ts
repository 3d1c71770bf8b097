/**
 * Opens the database: PostgreSQL when DATABASE_URL is set (node-postgres), else embedded PGlite in DATA_DIR.
 * Both are Drizzle's PostgreSQL dialect over the same schema and migrations.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { type sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { asTransactionBody, assertOutsideTransaction } from './guard.js';
import type { PGlite } from '@electric-sql/pglite';
import { lockDataDir, type DirLock } from './lock.js';
import { PGliteThread } from './pglite-thread.js';
import { DataVersions, listenForChanges } from './versions.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or an open transaction: repositories accept both. */
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** For the health check: is the database answering, without queueing behind other work. */
  health(): Promise<{ ok: boolean; busyMs?: number }>;
  /** PGlite only: the data folder as a tarball (tests copy a migrated template). */
  dump?(): Promise<Blob>;
  /**
   * For background work between its steps (the summary's rebuild, a past day's build): resolves once the
   * requests waiting for the database have been served, or after `maxMs`. PGlite runs one query at a time,
   * so a step sent while requests wait would make each of their queries wait for it; PostgreSQL serves them
   * side by side: at once.
   */
  yieldToRequests(maxMs: number): Promise<void>;
  /** This process's data version: exact on PGlite, and on PostgreSQL while it listens for changes (versions.ts). */
  versions: DataVersions;
  close(): Promise<void>;
}

/**
 * Time limits (ADR 0009): nothing waits for the database for ever. A statement runs at most
 * `statementTimeoutMs`; a transaction may sit idle at most `idleInTransactionMs` (PostgreSQL) or stay open
 * at most that long (PGlite); getting a connection, or a turn on PGlite's one session, waits at most
 * `acquireTimeoutMs`. Past those the request answers 503 (`unavailable`) and nothing is half-written.
 * 0 turns a limit off (bulk loads: the benchmark's generator). Migrations run without limits.
 */
/**
 * The longest background work waits for requests between its steps (`Database.yieldToRequests`), so that it
 * goes on under steady load (ADR 0023).
 */
export const YIELD_MAX_MS = 500;

export interface Limits {
  statementTimeoutMs: number;
  idleInTransactionMs: number;
  acquireTimeoutMs: number;
}
export const DEFAULT_LIMITS: Limits = {
  statementTimeoutMs: 15_000,
  idleInTransactionMs: 15_000,
  acquireTimeoutMs: 10_000,
};

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle');

export interface OpenOptions {
  databaseUrl?: string;
  /** Embedded data folder; `memory://` for a throw-away database (tests). */
  dataDir?: string;
  /** PGlite only: start from a saved data directory image (tests copy one migrated template). */
  loadDataDir?: Blob;
  migrate?: boolean;
  limits?: Partial<Limits>;
  /** PostgreSQL pool size. */
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      connectionTimeoutMillis: limits.acquireTimeoutMs,
      statement_timeout: limits.statementTimeoutMs,
      idle_in_transaction_session_timeout: limits.idleInTransactionMs,
      // No JIT compilation: it costs a second or more on each statement over many rows (the reports counted
      // directly, a past day's build), far more than it saves on statements made to take milliseconds (ADR 0020).
      options: '-c jit=off',
    });
    // A connection the server ends (a time limit, a restart) must not crash the process: an idle one is
    // replaced by the pool; for one in use, the query in flight fails and the request answers 503.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
    guardPool(pool);
    const db = drizzleNodePg(pool, { schema }) as unknown as Db;
    guardTransactions(db);
    if (opts.migrate !== false) {
      const client = await pool.connect();
      try {
        // Several servers may start at once: one migrates, the others wait.
        await client.query('select pg_advisory_lock(727274)');
        // A migration may build an index over a million rows: no time limit on this connection.
        await client.query('set statement_timeout = 0; set idle_in_transaction_session_timeout = 0');
        await migrateNodePg(drizzleNodePg(client, { schema }), { migrationsFolder });
      } finally {
        await client.query('select pg_advisory_unlock(727274)').catch(() => undefined);
        await client.query('reset statement_timeout; reset idle_in_transaction_session_timeout').catch(() => undefined);
        client.release();
      }
    }
    const versions = new DataVersions(false);
    const stopListening = listenForChanges(opts.databaseUrl, versions);
    return {
      db,
      kind: 'postgres',
      versions,
      yieldToRequests: () => Promise.resolve(),
      health: async () => {
        const started = Date.now();
        try {
          await pool.query('select 1');
          return { ok: true, busyMs: Date.now() - started };
        } catch {
          return { ok: false };
        }
      },
      close: async () => {
        await stopListening();
        await pool.end();
      },
    };
  }

  const dir = opts.dataDir ?? './data';
  const memory = dir.startsWith('memory://');
  let lock: DirLock | undefined;
  let dataPath: string | undefined;
  if (!memory) {
    lock = lockDataDir(dir);
    dataPath = path.join(dir, 'pglite');
  }
  try {
    const client = new PGliteThread({
      dataDir: dataPath,
      loadDataDir: opts.loadDataDir,
      queryWaitMs: limits.acquireTimeoutMs,
      transactionTimeoutMs: limits.idleInTransactionMs,
    });
    try {
      await client.waitReady;
    } catch (err) {
      await client.close();
      throw err;
    }
    // Drizzle's pglite driver uses only query/exec/transaction, which the thread offers.
    const asPglite = client as unknown as PGlite;
    const db = drizzlePglite(asPglite, { schema }) as unknown as Db;
    if (opts.migrate !== false) {
      // A migration may take long on a big database: no time limit while it runs.
      client.transactionTimeoutMs = 0;
      client.queryWaitMs = Math.max(limits.acquireTimeoutMs, DEFAULT_LIMITS.acquireTimeoutMs);
      await migratePglite(drizzlePglite(asPglite, { schema }), { migrationsFolder });
      client.transactionTimeoutMs = limits.idleInTransactionMs;
      client.queryWaitMs = limits.acquireTimeoutMs;
    }
    return {
      db,
      kind: 'pglite',
      // One server process per data folder (lock.ts): its own commits are every commit.
      versions: new DataVersions(true),
      yieldToRequests: (maxMs) => client.quiet(maxMs),
      // The worker runs one query at a time: asking it would wait behind a long report. Its thread answers
      // for it instead; a query running for longer than the statement limit means trouble.
      health: () => {
        const busyMs = client.busyForMs();
        const limit = limits.statementTimeoutMs || DEFAULT_LIMITS.statementTimeoutMs;
        return Promise.resolve({ ok: busyMs < limit, busyMs });
      },
      dump: () => client.dumpDataDir(),
      close: async () => {
        await client.close();
        lock?.release();
      },
    };
  } catch (err) {
    lock?.release();
    throw err;
  }
}

/** The pool refuses to serve code that runs inside a transaction (`guard.ts`). */
function guardPool(pool: pg.Pool) {
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  Object.assign(pool, {
    query: (...args: unknown[]) => {
      assertOutsideTransaction();
      return query(...args);
    },
    connect: (...args: unknown[]) => {
      assertOutsideTransaction();
      return connect(...args);
    },
  });
}

/** A transaction's body runs under the guard, so the guarded pool refuses to serve it (PGlite: in the thread). */
function guardTransactions(db: Db) {
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn, config) => transaction((tx) => asTransactionBody(() => fn(tx)), config)) as Db['transaction'];
}

/** Rows of a raw query, the same on both drivers. */
export async function rows<T>(ex: Executor, query: ReturnType<typeof sql>): Promise<T[]> {
  const res = (await ex.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}
