/** What the API shows of a document: an explicit list of fields, with the actions this user may take. */
import { z } from 'zod';
import { DOC_SOURCES, DOC_TYPES, URGENCIES } from '../../db/schema.js';
import { documentActions } from '../../policies/index.js';
import type { Actor } from '../../domain/actor.js';

export const documentSchema = z.object({
  id: z.number(),
  numberText: z.string().describe('Số, ký hiệu như trên văn bản'),
  number: z.number().nullable(),
  numberYear: z.number().nullable(),
  typeCode: z.string().nullable(),
  issuer: z.string().nullable(),
  docType: z.enum(DOC_TYPES),
  issuedOn: z.string(),
  signer: z.object({ id: z.number(), name: z.string(), position: z.string() }).nullable(),
  abstract: z.string(),
  urgency: z.enum(URGENCIES),
  secret: z.boolean(),
  source: z.enum(DOC_SOURCES),
  externalId: z.string().nullable(),
  taskCount: z.number(),
  openTaskCount: z.number(),
  version: z.number(),
  createdAt: z.string(),
  actions: z.array(z.string()),
});

export interface DocRow {
  id: number;
  number_text: string;
  number: number | null;
  number_year: number | null;
  type_code: string | null;
  issuer: string | null;
  doc_type: (typeof DOC_TYPES)[number];
  issued_on: string;
  signer_id: number | null;
  signer_name: string | null;
  signer_position: string | null;
  abstract: string;
  urgency: (typeof URGENCIES)[number];
  secret: boolean;
  source: (typeof DOC_SOURCES)[number];
  external_id: string | null;
  version: number;
  created_at: Date | string;
  task_count: number;
  open_task_count: number;
  assigned_task_count: number;
}

export const presentDocument = (r: DocRow, actor: Actor) => ({
  id: r.id,
  numberText: r.number_text,
  number: r.number,
  numberYear: r.number_year,
  typeCode: r.type_code,
  issuer: r.issuer,
  docType: r.doc_type,
  issuedOn: r.issued_on,
  signer: r.signer_id ? { id: r.signer_id, name: r.signer_name ?? '', position: r.signer_position ?? '' } : null,
  abstract: r.abstract,
  urgency: r.urgency,
  secret: r.secret,
  source: r.source,
  externalId: r.external_id,
  taskCount: r.task_count,
  openTaskCount: r.open_task_count,
  version: r.version,
  createdAt: new Date(r.created_at).toISOString(),
  actions: documentActions(actor, { visibleTaskCount: r.task_count, assignedTaskCount: r.assigned_task_count }),
});
