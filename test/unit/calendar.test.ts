import { describe, expect, it } from 'vitest';
import {
  buildYear,
  defaultNationalDayExtra,
  GOVERNMENT_DECISIONS,
  isProvisionalYear,
  LAST_DECIDED_YEAR,
  statutoryDays,
  WorkingCalendar,
  type CalendarOverride,
  type SpecialDay,
} from '../../src/domain/calendar.js';
import { addDays, isWeekend } from '../../src/domain/dates.js';

/** 'date kind' pairs, compact for comparing whole years. */
function summary(days: SpecialDay[]): string[] {
  return days.map((d) => `${d.date} ${d.kind}`);
}

function offDays(days: SpecialDay[]): string[] {
  return days.filter((d) => d.kind !== 'working_day').map((d) => d.date);
}

describe('statutoryDays: years announced by the government', () => {
  it('2024 matches the announced schedule', () => {
    expect(summary(statutoryDays(2024))).toEqual([
      '2024-01-01 holiday', // Tết Dương lịch, Monday
      '2024-02-08 holiday', // Tết Giáp Thìn: off Thu 8/2 – Wed 14/2
      '2024-02-09 holiday',
      '2024-02-10 holiday',
      '2024-02-11 holiday',
      '2024-02-12 holiday',
      '2024-02-13 compensatory',
      '2024-02-14 compensatory',
      '2024-04-18 holiday', // Giỗ Tổ, Thursday
      '2024-04-29 day_off', // swapped with Saturday 4/5 → off Sat 27/4 – Wed 1/5
      '2024-04-30 holiday',
      '2024-05-01 holiday',
      '2024-05-04 working_day',
      '2024-09-02 holiday', // Quốc khánh: off Sat 31/8 – Tue 3/9
      '2024-09-03 holiday',
    ]);
  });

  it('2025 matches the announced schedule', () => {
    expect(summary(statutoryDays(2025))).toEqual([
      '2025-01-01 holiday',
      '2025-01-27 holiday', // Tết Ất Tỵ: 5 days Mon 27/1 – Fri 31/1, off Sat 25/1 – Sun 2/2
      '2025-01-28 holiday',
      '2025-01-29 holiday',
      '2025-01-30 holiday',
      '2025-01-31 holiday',
      '2025-04-07 holiday', // Giỗ Tổ, Monday
      '2025-04-26 working_day', // Saturday worked for Friday 2/5 → off Wed 30/4 – Sun 4/5
      '2025-04-30 holiday',
      '2025-05-01 holiday',
      '2025-05-02 day_off',
      '2025-09-01 holiday', // Quốc khánh: off Sat 30/8 – Tue 2/9
      '2025-09-02 holiday',
    ]);
  });

  it('2026 includes the swaps for Tết Dương lịch and Quốc khánh', () => {
    const days = statutoryDays(2026);
    expect(summary(days)).toEqual([
      '2026-01-01 holiday',
      '2026-01-02 day_off',
      '2026-01-10 working_day',
      '2026-02-16 holiday', // Tết Bính Ngọ: off Sat 14/2 – Sun 22/2
      '2026-02-17 holiday',
      '2026-02-18 holiday',
      '2026-02-19 holiday',
      '2026-02-20 holiday',
      '2026-04-26 holiday', // Giỗ Tổ on Sunday
      '2026-04-27 compensatory',
      '2026-04-30 holiday',
      '2026-05-01 holiday',
      '2026-08-22 working_day',
      '2026-08-31 day_off',
      '2026-09-01 holiday',
      '2026-09-02 holiday',
    ]);
    const swapped = days.find((d) => d.date === '2026-01-02')!;
    expect(swapped.nameVi).toBe('Nghỉ hoán đổi (làm bù ngày 10/01/2026)');
    const makeUp = days.find((d) => d.date === '2026-01-10')!;
    expect(makeUp.nameVi).toBe('Làm bù cho ngày 02/01/2026');
    expect(makeUp.nameEn).toBe('Make-up working day for 2026-01-02');
  });

  it('2023 matches the announced schedule', () => {
    expect(offDays(statutoryDays(2023))).toEqual([
      '2023-01-01',
      '2023-01-02', // 1/1 on Sunday
      '2023-01-20', // Tết Quý Mão: off Fri 20/1 – Thu 26/1
      '2023-01-21',
      '2023-01-22',
      '2023-01-23',
      '2023-01-24',
      '2023-01-25',
      '2023-01-26',
      '2023-04-29', // Giỗ Tổ Saturday, 30/4 Sunday → off Sat 29/4 – Wed 3/5
      '2023-04-30',
      '2023-05-01',
      '2023-05-02',
      '2023-05-03',
      '2023-09-01', // Quốc khánh: off Fri 1/9 – Mon 4/9
      '2023-09-02',
      '2023-09-04',
    ]);
  });

  it('2022: compensatory days for 1/1, Giỗ Tổ, 30/4 and 1/5 on weekends', () => {
    const days = statutoryDays(2022);
    const byDate = new Map(days.map((d) => [d.date, d]));
    // 1/1 Saturday → Monday 3/1.
    expect(byDate.get('2022-01-03')).toMatchObject({ kind: 'compensatory', nameVi: 'Nghỉ bù Tết Dương lịch' });
    // Giỗ Tổ 10/4 Sunday → Monday 11/4.
    expect(byDate.get('2022-04-11')).toMatchObject({ kind: 'compensatory', nameVi: 'Nghỉ bù Giỗ Tổ Hùng Vương' });
    // 30/4 Saturday → Monday 2/5; 1/5 Sunday → Tuesday 3/5 (2/5 already taken).
    expect(byDate.get('2022-04-30')).toMatchObject({ kind: 'holiday', nameVi: 'Ngày Chiến thắng' });
    expect(byDate.get('2022-05-01')).toMatchObject({ kind: 'holiday', nameVi: 'Ngày Quốc tế Lao động' });
    expect(byDate.get('2022-05-02')).toMatchObject({ kind: 'compensatory', nameVi: 'Nghỉ bù Ngày Chiến thắng' });
    expect(byDate.get('2022-05-03')).toMatchObject({
      kind: 'compensatory',
      nameVi: 'Nghỉ bù Ngày Quốc tế Lao động',
    });
    expect(byDate.has('2022-05-04')).toBe(false);
    // Tết Nhâm Dần: 5 weekdays Mon 31/1 – Fri 4/2, no compensatory day.
    expect(days.filter((d) => d.nameVi === 'Tết Nguyên đán').map((d) => d.date)).toEqual([
      '2022-01-31',
      '2022-02-01',
      '2022-02-02',
      '2022-02-03',
      '2022-02-04',
    ]);
    expect(days.some((d) => d.nameVi === 'Nghỉ bù Tết Nguyên đán')).toBe(false);
    // Quốc khánh: Thu 1/9 and Fri 2/9.
    expect(offDays(days).filter((d) => d.startsWith('2022-09'))).toEqual(['2022-09-01', '2022-09-02']);
  });

  it('2021: 1/5 on Saturday → Monday 3/5; Quốc khánh 2/9 and 3/9', () => {
    const off = offDays(statutoryDays(2021));
    expect(off).toContain('2021-05-03');
    expect(off.filter((d) => d.startsWith('2021-09'))).toEqual(['2021-09-02', '2021-09-03']);
    expect(off.filter((d) => d.startsWith('2021-02'))).toEqual([
      '2021-02-10',
      '2021-02-11',
      '2021-02-12',
      '2021-02-13',
      '2021-02-14',
      '2021-02-15',
      '2021-02-16',
    ]);
  });

  it('2020: Tết Canh Tý off Thu 23/1 – Wed 29/1, one Quốc khánh day', () => {
    const off = offDays(statutoryDays(2020));
    expect(off.filter((d) => d.startsWith('2020-01'))).toEqual([
      '2020-01-01',
      '2020-01-23',
      '2020-01-24',
      '2020-01-25',
      '2020-01-26',
      '2020-01-27',
      '2020-01-28',
      '2020-01-29',
    ]);
    expect(off.filter((d) => d.startsWith('2020-09'))).toEqual(['2020-09-02']);
  });

  it('uses Vietnamese and English names', () => {
    const names = new Map(statutoryDays(2024).map((d) => [d.date, d]));
    expect(names.get('2024-01-01')).toMatchObject({ nameVi: 'Tết Dương lịch', nameEn: "New Year's Day" });
    expect(names.get('2024-02-10')?.nameVi).toBe('Tết Nguyên đán');
    expect(names.get('2024-02-13')?.nameVi).toBe('Nghỉ bù Tết Nguyên đán');
    expect(names.get('2024-04-18')?.nameVi).toBe('Giỗ Tổ Hùng Vương');
    expect(names.get('2024-04-30')?.nameVi).toBe('Ngày Chiến thắng');
    expect(names.get('2024-05-01')?.nameVi).toBe('Ngày Quốc tế Lao động');
    expect(names.get('2024-05-04')?.nameVi).toBe('Làm bù cho ngày 29/04/2024');
    expect(names.get('2024-09-03')).toMatchObject({ nameVi: 'Quốc khánh', nameEn: 'National Day' });
  });
});

describe('statutoryDays: rules by period', () => {
  it('Tết lasts 4 days under the 1994 code, 5 days from Tết 2014', () => {
    const tet = (y: number) => statutoryDays(y).filter((d) => d.nameVi === 'Tết Nguyên đán');
    expect(tet(2012).map((d) => d.date)).toEqual(['2012-01-22', '2012-01-23', '2012-01-24', '2012-01-25']);
    expect(tet(2013)).toHaveLength(4); // Tết 10/2/2013, before the 2012 code came into force (1/5/2013)
    expect(tet(2014).map((d) => d.date)).toEqual([
      '2014-01-30',
      '2014-01-31',
      '2014-02-01',
      '2014-02-02',
      '2014-02-03',
    ]);
    // Default placement: last day of the old lunar year, then mùng 1–4.
    expect(tet(2027).map((d) => d.date)).toEqual([
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
    ]);
  });

  it('Tết on a weekend gives compensatory days after the whole Tết block', () => {
    // 2013: Sat 9/2 (29 tháng Chạp) – Tue 12/2 → compensatory Wed 13/2 and Thu 14/2.
    expect(summary(statutoryDays(2013)).filter((s) => s.startsWith('2013-02'))).toEqual([
      '2013-02-09 holiday',
      '2013-02-10 holiday',
      '2013-02-11 holiday',
      '2013-02-12 holiday',
      '2013-02-13 compensatory',
      '2013-02-14 compensatory',
    ]);
  });

  it('Giỗ Tổ Hùng Vương is a holiday from 2007', () => {
    expect(statutoryDays(2006).some((d) => d.nameVi === 'Giỗ Tổ Hùng Vương')).toBe(false);
    expect(statutoryDays(2007).find((d) => d.nameVi === 'Giỗ Tổ Hùng Vương')?.date).toBe('2007-04-26');
  });

  it('Quốc khánh has two days from 2021, the second chosen by the default rule when not decided', () => {
    expect(statutoryDays(2019).filter((d) => d.nameVi === 'Quốc khánh')).toHaveLength(1);
    // 2027: 2/9 Thursday → Friday 3/9.
    expect(offDays(statutoryDays(2027)).filter((d) => d.startsWith('2027-09'))).toEqual(['2027-09-02', '2027-09-03']);
    // 2028: 2/9 Saturday → Friday 1/9, compensatory Monday 4/9.
    expect(summary(statutoryDays(2028)).filter((s) => s.startsWith('2028-09'))).toEqual([
      '2028-09-01 holiday',
      '2028-09-02 holiday',
      '2028-09-04 compensatory',
    ]);
    // 2029: 2/9 Sunday → Monday 3/9, compensatory Tuesday 4/9.
    expect(summary(statutoryDays(2029)).filter((s) => s.startsWith('2029-09'))).toEqual([
      '2029-09-02 holiday',
      '2029-09-03 holiday',
      '2029-09-04 compensatory',
    ]);
  });

  it('the default Quốc khánh rule reproduces the decisions 2021–2026', () => {
    for (let year = 2021; year <= 2026; year++) {
      expect(defaultNationalDayExtra(year), String(year)).toBe(GOVERNMENT_DECISIONS[year]?.nationalDayExtra);
    }
  });

  it('is consistent for every year 1990–2050', () => {
    for (let year = 1990; year <= 2050; year++) {
      const days = statutoryDays(year);
      const dates = days.map((d) => d.date);
      expect(new Set(dates).size).toBe(dates.length);
      expect([...dates].sort()).toEqual(dates);
      expect(dates.every((d) => d.startsWith(`${year}-`))).toBe(true);
      const holidays = days.filter((d) => d.kind === 'holiday');
      const expectedCount = 1 + (year >= 2014 ? 5 : 4) + (year >= 2007 ? 1 : 0) + 2 + (year >= 2021 ? 2 : 1);
      expect(holidays, String(year)).toHaveLength(expectedCount);
      const compensatory = days.filter((d) => d.kind === 'compensatory');
      expect(compensatory.length).toBe(holidays.filter((d) => isWeekend(d.date)).length);
      expect(compensatory.every((d) => !isWeekend(d.date))).toBe(true);
      for (const c of compensatory) expect(c.nameVi.startsWith('Nghỉ bù ')).toBe(true);
    }
  });

  it('throws RangeError outside 1990–2050', () => {
    expect(() => statutoryDays(1989)).toThrow(RangeError);
    expect(() => statutoryDays(2051)).toThrow(RangeError);
    expect(() => statutoryDays(2024.5)).toThrow(RangeError);
    expect(() => buildYear(2051, [])).toThrow(RangeError);
    expect(statutoryDays(1990).length).toBeGreaterThan(0);
    expect(statutoryDays(2050).length).toBeGreaterThan(0);
  });
});

describe('buildYear', () => {
  it('applies overrides and keeps the result sorted', () => {
    const overrides: CalendarOverride[] = [
      {
        date: '2027-12-31',
        kind: 'day_off',
        nameVi: 'Nghỉ theo quyết định của UBND tỉnh',
        nameEn: 'Provincial day off',
      },
      { date: '2027-05-03', kind: 'remove' },
      { date: '2027-01-09', kind: 'working_day' },
      { date: '2027-03-08', kind: 'day_off' },
      { date: '2026-03-09', kind: 'day_off' }, // another year: ignored
    ];
    const days = buildYear(2027, overrides);
    const dates = days.map((d) => d.date);
    expect([...dates].sort()).toEqual(dates);
    expect(dates).not.toContain('2027-05-03');
    expect(dates).not.toContain('2026-03-09');
    expect(days.find((d) => d.date === '2027-01-09')).toEqual({
      date: '2027-01-09',
      kind: 'working_day',
      nameVi: 'Làm bù',
      nameEn: 'Make-up working day',
    });
    expect(days.find((d) => d.date === '2027-03-08')).toMatchObject({ kind: 'day_off', nameVi: 'Ngày nghỉ' });
    expect(days.at(-1)).toMatchObject({ date: '2027-12-31', nameVi: 'Nghỉ theo quyết định của UBND tỉnh' });
    expect(buildYear(2027, [])).toEqual(statutoryDays(2027));
  });

  it('lets a later override for the same date win and can replace a statutory entry', () => {
    const days = buildYear(2025, [
      { date: '2025-05-02', kind: 'remove' },
      { date: '2025-05-02', kind: 'holiday', nameVi: 'Ngày lễ địa phương' },
      { date: '2025-04-26', kind: 'remove' },
    ]);
    expect(days.find((d) => d.date === '2025-05-02')).toMatchObject({ kind: 'holiday', nameVi: 'Ngày lễ địa phương' });
    expect(days.some((d) => d.date === '2025-04-26')).toBe(false);
  });

  it('rejects malformed overrides', () => {
    expect(() => buildYear(2025, [{ date: '2025-02-30', kind: 'day_off' }])).toThrow(RangeError);
    expect(() => buildYear(2025, [{ date: '2025-03-01', kind: 'nope' as never }])).toThrow(RangeError);
  });
});

describe('WorkingCalendar', () => {
  const cal = new WorkingCalendar();

  it('knows working days, weekends, holidays and swapped days', () => {
    expect(cal.isWorkingDay('2025-01-24')).toBe(true); // Friday before Tết
    expect(cal.isWorkingDay('2025-01-25')).toBe(false); // Saturday
    expect(cal.isWorkingDay('2025-01-29')).toBe(false); // mùng 1 Tết
    expect(cal.isWorkingDay('2025-02-03')).toBe(true);
    expect(cal.isWorkingDay('2025-04-26')).toBe(true); // Saturday worked (swap)
    expect(cal.isWorkingDay('2025-05-02')).toBe(false); // swapped Friday
    expect(cal.isWorkingDay('2024-02-14')).toBe(false); // compensatory
    expect(cal.isWorkingDay('2024-02-15')).toBe(true);
    expect(cal.specialDay('2025-05-02')?.kind).toBe('day_off');
    expect(cal.specialDay('2025-05-05')).toBeUndefined();
    expect(cal.specialDay('2025-05-03')).toBeUndefined(); // plain Saturday
    expect(cal.specialDays(2025)).toEqual(statutoryDays(2025));
  });

  it('moves a day off to the next working day', () => {
    expect(cal.nextWorkingDay('2025-01-24')).toBe('2025-01-24');
    expect(cal.nextWorkingDay('2025-01-25')).toBe('2025-02-03');
    expect(cal.nextWorkingDay('2025-04-30')).toBe('2025-05-05');
    expect(cal.nextWorkingDay('2024-04-27')).toBe('2024-05-02');
    expect(cal.nextWorkingDay('2024-05-04')).toBe('2024-05-04'); // worked Saturday
    expect(cal.nextWorkingDay('2024-12-28')).toBe('2024-12-30');
    expect(cal.nextWorkingDay('2022-12-31')).toBe('2023-01-03'); // across the year: 1/1 Sunday, 2/1 compensatory
  });

  it('adds working days across Tết and weekends', () => {
    expect(cal.addWorkingDays('2025-01-24', 0)).toBe('2025-01-24');
    expect(cal.addWorkingDays('2025-01-25', 0)).toBe('2025-02-03');
    expect(cal.addWorkingDays('2025-01-24', 1)).toBe('2025-02-03');
    expect(cal.addWorkingDays('2025-01-24', 5)).toBe('2025-02-07');
    expect(cal.addWorkingDays('2025-01-26', 1)).toBe('2025-02-03'); // starting on a day off
    expect(cal.addWorkingDays('2024-02-07', 1)).toBe('2024-02-15');
    expect(cal.addWorkingDays('2025-03-03', 5)).toBe('2025-03-10'); // plain week
    expect(cal.addWorkingDays('2025-03-07', 1)).toBe('2025-03-10'); // Friday → Monday
    // 30/4–1/5 2024: Sat 27 – Wed 1/5 off, Saturday 4/5 worked.
    expect(cal.addWorkingDays('2024-04-26', 1)).toBe('2024-05-02');
    expect(cal.addWorkingDays('2024-04-26', 3)).toBe('2024-05-04');
    expect(cal.addWorkingDays('2024-04-26', 4)).toBe('2024-05-06');
    // Across the end of the year.
    expect(cal.addWorkingDays('2025-12-30', 2)).toBe('2026-01-05');
    // 2025: 365 days − 104 weekend days − 12 weekdays off (1/1, 5 Tết days, Giỗ Tổ, 30/4, 1/5, 2/5, 1/9, 2/9)
    // + 1 Saturday worked (26/4) = 250 working days.
    expect(cal.workingDaysBetween('2024-12-31', '2025-12-31')).toBe(250);
    expect(() => cal.addWorkingDays('2025-01-01', -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2025-01-01', 1.5)).toThrow(RangeError);
  });

  it('counts working days in (a, b]', () => {
    expect(cal.workingDaysBetween('2025-03-03', '2025-03-03')).toBe(0);
    expect(cal.workingDaysBetween('2025-03-02', '2025-03-09')).toBe(5);
    expect(cal.workingDaysBetween('2025-01-24', '2025-02-03')).toBe(1);
    expect(cal.workingDaysBetween('2025-02-03', '2025-01-24')).toBe(-1);
    expect(cal.workingDaysBetween('2025-01-24', '2025-02-02')).toBe(0);
    expect(() => cal.workingDaysBetween('2025-01-24', 'soon')).toThrow(RangeError);
  });

  it('addWorkingDays and workingDaysBetween agree', () => {
    for (let d = '2023-12-20'; d < '2025-03-01'; d = addDays(d, 11)) {
      for (const n of [1, 3, 10, 40]) {
        const end = cal.addWorkingDays(d, n);
        expect(cal.workingDaysBetween(d, end)).toBe(n);
        expect(cal.isWorkingDay(end)).toBe(true);
      }
    }
  });

  it('applies overrides: swap a Saturday to a working day, remove a day, add a day off', () => {
    const overrides: CalendarOverride[] = [
      { date: '2027-01-09', kind: 'working_day', nameVi: 'Làm bù cho ngày 08/01/2027' },
      { date: '2027-01-08', kind: 'day_off', nameVi: 'Nghỉ hoán đổi' },
      { date: '2027-05-03', kind: 'remove' }, // compensatory day for 1/5 (Saturday) removed
      { date: '2027-06-15', kind: 'day_off' },
    ];
    const c = new WorkingCalendar((year) => (year === 2027 ? overrides : []));
    expect(c.isWorkingDay('2027-01-09')).toBe(true);
    expect(c.isWorkingDay('2027-01-08')).toBe(false);
    expect(c.isWorkingDay('2027-05-03')).toBe(true);
    expect(c.isWorkingDay('2027-06-15')).toBe(false);
    expect(c.specialDay('2027-01-09')).toMatchObject({ kind: 'working_day', nameVi: 'Làm bù cho ngày 08/01/2027' });
    expect(c.addWorkingDays('2027-01-07', 1)).toBe('2027-01-09');
    expect(c.addWorkingDays('2027-06-14', 1)).toBe('2027-06-16');
    expect(c.workingDaysBetween('2027-01-07', '2027-01-11')).toBe(2); // Sat 9 and Mon 11
    // Without overrides the statutory calendar applies.
    expect(cal.isWorkingDay('2027-05-03')).toBe(false);
    expect(cal.isWorkingDay('2027-01-09')).toBe(false);
  });

  it('caches each year and rebuilds it after invalidate()', () => {
    const overrides: CalendarOverride[] = [];
    const calls: number[] = [];
    const c = new WorkingCalendar((year) => {
      calls.push(year);
      return overrides;
    });
    expect(c.isWorkingDay('2027-03-08')).toBe(true);
    expect(c.isWorkingDay('2027-03-09')).toBe(true);
    expect(calls).toEqual([2027]);
    overrides.push({ date: '2027-03-08', kind: 'day_off' });
    expect(c.isWorkingDay('2027-03-08')).toBe(true); // stale until invalidated
    c.invalidate(2026);
    expect(c.isWorkingDay('2027-03-08')).toBe(true);
    c.invalidate(2027);
    expect(c.isWorkingDay('2027-03-08')).toBe(false);
    overrides.length = 0;
    c.invalidate();
    expect(c.isWorkingDay('2027-03-08')).toBe(true);
    expect(calls).toEqual([2027, 2027, 2027]);
  });

  it('returns copies, so callers cannot corrupt the cache', () => {
    const c = new WorkingCalendar();
    const day = c.specialDay('2025-01-01')!;
    day.kind = 'working_day';
    expect(c.isWorkingDay('2025-01-01')).toBe(false);
  });

  it('throws RangeError outside 1990–2050 and on invalid dates', () => {
    expect(() => cal.isWorkingDay('1989-12-29')).toThrow(RangeError);
    expect(() => cal.nextWorkingDay('2051-01-01')).toThrow(RangeError);
    expect(() => cal.nextWorkingDay('2050-12-31')).toThrow(RangeError); // Saturday: next working day is in 2051
    expect(() => cal.isWorkingDay('2025-02-29')).toThrow(RangeError);
    expect(() => cal.specialDay('not a date')).toThrow(RangeError);
    expect(cal.isWorkingDay('1990-01-02')).toBe(true);
  });
});

describe('provisional years', () => {
  it('a year after the last government decision is provisional; decided and earlier years are not', () => {
    expect(LAST_DECIDED_YEAR).toBe(2026);
    expect(isProvisionalYear(2026)).toBe(false);
    expect(isProvisionalYear(2027)).toBe(true);
    expect(isProvisionalYear(2050)).toBe(true);
    expect(isProvisionalYear(2019)).toBe(false);
    expect(isProvisionalYear(1990)).toBe(false);
    for (const y of Object.keys(GOVERNMENT_DECISIONS).map(Number)) expect(isProvisionalYear(y)).toBe(false);
    expect(() => isProvisionalYear(2051)).toThrow(RangeError);
  });
});
