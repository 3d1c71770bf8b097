/** What every command and query is given: the database, configuration, clock and shared services. */
import type { Config } from '../config.js';
import type { Database, Db } from '../db/client.js';
import type { Caches } from './caches.js';
import type { CalendarService } from './calendar.js';
import type { FileStore } from './files.js';
import type { JobRunner } from './jobs.js';

export interface AppDeps {
  db: Db;
  database: Database;
  config: Config;
  /** The clock: injected so tests can move through days. */
  now: () => Date;
  calendar: CalendarService;
  files: FileStore;
  version: string;
  /** Settings and reference names, kept for seconds (made by buildApp when not given). */
  caches: Caches;
  /** The background job runner (made by buildApp, started when the app is ready, stopped on close). */
  jobs: JobRunner;
}
