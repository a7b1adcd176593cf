import { describe, it, expect } from 'vitest';
import { SUPERIOR_LEVEL_LABELS, validateUnitSettings, type UnitSettingsErrors } from './unit-settings';

type Input = Parameters<typeof validateUnitSettings>[0];

const VALID: Input = {
  unitName: 'Công an xã Vĩnh Hiệp',
  superiorName: 'Công an tỉnh Khánh Hòa',
  superiorLevel: 'province',
  placeName: 'Vĩnh Hiệp',
  reportNumberSuffix: 'BC-CAX',
  cutoffDay: '20',
};

const ERR = {
  unitName: 'Nhập tên đơn vị, ví dụ "Công an xã Vĩnh Hiệp".',
  superiorName: 'Nhập tên đơn vị cấp trên, ví dụ "Công an tỉnh Khánh Hòa".',
  superiorLevel: 'Chọn cấp của đơn vị cấp trên.',
  placeName: 'Nhập địa danh ghi ở dòng ngày tháng, ví dụ "Vĩnh Hiệp".',
  reportNumberSuffix: 'Ký hiệu báo cáo chỉ gồm chữ, số và dấu gạch ngang, ví dụ "BC-CAX".',
  cutoffDay: 'Ngày chốt số liệu là một số từ 1 đến 28.',
} as const;

describe('validateUnitSettings — accepted', () => {
  it('returns the settings with a numeric cut-off day', () => {
    const r = validateUnitSettings(VALID);
    expect(r).toEqual({
      ok: true,
      value: {
        unitName: 'Công an xã Vĩnh Hiệp',
        superiorName: 'Công an tỉnh Khánh Hòa',
        superiorLevel: 'province',
        placeName: 'Vĩnh Hiệp',
        reportNumberSuffix: 'BC-CAX',
        cutoffDay: 20,
      },
    });
    expect(r).not.toHaveProperty('errors');
  });

  it.each<[string, Partial<Input>, Record<string, unknown>]>([
    ['names are trimmed and spaces collapsed', { unitName: '  Công an   xã\u00a0Vĩnh Hiệp ', superiorName: '\tCông an tỉnh Khánh Hòa\n', placeName: ' Vĩnh Hiệp ' }, { unitName: 'Công an xã Vĩnh Hiệp', superiorName: 'Công an tỉnh Khánh Hòa', placeName: 'Vĩnh Hiệp' }],
    ['NFD names are stored NFC', { unitName: 'Công an xã Vĩnh Hiệp'.normalize('NFD') }, { unitName: 'Công an xã Vĩnh Hiệp' }],
    ['district level', { superiorLevel: 'district', superiorName: 'Công an huyện Bình Sơn' }, { superiorLevel: 'district' }],
    ['suffix with a leading slash', { reportNumberSuffix: '/BC-CAX' }, { reportNumberSuffix: 'BC-CAX' }],
    ['suffix trimmed', { reportNumberSuffix: ' BC-CAP ' }, { reportNumberSuffix: 'BC-CAP' }],
    ['suffix with Vietnamese letters', { reportNumberSuffix: 'BC-CAĐ' }, { reportNumberSuffix: 'BC-CAĐ' }],
    ['suffix of 20 characters', { reportNumberSuffix: 'A'.repeat(20) }, { reportNumberSuffix: 'A'.repeat(20) }],
    ['suffix of one character', { reportNumberSuffix: 'B' }, { reportNumberSuffix: 'B' }],
    ['unit name of 3 characters', { unitName: 'CAX' }, { unitName: 'CAX' }],
    ['place name of 2 characters', { placeName: 'Hạ' }, { placeName: 'Hạ' }],
    ['cut-off 1 (string)', { cutoffDay: '1' }, { cutoffDay: 1 }],
    ['cut-off 28 (string)', { cutoffDay: '28' }, { cutoffDay: 28 }],
    ['cut-off with a leading zero', { cutoffDay: '05' }, { cutoffDay: 5 }],
    ['cut-off with spaces', { cutoffDay: ' 15 ' }, { cutoffDay: 15 }],
    ['cut-off 1 (number)', { cutoffDay: 1 }, { cutoffDay: 1 }],
    ['cut-off 28 (number)', { cutoffDay: 28 }, { cutoffDay: 28 }],
  ])('%s', (_name, over, expected) => {
    const r = validateUnitSettings({ ...VALID, ...over });
    expect(r.ok ? r.value : r.errors).toMatchObject(expected);
  });
});

describe('validateUnitSettings — refused, with a Vietnamese message per field', () => {
  it.each<[string, Partial<Input>, UnitSettingsErrors]>([
    ['no unit name', { unitName: '' }, { unitName: ERR.unitName }],
    ['a unit name of spaces', { unitName: '     ' }, { unitName: ERR.unitName }],
    ['a unit name of 2 characters after trimming', { unitName: ' CA ' }, { unitName: ERR.unitName }],
    ['no superior', { superiorName: '' }, { superiorName: ERR.superiorName }],
    ['a superior of 2 characters', { superiorName: 'CA' }, { superiorName: ERR.superiorName }],
    ['no superior level', { superiorLevel: '' }, { superiorLevel: ERR.superiorLevel }],
    ['an unknown superior level', { superiorLevel: 'commune' }, { superiorLevel: ERR.superiorLevel }],
    ['no place name', { placeName: ' ' }, { placeName: ERR.placeName }],
    ['a place name of 1 character', { placeName: 'A' }, { placeName: ERR.placeName }],
    ['no suffix', { reportNumberSuffix: '' }, { reportNumberSuffix: ERR.reportNumberSuffix }],
    ['only a slash', { reportNumberSuffix: '/' }, { reportNumberSuffix: ERR.reportNumberSuffix }],
    ['suffix with a space', { reportNumberSuffix: 'BC CAX' }, { reportNumberSuffix: ERR.reportNumberSuffix }],
    ['suffix with a second slash', { reportNumberSuffix: 'BC/CAX' }, { reportNumberSuffix: ERR.reportNumberSuffix }],
    ['a whole report number', { reportNumberSuffix: 'Số: 05/BC-CAX' }, { reportNumberSuffix: ERR.reportNumberSuffix }],
    ['suffix of 21 characters', { reportNumberSuffix: 'A'.repeat(21) }, { reportNumberSuffix: ERR.reportNumberSuffix }],
    ['cut-off empty', { cutoffDay: '' }, { cutoffDay: ERR.cutoffDay }],
    ['cut-off spaces', { cutoffDay: '  ' }, { cutoffDay: ERR.cutoffDay }],
    ['cut-off 0', { cutoffDay: '0' }, { cutoffDay: ERR.cutoffDay }],
    ['cut-off 29', { cutoffDay: '29' }, { cutoffDay: ERR.cutoffDay }],
    ['cut-off 31', { cutoffDay: '31' }, { cutoffDay: ERR.cutoffDay }],
    ['cut-off negative', { cutoffDay: '-5' }, { cutoffDay: ERR.cutoffDay }],
    ['cut-off a fraction', { cutoffDay: '20.5' }, { cutoffDay: ERR.cutoffDay }],
    ['cut-off with a decimal comma', { cutoffDay: '20,0' }, { cutoffDay: ERR.cutoffDay }],
    ['cut-off in words', { cutoffDay: 'hai mươi' }, { cutoffDay: ERR.cutoffDay }],
    ['cut-off with a unit', { cutoffDay: '20 ngày' }, { cutoffDay: ERR.cutoffDay }],
    // Number() reads these as 10, 16 and 20: a typed value must be plain digits
    ['cut-off in exponent form', { cutoffDay: '1e1' }, { cutoffDay: ERR.cutoffDay }],
    ['cut-off in hexadecimal', { cutoffDay: '0x10' }, { cutoffDay: ERR.cutoffDay }],
    ['cut-off with a decimal point', { cutoffDay: '20.0' }, { cutoffDay: ERR.cutoffDay }],
    ['cut-off number 0', { cutoffDay: 0 }, { cutoffDay: ERR.cutoffDay }],
    ['cut-off number 29', { cutoffDay: 29 }, { cutoffDay: ERR.cutoffDay }],
    ['cut-off number 12.5', { cutoffDay: 12.5 }, { cutoffDay: ERR.cutoffDay }],
    ['cut-off NaN', { cutoffDay: Number.NaN }, { cutoffDay: ERR.cutoffDay }],
    [
      'everything empty',
      { unitName: '', superiorName: '', superiorLevel: '', placeName: '', reportNumberSuffix: '', cutoffDay: '' },
      { ...ERR },
    ],
  ])('%s', (_name, over, errors) => {
    const r = validateUnitSettings({ ...VALID, ...over });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('invalid');
    expect(r.message).toBe('Thông tin đơn vị chưa hợp lệ.');
    expect(r.errors).toEqual(errors);
  });
});

describe('SUPERIOR_LEVEL_LABELS', () => {
  it('labels both levels (district police were abolished on 1 March 2025)', () => {
    expect(SUPERIOR_LEVEL_LABELS).toEqual({
      district: 'Công an cấp huyện',
      province: 'Công an cấp tỉnh (Phòng PC06)',
    });
  });
});
