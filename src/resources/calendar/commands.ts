/** Working calendar commands: the admin's correction of one day, and its removal. */

import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { calendarDays } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import type { WriteCtx } from '../../services/write.js';
import type { calendarDayBody } from './schemas.js';

export async function setCalendarDay(w: WriteCtx, date: string, body: z.output<typeof calendarDayBody>) {
  const [cur] = await w.tx.select().from(calendarDays).where(eq(calendarDays.date, date));
  const row = {
    date,
    kind: body.kind,
    nameVi: body.nameVi ?? null,
    nameEn: body.nameEn ?? null,
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
}

export async function resetCalendarDay(w: WriteCtx, date: string) {
  const [cur] = await w.tx.delete(calendarDays).where(eq(calendarDays.date, date)).returning();
  if (!cur) throw notFound({ vi: 'điều chỉnh lịch cho ngày này', en: 'Calendar correction for that day' });
  await w.event({ entityType: 'calendar_day', entityId: date, action: 'calendar.reset', before: cur });
}
