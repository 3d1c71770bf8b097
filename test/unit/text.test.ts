import { describe, expect, it } from 'vitest';
import { foldVietnamese, matchesFolded } from '../../src/domain/text.js';

// Each base vowel with its variants (with hat/breve/horn) in the six tones: ngang, huyền, sắc, hỏi, ngã, nặng.
const VOWELS: Record<string, string[]> = {
  a: ['aàáảãạ', 'ăằắẳẵặ', 'âầấẩẫậ'],
  e: ['eèéẻẽẹ', 'êềếểễệ'],
  i: ['iìíỉĩị'],
  o: ['oòóỏõọ', 'ôồốổỗộ', 'ơờớởỡợ'],
  u: ['uùúủũụ', 'ưừứửữự'],
  y: ['yỳýỷỹỵ'],
};

describe('foldVietnamese', () => {
  for (const [base, rows] of Object.entries(VOWELS)) {
    it(`folds every form of ${base}, lower and upper case, NFC and NFD`, () => {
      const chars = [...rows.join('')];
      expect(chars.length).toBe(rows.length * 6);
      for (const ch of chars) {
        for (const form of [ch, ch.toUpperCase()]) {
          expect(foldVietnamese(form.normalize('NFC'))).toBe(base);
          expect(foldVietnamese(form.normalize('NFD'))).toBe(base);
        }
      }
    });
  }

  it('maps đ and Đ to d, also the look-alike eth', () => {
    expect(foldVietnamese('đ')).toBe('d');
    expect(foldVietnamese('Đ')).toBe('d');
    expect(foldVietnamese('Ðồng Nai')).toBe('dong nai');
    expect(foldVietnamese('ðiện')).toBe('dien');
    expect(foldVietnamese('HĐND')).toBe('hdnd');
  });

  it('lowercases and keeps non-letters', () => {
    expect(foldVietnamese('Sở Tài chính')).toBe('so tai chinh');
    expect(foldVietnamese('SỞ KẾ HOẠCH VÀ ĐẦU TƯ')).toBe('so ke hoach va dau tu');
    expect(foldVietnamese('8164/UBND-VP')).toBe('8164/ubnd-vp');
    expect(foldVietnamese('Quyết định số 19/2015/QĐ-UBND')).toBe('quyet dinh so 19/2015/qd-ubnd');
  });

  it('collapses and trims whitespace of any kind', () => {
    expect(foldVietnamese('  Ủy   ban\tnhân\n\ndân \u00A0tỉnh  ')).toBe('uy ban nhan dan tinh');
    expect(foldVietnamese('')).toBe('');
    expect(foldVietnamese('   ')).toBe('');
  });

  it('NFC and NFD input fold to the same key', () => {
    const phrase = 'Thông báo kết luận của Chủ tịch Ủy ban nhân dân tỉnh về tiến độ giải ngân vốn đầu tư công';
    expect(foldVietnamese(phrase.normalize('NFD'))).toBe(foldVietnamese(phrase.normalize('NFC')));
    expect(foldVietnamese(phrase)).toBe(
      'thong bao ket luan cua chu tich uy ban nhan dan tinh ve tien do giai ngan von dau tu cong',
    );
  });

  it('handles old-style tone placement (hòa / hoà) alike', () => {
    expect(foldVietnamese('hòa')).toBe(foldVietnamese('hoà'));
    expect(foldVietnamese('Thủy lợi')).toBe(foldVietnamese('Thuỷ lợi'));
  });

  it('is idempotent', () => {
    const once = foldVietnamese('  Phó Chủ tịch Thường trực  ');
    expect(foldVietnamese(once)).toBe(once);
  });
});

describe('matchesFolded', () => {
  it('finds accented text with an unaccented query', () => {
    expect(matchesFolded('Sở Tài chính', 'so tai chinh')).toBe(true);
    expect(matchesFolded('Sở Tài chính tỉnh', 'TÀI CHÍNH')).toBe(true);
    expect(matchesFolded('UBND huyện Đức Trọng', 'duc trong')).toBe(true);
    expect(matchesFolded('Sở Tài chính', 'so tai nguyen')).toBe(false);
  });

  it('an empty query matches everything', () => {
    expect(matchesFolded('bất kỳ', '')).toBe(true);
    expect(matchesFolded('bất kỳ', '   ')).toBe(true);
  });
});
