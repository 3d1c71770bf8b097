/**
 * One Excel sheet written as a stream (ExcelJS `stream.xlsx.WorkbookWriter`): a title, the parameters and the
 * cut-off date above a frozen, filterable header row in Vietnamese, then the rows, written as XML in slices as
 * they come, each slice waiting until the zip and the reader have taken the one before — the file is never
 * whole in memory, nor are the rows not yet compressed (ADR 0012). Dates are real dates shown dd/mm/yyyy,
 * rates real fractions shown 0.00%.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';

export type CellKind = 'text' | 'int' | 'number' | 'date' | 'percent';
export type CellValue = string | number | null;

export interface XlsxColumn<R> {
  header: string;
  /** In characters. */
  width: number;
  kind: CellKind;
  /** Dates as ISO 'YYYY-MM-DD'; percents as fractions (0.825 → 82.50%). */
  value: (r: R) => CellValue;
}

export interface SheetSpec<R> {
  sheetName: string;
  title: string;
  /** Lines under the title: the parameters, the cut-off date. */
  lines: string[];
  columns: XlsxColumn<R>[];
  /** A last row in bold (the totals of a report). */
  footer?: R;
  /** Lines under the table (the definitions of a report's columns). */
  notes?: string[];
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DATE_FORMAT = 'dd/mm/yyyy';
export const PERCENT_FORMAT = '0.00%';
const FONT = 'Times New Roman';

const FORMATS: Record<CellKind, string | undefined> = {
  text: undefined,
  int: '#,##0',
  number: '#,##0.0',
  date: DATE_FORMAT,
  percent: PERCENT_FORMAT,
};

/** An ISO date as Excel's serial day number (days since 30/12/1899, counted in UTC as ExcelJS does). */
const excelSerial = (iso: string) => 25569 + Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / 86_400_000;

/** Text as XML character data, as ExcelJS writes it: the five entities, control characters dropped. */
// eslint-disable-next-line no-control-regex -- these are the control characters XML 1.0 cannot hold
const XML_SPECIAL = /[<>&'"\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/;
const XML_SPECIAL_ALL = new RegExp(XML_SPECIAL.source, 'g');
const ENTITY: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };
export const xmlText = (s: string) => (XML_SPECIAL.test(s) ? s.replace(XML_SPECIAL_ALL, (ch) => ENTITY[ch] ?? '') : s);

/** 1 → A, 27 → AA. */
function columnLetter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

const thin = { style: 'thin' as const, color: { argb: 'FF999999' } };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

/**
 * Writes the sheet to `out`, pulling the rows batch by batch from `batches`; `onRows` is told how many rows
 * are written so far (progress). Goes at the pace of the zip and of the reader of `out`, and stops (throws)
 * when `out` is closed by a reader that went away. Returns the number of data rows.
 */
export async function writeSheet<R>(
  out: Writable,
  spec: SheetSpec<R>,
  batches: AsyncIterable<R[]>,
  onRows?: (written: number) => Promise<void>,
): Promise<number> {
  // Fast compression: ExcelJS hands the sheet to the zip without waiting for it, so the slower the
  // compression, the more uncompressed rows wait in memory (and the longer the export takes).
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
    zip: { zlib: { level: 1 } },
  });
  wb.creator = 'Nhiệm vụ';
  const n = spec.columns.length;
  const headerRow = 3 + spec.lines.length;
  const ws = wb.addWorksheet(spec.sheetName.slice(0, 31), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow, activeCell: `A${headerRow + 1}` }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = spec.columns.map((c) => ({
    width: c.width,
    style: {
      font: { name: FONT, size: 11 },
      numFmt: FORMATS[c.kind],
      alignment: { vertical: 'top', wrapText: c.kind === 'text' },
    },
  }));

  const title = ws.getRow(1);
  title.getCell(1).value = spec.title;
  title.getCell(1).font = { name: FONT, size: 14, bold: true };
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  title.height = 36;
  ws.mergeCells(1, 1, 1, n);
  title.commit();
  spec.lines.forEach((line, i) => {
    const row = ws.getRow(2 + i);
    row.getCell(1).value = line;
    row.getCell(1).font = { name: FONT, size: 11, italic: true };
    row.getCell(1).alignment = { horizontal: 'center' };
    ws.mergeCells(2 + i, 1, 2 + i, n);
    row.commit();
  });
  ws.getRow(2 + spec.lines.length).commit();

  const head = ws.getRow(headerRow);
  spec.columns.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: FONT, size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E2F3' } };
    cell.border = BORDER;
  });
  head.height = 32;
  head.commit();
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: n } };

  // The rows under the header are written as XML straight into the sheet's stream, with each column's
  // style registered once in the workbook's styles: ExcelJS's own path builds a Row, a Cell, a style merge
  // and an XML model per cell — half the CPU of an export and most of its garbage. The XML is the one
  // ExcelJS writes (t="str" strings, dates as serial numbers, the style on every cell, empty styled cells).
  const sheet = rawSheetOf(wb, ws);
  const styleId = (c: XlsxColumn<R>, bold: boolean) =>
    sheet.styles.addStyleModel(
      {
        font: { name: FONT, size: 11, bold },
        numFmt: FORMATS[c.kind],
        alignment: { vertical: 'top', wrapText: c.kind === 'text' },
        border: BORDER,
      },
      c.kind === 'text'
        ? ExcelJS.ValueType.String
        : c.kind === 'date'
          ? ExcelJS.ValueType.Date
          : ExcelJS.ValueType.Number,
    );
  const plain = spec.columns.map((c) => styleId(c, false));
  const strong = spec.columns.map((c) => styleId(c, true));
  const letters = spec.columns.map((_, i) => columnLetter(i + 1));
  const spans = `1:${n}`;
  let written = 0;
  let next = headerRow + 1;
  const put = (r: R, bold: boolean) => {
    const styles = bold ? strong : plain;
    const at = next++;
    let xml = `<row r="${at}" spans="${spans}" x14ac:dyDescent="0.25">`;
    for (let i = 0; i < n; i++) {
      const c = spec.columns[i]!;
      const v = c.value(r);
      const ref = `${letters[i]}${at}`;
      if (v === null || v === '') xml += `<c r="${ref}" s="${styles[i]}"/>`;
      else if (c.kind === 'date') xml += `<c r="${ref}" s="${styles[i]}"><v>${excelSerial(String(v))}</v></c>`;
      else if (typeof v === 'number')
        xml += Number.isFinite(v)
          ? `<c r="${ref}" s="${styles[i]}"><v>${v}</v></c>`
          : `<c r="${ref}" s="${styles[i]}"/>`;
      else xml += `<c r="${ref}" s="${styles[i]}" t="str"><v>${xmlText(v)}</v></c>`;
    }
    sheet.write(`${xml}</row>`);
  };
  // ExcelJS hands the sheet's XML to the zip without waiting (its buffer ignores what write() answers):
  // a writer faster than the compression, or than the reader, piles the uncompressed rows up in memory —
  // 429 MB for 300 000 rows, and the collector's work made the export four times slower. So the rows are
  // committed in slices, and after each the writer waits until the zip has taken the slice (its entry
  // stream has drained) — which it does only as fast as `out` is read (ADR 0012).
  const entry = zipEntryOf(ws);
  const paced = async () => {
    if (out.destroyed) throw new Error('export stopped: the download was closed');
    if (entry?.full() || out.writableNeedDrain) await drainedOrClosed(entry, out);
    // A download abandoned by its reader closes the stream without an error: stop, do not wait for ever.
    if (out.destroyed) throw new Error('export stopped: the download was closed');
  };
  for await (const batch of batches) {
    for (let i = 0; i < batch.length; i += SLICE) {
      const end = Math.min(batch.length, i + SLICE);
      for (let j = i; j < end; j++) put(batch[j]!, false);
      written += end - i;
      await paced();
    }
    await onRows?.(written);
  }
  const rows = written;
  if (spec.footer) put(spec.footer, true);
  next++;
  const notes = spec.notes ?? [];
  const noteStyles = [true, false].map((first) =>
    sheet.styles.addStyleModel(
      { font: { name: FONT, size: 10, italic: !first, bold: first }, alignment: { wrapText: false } },
      ExcelJS.ValueType.String,
    ),
  );
  notes.forEach((note, i) => {
    const at = next++;
    sheet.write(
      `<row r="${at}" spans="${spans}" x14ac:dyDescent="0.25"><c r="A${at}" s="${noteStyles[i === 0 ? 0 : 1]}" t="str"><v>${xmlText(note)}</v></c></row>`,
    );
  });
  ws.commit();
  await wb.commit();
  return rows;
}

/** dd/MM/yyyy of an ISO date, for titles and documents. */
export const vnDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/**
 * What the raw rows need of ExcelJS 4's streaming writer: the workbook's style registry and the sheet's own
 * stream, once ExcelJS has opened its <sheetData> (the header row committed). Checked, so that another
 * ExcelJS fails loudly here rather than writing a broken file.
 */
interface RawSheet {
  styles: { addStyleModel(style: Partial<ExcelJS.Style>, cellType: ExcelJS.ValueType): number };
  write(xml: string): void;
}
function rawSheetOf(wb: ExcelJS.stream.xlsx.WorkbookWriter, ws: ExcelJS.Worksheet): RawSheet {
  const styles = (wb as unknown as { styles?: RawSheet['styles'] }).styles;
  const inner = ws as unknown as { startedData?: boolean; stream?: { write(x: string): unknown } };
  if (typeof styles?.addStyleModel !== 'function' || inner.startedData !== true || !inner.stream?.write)
    throw new Error('this ExcelJS writes sheets otherwise: the Excel export needs its 4.x streaming writer');
  const stream = inner.stream;
  return { styles, write: (xml) => void stream.write(xml) };
}

/** Rows committed between two looks at the zip's appetite: about 250 kB of XML. */
const SLICE = 250;

/**
 * The stream through which the zip reads the sheet's XML (ExcelJS 4: the worksheet's StreamBuf writes into
 * the PassThrough archiver made of it, a readable-stream 2 one without `writableNeedDrain`): whether it holds
 * more than its high-water mark, and itself to wait for its 'drain'. Null if ExcelJS is built otherwise —
 * the unit test of the backpressure then fails.
 */
interface Entry {
  full(): boolean;
  stream: Writable;
}
function zipEntryOf(ws: ExcelJS.Worksheet): Entry | null {
  const pipes = (ws as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes;
  const entry = pipes?.[0] as (Writable & { _writableState?: { needDrain?: boolean } }) | undefined;
  const state = entry?._writableState;
  if (!entry || typeof entry.once !== 'function' || !state || !('needDrain' in state)) return null;
  return { full: () => state.needDrain === true, stream: entry };
}

/**
 * Waits until the zip has taken what it was given (`entry` drained) and `out` wants more, or `out` is
 * closed (a reader that went away never drains it).
 */
async function drainedOrClosed(entry: Entry | null, out: Writable): Promise<void> {
  const waits: [() => boolean, Writable][] = [[() => out.writableNeedDrain, out]];
  if (entry) waits.unshift([entry.full, entry.stream]);
  for (const [full, s] of waits) {
    if (!full() || out.destroyed) continue;
    await new Promise<void>((resolve) => {
      const done = () => {
        s.off('drain', done);
        out.off('close', done);
        resolve();
      };
      s.once('drain', done);
      out.once('close', done);
    });
  }
}
