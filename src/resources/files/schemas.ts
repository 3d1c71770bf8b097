/** The inputs of /api/files. */
import { z } from 'zod';
import { idParam } from '../../http/validation.js';

/** The multipart fields sent before the file. */
export const uploadFields = z.object({
  targetType: z.enum(['task', 'report', 'document']),
  targetId: idParam,
});

export const fileIdParams = z.object({ id: z.uuid({ message: 'uuid' }).max(36, { message: 'uuid' }) }).strict();
