/**
 * Shared zod pieces for request schemas, and the translation of validation issues into messages that
 * name the field and say what to fix, in Vietnamese and English.
 */
import { z } from 'zod';
import { CALENDAR_MAX_YEAR, CALENDAR_MIN_YEAR } from '../domain/calendar.js';
import { AppError, badRequest, type Text } from '../errors.js';

const vnDay = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const DATE_RANGE: Text = {
  vi: `${vnDay(`${CALENDAR_MIN_YEAR}-01-01`)} đến ${vnDay(`${CALENDAR_MAX_YEAR - 2}-12-31`)}`,
  en: `${CALENDAR_MIN_YEAR}-01-01 to ${CALENDAR_MAX_YEAR - 2}-12-31`,
};

/** Custom checks put one of these keys in their message; `describeIssue` turns it into words. */
const CUSTOM: Record<string, Text> = {
  date: {
    vi: 'phải là một ngày có thật, dạng YYYY-MM-DD (ví dụ 2026-07-15)',
    en: 'must be a real date as YYYY-MM-DD (e.g. 2026-07-15)',
  },
  id: { vi: 'phải là số nguyên dương', en: 'must be a positive whole number' },
  blank: { vi: 'không được để trống', en: 'must not be blank' },
  date_range: {
    vi: `phải là ngày từ ${DATE_RANGE.vi}`,
    en: `must be a date from ${DATE_RANGE.en}`,
  },
  calendar_range: {
    vi: `phải là ngày trong các năm ${CALENDAR_MIN_YEAR}–${CALENDAR_MAX_YEAR} của lịch làm việc`,
    en: `must be a date within the working calendar's years ${CALENDAR_MIN_YEAR}–${CALENDAR_MAX_YEAR}`,
  },
  year: {
    vi: `phải là năm từ ${CALENDAR_MIN_YEAR} đến ${CALENDAR_MAX_YEAR}`,
    en: `must be a year from ${CALENDAR_MIN_YEAR} to ${CALENDAR_MAX_YEAR}`,
  },
  nul: {
    vi: 'không được chứa ký tự NUL (U+0000)',
    en: 'must not contain the NUL character (U+0000)',
  },
  uuid: { vi: 'phải là mã tệp dạng UUID', en: 'must be a file id (UUID)' },
  agency_code: {
    vi: 'chỉ gồm chữ in hoa không dấu, số, "-" hoặc "_" (ví dụ STC)',
    en: 'must be upper-case letters, digits, "-" or "_" (e.g. STC)',
  },
  field_code: {
    vi: 'chỉ gồm chữ in hoa không dấu, số, "-" hoặc "_"',
    en: 'must be upper-case letters, digits, "-" or "_"',
  },
  username: {
    vi: 'phải dài 3–60 ký tự, chỉ gồm chữ không dấu, số, ".", "-" hoặc "_"',
    en: 'must be 3–60 characters: letters, digits, ".", "-" or "_"',
  },
};

/** The largest value of a PostgreSQL `integer` (int4): ids, versions, orders and counts stay below it. */
export const INT4_MAX = 2_147_483_647;

/**
 * The dates the API accepts, from every field of every route. The working calendar covers
 * CALENDAR_MIN_YEAR–CALENDAR_MAX_YEAR; the accepted range ends two years earlier so that the longest
 * computation from an accepted date (365 working days from a document's date, then the next working day)
 * stays inside the calendar. `calendarDate()` is for the calendar's own pages, which cover all its years.
 */
export const DATE_MIN = `${CALENDAR_MIN_YEAR}-01-01`;
export const DATE_MAX = `${CALENDAR_MAX_YEAR - 2}-12-31`;

const dateBetween = (min: string, max: string, key: string) =>
  z
    .string()
    .max(10, { message: 'date', abort: true })
    .pipe(z.iso.date({ message: 'date', abort: true }))
    .refine((s) => s >= min && s <= max, { message: key })
    .meta({ format: 'date' });

/** A real calendar date 'YYYY-MM-DD' within DATE_MIN…DATE_MAX. */
export const isoDate = () => dateBetween(DATE_MIN, DATE_MAX, 'date_range');
/** A real calendar date within the working calendar's years (its corrections by the admin). */
export const calendarDate = () =>
  dateBetween(`${CALENDAR_MIN_YEAR}-01-01`, `${CALENDAR_MAX_YEAR}-12-31`, 'calendar_range');

/**
 * Length caps of free text, by kind. Every string of every request is also refused when it holds a NUL
 * character (U+0000), which PostgreSQL cannot store: see `refuseNul`, run before validation on every route.
 */
export const TEXT = {
  /** Codes, numbers, short names, search words. */
  short: 100,
  /** Names of people, agencies, fields, tokens. */
  name: 300,
  /** Reasons, notes, abstracts, messages. */
  note: 2000,
  /** A task's content, a direction. */
  content: 4000,
  /** A report. */
  long: 8000,
} as const;

/** Trimmed text that must not be blank. */
export const text = (max: number) => z.string().trim().min(1, { message: 'blank' }).max(max);
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => (s === '' ? null : s))
    .nullish();

/** An integer that fits the database's `integer` columns, within [min, max]. */
export const int = (min: number, max: number) => {
  if (max > INT4_MAX || min < -INT4_MAX - 1) throw new RangeError(`int(${min}, ${max}) exceeds int4`);
  return z.number().int().min(min).max(max);
};
/** Display order of reference rows. */
export const sortOrder = int(0, 100_000);

/** A record id: 1 … 2³¹−1, in the path, the query string or the body (numbers given as strings are read). */
export const idParam = z.coerce
  .number({ error: 'id' })
  .int({ message: 'id' })
  .positive({ message: 'id' })
  .max(INT4_MAX, { message: 'id' });
export const idParams = z.object({ id: idParam }).strict();
export const version = z
  .number()
  .int()
  .min(1)
  .max(INT4_MAX)
  .describe('Phiên bản của bản ghi mà người dùng đang sửa (khóa lạc quan)');

/** A list with at most `max` items. */
export const list = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max);

/** Query-string booleans. */
export const qBool = z.enum(['true', 'false']).transform((v) => v === 'true');
/** Query-string list of ids: `1,2,3` (at most 100). */
export const qIds = z
  .string()
  .max(1200)
  .regex(/^\d+(,\d+)*$/, { message: 'ids' })
  .transform((s) => s.split(',').map(Number))
  .pipe(z.array(z.number().int().positive({ message: 'id' }).max(INT4_MAX, { message: 'id' })).max(100));

/**
 * The cut-off date a read asks for (`asOf`), today when none: the figures as they stood at the end of that day.
 * A day after today has not happened: its figures would be a guess (every open task overdue by then), so it is
 * refused rather than shown as if it were a statistic.
 */
export function cutOffOf(asOf: string | undefined, today: string, field = 'asOf'): string {
  if (asOf === undefined) return today;
  if (asOf > today)
    throw badRequest(
      `Ngày chốt số liệu ${asOf} chưa đến (hôm nay ${today}): hãy chọn hôm nay hoặc một ngày đã qua.`,
      `The cut-off date ${asOf} has not come yet (today is ${today}): choose today or a past day.`,
      field,
    );
  return asOf;
}

/** Refuses a range whose start is after its end, naming the start's field. */
export function checkRange<T extends string | number>(
  from: T | undefined,
  to: T | undefined,
  names: { from: string; to: string; vi: [string, string] },
): void {
  if (from === undefined || to === undefined || from <= to) return;
  throw badRequest(
    `"${names.vi[0]}" (${from}) phải trước hoặc bằng "${names.vi[1]}" (${to}).`,
    `"${names.from}" (${from}) must not be after "${names.to}" (${to}).`,
    names.from,
  );
}

/** The path, within the request's body, query or parameters, of the first string holding a NUL. */
function nulPath(value: unknown, path: string[] = [], depth = 0): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (depth > 64 || value === null || typeof value !== 'object') return null;
  for (const [k, v] of Object.entries(value)) {
    if (k.includes('\u0000')) return [...path, k.replaceAll('\u0000', '\\0')];
    const found = nulPath(v, [...path, k], depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Refuses any request whose body, query string or path holds a NUL character (U+0000) in a string or a key,
 * with a 400 naming the field: PostgreSQL cannot store it (text: 22021, jsonb: 22P05).
 */
export function findNul(req: { body?: unknown; query?: unknown; params?: unknown }): string | null {
  for (const part of [req.params, req.query, req.body]) {
    const p = nulPath(part);
    if (p) return fieldName(p);
  }
  return null;
}

interface IssueLike {
  code?: string;
  message?: string;
  path?: PropertyKey[];
  expected?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  values?: unknown[];
  keys?: string[];
  format?: string;
  input?: unknown;
}

const TYPE_VI: Record<string, string> = {
  string: 'chuỗi ký tự',
  number: 'số',
  int: 'số nguyên',
  boolean: 'true hoặc false',
  object: 'đối tượng JSON',
  array: 'danh sách',
  date: 'ngày',
};

export function describeIssue(issue: IssueLike): Text {
  const msg = issue.message ?? '';
  if (msg in CUSTOM) return CUSTOM[msg]!;
  if (msg === 'ids')
    return {
      vi: 'phải là danh sách số cách nhau bởi dấu phẩy, ví dụ 1,2,3',
      en: 'must be comma-separated numbers, e.g. 1,2,3',
    };
  switch (issue.code) {
    case 'invalid_type':
      // zod reports the input only on request; its own message says "received undefined" for a missing one.
      if (/received undefined/.test(msg)) return { vi: 'là bắt buộc', en: 'is required' };
      // A list where one value is expected: in a query string, a parameter given more than once.
      if (/received array/.test(msg) && issue.expected !== 'array')
        return {
          vi: `phải là một ${TYPE_VI[issue.expected ?? ''] ?? issue.expected}, không phải danh sách (tham số truy vấn chỉ gửi một lần)`,
          en: `must be one ${issue.expected}, not a list (give a query parameter once)`,
        };
      return {
        vi: `phải là ${TYPE_VI[issue.expected ?? ''] ?? issue.expected}`,
        en: `must be ${issue.expected === 'int' ? 'an integer' : `of type ${issue.expected}`}`,
      };
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? CUSTOM.blank!
          : { vi: `phải có ít nhất ${issue.minimum} ký tự`, en: `must have at least ${issue.minimum} characters` };
      if (issue.origin === 'array')
        return { vi: `phải có ít nhất ${issue.minimum} phần tử`, en: `must have at least ${issue.minimum} items` };
      return { vi: `phải lớn hơn hoặc bằng ${issue.minimum}`, en: `must be at least ${issue.minimum}` };
    case 'too_big':
      if (issue.origin === 'string')
        return { vi: `không được dài quá ${issue.maximum} ký tự`, en: `must have at most ${issue.maximum} characters` };
      if (issue.origin === 'array')
        return { vi: `không được quá ${issue.maximum} phần tử`, en: `must have at most ${issue.maximum} items` };
      return { vi: `phải nhỏ hơn hoặc bằng ${issue.maximum}`, en: `must be at most ${issue.maximum}` };
    case 'invalid_value':
    case 'invalid_enum_value': {
      const list = (issue.values ?? []).map(String).join(', ');
      return { vi: `phải là một trong: ${list}`, en: `must be one of: ${list}` };
    }
    case 'unrecognized_keys': {
      const keys = (issue.keys ?? []).join(', ');
      return {
        vi: `có trường không được hỗ trợ: ${keys} — hãy bỏ đi`,
        en: `has unsupported fields: ${keys} — remove them`,
      };
    }
    case 'invalid_format':
      if (issue.format === 'email')
        return { vi: 'phải là địa chỉ e-mail hợp lệ', en: 'must be a valid e-mail address' };
      return { vi: 'không đúng định dạng', en: 'has the wrong format' };
    case 'invalid_union':
      return { vi: 'không khớp với dạng nào được chấp nhận', en: 'matches none of the accepted shapes' };
    default:
      return { vi: msg || 'không hợp lệ', en: msg || 'is invalid' };
  }
}

const PLACE: Record<string, Text> = {
  body: { vi: 'nội dung yêu cầu', en: 'request body' },
  querystring: { vi: 'tham số truy vấn', en: 'query string' },
  params: { vi: 'đường dẫn', en: 'path' },
  headers: { vi: 'tiêu đề', en: 'headers' },
};

export function fieldName(path: readonly PropertyKey[] | string, context?: string): string {
  const parts = typeof path === 'string' ? path.split('/').filter(Boolean) : path.map(String);
  if (parts.length === 0) return context ?? 'body';
  return parts.join('.');
}

export function placeText(context: string | undefined): Text {
  return PLACE[context ?? 'body'] ?? PLACE.body!;
}

export const nulRefused = (field: string) =>
  new AppError(
    'bad_request',
    {
      vi: `Trường "${field}" ${CUSTOM.nul!.vi}.`,
      en: `Field "${field}" ${CUSTOM.nul!.en}.`,
    },
    { issues: [{ field, text: CUSTOM.nul! }] },
  );

/** A date computed from the request (a deadline moved to the next working day…) left the calendar's years. */
export const calendarRangeText = (err: { year: number }): Text => ({
  vi: `Ngày tính ra rơi vào năm ${err.year}, ngoài lịch làm việc (${CALENDAR_MIN_YEAR}–${CALENDAR_MAX_YEAR}). Hãy chọn ngày sớm hơn.`,
  en: `The computed date falls in ${err.year}, outside the working calendar (${CALENDAR_MIN_YEAR}–${CALENDAR_MAX_YEAR}). Choose an earlier date.`,
});
