/** /api/settings: read by every signed-in user, written by the admin. */
import { requireActor } from '../../auth/plugin.js';
import { authorize } from '../../policies/index.js';
import { forgetSettings, loadSettings, settingsSchema } from '../../services/settings.js';
import { write } from '../../http/write.js';
import { errors, type Api } from '../../http/types.js';
import { checkGradingThresholds, updateSettings } from './commands.js';

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
      checkGradingThresholds(req.body);
      await write(req, (w) => updateSettings(w, req.body));
      forgetSettings(app.deps);
      return loadSettings(app.deps, app.deps.db, true);
    },
  );
}
