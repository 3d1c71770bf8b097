/**
 * A Word document laid out as a Vietnamese administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I):
 * A4 portrait, Times New Roman, margins top and bottom 20 mm, left 30 mm, right 15 mm; the issuing body and
 * the quốc hiệu / tiêu ngữ side by side; số, ký hiệu and the place-date line; the title (a report) or the
 * trích yếu "V/v …" and "Kính gửi" (a letter); the body; the signature block and "Nơi nhận"; page numbers
 * centred in the header from the second page (the first page has its own, empty header: w:titlePg).
 * Used by the periodic report and the urging letter (ADR 0012).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type ParagraphChild,
} from 'docx';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A4 in twips (1/1440 inch) and the margins chosen within ND30's ranges (1 mm = 56.7 twips). */
export const PAGE = {
  width: 11906,
  height: 16838,
  top: 1134, // 20 mm
  bottom: 1134, // 20 mm
  left: 1701, // 30 mm
  right: 850, // 15 mm
  header: 567, // 10 mm
  footer: 567,
} as const;
/** Text width: the page less the side margins. */
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

export const FONT = 'Times New Roman';
/** Sizes in half-points, as Word stores them (w:sz): 14 pt body, 13 pt headings of the header block. */
export const SIZE = { body: 28, header: 26, small: 24, table: 24, recipients: 22 } as const;

export interface Nd30Document {
  /** The issuing body, upper case (first line at the left), e.g. "ỦY BAN NHÂN DÂN TỈNH AN GIANG". */
  issuingBody: string;
  /** "Số: …/BC-UBND": the number is left blank for the clerk (văn thư) who registers the document. */
  symbol: string;
  /** The place of the date line ("An Giang"); empty: a blank for the signer to fill. */
  place: string;
  /** ISO date of the document. */
  date: string;
  /** A report: its name ("BÁO CÁO") and its subject lines. */
  title?: { name: string; subject: string[] };
  /** A letter (công văn): its trích yếu, under the number ("V/v đôn đốc …"). */
  excerpt?: string;
  /** A letter: whom it is sent to. */
  to?: string[];
  body: (Paragraph | Table)[];
  signer: { authority: string; position: string; name?: string };
  /** Nơi nhận, one per line (each ends with ";", the last with "."). */
  recipients: string[];
}

const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean } = {}) =>
  new TextRun({
    text,
    font: FONT,
    size: o.size ?? SIZE.body,
    bold: o.bold,
    italics: o.italics,
    underline: o.underline ? {} : undefined,
  });

/** A paragraph of the body: justified, first line indented 1 cm, 6 pt after, single line spacing. */
export function bodyParagraph(text: string | ParagraphChild[], o: { bold?: boolean; indent?: boolean } = {}) {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: o.indent === false ? undefined : { firstLine: 567 },
    spacing: { before: 0, after: 120, line: 276 },
    children: typeof text === 'string' ? [run(text, { bold: o.bold })] : text,
  });
}
export const bodyRun = run;

const centred = (children: ParagraphChild[], after = 0) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 0, after }, children });

/** A short rule under the issuing body and the tiêu ngữ (ND30: a line under them). */
const rule = (twips: number) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 0, after: 120 },
    indent: { left: twips, right: twips },
    border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [],
  });

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

const cell = (children: Paragraph[], width: number) =>
  new TableCell({ children, width: { size: width, type: WidthType.DXA }, borders: NO_BORDERS });

/**
 * The date line: "An Giang, ngày 02 tháng 3 năm 2026". ND30: days below 10 and the months 1 and 2 take a
 * leading zero.
 */
export function placeDate(place: string, iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const day = String(d).padStart(2, '0');
  const month = m <= 2 ? String(m).padStart(2, '0') : String(m);
  return `${place || '……'}, ngày ${day} tháng ${month} năm ${y}`;
}

function headerBlock(d: Nd30Document): Table {
  const left = Math.round(TEXT_WIDTH * 0.42);
  const right = TEXT_WIDTH - left;
  const leftCell = [
    centred([run(d.issuingBody.toUpperCase(), { bold: true, size: SIZE.header })]),
    rule(Math.round(left * 0.3)),
    centred([run(d.symbol, { size: SIZE.header })], d.excerpt ? 60 : 0),
    ...(d.excerpt ? [centred([run(d.excerpt, { size: SIZE.small })])] : []),
  ];
  const rightCell = [
    centred([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: SIZE.header })]),
    centred([run('Độc lập - Tự do - Hạnh phúc', { bold: true, size: SIZE.body })]),
    rule(Math.round(right * 0.2)),
    centred([run(placeDate(d.place, d.date), { italics: true, size: SIZE.body })]),
  ];
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [cell(leftCell, left), cell(rightCell, right)] })],
  });
}

function signatureBlock(d: Nd30Document): Table {
  const left = Math.round(TEXT_WIDTH * 0.5);
  const right = TEXT_WIDTH - left;
  const recipients = [
    new Paragraph({
      spacing: { before: 120, after: 0 },
      children: [run('Nơi nhận:', { bold: true, italics: true, size: SIZE.small })],
    }),
    ...d.recipients.map(
      (r) => new Paragraph({ spacing: { before: 0, after: 0 }, children: [run(`- ${r}`, { size: SIZE.recipients })] }),
    ),
  ];
  const sign = [
    centred([run(d.signer.authority.toUpperCase(), { bold: true, size: SIZE.body })], 0),
    centred([run(d.signer.position.toUpperCase(), { bold: true, size: SIZE.body })], 1400),
    centred([run(d.signer.name ?? '', { bold: true, size: SIZE.body })]),
  ];
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [cell(recipients, left), cell(sign, right)] })],
  });
}

export interface DataColumn {
  header: string;
  /** Relative width. */
  width: number;
  align?: 'left' | 'center' | 'right';
}

const thin = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const GRID = { top: thin, bottom: thin, left: thin, right: thin, insideHorizontal: thin, insideVertical: thin };
const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

/** The paragraph style of a data table's cells: 12 pt, no spacing (set once, not on every run). */
const TABLE_STYLE = 'TableText';

/**
 * A table of the body: bordered, 12 pt, the header row bold and repeated on every page. The cell margins and
 * the text size are set once (on the table and in a paragraph style), not on each cell: a letter listing
 * 1 600 tasks has 10 000 cells, and each property repeated on each of them costs the packer time.
 */
export function dataTable(columns: DataColumn[], rows: string[][], totals?: string[]): Table {
  const sum = columns.reduce((s, c) => s + c.width, 0);
  const widths = columns.map((c) => Math.floor((TEXT_WIDTH * c.width) / sum));
  const aligns = columns.map((c) => ALIGN[c.align ?? 'left']);
  const row = (values: string[], o: { header?: boolean; bold?: boolean } = {}) => {
    const bold = o.header || o.bold;
    return new TableRow({
      tableHeader: o.header,
      cantSplit: true,
      children: values.map(
        (v, i) =>
          new TableCell({
            width: { size: widths[i]!, type: WidthType.DXA },
            verticalAlign: VerticalAlign.CENTER,
            children: [
              new Paragraph({
                style: TABLE_STYLE,
                alignment: o.header ? AlignmentType.CENTER : aligns[i],
                children: [new TextRun(bold ? { text: v, bold: true } : v)],
              }),
            ],
          }),
      ),
    });
  };
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: GRID,
    margins: { left: 60, right: 60, top: 20, bottom: 20 },
    rows: [
      row(
        columns.map((c) => c.header),
        { header: true },
      ),
      ...rows.map((r) => row(r)),
      ...(totals ? [row(totals, { bold: true })] : []),
    ],
  });
}

export function nd30Document(d: Nd30Document): Document {
  const opening: (Paragraph | Table)[] = [headerBlock(d)];
  if (d.title)
    opening.push(
      centred([run(d.title.name, { bold: true, size: SIZE.body })], 0),
      ...d.title.subject.map((s, i, all) =>
        centred([run(s, { bold: true, size: SIZE.body })], i === all.length - 1 ? 240 : 0),
      ),
    );
  else opening.push(new Paragraph({ spacing: { before: 0, after: 120 }, children: [] }));
  if (d.to?.length) {
    opening.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 120, after: 240 },
        children: [run(d.to.length === 1 ? `Kính gửi: ${d.to[0]}` : 'Kính gửi:', { size: SIZE.body })],
      }),
      ...(d.to.length > 1
        ? d.to.map((t) => new Paragraph({ indent: { left: 2835 }, children: [run(`- ${t}`, { size: SIZE.body })] }))
        : []),
    );
  }
  return new Document({
    creator: 'Nhiệm vụ',
    styles: {
      default: { document: { run: { font: FONT, size: SIZE.body } } },
      paragraphStyles: [
        { id: TABLE_STYLE, name: 'Table Text', basedOn: 'Normal', run: { font: FONT, size: SIZE.table } },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.PORTRAIT },
            margin: {
              top: PAGE.top,
              bottom: PAGE.bottom,
              left: PAGE.left,
              right: PAGE.right,
              header: PAGE.header,
              footer: PAGE.footer,
            },
            pageNumbers: { start: 1 },
          },
          // The first page has its own (empty) header: the page number shows from page 2.
          titlePage: true,
        },
        headers: {
          first: new Header({ children: [new Paragraph({ children: [] })] }),
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: SIZE.header })],
              }),
            ],
          }),
        },
        children: [
          ...opening,
          ...d.body,
          new Paragraph({ spacing: { before: 0, after: 120 }, children: [] }),
          signatureBlock(d),
        ],
      },
    ],
  });
}

export const nd30Buffer = (d: Nd30Document): Promise<Buffer> => Packer.toBuffer(nd30Document(d));
