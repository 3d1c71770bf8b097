/** /api/calendar: the working calendar of a year (statutory days, government decisions, the admin's corrections). */
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { requireActor } from '../../auth/plugin.js';
import { calendarDays } from '../../db/schema.js';
import { GOVERNMENT_DECISIONS, isProvisionalYear } from '../../domain/calendar.js';
import { badRequest, notFound } from '../../errors.js';
import { calendarDate, optionalText } from '../../http/validation.js';
import { CALENDAR_MAX_YEAR, CALENDAR_MIN_YEAR } from '../../domain/calendar.js';
import { authorize } from '../../policies/index.js';
import { write } from '../../http/write.js';
import { errors, ok, type Api } from '../../http/types.js';

export function calendarRoutes(app: Api) {
  // ---- working calendar ----
  const dayKinds = ['holiday', 'compensatory', 'day_off', 'working_day'] as const;
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
        body: z
          .object({ kind: z.enum([...dayKinds, 'remove']), nameVi: optionalText(200), nameEn: optionalText(200) })
          .strict(),
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
      await write(req, async (w) => {
        const [cur] = await w.tx.select().from(calendarDays).where(eq(calendarDays.date, date));
        const row = {
          date,
          kind: req.body.kind,
          nameVi: req.body.nameVi ?? null,
          nameEn: req.body.nameEn ?? null,
          updatedBy: w.actor.id,
          updatedAt: w.now,
        };
        await w.tx.insert(calendarDays).values(row).onConflictDoUpdate({ target: calendarDays.date, set: row });
        await w.event({
          entityType: 'calendar_day',
          entityId: date,
          action: 'calendar.set',
          before: cur ?? null,
          after: row,
        });
      });
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
      await write(req, async (w) => {
        const [cur] = await w.tx.delete(calendarDays).where(eq(calendarDays.date, req.params.date)).returning();
        if (!cur) throw notFound({ vi: 'điều chỉnh lịch cho ngày này', en: 'Calendar correction for that day' });
        await w.event({ entityType: 'calendar_day', entityId: req.params.date, action: 'calendar.reset', before: cur });
      });
      await app.deps.calendar.reload(app.deps.db);
      return { ok: true as const };
    },
  );
}
