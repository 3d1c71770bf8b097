/** The request bodies of /api/leaders. */
import { z } from 'zod';
import { idParam, sortOrder, text } from '../../http/validation.js';

export const newLeaderBody = z
  .object({
    fullName: text(200),
    position: text(200),
    userId: idParam.nullish(),
    sortOrder: sortOrder.default(0),
  })
  .strict();
