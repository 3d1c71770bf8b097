/** /api/calendar: the working calendar of a year (statutory days, government decisions, the admin's corrections). */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { requireActor } from '../../auth/plugin.js';
import { calendarDays } from '../../db/schema.js';
import { GOVERNMENT_DECISIONS, isProvisionalYear } from '../../domain/calendar.js';
import { badRequest } from '../../errors.js';
import { calendarDate } from '../../http/validation.js';
import { CALENDAR_MAX_YEAR, CALENDAR_MIN_YEAR } from '../../domain/calendar.js';
import { authorize } from '../../policies/index.js';
import { write } from '../../http/write.js';
import { errors, ok, type Api } from '../../http/types.js';
import { calendarDayBody } from './schemas.js';
import { resetCalendarDay, setCalendarDay } from './commands.js';

export function calendarRoutes(app: Api) {
  // ---- working calendar ----
  const calendarDaySchema = z.object({
    date: z.string(),
    kind: z.string(),
    nameVi: z.string(),
    nameEn: z.string(),
    corrected: z.boolean(),
  });
  app.get(
    '/calendar/:year',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Ngày nghỉ (lễ, Tết, nghỉ bù) và ngày làm bù của một năm, theo lịch làm việc Việt Nam',
        params: z
          .object({
            year: z.coerce
              .number({ error: 'year' })
              .int({ message: 'year' })
              .min(CALENDAR_MIN_YEAR, { message: 'year' })
              .max(CALENDAR_MAX_YEAR, { message: 'year' }),
          })
          .strict(),
        response: {
          200: z.object({
            year: z.number(),
            weekendDays: z.array(z.number()),
            days: z.array(calendarDaySchema),
            workingDays: z.number(),
            provisional: z
              .boolean()
              .describe('true: chưa có quyết định của Chính phủ về ngày nghỉ năm này; ngày nghỉ theo quy tắc mặc định'),
            decisionSource: z.string().nullable().describe('Quyết định (văn bản) về ngày nghỉ của năm, nếu có'),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const y = req.params.year;
      const cal = await app.deps.calendar.get(app.deps.db);
      const corrections = await app.deps.db
        .select()
        .from(calendarDays)
        .where(sql`extract(year from ${calendarDays.date}) = ${y}`);
      const days = cal.specialDays(y).map((d) => ({ ...d, corrected: corrections.some((c) => c.date === d.date) }));
      return {
        year: y,
        weekendDays: [6, 0],
        days,
        workingDays: cal.workingDaysBetween(`${y - 1}-12-31`, `${y}-12-31`),
        provisional: isProvisionalYear(y),
        decisionSource: GOVERNMENT_DECISIONS[y]?.source ?? null,
      };
    },
  );
  app.put(
    '/calendar/days/:date',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Sửa một ngày của lịch: ngày nghỉ, ngày làm bù, hoặc bỏ một ngày nghỉ luật định',
        params: z.object({ date: calendarDate() }).strict(),
        body: calendarDayBody,
        response: { 200: ok, ...errors },
      },
    },
    async (req) => {
      authorize(requireActor(req), 'calendar.write');
      const { date } = req.params;
      if (req.body.kind !== 'remove' && !req.body.nameVi)
        throw badRequest(
          'Hãy ghi tên ngày (ví dụ "Nghỉ bù Quốc khánh").',
          'Give the day a name (e.g. "Nghỉ bù Quốc khánh").',
          'nameVi',
        );
      await write(req, (w) => setCalendarDay(w, date, req.body));
      await app.deps.calendar.reload(app.deps.db);
      return { ok: true as const };
    },
  );
  app.delete(
    '/calendar/days/:date',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Bỏ điều chỉnh của một ngày (trở về lịch luật định)',
        params: z.object({ date: calendarDate() }).strict(),
        response: { 200: ok, ...errors },
      },
    },
    async (req) => {
      authorize(requireActor(req), 'calendar.write');
      await write(req, (w) => resetCalendarDay(w, req.params.date));
      await app.deps.calendar.reload(app.deps.db);
      return { ok: true as const };
    },
  );
}
