/** What the API shows of a notification: its text rendered in the reader's language (services/messages.ts). */
import { z } from 'zod';
import { iso } from '../../http/types.js';
import { renderStored, type Lang } from '../../services/messages.js';
import type { NotificationRow } from './queries.js';

export const notificationSchema = z.object({
  id: z.number(),
  kind: z.string(),
  taskId: z.number().nullable(),
  title: z.string(),
  body: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});

export function presentNotification(n: NotificationRow, lang: Lang): z.infer<typeof notificationSchema> {
  const text = renderStored(n, lang);
  return {
    id: n.id,
    kind: n.kind,
    taskId: n.taskId,
    title: text.title,
    body: text.body,
    readAt: iso(n.readAt),
    createdAt: n.createdAt.toISOString(),
  };
}
