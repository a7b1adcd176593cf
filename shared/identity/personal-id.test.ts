import { describe, it, expect } from 'vitest';
import { checkPersonalId, decodePersonalId, restoreIdLeadingZeros } from './personal-id';

describe('decodePersonalId', () => {
  it.each([
    ['001089012345', '001', 'Hà Nội', 'male', 1989],
    ['056185001234', '056', 'Khánh Hòa', 'female', 1985],
    ['079200001234', '079', 'TP Hồ Chí Minh', 'male', 2000],
    ['079305001234', '079', 'TP Hồ Chí Minh', 'female', 2005],
    ['001400001234', '001', 'Hà Nội', 'male', 2100],
    ['001599001234', '001', 'Hà Nội', 'female', 2199],
    ['099089012345', '099', undefined, 'male', 1989],
    ['001689012345', '001', 'Hà Nội', undefined, undefined],
    ['001989012345', '001', 'Hà Nội', undefined, undefined],
  ])('%s', (id, provinceCode, provinceName, sex, birthYear) => {
    expect(decodePersonalId(id)).toEqual({ provinceCode, provinceName, sex, birthYear });
  });

  it.each(['', '00108901234', '0010890123456', '00108901234a', '001 089 012 345'])(
    '%j → null',
    (id) => {
      expect(decodePersonalId(id)).toBeNull();
    },
  );
});

describe('checkPersonalId — format', () => {
  it.each([
    ['', 'empty', ''],
    ['   ', 'empty', ''],
    ['001089012345', 'ok', '001089012345'],
    [' 001089012345 ', 'ok', '001089012345'],
    ['001 089 012 345', 'ok', '001089012345'],
    ['001.089.012.345', 'ok', '001089012345'],
    ['00108901234', 'malformed', '00108901234'],
    ['0010890123456', 'malformed', '0010890123456'],
    ['001-089-012-345', 'malformed', '001-089-012-345'],
    ['00108901234O', 'malformed', '00108901234O'],
  ])('%j → %s', (id, format, value) => {
    const r = checkPersonalId(id, {});
    expect(r.format).toBe(format);
    expect(r.value).toBe(value);
    expect(r.issues.map((i) => i.code)).toEqual(format === 'malformed' ? ['not_12_digits'] : []);
  });

  it.each([
    ['00108901234', 'Số định danh phải gồm đúng 12 chữ số (đang có 11).'],
    ['00108901234O', 'Số định danh chỉ gồm chữ số, đúng 12 chữ số.'],
  ])('malformed message for %j', (id, message) => {
    expect(checkPersonalId(id, {}).issues[0]?.message).toBe(message);
  });
});

describe('checkPersonalId — structural issues', () => {
  it.each([
    // [id, ctx, expected issue codes]
    ['001089012345', { sex: 'male', birthDate: '1989-03-12' }, []],
    ['001089012345', { sex: 'male', birthDate: '1989' }, []],
    ['001089012345', { sex: '', birthDate: '' }, []],
    ['001189012345', { sex: 'female', birthDate: '1989-03' }, []],
    ['079305001234', { sex: 'female', birthDate: '2005-07-01' }, []],
    ['099089012345', { sex: 'male', birthDate: '1989' }, ['unknown_province']],
    ['003089012345', {}, ['unknown_province']],
    ['001789012345', { sex: 'male', birthDate: '1989' }, ['bad_century_digit']],
    ['001189012345', { sex: 'male' }, ['sex_mismatch']],
    ['001089012345', { sex: 'female' }, ['sex_mismatch']],
    ['001085012345', { birthDate: '1958' }, ['year_mismatch']],
    ['001085012345', { birthDate: '1958-01-02' }, ['year_mismatch']],
    ['001285012345', { birthDate: '1985' }, ['century_mismatch']],
    ['001085012345', { birthDate: '2085' }, ['century_mismatch']],
    ['001205012345', { birthDate: '1958' }, ['year_mismatch']], // both differ: one issue
    [
      '099385012345',
      { sex: 'male', birthDate: '1958' },
      ['unknown_province', 'sex_mismatch', 'year_mismatch'],
    ],
    ['099989012345', { sex: 'female', birthDate: '1958' }, ['unknown_province', 'bad_century_digit']],
  ] as const)('%s %j', (id, ctx, codes) => {
    const r = checkPersonalId(id, ctx);
    expect(r.format).toBe('ok');
    expect(r.issues.map((i) => i.code)).toEqual(codes);
  });

  it.each([
    ['099089012345', {}, 'Mã tỉnh 099 không tồn tại.'],
    ['001789012345', {}, 'Chữ số thứ 4 là 7, không hợp lệ (chỉ từ 0 đến 5).'],
    ['001189012345', { sex: 'male' }, 'Chữ số thứ 4 là 1 (nữ) nhưng giới tính đã chọn là Nam.'],
    ['001089012345', { sex: 'female' }, 'Chữ số thứ 4 là 0 (nam) nhưng giới tính đã chọn là Nữ.'],
    [
      '001085012345',
      { birthDate: '1958-05-01' },
      'Số định danh cho năm sinh 1985 nhưng ngày sinh đã nhập là 1958.',
    ],
    [
      '001285012345',
      { birthDate: '1985' },
      'Chữ số thứ 4 là 2 (sinh năm 2000–2099) nhưng ngày sinh đã nhập là 1985.',
    ],
  ] as const)('message for %s %j', (id, ctx, message) => {
    expect(checkPersonalId(id, ctx).issues.map((i) => i.message)).toEqual([message]);
  });

  it('checks the cleaned value, not the spaced input', () => {
    const r = checkPersonalId('001 189 012 345', { sex: 'male' });
    expect(r.format).toBe('ok');
    expect(r.issues.map((i) => i.code)).toEqual(['sex_mismatch']);
  });
});

describe('restoreIdLeadingZeros', () => {
  const ID_NOTE = 'Đã thêm số 0 bị Excel làm mất ở đầu số định danh.';
  const ID_NOTE_2 = 'Đã thêm hai số 0 bị Excel làm mất ở đầu số định danh.';
  const CMND_NOTE = 'Đã thêm số 0 bị Excel làm mất ở đầu số CMND.';
  it.each([
    // restored
    ['56185001234', '056185001234', ID_NOTE], // 11 digits, Khánh Hòa
    ['79305001234', '079305001234', ID_NOTE],
    ['1089012345', '001089012345', ID_NOTE_2], // 10 digits, Hà Nội
    ['2089012345', '002089012345', ID_NOTE_2],
    [' 1089012345 ', '001089012345', ID_NOTE_2],
    ['1089012345.0', '001089012345', ID_NOTE_2],
    ['1089012345,00', '001089012345', ID_NOTE_2],
    ['1.089.012.345', '001089012345', ID_NOTE_2],
    ['1.089012345E+9', '001089012345', ID_NOTE_2],
    ['1.089012345e9', '001089012345', ID_NOTE_2],
    ['5.6185001234E+10', '056185001234', ID_NOTE],
    ['23456789', '023456789', CMND_NOTE], // 8 digits → CMND
    ['23456789.0', '023456789', CMND_NOTE],
  ])('%j → %j', (raw, value, note) => {
    expect(restoreIdLeadingZeros(raw)).toEqual({ value, restored: true, note });
  });

  it.each([
    // unchanged, or only written as plain digits
    ['001089012345', '001089012345'], // already 12 digits
    ['123456789', '123456789'], // already a CMND
    ['99089012345', '99089012345'], // 11 digits but '099' is no province
    ['3089012345', '3089012345'], // 10 digits but '003' is no province
    ['01089012345', '01089012345'], // starts with 0: typed as text, nothing lost
    ['02345678', '02345678'],
    ['1234567', '1234567'],
    ['123456789012.0', '123456789012'],
    ['1.08901E+11', '1.08901E+11'], // Excel display rounding: digits lost, not exact
    ['1.089012345E+11', '1.089012345E+11'], // would need invented zeros
    ['1089012345.5', '1089012345.5'],
    ['abc', 'abc'],
    ['', ''],
  ])('%j → %j, not restored', (raw, value) => {
    expect(restoreIdLeadingZeros(raw)).toEqual({ value, restored: false });
  });
});
