/** Every resource's routes, registered under /api in one place (app.ts calls it). */
import { authRoutes } from './auth/routes.js';
import { documentRoutes } from './documents/routes.js';
import { fileRoutes } from './files/routes.js';
import { notificationRoutes } from './notifications/routes.js';
import { agencyRoutes } from './agencies/routes.js';
import { calendarRoutes } from './calendar/routes.js';
import { fieldRoutes } from './fields/routes.js';
import { leaderRoutes } from './leaders/routes.js';
import { settingsRoutes } from './settings/routes.js';
import { tokenRoutes } from './tokens/routes.js';
import { userRoutes } from './users/routes.js';
import { publicRoutes } from './public/routes.js';
import { reportRoutes } from './reports/routes.js';
import { statsRoutes } from './stats/routes.js';
import { systemRoutes } from './system/routes.js';
import { taskRoutes } from './tasks/routes.js';
import type { Api } from '../http/types.js';
import type { AppDeps } from '../services/deps.js';
import type { JobRunner } from '../services/jobs.js';
import { registerReportCountsJob, requestTodaysCounts } from './reports/counts.js';
import { registerExportJobs } from './exports/jobs.js';
import { registerHandoverJob } from './agencies/merger.js';
import { registerRetentionJobs } from './exports/retention.js';
import { exportRoutes } from './exports/routes.js';
import { viewRoutes } from './views/routes.js';

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
  reportRoutes(app);
  publicRoutes(app);
  viewRoutes(app);
  exportRoutes(app);
}

/** Every kind of background job, registered on the app's runner in one place (app.ts calls it). */
export function registerJobKinds(jobs: JobRunner): void {
  registerExportJobs(jobs);
  registerReportCountsJob(jobs);
  registerRetentionJobs(jobs);
  registerHandoverJob(jobs);
}

/** What the app asks for when it is ready: today's report summary, if missing or old. */
export async function onAppReady(deps: AppDeps): Promise<void> {
  await requestTodaysCounts(deps);
}
