/**
 * The streamed Excel writer on its own: it goes only as fast as its reader (the rows wait in the database,
 * not in memory), it stops when the reader goes away, and the file it writes reads back whole.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readAhead } from '../../src/resources/exports/tasks.js';
import { writeSheet, type SheetSpec } from '../../src/resources/exports/xlsx.js';

interface Row {
  i: number;
  text: string;
  day: string;
  rate: number;
}

const spec: SheetSpec<Row> = {
  sheetName: 'Thử',
  title: 'DANH SÁCH THỬ',
  lines: ['Bộ lọc: tất cả', 'Số liệu tính đến ngày 01/12/2026'],
  columns: [
    { header: 'Số', width: 8, kind: 'int', value: (r) => r.i },
    { header: 'Nội dung', width: 40, kind: 'text', value: (r) => r.text },
    { header: 'Ngày', width: 12, kind: 'date', value: (r) => r.day },
    { header: 'Tỷ lệ', width: 10, kind: 'percent', value: (r) => r.rate },
  ],
};

const BATCH = 2000;
const row = (i: number): Row => ({
  i,
  // Text that compresses badly, so that the zip's output is large and the reader's pace matters.
  text: `Nhiệm vụ số ${i} — ${Math.random().toString(36).repeat(4)}`,
  day: '2026-03-10',
  rate: (i % 100) / 100,
});

/** Batches of rows, counting how many were asked for and whether the producer was stopped. */
function source(batches: number) {
  const seen = { pulled: 0, finished: false };
  const gen = async function* () {
    try {
      for (let b = 0; b < batches; b++) {
        seen.pulled++;
        yield Array.from({ length: BATCH }, (_, k) => row(b * BATCH + k));
      }
    } finally {
      seen.finished = true;
    }
  };
  return { seen, batches: gen() };
}

/** Resolves once `cond` holds (checked at each turn of the event loop), or fails after `ms`. */
async function until(cond: () => boolean, ms = 10_000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setImmediate(r));
  }
}

describe('writeSheet', () => {
  it('waits for its reader: a reader that does not read holds the writer after a few batches', async () => {
    const out = new PassThrough();
    const { seen, batches } = source(20);
    const writing = writeSheet(out, spec, batches);
    writing.catch(() => undefined);
    // Nobody reads `out`: the writer must stop asking for rows instead of piling them up in memory.
    await until(() => seen.pulled >= 1);
    const heldAt = seen.pulled;
    for (let i = 0; i < 200; i++) await new Promise((r) => setImmediate(r));
    expect(seen.pulled).toBe(heldAt);
    expect(seen.pulled).toBeLessThan(10);

    // Once read, it goes on to the end and the file is whole.
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise((r) => out.on('end', r));
    expect(await writing).toBe(20 * BATCH);
    await done;
    expect(seen.pulled).toBe(20);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('DANH SÁCH THỬ');
    expect(ws.getRow(5).getCell(2).value).toBe('Nội dung');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
    const last = ws.getRow(5 + 20 * BATCH);
    expect(last.getCell(1).value).toBe(20 * BATCH - 1);
    expect(last.getCell(3).value).toEqual(new Date('2026-03-10T00:00:00Z'));
    expect(last.getCell(3).numFmt).toBe('dd/mm/yyyy');
    expect(last.getCell(4).numFmt).toBe('0.00%');
    expect(ws.getRow(6 + 20 * BATCH).getCell(1).value ?? null).toBeNull();
  });

  it('stops, and stops reading rows, when the reader goes away mid-download', async () => {
    const out = new PassThrough();
    const { seen, batches } = source(1000);
    const writing = writeSheet(out, spec, batches);
    let bytes = 0;
    out.on('data', (c: Buffer) => {
      bytes += c.length;
      // The client goes away after the first part of the file.
      if (bytes > 200_000) out.destroy();
    });
    await expect(writing).rejects.toThrow(/download was closed/);
    expect(seen.finished).toBe(true);
    expect(seen.pulled).toBeLessThan(1000);
  });

  it('stops when the reader goes away while the writer is waiting for it', async () => {
    const out = new PassThrough();
    const { seen, batches } = source(1000);
    const writing = writeSheet(out, spec, batches);
    await until(() => seen.pulled >= 1);
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
    out.destroy();
    await expect(writing).rejects.toThrow(/download was closed/);
    expect(seen.finished).toBe(true);
  });
  it('writes what needs escaping, a bold totals row and the notes under the table', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise((r) => out.on('end', r));
    const tricky = 'Sở <Tài chính> & "Xây dựng" \'A\'\u0007 — 10%';
    const n = await writeSheet(
      out,
      {
        ...spec,
        footer: { i: 99, text: 'Tổng cộng', day: '2026-12-31', rate: 0.9862 },
        notes: ['Giải thích:', '- Tỷ lệ < 100% & "đúng hạn"'],
      },
      (async function* () {
        yield [
          { i: 1, text: tricky, day: '2024-02-29', rate: 0.5 },
          { i: 2, text: '', day: '', rate: Number.NaN },
        ];
      })(),
    );
    await done;
    expect(n).toBe(2);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('B6').value).toBe('Sở <Tài chính> & "Xây dựng" \'A\' — 10%');
    expect(ws.getCell('C6').value).toEqual(new Date('2024-02-29T00:00:00Z'));
    expect(ws.getCell('D6').value).toBe(0.5);
    expect(ws.getCell('B6').font).toMatchObject({ name: 'Times New Roman', size: 11 });
    expect(ws.getCell('B6').font?.bold).toBeFalsy();
    expect(ws.getCell('B6').alignment?.wrapText).toBe(true);
    expect(ws.getCell('B6').border?.top?.style).toBe('thin');
    // Empty values are empty cells, still styled.
    expect(ws.getCell('B7').value ?? null).toBeNull();
    expect(ws.getCell('C7').value ?? null).toBeNull();
    expect(ws.getCell('D7').value ?? null).toBeNull();
    expect(ws.getCell('D7').numFmt).toBe('0.00%');
    expect(ws.getCell('B8').value).toBe('Tổng cộng');
    expect(ws.getCell('B8').font?.bold).toBe(true);
    expect(ws.getCell('D8').value).toBe(0.9862);
    expect(ws.getCell('A10').value).toBe('Giải thích:');
    expect(ws.getCell('A10').font?.bold).toBe(true);
    expect(ws.getCell('A11').value).toBe('- Tỷ lệ < 100% & "đúng hạn"');
    expect(ws.getCell('A11').font?.italic).toBe(true);
    expect(ws.getColumn(2).width).toBe(40);
    expect(JSON.stringify(ws.autoFilter)).toContain('A5');
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
  });
});

describe('readAhead (the task export reads its next batch while one is written)', () => {
  const counted = (n: number, failAt?: number) => {
    const seen = { asked: 0, closed: false };
    const gen = async function* () {
      try {
        for (let i = 0; i < n; i++) {
          seen.asked++;
          await new Promise((r) => setImmediate(r));
          if (i === failAt) throw new Error(`batch ${i} failed`);
          yield i;
        }
      } finally {
        seen.closed = true;
      }
    };
    return { seen, gen: gen() };
  };

  it('hands on every batch in order, having asked for one more at most', async () => {
    const { seen, gen } = counted(5);
    const got: number[] = [];
    for await (const b of readAhead(gen)) {
      got.push(b);
      // While batch b is being written, batch b + 1 is being read, no further.
      expect(seen.asked).toBeLessThanOrEqual(Math.min(5, b + 2));
      await until(() => seen.asked === Math.min(5, b + 2));
    }
    expect(got).toEqual([0, 1, 2, 3, 4]);
    expect(seen.closed).toBe(true);
  });

  it('a failed read is thrown when its batch is asked for, never as an unhandled rejection', async () => {
    const { gen } = counted(5, 2);
    const got: number[] = [];
    await expect(
      (async () => {
        for await (const b of readAhead(gen)) {
          got.push(b);
          // The writer is slow: the failing read happens meanwhile.
          for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
        }
      })(),
    ).rejects.toThrow('batch 2 failed');
    expect(got).toEqual([0, 1]);
  });

  it('closes the source when the writer stops early', async () => {
    const { seen, gen } = counted(100);
    for await (const b of readAhead(gen)) if (b === 3) break;
    expect(seen.closed).toBe(true);
    expect(seen.asked).toBeLessThanOrEqual(5);
  });
});
