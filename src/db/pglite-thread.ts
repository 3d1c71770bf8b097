/**
 * Embedded PGlite in a thread of its own (ADR 0009). `PGliteThread` offers the part of PGlite's client that
 * Drizzle's `pglite` driver uses — `query`, `exec`, `transaction` — and forwards each call to the worker
 * (`pglite-worker.ts`), so a long query never stops the server's event loop.
 *
 * A query through the main handle from inside an open transaction would wait for that transaction for ever
 * (one session): it is refused at once (`guard.ts`).
 */
import { Worker } from 'node:worker_threads';
import type { Results, Transaction } from '@electric-sql/pglite';
import { asTransactionBody, assertOutsideTransaction } from './guard.js';
import { TIMEOUT_CODE, type Reply, type Request, type WireError, type WorkerInit } from './pglite-protocol.js';

export { TIMEOUT_CODE };

interface QueryOptions {
  rowMode?: 'array' | 'object';
  parsers?: Record<number, (value: string, typeId: number) => unknown>;
  blob?: Blob;
}

type Call = Request extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export interface ThreadOptions {
  dataDir?: string;
  loadDataDir?: Blob;
  /** How long a query may wait for its turn before it is given up (ms). */
  queryWaitMs?: number;
  /** How long a transaction may stay open (ms; 0: no limit). */
  transactionTimeoutMs?: number;
}

const boot = new URL('./worker-boot.mjs', import.meta.url);
const entry = new URL(`./pglite-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

function toError(e: WireError): Error {
  const err = new Error(e.message);
  Object.assign(err, e.fields);
  return err;
}

export class PGliteThread {
  readonly dataDir: string | undefined;
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  /** How long a query may wait for its turn (ms). */
  queryWaitMs: number;
  private closed = false;
  /** When each call still unanswered was sent (for the health check). */
  private readonly sentAt = new Map<number, number>();
  /** Give-up timers of calls that have not started yet. */
  private readonly timers = new Map<number, NodeJS.Timeout>();
  /** `begin` calls given up before the worker answered. */
  private readonly abandoned = new Set<number>();
  readonly waitReady: Promise<void>;
  /** How long a transaction begun from now on may stay open (ms; 0: no limit, for migrations). */
  transactionTimeoutMs: number;

  constructor(opts: ThreadOptions = {}) {
    this.dataDir = opts.dataDir;
    this.queryWaitMs = opts.queryWaitMs ?? 10_000;
    this.transactionTimeoutMs = opts.transactionTimeoutMs ?? 15_000;
    const init: WorkerInit = { dataDir: opts.dataDir, loadDataDir: opts.loadDataDir };
    this.worker = new Worker(boot, { workerData: { entry: entry.href, init } });
    this.waitReady = new Promise<void>((resolve, reject) => {
      this.pending.set(0, { resolve: () => resolve(), reject });
    });
    this.worker.on('message', (m: Reply) => {
      if ('started' in m) {
        this.timers.get(m.id)?.close();
        this.timers.delete(m.id);
        return;
      }
      const p = this.pending.get(m.id);
      if (!p) {
        // A transaction that began after its caller gave up: roll it back so it holds nothing.
        if (this.abandoned.delete(m.id) && m.ok)
          this.worker.postMessage({ id: this.nextId++, op: 'end', txId: m.value, commit: false });
        return;
      }
      this.pending.delete(m.id);
      this.sentAt.delete(m.id);
      if (m.ok) p.resolve(m.value);
      else p.reject(toError(m.error));
    });
    this.worker.on('error', (err) => this.failAll(err));
    this.worker.on('exit', (code) => {
      if (!this.closed) this.failAll(new Error(`the embedded database thread stopped (exit code ${code})`));
    });
  }

  private failAll(err: Error) {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    this.sentAt.clear();
  }

  private call<T>(c: Call): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the embedded database is closed'));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const done = () => timer && clearTimeout(timer);
      this.pending.set(id, {
        resolve: (v) => (done(), this.timers.delete(id), resolve(v as T)),
        reject: (e) => (done(), this.timers.delete(id), reject(e)),
      });
      this.sentAt.set(id, Date.now());
      this.worker.postMessage({ ...c, id });
      // A call that has not started by its deadline is skipped by the worker; one stuck behind a long query
      // is given up here a moment later, so the request answers 503 instead of waiting. Once the worker
      // says it has started, it is waited for (PGlite cannot stop a running statement).
      if ('deadline' in c && Number.isFinite(c.deadline) && !('txId' in c && c.txId !== undefined)) {
        timer = setTimeout(
          () => {
            this.pending.delete(id);
            this.sentAt.delete(id);
            if (c.op === 'begin') this.abandoned.add(id);
            reject(Object.assign(new Error('waited for the database past its deadline'), { code: TIMEOUT_CODE }));
          },
          Math.max(0, c.deadline - Date.now()) + 1000,
        );
        timer.unref();
        this.timers.set(id, timer);
      }
    });
  }

  /** When a call sent now must have started (0 for `queryWaitMs`: never late). */
  private deadline(): number {
    return this.queryWaitMs > 0 ? Date.now() + this.queryWaitMs : Infinity;
  }

  /**
   * Resolves once no call has been waiting or running for `quietMs` (the requests under way have finished
   * their queries, even those that send the next one a moment after the last), or after `maxMs` at most.
   * Background work calls it between its steps, so that requests queued meanwhile go first.
   */
  async quiet(maxMs: number, quietMs = 5): Promise<void> {
    const until = Date.now() + maxMs;
    let idleSince = this.pending.size === 0 ? Date.now() : Infinity;
    while (Date.now() < until) {
      if (this.pending.size > 0) idleSince = Infinity;
      else if (idleSince === Infinity) idleSince = Date.now();
      else if (Date.now() - idleSince >= quietMs) return;
      await new Promise((r) => setTimeout(r, 1));
    }
  }

  /** Milliseconds the oldest unanswered call has waited (0 when idle): the health check reads it. */
  busyForMs(): number {
    let oldest = Infinity;
    for (const at of this.sentAt.values()) oldest = Math.min(oldest, at);
    return oldest === Infinity ? 0 : Date.now() - oldest;
  }

  async query<T>(sql: string, params: unknown[] = [], options: QueryOptions = {}, txId?: number): Promise<Results<T>> {
    if (txId === undefined) assertOutsideTransaction();
    const parsers = options.parsers ?? {};
    const rawTypes = Object.keys(parsers).map(Number);
    const res = await this.call<Results<T>>({
      op: 'query',
      sql,
      params,
      rowMode: options.rowMode,
      rawTypes,
      blob: options.blob,
      txId,
      deadline: this.deadline(),
    });
    // The worker returned these types as text; the caller's parsers turn them into values here.
    if (rawTypes.length > 0 && res.rows.length > 0) {
      const byColumn = res.fields.map((f) => parsers[f.dataTypeID]);
      if (byColumn.some(Boolean)) {
        for (const row of res.rows as unknown[]) {
          const r = row as Record<string | number, unknown>;
          res.fields.forEach((f, i) => {
            const parse = byColumn[i];
            const key = options.rowMode === 'array' ? i : f.name;
            if (parse && r[key] !== null && r[key] !== undefined) r[key] = parse(r[key] as string, f.dataTypeID);
          });
        }
      }
    }
    return res;
  }

  async exec(sql: string, _options?: unknown, txId?: number): Promise<Results[]> {
    if (txId === undefined) assertOutsideTransaction();
    return this.call<Results[]>({ op: 'exec', sql, txId, deadline: this.deadline() });
  }

  async transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
    // A transaction begun inside another would wait for it for ever (drizzle nests with savepoints instead).
    assertOutsideTransaction();
    const txId = await this.call<number>({
      op: 'begin',
      deadline: this.deadline(),
      timeoutMs: this.transactionTimeoutMs,
    });
    let open = true;
    let rolledBack = false;
    const tx: Transaction = {
      query: <R>(sql: string, params?: unknown[], options?: QueryOptions) => this.query<R>(sql, params, options, txId),
      sql: () => Promise.reject(new Error('tagged templates are not offered through the thread')),
      exec: (sql: string) => this.exec(sql, undefined, txId),
      rollback: async () => {
        rolledBack = true;
        throw new Error('rolled back');
      },
      listen: () => Promise.reject(new Error('LISTEN is not offered through the thread')),
      get closed() {
        return !open;
      },
    };
    let result: T;
    try {
      result = await asTransactionBody(() => fn(tx));
    } catch (err) {
      open = false;
      await this.call({ op: 'end', txId, commit: false }).catch(() => undefined);
      throw err;
    }
    open = false;
    await this.call({ op: 'end', txId, commit: !rolledBack });
    return result;
  }

  /** The whole data folder as a tarball (tests start from a migrated template). */
  dumpDataDir(): Promise<Blob> {
    return this.call<Blob>({ op: 'dump' });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.call({ op: 'close' }).catch(() => undefined);
    this.closed = true;
    await this.worker.terminate();
  }
}
