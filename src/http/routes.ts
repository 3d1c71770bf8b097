import { authRoutes } from '../routes/auth.js';
import { documentRoutes } from '../routes/documents.js';
import { fileRoutes } from '../routes/files.js';
import { notificationRoutes } from '../routes/notifications.js';
import { referenceRoutes } from '../routes/reference.js';
import { statsRoutes } from '../routes/stats.js';
import { systemRoutes } from '../routes/system.js';
import { taskRoutes } from '../resources/tasks/routes.js';
import type { Api } from './types.js';
import { viewRoutes } from '../routes/views.js';

export function registerRoutes(app: Api): void {
  systemRoutes(app);
  authRoutes(app);
  referenceRoutes(app);
  documentRoutes(app);
  taskRoutes(app);
  fileRoutes(app);
  notificationRoutes(app);
  statsRoutes(app);
  viewRoutes(app);
}
