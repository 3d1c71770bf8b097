/**
 * Shared zod pieces for request schemas, and the translation of validation issues into messages that
 * name the field and say what to fix, in Vietnamese and English.
 */
import { z } from 'zod';
import type { Text } from '../errors.js';

/** Custom checks put one of these keys in their message; `describeIssue` turns it into words. */
const CUSTOM: Record<string, Text> = {
  date: {
    vi: 'phải là một ngày có thật, dạng YYYY-MM-DD (ví dụ 2026-07-15)',
    en: 'must be a real date as YYYY-MM-DD (e.g. 2026-07-15)',
  },
  id: { vi: 'phải là số nguyên dương', en: 'must be a positive whole number' },
  blank: { vi: 'không được để trống', en: 'must not be blank' },
  year: { vi: 'phải là năm từ 1990 đến 2050', en: 'must be a year from 1990 to 2050' },
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

export const isoDate = () =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date' })
    .refine(
      (s) => {
        const d = new Date(`${s}T00:00:00Z`);
        return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
      },
      { message: 'date' },
    );

/** Trimmed text that must not be blank. */
export const text = (max: number) => z.string().trim().min(1, { message: 'blank' }).max(max);
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => (s === '' ? null : s))
    .nullish();

export const idParam = z.coerce
  .number({ error: 'id' })
  .int({ message: 'id' })
  .positive({ message: 'id' })
  .max(2147483647, { message: 'id' });
export const idParams = z.object({ id: idParam }).strict();
export const version = z.number().int().min(1).describe('Phiên bản của bản ghi mà người dùng đang sửa (khoá lạc quan)');

/** Query-string booleans. */
export const qBool = z.enum(['true', 'false']).transform((v) => v === 'true');
/** Query-string list of ids: `1,2,3`. */
export const qIds = z
  .string()
  .regex(/^\d+(,\d+)*$/, { message: 'ids' })
  .transform((s) => s.split(',').map(Number));

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
