import { describe, expect, it } from 'vitest';
import { DOC_TYPE_CODES, guessDocTypeFromCode, parseDocNumber, type DocNumber } from '../../src/domain/docnumber.js';

type Expected = Omit<DocNumber, 'text' | 'canonical'> & { text?: string; canonical?: string };

const valid: [input: string, expected: Expected][] = [
  // The shapes named in the brief.
  [
    '8164/UBND-VP',
    { number: 8164, suffix: '', year: null, typeCode: null, issuer: 'UBND', unit: 'VP', canonical: '8164/UBND-VP' },
  ],
  [
    '19/2015/QĐ-UBND',
    { number: 19, suffix: '', year: 2015, typeCode: 'QĐ', issuer: 'UBND', unit: null, canonical: '19/2015/QĐ-UBND' },
  ],
  ['2531A/UBND-VP', { number: 2531, suffix: 'A', year: null, typeCode: null, issuer: 'UBND', unit: 'VP' }],
  ['05/CT-UBND', { number: 5, suffix: '', year: null, typeCode: 'CT', issuer: 'UBND', unit: null, text: '05/CT-UBND' }],
  ['123/TB-UBND', { number: 123, suffix: '', year: null, typeCode: 'TB', issuer: 'UBND', unit: null }],
  ['45/KH-UBND', { number: 45, suffix: '', year: null, typeCode: 'KH', issuer: 'UBND', unit: null }],
  ['10/2024/NQ-HĐND', { number: 10, suffix: '', year: 2024, typeCode: 'NQ', issuer: 'HĐND', unit: null }],
  ['1234/QĐ-TTg', { number: 1234, suffix: '', year: null, typeCode: 'QĐ', issuer: 'TTg', unit: null }],
  ['01/BC-SKHĐT', { number: 1, suffix: '', year: null, typeCode: 'BC', issuer: 'SKHĐT', unit: null }],
  [
    'số 15/TTr-STC',
    { number: 15, suffix: '', year: null, typeCode: 'TTr', issuer: 'STC', unit: null, text: '15/TTr-STC' },
  ],
  // Leading "Số" in its usual spellings.
  [
    'Số: 8164/UBND-VP',
    { number: 8164, suffix: '', year: null, typeCode: null, issuer: 'UBND', unit: 'VP', text: '8164/UBND-VP' },
  ],
  [
    'SỐ 12/KH-UBND',
    { number: 12, suffix: '', year: null, typeCode: 'KH', issuer: 'UBND', unit: null, text: '12/KH-UBND' },
  ],
  [
    'So 12/KH-UBND',
    { number: 12, suffix: '', year: null, typeCode: 'KH', issuer: 'UBND', unit: null, text: '12/KH-UBND' },
  ],
  [
    'Số:12/KH-UBND',
    { number: 12, suffix: '', year: null, typeCode: 'KH', issuer: 'UBND', unit: null, text: '12/KH-UBND' },
  ],
  // Stray spaces, other dashes, trailing punctuation.
  [
    '  8164 / UBND - VP ',
    { number: 8164, suffix: '', year: null, typeCode: null, issuer: 'UBND', unit: 'VP', text: '8164/UBND-VP' },
  ],
  [
    '19 / 2015 / QĐ – UBND',
    { number: 19, suffix: '', year: 2015, typeCode: 'QĐ', issuer: 'UBND', unit: null, text: '19/2015/QĐ-UBND' },
  ],
  [
    'Số\t 8164/UBND-VP.',
    { number: 8164, suffix: '', year: null, typeCode: null, issuer: 'UBND', unit: 'VP', text: '8164/UBND-VP' },
  ],
  // Lowercase, D typed for Đ, NFD input.
  [
    '19/2015/qđ-ubnd',
    {
      number: 19,
      suffix: '',
      year: 2015,
      typeCode: 'QĐ',
      issuer: 'UBND',
      unit: null,
      text: '19/2015/qđ-ubnd',
      canonical: '19/2015/QĐ-UBND',
    },
  ],
  [
    '19/2015/QD-UBND',
    {
      number: 19,
      suffix: '',
      year: 2015,
      typeCode: 'QĐ',
      issuer: 'UBND',
      unit: null,
      text: '19/2015/QD-UBND',
      canonical: '19/2015/QĐ-UBND',
    },
  ],
  [
    '10/2024/NQ-HDND',
    { number: 10, suffix: '', year: 2024, typeCode: 'NQ', issuer: 'HĐND', unit: null, canonical: '10/2024/NQ-HĐND' },
  ],
  [
    '1234/qd-ttg',
    { number: 1234, suffix: '', year: null, typeCode: 'QĐ', issuer: 'TTg', unit: null, canonical: '1234/QĐ-TTg' },
  ],
  [
    '01/bc-skhdt',
    { number: 1, suffix: '', year: null, typeCode: 'BC', issuer: 'SKHĐT', unit: null, canonical: '01/BC-SKHĐT' },
  ],
  [
    '15/ttr-stc',
    { number: 15, suffix: '', year: null, typeCode: 'TTr', issuer: 'STC', unit: null, canonical: '15/TTr-STC' },
  ],
  [
    '2531a/ubnd-vp',
    { number: 2531, suffix: 'A', year: null, typeCode: null, issuer: 'UBND', unit: 'VP', canonical: '2531A/UBND-VP' },
  ],
  [
    '19/2015/Q\u0110-UBND'.normalize('NFD'),
    { number: 19, suffix: '', year: 2015, typeCode: 'QĐ', issuer: 'UBND', unit: null },
  ],
  [
    '10/2024/NQ-HĐND'.normalize('NFD'),
    { number: 10, suffix: '', year: 2024, typeCode: 'NQ', issuer: 'HĐND', unit: null, text: '10/2024/NQ-HĐND' },
  ],
  // Icelandic eth (legacy fonts) instead of Đ.
  [
    '12/Q\u00D0-UBND',
    { number: 12, suffix: '', year: null, typeCode: 'QĐ', issuer: 'UBND', unit: null, text: '12/QĐ-UBND' },
  ],
  // Other common symbols.
  ['15/CTr-UBND', { number: 15, suffix: '', year: null, typeCode: 'CTr', issuer: 'UBND', unit: null }],
  ['15/ctr-ubnd', { number: 15, suffix: '', year: null, typeCode: 'CTr', issuer: 'UBND', unit: null }],
  ['30/2020/NĐ-CP', { number: 30, suffix: '', year: 2020, typeCode: 'NĐ', issuer: 'CP', unit: null }],
  ['04/2023/TT-BTC', { number: 4, suffix: '', year: 2023, typeCode: 'TT', issuer: 'BTC', unit: null }],
  ['18/2023/TTLT-BTC-BNV', { number: 18, suffix: '', year: 2023, typeCode: 'TTLT', issuer: 'BTC-BNV', unit: null }],
  ['59/2020/QH14', { number: 59, suffix: '', year: 2020, typeCode: null, issuer: 'QH14', unit: null }],
  ['567/TTg-KTTH', { number: 567, suffix: '', year: null, typeCode: null, issuer: 'TTg', unit: 'KTTH' }],
  ['123/VPCP-KGVX', { number: 123, suffix: '', year: null, typeCode: null, issuer: 'VPCP', unit: 'KGVX' }],
  ['88/UBND', { number: 88, suffix: '', year: null, typeCode: null, issuer: 'UBND', unit: null }],
  ['77/UBND-KT.HT', { number: 77, suffix: '', year: null, typeCode: null, issuer: 'UBND', unit: 'KT.HT' }],
  ['9/QĐ-UBND-VP', { number: 9, suffix: '', year: null, typeCode: 'QĐ', issuer: 'UBND', unit: 'VP' }],
  ['12/CĐ-UBND', { number: 12, suffix: '', year: null, typeCode: 'CĐ', issuer: 'UBND', unit: null }],
  ['12/CD-UBND', { number: 12, suffix: '', year: null, typeCode: 'CĐ', issuer: 'UBND', unit: null }],
  // Ambiguous without Đ: read as written.
  ['3/HD-SYT', { number: 3, suffix: '', year: null, typeCode: 'HD', issuer: 'SYT', unit: null }],
  ['3/HĐ-SYT', { number: 3, suffix: '', year: null, typeCode: 'HĐ', issuer: 'SYT', unit: null }],
  ['4/ĐA-UBND', { number: 4, suffix: '', year: null, typeCode: 'ĐA', issuer: 'UBND', unit: null }],
  // Party documents.
  ['57-NQ/TW', { number: 57, suffix: '', year: null, typeCode: 'NQ', issuer: 'TW', unit: null, canonical: '57-NQ/TW' }],
  ['Số 05-CT/TU', { number: 5, suffix: '', year: null, typeCode: 'CT', issuer: 'TU', unit: null, text: '05-CT/TU' }],
  [
    '35 - kl / tw',
    { number: 35, suffix: '', year: null, typeCode: 'KL', issuer: 'TW', unit: null, canonical: '35-KL/TW' },
  ],
];

describe('parseDocNumber: valid', () => {
  it.each(valid)('%s', (input, expected) => {
    const r = parseDocNumber(input);
    if (!r.ok) throw new Error(`expected ok, got: ${r.reason}`);
    const { text, canonical, ...parts } = expected;
    expect({ ...r.value, text: undefined, canonical: undefined }).toEqual({
      ...parts,
      text: undefined,
      canonical: undefined,
    });
    if (text !== undefined) expect(r.value.text).toBe(text);
    if (canonical !== undefined) expect(r.value.canonical).toBe(canonical);
  });

  it('keeps the text as written but canonical is the same for spelling variants', () => {
    const variants = [
      '19/2015/QĐ-UBND',
      'số 19/2015/qd-ubnd',
      ' 19 / 2015 / QD - UBND ',
      '19/2015/QĐ-UBND'.normalize('NFD'),
    ];
    const canon = variants.map((v) => {
      const r = parseDocNumber(v);
      return r.ok ? r.value.canonical : r.reason;
    });
    expect(new Set(canon)).toEqual(new Set(['19/2015/QĐ-UBND']));
  });

  it('text is NFC and has no doubled spaces', () => {
    const r = parseDocNumber('  Số:   8164/UBND-VP  ');
    expect(r.ok && r.value.text).toBe('8164/UBND-VP');
    const n = parseDocNumber('10/2024/NQ-HĐND'.normalize('NFD'));
    expect(n.ok && n.value.text === n.value.text.normalize('NFC')).toBe(true);
  });

  it('round-trips canonical', () => {
    for (const [input] of valid) {
      const r = parseDocNumber(input);
      if (!r.ok) throw new Error(r.reason);
      const again = parseDocNumber(r.value.canonical);
      expect(again.ok && again.value).toEqual({ ...r.value, text: r.value.canonical });
    }
  });
});

const invalid: [input: string, mustMention: RegExp][] = [
  ['', /Chưa nhập/],
  ['   ', /Chưa nhập/],
  ['Số:', /Chưa nhập|Thiếu dấu "\/"/],
  ['8164', /Thiếu dấu "\/"/],
  ['UBND-VP', /Thiếu dấu "\/"/],
  ['8164 UBND-VP', /Thiếu dấu "\/"/],
  ['ABC/UBND-VP', /Số văn bản "ABC" không hợp lệ/],
  ['/QĐ-UBND', /Thiếu số văn bản/],
  ['0/UBND-VP', /lớn hơn 0/],
  ['12AB/UBND-VP', /Số văn bản "12AB"/],
  ['12.5/UBND-VP', /Số văn bản "12.5"/],
  ['8164/', /Thiếu ký hiệu/],
  ['19/2015/', /Thiếu ký hiệu/],
  ['19/2015', /Thiếu ký hiệu văn bản sau năm/],
  ['19/15/QĐ-UBND', /Năm ban hành "15"/],
  ['19/1890/QĐ-UBND', /Năm ban hành 1890/],
  ['19/abcd/QĐ-UBND', /Năm ban hành "abcd"/],
  ['1/2/3/QĐ-UBND', /quá nhiều dấu "\/"/],
  ['8164/UBND--VP', /Ký hiệu "UBND--VP" không hợp lệ/],
  ['8164/-VP', /Ký hiệu "-VP" không hợp lệ/],
  ['8164/UBND-', /Ký hiệu "UBND-" không hợp lệ/],
  ['8164/UBND-123', /Ký hiệu "UBND-123" không hợp lệ/],
  ['8164/UBND VP', /Ký hiệu "UBND VP" không hợp lệ/],
  ['8164/UBND_VP', /Ký hiệu "UBND_VP" không hợp lệ/],
  ['12/QĐ', /thiếu tên viết tắt của cơ quan ban hành/],
  ['12/2020/TT', /thiếu tên viết tắt của cơ quan ban hành/],
  ['57-XYZ/TW', /không phải mã loại văn bản/],
  ['57-NQ/', /Thiếu ký hiệu/],
  ['x'.repeat(81), /quá dài/],
];

describe('parseDocNumber: invalid', () => {
  it.each(invalid)('%j', (input, mustMention) => {
    const r = parseDocNumber(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toMatch(mustMention);
    // Every reason also shows the expected shape with an example.
    expect(r.reason).toContain('8164/UBND-VP');
  });

  it('rejects a non-string from untyped callers', () => {
    const r = parseDocNumber(null as unknown as string);
    expect(r.ok).toBe(false);
  });
});

describe('guessDocTypeFromCode', () => {
  it.each([
    ['TB', 'conclusion_notice'],
    ['tb', 'conclusion_notice'],
    [null, 'official_letter'],
    [undefined, 'official_letter'],
    ['', 'official_letter'],
    ['  ', 'official_letter'],
    ['CV', 'official_letter'],
    ['CT', 'directive'],
    ['QĐ', 'decision'],
    ['QD', 'decision'],
    ['qđ', 'decision'],
    ['KH', 'plan'],
    ['CTr', 'programme'],
    ['ctr', 'programme'],
    ['BC', 'other'],
    ['TTr', 'other'],
    ['NQ', 'other'],
    ['XYZ', 'other'],
  ] as const)('%j → %s', (code, expected) => {
    expect(guessDocTypeFromCode(code)).toBe(expected);
  });

  it('agrees with the parser', () => {
    const guess = (s: string) => {
      const r = parseDocNumber(s);
      if (!r.ok) throw new Error(r.reason);
      return guessDocTypeFromCode(r.value.typeCode);
    };
    expect(guess('8164/UBND-VP')).toBe('official_letter');
    expect(guess('123/TB-UBND')).toBe('conclusion_notice');
    expect(guess('05/CT-UBND')).toBe('directive');
    expect(guess('19/2015/qd-ubnd')).toBe('decision');
    expect(guess('45/KH-UBND')).toBe('plan');
    expect(guess('15/CTr-UBND')).toBe('programme');
    expect(guess('01/BC-SKHĐT')).toBe('other');
  });

  it('type code list has unique uppercase spellings', () => {
    const upper = DOC_TYPE_CODES.map((c) => c.toUpperCase());
    expect(new Set(upper).size).toBe(upper.length);
  });
});
