/**
 * Measures the JavaScript a browser downloads for the sign-in screen and the home page: the entry chunk,
 * the Home route chunk and every chunk they import statically, gzipped (level 9, as a server would send).
 * Fails when it exceeds the budget of issue 3 (350 KB).
 *   tsx scripts/measure-web.ts [--budget 350]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { ensureWebBuilt } from './web-build.js';

interface Chunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'web', 'dist');

export function measure(): { files: { file: string; gzip: number }[]; total: number; all: number } {
  const manifest = JSON.parse(fs.readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    Chunk
  >;
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const i of manifest[key]?.imports ?? []) visit(i);
  };
  visit('index.html');
  const home = Object.keys(manifest).find((k) => k.endsWith('src/pages/Home.tsx'));
  if (!home) throw new Error('Home chunk not found in the manifest');
  visit(home);
  const files: { file: string; gzip: number }[] = [];
  for (const key of seen) {
    const c = manifest[key]!;
    for (const f of [c.file, ...(c.css ?? [])]) {
      if (files.some((x) => x.file === f)) continue;
      files.push({ file: f, gzip: gzipSync(fs.readFileSync(path.join(dist, f)), { level: 9 }).length });
    }
  }
  let all = 0;
  for (const f of fs.readdirSync(path.join(dist, 'assets')))
    if (f.endsWith('.js') || f.endsWith('.css'))
      all += gzipSync(fs.readFileSync(path.join(dist, 'assets', f)), { level: 9 }).length;
  return { files: files.sort((a, b) => b.gzip - a.gzip), total: files.reduce((s, f) => s + f.gzip, 0), all };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--budget');
  const budget = i > 0 ? Number(process.argv[i + 1]) : 350;
  await ensureWebBuilt();
  const r = measure();
  for (const f of r.files) console.log(`${(f.gzip / 1024).toFixed(1).padStart(8)} KB  ${f.file}`);
  console.log(`Đăng nhập + trang chủ (sign-in + home): ${(r.total / 1024).toFixed(1)} KB gzip (ngưỡng ${budget} KB)`);
  console.log(`Toàn bộ giao diện (all routes): ${(r.all / 1024).toFixed(1)} KB gzip`);
  if (r.total > budget * 1024) {
    console.error('Vượt ngưỡng dung lượng JavaScript cho đăng nhập + trang chủ.');
    process.exit(1);
  }
}
