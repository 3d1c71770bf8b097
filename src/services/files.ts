/**
 * Where uploaded files live: a local folder by default, behind an interface an S3-compatible store can fill.
 * Keys are opaque (a uuid); the database keeps the name, type, size and SHA-256.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { inArray } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { files } from '../db/schema.js';

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
