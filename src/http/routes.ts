import { authRoutes } from '../resources/auth/routes.js';
import { documentRoutes } from '../resources/documents/routes.js';
import { fileRoutes } from '../resources/files/routes.js';
import { notificationRoutes } from '../resources/notifications/routes.js';
import { agencyRoutes } from '../resources/agencies/routes.js';
import { calendarRoutes } from '../resources/calendar/routes.js';
import { fieldRoutes } from '../resources/fields/routes.js';
import { leaderRoutes } from '../resources/leaders/routes.js';
import { settingsRoutes } from '../resources/settings/routes.js';
import { tokenRoutes } from '../resources/tokens/routes.js';
import { userRoutes } from '../resources/users/routes.js';
import { statsRoutes } from '../resources/stats/routes.js';
import { systemRoutes } from '../resources/system/routes.js';
import { taskRoutes } from '../resources/tasks/routes.js';
import type { Api } from './types.js';
import { viewRoutes } from '../resources/views/routes.js';

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
