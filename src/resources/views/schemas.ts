/** The request bodies and query of /api/views. */
import { z } from 'zod';
import { SAVED_VIEW_KINDS } from '../../db/schema.js';
import { text } from '../../http/validation.js';

export const viewKind = z
  .enum(SAVED_VIEW_KINDS)
  .describe('tasks: bộ lọc danh sách nhiệm vụ; report: tham số của một báo cáo');

export const saveViewBody = z
  .object({
    name: text(100),
    kind: viewKind.default('tasks'),
    query: z.record(z.string().max(50), z.string().max(500)),
    columns: z.array(z.string().max(50)).max(40).default([]),
  })
  .strict();

export const listViewsQuery = z.object({ kind: viewKind.default('tasks') }).strict();
