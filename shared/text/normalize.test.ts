import { describe, it, expect } from 'vitest';
import { cutText, digitsOnly, searchKey, searchWords, tidyName, tidyText } from './normalize';

const nfd = (s: string): string => s.normalize('NFD');

describe('tidyText', () => {
  it.each([
    ['already tidy', 'Nguyễn Văn An', 'Nguyễn Văn An'],
    ['trims', '  An  ', 'An'],
    ['collapses spaces', 'Nguyễn   Văn    An', 'Nguyễn Văn An'],
    ['tab, newline, CR to space', 'Thôn\tPhú\r\nLộc', 'Thôn Phú Lộc'],
    ['NBSP and narrow NBSP to space', 'Xã\u00a0Vĩnh\u202fHiệp', 'Xã Vĩnh Hiệp'],
    ['removes NUL, BEL, ESC, DEL', 'A\u0000n\u0007h\u001b\u007f', 'Anh'],
    ['removes zero-width space and BOM', '\ufeffAn\u200bh', 'Anh'],
    ['NFD to NFC', nfd('Nguyễn Đức Thắng'), 'Nguyễn Đức Thắng'],
    ['only whitespace', ' \t\n\u00a0 ', ''],
    ['empty', '', ''],
  ])('%s', (_label, input, expected) => {
    const out = tidyText(input);
    expect(out).toBe(expected);
    expect(out === out.normalize('NFC')).toBe(true);
  });

  it.each([
    ['an RTL override', '\u202eLê Văn Cường', 'Lê Văn Cường'],
    ['an RTL override inside an ID', '0561\u202e51000105', '056151000105'],
    ['LTR and RTL marks', 'Trần\u200e Thị\u200f Bình', 'Trần Thị Bình'],
    ['embeddings, overrides and their pop', '\u202aNguyễn\u202b Văn\u202c \u202dAn\u202e', 'Nguyễn Văn An'],
    ['isolates', '\u2066Phạm\u2067 Thị\u2068 Dung\u2069', 'Phạm Thị Dung'],
    ['the Arabic letter mark', 'Hoàng\u061c Văn Em', 'Hoàng Văn Em'],
    ['word joiner and invisible operators', 'A\u2060n\u2061h\u2062\u2063\u2064', 'Anh'],
    ['only bidirectional controls', '\u202e\u2066\u200f', ''],
    ['bidirectional controls around ASCII', '\u202eNguyen Van An', 'Nguyen Van An'],
  ])('drops the bidirectional controls and other invisible format characters: %s', (_label, input, expected) => {
    expect(tidyText(input)).toBe(expected);
    // the second time from memory, the same
    expect(tidyText(input)).toBe(expected);
    expect(tidyText(expected)).toBe(expected);
  });

  it('keeps the narrow no-break space next to the bidirectional controls as a space', () => {
    expect(tidyText('Xã\u202e\u202fVĩnh')).toBe('Xã Vĩnh');
  });

  it('returns NFC code units for NFD input (not just equal-looking text)', () => {
    const input = nfd('Lộc');
    expect(input.length).toBeGreaterThan(3);
    expect(tidyText(input).length).toBe(3);
  });
});

describe('searchKey', () => {
  it.each([
    ['Nguyễn Văn A', 'nguyen van a'],
    ['NGUYỄN VĂN A', 'nguyen van a'],
    [nfd('Nguyễn Văn A'), 'nguyen van a'],
    ['Đặng Thị Đào', 'dang thi dao'],
    [nfd('ĐẶNG THỊ ĐÀO'), 'dang thi dao'],
    ['Ðinh Bộ Lĩnh', 'dinh bo linh'], // U+00D0 from legacy encodings
    ['  Trần\u00a0\u00a0Thị   Bích ', 'tran thi bich'],
    ['Ưng Hoàng Phúc', 'ung hoang phuc'],
    ['Khánh Hòa', 'khanh hoa'],
    ['Khánh Hoà', 'khanh hoa'], // old-style tone placement
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(searchKey(input)).toBe(expected);
  });

  it('NFC and NFD inputs give identical keys', () => {
    const name = 'Nguyễn Thị Hương Giang Đỗ Ưởng';
    expect(searchKey(nfd(name))).toBe(searchKey(name.normalize('NFC')));
  });
});

describe('searchWords', () => {
  it.each([
    ['Nguyễn Văn An', ['nguyen', 'van', 'an']],
    ['Nguyễn Văn Nguyên', ['nguyen', 'van']],
    ['Thôn Phú Lộc, Xã Vĩnh Hiệp', ['thon', 'phu', 'loc', 'xa', 'vinh', 'hiep']],
    ["H'Hen Niê", ["h'hen", 'nie']],
    ['  ', []],
    ['-- , --', []],
  ])('%j', (input, expected) => {
    expect(searchWords(input)).toEqual(expected);
  });
});

describe('tidyName', () => {
  it.each([
    ['all caps', 'NGUYỄN VĂN ĐỨC', 'Nguyễn Văn Đức'],
    ['all lower', 'trần thị b', 'Trần Thị B'],
    ['NFD all caps', nfd('ĐẶNG THỊ ÁNH'), 'Đặng Thị Ánh'],
    ['untidy spacing', '  lê   văn\ttám ', 'Lê Văn Tám'],
    ['mixed case left as typed', 'Nguyễn văn AN', 'Nguyễn văn AN'],
    ['proper case unchanged', 'Lê Thị Hồng', 'Lê Thị Hồng'],
    ['letter after X-apostrophe', "H'HEN NIÊ", "H'Hen Niê"],
    ['hyphenated part', 'y-moan ênuôl', 'Y-Moan Ênuôl'],
    ['empty', '', ''],
  ])('%s', (_label, input, expected) => {
    expect(tidyName(input)).toBe(expected);
  });
});

describe('digitsOnly', () => {
  it.each([
    ['001 089.012-345', '001089012345'],
    ['+84 (912) 345 678', '84912345678'],
    ['abc', ''],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(digitsOnly(input)).toBe(expected);
  });
});

describe('cutText', () => {
  it('keeps a text within the limit as it is', () => {
    expect(cutText('Nguyễn Văn An', 13)).toBe('Nguyễn Văn An');
    expect(cutText('', 0)).toBe('');
  });

  it('cuts a longer one to the limit, the last unit an ellipsis', () => {
    expect(cutText('Nguyễn Văn An', 8)).toBe('Nguyễn …');
    expect(cutText('x'.repeat(40_000), 32_767)).toHaveLength(32_767);
  });

  it('never leaves half of a surrogate pair', () => {
    const text = `ab${'\u{20000}'.repeat(3)}`;
    expect(cutText(text, 4)).toBe('ab…');
    expect(cutText(text, 5)).toBe('ab\u{20000}…');
  });
});
