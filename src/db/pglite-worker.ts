/**
 * The embedded database's own thread. PGlite runs every query on the thread that calls it (PostgreSQL
 * compiled to WebAssembly, one session): on the server's main thread a 300 ms statistics query would stop
 * every other request, health checks included. Here it runs in a worker thread; `pglite-thread.ts` is the
 * other side and speaks to it with the messages below.
 *
 * Deadlines are enforced here, where the queue is: a query or transaction that could not start before its
 * deadline is not run at all, and a transaction held open longer than its limit is rolled back.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { PGlite, type Results, type Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { TIMEOUT_CODE, type Reply, type Request, type WireError, type WorkerInit } from './pglite-protocol.js';

function wireError(err: unknown): WireError {
  const e = err as Record<string, unknown> & { message?: string };
  const fields: Record<string, unknown> = {};
  for (const key of [
    'code',
    'severity',
    'detail',
    'hint',
    'position',
    'schema',
    'table',
    'column',
    'dataType',
    'constraint',
    'routine',
  ]) {
    if (e && e[key] !== undefined) fields[key] = e[key];
  }
  return { message: String(e?.message ?? err), fields };
}

function timeout(message: string): Error {
  return Object.assign(new Error(message), { code: TIMEOUT_CODE });
}
const LATE = 'waited for the database past its deadline';
const HELD = 'the transaction was held open too long and was rolled back';

const identity = (v: string) => v;
const rawParsers = (types: number[]) => Object.fromEntries(types.map((t) => [t, identity]));

interface OpenTx {
  tx: Transaction;
  finish: (commit: boolean) => void;
  timer: NodeJS.Timeout;
  timedOut: boolean;
}

async function start(init: WorkerInit) {
  const port = parentPort!;
  const pg = new PGlite({ dataDir: init.dataDir, extensions: { pg_trgm }, loadDataDir: init.loadDataDir });
  await pg.waitReady;
  const txs = new Map<number, OpenTx>();
  const settlements = new Map<number, Promise<void>>();
  const markStarted = (id: number) => port.postMessage({ id, started: true } satisfies Reply);
  let nextTx = 1;

  // The one session, taken in turn: by a transaction from its begin to its end, by any other call while it
  // runs. Kept here rather than left to PGlite's own lock so that a call knows when it really starts.
  let queue: Promise<void> = Promise.resolve();
  const takeSession = (): Promise<() => void> => {
    let release!: () => void;
    const held = new Promise<void>((ok) => (release = ok));
    const turn = queue.then(() => release);
    queue = queue.then(() => held);
    return turn;
  };
  /** Runs `fn` on its turn, unless its deadline passed while it waited. */
  const onTurn = async <T>(id: number, deadline: number, fn: () => Promise<T>): Promise<T> => {
    const release = await takeSession();
    try {
      if (Date.now() > deadline) throw timeout(LATE);
      markStarted(id);
      return await fn();
    } finally {
      release();
    }
  };

  const target = (txId: number) => {
    const open = txs.get(txId);
    if (!open) throw new Error('the transaction is already closed');
    if (open.timedOut) throw timeout(HELD);
    return open.tx;
  };

  const begin = async (deadline: number, timeoutMs: number): Promise<number> => {
    const release = await takeSession();
    if (Date.now() > deadline) {
      release();
      throw timeout(LATE);
    }
    const txId = nextTx++;
    return new Promise<number>((resolve, reject) => {
      let started = false;
      const settled = pg
        .transaction(async (tx) => {
          started = true;
          await new Promise<void>((ok, fail) => {
            const open: OpenTx = {
              tx,
              finish: (commit) => {
                clearTimeout(open.timer);
                txs.delete(txId);
                if (commit) ok();
                else fail(new Error('rolled back'));
              },
              // 0: no limit (migrations, bulk loads).
              timer: setTimeout(
                () => {
                  if (timeoutMs <= 0) return;
                  open.timedOut = true;
                  fail(timeout(HELD));
                },
                timeoutMs > 0 ? timeoutMs : 2 ** 31 - 1,
              ),
              timedOut: false,
            };
            txs.set(txId, open);
            resolve(txId);
          });
        })
        .then(
          () => undefined,
          (err: unknown) => {
            if (!started) return reject(err);
            // A rollback asked for by the other side is not an error here.
            if ((err as Error).message !== 'rolled back') throw err;
          },
        )
        .finally(release);
      // Awaited by the `end` message; until then a failure (a timed-out transaction) is not unhandled.
      settled.catch(() => undefined);
      settlements.set(txId, settled);
    });
  };

  const results = (r: Results) => ({ rows: r.rows, fields: r.fields, affectedRows: r.affectedRows });

  const handle = async (m: Request): Promise<unknown> => {
    switch (m.op) {
      case 'query': {
        const options = {
          rowMode: m.rowMode,
          parsers: rawParsers(m.rawTypes),
          ...(m.blob ? { blob: m.blob } : {}),
        };
        if (m.txId !== undefined) return results(await target(m.txId).query(m.sql, m.params, options));
        return onTurn(m.id, m.deadline, async () => results(await pg.query(m.sql, m.params, options)));
      }
      case 'exec': {
        if (m.txId !== undefined) return (await target(m.txId).exec(m.sql)).map(results);
        return onTurn(m.id, m.deadline, async () => (await pg.exec(m.sql)).map(results));
      }
      case 'begin':
        return begin(m.deadline, m.timeoutMs);
      case 'end': {
        const open = txs.get(m.txId);
        const settled = settlements.get(m.txId);
        settlements.delete(m.txId);
        if (!open) throw new Error('no such transaction');
        if (open.timedOut) {
          // Rolled back when it ran out of time: a commit must fail loudly.
          txs.delete(m.txId);
          await settled?.catch(() => undefined);
          if (m.commit) throw timeout(HELD);
          return null;
        }
        open.finish(m.commit);
        await settled;
        return null;
      }
      case 'dump':
        return onTurn(m.id, Infinity, () => pg.dumpDataDir('none'));
      case 'close':
        for (const open of txs.values()) open.finish(false);
        await pg.close();
        return null;
    }
  };

  port.on('message', (m: Request) => {
    handle(m).then(
      (value) => port.postMessage({ id: m.id, ok: true, value } satisfies Reply),
      (err: unknown) => port.postMessage({ id: m.id, ok: false, error: wireError(err) } satisfies Reply),
    );
  });
  port.postMessage({ id: 0, ok: true, value: 'ready' } satisfies Reply);
}

if (!isMainThread) {
  start((workerData as { init: WorkerInit }).init).catch((err: unknown) => {
    parentPort!.postMessage({ id: 0, ok: false, error: wireError(err) } satisfies Reply);
  });
}
