/**
 * The Vietnamese statutory calendar for civil servants and working-day
 * arithmetic for deadlines.
 *
 * Public holidays (ngày nghỉ lễ, tết) follow the Labour Code in force in each
 * year:
 *  - Labour Code 1994, art. 73 (used here for every year up to Tết 2013;
 *    before 1995 this is an approximation): Tết Dương lịch 1 day, Tết Âm lịch
 *    4 days, 30/4, 1/5, 2/9. Law 84/2007/QH11 added Giỗ Tổ Hùng Vương
 *    (10/3 lunar) from 2007.
 *  - Labour Code 2012, art. 115 (in force 1/5/2013, so from Tết 2014):
 *    Tết Âm lịch 5 days.
 *  - Labour Code 2019, art. 112 (in force 1/1/2021): Quốc khánh 2 days
 *    (2/9 plus the day before or after, chosen by the Prime Minister).
 * A holiday falling on a weekly rest day gives a compensatory day off on the
 * next working day (nghỉ bù). The weekly rest days are Saturday and Sunday for
 * every year (civil servants have had the 5-day week only since 10/1999;
 * earlier years are not modelled differently).
 *
 * Where the government has fixed the exact days (placement of the Tết days,
 * the extra Quốc khánh day, swaps of working days), the decisions are encoded
 * in {@link GOVERNMENT_DECISIONS}; other years use the default rules below.
 * Anything else (later decisions, local decisions of the province) is entered
 * by an administrator as a {@link CalendarOverride}.
 */

import { addDays, dayOfWeek, isIsoDate, isWeekend, parseIsoDate, toIsoDate } from './dates.js';
import { lunarToSolar } from './lunar.js';

export type SpecialDayKind = 'holiday' | 'compensatory' | 'day_off' | 'working_day';

export interface SpecialDay {
  date: string;
  kind: SpecialDayKind;
  nameVi: string;
  nameEn: string;
}

/** An administrator's correction for one date. */
export interface CalendarOverride {
  date: string;
  kind: SpecialDayKind | 'remove';
  nameVi?: string;
  nameEn?: string;
}

export const CALENDAR_MIN_YEAR = 1990;
export const CALENDAR_MAX_YEAR = 2050;

/** A working day moved: `dayOff` (a weekday) is off, `workingDay` (a Saturday) is worked instead. */
export interface DaySwap {
  dayOff: string;
  workingDay: string;
}

/** Decisions of the Prime Minister (communicated by the Government Office) for one year. */
export interface GovernmentDecision {
  /** The 5 days of Tết Âm lịch, when they differ from or confirm the default placement. */
  tet?: readonly string[];
  /** The day adjacent to 2/9 that is also a Quốc khánh holiday (from 2021). */
  nationalDayExtra?: string;
  swaps?: readonly DaySwap[];
  /** Where the decision comes from. */
  source: string;
}

/**
 * Government decisions on holidays for civil servants, 2020–2026.
 * Compensatory days (nghỉ bù) are not listed: they follow from the rule.
 */
export const GOVERNMENT_DECISIONS: Readonly<Record<number, GovernmentDecision>> = {
  2020: {
    // Tết Canh Tý: off Thu 23/1 (29 tháng Chạp) – Wed 29/1 (mùng 5).
    tet: ['2020-01-23', '2020-01-24', '2020-01-25', '2020-01-26', '2020-01-27'],
    source: 'Thông báo của Bộ LĐTBXH về lịch nghỉ Tết Âm lịch 2020 theo ý kiến của Thủ tướng Chính phủ',
  },
  2021: {
    // Tết Tân Sửu: off Wed 10/2 (29 tháng Chạp) – Tue 16/2 (mùng 5); Quốc khánh 2/9–5/9.
    tet: ['2021-02-10', '2021-02-11', '2021-02-12', '2021-02-13', '2021-02-14'],
    nationalDayExtra: '2021-09-03',
    source: 'Thông báo của Bộ LĐTBXH về lịch nghỉ Tết Âm lịch và Quốc khánh 2021 theo ý kiến của Thủ tướng Chính phủ',
  },
  2022: {
    // Tết Nhâm Dần: off Sat 29/1 – Sun 6/2 (5 Tết days Mon–Fri); Quốc khánh 1/9–4/9.
    tet: ['2022-01-31', '2022-02-01', '2022-02-02', '2022-02-03', '2022-02-04'],
    nationalDayExtra: '2022-09-01',
    source:
      'Công văn 245/VPCP-KGVX ngày 11/01/2022 của Văn phòng Chính phủ; Thông báo của Bộ LĐTBXH về nghỉ Quốc khánh 2022',
  },
  2023: {
    // Tết Quý Mão: off Fri 20/1 – Thu 26/1; Quốc khánh: off Fri 1/9 – Mon 4/9.
    tet: ['2023-01-20', '2023-01-21', '2023-01-22', '2023-01-23', '2023-01-24'],
    nationalDayExtra: '2023-09-01',
    source: 'Công văn 8056/VPCP-KGVX ngày 01/12/2022 của Văn phòng Chính phủ',
  },
  2024: {
    // Tết Giáp Thìn: off Thu 8/2 (29 tháng Chạp) – Wed 14/2 (mùng 5); 30/4–1/5: off Sat 27/4 – Wed 1/5,
    // Mon 29/4 swapped with Sat 4/5; Quốc khánh: off Sat 31/8 – Tue 3/9.
    tet: ['2024-02-08', '2024-02-09', '2024-02-10', '2024-02-11', '2024-02-12'],
    nationalDayExtra: '2024-09-03',
    swaps: [{ dayOff: '2024-04-29', workingDay: '2024-05-04' }],
    source:
      'Thông báo của Bộ LĐTBXH về lịch nghỉ Tết Âm lịch và Quốc khánh 2024; Công văn 2450/VPCP-KGVX ngày 12/04/2024 của Văn phòng Chính phủ (hoán đổi ngày 29/4)',
  },
  2025: {
    // Tết Ất Tỵ: off Sat 25/1 – Sun 2/2 (5 Tết days Mon 27/1 – Fri 31/1, no swap); 30/4–1/5: off Wed 30/4 –
    // Sun 4/5, Fri 2/5 swapped with Sat 26/4; Quốc khánh: off Sat 30/8 – Tue 2/9.
    tet: ['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'],
    nationalDayExtra: '2025-09-01',
    swaps: [{ dayOff: '2025-05-02', workingDay: '2025-04-26' }],
    source: 'Ý kiến của Thủ tướng Chính phủ do Văn phòng Chính phủ truyền đạt ngày 26/11/2024 (đề xuất của Bộ LĐTBXH)',
  },
  2026: {
    // Tết Dương lịch: off Thu 1/1 – Sun 4/1, Fri 2/1 swapped with Sat 10/1.
    // Tết Bính Ngọ: off Sat 14/2 (27 tháng Chạp) – Sun 22/2 (mùng 6), 5 Tết days Mon 16/2 – Fri 20/2.
    // Quốc khánh: 2/9 and the day before (1/9); off Sat 29/8 – Wed 2/9, Mon 31/8 swapped with Sat 22/8.
    tet: ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'],
    nationalDayExtra: '2026-09-01',
    swaps: [
      { dayOff: '2026-01-02', workingDay: '2026-01-10' },
      { dayOff: '2026-08-31', workingDay: '2026-08-22' },
    ],
    source:
      'Công văn 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ (Tết Dương lịch); ý kiến của Thủ tướng Chính phủ do Văn phòng Chính phủ truyền đạt ngày 13/10/2025 (Tết Âm lịch, Quốc khánh; đề xuất của Bộ Nội vụ)',
  },
};

/** The last year whose days off the government has decided (and that are encoded above). */
export const LAST_DECIDED_YEAR = Math.max(...Object.keys(GOVERNMENT_DECISIONS).map(Number));

/**
 * A year after the last government decision: its days off follow the default rules (Tết placement, the
 * second Quốc khánh day, no swaps) and may change when the decision comes, so deadlines counted on it are
 * provisional — the calendar API and the admin's page say so. Earlier years without an encoded decision
 * (before 2020) are history: the defaults reproduce the days that were taken.
 */
export function isProvisionalYear(year: number): boolean {
  checkYear(year);
  return year > LAST_DECIDED_YEAR;
}

interface HolidayName {
  vi: string;
  en: string;
}

const NEW_YEAR: HolidayName = { vi: 'Tết Dương lịch', en: "New Year's Day" };
const TET: HolidayName = { vi: 'Tết Nguyên đán', en: 'Lunar New Year (Tết)' };
const HUNG_KINGS: HolidayName = { vi: 'Giỗ Tổ Hùng Vương', en: 'Hung Kings Commemoration Day' };
const VICTORY: HolidayName = { vi: 'Ngày Chiến thắng', en: 'Reunification Day' };
const LABOUR: HolidayName = { vi: 'Ngày Quốc tế Lao động', en: 'International Labour Day' };
const NATIONAL: HolidayName = { vi: 'Quốc khánh', en: 'National Day' };

const DEFAULT_NAMES: Record<SpecialDayKind, HolidayName> = {
  holiday: { vi: 'Ngày nghỉ lễ', en: 'Public holiday' },
  compensatory: { vi: 'Nghỉ bù', en: 'Compensatory day off' },
  day_off: { vi: 'Ngày nghỉ', en: 'Day off' },
  working_day: { vi: 'Làm bù', en: 'Make-up working day' },
};

const KINDS: ReadonlySet<string> = new Set(['holiday', 'compensatory', 'day_off', 'working_day', 'remove']);

/** A computation reached a year the working calendar does not cover. */
export class CalendarRangeError extends RangeError {
  constructor(readonly year: number) {
    super(`Statutory calendar available for ${CALENDAR_MIN_YEAR}–${CALENDAR_MAX_YEAR} only: ${year}`);
    this.name = 'CalendarRangeError';
  }
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < CALENDAR_MIN_YEAR || year > CALENDAR_MAX_YEAR) {
    throw new CalendarRangeError(year);
  }
}

/** 'YYYY-MM-DD' → 'DD/MM/YYYY', the usual Vietnamese notation. */
function vnDate(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/**
 * Default placement of the Tết Âm lịch holiday when no decision is encoded:
 * the last day of the old lunar year followed by the first days of the new
 * one (4 days in total under the 1994 code, 5 days from Tết 2014, the first
 * Tết after the 2012 code came into force on 1/5/2013).
 */
function defaultTetDays(year: number): string[] {
  const count = year >= 2014 ? 5 : 4;
  const lastDayOfOldYear = addDays(lunarToSolar(1, 1, year), -1);
  return Array.from({ length: count }, (_, i) => addDays(lastDayOfOldYear, i));
}

/**
 * Default choice of the second Quốc khánh day (from 2021) when no decision is
 * encoded: the day adjacent to 2/9 that makes the longest unbroken break with
 * the weekend (counting compensatory days); on a tie a weekday is preferred to
 * a weekend day, then the day before. By the weekday of 2/9:
 * Mon → 3/9, Tue → 1/9, Wed → 1/9, Thu → 3/9, Fri → 1/9, Sat → 1/9, Sun → 3/9.
 * This reproduces every decision taken so far (2021–2026).
 */
export function defaultNationalDayExtra(year: number): string {
  const dow = dayOfWeek(toIsoDate(year, 9, 2));
  return dow === 0 || dow === 1 || dow === 4 ? toIsoDate(year, 9, 3) : toIsoDate(year, 9, 1);
}

/**
 * The statutory special days of `year` for civil servants: public holidays,
 * compensatory days, and the working-day swaps decided by the government.
 * Sorted by date. Throws RangeError outside 1990–2050.
 */
export function statutoryDays(year: number): SpecialDay[] {
  checkYear(year);
  const decision = GOVERNMENT_DECISIONS[year];

  const holidays: { date: string; name: HolidayName }[] = [];
  holidays.push({ date: toIsoDate(year, 1, 1), name: NEW_YEAR });
  for (const date of decision?.tet ?? defaultTetDays(year)) holidays.push({ date, name: TET });
  if (year >= 2007) holidays.push({ date: lunarToSolar(10, 3, year), name: HUNG_KINGS });
  holidays.push({ date: toIsoDate(year, 4, 30), name: VICTORY });
  holidays.push({ date: toIsoDate(year, 5, 1), name: LABOUR });
  holidays.push({ date: toIsoDate(year, 9, 2), name: NATIONAL });
  if (year >= 2021) {
    holidays.push({ date: decision?.nationalDayExtra ?? defaultNationalDayExtra(year), name: NATIONAL });
  }
  holidays.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

  const days = new Map<string, SpecialDay>();
  // Holidays that need a compensatory day: on a weekend, or coinciding with another holiday
  // (e.g. Giỗ Tổ on 30/4, which does not happen in 1990–2050).
  const toCompensate: { date: string; name: HolidayName }[] = [];
  for (const h of holidays) {
    if (days.has(h.date)) {
      toCompensate.push(h);
      continue;
    }
    days.set(h.date, { date: h.date, kind: 'holiday', nameVi: h.name.vi, nameEn: h.name.en });
    if (isWeekend(h.date)) toCompensate.push(h);
  }

  for (const swap of decision?.swaps ?? []) {
    days.set(swap.dayOff, {
      date: swap.dayOff,
      kind: 'day_off',
      nameVi: `Nghỉ hoán đổi (làm bù ngày ${vnDate(swap.workingDay)})`,
      nameEn: `Swapped day off (made up on ${swap.workingDay})`,
    });
    days.set(swap.workingDay, {
      date: swap.workingDay,
      kind: 'working_day',
      nameVi: `Làm bù cho ngày ${vnDate(swap.dayOff)}`,
      nameEn: `Make-up working day for ${swap.dayOff}`,
    });
  }

  // Each compensatory day goes to the next weekday that is not already a day off.
  for (const h of toCompensate) {
    let date = addDays(h.date, 1);
    while (isWeekend(date) || days.has(date)) date = addDays(date, 1);
    days.set(date, {
      date,
      kind: 'compensatory',
      nameVi: `Nghỉ bù ${h.name.vi}`,
      nameEn: `Compensatory day off for ${h.name.en}`,
    });
  }

  return [...days.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * The statutory days of `year` with the administrator's overrides applied, in
 * order (a later override for the same date wins). 'remove' deletes the
 * statutory entry of that date; any other kind replaces it (or adds one).
 * Overrides dated in another year are ignored. Sorted by date.
 */
export function buildYear(year: number, overrides: readonly CalendarOverride[]): SpecialDay[] {
  const days = new Map(statutoryDays(year).map((d) => [d.date, d]));
  for (const o of overrides) {
    if (!isIsoDate(o.date)) throw new RangeError(`Invalid override date: ${JSON.stringify(o.date)}`);
    if (!KINDS.has(o.kind)) throw new RangeError(`Invalid override kind: ${JSON.stringify(o.kind)}`);
    if (parseIsoDate(o.date).y !== year) continue;
    if (o.kind === 'remove') {
      days.delete(o.date);
      continue;
    }
    const names = DEFAULT_NAMES[o.kind];
    days.set(o.date, { date: o.date, kind: o.kind, nameVi: o.nameVi ?? names.vi, nameEn: o.nameEn ?? names.en });
  }
  return [...days.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * Working-day calendar: Monday–Friday are working days except holidays,
 * compensatory days and other days off; a Saturday or Sunday marked
 * 'working_day' is worked. Each year is built once (statutory days plus
 * `overridesFor(year)`) and cached until {@link WorkingCalendar.invalidate}.
 * All dates must lie in 1990–2050 (RangeError otherwise).
 */
export class WorkingCalendar {
  private readonly overridesFor: (year: number) => CalendarOverride[];
  private readonly years = new Map<number, Map<string, SpecialDay>>();

  constructor(overridesFor: (year: number) => CalendarOverride[] = () => []) {
    this.overridesFor = overridesFor;
  }

  private year(year: number): Map<string, SpecialDay> {
    let days = this.years.get(year);
    if (!days) {
      days = new Map(buildYear(year, this.overridesFor(year)).map((d) => [d.date, d]));
      this.years.set(year, days);
    }
    return days;
  }

  /** The special days of `year` (statutory plus overrides), sorted by date. */
  specialDays(year: number): SpecialDay[] {
    return [...this.year(year).values()].map((d) => ({ ...d }));
  }

  /** The special day on `date`, if any. */
  specialDay(date: string): SpecialDay | undefined {
    const day = this.year(parseIsoDate(date).y).get(date);
    return day && { ...day };
  }

  isWorkingDay(date: string): boolean {
    const day = this.year(parseIsoDate(date).y).get(date);
    if (day) return day.kind === 'working_day';
    return !isWeekend(date);
  }

  /**
   * `date` itself if it is a working day, otherwise the next working day
   * (Civil Code 2015, art. 148: a period ending on a day off ends on the
   * next working day).
   */
  nextWorkingDay(date: string): string {
    let d = date;
    while (!this.isWorkingDay(d)) d = addDays(d, 1);
    return d;
  }

  /**
   * The deadline "within n working days from date D": the n-th working day
   * after D (D itself is not counted, Civil Code art. 147). n = 0 gives
   * nextWorkingDay(D).
   */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`Number of working days must be an integer ≥ 0: ${n}`);
    if (n === 0) return this.nextWorkingDay(date);
    let d = date;
    for (let counted = 0; counted < n;) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) counted++;
    }
    return d;
  }

  /**
   * Number of working days in (a, b]: a excluded, b included. When b is before
   * a the result is −workingDaysBetween(b, a).
   */
  workingDaysBetween(a: string, b: string): number {
    parseIsoDate(a);
    parseIsoDate(b);
    if (b < a) return -this.workingDaysBetween(b, a);
    let count = 0;
    for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) {
      if (this.isWorkingDay(d)) count++;
    }
    return count;
  }

  /** Forgets the cached year (or all years), e.g. after overrides changed. */
  invalidate(year?: number): void {
    if (year === undefined) this.years.clear();
    else this.years.delete(year);
  }
}
