import { describe, it, expect } from 'vitest';
import { looksLikeCccdQr, parseCccdQr, type CccdQr } from './cccd-qr';

const REAL =
  '001089012345|123456789|Nguyễn Văn An|12031989|Nam|Thôn Phú Lộc, Xã Vĩnh Hiệp, Nha Trang, Khánh Hòa|01082021';

const AN: CccdQr = {
  personalId: '001089012345',
  oldId: '123456789',
  fullName: 'Nguyễn Văn An',
  birthDate: '1989-03-12',
  sex: 'male',
  address: 'Thôn Phú Lộc, Xã Vĩnh Hiệp, Nha Trang, Khánh Hòa',
  issueDate: '2021-08-01',
};

describe('parseCccdQr — accepted', () => {
  it.each<[string, string, CccdQr]>([
    ['a real-looking card', REAL, AN],
    ['with scanner Enter (CRLF)', `${REAL}\r\n`, AN],
    ['with surrounding spaces and LF', `  ${REAL}\n`, AN],
    ['typed in NFD', REAL.normalize('NFD'), AN],
    ['trailing empty field', `${REAL}|`, AN],
    ['extra fields after the issue date', `${REAL}||x`, AN],
    ['no issue date (6 fields)', REAL.replace(/\|01082021$/, ''), { ...AN, issueDate: '' }],
    ['empty CMND', REAL.replace('|123456789|', '||'), { ...AN, oldId: '' }],
    [
      'female, upper-case sex and name',
      '056185001234||TRẦN THỊ BÍCH|05071985|NỮ|Tổ 3, Phường Lộc Thọ, Nha Trang|15032022',
      {
        personalId: '056185001234',
        oldId: '',
        fullName: 'Trần Thị Bích',
        birthDate: '1985-07-05',
        sex: 'female',
        address: 'Tổ 3, Phường Lộc Thọ, Nha Trang',
        issueDate: '2022-03-15',
      },
    ],
    ['sex "nữ" in NFD lower case', REAL.replace('|Nam|', `|${'nữ'.normalize('NFD')}|`), { ...AN, sex: 'female' }],
    ['sex "NAM"', REAL.replace('|Nam|', '|NAM|'), AN],
    ['unknown sex text', REAL.replace('|Nam|', '|Khác|'), { ...AN, sex: '' }],
    ['year-only birth date', REAL.replace('|12031989|', '|00001989|'), { ...AN, birthDate: '1989' }],
    ['bad issue date', REAL.replace(/01082021$/, '99999999'), { ...AN, issueDate: '' }],
    ['untidy spacing inside fields', REAL.replace('Nguyễn Văn An', ' Nguyễn  Văn\u00a0An '), AN],
  ])('%s', (_label, text, expected) => {
    const r = parseCccdQr(text);
    expect(r).toEqual(expected);
    if (r) expect(r.address).toBe(r.address.normalize('NFC'));
  });
});

describe('parseCccdQr — refused', () => {
  it.each([
    ['empty', ''],
    ['plain name', 'Nguyễn Văn An'],
    ['11-digit ID', REAL.replace('001089012345', '01089012345')],
    ['13-digit ID', REAL.replace('001089012345', '0010890123456')],
    ['ID with spaces', REAL.replace('001089012345', '001 089 012 345')],
    ['5 fields', '001089012345|123456789|Nguyễn Văn An|12031989|Nam'],
    ['unreadable birth date', REAL.replace('|12031989|', '|31021989|')],
    ['empty birth date', REAL.replace('|12031989|', '||')],
  ])('%s', (_label, text) => {
    expect(parseCccdQr(text)).toBeNull();
  });
});

describe('looksLikeCccdQr', () => {
  it.each([
    ['001089012345|', true],
    ['001089012345|1234', true],
    [REAL, true],
    [' 001089012345|', true],
    ['001089012345', false], // could still be a typed ID
    ['00108901234|', false],
    ['0010890123456|', false],
    ['Nguyễn|', false],
    ['', false],
  ])('%j → %s', (text, expected) => {
    expect(looksLikeCccdQr(text)).toBe(expected);
  });
});
