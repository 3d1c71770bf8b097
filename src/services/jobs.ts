/**
 * Background jobs kept in the database (`jobs`), run inside the server process (ADR 0012).
 *
 * A job is a row: a kind, a payload, who asked for it, a status (queued → running → done | failed), when it
 * may run and until when the process that took it holds it (`locked_until`, on the app clock). Any server
 * process may claim a due job with one conditional update (`for update skip locked`), so two processes never
 * run the same job; a process that dies leaves its job locked until the lease ends, then another takes it.
 *
 * Adding a kind is one registration: `jobs.register({ kind, run, maxAttempts? })`; a recurring one (the
 * sweeps of old files and kept results) is `jobs.registerRecurring({ kind, run, everyMs })`: when the runner
 * looks at the queue it puts in one job per span of `everyMs` (app clock), kept single across servers by its
 * dedupe key (`kind@start of the span`). The handler gets the
 * payload, a progress callback (0–100; it also renews the lease) and an AbortSignal raised when the app
 * closes; what it returns is stored as the job's result. A thrown error is retried with a growing delay up
 * to `maxAttempts`; `PermanentJobError` fails at once. `stop()` (on app close) stops polling, aborts the
 * running handler, puts its job back in the queue and waits for it: no timer or handle is left behind.
 */
import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../db/client.js';
import type { AppDeps } from './deps.js';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface JobRow {
  id: number;
  kind: string;
  dedupeKey: string | null;
  payload: unknown;
  status: JobStatus;
  runAt: Date;
  lockedUntil: Date | null;
  attempts: number;
  progress: number;
  result: unknown;
  lastError: string | null;
  createdBy: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface JobContext {
  job: JobRow;
  deps: AppDeps;
  /** Reports how far the job is (0–100); renews the lease. Cheap to call often: writes only on change. */
  progress(percent: number): Promise<void>;
  /** Raised when the server is stopping: the handler should stop soon (it is queued again). */
  signal: AbortSignal;
}

export interface JobKind {
  kind: string;
  run(ctx: JobContext): Promise<unknown>;
  /** Attempts before the job is marked failed (default 3). */
  maxAttempts?: number;
}

export interface RecurringJobKind extends JobKind {
  /** Runs once in each span of this length of app clock (a day: once a day, from midnight UTC). */
  everyMs: number;
}

/** An error no retry can fix (a bad payload, a record gone): the job fails at once. */
export class PermanentJobError extends Error {}

export interface JobRunnerOptions {
  /** How long a claim holds a job without a sign of life (default 2 min of app clock). */
  leaseMs?: number;
  /** How often the queue is looked at when idle (real time; default 2 s). */
  pollMs?: number;
  /** The first retry waits this long (app clock), doubling at each attempt (default 30 s). */
  retryDelayMs?: number;
}

interface Raw {
  id: string | number;
  kind: string;
  dedupe_key: string | null;
  payload: unknown;
  status: JobStatus;
  run_at: Date | string;
  locked_until: Date | string | null;
  attempts: number;
  progress: number;
  result: unknown;
  last_error: string | null;
  created_by: number | null;
  created_at: Date | string;
  updated_at: Date | string;
}

const date = (d: Date | string) => (d instanceof Date ? d : new Date(d));

export function jobOf(r: Raw): JobRow {
  return {
    id: Number(r.id),
    kind: r.kind,
    dedupeKey: r.dedupe_key,
    payload: r.payload,
    status: r.status,
    runAt: date(r.run_at),
    lockedUntil: r.locked_until === null ? null : date(r.locked_until),
    attempts: Number(r.attempts),
    progress: Number(r.progress),
    result: r.result,
    lastError: r.last_error,
    createdBy: r.created_by === null ? null : Number(r.created_by),
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
  };
}

export interface NewJob {
  kind: string;
  payload: unknown;
  createdBy?: number | null;
  /** One job per key: a second enqueue with the same key returns the first job (reminders of a day…). */
  dedupeKey?: string | null;
  runAt?: Date;
}

/**
 * Puts a job in the queue, through the executor given (inside a command's transaction, the job exists only
 * if the command commits). Call `jobs.wake()` after the commit to start it without waiting for the poll.
 */
export async function enqueueJob(ex: Executor, now: Date, j: NewJob): Promise<JobRow> {
  const [r] = await rows<Raw>(
    ex,
    sql`insert into jobs (kind, dedupe_key, payload, status, run_at, created_by, created_at, updated_at)
        values (${j.kind}, ${j.dedupeKey ?? null}, ${JSON.stringify(j.payload ?? {})}::jsonb, 'queued',
                ${j.runAt ?? now}, ${j.createdBy ?? null}, ${now}, ${now})
        on conflict (dedupe_key) do nothing
        returning *`,
  );
  if (r) return jobOf(r);
  const [existing] = await rows<Raw>(ex, sql`select * from jobs where dedupe_key = ${j.dedupeKey ?? null}`);
  return jobOf(existing!);
}

export async function loadJob(ex: Executor, id: number): Promise<JobRow | null> {
  const [r] = await rows<Raw>(ex, sql`select * from jobs where id = ${id}`);
  return r ? jobOf(r) : null;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 2000);

export class JobRunner {
  private readonly kinds = new Map<string, JobKind>();
  private readonly recurring = new Map<string, { everyMs: number; last: number | null }>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private abort: AbortController | null = null;
  private started = false;
  private stopped = false;
  private again = false;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly retryDelayMs: number;

  constructor(
    private readonly deps: AppDeps,
    opts: JobRunnerOptions = {},
  ) {
    this.leaseMs = opts.leaseMs ?? 120_000;
    this.pollMs = opts.pollMs ?? 2_000;
    this.retryDelayMs = opts.retryDelayMs ?? 30_000;
  }

  register(k: JobKind): void {
    if (this.kinds.has(k.kind)) throw new Error(`job kind ${k.kind} registered twice`);
    this.kinds.set(k.kind, k);
  }

  /** A kind that runs once in every span of `everyMs` of app clock (see the module's comment). */
  registerRecurring(k: RecurringJobKind): void {
    if (!(k.everyMs >= 60_000)) throw new Error(`recurring job ${k.kind} must run at most once a minute`);
    this.register(k);
    this.recurring.set(k.kind, { everyMs: k.everyMs, last: null });
  }

  /** Puts in the queue this span's job of each recurring kind, once per span and process. */
  private async queueRecurring(): Promise<void> {
    const now = this.deps.now();
    for (const [kind, r] of this.recurring) {
      const start = Math.floor(now.getTime() / r.everyMs) * r.everyMs;
      if (r.last === start) continue;
      const at = new Date(start);
      await enqueueJob(this.deps.db, now, { kind, payload: {}, dedupeKey: `${kind}@${at.toISOString()}`, runAt: at });
      r.last = start;
    }
  }

  /** Starts polling the queue (the app's onReady). */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.wake();
  }

  /** Looks at the queue now (after an enqueue) instead of at the next poll. */
  wake(): void {
    if (!this.started || this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.drain().then(
      () => undefined,
      () => undefined,
    );
    void this.running.finally(() => {
      this.running = null;
      if (this.stopped) return;
      if (this.again) {
        this.again = false;
        this.wake();
      } else this.schedule();
    });
  }

  private schedule(): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.wake();
    }, this.pollMs);
    // A waiting poll never keeps the process alive on its own.
    this.timer.unref();
  }

  /** Stops polling, aborts the running job (queued again) and waits for it to let go. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.abort?.abort();
    await this.running?.catch(() => undefined);
  }

  /** Runs due jobs one after the other until none is left. */
  private async drain(): Promise<number> {
    let n = 0;
    try {
      await this.queueRecurring();
    } catch {
      // The database is busy or closing: queued at the next look.
    }
    while (!this.stopped) {
      let job: JobRow | null;
      try {
        job = await this.claim();
      } catch {
        // The database is busy or closing: try again at the next poll.
        return n;
      }
      if (!job) return n;
      await this.runOne(job);
      n++;
    }
    return n;
  }

  private async claim(): Promise<JobRow | null> {
    const kinds = [...this.kinds.keys()];
    if (kinds.length === 0) return null;
    const now = this.deps.now();
    const until = new Date(now.getTime() + this.leaseMs);
    const [r] = await rows<Raw>(
      this.deps.db,
      sql`update jobs set status = 'running', locked_until = ${until}, attempts = attempts + 1, updated_at = ${now}
          where id = (
            select id from jobs
            where kind in ${kinds}
              and ((status = 'queued' and run_at <= ${now}) or (status = 'running' and locked_until < ${now}))
            order by run_at, id limit 1
            for update skip locked)
          returning *`,
    );
    return r ? jobOf(r) : null;
  }

  private async runOne(job: JobRow): Promise<void> {
    const kind = this.kinds.get(job.kind)!;
    const abort = new AbortController();
    this.abort = abort;
    let last = job.progress;
    let renewed = this.deps.now().getTime();
    const db = this.deps.db;
    const ctx: JobContext = {
      job,
      deps: this.deps,
      signal: abort.signal,
      progress: async (percent) => {
        const p = Math.max(0, Math.min(100, Math.floor(percent)));
        const now = this.deps.now();
        // Each report renews the lease; a slow job that stays on one percent still renews it in time.
        if (p === last && now.getTime() - renewed < this.leaseMs / 4) return;
        last = p;
        renewed = now.getTime();
        await db.execute(
          sql`update jobs set progress = ${p}, locked_until = ${new Date(now.getTime() + this.leaseMs)}, updated_at = ${now}
              where id = ${job.id} and status = 'running'`,
        );
      },
    };
    try {
      const result = await kind.run(ctx);
      if (abort.signal.aborted) throw new AbortedJob();
      await db.execute(
        sql`update jobs set status = 'done', progress = 100, result = ${JSON.stringify(result ?? null)}::jsonb,
              locked_until = null, last_error = null, updated_at = ${this.deps.now()}
            where id = ${job.id} and status = 'running' and attempts = ${job.attempts}`,
      );
    } catch (err) {
      const now = this.deps.now();
      if (abort.signal.aborted) {
        // Stopped by the server's shutdown, not by the job: back in the queue, the attempt not counted.
        await db
          .execute(
            sql`update jobs set status = 'queued', attempts = greatest(attempts - 1, 0), locked_until = null,
                  run_at = ${now}, updated_at = ${now} where id = ${job.id} and status = 'running' and attempts = ${job.attempts}`,
          )
          .catch(() => undefined);
        return;
      }
      const final = err instanceof PermanentJobError || job.attempts >= (kind.maxAttempts ?? 3);
      const retryAt = new Date(now.getTime() + this.retryDelayMs * 2 ** Math.max(0, job.attempts - 1));
      await db
        .execute(
          sql`update jobs set status = ${final ? 'failed' : 'queued'}, last_error = ${message(err)},
                locked_until = null, run_at = ${final ? job.runAt : retryAt}, updated_at = ${now}
              where id = ${job.id} and status = 'running' and attempts = ${job.attempts}`,
        )
        .catch(() => undefined);
    } finally {
      if (this.abort === abort) this.abort = null;
    }
  }
}

class AbortedJob extends Error {}
