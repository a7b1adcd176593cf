import { describe, expect, it } from 'vitest';
import { ETHNICITIES } from '../domain/labour';
import {
  readBirthDate,
  readChoice,
  readDay,
  readIdAny,
  readName,
  readOldId,
  readPersonalId,
  readPhone,
  readSex,
  readSplitBirth,
  readStatus,
  readVehicleKind,
  readYesNo,
} from './cells';
import { cellText, type RawCell } from './sheet-model';

describe('readPersonalId', () => {
  it.each<[RawCell, string, number]>([
    ['001089012345', '001089012345', 0],
    [1089012345, '001089012345', 1], // number lost two zeros; province 001 makes it unambiguous
    [79089012345, '079089012345', 1],
    ['1089012345.0', '001089012345', 1],
    ['001 089 012 345', '001089012345', 0],
    ['001.089.012.345', '001089012345', 0],
    [123456, '123456', 0], // too short to repair: left for the check to refuse
    ['', '', 0],
    [null, '', 0],
  ])('%j → %s', (cell, value, notes) => {
    const r = readPersonalId(cell);
    expect(r.value).toBe(value);
    expect(r.notes).toHaveLength(notes);
    if (notes > 0) expect(r.notes[0]).toContain('số 0');
  });
});

describe('readOldId', () => {
  it.each<[RawCell, string, boolean]>([
    ['012345678', '012345678', false],
    [12345678, '012345678', true],
    ['123 456 789', '123456789', false],
  ])('%j → %s', (cell, value, noted) => {
    const r = readOldId(cell);
    expect(r.value).toBe(value);
    expect(r.notes.length > 0).toBe(noted);
  });
});

describe('readIdAny', () => {
  it.each<[RawCell, { personalId: string; oldId: string } | string]>([
    ['001089012345', { personalId: '001089012345', oldId: '' }],
    [1089012345, { personalId: '001089012345', oldId: '' }],
    ['212345678', { personalId: '', oldId: '212345678' }],
    [12345678, { personalId: '', oldId: '012345678' }],
    ['', { personalId: '', oldId: '' }],
    ['12345', 'Số giấy tờ 12345 có 5 chữ số: phải là 12 chữ số (CCCD) hoặc 9 chữ số (CMND).'],
    ['0010890123ab', 'Số giấy tờ 0010890123ab có ký tự không phải chữ số: phải là 12 chữ số (CCCD) hoặc 9 chữ số (CMND).'],
  ])('%j', (cell, expected) => {
    const r = readIdAny(cell);
    if (typeof expected === 'string') expect(r.error).toBe(expected);
    else {
      expect(r.error).toBeUndefined();
      expect(r.value).toEqual(expected);
    }
  });
});

describe('readBirthDate', () => {
  it.each<[RawCell, string]>([
    [{ serialDate: 18264 }, '1950-01-01'],
    [1950, '1950'],
    ['1950', '1950'],
    ['3/1950', '1950-03'],
    ['03-1950', '1950-03'],
    ['12/3/1950', '1950-03-12'],
    ['12.03.1950', '1950-03-12'],
    ['12-03-1950', '1950-03-12'],
    [' 12 / 03 / 1950 ', '1950-03-12'],
    ['00/00/1950', '1950'],
    ['', ''],
    [null, ''],
  ])('%j → %s', (cell, expected) => {
    const r = readBirthDate(cell);
    expect(r.error).toBeUndefined();
    expect(r.value).toBe(expected);
  });

  it('reads a plain number that is an Excel serial as a date, with a note', () => {
    const r = readBirthDate(18264);
    expect(r.value).toBe('1950-01-01');
    expect(r.notes).toEqual(['Ô ghi số 18264: đã đọc là ngày 01/01/1950 theo cách Excel lưu ngày.']);
  });

  it.each<[RawCell, string]>([
    ['31/02/1950', 'Tháng 02/1950 không có ngày 31.'],
    ['12/3/50', 'Năm phải ghi đủ 4 chữ số, ví dụ 1950.'],
    ['không rõ', 'Không đọc được ngày tháng'],
    [{ serialDate: 60 }, 'không phải ngày hợp lệ'],
    [12, 'Không đọc được ngày sinh "12".'],
  ])('%j is an error', (cell, message) => {
    const r = readBirthDate(cell);
    expect(r.value).toBe('');
    expect(r.error).toContain(message);
  });
});

describe('readDay', () => {
  it.each<[RawCell, string, boolean]>([
    [{ serialDate: 45658 }, '2025-01-01', true],
    ['5/3/2025', '2025-03-05', true],
    ['03/2025', '', false],
  ])('%j → %s', (cell, value, ok) => {
    const r = readDay(cell);
    expect(r.value).toBe(value);
    expect(r.error === undefined).toBe(ok);
  });
});

describe('readName', () => {
  it.each<[RawCell, string]>([
    ['Nguye\u0302\u0303n  Va\u0306n   A ', 'Nguyễn Văn A'], // NFD, double and trailing spaces
    ['NGUYỄN THỊ ĐÀO', 'Nguyễn Thị Đào'],
    ['\u00a0trần văn b\t', 'Trần Văn B'],
    ['Lê Văn  AN', 'Lê Văn AN'], // mixed case is the writer's choice
  ])('%j → %s', (cell, expected) => {
    expect(readName(cell).value).toBe(expected);
    expect(readName(cell).value).toBe(expected.normalize('NFC'));
  });
});

describe('readPhone', () => {
  it.each<[RawCell, string, number]>([
    ['0912 345 678', '0912345678', 0],
    ['+84 912 345 678', '0912345678', 0],
    ['+84912.345.678', '0912345678', 0],
    [912345678, '0912345678', 1],
    ['', '', 0],
  ])('%j → %s', (cell, value, notes) => {
    const r = readPhone(cell);
    expect(r.error).toBeUndefined();
    expect(r.value).toBe(value);
    expect(r.notes).toHaveLength(notes);
  });

  it('reports a malformed number with the value', () => {
    expect(readPhone('12345').error).toBe('Số điện thoại "12345": Số điện thoại phải gồm 10 chữ số, bắt đầu bằng 0 (hoặc +84).');
  });
});

describe('readStatus', () => {
  it.each<[string, string]>([
    ['Đã duyệt', 'approved'],
    ['đã cập nhật', 'approved'],
    ['ĐÃ PHÊ DUYỆT', 'approved'],
    ['Đã phê duyệt trên CSDLQG', 'approved'],
    ['Chờ duyệt', 'entered'],
    ['Đã nhập', 'entered'],
    ['Đã nhập, chờ duyệt', 'entered'],
    ['Đã tiếp nhận', 'received'],
    ['Không cập nhật được', 'failed'],
    ['', ''],
  ])('%j → %s', (text, status) => {
    expect(readStatus(text).value).toBe(status);
  });

  it('refuses an unknown text with examples', () => {
    expect(readStatus('OK').error).toContain('Trạng thái "OK" không rõ');
  });
});

describe('readSex, readSplitBirth', () => {
  it.each<[RawCell, string]>([
    ['Nam', 'male'],
    ['NỮ', 'female'],
    ['nu', 'female'],
    ['', ''],
  ])('%j → %s', (cell, sex) => expect(readSex(cell).value).toBe(sex));

  it('takes the sex from the column the year is written in', () => {
    expect(readSplitBirth(1950, null).value).toEqual({ birthDate: '1950', sex: 'male' });
    expect(readSplitBirth(null, '3/1952').value).toEqual({ birthDate: '1952-03', sex: 'female' });
    expect(readSplitBirth(null, null).value).toEqual({ birthDate: '', sex: '' });
    expect(readSplitBirth(1950, 1951).error).toBe('Năm sinh ghi ở cả cột Nam (1950) và cột Nữ (1951).');
  });
});

describe('choices', () => {
  it('maps labels to keys regardless of case and tone marks', () => {
    expect(readChoice(ETHNICITIES, 'TÀY').value).toBe('tay');
    expect(readChoice(ETHNICITIES, 'Ê đê').value).toBe('e_de');
    expect(readChoice(ETHNICITIES, 'Kinhh').value).toBe('Kinhh');
    expect(readYesNo('Có').value).toBe('yes');
    expect(readYesNo('x').value).toBe('yes');
    expect(readYesNo('Không').value).toBe('no');
    expect(readYesNo('?').error).toBeDefined();
    expect(readVehicleKind('Xe máy').value).toBe('motorbike');
    expect(readVehicleKind('Ô TÔ').value).toBe('car');
    expect(readVehicleKind('Mô tô, xe gắn máy').value).toBe('motorbike');
    expect(readVehicleKind('tàu').error).toContain('không rõ');
  });
});

describe('cellText', () => {
  it.each<[RawCell, string]>([
    [1089012345, '1089012345'],
    [1.5, '1.5'],
    [true, 'x'],
    [{ serialDate: 45658 }, '01/01/2025'],
    ['  a  b ', 'a b'],
  ])('%j → %s', (cell, text) => expect(cellText(cell)).toBe(text));
});
