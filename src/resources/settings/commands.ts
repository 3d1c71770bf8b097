/** Settings commands: a partial update, recorded as one event with what changed. */
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { settings } from '../../db/schema.js';
import { badRequest } from '../../errors.js';
import { loadSettings, type settingsSchema } from '../../services/settings.js';
import { diff, type WriteCtx } from '../../services/write.js';

type SettingsPatch = Partial<z.output<typeof settingsSchema>>;

/** Grading thresholds must decrease (checked before the transaction opens). */
export function checkGradingThresholds(patch: SettingsPatch): void {
  const t = patch.gradingThresholds;
  if (t && !(t.excellent >= t.good && t.good >= t.fair))
    throw badRequest(
      'Ngưỡng xếp loại phải giảm dần: xuất sắc ≥ tốt ≥ đạt.',
      'Grading thresholds must decrease: excellent ≥ good ≥ fair.',
      'gradingThresholds',
    );
}

export async function updateSettings(w: WriteCtx, patch: SettingsPatch): Promise<void> {
  const before = await loadSettings(w.deps, w.tx, true);
  for (const [key, value] of Object.entries(patch)) {
    await w.tx
      .insert(settings)
      .values({ key, value, updatedBy: w.actor.id, updatedAt: w.now })
      .onConflictDoUpdate({
        target: settings.key,
        set: { value, updatedBy: w.actor.id, updatedAt: w.now, version: sql`${settings.version} + 1` },
      });
  }
  await w.event({
    entityType: 'setting',
    entityId: 'settings',
    action: 'settings.update',
    ...diff(before, patch),
  });
}
