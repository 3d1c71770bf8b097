/**
 * Uploads whose record never committed (the server was killed while the file streamed in, or between
 * storing it and writing its row) are removed at start-up; stored files with their record stay.
 * The real `kill -9` during an upload is in durability.test.ts.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeOrphanFiles } from '../../src/services/files.js';
import { createHarness, registerDocument, type Harness } from '../helpers/harness.js';

let h: Harness;
let taskId: number;
beforeAll(async () => {
  h = await createHarness('2026-03-02 09:00');
  ({
    taskIds: [taskId],
  } = (await registerDocument(h, 'spec1', [
    { content: 'Có tệp đính kèm', leadAgencyId: h.fx.agency.finance, deadlineKind: 'fixed', deadline: '2026-03-31' },
  ])) as unknown as { taskIds: [number] });
});
afterAll(() => h?.close());

const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

function listStored(): string[] {
  const out: string[] = [];
  for (const d of fs.readdirSync(h.filesDir)) out.push(...fs.readdirSync(path.join(h.filesDir, d)));
  return out.sort();
}

async function upload(): Promise<string> {
  const spec = await h.as('spec1');
  const b = 'orphanb';
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/files',
    headers: { 'content-type': `multipart/form-data; boundary=${b}`, cookie: spec.cookie!, 'x-csrf-token': spec.csrf! },
    payload: Buffer.concat([
      Buffer.from(
        `--${b}\r\nContent-Disposition: form-data; name="targetType"\r\n\r\ntask\r\n` +
          `--${b}\r\nContent-Disposition: form-data; name="targetId"\r\n\r\n${taskId}\r\n` +
          `--${b}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      PDF,
      Buffer.from(`\r\n--${b}--\r\n`),
    ]),
  });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

describe('orphan uploads', () => {
  it('removes stored files without a record and writes cut short; keeps the others', async () => {
    const kept = await upload();
    // A file stored whose row never committed, and one whose bytes stopped streaming in.
    const orphan = randomUUID();
    await h.app.deps.files.put(orphan, Readable.from([PDF]));
    const cut = randomUUID();
    fs.mkdirSync(path.join(h.filesDir, cut.slice(0, 2)), { recursive: true });
    fs.writeFileSync(path.join(h.filesDir, cut.slice(0, 2), `${cut}.part`), PDF.subarray(0, 5));
    expect(listStored()).toEqual([kept, orphan, `${cut}.part`].sort());

    // What changed after `before` is left alone (another server may be writing it now).
    expect(await removeOrphanFiles(h.database.db, h.app.deps.files, new Date(Date.now() - 60_000))).toBe(0);
    expect(listStored()).toHaveLength(3);

    expect(await removeOrphanFiles(h.database.db, h.app.deps.files, new Date(Date.now() + 1000))).toBe(2);
    expect(listStored()).toEqual([kept]);
    const spec = await h.as('spec1');
    const res = await spec.get(`/api/files/${kept}`);
    expect(res.status).toBe(200);
  });

  it('a broken multipart body leaves nothing behind', async () => {
    const before = listStored();
    const spec = await h.as('spec1');
    const b = 'cutb';
    const full = Buffer.concat([
      Buffer.from(
        `--${b}\r\nContent-Disposition: form-data; name="targetType"\r\n\r\ntask\r\n` +
          `--${b}\r\nContent-Disposition: form-data; name="targetId"\r\n\r\n${taskId}\r\n` +
          `--${b}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      PDF,
      PDF,
    ]);
    const headers = { cookie: spec.cookie!, 'x-csrf-token': spec.csrf!, 'accept-language': 'en' };
    const truncated = await h.app.inject({
      method: 'POST',
      url: '/api/files',
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${b}` },
      payload: full,
    });
    expect(truncated.statusCode).toBe(400);
    expect(truncated.json().error.message).toBe(
      'The multipart/form-data body is malformed or incomplete (no boundary, or cut short). Send the file again.',
    );
    const noBoundary = await h.app.inject({
      method: 'POST',
      url: '/api/files',
      headers: { ...headers, 'content-type': 'multipart/form-data' },
      payload: full,
    });
    expect(noBoundary.statusCode).toBe(400);
    expect(noBoundary.json().error.code).toBe('bad_request');
    const json = await h.app.inject({
      method: 'POST',
      url: '/api/files',
      headers: { ...headers, 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.message).toBe('Send the file as multipart/form-data.');
    expect(listStored()).toEqual(before);
  });
});
