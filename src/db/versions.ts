/**
 * The data version of this process, without a query when it can be known exactly (ADR 0019). Every command
 * bumps it when it commits (services/command.ts). Embedded PGlite has one server process per data folder
 * (lock.ts), so its own commits are all there is: exact. On PostgreSQL other servers write too: each command
 * also sends `pg_notify(CHANNEL)` inside its transaction (delivered when it commits), and a connection
 * LISTENing here bumps the version on each one; while that connection is down (or not yet up) the version is
 * not exact and readers ask the database (`services/data-version.ts` dataVersion), and the version moves
 * when it comes back, since what was missed meanwhile is unknown.
 *
 * What it keys (kept answers, signed-in sessions) is per process: the value means nothing elsewhere.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const CHANGE_CHANNEL = 'nv_data_changed';

/**
 * What a commit may have changed: `data` — only the tasks and their documents, files and views, so the
 * reference names, the settings and the sign-ins kept for seconds still hold; `any` — anything (and whenever it
 * is not known). Sent as the notice's payload on PostgreSQL.
 */
export type ChangeKind = 'data' | 'any';

export class DataVersions {
  private counter = 0;
  private exactNow: boolean;
  private readonly epoch = randomBytes(4).toString('hex');
  private readonly bumped = new Set<(kind: ChangeKind) => void>();

  constructor(exact: boolean) {
    this.exactNow = exact;
  }

  /** Whether `value` moves with every committed write anywhere (no query needed). */
  get exact(): boolean {
    return this.exactNow;
  }

  /** The exact version, or null when it is not known without asking the database. */
  get value(): string | null {
    return this.exactNow ? `${this.epoch}:${this.counter}` : null;
  }

  /** A write committed (here, or elsewhere as told by the database), which changed `kind`. */
  bump(kind: ChangeKind = 'any'): void {
    this.counter += 1;
    for (const f of this.bumped) f(kind);
  }

  /** Told by the listening connection whether it is up: either way, what was missed is unknown. */
  setExact(up: boolean): void {
    this.exactNow = up;
    this.bump();
  }

  onBump(f: (kind: ChangeKind) => void): () => void {
    this.bumped.add(f);
    return () => this.bumped.delete(f);
  }
}

/** How often the listening connection proves it still hears, and how long it may take. */
export const HEARTBEAT_EVERY_MS = 15_000;
export const HEARTBEAT_WITHIN_MS = 5_000;

/**
 * PostgreSQL: one connection LISTENing on CHANGE_CHANNEL for `versions`, connected again a second after it
 * drops. A link can die without a word (a firewall dropping an idle connection; a transaction-pooling proxy
 * that never passes notices on): every HEARTBEAT_EVERY_MS the connection sends itself a notice and must hear
 * it back within HEARTBEAT_WITHIN_MS, or it is dropped (the version is then not exact until a new one hears
 * its first heartbeat). Returns the function that stops it.
 */
export function listenForChanges(
  connectionString: string,
  versions: DataVersions,
  timing = { everyMs: HEARTBEAT_EVERY_MS, withinMs: HEARTBEAT_WITHIN_MS },
): () => Promise<void> {
  let client: pg.Client | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let beat = 0;
  const tag = randomBytes(4).toString('hex');
  const again = () => {
    if (stopped) return;
    timer = setTimeout(() => void connect(), 1_000);
    timer.unref();
  };
  /** Sends a heartbeat on `c` and resolves true when it is heard back in time. */
  const heartbeat = (c: pg.Client, heard: Map<string, () => void>): Promise<boolean> =>
    new Promise((resolve) => {
      const payload = `hb:${tag}:${++beat}`;
      const late = setTimeout(() => {
        heard.delete(payload);
        resolve(false);
      }, timing.withinMs);
      late.unref();
      heard.set(payload, () => {
        clearTimeout(late);
        resolve(true);
      });
      c.query('select pg_notify($1, $2)', [CHANGE_CHANNEL, payload]).catch(() => undefined);
    });
  const connect = async () => {
    const c = new pg.Client({ connectionString, keepAlive: true });
    const heard = new Map<string, () => void>();
    let beating: NodeJS.Timeout | undefined;
    c.on('error', () => undefined);
    c.on('notification', (n) => {
      const payload = n.payload ?? '';
      // Heartbeats (this server's or another's) are not changes.
      if (payload.startsWith('hb:')) heard.get(payload)?.();
      else versions.bump(payload === 'data' ? 'data' : 'any');
    });
    c.on('end', () => {
      clearInterval(beating);
      if (client !== c) return;
      client = null;
      versions.setExact(false);
      again();
    });
    // Not heard: not exact from now on (a dead link may take long to end), and a new connection is tried.
    const drop = () => {
      clearInterval(beating);
      if (client === c) {
        client = null;
        versions.setExact(false);
        again();
      }
      void c.end().catch(() => undefined);
    };
    try {
      await c.connect();
      await c.query(`listen ${CHANGE_CHANNEL}`);
      if (!(await heartbeat(c, heard))) throw new Error('the listening connection does not hear its notices');
      if (stopped) {
        await c.end();
        return;
      }
      client = c;
      versions.setExact(true);
      beating = setInterval(() => {
        void heartbeat(c, heard).then((ok) => {
          if (!ok) drop();
        });
      }, timing.everyMs);
      beating.unref();
    } catch {
      clearInterval(beating);
      await c.end().catch(() => undefined);
      again();
    }
  };
  void connect();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    const c = client;
    client = null;
    versions.setExact(false);
    await c?.end().catch(() => undefined);
  };
}
