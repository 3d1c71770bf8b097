import type { Actor } from '../domain/actor.js';
import type { Lang } from '../errors.js';
import type { IdempotencyClaim } from '../services/idempotency.js';
import type { AppDeps } from '../services/deps.js';

// Moved to lower layers; re-exported so that existing imports keep working.
export type { Actor } from '../domain/actor.js';
export type { AppDeps } from '../services/deps.js';

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
