import type { Database, Db } from '../db/client.js';
import type { Role } from '../db/schema.js';
import type { Config } from '../config.js';
import type { Lang } from '../errors.js';
import type { CalendarService } from '../services/calendar.js';
import type { FileStore } from '../services/files.js';
import type { IdempotencyClaim } from '../services/idempotency.js';

/** The signed-in user a request acts for. */
export interface Actor {
  id: number;
  username: string;
  fullName: string;
  role: Role;
  agencyId: number;
  /** Set when the user is one of the leaders (Chủ tịch, Phó Chủ tịch). */
  leaderId: number | null;
}

export interface AppDeps {
  db: Db;
  database: Database;
  config: Config;
  /** The clock: injected so tests can move through days. */
  now: () => Date;
  calendar: CalendarService;
  files: FileStore;
  version: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    lang: Lang;
    /** A POST's Idempotency-Key, claimed by the first write of the request (http/idempotency.ts). */
    idempotency: IdempotencyClaim | null;
    auth: { kind: 'session'; idHash: string; csrfToken: string } | { kind: 'token'; tokenId: number } | null;
  }
  interface FastifyInstance {
    deps: AppDeps;
  }
}
