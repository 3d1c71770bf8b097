/** The request bodies of /api/calendar. */

import { z } from 'zod';
import { optionalText } from '../../http/validation.js';

export const dayKinds = ['holiday', 'compensatory', 'day_off', 'working_day'] as const;

export const calendarDayBody = z
  .object({ kind: z.enum([...dayKinds, 'remove']), nameVi: optionalText(200), nameEn: optionalText(200) })
  .strict();
