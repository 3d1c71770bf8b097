/**
 * Which database failures mean "not now" rather than "bad input" or "bug": timeouts, cancelled statements,
 * a full or unreachable server. The error handler answers them 503 with a message to try again.
 */
import { TIMEOUT_CODE } from './pglite-protocol.js';

const UNAVAILABLE_CODES = new Set([
  TIMEOUT_CODE,
  '57014', // query_canceled: statement_timeout
  '25P03', // idle_in_transaction_session_timeout
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '08000',
  '08001',
  '08003',
  '08006', // connection exceptions
  'ECONNREFUSED',
  'ECONNRESET',
]);

const UNAVAILABLE_MESSAGES = [
  'timeout exceeded when trying to connect', // pg-pool: no connection within connectionTimeoutMillis
  'Connection terminated',
  'the embedded database thread stopped',
];

export function isUnavailable(err: unknown): boolean {
  for (
    let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 5;
    depth++
  ) {
    if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.some((m) => (e!.message as string).includes(m)))
      return true;
    e = e.cause as typeof e;
  }
  return false;
}
