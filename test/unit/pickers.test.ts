/** The shared picker filter of the web interface (web/src/pickers.ts). */
import { describe, expect, it } from 'vitest';
import { agencyOption, byVietnameseName, pickerFilter, takesTasks } from '../../web/src/pickers.js';

const finance = agencyOption({ id: 1, name: 'Sở Tài chính', shortName: 'STC', code: 'STC' });
const planning = agencyOption({ id: 2, name: 'Sở Kế hoạch và Đầu tư', shortName: 'Sở KH&ĐT', code: 'SKHDT' });
const home = agencyOption({ id: 3, name: 'Sở Nội vụ', shortName: 'SNV', code: 'SNV' });
const health = agencyOption({ id: 4, name: 'Sở Y tế', shortName: 'SYT', code: 'SYT' });
const all = [finance, planning, home, health];
const found = (typed: string) => all.filter((o) => pickerFilter(typed, o)).map((o) => o.value);

describe('the picker filter', () => {
  it('matches without diacritics, by code, short names and initials', () => {
    expect(found('so tai chinh')).toEqual([1]);
    expect(found('Sở Tài')).toEqual([1]);
    expect(found('noi vu')).toEqual([3]);
    expect(found('so y te')).toEqual([4]);
    expect(found('STC')).toEqual([1]);
    expect(found('stc')).toEqual([1]);
    expect(found('Sở KH&ĐT')).toEqual([2]);
    expect(found('so khdt')).toEqual([2]);
    expect(found('ke hoach')).toEqual([2]);
    expect(found('')).toEqual([1, 2, 3, 4]);
    expect(found('xay dung')).toEqual([]);
  });
  it('folds the label when an option has no key', () => {
    expect(pickerFilter('nguyen van', { label: 'Nguyễn Văn An' })).toBe(true);
    expect(pickerFilter('tran', { label: 'Nguyễn Văn An' })).toBe(false);
  });
  it('sorts names with Vietnamese collation', () => {
    expect(['Huỳnh Văn B', 'Hồ Thị A', 'Đỗ C', 'Dương D'].sort(byVietnameseName)).toEqual([
      'Dương D',
      'Đỗ C',
      'Hồ Thị A',
      'Huỳnh Văn B',
    ]);
  });
});

describe('the agencies a task may be given to', () => {
  const a = { active: true, kind: 'department', successorId: null };
  it('are the active ones, not the Office, not merged (even before their end date)', () => {
    expect(takesTasks(a)).toBe(true);
    expect(takesTasks({ ...a, active: false })).toBe(false);
    expect(takesTasks({ ...a, kind: 'office' })).toBe(false);
    expect(takesTasks({ ...a, successorId: 7 })).toBe(false);
  });
});
