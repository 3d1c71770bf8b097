/**
 * The one filter of every agency, user and field picker: it matches what people type with or without
 * diacritics ("so tai chinh"), by code ("STC"), by the short names people write ("Sở KH&ĐT" for "Sở Kế hoạch
 * và Đầu tư") and by initials. Folding is the server's own (src/domain/text.ts, imported as the web already
 * imports src/domain/workflow.ts), so a picker and the free-text search agree.
 */
import { foldVietnamese } from '../../src/domain/text.js';

/** Folded, with punctuation (&, ., -, /) taken out: "Sở KH&ĐT" → "so khdt". */
const compact = (s: string) =>
  foldVietnamese(s)
    .replace(/[^a-z0-9 ]+/g, '')
    .replace(/ +/g, ' ')
    .trim();

const SMALL_WORDS = new Set(['va', 'and', '-']);

/** The ways one name is written: itself, its initials ("stc"), its first word with initials ("so khdt"). */
function keysOfName(name: string): string[] {
  const words = compact(name).split(' ').filter(Boolean);
  const content = words.filter((w) => !SMALL_WORDS.has(w));
  const initials = (ws: string[]) => ws.map((w) => w[0]).join('');
  const keys = [words.join(' '), initials(words), initials(content)];
  if (content.length > 1) {
    keys.push(`${content[0]} ${initials(content.slice(1))}`);
    // "UBND huyện Đông Hải": a name after the kind of body, written in full or by initials.
    if (content.length > 2) keys.push(`${content[0]} ${content[1]} ${initials(content.slice(2))}`);
  }
  return keys;
}

/** The search key of an option: every way its names and code are written, folded. */
export function searchKey(...names: (string | null | undefined)[]): string {
  const keys = names.filter((n): n is string => !!n).flatMap(keysOfName);
  return [...new Set(keys)].join(' | ');
}

/** Whether what was typed matches an option's search key (from `searchKey`). */
export function matchesPicker(typed: string, key: string): boolean {
  const q = compact(typed);
  if (!q) return true;
  if (key.includes(q)) return true;
  const tight = q.replace(/ /g, '');
  return key.split(' | ').some((k) => k.replace(/ /g, '').includes(tight));
}

export interface PickerOption {
  value: number | string;
  label: string;
  /** The search key (see `searchKey`); when absent, the label is folded. */
  search?: string;
}

/** antd Select's `filterOption`: one function for every picker. */
export function pickerFilter(input: string, option?: { label?: unknown; search?: string }): boolean {
  if (!option) return false;
  return matchesPicker(input, option.search ?? searchKey(String(option.label ?? '')));
}

/** The props that make an antd Select a searchable picker with the shared filter. */
export const pickerProps = { showSearch: true, filterOption: pickerFilter } as const;

/** An agency as a picker option: found by its name, short name and code. */
export const agencyOption = (a: { id: number; name: string; shortName?: string; code?: string }): PickerOption => ({
  value: a.id,
  label: a.name,
  search: searchKey(a.name, a.shortName, a.code),
});

/**
 * An agency that may be given a task (to lead, coordinate or take over): active, not the Office itself, and not
 * merged — a merged agency, even before its end date, has handed its tasks to its successor.
 */
export const takesTasks = (a: { active: boolean; kind: string; successorId: number | null }): boolean =>
  a.active && a.kind !== 'office' && a.successorId === null;

/** Vietnamese collation for names ("Hồ" before "Huỳnh"). */
export const viCollator = new Intl.Collator('vi', { sensitivity: 'base' });
export const byVietnameseName = (a: string, b: string): number => viCollator.compare(a, b);
