import { authRoutes } from '../routes/auth.js';
import { documentRoutes } from '../resources/documents/routes.js';
import { fileRoutes } from '../routes/files.js';
import { notificationRoutes } from '../routes/notifications.js';
import { agencyRoutes } from '../resources/agencies/routes.js';
import { calendarRoutes } from '../resources/calendar/routes.js';
import { fieldRoutes } from '../resources/fields/routes.js';
import { leaderRoutes } from '../resources/leaders/routes.js';
import { settingsRoutes } from '../resources/settings/routes.js';
import { tokenRoutes } from '../resources/tokens/routes.js';
import { userRoutes } from '../resources/users/routes.js';
import { statsRoutes } from '../routes/stats.js';
import { systemRoutes } from '../routes/system.js';
import { taskRoutes } from '../resources/tasks/routes.js';
import type { Api } from './types.js';
import { viewRoutes } from '../routes/views.js';

export function registerRoutes(app: Api): void {
  systemRoutes(app);
  authRoutes(app);
  agencyRoutes(app);
  leaderRoutes(app);
  fieldRoutes(app);
  userRoutes(app);
  settingsRoutes(app);
  calendarRoutes(app);
  tokenRoutes(app);
  documentRoutes(app);
  taskRoutes(app);
  fileRoutes(app);
  notificationRoutes(app);
  statsRoutes(app);
  viewRoutes(app);
}
