/**
 * Names of the small reference tables (agencies, leaders, fields, Office users) kept in memory for a few
 * seconds, for lists that show them beside many rows. A rename shows everywhere within that time.
 */
import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../db/client.js';
import type { WithCaches } from './caches.js';

export interface ReferenceNames {
  agencies: Map<number, string>;
  leaders: Map<number, string>;
  fields: Map<number, string>;
  /** Office users (the specialists who follow tasks). */
  users: Map<number, string>;
}

async function load(ex: Executor): Promise<ReferenceNames> {
  const q = async (query: ReturnType<typeof sql>) => {
    const list = await rows<{ id: number; name: string }>(ex, query);
    return new Map(list.map((r) => [Number(r.id), r.name]));
  };
  return {
    agencies: await q(sql`select id, name from agencies`),
    leaders: await q(sql`select id, full_name as name from leaders`),
    fields: await q(sql`select id, name from fields`),
    users: await q(sql`select id, full_name as name from users where role in ('office_specialist', 'office_lead')`),
  };
}

/** The names, kept for a few seconds (`caches.ts`). */
export function referenceNames(deps: WithCaches, ex: Executor): Promise<ReferenceNames> {
  return deps.caches.names.get(() => load(ex));
}

/** Drops the names (after a write to one of those tables in this process). */
export function forgetReferenceNames(deps: WithCaches): void {
  deps.caches.names.forget();
}
