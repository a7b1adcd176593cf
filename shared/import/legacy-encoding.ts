/**
 * Vietnamese text typed in the pre-Unicode 8-bit encodings, as it reaches us in Excel cells.
 *
 * Before Unicode, lists were typed in TCVN3 ("ABC": fonts .VnTime, .VnArial…) or in VNI
 * (fonts VNI-Times…). The cell keeps the font's bytes as Windows-1252 characters, so
 * "Nguyễn Văn Hưng" reads "NguyÔn V¨n H\u00adng" in TCVN3 and "Nguyeãn Vaên Höng" in VNI.
 * Both encodings only use bytes 0xA1–0xFE for Vietnamese, where Windows-1252 and Latin-1
 * agree, so one character of the cell is one byte of the font (U+00A1–U+00FE).
 *
 * The tables were checked against three published tables each: TCVN3 against glibc iconv's
 * TCVN5712-1 (byte by byte), xvnkb's tcvn.h and Unikey's TCVN3 (ABC) table; VNI against
 * xvnkb's vni.h, Unikey's VNI Windows table and the vietnamese-conversion package's table.
 * Some codes are also ordinary symbols and cannot be told apart: in TCVN3 "¹" is "ạ", "§" is
 * "Đ", "×" is "ì", so a footnote mark or a section sign in a TCVN3 cell becomes a letter.
 *
 * TCVN3 capitals. TCVN3 as the ABC fonts use it (the VN3 subset of TCVN 5712:1993) has codes
 * for every lower-case letter but for only seven capitals, Ă Â Ê Ô Ơ Ư Đ (0xA1–0xA7). A
 * capital with a tone mark was typed with the lower-case code in an all-capitals font
 * (.VnTimeH, .VnArialH…), which draws every code as a capital. The text alone does not say
 * which font showed it, so:
 * - `capitalFont: true` (the caller knows the cell's font, see isTcvn3CapitalFont) upper-cases
 *   the whole text;
 * - otherwise a word whose ASCII letters are all capitals — at least two of them, or at least
 *   two in the whole cell — is upper-cased: "TRÇN V¡N" → "TRẦN VĂN", "Hå THÞ LAN" → "HỒ THỊ LAN";
 * - a word that starts with a toned vowel ("¸nh", read "ánh") gets a capital when every other
 *   word of the cell starts with one, as in a name: "Hoµng Ngäc ¸nh" → "Hoàng Ngọc Ánh";
 * - any other word keeps the case the codes give: "TrÇn" → "Trần", "x· ¸nh S¬n" → "xã ánh Sơn".
 * The capitals that only the full VN1 level of TCVN 5712 has (at 0x80–0x9F, at control-code
 * positions, and at 0xAF, 0xBA, 0xBF, 0xC0–0xC5, 0xCD, 0xD9–0xDB, 0xE0, 0xF0, 0xFF) are not
 * decoded: the ABC fonts and keyboards do not produce them, and 0x80–0x9F carry
 * Windows-1252 punctuation („ … “ ” – —) in TCVN3 text, which must stay as it is.
 *
 * Not handled: text that went through the Vietnamese Windows code page 1258 instead of 1252
 * (it would contain Ă Đ Ơ Ư and combining marks where 1252 has Ã Ð Õ Ý and letters), and
 * UTF-8 read as Windows-1252 ("Nguyá»…n"). Both are detected as 'unicode' (left alone).
 *
 * Callers must detect and convert the RAW cell text: TCVN3 writes "ư" as U+00AD (soft hyphen),
 * which tidyText removes as an invisible character.
 */

export type LegacyEncoding = 'tcvn3' | 'vni';
export type TextEncoding = LegacyEncoding | 'unicode';

/** The encodings' names as the officer sees them. */
export const LEGACY_ENCODING_LABELS: Readonly<Record<LegacyEncoding, string>> = {
  tcvn3: 'TCVN3 (ABC, phông .VnTime)',
  vni: 'VNI (phông VNI-Times)',
};

// ---------------------------------------------------------------------------------------
// Tables. Each row is one vowel in the order: no tone, huyền (grave), hỏi (hook above),
// ngã (tilde), sắc (acute), nặng (dot below).

/** TCVN3 (ABC): the byte of each lower-case letter. A plain ASCII vowel is its own byte. */
const TCVN3_ROWS: readonly (readonly [letters: string, bytes: readonly number[]])[] = [
  ['aàảãáạ', [0x61, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9]],
  ['ăằẳẵắặ', [0xa8, 0xbb, 0xbc, 0xbd, 0xbe, 0xc6]],
  ['âầẩẫấậ', [0xa9, 0xc7, 0xc8, 0xc9, 0xca, 0xcb]],
  ['eèẻẽéẹ', [0x65, 0xcc, 0xce, 0xcf, 0xd0, 0xd1]],
  ['êềểễếệ', [0xaa, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6]],
  ['iìỉĩíị', [0x69, 0xd7, 0xd8, 0xdc, 0xdd, 0xde]],
  ['oòỏõóọ', [0x6f, 0xdf, 0xe1, 0xe2, 0xe3, 0xe4]],
  ['ôồổỗốộ', [0xab, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9]],
  ['ơờởỡớợ', [0xac, 0xea, 0xeb, 0xec, 0xed, 0xee]],
  ['uùủũúụ', [0x75, 0xef, 0xf1, 0xf2, 0xf3, 0xf4]],
  ['ưừửữứự', [0xad, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9]],
  ['yỳỷỹýỵ', [0x79, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe]],
];
/** TCVN3 letters outside the vowel rows: đ, and the only seven capitals with their own codes. */
const TCVN3_OTHERS: readonly (readonly [letter: string, byte: number])[] = [
  ['đ', 0xae],
  ['Ă', 0xa1],
  ['Â', 0xa2],
  ['Ê', 0xa3],
  ['Ô', 0xa4],
  ['Ơ', 0xa5],
  ['Ư', 0xa6],
  ['Đ', 0xa7],
];

/**
 * VNI (Windows): a letter is an ASCII base followed by a mark character, or one character.
 * The rows give the lower-case forms; a capital is the same characters in upper case
 * ("ễ" = "eã", "Ễ" = "EÃ"; "ỵ" = "î", "Ỵ" = "Î").
 */
const VNI_ROWS: readonly (readonly [letters: string, codes: readonly string[]])[] = [
  ['aàảãáạ', ['a', 'aø', 'aû', 'aõ', 'aù', 'aï']],
  ['ăằẳẵắặ', ['aê', 'aè', 'aú', 'aü', 'aé', 'aë']],
  ['âầẩẫấậ', ['aâ', 'aà', 'aå', 'aã', 'aá', 'aä']],
  ['eèẻẽéẹ', ['e', 'eø', 'eû', 'eõ', 'eù', 'eï']],
  ['êềểễếệ', ['eâ', 'eà', 'eå', 'eã', 'eá', 'eä']],
  ['iìỉĩíị', ['i', 'ì', 'æ', 'ó', 'í', 'ò']],
  ['oòỏõóọ', ['o', 'oø', 'oû', 'oõ', 'où', 'oï']],
  ['ôồổỗốộ', ['oâ', 'oà', 'oå', 'oã', 'oá', 'oä']],
  ['ơờởỡớợ', ['ô', 'ôø', 'ôû', 'ôõ', 'ôù', 'ôï']],
  ['uùủũúụ', ['u', 'uø', 'uû', 'uõ', 'uù', 'uï']],
  ['ưừửữứự', ['ö', 'öø', 'öû', 'öõ', 'öù', 'öï']],
  ['yỳỷỹýỵ', ['y', 'yø', 'yû', 'yõ', 'yù', 'î']],
  ['đ', ['ñ']],
];

const TCVN3_DECODE = new Map<string, string>();
const TCVN3_ENCODE = new Map<string, string>();
for (const [letters, bytes] of TCVN3_ROWS) {
  Array.from(letters).forEach((letter, tone) => {
    const code = String.fromCharCode(bytes[tone] ?? 0);
    if (code > '\u007f') TCVN3_DECODE.set(code, letter);
    TCVN3_ENCODE.set(letter, code);
  });
}
for (const [letter, byte] of TCVN3_OTHERS) {
  TCVN3_DECODE.set(String.fromCharCode(byte), letter);
  TCVN3_ENCODE.set(letter, String.fromCharCode(byte));
}
// A plain capital vowel is its ASCII letter; the other capitals without a code of their own
// are written with the lower-case code (see the top).
for (const [letter, code] of [...TCVN3_ENCODE]) {
  const capital = letter.toUpperCase();
  if (!TCVN3_ENCODE.has(capital)) TCVN3_ENCODE.set(capital, code <= '\u007f' ? capital : code);
}

/** VNI codes of one character (lower case) and of two characters (lower case) → letter. */
const VNI_SINGLE = new Map<string, string>();
const VNI_PAIR = new Map<string, string>();
const VNI_ENCODE = new Map<string, string>();
for (const [letters, codes] of VNI_ROWS) {
  Array.from(letters).forEach((letter, tone) => {
    const code = codes[tone] ?? letter;
    VNI_ENCODE.set(letter, code);
    VNI_ENCODE.set(letter.toUpperCase(), code.toUpperCase());
    if (code === letter) return;
    (code.length === 2 ? VNI_PAIR : VNI_SINGLE).set(code, letter);
  });
}

// ---------------------------------------------------------------------------------------
// Conversion.

const isUpper = (ch: string): boolean => ch !== ch.toLowerCase();

function decodeTcvn3Chars(text: string): string {
  let out = '';
  for (const ch of text) out += TCVN3_DECODE.get(ch) ?? ch;
  return out;
}

function decodeVniChars(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    const pair = VNI_PAIR.get((ch + text.charAt(i + 1)).toLowerCase());
    if (pair !== undefined) {
      // The letter's case is its base letter's: "EÃ" and (rarely) "Eã" are both "Ễ".
      out += isUpper(ch) ? pair.toUpperCase() : pair;
      i += 2;
      continue;
    }
    const single = VNI_SINGLE.get(ch.toLowerCase());
    out += single === undefined ? ch : isUpper(ch) ? single.toUpperCase() : single;
    i += 1;
  }
  return out;
}

const decodeChars = (text: string, encoding: LegacyEncoding): string =>
  encoding === 'tcvn3' ? decodeTcvn3Chars(text) : decodeVniChars(text);

/**
 * A word: a run of characters that are neither white space, ASCII punctuation, ASCII digits
 * nor general punctuation. Legacy codes are never in those, so words map one to one.
 */
const WORD = /[^\s\x21-\x40\x5b-\x60\x7b-\x7e\u2000-\u206f]+/gu;

function countAsciiCase(text: string): { upper: number; lower: number } {
  let upper = 0;
  let lower = 0;
  for (const ch of text) {
    if (ch >= 'A' && ch <= 'Z') upper += 1;
    else if (ch >= 'a' && ch <= 'z') lower += 1;
  }
  return { upper, lower };
}

/**
 * TCVN3 codes of lower-case letters whose capital has no code (the toned vowels): a typist
 * who wanted "Ánh" in a normal font could only type "¸nh".
 */
const TCVN3_LETTERS = new Set(TCVN3_DECODE.values());
const TCVN3_NO_CAPITAL_CODES = new Set(
  [...TCVN3_DECODE].filter(([, letter]) => !isUpper(letter) && !TCVN3_LETTERS.has(letter.toUpperCase())).map(([code]) => code),
);

const startsWithCapital = (word: string): boolean => isUpper(word.charAt(0));

/** TCVN3 with the capitals rules described at the top. */
function decodeTcvn3Text(text: string): string {
  const cell = countAsciiCase(text);
  const cellInCapitals = cell.upper >= 2 && cell.lower === 0;
  const words = Array.from(text.matchAll(WORD), ([word]) => {
    const decoded = decodeTcvn3Chars(word);
    // (ý is its own code, so compare codes, not text.)
    if (!Array.from(word).some((ch) => TCVN3_DECODE.has(ch))) return { decoded, lowerToned: false };
    const { upper, lower } = countAsciiCase(word);
    if (lower === 0 && (upper >= 2 || cellInCapitals)) return { decoded: decoded.toUpperCase(), lowerToned: false };
    return { decoded, lowerToned: TCVN3_NO_CAPITAL_CODES.has(word.charAt(0)) };
  });
  // "Hoµng Ngäc ¸nh": every other word has a capital, so "ánh" was meant as "Ánh".
  const others = words.filter((word) => !word.lowerToned && /^\p{L}/u.test(word.decoded));
  const titleCase =
    words.some((word) => word.lowerToned) && others.length > 0 && others.every((word) => startsWithCapital(word.decoded));
  let index = 0;
  return text.replace(WORD, (original) => {
    const word = words[index++];
    if (word === undefined) return original;
    return titleCase && word.lowerToned ? word.decoded.charAt(0).toUpperCase() + word.decoded.slice(1) : word.decoded;
  });
}

export interface ConvertLegacyOptions {
  /**
   * The text was shown in an all-capitals font (TCVN3 .VnTimeH, .VnArialH…): every letter
   * is a capital, whatever code was typed.
   */
  readonly capitalFont?: boolean;
}

/**
 * Legacy-encoded text → Unicode NFC. Characters that are not codes of the encoding are left
 * alone (ASCII, digits, punctuation, Windows-1252 symbols). Plain ASCII comes back unchanged.
 * This converts every code it finds: decide first that the text IS legacy (detectLegacyEncoding).
 */
export function convertLegacy(text: string, encoding: LegacyEncoding, options: ConvertLegacyOptions = {}): string {
  const input = text.normalize('NFC');
  const decoded = encoding === 'tcvn3' ? decodeTcvn3Text(input) : decodeVniChars(input);
  return (options.capitalFont ? decoded.toUpperCase() : decoded).normalize('NFC');
}

/**
 * Unicode → legacy codes, as a keyboard of the time typed them (TCVN3 capitals with tone marks
 * get the lower-case code, as for an all-capitals font). Characters the encoding has no code
 * for are left as they are. For generating test files.
 */
export function encodeLegacy(text: string, encoding: LegacyEncoding): string {
  const table = encoding === 'tcvn3' ? TCVN3_ENCODE : VNI_ENCODE;
  let out = '';
  for (const ch of text.normalize('NFC')) out += table.get(ch) ?? ch;
  return out;
}

/** Names of TCVN3 all-capitals fonts: ".VnTimeH", ".VnArialH", ".VnAvantH"… */
export function isTcvn3CapitalFont(fontName: string | undefined): boolean {
  return fontName !== undefined && /^\.?Vn.*H$/.test(fontName.trim());
}

// ---------------------------------------------------------------------------------------
// Is it Vietnamese? A syllable check used to tell legacy text from ordinary Latin-1 text.

const INITIALS = [
  'ngh', 'ng', 'nh', 'ch', 'gh', 'gi', 'kh', 'ph', 'qu', 'th', 'tr',
  'b', 'c', 'd', 'đ', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'x',
];
/** Vowel groups that end the syllable (they end in a glide or are an open diphthong). */
const OPEN_NUCLEI = [
  'ai', 'ao', 'au', 'ay', 'âu', 'ây', 'eo', 'êu', 'ia', 'iu', 'oi', 'ôi', 'ơi', 'ua', 'ui', 'ưa', 'ưi', 'ưu', 'uơ',
  'iêu', 'oai', 'oao', 'oay', 'oeo', 'uây', 'uôi', 'uya', 'uyu', 'ươi', 'ươu', 'yêu',
];
/** Vowel groups that may take a final consonant or not. */
const FREE_NUCLEI = ['a', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y', 'oa', 'oe', 'uê', 'uy'];
/** Vowel groups that need a final consonant. */
const CLOSED_NUCLEI = ['ă', 'â', 'iê', 'yê', 'uô', 'ươ', 'uyê', 'oă', 'uâ', 'oo'];
/** Final consonants; k only in place names of the Central Highlands (Đắk Lắk). */
const FINALS = ['ch', 'ng', 'nh', 'c', 'm', 'n', 'p', 't', 'k'];
/** After these finals only the sắc and nặng tones are possible. */
const STOP_FINALS = new Set(['c', 'ch', 'p', 't', 'k']);

const alternatives = (items: readonly string[]): string =>
  [...items].sort((a, b) => b.length - a.length).join('|');
const SYLLABLE = new RegExp(
  `^(?:${alternatives(INITIALS)})?` +
    `(?:(?:${alternatives(OPEN_NUCLEI)})|(?:${alternatives(FREE_NUCLEI)})(${alternatives(FINALS)})?` +
    `|(?:${alternatives(CLOSED_NUCLEI)})(${alternatives(FINALS)}))$`,
  'u',
);
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/gu;
const STOP_TONES = /[\u0301\u0323]/u;

/** Whether a word is one well-formed Vietnamese syllable ("Nguyễn", "người", "Đắk"), any case. */
export function isVietnameseSyllable(word: string): boolean {
  const decomposed = word.toLowerCase().normalize('NFD');
  const tones = decomposed.match(TONE_MARKS) ?? [];
  if (tones.length > 1) return false;
  const match = SYLLABLE.exec(decomposed.replace(TONE_MARKS, '').normalize('NFC'));
  if (match === null) return false;
  const final = match[1] ?? match[2];
  return final === undefined || !STOP_FINALS.has(final) || tones.length === 0 || STOP_TONES.test(tones[0] ?? '');
}

// ---------------------------------------------------------------------------------------
// Detection.

/** Characters above U+00FF that Windows-1252 can produce: they do not show a cell is Unicode. */
const CP1252_EXTRAS = new Set(
  Array.from('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ'),
);
const LETTER_OR_MARK = /[\p{L}\p{M}]/u;

/**
 * The cell holds a letter (or combining mark) that no 8-bit Windows code page produces:
 * "ễ", "ư", "đ", NFD marks, other scripts. Such a cell is Unicode, whatever else it holds.
 */
function isSurelyUnicode(cell: string): boolean {
  for (const ch of cell) {
    if (ch > '\u00ff' && !CP1252_EXTRAS.has(ch) && LETTER_OR_MARK.test(ch)) return true;
  }
  return false;
}

export interface LegacyDetection {
  readonly encoding: TextEncoding;
  /** 0–1: how sure the decision is. */
  readonly confidence: number;
}

interface EncodingEvidence {
  /** Words that are not Vietnamese as they are and become Vietnamese syllables. */
  gained: number;
  /** Words the conversion changes into something that is not a Vietnamese syllable. */
  lost: number;
  /** Cells with at least one gained word. */
  cells: number;
}

function weighEncoding(cells: readonly string[], encoding: LegacyEncoding): EncodingEvidence {
  const evidence: EncodingEvidence = { gained: 0, lost: 0, cells: 0 };
  for (const cell of cells) {
    let gained = 0;
    for (const [word] of cell.matchAll(WORD)) {
      const converted = decodeChars(word, encoding);
      if (converted === word) continue;
      const after = isVietnameseSyllable(converted);
      // A word that is Vietnamese both ways ("Lê" → "Lờ" in TCVN3) shows nothing.
      if (!after) evidence.lost += 1;
      else if (!isVietnameseSyllable(word)) gained += 1;
    }
    evidence.gained += gained;
    if (gained > 0) evidence.cells += 1;
  }
  return evidence;
}

/** Confidence at or above which a column is taken to be legacy-encoded. */
const LEGACY_THRESHOLD = 0.5;

/**
 * Which encoding a column's cells were typed in. A column is legacy when converting it turns
 * words that are not Vietnamese into Vietnamese syllables ("NguyÔn" → "Nguyễn") and hardly
 * ever turns words into something that is not ("Müller" → "Mỹller", "Café" → "Cafộ"), and its
 * cells do not already hold Unicode Vietnamese. Confidence = share of good conversions × share
 * of those cells among the cells with evidence either way × weight of the evidence
 * (n / (n + 2) for n good conversions: one name "NguyÔn V¨n An" is just enough).
 */
export function detectLegacyEncoding(samples: readonly string[]): LegacyDetection {
  const cells: string[] = [];
  let unicodeCells = 0;
  for (const sample of samples) {
    const cell = sample.normalize('NFC');
    if (cell.trim() === '') continue;
    if (isSurelyUnicode(cell)) unicodeCells += 1;
    else cells.push(cell);
  }
  let best: LegacyDetection = { encoding: 'unicode', confidence: 0 };
  for (const encoding of ['tcvn3', 'vni'] as const) {
    const { gained, lost, cells: legacyCells } = weighEncoding(cells, encoding);
    if (gained === 0) continue;
    const confidence =
      (gained / (gained + lost)) * (legacyCells / (legacyCells + unicodeCells)) * (gained / (gained + 2));
    if (confidence > best.confidence) best = { encoding, confidence };
  }
  if (best.confidence >= LEGACY_THRESHOLD) return best;
  return { encoding: 'unicode', confidence: 1 - best.confidence };
}

// ---------------------------------------------------------------------------------------
// A whole column, for the import preview.

export interface LegacyExample {
  /** Index of the cell in the samples. */
  readonly index: number;
  readonly before: string;
  readonly after: string;
}

export interface LegacyColumnFix extends LegacyDetection {
  /** The cells to import, index for index with the samples (unchanged when 'unicode'). */
  readonly values: readonly string[];
  /** How many cells the conversion changed. */
  readonly changed: number;
  /** Before/after pairs for the preview: the first changed cells, no two alike. */
  readonly examples: readonly LegacyExample[];
}

export interface FixLegacyOptions extends ConvertLegacyOptions {
  /** At most this many examples (default 5). */
  readonly maxExamples?: number;
  /** The officer's choice, overriding detection. */
  readonly encoding?: TextEncoding;
}

/**
 * Detect a column's encoding and convert its cells. Cells that already hold Unicode
 * Vietnamese (a column pasted together from two sources) are left as they are.
 */
export function fixLegacyColumn(samples: readonly string[], options: FixLegacyOptions = {}): LegacyColumnFix {
  const detection: LegacyDetection =
    options.encoding === undefined ? detectLegacyEncoding(samples) : { encoding: options.encoding, confidence: 1 };
  const { encoding } = detection;
  if (encoding === 'unicode') return { ...detection, values: [...samples], changed: 0, examples: [] };
  const maxExamples = options.maxExamples ?? 5;
  const examples: LegacyExample[] = [];
  const shown = new Set<string>();
  let changed = 0;
  const values = samples.map((before, index) => {
    if (isSurelyUnicode(before)) return before;
    const after = convertLegacy(before, encoding, options);
    if (after === before) return before;
    changed += 1;
    if (examples.length < maxExamples && !shown.has(before)) {
      shown.add(before);
      examples.push({ index, before, after });
    }
    return after;
  });
  return { ...detection, values, changed, examples };
}
