/**
 * Builds the web interface (web/dist) when it is missing or older than its sources. `npm start` and the
 * end-to-end tests call it, so a fresh clone works with `npm install && npm start`.
 *   tsx scripts/web-build.ts          build only when stale
 *   tsx scripts/web-build.ts --force  always build
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'web');
const dist = path.join(web, 'dist', 'index.html');

function newest(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  for (const e of fs.readdirSync(p)) m = Math.max(m, newest(path.join(p, e)));
  return m;
}

export function webIsStale(): boolean {
  if (!fs.existsSync(dist)) return true;
  const built = fs.statSync(dist).mtimeMs;
  const sources = Math.max(
    newest(path.join(web, 'src')),
    newest(path.join(web, 'index.html')),
    newest(path.join(web, 'vite.config.ts')),
  );
  return sources > built;
}

export async function ensureWebBuilt(opts: { force?: boolean; quiet?: boolean } = {}): Promise<boolean> {
  if (!opts.force && !webIsStale()) return false;
  const { build } = await import('vite');
  if (!opts.quiet) console.log('Đang dựng giao diện web (web/dist)…');
  await build({ configFile: path.join(web, 'vite.config.ts'), logLevel: opts.quiet ? 'error' : 'warn' });
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureWebBuilt({ force: process.argv.includes('--force') }).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
