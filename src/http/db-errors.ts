/**
 * PostgreSQL's refusals of bad input, in words a user understands, and errors as they may be logged.
 *
 * The request schemas are the first line: they refuse what the database would. A refusal that still
 * reaches the database (a data exception, class 22, or an integrity constraint, class 23) is the client's
 * input, not a fault of the server: it answers 400 (409 for a duplicate), naming the field when the
 * database says which column it is. Values are never repeated: not in the answer, not in the log.
 */
import type { ErrorCode, Text } from '../errors.js';

interface PgLike {
  code?: unknown;
  column?: unknown;
  constraint?: unknown;
  detail?: unknown;
  table?: unknown;
  message?: unknown;
  routine?: unknown;
}

/** The PostgreSQL error inside an error thrown by Drizzle (its `cause`), node-postgres or PGlite. */
export function pgErrorOf(err: unknown): (PgLike & { code: string }) | null {
  for (let e = err as { cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as never, depth++) {
    const code = (e as PgLike).code;
    if (typeof code === 'string' && /^(?:[0-9][0-9A-Z]|P0|XX|F0|HV)[0-9A-Z]{3}$/.test(code))
      return e as PgLike & { code: string };
  }
  return null;
}

const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The column(s) a refusal is about: `column`, or the key list of `Key (a, b)=(…)` in the detail. */
function fieldOf(pg: PgLike): string | undefined {
  if (typeof pg.column === 'string' && pg.column) return camel(pg.column);
  const key = typeof pg.detail === 'string' ? /^Key \(([^)]+)\)=/.exec(pg.detail) : null;
  if (key)
    return key[1]!
      .split(',')
      .map((c) => camel(c.trim().replace(/^"|"$/g, '')))
      .join(', ');
  return undefined;
}

const named = (field: string | undefined, vi: string, en: string): Text =>
  field
    ? { vi: `Trường "${field}" ${vi}.`, en: `Field "${field}" ${en}.` }
    : { vi: `Dữ liệu ${vi}.`, en: `The data ${en}.` };

const DATA: Record<string, { vi: string; en: string }> = {
  '22001': { vi: 'quá dài', en: 'is too long' },
  '22003': { vi: 'có số vượt quá giới hạn cho phép', en: 'has a number out of the allowed range' },
  '22007': { vi: 'có ngày giờ không đúng định dạng', en: 'has a date or time in the wrong format' },
  '22008': { vi: 'có ngày giờ nằm ngoài khoảng cho phép', en: 'has a date or time out of range' },
  '22021': { vi: 'chứa ký tự không hợp lệ', en: 'holds an invalid character' },
  '22P05': {
    vi: 'chứa ký tự không lưu được (như U+0000)',
    en: 'holds a character that cannot be stored (such as U+0000)',
  },
  '22P02': { vi: 'có giá trị không đúng kiểu', en: 'has a value of the wrong type' },
  '22023': { vi: 'có giá trị không hợp lệ', en: 'has an invalid value' },
  '22004': { vi: 'thiếu giá trị bắt buộc', en: 'lacks a required value' },
  '22012': { vi: 'dẫn tới phép chia cho 0', en: 'leads to a division by zero' },
};

/** 400/409 and a message for a refusal the client caused; null for anything else (a server fault). */
export function databaseRefusal(err: unknown): { status: number; code: ErrorCode; text: Text; field?: string } | null {
  const pg = pgErrorOf(err);
  if (!pg) return null;
  const field = fieldOf(pg);
  const bad = (text: Text) => ({ status: 400, code: 'bad_request' as const, text, field });
  switch (pg.code) {
    case '23505':
      return {
        status: 409,
        code: 'conflict',
        field,
        text: named(field, 'trùng với một bản ghi đã có', 'duplicates an existing record'),
      };
    case '23P01':
      return {
        status: 409,
        code: 'conflict',
        field,
        text: named(field, 'trùng lặp thời gian với một bản ghi đã có', 'overlaps an existing record'),
      };
    case '23503':
      return bad(
        named(
          field,
          'tham chiếu tới bản ghi không có hoặc đang được dùng',
          'refers to a record that does not exist or is in use',
        ),
      );
    case '23502':
      return bad(named(field, 'là bắt buộc', 'is required'));
    case '23514':
      return bad(named(field, 'có giá trị không được chấp nhận', 'has a value that is not accepted'));
    case '54000':
      return bad(named(field, 'quá dài để lưu', 'is too long to store'));
    case '40001':
    case '40P01':
      return {
        status: 409,
        code: 'conflict',
        text: {
          vi: 'Có thay đổi khác cùng lúc với thay đổi này. Hãy thực hiện lại.',
          en: 'Another change happened at the same time. Try again.',
        },
      };
  }
  if (pg.code.startsWith('22') || pg.code.startsWith('23')) {
    const words = DATA[pg.code] ?? { vi: 'không hợp lệ', en: 'is invalid' };
    return bad(named(field, words.vi, words.en));
  }
  return null;
}

/** Quoted values and key values removed from a database message: 'invalid input syntax for type integer: "…"'. */
const redact = (s: string) => s.replace(/"[^"]*"/g, '"…"').replace(/=\(.*?\)( |$)/g, '=(…)$1');

/**
 * What the log keeps of an error: for a failed query, the SQL text (with its $1, $2 placeholders), the
 * database's code, table, column and constraint, and the code's stack frames — never the parameter values,
 * which Drizzle puts in the message ("params: …") and which hold what users typed.
 */
export function loggableError(err: unknown): Record<string, unknown> | unknown {
  const pg = pgErrorOf(err);
  const e = err as { name?: string; message?: string; stack?: string; query?: unknown };
  if (!pg && typeof e?.query !== 'string') return err;
  const frames = (e.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l));
  return {
    type: e.name ?? 'Error',
    message: pg && typeof pg.message === 'string' ? redact(pg.message) : 'query failed',
    query: typeof e.query === 'string' ? e.query : undefined,
    code: pg?.code,
    table: pg?.table,
    column: pg?.column,
    constraint: pg?.constraint,
    routine: pg?.routine,
    stack: frames.join('\n'),
  };
}
