/**
 * One rule for both databases: code running inside a transaction uses that transaction, never another
 * handle. On PGlite (one session) a query through the main handle waits for the open transaction to end,
 * which waits for the query: the server hung this way. On PostgreSQL the same mistake takes a second pool
 * connection per request and, under load, leaves every connection "idle in transaction". Both drivers
 * check `assertOutsideTransaction()` before they use the main handle, so the mistake fails at once, in
 * tests, with a message that says what to do.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

interface Open {
  open: boolean;
}

const current = new AsyncLocalStorage<Open>();

/** A query was sent through another handle from inside an open transaction: a programming error. */
export class OutsideTransactionError extends Error {
  constructor() {
    super(
      'A query was sent outside the open transaction from inside it; it would wait for that transaction. ' +
        'Pass the transaction (w.tx) to the code that runs the query.',
    );
    this.name = 'OutsideTransactionError';
  }
}

/** Runs `fn` as the body of a transaction: until it settles, the main handle refuses queries. */
export async function asTransactionBody<T>(fn: () => Promise<T>): Promise<T> {
  const state: Open = { open: true };
  try {
    return await current.run(state, fn);
  } finally {
    state.open = false;
  }
}

export function assertOutsideTransaction(): void {
  if (current.getStore()?.open) throw new OutsideTransactionError();
}
