/**
 * The working calendar as the server uses it: the statutory days (src/domain/calendar.ts) with the admin's
 * corrections from `calendar_days`, loaded into memory and reloaded when they change.
 */
import { asc } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { calendarDays } from '../db/schema.js';
import { WorkingCalendar, type CalendarOverride } from '../domain/calendar.js';

const RELOAD_MS = 60_000;

export class CalendarService {
  private overrides = new Map<number, CalendarOverride[]>();
  private loadedAt = 0;
  private calendar = new WorkingCalendar((year) => this.overrides.get(year) ?? []);

  constructor(private readonly db: Db) {}

  /** Loads the corrections if they are older than a minute (other servers may have changed them). */
  async get(): Promise<WorkingCalendar> {
    if (Date.now() - this.loadedAt > RELOAD_MS) await this.reload();
    return this.calendar;
  }

  async reload(): Promise<void> {
    const list = await this.db.select().from(calendarDays).orderBy(asc(calendarDays.date));
    const next = new Map<number, CalendarOverride[]>();
    for (const row of list) {
      const year = Number(row.date.slice(0, 4));
      const arr = next.get(year) ?? [];
      arr.push({ date: row.date, kind: row.kind, nameVi: row.nameVi ?? undefined, nameEn: row.nameEn ?? undefined });
      next.set(year, arr);
    }
    this.overrides = next;
    this.calendar.invalidate();
    this.loadedAt = Date.now();
  }
}
