/**
 * Text helpers for Vietnamese search.
 *
 * `foldVietnamese` maps a string to a search key: lowercase, without tone marks or other diacritics,
 * 'đ' written as 'd', whitespace collapsed to single spaces and trimmed. Searching the folded form of a
 * query in the folded form of a text lets "so tai chinh" find "Sở Tài chính", and makes input typed
 * in NFC (precomposed) and NFD (decomposed) Unicode compare equal.
 */

// Combining marks (tones, breve, circumflex, horn …) left after canonical decomposition.
const COMBINING_MARKS = /\p{M}+/gu;
// 'đ'/'Đ' do not decompose; the Icelandic eth ('ð'/'Ð') is a frequent look-alike from legacy fonts.
const D_STROKE = /[đĐðÐ]/g;
const WHITESPACE = /\s+/gu;

export function foldVietnamese(s: string): string {
  return s
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(D_STROKE, 'd')
    .toLowerCase()
    .replace(WHITESPACE, ' ')
    .trim();
}

/** True when `query` (folded) occurs in `text` (folded). An empty query matches everything. */
export function matchesFolded(text: string, query: string): boolean {
  return foldVietnamese(text).includes(foldVietnamese(query));
}

// ---- sorting by the Vietnamese alphabet ------------------------------------------------------------------

/**
 * The Vietnamese alphabet (with f, j, w, z for foreign names), in dictionary order: a ă â b c d đ e ê … o ô ơ
 * … u ư …. Each letter's sort code is one ASCII character from 'A' (0x41) on, so that byte order of the codes
 * is alphabetical order.
 */
const VI_ALPHABET = [...'aăâbcdđeêfghijklmnoôơpqrstuưvwxyz'];
/** Tones in dictionary order: level, grave (huyền), hook (hỏi), tilde (ngã), acute (sắc), dot below (nặng). */
const VI_TONES = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];
const VI_VOWELS = new Set(['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y']);

/**
 * Every letter form (lower and upper case, every tone on a vowel) with its letter code and tone digit: the
 * table `vietnameseSortKey` reads and that `src/db/collation.ts` hands to SQL `translate`, so that the
 * database orders exactly as this function does, on PostgreSQL and on PGlite alike (no ICU needed).
 */
export const VI_SORT_TABLE: { from: string; letter: string; tone: string; letterCase: string } = (() => {
  let from = '';
  let letter = '';
  let tone = '';
  let letterCase = '';
  VI_ALPHABET.forEach((base, i) => {
    const code = String.fromCharCode(0x41 + i);
    const tones = VI_VOWELS.has(base) ? VI_TONES : [''];
    tones.forEach((mark, t) => {
      const lower = (base + mark).normalize('NFC');
      for (const form of new Set([lower, lower.toUpperCase()])) {
        if ([...form].length !== 1) throw new Error(`no precomposed form of ${base}+${mark}`);
        from += form;
        letter += code;
        tone += String(t);
        letterCase += form === lower ? '0' : '1';
      }
    });
  });
  return { from, letter, tone, letterCase };
})();

const VI_SORT_MAP = new Map<string, [string, string, string]>(
  [...VI_SORT_TABLE.from].map((c, i) => [
    c,
    [VI_SORT_TABLE.letter[i]!, VI_SORT_TABLE.tone[i]!, VI_SORT_TABLE.letterCase[i]!],
  ]),
);

/**
 * The sort key of a name: its letters by the Vietnamese alphabet (case ignored), then — for names with the
 * same letters — their tones, then lower case before upper; so "Hồ" comes before "Huỳnh", "Đặng" after
 * "Dương", "An" before "Ân" (as ICU's Vietnamese collation orders them). Compare keys by code unit (JS `<`)
 * or byte (SQL `collate "C"`). Other characters keep their place and value.
 */
export function vietnameseSortKey(s: string): string {
  const chars = [...s];
  const part = (k: 0 | 1 | 2) => chars.map((c) => VI_SORT_MAP.get(c)?.[k] ?? c).join('');
  return `${part(0)}\u0001${part(1)}\u0001${part(2)}`;
}

/** Compares two names by `vietnameseSortKey`. */
export function compareVietnamese(a: string, b: string): number {
  const ka = vietnameseSortKey(a);
  const kb = vietnameseSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
