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

export class DataVersions {
  private counter = 0;
  private exactNow: boolean;
  private readonly epoch = randomBytes(4).toString('hex');
  private readonly bumped = new Set<() => void>();

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

  /** A write committed (here, or elsewhere as told by the database). */
  bump(): void {
    this.counter += 1;
    for (const f of this.bumped) f();
  }

  /** Told by the listening connection whether it is up: either way, what was missed is unknown. */
  setExact(up: boolean): void {
    this.exactNow = up;
    this.bump();
  }

  onBump(f: () => void): () => void {
    this.bumped.add(f);
    return () => this.bumped.delete(f);
  }
}

/**
 * PostgreSQL: one connection LISTENing on CHANGE_CHANNEL for `versions`, connected again a second after it
 * drops. Returns the function that stops it.
 */
export function listenForChanges(connectionString: string, versions: DataVersions): () => Promise<void> {
  let client: pg.Client | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const again = () => {
    if (stopped) return;
    timer = setTimeout(() => void connect(), 1_000);
    timer.unref();
  };
  const connect = async () => {
    const c = new pg.Client({ connectionString });
    c.on('error', () => undefined);
    c.on('notification', () => versions.bump());
    c.on('end', () => {
      if (client !== c) return;
      client = null;
      versions.setExact(false);
      again();
    });
    try {
      await c.connect();
      await c.query(`listen ${CHANGE_CHANNEL}`);
      if (stopped) {
        await c.end();
        return;
      }
      client = c;
      versions.setExact(true);
    } catch {
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
