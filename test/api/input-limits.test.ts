/**
 * Every input of every route is bounded, read from the published OpenAPI document so that a new route
 * cannot forget: each string has a maxLength, each integer a maximum within PostgreSQL's integer (2³¹−1),
 * each array a maxItems, and each field named like a date uses the shared date definition.
 * Then the shared definitions themselves, through the HTTP stack: dates, ids, NUL characters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALENDAR_MAX_YEAR, WorkingCalendar } from '../../src/domain/calendar.js';
import { DATE_MAX, DATE_MIN, INT4_MAX } from '../../src/http/validation.js';
import { createHarness, registerDocument, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('2026-03-02 09:00');
});
afterAll(() => h?.close());

type Schema = Record<string, unknown>;
const DATE_NAME = /(^date$|Date$|^asOf$|On$|From$|To$|^until$|^deadline$|Deadline$)/;

/** Every problem of one schema: `where` names the route, the place and the field. */
function problems(s: unknown, where: string, name: string, out: string[]): void {
  if (!s || typeof s !== 'object') return;
  const schema = s as Schema;
  for (const k of ['anyOf', 'oneOf', 'allOf'] as const)
    for (const sub of (schema[k] as unknown[] | undefined) ?? []) problems(sub, where, name, out);
  const type = schema.type;
  if (type === 'string' && !('enum' in schema) && !('const' in schema)) {
    if (typeof schema.maxLength !== 'number') out.push(`${where}: string without maxLength`);
    if (DATE_NAME.test(name) && schema.format !== 'date') out.push(`${where}: date field without the shared date`);
  }
  if (type === 'integer' || type === 'number') {
    if (typeof schema.maximum !== 'number' || schema.maximum > INT4_MAX)
      out.push(`${where}: number without a maximum ≤ 2³¹−1`);
    if (typeof schema.minimum !== 'number' || schema.minimum < -INT4_MAX - 1)
      out.push(`${where}: number without a minimum ≥ −2³¹`);
  }
  if (type === 'array') {
    if (typeof schema.maxItems !== 'number') out.push(`${where}: array without maxItems`);
    problems(schema.items, `${where}[]`, name, out);
  }
  for (const [k, v] of Object.entries((schema.properties as Record<string, unknown>) ?? {}))
    problems(v, `${where}.${k}`, k, out);
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object')
    problems(schema.additionalProperties, `${where}.*`, name, out);
  if (schema.propertyNames && typeof schema.propertyNames === 'object')
    problems(schema.propertyNames, `${where}(key)`, 'key', out);
}

function inputProblems(doc: {
  paths: Record<string, Record<string, { parameters?: Schema[]; requestBody?: { content: Record<string, Schema> } }>>;
}): { problems: string[]; inputs: number } {
  const out: string[] = [];
  let inputs = 0;
  for (const [path, methods] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(methods)) {
      for (const p of op.parameters ?? []) {
        inputs++;
        problems(p.schema, `${method.toUpperCase()} ${path} ${p.in}:${p.name}`, String(p.name), out);
      }
      for (const [type, c] of Object.entries(op.requestBody?.content ?? {})) {
        inputs++;
        problems(c.schema, `${method.toUpperCase()} ${path} body(${type})`, '', out);
      }
    }
  return { problems: out, inputs };
}

describe('every input in /api/openapi.json is bounded', () => {
  it('has a maxLength, a maximum, a maxItems and the shared date everywhere', async () => {
    const doc = (await h.anon().get('/api/openapi.json')).body;
    const { problems: found, inputs } = inputProblems(doc);
    expect(inputs).toBeGreaterThan(100);
    expect(found).toEqual([]);
  });
  it('the walker itself finds what is missing', () => {
    const { problems: found } = inputProblems({
      paths: {
        '/x': {
          post: {
            parameters: [{ in: 'query', name: 'asOf', schema: { type: 'string', maxLength: 10 } }],
            requestBody: {
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      name: { type: 'string' },
                      n: { type: 'integer', minimum: 0, maximum: 9007199254740991 },
                      ids: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 5 } },
                      kind: { type: 'string', enum: ['a'] },
                    },
                  },
                },
              },
            },
          },
        },
      },
    });
    expect(found).toEqual([
      'POST /x query:asOf: date field without the shared date',
      'POST /x body(application/json).name: string without maxLength',
      'POST /x body(application/json).n: number without a maximum ≤ 2³¹−1',
      'POST /x body(application/json).ids: array without maxItems',
    ]);
  });
});

describe('the shared date', () => {
  it('keeps every computation from an accepted date inside the working calendar', () => {
    const cal = new WorkingCalendar();
    // The longest: 365 working days from the last accepted date, then the next working day.
    expect(cal.nextWorkingDay(cal.addWorkingDays(DATE_MAX, 365)) <= `${CALENDAR_MAX_YEAR}-12-31`).toBe(true);
    expect(cal.nextWorkingDay(DATE_MIN) >= DATE_MIN).toBe(true);
  });

  it('refuses dates outside the range with a message that says the range', async () => {
    const spec = await h.as('spec1');
    for (const asOf of ['9999-12-31', '0000-01-01', '2049-01-01', '1989-12-31']) {
      const res = await spec.get(`/api/tasks?asOf=${asOf}`);
      expect(res.status, asOf).toBe(400);
      expect(res.body.error.issues).toEqual([{ field: 'asOf', message: 'phải là ngày từ 01/01/1990 đến 31/12/2048' }]);
    }
    spec.lang = 'en';
    const en = await spec.get('/api/stats/overview?asOf=9999-12-31');
    spec.lang = 'vi';
    expect(en.body.error.message).toBe(
      'The query string is invalid: Field "asOf" must be a date from 1990-01-01 to 2048-12-31.',
    );
    // The last date of the range is within the range, but a cut-off after today is refused as such.
    const late = await spec.get(`/api/tasks?asOf=${DATE_MAX}`);
    expect(late.status).toBe(400);
    expect(late.body.error.message).toContain('chưa đến');
    expect((await spec.get(`/api/tasks?asOf=${DATE_MIN}`)).status).toBe(200);
  });

  it('the furthest deadline a request can ask for stays inside the calendar; beyond the range is a 400', async () => {
    // A document of the last accepted day, a task "within 365 working days" of it, and one on a Saturday.
    const { taskIds } = await registerDocument(
      h,
      'spec1',
      [
        {
          content: 'Trong 365 ngày làm việc',
          leadAgencyId: h.fx.agency.finance,
          deadlineKind: 'fixed',
          withinWorkingDays: 365,
        },
      ],
      { issuedOn: DATE_MAX },
    );
    const saturday = await registerDocument(h, 'spec1', [
      { content: 'Hạn thứ Bảy', leadAgencyId: h.fx.agency.finance, deadlineKind: 'fixed', deadline: '2048-12-26' },
    ]);
    const spec = await h.as('spec1');
    const far = (await spec.get(`/api/tasks/${taskIds[0]}`)).body;
    expect(far.dueDate > DATE_MAX && far.dueDate <= `${CALENDAR_MAX_YEAR}-12-31`).toBe(true);
    expect((await spec.get(`/api/tasks/${saturday.taskIds[0]}`)).body.dueDate).toBe('2048-12-28');
    const late = await spec.post('/api/tasks', {
      tasks: [{ content: 'Quá xa', leadAgencyId: h.fx.agency.finance, deadlineKind: 'fixed', deadline: '2050-12-31' }],
    });
    expect(late.status).toBe(400);
    expect(late.body.error.issues).toEqual([
      { field: 'tasks.0.deadline', message: 'phải là ngày từ 01/01/1990 đến 31/12/2048' },
    ]);
  });

  it('refuses a recurrence ending in year 0000', async () => {
    const spec = await h.as('spec1');
    const res = await spec.post('/api/tasks', {
      tasks: [
        {
          content: 'Báo cáo định kỳ',
          leadAgencyId: h.fx.agency.finance,
          deadlineKind: 'recurring',
          recurrence: { freq: 'monthly', day: 20, until: '0000-01-01' },
        },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].field).toBe('tasks.0.recurrence.until');
  });
});

describe('the shared id and integers', () => {
  it('refuses ids above 2³¹−1 in the path, the query and the body', async () => {
    const spec = await h.as('spec1');
    expect((await spec.get('/api/documents/99999999999/files')).status).toBe(400);
    expect((await spec.get('/api/tasks?agencyId=1,99999999999')).body.error.issues).toEqual([
      { field: 'agencyId.1', message: 'phải là số nguyên dương' },
    ]);
    const admin = await h.as('admin');
    const res = await admin.post('/api/leaders', { fullName: 'Lê Văn A', position: 'Phó Chủ tịch', sortOrder: 3e10 });
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].field).toBe('sortOrder');
    const tooMany = await spec.get(`/api/tasks?agencyId=${Array.from({ length: 101 }, (_, i) => i + 1).join(',')}`);
    expect(tooMany.status).toBe(400);
  });
});

describe('NUL characters never reach the database', () => {
  it('in a body, with the field named, in both languages', async () => {
    const spec = await h.as('spec1');
    const res = await spec.post('/api/documents', {
      numberText: '12/UBND-VP',
      issuedOn: '2026-03-02',
      abstract: 'Trích\u0000yếu',
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      code: 'bad_request',
      message: 'Trường "abstract" không được chứa ký tự NUL (U+0000).',
      issues: [{ field: 'abstract', message: 'không được chứa ký tự NUL (U+0000)' }],
    });
    spec.lang = 'en';
    const en = await spec.post('/api/views', { name: 'x', query: { 'q\u0000': 'a' } });
    spec.lang = 'vi';
    expect(en.status).toBe(400);
    expect(en.body.error.message).toBe('Field "query.q\\0" must not contain the NUL character (U+0000).');
  });
  it('in the query string and in an anonymous sign-in', async () => {
    const spec = await h.as('spec1');
    expect((await spec.get('/api/tasks?q=abc%00def')).body.error.issues).toEqual([
      { field: 'q', message: 'không được chứa ký tự NUL (U+0000)' },
    ]);
    const anon = await h.anon().post('/api/auth/login', { username: 'spec1\u0000', password: 'x\u0000' });
    expect(anon.status).toBe(400);
    expect(anon.body.error.issues[0].field).toBe('username');
  });
});
