/**
 * What reaches the database and is refused there is the client's input: 400/409 naming the field, and
 * the log keeps the failed SQL text and code but never the values the user sent.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseRefusal, loggableError } from '../../src/http/db-errors.js';
import { createHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
const lines: string[] = [];
beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  h = await createHarness('2026-03-02 09:00', { log: pino({ level: 'info' }, sink) });
});
afterAll(() => h?.close());

describe('database refusals', () => {
  it('a duplicate answers 409 naming the field; the log has the SQL but not the values', async () => {
    const admin = await h.as('admin');
    lines.length = 0;
    const res = await admin.post('/api/agencies', {
      code: 'STC',
      name: 'Tên bí mật trùng mã',
      shortName: 'Bí mật',
      kind: 'department',
      validFrom: '2024-01-01',
    });
    expect(res.status).toBe(409);
    expect(res.body.error).toEqual({
      code: 'conflict',
      message: 'Trường "code" trùng với một bản ghi đã có.',
      issues: [{ field: 'code', message: 'Trường "code" trùng với một bản ghi đã có.' }],
    });
    const logged = lines.join('');
    expect(logged).toContain('insert into \\"agencies\\"');
    expect(logged).toContain('23505');
    expect(logged).not.toContain('Tên bí mật');
    expect(logged).not.toContain('params');
    expect(logged).not.toContain('STC');
  });

  it('maps the data errors of class 22 and 23 to 400, names columns, and repeats no value', () => {
    const drizzle = (cause: Record<string, unknown>) =>
      Object.assign(new Error('Failed query: insert into "x" values ($1)\nparams: secret'), {
        query: 'insert into "x" values ($1)',
        params: ['secret'],
        cause,
      });
    const cases: [Record<string, unknown>, number, string][] = [
      [
        { code: '22021', message: 'invalid byte sequence for encoding "UTF8": 0x00' },
        400,
        'Dữ liệu chứa ký tự không hợp lệ.',
      ],
      [
        { code: '22P05', message: 'unsupported Unicode escape sequence' },
        400,
        'Dữ liệu chứa ký tự không lưu được (như U+0000).',
      ],
      [{ code: '22001', column: 'short_name' }, 400, 'Trường "shortName" quá dài.'],
      [{ code: '22003' }, 400, 'Dữ liệu có số vượt quá giới hạn cho phép.'],
      [{ code: '22007' }, 400, 'Dữ liệu có ngày giờ không đúng định dạng.'],
      [{ code: '22008' }, 400, 'Dữ liệu có ngày giờ nằm ngoài khoảng cho phép.'],
      [
        { code: '22P02', message: 'invalid input syntax for type integer: "secret"' },
        400,
        'Dữ liệu có giá trị không đúng kiểu.',
      ],
      [{ code: '23502', column: 'lead_agency_id' }, 400, 'Trường "leadAgencyId" là bắt buộc.'],
      [
        { code: '23503', detail: 'Key (agency_id)=(77) is not present in table "agencies".' },
        400,
        'Trường "agencyId" tham chiếu tới bản ghi không có hoặc đang được dùng.',
      ],
      [{ code: '23514', constraint: 'tasks_check' }, 400, 'Dữ liệu có giá trị không được chấp nhận.'],
      [
        { code: '23505', detail: 'Key (lower(username))=(secret) already exists.' },
        409,
        'Dữ liệu trùng với một bản ghi đã có.',
      ],
    ];
    for (const [cause, status, vi] of cases) {
      const r = databaseRefusal(drizzle(cause));
      expect(r?.status, String(cause.code)).toBe(status);
      expect(r?.text.vi, String(cause.code)).toBe(vi);
      expect(r?.text.en).toBeTruthy();
      const log = JSON.stringify(loggableError(drizzle(cause)));
      expect(log, String(cause.code)).not.toContain('secret');
    }
    expect(databaseRefusal(new Error('boom'))).toBeNull();
    expect(databaseRefusal(Object.assign(new Error('x'), { code: 'EPIPE' }))).toBeNull();
    expect(databaseRefusal(drizzle({ code: '57014' }))).toBeNull(); // statement timeout: not the client's input
  });
});
