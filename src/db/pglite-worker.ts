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
  let nextTx = 1;

  const target = (txId: number | undefined) => {
    if (txId === undefined) return pg;
    const open = txs.get(txId);
    if (!open) throw new Error('the transaction is already closed');
    if (open.timedOut) throw timeout(HELD);
    return open.tx;
  };

  const begin = (deadline: number, timeoutMs: number) =>
    new Promise<number>((resolve, reject) => {
      const txId = nextTx++;
      let started = false;
      const settled = pg
        .transaction(async (tx) => {
          if (Date.now() > deadline) throw timeout(LATE);
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
        );
      // Awaited by the `end` message; until then a failure (a timed-out transaction) is not unhandled.
      settled.catch(() => undefined);
      settlements.set(txId, settled);
    });
  const settlements = new Map<number, Promise<void>>();

  const handle = async (m: Request): Promise<unknown> => {
    switch (m.op) {
      case 'query': {
        const t = target(m.txId);
        if (m.txId === undefined && Date.now() > m.deadline) throw timeout(LATE);
        const res: Results = await t.query(m.sql, m.params, {
          rowMode: m.rowMode,
          parsers: rawParsers(m.rawTypes),
          ...(m.blob ? { blob: m.blob } : {}),
        });
        return { rows: res.rows, fields: res.fields, affectedRows: res.affectedRows };
      }
      case 'exec': {
        const t = target(m.txId);
        if (m.txId === undefined && Date.now() > m.deadline) throw timeout(LATE);
        const list = await t.exec(m.sql);
        return list.map((r) => ({ rows: r.rows, fields: r.fields, affectedRows: r.affectedRows }));
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
        return pg.dumpDataDir('none');
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
