/**
 * Draws the app's icons (a yellow star on the Office's blue) into web/public/icons as PNG, with no image
 * library: pixels tested against the star polygon, 4×4 supersampled, encoded with zlib. Run once when the
 * design changes (`npx tsx scripts/icons.ts`); the PNGs are committed and Vite copies them into web/dist.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/public/icons');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** The star's ten corners, centred, outer radius r. */
function star(cx: number, cy: number, r: number): [number, number][] {
  const pts: [number, number][] = [];
  for (let i = 0; i < 10; i++) {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 === 0 ? r : r * 0.4;
    pts.push([cx + rr * Math.cos(a), cy + rr * Math.sin(a)]);
  }
  return pts;
}
function inside(x: number, y: number, poly: [number, number][]): boolean {
  let c = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i]!;
    const [xj, yj] = poly[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
  }
  return c;
}

function icon(size: number, starScale: number, rounded: boolean): Buffer {
  const bg = [0x0b, 0x4f, 0x9c];
  const fg = [0xff, 0xd6, 0x66];
  const poly = star(size / 2, size / 2 + size * 0.03, (size / 2) * starScale);
  const radius = rounded ? size * 0.18 : 0;
  const raw = Buffer.alloc((size * 4 + 1) * size);
  const S = 4;
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      let inStar = 0;
      let inBg = 0;
      for (let sy = 0; sy < S; sy++)
        for (let sx = 0; sx < S; sx++) {
          const px = x + (sx + 0.5) / S;
          const py = y + (sy + 0.5) / S;
          const dx = Math.max(radius - px, 0, px - (size - radius));
          const dy = Math.max(radius - py, 0, py - (size - radius));
          if (radius && dx * dx + dy * dy > radius * radius) continue;
          inBg++;
          if (inside(px, py, poly)) inStar++;
        }
      const o = y * (size * 4 + 1) + 1 + x * 4;
      const f = inBg ? inStar / inBg : 0;
      for (let k = 0; k < 3; k++) raw[o + k] = Math.round(bg[k]! * (1 - f) + fg[k]! * f);
      raw[o + 3] = Math.round((inBg / (S * S)) * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

fs.mkdirSync(out, { recursive: true });
const files: [string, number, number, boolean][] = [
  ['icon-192.png', 192, 0.62, true],
  ['icon-512.png', 512, 0.62, true],
  // Maskable: the launcher cuts its own shape; the star stays inside the safe circle (80 %).
  ['maskable-512.png', 512, 0.5, false],
  ['apple-touch-icon.png', 180, 0.62, false],
];
for (const [name, size, scale, rounded] of files) fs.writeFileSync(path.join(out, name), icon(size, scale, rounded));
console.log(`icons written to ${out}`);
