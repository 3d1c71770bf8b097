/**
 * Where uploaded files live: a local folder by default, behind an interface an S3-compatible store can fill.
 * Keys are opaque (a uuid); the database keeps the name, type, size and SHA-256.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';

export interface FileStore {
  put(key: string, body: Readable): Promise<void>;
  get(key: string): Readable;
  remove(key: string): Promise<void>;
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
    await pipeline(body, fs.createWriteStream(tmp));
    await fs.promises.rename(tmp, target);
  }

  get(key: string): Readable {
    return fs.createReadStream(this.file(key));
  }

  async remove(key: string): Promise<void> {
    await fs.promises.rm(this.file(key), { force: true });
  }
}
