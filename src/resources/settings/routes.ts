/** /api/settings: read by every signed-in user, written by the admin. */
import { sql } from 'drizzle-orm';
import { requireActor } from '../../auth/plugin.js';
import { settings } from '../../db/schema.js';

import { badRequest } from '../../errors.js';
import { authorize } from '../../policies/index.js';
import { forgetSettings, loadSettings, settingsSchema } from '../../services/settings.js';
import { write } from '../../http/write.js';
import { diff } from '../../services/write.js';
import { errors, type Api } from '../../http/types.js';

export function settingsRoutes(app: Api) {
  // ---- settings ----
  app.get(
    '/settings',
    { schema: { tags: ['settings'], summary: 'Thiết lập', response: { 200: settingsSchema, ...errors } } },
    async (req) => {
      requireActor(req);
      return loadSettings(app.deps, app.deps.db);
    },
  );
  app.put(
    '/settings',
    {
      schema: {
        tags: ['settings'],
        summary: 'Sửa thiết lập (một phần hoặc tất cả)',
        body: settingsSchema.partial().strict(),
        response: { 200: settingsSchema, ...errors },
      },
    },
    async (req) => {
      authorize(requireActor(req), 'setting.write');
      const t = req.body.gradingThresholds;
      if (t && !(t.excellent >= t.good && t.good >= t.fair))
        throw badRequest(
          'Ngưỡng xếp loại phải giảm dần: xuất sắc ≥ tốt ≥ đạt.',
          'Grading thresholds must decrease: excellent ≥ good ≥ fair.',
          'gradingThresholds',
        );
      await write(req, async (w) => {
        const before = await loadSettings(w.deps, w.tx, true);
        for (const [key, value] of Object.entries(req.body)) {
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
          ...diff(before, req.body),
        });
      });
      forgetSettings(app.deps);
      return loadSettings(app.deps, app.deps.db, true);
    },
  );
}
