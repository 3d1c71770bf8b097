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
