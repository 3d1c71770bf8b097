/** What the API shows of a file (fileSchema lives with the task page, which lists files too). */
import type { FileRow } from './queries.js';

export const presentFile = (f: FileRow) => ({
  id: f.id,
  filename: f.filename,
  mimeType: f.mimeType,
  size: f.size,
  sha256: f.sha256,
  uploadedAt: f.createdAt.toISOString(),
});

/** The download's headers: the stored type, never sniffed; the name in ASCII and in UTF-8. */
export const downloadHeaders = (f: FileRow): Record<string, string> => ({
  'content-type': f.mimeType,
  'content-length': String(f.size),
  'x-content-type-options': 'nosniff',
  etag: `"${f.sha256}"`,
  'content-disposition': `attachment; filename="${f.filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(f.filename)}`,
});
