import { describe, it, expect } from 'vitest';
import { digitsOnly, searchKey, searchWords, tidyName, tidyText } from './normalize';

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
