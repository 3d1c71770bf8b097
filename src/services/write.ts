/**
 * Every write goes through `write`: one transaction, the actor and the moment fixed once, and the events
 * (history) written inside the same transaction — so either the change and its history land, or nothing.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { rows, type Tx } from '../db/client.js';
import { events, notifications } from '../db/schema.js';
import type { Actor, AppDeps } from '../http/context.js';
import { requireActor } from '../auth/plugin.js';
import { forgetReferenceNames } from './reference-cache.js';

const REFERENCE_ENTITIES = new Set(['agency', 'leader', 'field', 'user']);

export interface WriteCtx {
  tx: Tx;
  actor: Actor;
  now: Date;
  ip: string | null;
  userAgent: string | null;
  deps: AppDeps;
  event(e: {
    entityType: string;
    entityId: string | number;
    taskId?: number | null;
    action: string;
    before?: unknown;
    after?: unknown;
  }): Promise<void>;
  /**
   * One event per row of `source` (a SELECT, or an UPDATE … RETURNING) for commands that change many records
   * in one statement; `source` yields entity_id, task_id, action, before, after. Returns the number written.
   */
  eventsFrom(entityType: string, source: SQL): Promise<number>;
  notify(
    userIds: Iterable<number>,
    n: { kind: string; taskId?: number | null; title: string; body?: string },
  ): Promise<void>;
}

export async function write<T>(req: FastifyRequest, fn: (w: WriteCtx) => Promise<T>): Promise<T> {
  const actor = requireActor(req);
  const deps = req.server.deps;
  const now = deps.now();
  const ip = req.ip ?? null;
  const userAgent = (req.headers['user-agent'] ?? '').slice(0, 300) || null;
  let touchedReference = false;
  const result = await deps.db.transaction(async (tx) => {
    const w: WriteCtx = {
      tx,
      actor,
      now,
      ip,
      userAgent,
      deps,
      async event(e) {
        if (REFERENCE_ENTITIES.has(e.entityType)) touchedReference = true;
        await tx.insert(events).values({
          at: now,
          entityType: e.entityType,
          entityId: String(e.entityId),
          taskId: e.taskId ?? null,
          action: e.action,
          actorId: actor.id,
          actorIp: ip,
          userAgent,
          before: e.before ?? null,
          after: e.after ?? null,
        });
      },
      async eventsFrom(entityType, source) {
        if (REFERENCE_ENTITIES.has(entityType)) touchedReference = true;
        const [r] = await rows<{ n: number }>(
          tx,
          sql`with src as (${source}),
            ins as (
              insert into events (at, entity_type, entity_id, task_id, action, actor_id, actor_ip, user_agent, before, after)
              select ${now}::timestamptz, ${entityType}, src.entity_id::text, src.task_id, src.action, ${actor.id}::int,
                ${ip}::text, ${userAgent}::text, src.before, src.after
              from src
              returning 1
            )
          select count(*)::int as n from ins`,
        );
        return Number(r!.n);
      },
      async notify(userIds, n) {
        const ids = [...new Set(userIds)].filter((id) => id !== actor.id);
        if (ids.length === 0) return;
        await tx.insert(notifications).values(
          ids.map((userId) => ({
            userId,
            taskId: n.taskId ?? null,
            kind: n.kind,
            title: n.title,
            body: n.body ?? null,
            createdAt: now,
          })),
        );
      },
    };
    return fn(w);
  });
  if (touchedReference) forgetReferenceNames();
  return result;
}

/** The fields that differ between two versions of a record: what an event stores as before/after. */
export function diff(
  before: object,
  after: object,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const from = before as Record<string, unknown>;
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const [key, y] of Object.entries(after)) {
    if (JSON.stringify(from[key]) !== JSON.stringify(y)) {
      b[key] = from[key];
      a[key] = y;
    }
  }
  return { before: b, after: a };
}
