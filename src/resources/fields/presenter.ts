/** What the API shows of a field (lĩnh vực). */
import { z } from 'zod';
import { type fields } from '../../db/schema.js';
import { referenceActions } from '../../policies/index.js';
import type { Actor } from '../../domain/actor.js';

export const fieldSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  sortOrder: z.number(),
  isActive: z.boolean(),
  version: z.number(),
  actions: z.array(z.string()),
});
export const presentField = (f: typeof fields.$inferSelect, actor: Actor) => ({
  id: f.id,
  code: f.code,
  name: f.name,
  nameEn: f.nameEn,
  sortOrder: f.sortOrder,
  isActive: f.isActive,
  version: f.version,
  actions: referenceActions(actor, 'field'),
});
