/**
 * Number and symbol ("số, ký hiệu") of a Vietnamese administrative document, as people write it.
 *
 * Shapes recognised (Nghị định 30/2020/NĐ-CP, Phụ lục I and III, plus Party documents):
 *
 * - `8164/UBND-VP`          official letter: number / issuer - drafting unit (no type code)
 * - `2531A/UBND-VP`         number with a letter suffix (a number inserted after 2531)
 * - `05/CT-UBND`            number / type code - issuer
 * - `19/2015/QĐ-UBND`       number / year / type code - issuer (legal normative documents)
 * - `18/2023/TTLT-BTC-BNV`  joint documents ("…LT" codes): every issuer after the type code
 * - `59/2020/QH14`          laws: number / year / issuer
 * - `57-NQ/TW`              Party documents: number - type code / issuer
 *
 * The input may carry a leading "Số" / "Số:", stray spaces (also around "/" and "-"), lowercase letters,
 * "D" typed for "Đ" in known codes, other dash characters and NFD Unicode. `text` keeps what was written
 * (tidied); `canonical` is rebuilt from the parts for comparison and de-duplication.
 *
 * A first symbol segment that is a known type code is read as the type code, anything else as the
 * issuer; an issuer abbreviation that coincides with a type code (rare) is therefore misread.
 */

export interface DocNumber {
  /** As written: NFC, trimmed, whitespace collapsed, no spaces around "/" and "-", no leading "Số". */
  text: string;
  /** Rebuilt from the parts with canonical letter case and "Đ", e.g. `19/2015/QĐ-UBND`. */
  canonical: string;
  number: number;
  /** Letter after the number ('A' in 2531A), uppercase, or ''. */
  suffix: string;
  year: number | null;
  /** Document type code ('QĐ', 'CT', 'TB', 'KH', 'NQ', 'BC', 'TTr', …) or null when the symbol has none. */
  typeCode: string | null;
  /** Issuing body abbreviation ('UBND', 'HĐND', 'TTg', 'STC'; 'BTC-BNV' for joint documents). */
  issuer: string;
  /** Drafting unit ('VP' in UBND-VP), or null. */
  unit: string | null;
}

export type ParseDocNumberResult = { ok: true; value: DocNumber } | { ok: false; reason: string };

export type DocType =
  'conclusion_notice' | 'official_letter' | 'directive' | 'decision' | 'plan' | 'programme' | 'other';

/** Type codes of Nghị định 30/2020 Phụ lục III and of legal normative documents, canonical spelling. */
export const DOC_TYPE_CODES: readonly string[] = [
  'NQ', // nghị quyết
  'QĐ', // quyết định
  'CT', // chỉ thị
  'QC', // quy chế
  'QyĐ', // quy định
  'TB', // thông báo
  'HD', // hướng dẫn
  'CTr', // chương trình
  'KH', // kế hoạch
  'PA', // phương án
  'ĐA', // đề án
  'DA', // dự án
  'BC', // báo cáo
  'BB', // biên bản
  'TTr', // tờ trình
  'HĐ', // hợp đồng
  'CĐ', // công điện
  'BGN', // bản ghi nhớ
  'BTT', // bản thỏa thuận
  'GUQ', // giấy ủy quyền
  'GM', // giấy mời
  'GGT', // giấy giới thiệu
  'GNP', // giấy nghỉ phép
  'PG', // phiếu gửi
  'PC', // phiếu chuyển
  'PB', // phiếu báo
  'KL', // kết luận
  'CV', // công văn (not in the decree, but common)
  'NĐ', // nghị định
  'TT', // thông tư
  'TTLT', // thông tư liên tịch
  'NQLT', // nghị quyết liên tịch
  'L', // lệnh
];

/** Issuers whose canonical spelling is not simply the uppercase of what was typed. */
const KNOWN_SEGMENTS: readonly string[] = [
  'TTg',
  'HĐND',
  'ĐU',
  'BCĐ',
  'ĐĐBQH',
  'HĐTĐKT',
  'SKHĐT',
  'SGDĐT',
  'SLĐTBXH',
  'BKHĐT',
  'BGDĐT',
  'BLĐTBXH',
];

const upperDKey = (s: string): string => s.toUpperCase();
const foldDKey = (s: string): string => s.toUpperCase().replace(/Đ/g, 'D');

const TYPE_BY_UPPER = new Map(DOC_TYPE_CODES.map((c) => [upperDKey(c), c]));
// "D" for "Đ" is accepted only where it is unambiguous (not DA/ĐA, HD/HĐ).
const TYPE_BY_FOLDED = (() => {
  const counts = new Map<string, number>();
  for (const c of DOC_TYPE_CODES) counts.set(foldDKey(c), (counts.get(foldDKey(c)) ?? 0) + 1);
  return new Map(DOC_TYPE_CODES.filter((c) => counts.get(foldDKey(c)) === 1).map((c) => [foldDKey(c), c]));
})();
const SEGMENT_BY_FOLDED = new Map(KNOWN_SEGMENTS.map((c) => [foldDKey(c), c]));

function lookupTypeCode(segment: string): string | null {
  return TYPE_BY_UPPER.get(upperDKey(segment)) ?? TYPE_BY_FOLDED.get(foldDKey(segment)) ?? null;
}

function canonicalSegment(segment: string): string {
  return SEGMENT_BY_FOLDED.get(foldDKey(segment)) ?? segment.toUpperCase();
}

const SHAPE =
  'Số, ký hiệu cần có dạng số/ký hiệu hoặc số/năm/ký hiệu, ví dụ 8164/UBND-VP, 2531A/UBND-VP, 19/2015/QĐ-UBND.';
const MAX_LENGTH = 80;
const MIN_YEAR = 1945;
const MAX_YEAR = 2099;

const fail = (what: string): ParseDocNumberResult => ({ ok: false, reason: `${what} ${SHAPE}` });

function tidy(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/Ð/g, 'Đ')
    .replace(/ð/g, 'đ')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/^s[ốoô]\s*(?:hiệu\s*)?[:.]?\s*(?=\d)/iu, '')
    .replace(/[\s.,;:]+$/u, '')
    .replace(/\s*([/-])\s*/g, '$1');
}

const NUMBER = /^(\d{1,7})([A-Za-z]?)$/;
const SEGMENT = /^[\p{L}\p{N}.&]+$/u;
const HAS_LETTER = /\p{L}/u;

type NumberPart = { ok: true; number: number; digits: string; suffix: string } | { ok: false; reason: string };

function parseNumberPart(part: string): NumberPart {
  if (part === '') return { ok: false, reason: 'Thiếu số văn bản trước dấu "/".' };
  const m = NUMBER.exec(part);
  if (!m) {
    return {
      ok: false,
      reason: `Số văn bản "${part}" không hợp lệ: phải là chữ số, có thể kèm một chữ cái phía sau (ví dụ 8164 hoặc 2531A).`,
    };
  }
  const digits = m[1] ?? '';
  const n = Number(digits);
  if (n === 0) return { ok: false, reason: `Số văn bản "${part}" không hợp lệ: phải lớn hơn 0.` };
  return { ok: true, number: n, digits, suffix: (m[2] ?? '').toUpperCase() };
}

function checkSegments(symbol: string): string | null {
  if (symbol === '') return 'Thiếu ký hiệu văn bản sau dấu "/" (ví dụ UBND-VP hoặc QĐ-UBND).';
  const segments = symbol.split('-');
  const bad = segments.some((s) => s === '' || !SEGMENT.test(s) || !HAS_LETTER.test(s));
  if (bad) {
    return `Ký hiệu "${symbol}" không hợp lệ: gồm các phần viết tắt bằng chữ cái (có thể kèm chữ số), nối với nhau bằng dấu "-", ví dụ QĐ-UBND hoặc UBND-VP.`;
  }
  return null;
}

export function parseDocNumber(input: string): ParseDocNumberResult {
  if (typeof input !== 'string') return fail('Số, ký hiệu văn bản phải là một chuỗi ký tự.');
  const text = tidy(input);
  if (text === '') return fail('Chưa nhập số, ký hiệu văn bản.');
  if (text.length > MAX_LENGTH) return fail(`Số, ký hiệu văn bản quá dài (tối đa ${MAX_LENGTH} ký tự).`);

  const parts = text.split('/');
  if (parts.length === 1) return fail(`Thiếu dấu "/" giữa số và ký hiệu văn bản trong "${text}".`);
  if (parts.length > 3) return fail(`"${text}" có quá nhiều dấu "/" (nhiều nhất hai: số/năm/ký hiệu).`);

  const first = parts[0] ?? '';

  // Party documents: 57-NQ/TW.
  const party = /^(\d+[A-Za-z]?)-(.+)$/.exec(first);
  if (party && parts.length === 2) {
    const num = parseNumberPart(party[1] ?? '');
    if (!num.ok) return fail(num.reason);
    const typeCode = lookupTypeCode(party[2] ?? '');
    if (!typeCode) {
      return fail(
        `"${party[2] ?? ''}" không phải mã loại văn bản đã biết (văn bản của Đảng viết dạng số-loại/cơ quan, ví dụ 57-NQ/TW).`,
      );
    }
    const issuerText = parts[1] ?? '';
    const segErr = checkSegments(issuerText);
    if (segErr) return fail(segErr);
    const issuer = issuerText.split('-').map(canonicalSegment).join('-');
    return {
      ok: true,
      value: {
        text,
        canonical: `${num.digits}${num.suffix}-${typeCode}/${issuer}`,
        number: num.number,
        suffix: num.suffix,
        year: null,
        typeCode,
        issuer,
        unit: null,
      },
    };
  }

  const num = parseNumberPart(first);
  if (!num.ok) return fail(num.reason);

  let year: number | null = null;
  let symbol: string;
  if (parts.length === 3) {
    const yearText = parts[1] ?? '';
    if (!/^\d{4}$/.test(yearText)) {
      return fail(`Năm ban hành "${yearText}" không hợp lệ: phải gồm 4 chữ số (ví dụ 19/2015/QĐ-UBND).`);
    }
    year = Number(yearText);
    if (year < MIN_YEAR || year > MAX_YEAR) {
      return fail(`Năm ban hành ${year} không hợp lệ: phải từ ${MIN_YEAR} đến ${MAX_YEAR}.`);
    }
    symbol = parts[2] ?? '';
  } else {
    symbol = parts[1] ?? '';
    if (/^\d{4}$/.test(symbol)) return fail(`Thiếu ký hiệu văn bản sau năm ban hành trong "${text}".`);
  }

  const segErr = checkSegments(symbol);
  if (segErr) return fail(segErr);
  const segments = symbol.split('-');
  const head = segments[0] ?? '';
  const typeCode = lookupTypeCode(head);

  let issuer: string;
  let unit: string | null;
  if (typeCode) {
    const rest = segments.slice(1).map(canonicalSegment);
    if (rest.length === 0) {
      return fail(
        `Ký hiệu "${symbol}" thiếu tên viết tắt của cơ quan ban hành sau mã loại văn bản (ví dụ ${typeCode}-UBND).`,
      );
    }
    if (typeCode.endsWith('LT')) {
      issuer = rest.join('-');
      unit = null;
    } else {
      issuer = rest[0] ?? '';
      unit = rest.length > 1 ? rest.slice(1).join('-') : null;
    }
  } else {
    issuer = canonicalSegment(head);
    const rest = segments.slice(1).map(canonicalSegment);
    unit = rest.length > 0 ? rest.join('-') : null;
  }

  const canonicalSymbol = [typeCode, issuer, unit].filter((s): s is string => s !== null).join('-');
  return {
    ok: true,
    value: {
      text,
      canonical: `${num.digits}${num.suffix}/${year === null ? '' : `${year}/`}${canonicalSymbol}`,
      number: num.number,
      suffix: num.suffix,
      year,
      typeCode,
      issuer,
      unit,
    },
  };
}

/**
 * Best guess of the document type from its type code (as parsed, or as typed: case and "D"/"Đ" are
 * forgiven). No code (e.g. 8164/UBND-VP) means an official letter.
 */
export function guessDocTypeFromCode(code: string | null | undefined): DocType {
  const trimmed = (code ?? '').normalize('NFC').trim();
  if (trimmed === '') return 'official_letter';
  switch (lookupTypeCode(trimmed)) {
    case 'TB':
      return 'conclusion_notice';
    case 'CV':
      return 'official_letter';
    case 'CT':
      return 'directive';
    case 'QĐ':
      return 'decision';
    case 'KH':
      return 'plan';
    case 'CTr':
      return 'programme';
    default:
      return 'other';
  }
}
