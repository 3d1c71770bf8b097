/**
 * The working calendar as the server uses it: the statutory days (src/domain/calendar.ts) with the admin's
 * corrections from `calendar_days`, kept in memory and reloaded when they change here, or when they are
 * older than a minute (another server may have changed them).
 *
 * The reload reads through the executor it is given: inside a write, the transaction (`w.tx`). Reading
 * through the main handle from inside a transaction once hung the server (PGlite has one session); the
 * database guard (src/db/guard.ts) now refuses that at once.
 */
import { asc } from 'drizzle-orm';
import type { Db, Executor } from '../db/client.js';
import { calendarDays } from '../db/schema.js';
import { WorkingCalendar, type CalendarOverride } from '../domain/calendar.js';

export const CALENDAR_RELOAD_MS = 60_000;

export class CalendarService {
  private overrides = new Map<number, CalendarOverride[]>();
  private loadedAt = -Infinity;
  private loading: Promise<void> | null = null;
  private calendar = new WorkingCalendar((year) => this.overrides.get(year) ?? []);

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * The calendar, reloaded first when the corrections are older than a minute, through `ex`: the
   * transaction when called inside one (required, so that no call site can forget).
   */
  async get(ex: Executor): Promise<WorkingCalendar> {
    if (this.now().getTime() - this.loadedAt > CALENDAR_RELOAD_MS) await this.reload(ex);
    return this.calendar;
  }

  async reload(ex: Executor): Promise<void> {
    // Concurrent callers outside transactions share one load; one inside a transaction reads its own.
    if (ex === this.db && this.loading) return this.loading;
    const load = this.load(ex);
    if (ex === this.db) {
      this.loading = load;
      load.finally(() => (this.loading = null)).catch(() => undefined);
    }
    return load;
  }

  private async load(ex: Executor): Promise<void> {
    const list = await ex.select().from(calendarDays).orderBy(asc(calendarDays.date));
    const next = new Map<number, CalendarOverride[]>();
    for (const row of list) {
      const year = Number(row.date.slice(0, 4));
      const arr = next.get(year) ?? [];
      arr.push({ date: row.date, kind: row.kind, nameVi: row.nameVi ?? undefined, nameEn: row.nameEn ?? undefined });
      next.set(year, arr);
    }
    this.overrides = next;
    this.calendar.invalidate();
    this.loadedAt = this.now().getTime();
  }
}
