import { describe, it, expect } from 'vitest';
import {
  convertLegacy,
  detectLegacyEncoding,
  encodeLegacy,
  fixLegacyColumn,
  isTcvn3CapitalFont,
  isVietnameseSyllable,
  type LegacyEncoding,
} from './legacy-encoding';

// ---------------------------------------------------------------------------------------
// The test's own Unicode → legacy encoder, written from the published tables in a different
// form from the module's (characters per vowel here, byte values there; composition rules
// for VNI here, one code per letter there), so the round trips check one against the other.

/** Tone order: none, huyền, hỏi, ngã, sắc, nặng — as combining marks. */
const TONES = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];
const VOWELS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
const letterOf = (vowel: string, tone: number): string => (vowel + (TONES[tone] ?? '')).normalize('NFC');

/** Every lower-case Vietnamese letter that carries a mark or could: 12 vowels × 6 tones + đ. */
const LOWER_LETTERS = [...VOWELS.flatMap((vowel) => TONES.map((_, tone) => letterOf(vowel, tone))), 'đ'];
const UPPER_LETTERS = LOWER_LETTERS.map((letter) => letter.toUpperCase());

/** TCVN3 (ABC) codes of each vowel with the six tones, as the characters Excel shows. */
const TCVN3_BY_VOWEL: Record<string, string> = {
  a: 'aµ¶·¸¹',
  ă: '¨»¼½¾Æ',
  â: '©ÇÈÉÊË',
  e: 'eÌÎÏÐÑ',
  ê: 'ªÒÓÔÕÖ',
  i: 'i×ØÜÝÞ',
  o: 'oßáâãä',
  ô: '«åæçèé',
  ơ: '¬êëìíî',
  u: 'uïñòóô',
  ư: '\u00adõö÷øù',
  y: 'yúûüýþ',
};
const TCVN3_OWN_CAPITALS: Record<string, string> = { Ă: '¡', Â: '¢', Ê: '£', Ô: '¤', Ơ: '¥', Ư: '¦', Đ: '§' };

/** VNI: base character of each vowel, and the mark characters after it for the six tones. */
const TONE_MARKS = ['', 'ø', 'û', 'õ', 'ù', 'ï'];
const CIRCUMFLEX_MARKS = ['â', 'à', 'å', 'ã', 'á', 'ä'];
const BREVE_MARKS = ['ê', 'è', 'ú', 'ü', 'é', 'ë'];
const VNI_BY_VOWEL: Record<string, (tone: number) => string> = {
  a: (t) => 'a' + TONE_MARKS[t],
  ă: (t) => 'a' + BREVE_MARKS[t],
  â: (t) => 'a' + CIRCUMFLEX_MARKS[t],
  e: (t) => 'e' + TONE_MARKS[t],
  ê: (t) => 'e' + CIRCUMFLEX_MARKS[t],
  i: (t) => 'iìæóíò'.charAt(t),
  o: (t) => 'o' + TONE_MARKS[t],
  ô: (t) => 'o' + CIRCUMFLEX_MARKS[t],
  ơ: (t) => 'ô' + TONE_MARKS[t],
  u: (t) => 'u' + TONE_MARKS[t],
  ư: (t) => 'ö' + TONE_MARKS[t],
  y: (t) => (t === 5 ? 'î' : 'y' + TONE_MARKS[t]),
};

const TCVN3_LOWER = new Map<string, string>([['đ', '®']]);
const VNI_LOWER = new Map<string, string>([['đ', 'ñ']]);
for (const vowel of VOWELS) {
  TONES.forEach((_, tone) => {
    TCVN3_LOWER.set(letterOf(vowel, tone), Array.from(TCVN3_BY_VOWEL[vowel] ?? '')[tone] ?? '');
    VNI_LOWER.set(letterOf(vowel, tone), VNI_BY_VOWEL[vowel]?.(tone) ?? '');
  });
}

/** Unicode → legacy, one character at a time, as a keyboard of the time typed it. */
function toLegacy(text: string, encoding: LegacyEncoding): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const lower = ch.toLowerCase();
    const isCapital = ch !== lower;
    if (encoding === 'vni') {
      const code = VNI_LOWER.get(lower);
      out += code === undefined ? ch : isCapital ? code.toUpperCase() : code;
      continue;
    }
    const code = TCVN3_LOWER.get(lower);
    if (code === undefined) out += ch;
    else if (!isCapital) out += code;
    else if (code <= '\u007f') out += ch; // A E I O U Y
    else out += TCVN3_OWN_CAPITALS[ch] ?? code; // a toned capital: the lower-case code
  }
  return out;
}

// ---------------------------------------------------------------------------------------

describe('the tables', () => {
  it('cover 73 lower-case and 73 capital letters', () => {
    expect(LOWER_LETTERS).toHaveLength(73);
    expect(new Set([...LOWER_LETTERS, ...UPPER_LETTERS]).size).toBe(146);
  });

  it('TCVN3: every lower-case letter comes back from its code (73 letters)', () => {
    const failures = LOWER_LETTERS.filter((letter) => convertLegacy(toLegacy(letter, 'tcvn3'), 'tcvn3') !== letter);
    expect(failures).toEqual([]);
  });

  it('TCVN3: 67 lower-case codes and 7 capital codes, all distinct single characters in U+00A1–U+00FE', () => {
    const codes = LOWER_LETTERS.map((letter) => toLegacy(letter, 'tcvn3')).filter((code) => code > '\u007f');
    expect(codes).toHaveLength(67);
    const all = [...codes, ...Object.values(TCVN3_OWN_CAPITALS)];
    expect(new Set(all).size).toBe(74);
    expect(all.every((code) => code.length === 1 && code >= '\u00a1' && code <= '\u00fe')).toBe(true);
  });

  it('TCVN3: every capital comes back inside a word written in capitals (73 letters)', () => {
    const failures = UPPER_LETTERS.filter((letter) => convertLegacy(toLegacy(`TH${letter}`, 'tcvn3'), 'tcvn3') !== `TH${letter}`);
    expect(failures).toEqual([]);
  });

  it('TCVN3: the seven capitals with codes of their own come back on their own', () => {
    for (const [capital, code] of Object.entries(TCVN3_OWN_CAPITALS)) {
      expect(convertLegacy(code, 'tcvn3')).toBe(capital);
    }
  });

  it('VNI: every letter, lower case and capital, comes back from its code (146 letters)', () => {
    const letters = [...LOWER_LETTERS, ...UPPER_LETTERS];
    const failures = letters.filter((letter) => convertLegacy(toLegacy(letter, 'vni'), 'vni') !== letter);
    expect(failures).toEqual([]);
  });

  it.each(['tcvn3', 'vni'] as const)('encodeLegacy(%s) writes the same codes as the published tables', (encoding) => {
    const letters = [...LOWER_LETTERS, ...UPPER_LETTERS];
    const differences = letters.filter((letter) => encodeLegacy(letter, encoding) !== toLegacy(letter, encoding));
    expect(differences).toEqual([]);
  });

  // Spot checks straight from published tables and converters' examples.
  it.each([
    ['tcvn3', 'NguyÔn V¨n An', 'Nguyễn Văn An'],
    ['tcvn3', 'B¶o Th¾ng', 'Bảo Thắng'],
    ['tcvn3', 'M\u00adêng Kh\u00ad¬ng', 'Mường Khương'],
    ['tcvn3', 'B¸t X¸t', 'Bát Xát'],
    ['tcvn3', '§¾k L¾k', 'Đắk Lắk'],
    ['vni', 'Nguyeãn Vaên An', 'Nguyễn Văn An'],
    ['vni', 'Xin chaøo caùc baïn', 'Xin chào các bạn'],
    ['vni', 'Ngöôøi', 'Người'],
    ['vni', 'Ñaëng Vaên Laâm', 'Đặng Văn Lâm'],
    ['vni', 'ÑAËNG VAÊN LAÂM', 'ĐẶNG VĂN LÂM'],
    ['vni', 'Ñoàng Thò Khuyeân Mî', 'Đồng Thị Khuyên Mỵ'],
  ] as const)('%s %j → %j', (encoding, legacy, unicode) => {
    expect(convertLegacy(legacy, encoding)).toBe(unicode);
  });
});

// Real-looking names and addresses; each goes Unicode → legacy (test encoder) → Unicode.
const NAMES = [
  'Nguyễn Thị Hồng Nhung',
  'Trần Văn Đức',
  'Lê Thị Thuỷ',
  'Phạm Quốc Khánh',
  'Hoàng Ngọc Ánh',
  'Võ Thị Kiều Oanh',
  'Huỳnh Ngọc Yến',
  'Bùi Xuân Trường',
  'Dương Thị Ngoãn',
  'Đỗ Khắc Hiếu',
  'Ông Ích Khiêm',
  'Ưng Thị Ửng',
];
const ADDRESSES = [
  'Thôn Vĩnh Điềm Trung',
  'Hội Người cao tuổi',
  'Tổ dân phố Phước Hải, xã Vĩnh Ngọc',
  'Số 12/3 đường Lê Hồng Phong',
  'Buôn Ea Kly, huyện Krông Pắc, tỉnh Đắk Lắk',
  'Khóm 4 – phường Mỹ Xuyên',
];

describe('names and addresses, both directions', () => {
  it.each([...NAMES, ...ADDRESSES].flatMap((text) => [['tcvn3', text] as const, ['vni', text] as const]))(
    '%s: %s',
    (encoding, text) => {
      const legacy = toLegacy(text, encoding);
      expect(legacy).not.toBe(text);
      expect(convertLegacy(legacy, encoding)).toBe(text);
    },
  );

  it('the encoded forms look like what Excel shows', () => {
    expect(toLegacy('Nguyễn Văn An', 'tcvn3')).toBe('NguyÔn V¨n An');
    expect(toLegacy('Nguyễn Văn An', 'vni')).toBe('Nguyeãn Vaên An');
    expect(toLegacy('Trần Văn Đức', 'tcvn3')).toBe('TrÇn V¨n §øc');
    expect(toLegacy('Hội Người cao tuổi', 'tcvn3')).toBe('Héi Ng\u00adêi cao tuæi');
  });

  it.each([
    ['ĐẶNG VĂN LÂM', '§ÆNG V¡N L¢M'],
    ['HỒ THỊ LAN', 'Hå THÞ LAN'],
    ['UBND XÃ VĨNH NGỌC', 'UBND X· VÜNH NGäC'],
  ])('TCVN3 capitals typed with lower-case codes: %s', (text, legacy) => {
    expect(toLegacy(text, 'tcvn3')).toBe(legacy);
    expect(convertLegacy(legacy, 'tcvn3')).toBe(text);
  });
});

describe('convertLegacy', () => {
  it.each([
    ['a word with lower-case ASCII letters keeps the codes’ case', 'TrÇn', 'Trần'],
    ['one capital in a mixed cell stays one capital', 'UBND x· H¶i Ninh', 'UBND xã Hải Ninh'],
    ['a single capital letter is not enough to call a word capitals', 'X·', 'Xã'],
    ['the own capitals stay capitals in lower-case words', '¡n §µo', 'Ăn Đào'],
    ['a toned first letter gets its capital when the other words have one', 'Hoµng Ngäc ¸nh', 'Hoàng Ngọc Ánh'],
    ['… and not in running text', 'x· ¸nh S¬n', 'xã ánh Sơn'],
    ['… nor on its own', '¸nh', 'ánh'],
    ['… nor for ă â ê ô ơ ư đ, which have capital codes', 'Hoµng ¨n', 'Hoàng ăn'],
  ])('TCVN3: %s', (_label, legacy, unicode) => {
    expect(convertLegacy(legacy, 'tcvn3')).toBe(unicode);
  });

  it('capitalFont: every letter is a capital (.VnTimeH)', () => {
    expect(convertLegacy('nguyÔn v¨n an', 'tcvn3', { capitalFont: true })).toBe('NGUYỄN VĂN AN');
    expect(convertLegacy('§Æng thÞ hång', 'tcvn3', { capitalFont: true })).toBe('ĐẶNG THỊ HỒNG');
  });

  it.each(['tcvn3', 'vni'] as const)('%s: plain ASCII comes back unchanged', (encoding) => {
    for (const text of ['Nguyen Van An', '0123456789', 'an.nguyen@gmail.com', '+84 912 345 678', '12/3/1990', '']) {
      expect(convertLegacy(text, encoding)).toBe(text);
    }
  });

  it('TCVN3 leaves Windows-1252 punctuation and VN1-only codes alone', () => {
    const text = '“Số” – 5… € ™ ‘x’ • À Ä Å ° ²';
    expect(convertLegacy(text, 'tcvn3')).toBe(text);
  });

  it.each(['tcvn3', 'vni'] as const)('%s leaves Unicode letters outside the encoding alone', (encoding) => {
    expect(convertLegacy('ễ ự đ Ω 中', encoding)).toBe('ễ ự đ Ω 中');
  });

  it('returns NFC, also for input that arrived decomposed', () => {
    const out = convertLegacy('Nguyeãn Vaên An'.normalize('NFD'), 'vni');
    expect(out).toBe('Nguyễn Văn An');
    expect(out).toBe(out.normalize('NFC'));
    const tcvn3 = convertLegacy('NguyÔn V¨n An', 'tcvn3');
    expect(tcvn3.length).toBe('Nguyễn Văn An'.normalize('NFC').length);
  });

  it('TCVN3 ư is the soft hyphen U+00AD, which must reach the conversion', () => {
    expect(convertLegacy('H\u00adng Tr\u00ad¬ng', 'tcvn3')).toBe('Hưng Trương');
  });
});

describe('isTcvn3CapitalFont', () => {
  it.each([
    ['.VnTimeH', true],
    ['.VnArialH', true],
    [' .VnAvantH ', true],
    ['.VnTime', false],
    ['VNI-Times', false],
    ['Times New Roman', false],
    [undefined, false],
  ] as const)('%j → %s', (name, expected) => {
    expect(isTcvn3CapitalFont(name)).toBe(expected);
  });
});

describe('isVietnameseSyllable', () => {
  it.each([
    'Nguyễn', 'người', 'Đắk', 'khuya', 'khuỷu', 'quýt', 'quyền', 'gìn', 'giữ', 'xoong', 'thuở', 'nghiêng',
    'ngoằn', 'ngoèo', 'huých', 'oanh', 'ý', 'ở', 'ấp', 'TRƯỜNG', 'Điềm', 'tuổi', 'yến',
  ])('%s is a syllable', (word) => {
    expect(isVietnameseSyllable(word)).toBe(true);
  });

  it.each([
    'Müller', 'Café', 'Mỹller', 'Cafộ', 'nguyôn', 'V¨n', 'hảá', 'ặ', 'lâ', 'bảc', 'cạ·', 'François', 'bàc',
  ])('%s is not', (word) => {
    expect(isVietnameseSyllable(word)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------

const encodeAll = (texts: readonly string[], encoding: LegacyEncoding): string[] =>
  texts.map((text) => toLegacy(text, encoding));

describe('detectLegacyEncoding', () => {
  it.each(['tcvn3', 'vni'] as const)('a column of %s names is detected, with high confidence', (encoding) => {
    const result = detectLegacyEncoding(encodeAll(NAMES, encoding));
    expect(result.encoding).toBe(encoding);
    expect(result.confidence).toBeGreaterThan(0.8);
  });

  it.each(['tcvn3', 'vni'] as const)('a column of %s addresses is detected', (encoding) => {
    expect(detectLegacyEncoding(encodeAll(ADDRESSES, encoding)).encoding).toBe(encoding);
  });

  it.each([
    ['tcvn3', 'NguyÔn V¨n An'],
    ['vni', 'Nguyeãn Vaên An'],
  ] as const)('one name is enough: %s %j', (encoding, cell) => {
    const result = detectLegacyEncoding([cell]);
    expect(result.encoding).toBe(encoding);
    expect(result.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it.each(['tcvn3', 'vni'] as const)('%s with empty cells, numbers and plain names mixed in', (encoding) => {
    const column = ['', ...encodeAll(NAMES.slice(0, 5), encoding), '   ', 'Nguyen Van A', '12', ''];
    expect(detectLegacyEncoding(column).encoding).toBe(encoding);
  });

  it('TCVN3 names in capitals (all-capitals font) are detected', () => {
    const column = encodeAll(['ĐẶNG VĂN LÂM', 'NGUYỄN THỊ HỒNG NHUNG', 'TRẦN VĂN ĐỨC'], 'tcvn3');
    expect(detectLegacyEncoding(column).encoding).toBe('tcvn3');
  });

  it('confidence grows with the evidence', () => {
    const one = detectLegacyEncoding(encodeAll(NAMES.slice(0, 1), 'tcvn3')).confidence;
    const all = detectLegacyEncoding(encodeAll(NAMES, 'tcvn3')).confidence;
    expect(all).toBeGreaterThan(one);
  });

  it.each([
    ['Unicode Vietnamese names', NAMES],
    ['Unicode Vietnamese addresses', ADDRESSES],
    ['Unicode Vietnamese in NFD', NAMES.map((name) => name.normalize('NFD'))],
    ['Unicode Vietnamese using only Latin-1 letters', ['Lê', 'Tô', 'Hà', 'Thôn Hà', 'Vân', 'Lò', 'Ý']],
    ['Vietnamese without marks', ['Nguyen Van An', 'Tran Thi Binh', 'Le Van Cuong']],
    ['English', ['John Smith', 'Main Street', 'Community Association']],
    [
      'French, German and Spanish Latin-1 names',
      ['Café de Flore', 'Müller', 'José García', 'François Dupont', 'Zoë Björk', 'Jürgen Schröder', 'Renée Lefèvre', 'Señor Muñoz', 'Gößmann', 'Loïc Anaïs'],
    ],
    ['digits, IDs, phone numbers and e-mail addresses', ['001089012345', '0912 345 678', '+84 912 345 678', 'an.nguyen@gmail.com', '12/03/1990', '1990']],
    ['UTF-8 read as Windows-1252', ['Nguyá»…n VÄƒn An', 'Tráº§n Thá»‹ BÃ¬nh']],
    ['an empty column', ['', ' ', '']],
    ['no cells', []],
  ])('%s → unicode', (_label, column) => {
    const result = detectLegacyEncoding(column);
    expect(result.encoding).toBe('unicode');
    expect(result.confidence).toBeGreaterThan(0.5);
  });

  it('Unicode Vietnamese with a few empty cells stays unicode', () => {
    expect(detectLegacyEncoding(['', ...NAMES, '', ' ']).encoding).toBe('unicode');
  });

  it('a Unicode column with one stray legacy cell stays unicode', () => {
    expect(detectLegacyEncoding([...NAMES, 'NguyÔn V¨n An']).encoding).toBe('unicode');
  });
});

describe('fixLegacyColumn', () => {
  it('converts a TCVN3 column index for index, keeps empty cells, and shows a few examples', () => {
    const column = ['', ...encodeAll(NAMES, 'tcvn3'), 'Nguyen Van A', ''];
    const fix = fixLegacyColumn(column, { maxExamples: 3 });
    expect(fix.encoding).toBe('tcvn3');
    expect(fix.values).toEqual(['', ...NAMES, 'Nguyen Van A', '']);
    expect(fix.changed).toBe(NAMES.length);
    expect(fix.examples).toEqual([
      { index: 1, before: 'NguyÔn ThÞ Hång Nhung', after: 'Nguyễn Thị Hồng Nhung' },
      { index: 2, before: 'TrÇn V¨n §øc', after: 'Trần Văn Đức' },
      { index: 3, before: 'Lª ThÞ Thuû', after: 'Lê Thị Thuỷ' },
    ]);
  });

  it('examples are at most 5 by default and never show the same cell twice', () => {
    const same = toLegacy('Trần Văn Đức', 'vni');
    const column = [same, same, ...encodeAll(NAMES, 'vni')];
    const fix = fixLegacyColumn(column);
    expect(fix.encoding).toBe('vni');
    expect(fix.examples).toHaveLength(5);
    expect(new Set(fix.examples.map((example) => example.before)).size).toBe(5);
    expect(fix.examples.map((example) => example.index)).toEqual([0, 2, 4, 5, 6]);
  });

  it('leaves cells that already hold Unicode Vietnamese alone', () => {
    const column = [...encodeAll(NAMES, 'tcvn3'), 'Thôn Vĩnh Điềm Trung'];
    const fix = fixLegacyColumn(column);
    expect(fix.encoding).toBe('tcvn3');
    expect(fix.values.at(-1)).toBe('Thôn Vĩnh Điềm Trung');
    expect(fix.changed).toBe(NAMES.length);
  });

  it('a Unicode column comes back unchanged, without examples', () => {
    const fix = fixLegacyColumn(['Café', ...NAMES]);
    expect(fix.encoding).toBe('unicode');
    expect(fix.values).toEqual(['Café', ...NAMES]);
    expect(fix.changed).toBe(0);
    expect(fix.examples).toEqual([]);
  });

  it("the officer's choice overrides detection", () => {
    expect(fixLegacyColumn(['Lª'], { encoding: 'tcvn3' }).values).toEqual(['Lê']);
    expect(fixLegacyColumn(encodeAll(NAMES, 'tcvn3'), { encoding: 'unicode' }).values).toEqual(encodeAll(NAMES, 'tcvn3'));
  });

  it('capitalFont converts the whole column in capitals', () => {
    const fix = fixLegacyColumn(['nguyÔn v¨n an', 'trÇn thÞ b×nh'], { capitalFont: true });
    expect(fix.values).toEqual(['NGUYỄN VĂN AN', 'TRẦN THỊ BÌNH']);
  });
});
