/** The request bodies of /api/views. */
import { z } from 'zod';
import { text } from '../../http/validation.js';

export const saveViewBody = z
  .object({
    name: text(100),
    query: z.record(z.string().max(50), z.string().max(500)),
    columns: z.array(z.string().max(50)).max(40).default([]),
  })
  .strict();
