/**
 * Every change runs as a command: `runCommand(deps, who, fn)` opens one transaction, fixes the moment
 * and who acts, and gives `fn` the means to write events (history) and notifications inside that same
 * transaction — so either the change and its history land, or nothing does. HTTP requests reach it
 * through `write(req, fn)` (http/write.ts); jobs, imports and sweeps call it directly as the system.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Tx } from '../db/client.js';
import { CHANGE_CHANNEL, type ChangeKind } from '../db/versions.js';
import { events, notifications } from '../db/schema.js';
import type { Actor } from '../domain/actor.js';
import type { AppDeps } from './deps.js';
import { claimIdempotencyKey, type IdempotencyClaim } from './idempotency.js';
import { renderMessage, type Message } from './messages.js';
import { forgetReferenceNames } from './reference-cache.js';
import { mayBeTold } from './visibility.js';
import { dropBeforeCommit, openHooks, runBeforeCommit } from './tx-hooks.js';

const REFERENCE_ENTITIES = new Set(['agency', 'leader', 'field', 'user']);
/**
 * Records whose change leaves the reference names, the settings and the sign-ins as they were: a command that
 * writes events of these only is a `data` change (db/versions.ts), and the caches of those stay.
 */
const DATA_ENTITIES = new Set(['task', 'document', 'file', 'saved_view', 'job']);
/** Events on users that change no name shown in lists: no need to drop the names cache. */
const NAMELESS_ACTIONS = new Set([
  'user.login',
  'user.login_failed',
  'user.logout',
  'user.change_password',
  'user.update_profile',
]);

/** Where a request came from: the client's address (after trusted proxies) and its user agent. */
export interface Origin {
  ip: string | null;
  userAgent: string | null;
}

/** A signed-in user, through the web interface (session) or an integration (their own API token). */
export interface UserWho extends Origin {
  kind: 'user';
  actor: Actor;
  /** The API token used, when the user came with one. */
  tokenId: number | null;
  source: 'web' | 'api';
}

/** The system on its own: a job, an import, a sweep; `onBehalfOf` when a user started it. */
export interface SystemWho extends Origin {
  kind: 'system';
  /** What runs: 'reminders', 'import', 'sweep:uploads'… — recorded as `system:<job>`. */
  job: string;
  onBehalfOf: Actor | null;
}

/** Someone not signed in: only sign-in attempts run as a visitor. */
export interface VisitorWho extends Origin {
  kind: 'visitor';
  source: 'sign_in';
}

export type Who = UserWho | SystemWho | VisitorWho;

export const systemWho = (job: string, onBehalfOf: Actor | null = null): SystemWho => ({
  kind: 'system',
  job,
  onBehalfOf,
  ip: null,
  userAgent: null,
});

export interface EventInput {
  entityType: string;
  entityId: string | number;
  taskId?: number | null;
  action: string;
  before?: unknown;
  after?: unknown;
}

export interface CommandCtx<W extends Who = Who> {
  tx: Tx;
  who: W;
  /** The user acting: for the system, the user it acts for (or null); for a visitor, null. */
  actor: W extends UserWho ? Actor : Actor | null;
  now: Date;
  ip: string | null;
  userAgent: string | null;
  deps: AppDeps;
  event(e: EventInput): Promise<void>;
  /**
   * One event per row of `source` (a SELECT, or an UPDATE … RETURNING) for commands that change many records
   * in one statement; `source` yields entity_id, task_id, action, before, after. Returns the number written.
   */
  eventsFrom(entityType: string, source: SQL): Promise<number>;
  /**
   * In-app notifications; the acting user is never told about their own action. The message (a template of
   * services/messages.ts and its parameters) is stored and rendered in each reader's language when read;
   * `kind` defaults to the template's key.
   */
  notify(userIds: Iterable<number>, n: { kind?: string; taskId?: number | null; message: Message }): Promise<void>;
}

/** What an event row records about who acted. */
export function eventOrigin(who: Who): {
  actorId: number | null;
  tokenId: number | null;
  onBehalfOf: number | null;
  source: string;
  actorIp: string | null;
  userAgent: string | null;
} {
  const base = { actorIp: who.ip, userAgent: who.userAgent };
  switch (who.kind) {
    case 'user':
      return { ...base, actorId: who.actor.id, tokenId: who.tokenId, onBehalfOf: null, source: who.source };
    case 'system':
      return {
        ...base,
        actorId: null,
        tokenId: null,
        onBehalfOf: who.onBehalfOf?.id ?? null,
        source: `system:${who.job}`,
      };
    case 'visitor':
      return { ...base, actorId: null, tokenId: null, onBehalfOf: null, source: who.source };
  }
}

export interface CommandOptions {
  /** A request's Idempotency-Key, claimed inside this transaction (http/idempotency.ts). */
  idempotency?: IdempotencyClaim | null;
}

export async function runCommand<W extends Who, T>(
  deps: AppDeps,
  who: W,
  fn: (c: CommandCtx<W>) => Promise<T>,
  opts: CommandOptions = {},
): Promise<T> {
  const now = deps.now();
  const actor = (
    who.kind === 'user' ? who.actor : who.kind === 'system' ? who.onBehalfOf : null
  ) as CommandCtx<W>['actor'];
  const origin = eventOrigin(who);
  let touchedReference = false;
  // A command that wrote no event, or an event of anything else, may have changed anything.
  let kind: ChangeKind | null = null;
  const touch = (entityType: string) => {
    kind = kind !== 'any' && DATA_ENTITIES.has(entityType) ? 'data' : 'any';
  };
  const claim = opts.idempotency?.claimed === false && actor ? opts.idempotency : null;
  const result = await deps.db.transaction(async (tx) => {
    openHooks(tx);
    if (claim) await claimIdempotencyKey(tx, actor!.id, claim, now);
    const c: CommandCtx<W> = {
      tx,
      who,
      actor,
      now,
      ip: who.ip,
      userAgent: who.userAgent,
      deps,
      async event(e) {
        if (REFERENCE_ENTITIES.has(e.entityType) && !NAMELESS_ACTIONS.has(e.action)) touchedReference = true;
        touch(e.entityType);
        await tx.insert(events).values({
          at: now,
          entityType: e.entityType,
          entityId: String(e.entityId),
          taskId: e.taskId ?? null,
          action: e.action,
          ...origin,
          before: e.before ?? null,
          after: e.after ?? null,
        });
      },
      async eventsFrom(entityType, source) {
        if (REFERENCE_ENTITIES.has(entityType)) touchedReference = true;
        touch(entityType);
        const [r] = await rows<{ n: number }>(
          tx,
          sql`with src as (${source}),
            ins as (
              insert into events (at, entity_type, entity_id, task_id, action, actor_id, token_id, on_behalf_of, source,
                actor_ip, user_agent, before, after)
              select ${now}::timestamptz, ${entityType}, src.entity_id::text, src.task_id, src.action,
                ${origin.actorId}::int, ${origin.tokenId}::int, ${origin.onBehalfOf}::int, ${origin.source}::text,
                ${origin.actorIp}::text, ${origin.userAgent}::text, src.before, src.after
              from src
              returning 1
            )
          select count(*)::int as n from ins`,
        );
        return Number(r!.n);
      },
      async notify(userIds, n) {
        let ids = [...new Set(userIds)].filter((id) => id !== actor?.id);
        // Only those who may see the task now are told about it (policies.mayBeToldAbout).
        if (n.taskId != null && ids.length) ids = await mayBeTold(tx, n.taskId, ids);
        if (ids.length === 0) return;
        const vi = renderMessage(n.message, 'vi');
        await tx.insert(notifications).values(
          ids.map((userId) => ({
            userId,
            taskId: n.taskId ?? null,
            kind: n.kind ?? n.message.template,
            template: n.message.template,
            params: n.message.params,
            title: vi.title,
            body: vi.body,
            createdAt: now,
          })),
        );
      },
    };
    try {
      const out = await fn(c);
      // What the command's writes imply elsewhere (the report summary), in the same transaction.
      await runBeforeCommit(tx);
      // Other servers' data version moves when this commits (db/versions.ts; delivered at commit only).
      if (deps.database.kind === 'postgres')
        await tx.execute(sql`select pg_notify(${CHANGE_CHANNEL}, ${kind === 'data' ? 'data' : 'any'})`);
      return out;
    } finally {
      dropBeforeCommit(tx);
    }
  });
  if (claim) claim.claimed = true;
  // Before the answer goes out: the writer's next read is keyed by the new version (ADR 0019).
  deps.database.versions.bump(kind ?? 'any');
  if (touchedReference) forgetReferenceNames(deps);
  return result;
}
