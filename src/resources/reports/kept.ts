/**
 * Kept report results (ADR 0011). A cut-off whose day has ended (and settled: ADR 0020) can never change: the snapshots valid at
 * its end, the extension requests made and decided by then and the agency names of that day are all
 * fixed. Its report is computed once and kept, keyed by what else the figures depend on: the normalised
 * parameters, the actor's scope (the policy's SQL itself), the settings that enter the figures, and the
 * reference data that can still change them: the agency names recorded as valid by D (a name recorded
 * later, from a later day, does not) and the agencies' kinds (the `agencyKind` filter). Leaders', fields'
 * and specialists' names have no history: a kept report keeps the names it was computed with. Today's (or a later
 * date's) report is keyed in addition by the data version, the last event's id — every write leaves an
 * event in its transaction — so it is exact and computed again only after a write.
 *
 * Keeping is a cache write, not a user action: no event, outside any command, and it never fails the
 * request (a conflict or any error is ignored; the report is simply computed again next time).
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { rows } from '../../db/client.js';
import type { Actor } from '../../domain/actor.js';
import { taskScope } from '../../policies/index.js';
import { hasSettled } from '../../services/asof.js';
import { dataVersion } from '../../services/data-version.js';
import type { AppDeps } from '../../services/deps.js';
import type { Settings } from '../../services/settings.js';
import type { TaskFilter } from '../tasks/list.js';
import type { Report, ReportParams } from './types.js';

/** Changes when the engine's figures change meaning: every kept result is then computed again. */
const ENGINE_VERSION = 'report-1';
/** Reports with more rows than this are not kept (by document at national scale). */
const MAX_KEPT_ROWS = 20_000;

const dialect = new PgDialect();

export interface KeptLookup {
  key: string;
  asOf: string;
  body: Report | null;
  /** Today's data version when the lookup was made; null: a past day. */
  dataVersion: string | null;
}

function normalised(p: ReportParams): string {
  return JSON.stringify([
    p.by,
    p.asOf,
    p.from ?? null,
    p.to ?? null,
    p.periodBy,
    p.against,
    p.role,
    [...(p.agencyKind ?? [])].sort(),
    p.agencyId ?? null,
    p.leaderId ?? null,
  ]);
}

export async function keptReport(
  deps: AppDeps,
  actor: Actor,
  params: ReportParams,
  f: TaskFilter,
  s: Settings,
): Promise<KeptLookup> {
  // A day that has ended is kept for ever only once it has settled (commands begun before midnight committed).
  const past = f.asOf < f.today && hasSettled(f.asOf, deps.now());
  const [ref] = await rows<{ v: string }>(
    deps.db,
    sql`select concat_ws('/', (select count(*) || ':' || coalesce(max(id), 0) from agency_names where valid_from <= ${params.asOf}::date),
          (select md5(string_agg(id || ':' || kind, ',' order by id)) from agencies)) as v`,
  );
  const dv = past ? null : await dataVersion(deps.db);
  const scope = dialect.sqlToQuery(taskScope(actor));
  const key = createHash('sha256')
    .update(
      JSON.stringify([
        ENGINE_VERSION,
        normalised(params),
        scope.sql,
        scope.params,
        s.staleAfterDays,
        s.gradingThresholds,
        ref?.v ?? '',
        past ? 'past' : `today:${f.today}:${dv}`,
      ]),
    )
    .digest('hex');
  const [hit] = await rows<{ body: Report; last_read_at: Date | string }>(
    deps.db,
    sql`select body, last_read_at from report_results where key = ${key}`,
  );
  // Read: noted at most once a day (a write on every read would cost more than the read), for the pruning.
  const now = deps.now();
  if (hit && now.getTime() - new Date(hit.last_read_at).getTime() > 86_400_000)
    await deps.db
      .execute(sql`update report_results set last_read_at = ${now} where key = ${key}`)
      .catch(() => undefined);
  return {
    key,
    asOf: params.asOf,
    body: hit ? (typeof hit.body === 'string' ? (JSON.parse(hit.body) as Report) : hit.body) : null,
    dataVersion: dv,
  };
}

/** Keeps a computed report under the lookup's key, if nothing was written meanwhile. Never throws. */
export async function keepReport(deps: AppDeps, k: KeptLookup, report: Report): Promise<void> {
  try {
    if (report.rows.length > MAX_KEPT_ROWS) return;
    // Today's: kept only if nothing was written while it was computed.
    if (k.dataVersion !== null && (await dataVersion(deps.db)) !== k.dataVersion) return;
    if (k.dataVersion !== null) {
      // Results kept under an older data version can never be asked for again: today's computed before the
      // last write, and those of a day computed before it ended (a past day is kept under its own key).
      const dayEnd = sql`((report_results.as_of + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh')`;
      await deps.db.execute(
        sql`delete from report_results where (as_of >= ${k.asOf}::date
              and computed_at < (select at from events order by id desc limit 1))
            or (computed_at < ${dayEnd} and ${dayEnd} <= ${new Date(report.computedAt)})`,
      );
    }
    await deps.db.execute(
      sql`insert into report_results (key, as_of, body, computed_at, last_read_at)
          values (${k.key}, ${k.asOf}::date, ${JSON.stringify(report)}::jsonb, ${new Date(report.computedAt)}, ${new Date(report.computedAt)})
          on conflict (key) do nothing`,
    );
  } catch {
    // A cache: the report is computed again next time.
  }
}
