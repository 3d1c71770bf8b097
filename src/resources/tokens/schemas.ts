/** The request bodies of /api/tokens. */
import { z } from 'zod';
import { idParam, isoDate, text } from '../../http/validation.js';

export const newTokenBody = z
  .object({
    name: text(200),
    userId: idParam.optional().describe('Chỉ được là chính mình: mã truy cập luôn hành động với danh nghĩa người cấp'),
    expiresOn: isoDate().nullish(),
  })
  .strict();
