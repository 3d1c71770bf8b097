/**
 * Embedded mode, with the real server process: an acknowledged write survives `kill -9`, and a second
 * server on the same data folder refuses to start instead of corrupting it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/crypto.js';
import { openDatabase, rows } from '../../src/db/client.js';
import { agencies, users } from '../../src/db/schema.js';

const root = path.resolve(import.meta.dirname, '../..');
let dir: string;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function startServer(port: number): {
  child: ChildProcess;
  ready: Promise<void>;
  exited: Promise<{ code: number | null; output: string }>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dir,
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED: 'none',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes('đang chạy tại')) resolve();
    });
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', () => reject(new Error(`server exited early: ${output}`)));
  });
  ready.catch(() => undefined);
  const exited = new Promise<{ code: number | null; output: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, output })),
  );
  return { child, ready, exited };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nv-durable-'));
  const db = await openDatabase({ dataDir: dir });
  const [a] = await db.db
    .insert(agencies)
    .values({
      code: 'VPUBND',
      name: 'Văn phòng UBND tỉnh',
      shortName: 'VP',
      nameFolded: 'van phong ubnd tinh',
      kind: 'office',
      validFrom: '2020-01-01',
    })
    .returning();
  await db.db.insert(users).values({
    username: 'cv',
    passwordHash: await hashPassword('Durable@2026'),
    fullName: 'Chuyên viên',
    role: 'office_specialist',
    agencyId: a!.id,
  });
  await db.close();
}, 60_000);

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('embedded database', () => {
  it('keeps every acknowledged write after kill -9, and refuses a second server on the same folder', async () => {
    const port = await freePort();
    const server = startServer(port);
    await server.ready;

    // A second server on the same data folder refuses with a clear message.
    const second = startServer(await freePort());
    const refused = await second.exited;
    expect(refused.code).toBe(3);
    expect(refused.output).toContain('đang được máy chủ khác');

    const base = `http://127.0.0.1:${port}`;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'cv', password: 'Durable@2026' }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
    const acknowledged: string[] = [];
    let stop = false;
    const writer = (async () => {
      for (let i = 1; !stop && i < 10_000; i++) {
        const numberText = `${i}/UBND-VP`;
        try {
          const res = await fetch(`${base}/api/documents`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
            body: JSON.stringify({ numberText, issuedOn: '2026-03-02', abstract: `Văn bản thử độ bền số ${i}` }),
          });
          if (res.status === 201) acknowledged.push(numberText);
        } catch {
          break; // the server is gone
        }
      }
    })();
    // Kill it in the middle of the writes, once some have been acknowledged (however busy the machine is).
    const deadline = Date.now() + 60_000;
    while (acknowledged.length < 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    server.child.kill('SIGKILL');
    stop = true;
    await writer;
    await server.exited;
    expect(acknowledged.length).toBeGreaterThan(5);

    // Reopen: the dead server's lock is taken over, and every acknowledged document is there.
    const db = await openDatabase({ dataDir: dir });
    const stored = await rows<{ number_text: string }>(db.db, sql`select number_text from documents`);
    const events = await rows<{ n: number }>(
      db.db,
      sql`select count(*)::int as n from events where action = 'document.create'`,
    );
    await db.close();
    const have = new Set(stored.map((r) => r.number_text));
    expect(acknowledged.filter((n) => !have.has(n))).toEqual([]);
    expect(Number(events[0]!.n)).toBe(stored.length); // no change without its event
  }, 90_000);

  it('removes at the next start the file of an upload cut by kill -9', async () => {
    const port = await freePort();
    const server = startServer(port);
    await server.ready;
    const base = `http://127.0.0.1:${port}`;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'cv', password: 'Durable@2026' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
    const doc = await fetch(`${base}/api/documents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
      body: JSON.stringify({ numberText: '1/UBND-TL', issuedOn: '2026-03-02', abstract: 'Văn bản có tệp' }),
    });
    expect(doc.status).toBe(201);
    const documentId = ((await doc.json()) as { id: number }).id;

    // An upload that streams its first bytes, then stalls: the server is killed while it writes the file.
    const filesDir = path.join(dir, 'files');
    const stored = () =>
      fs.existsSync(filesDir) ? fs.readdirSync(filesDir).flatMap((d) => fs.readdirSync(path.join(filesDir, d))) : [];
    const before = stored();
    const b = 'killb';
    const req = http.request(`${base}/api/files`, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${b}`, cookie, 'x-csrf-token': csrf },
    });
    req.on('error', () => undefined);
    req.write(
      `--${b}\r\nContent-Disposition: form-data; name="targetType"\r\n\r\ndocument\r\n` +
        `--${b}\r\nContent-Disposition: form-data; name="targetId"\r\n\r\n${documentId}\r\n` +
        `--${b}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`,
    );
    req.write(Buffer.alloc(64 * 1024, 0x20));
    for (let i = 0; i < 200 && stored().length === before.length; i++) await new Promise((r) => setTimeout(r, 50));
    const partial = stored().filter((f) => !before.includes(f));
    expect(partial).toHaveLength(1);
    server.child.kill('SIGKILL');
    await server.exited;
    req.destroy();
    expect(stored().filter((f) => !before.includes(f))).toEqual(partial);

    const again = startServer(port);
    await again.ready;
    again.child.kill('SIGTERM');
    await again.exited;
    expect(stored()).toEqual(before);
  }, 90_000);
});
