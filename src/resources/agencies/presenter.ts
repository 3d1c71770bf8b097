/** What the API shows of an agency: an explicit list of fields, with the actions this user may take. */
import { z } from 'zod';
import { AGENCY_KINDS, type agencies } from '../../db/schema.js';
import { referenceActions } from '../../policies/index.js';
import type { Actor } from '../../domain/actor.js';

export const agencySchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  kind: z.enum(AGENCY_KINDS),
  parentId: z.number().nullable(),
  sortOrder: z.number(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  successorId: z.number().nullable(),
  active: z.boolean(),
  version: z.number(),
  actions: z.array(z.string()),
  /** A merger's hand-over still going on, or failed (ADR 0024): shown to the admin only. */
  handover: z.object({ status: z.enum(['queued', 'running', 'failed']), progress: z.number() }).nullable(),
});
export type AgencyRow = typeof agencies.$inferSelect;
export type HandoverShown = z.infer<typeof agencySchema>['handover'];
export const presentAgency = (a: AgencyRow, today: string, actor: Actor, handover: HandoverShown = null) => ({
  id: a.id,
  code: a.code,
  name: a.name,
  shortName: a.shortName,
  kind: a.kind,
  parentId: a.parentId,
  sortOrder: a.sortOrder,
  validFrom: a.validFrom,
  validTo: a.validTo,
  successorId: a.successorId,
  active: a.validFrom <= today && (a.validTo === null || a.validTo >= today),
  version: a.version,
  actions: referenceActions(actor, 'agency', {
    active: a.validFrom <= today && (a.validTo === null || a.validTo >= today),
    merged: a.successorId !== null,
  }),
  handover,
});
