/**
 * Where uploaded files live: a local folder by default, behind an interface an S3-compatible store can fill.
 * Keys are opaque (a uuid); the database keeps the name, type, size and SHA-256.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { inArray } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { files } from '../db/schema.js';
import { AppError, badRequest } from '../errors.js';

export interface FileStore {
  put(key: string, body: Readable): Promise<void>;
  get(key: string): Readable;
  remove(key: string): Promise<void>;
  /**
   * Removes what is stored but not confirmed by `isKnown` (files whose database row never committed, and
   * writes cut short), if last changed before `before`. Returns how many were removed.
   */
  sweep(isKnown: (keys: string[]) => Promise<Set<string>>, before: Date): Promise<number>;
}

export class LocalFileStore implements FileStore {
  constructor(private readonly root: string) {
    fs.mkdirSync(root, { recursive: true });
  }

  private file(key: string): string {
    if (!/^[0-9a-f-]{36}$/.test(key)) throw new Error(`invalid file key ${key}`);
    return path.join(this.root, key.slice(0, 2), key);
  }

  async put(key: string, body: Readable): Promise<void> {
    const target = this.file(key);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.part`;
    try {
      await pipeline(body, fs.createWriteStream(tmp));
    } catch (err) {
      await fs.promises.rm(tmp, { force: true });
      throw err;
    }
    await fs.promises.rename(tmp, target);
  }

  get(key: string): Readable {
    return fs.createReadStream(this.file(key));
  }

  async remove(key: string): Promise<void> {
    await fs.promises.rm(this.file(key), { force: true });
  }

  async sweep(isKnown: (keys: string[]) => Promise<Set<string>>, before: Date): Promise<number> {
    let removed = 0;
    const dirs = await fs.promises.readdir(this.root, { withFileTypes: true });
    for (const d of dirs) {
      if (!d.isDirectory()) continue;
      const dir = path.join(this.root, d.name);
      const stale: { name: string; key: string }[] = [];
      for (const name of await fs.promises.readdir(dir)) {
        const stat = await fs.promises.stat(path.join(dir, name)).catch(() => null);
        if (!stat?.isFile() || stat.mtime >= before) continue;
        stale.push({ name, key: name.replace(/\.part$/, '') });
      }
      for (let i = 0; i < stale.length; i += 500) {
        const batch = stale.slice(i, i + 500);
        // A write cut short (".part") is never a stored file; a complete one must have its row.
        const known = await isKnown(batch.filter((f) => !f.name.endsWith('.part')).map((f) => f.key));
        for (const f of batch) {
          if (!f.name.endsWith('.part') && known.has(f.key)) continue;
          await fs.promises.rm(path.join(dir, f.name), { force: true });
          removed++;
        }
      }
    }
    return removed;
  }
}

/**
 * At start-up: removes the uploads whose record never committed — the server was killed while a file
 * streamed in, or between storing it and writing its row. `before` leaves alone what another server
 * sharing the folder may be writing now.
 */
export async function removeOrphanFiles(db: Executor, store: FileStore, before: Date): Promise<number> {
  return store.sweep(async (keys) => {
    if (keys.length === 0) return new Set();
    const found = await db.select({ key: files.storageKey }).from(files).where(inArray(files.storageKey, keys));
    return new Set(found.map((f) => f.key));
  }, before);
}

// ---- an upload: its name and type, then its bytes streamed to the store ---------------------------------

/** Accepted types: office documents, PDF, images, text and archives. */
export const FILE_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.odt': 'application/vnd.oasis.opendocument.text',
  '.ods': 'application/vnd.oasis.opendocument.spreadsheet',
  '.txt': 'text/plain',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.zip': 'application/zip',
  '.rar': 'application/vnd.rar',
};
/** The first bytes a file of each type must start with (where the type has a signature). */
const MAGIC: Record<string, number[][]> = {
  '.pdf': [[0x25, 0x50, 0x44, 0x46]],
  '.docx': [[0x50, 0x4b]],
  '.xlsx': [[0x50, 0x4b]],
  '.odt': [[0x50, 0x4b]],
  '.ods': [[0x50, 0x4b]],
  '.zip': [[0x50, 0x4b]],
  '.png': [[0x89, 0x50, 0x4e, 0x47]],
  '.jpg': [[0xff, 0xd8, 0xff]],
  '.jpeg': [[0xff, 0xd8, 0xff]],
  '.doc': [[0xd0, 0xcf, 0x11, 0xe0]],
  '.xls': [[0xd0, 0xcf, 0x11, 0xe0]],
};

/**
 * The file name as stored (no folders, no control characters — U+0000 above all, which PostgreSQL cannot
 * store — at most 255 characters), its extension and type; refused (415) when the type is not accepted.
 */
export function acceptedFile(name: string | undefined): { filename: string; ext: string; mimeType: string } {
  // eslint-disable-next-line no-control-regex
  const filename = path.basename((name || '').replace(/[\u0000-\u001f\u007f]/g, '')).slice(0, 255);
  const ext = path.extname(filename).toLowerCase();
  const mimeType = FILE_TYPES[ext];
  if (!filename || !mimeType)
    throw new AppError('unsupported_media_type', {
      vi: `Loại tệp "${ext || filename}" không được nhận. Nhận: ${Object.keys(FILE_TYPES).join(', ')}.`,
      en: `File type "${ext || filename}" is not accepted. Accepted: ${Object.keys(FILE_TYPES).join(', ')}.`,
    });
  return { filename, ext, mimeType };
}

/** A multipart body the parser cannot read (no boundary, cut short…) is the client's: 400, not 500. */
export function malformedMultipart(err: unknown): never {
  if (err instanceof AppError || (err as { code?: string }).code?.startsWith('FST_')) throw err;
  throw badRequest(
    'Nội dung multipart/form-data bị hỏng hoặc không trọn vẹn (thiếu boundary hoặc bị cắt ngang). Hãy gửi lại tệp.',
    'The multipart/form-data body is malformed or incomplete (no boundary, or cut short). Send the file again.',
    'file',
  );
}

/** Counts bytes and hashes them as they pass; checks the type's signature on the first bytes. */
function inspector(ext: string) {
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  const stream = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      if (head.length < 8) head = Buffer.concat([head, chunk.subarray(0, 8 - head.length)]);
      size += chunk.length;
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  return {
    stream,
    result: () => ({
      size,
      sha256: hash.digest('hex'),
      signatureOk: !MAGIC[ext] || MAGIC[ext]!.some((sig) => sig.every((b, i) => head[i] === b)),
    }),
  };
}

/** An upload's body: a stream that says, once read, whether it was cut at the size limit. */
export type UploadStream = Readable & { truncated?: boolean };

export interface StoredUpload {
  /** The new file's id, also its key in the store. */
  id: string;
  size: number;
  sha256: string;
}

/**
 * Streams an upload into the store under a new key, counting and hashing it; checks it is not empty, not
 * larger than `maxMb` (the parser truncates it there) and that its first bytes match its type. On any failure
 * the stored bytes are removed: a body that cannot be read is the client's (400), one read but not stored is
 * the server's (the store's error).
 */
export async function storeUpload(
  store: FileStore,
  file: UploadStream,
  ext: string,
  maxMb: number,
): Promise<StoredUpload> {
  const id = randomUUID();
  const insp = inspector(ext);
  const body = new PassThrough();
  // pipeline, not pipe: a body cut short may have failed already while the target was checked, and
  // pipeline reports that (destroying the store's stream too) instead of waiting for ever.
  const [read, stored] = await Promise.allSettled([pipeline(file, insp.stream, body), store.put(id, body)]);
  if (read.status === 'rejected' || stored.status === 'rejected') {
    await store.remove(id);
    if (read.status === 'rejected') malformedMultipart(read.reason);
    throw (stored as PromiseRejectedResult).reason;
  }
  const { size, sha256, signatureOk } = insp.result();
  if (file.truncated) {
    await store.remove(id);
    throw new AppError('payload_too_large', {
      vi: `Tệp vượt quá ${maxMb} MB.`,
      en: `The file is larger than ${maxMb} MB.`,
    });
  }
  if (size === 0 || !signatureOk) {
    await store.remove(id);
    throw badRequest(
      size === 0 ? 'Tệp rỗng.' : `Nội dung tệp không phải là ${ext} đúng như tên tệp.`,
      size === 0 ? 'The file is empty.' : `The file's content is not a real ${ext} file.`,
      'file',
    );
  }
  return { id, size, sha256 };
}
