import { authRoutes } from './auth.js';
import { documentRoutes } from './documents.js';
import { fileRoutes } from './files.js';
import { notificationRoutes } from './notifications.js';
import { referenceRoutes } from './reference.js';
import { statsRoutes } from './stats.js';
import { systemRoutes } from './system.js';
import { taskRoutes } from './tasks.js';
import type { Api } from './types.js';
import { viewRoutes } from './views.js';

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
