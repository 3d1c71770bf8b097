/** File commands: the record of a file already in the store, with its event. */
import { files } from '../../db/schema.js';
import type { StoredUpload } from '../../services/files.js';
import type { WriteCtx } from '../../services/write.js';
import type { FileOwner, FileRow } from './queries.js';

export async function recordUpload(
  w: WriteCtx,
  stored: StoredUpload,
  meta: { filename: string; mimeType: string },
  owner: FileOwner,
): Promise<FileRow> {
  const { id, size, sha256 } = stored;
  const [f] = await w.tx
    .insert(files)
    .values({
      id,
      storageKey: id,
      filename: meta.filename,
      mimeType: meta.mimeType,
      size,
      sha256,
      ...owner,
      uploadedBy: w.actor.id,
      createdAt: w.now,
    })
    .returning();
  await w.event({
    entityType: 'file',
    entityId: id,
    taskId: owner.taskId,
    action: 'file.upload',
    after: { filename: meta.filename, size, sha256, ...owner },
  });
  return f!;
}
