/** The messages between the server's thread and the embedded database's thread (`pglite-worker.ts`). */

export interface WorkerInit {
  dataDir?: string;
  loadDataDir?: Blob;
}

export type Request =
  | {
      id: number;
      op: 'query';
      sql: string;
      params: unknown[];
      rowMode?: 'array' | 'object';
      rawTypes: number[];
      blob?: Blob;
      txId?: number;
      deadline: number;
    }
  | { id: number; op: 'exec'; sql: string; txId?: number; deadline: number }
  | { id: number; op: 'begin'; deadline: number; timeoutMs: number }
  | { id: number; op: 'end'; txId: number; commit: boolean }
  | { id: number; op: 'dump' }
  | { id: number; op: 'close' };

export interface WireError {
  message: string;
  /** PostgreSQL's error fields (code, detail, constraint, column…) and our own `code` for timeouts. */
  fields: Record<string, unknown>;
}

export type Reply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: WireError }
  /** The call has begun to run: from now on it is waited for (a running query cannot be stopped). */
  | { id: number; started: true };

/** Raised by the worker, and recognised by the server's error handler: the database could not answer in time. */
export const TIMEOUT_CODE = 'NV_DB_TIMEOUT';
