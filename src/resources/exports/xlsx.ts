/**
 * One Excel sheet written as a stream (ExcelJS `stream.xlsx.WorkbookWriter`): a title, the parameters and the
 * cut-off date above a frozen, filterable header row in Vietnamese, then the rows, each committed as soon as it
 * is written — the file is never whole in memory (ADR 0012). Dates are real dates shown dd/mm/yyyy, rates real
 * fractions shown 0.00%.
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

/** An ISO date as the Date Excel stores for that day (ExcelJS counts days in UTC). */
const excelDate = (iso: string) => new Date(`${iso.slice(0, 10)}T00:00:00Z`);

const thin = { style: 'thin' as const, color: { argb: 'FF999999' } };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

/**
 * Writes the sheet to `out`, pulling the rows batch by batch from `batches`; `onRows` is told how many rows
 * are written so far (progress). Waits for `out` to drain when the reader is slower than the writer.
 * Returns the number of data rows.
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

  // One style object per column, given to every cell as it is: ExcelJS recognises an object it has seen
  // (a WeakMap) instead of rendering each cell's style again — most of the writing time otherwise.
  const styleOf = (c: XlsxColumn<R>, bold: boolean): Partial<ExcelJS.Style> => ({
    font: { name: FONT, size: 11, bold },
    numFmt: FORMATS[c.kind],
    alignment: { vertical: 'top', wrapText: c.kind === 'text' },
    border: BORDER,
  });
  const plain = spec.columns.map((c) => styleOf(c, false));
  const strong = spec.columns.map((c) => styleOf(c, true));
  let written = 0;
  const put = (r: R, bold: boolean) => {
    const row = ws.getRow(headerRow + 1 + written);
    const styles = bold ? strong : plain;
    spec.columns.forEach((c, i) => {
      const v = c.value(r);
      const cell = row.getCell(i + 1);
      cell.value = v === null || v === '' ? null : c.kind === 'date' ? excelDate(String(v)) : v;
      cell.style = styles[i]!;
    });
    row.commit();
    written++;
  };
  for await (const batch of batches) {
    for (const r of batch) put(r, false);
    await onRows?.(written);
    // The reader (a slow download) sets the pace: the zip waits, and so does the next batch.
    if (out.writableNeedDrain) await drainedOrClosed(out);
    // A download abandoned by its reader closes the stream without an error: stop, do not wait for ever.
    if (out.destroyed) throw new Error('export stopped: the download was closed');
  }
  const rows = written;
  if (spec.footer) put(spec.footer, true);
  let at = headerRow + 1 + written + 1;
  for (const note of spec.notes ?? []) {
    const row = ws.getRow(at);
    row.getCell(1).value = note;
    row.getCell(1).font = { name: FONT, size: 10, italic: note !== spec.notes![0], bold: note === spec.notes![0] };
    row.getCell(1).alignment = { wrapText: false };
    row.commit();
    at++;
  }
  ws.commit();
  await wb.commit();
  return rows;
}

/** dd/MM/yyyy of an ISO date, for titles and documents. */
export const vnDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** Waits until the stream wants more, or is closed (a reader that went away never drains it). */
function drainedOrClosed(out: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.once('drain', done);
    out.once('close', done);
  });
}
