import { describe, it, expect } from 'vitest';
import {
  checkChassisNo,
  checkDeclaration,
  checkPlate,
  declarationHasErrors,
  declarationKeys,
  declarationToDraft,
  EMPTY_VEHICLE_DRAFT,
  normaliseChassisNo,
  plateKey,
  plateRequired,
  type DeclarationDraft,
  type VehicleDraft,
  type VehicleErrors,
} from './vehicles';
import { EMPTY_PERSON_DRAFT } from './person';
import type { PersonFields, Vehicle, VehicleKind } from './types';

const RULES = { today: '2025-03-05' };

describe('plateKey', () => {
  it.each([
    ['59-X1 234.56', '59X123456'],
    ['30A-123.45', '30A12345'],
    ['  29-b1   1234 ', '29B11234'],
    ['29-mđ1 234.56', '29MĐ123456'],
    ['29-MĐ1 234.56'.normalize('NFD'), '29MĐ123456'],
    ['59\u00a0X1\u2013234\u200b.56', '59X123456'],
    ['51LD-123.45', '51LD12345'],
    ['', ''],
    [' - . ', ''],
  ])('%j → %j', (raw, key) => {
    expect(plateKey(raw)).toBe(key);
  });
});

describe('checkPlate — accepted and written canonically', () => {
  it.each<[VehicleKind, string, string]>([
    // cars: one row
    ['car', '30A-123.45', '30A-123.45'],
    ['car', '30a12345', '30A-123.45'],
    ['car', '30A 123 45', '30A-123.45'],
    ['car', '30-A 123.45', '30A-123.45'],
    ['car', '51LD-123.45', '51LD-123.45'],
    ['car', '51ld12345', '51LD-123.45'],
    ['car', '30A-1234', '30A-1234'],
    ['car', '79A.1234', '79A-1234'],
    ['car', '99K-999.99', '99K-999.99'],
    ['car', '11A-000.01', '11A-000.01'],
    // motorbikes: two rows
    ['motorbike', '59-X1 234.56', '59-X1 234.56'],
    ['motorbike', '59X123456', '59-X1 234.56'],
    ['motorbike', '59x1-23456', '59-X1 234.56'],
    ['motorbike', '59X1 234.56', '59-X1 234.56'],
    ['motorbike', ' 59 - X1 - 234 . 56 ', '59-X1 234.56'],
    ['motorbike', '29-B1 1234', '29-B1 1234'],
    ['motorbike', '29B11234', '29-B1 1234'],
    ['motorbike', '59-AA 123.45', '59-AA 123.45'],
    ['motorbike', '59AA12345', '59-AA 123.45'],
    ['motorbike', '59AA-123.45', '59-AA 123.45'],
    ['motorbike', '59-AA1 2345', '59-AA1 2345'],
    ['motorbike', '59-AA1 234.56', '59-AA1 234.56'],
    ['motorbike', '29-AA 1234', '29-AA 1234'],
    // electric motorbikes: MĐ series, Đ kept
    ['e_motorbike', '29-MĐ1 234.56', '29-MĐ1 234.56'],
    ['e_motorbike', '29mđ123456', '29-MĐ1 234.56'],
    ['e_motorbike', '29-MĐ1 2345', '29-MĐ1 2345'],
    ['e_motorbike', '29MĐ12345', '29-MĐ1 2345'],
    ['e_motorbike', '29-MĐ1 234.56'.normalize('NFD'), '29-MĐ1 234.56'],
    // either family: the layout decides, else the kind's usual family
    ['tractor', '30A-123.45', '30A-123.45'],
    ['tractor', '30A12345', '30A-123.45'],
    ['tractor', '59-X1 234.56', '59-X1 234.56'],
    ['tractor', '59X123456', '59-X1 234.56'],
    ['tractor', '59-AA 123.45', '59-AA 123.45'],
    ['other', '30A-123.45', '30A-123.45'],
    ['other', '59AA12345', '59-AA 123.45'],
    ['other', '29-B1 1234', '29-B1 1234'],
    ['other', '30A-1234', '30A-1234'],
    ['e_bicycle', '29-MĐ1 234.56', '29-MĐ1 234.56'],
    ['e_bicycle', '29X12345', '29-X1 2345'],
  ])('%s %j → %j', (kind, raw, plate) => {
    const r = checkPlate(raw, kind);
    expect(r).toEqual({ ok: true, value: { plate, key: plateKey(plate) } });
  });

  it('the key of the canonical plate equals the key of what was typed', () => {
    const r = checkPlate('59x1-234 56', 'motorbike');
    expect(r.ok && r.value.key).toBe('59X123456');
  });
});

describe('checkPlate — refused', () => {
  const CAR = 'ví dụ 30A-123.45 hoặc 30A-1234';
  const BIKE = 'ví dụ 59-X1 234.56, 29-B1 1234 hoặc 59-AA 123.45';
  it.each<[VehicleKind, string, 'empty' | 'malformed', string]>([
    ['car', '', 'empty', `Nhập biển số (${CAR}).`],
    ['motorbike', '  ', 'empty', `Nhập biển số (${BIKE}).`],
    ['e_bicycle', '', 'empty', 'Nhập biển số (ví dụ 29-MĐ1 234.56).'],
    ['other', '-', 'empty', 'Nhập biển số (ví dụ 30A-123.45 hoặc 59-X1 234.56).'],
    ['car', '30A-123,45', 'malformed', `Biển số chỉ gồm chữ cái, chữ số và dấu phân cách (${CAR}).`],
    ['motorbike', '59-Ă1 234.56', 'malformed', `Biển số chỉ gồm chữ cái, chữ số và dấu phân cách (${BIKE}).`],
    ['car', '05A-123.45', 'malformed', 'Hai số đầu của biển số là mã địa phương, từ 11 đến 99 (đang là 05).'],
    ['motorbike', '10-X1 234.56', 'malformed', 'Hai số đầu của biển số là mã địa phương, từ 11 đến 99 (đang là 10).'],
    ['car', '30A-123.4', 'malformed', `Biển số không đúng dạng (${CAR}).`],
    ['car', '30A-123.456', 'malformed', `Biển số không đúng dạng (${CAR}).`],
    ['car', '30A-12.34', 'malformed', `Biển số không đúng dạng (${CAR}).`],
    ['motorbike', '59-X1 23.45', 'malformed', `Biển số không đúng dạng (${BIKE}).`],
    ['motorbike', '59-X1 2345.6', 'malformed', `Biển số không đúng dạng (${BIKE}).`],
    ['car', '3A-123.45', 'malformed', `Biển số không đúng dạng (${CAR}).`],
    ['car', '30ABC-123.45', 'malformed', `Biển số không đúng dạng (${CAR}).`],
    ['car', 'A30-123.45', 'malformed', `Biển số không đúng dạng (${CAR}).`],
    ['car', '30-123.45', 'malformed', `Biển số không đúng dạng (${CAR}).`],
    ['motorbike', '59-X1 234', 'malformed', `Biển số không đúng dạng (${BIKE}).`],
    ['motorbike', '59-X1 234.567', 'malformed', `Biển số không đúng dạng (${BIKE}).`],
    ['motorbike', '59-X12 234.56', 'malformed', `Biển số không đúng dạng (${BIKE}).`],
    ['motorbike', '59-X 1234', 'malformed', `Biển số không đúng dạng (${BIKE}).`],
    // a plate of the other family: say so
    ['car', '59-X1 234.56', 'malformed', 'Biển số ô tô có dạng 30A-123.45 hoặc 30A-1234; biển này có dạng biển xe máy — kiểm tra lại loại phương tiện.'],
    ['car', '29-B1 1234', 'malformed', 'Biển số ô tô có dạng 30A-123.45 hoặc 30A-1234; biển này có dạng biển xe máy — kiểm tra lại loại phương tiện.'],
    ['motorbike', '30A-123.45', 'malformed', 'Biển số xe máy có dạng 59-X1 234.56 hoặc 29-B1 1234; biển này có dạng biển ô tô — kiểm tra lại loại phương tiện.'],
    ['e_motorbike', '30A-1234', 'malformed', 'Biển số xe máy có dạng 59-X1 234.56 hoặc 29-B1 1234; biển này có dạng biển ô tô — kiểm tra lại loại phương tiện.'],
    ['tractor', '30A-123', 'malformed', 'Biển số không đúng dạng (ví dụ 30A-123.45 hoặc 59-X1 234.56).'],
  ])('%s %j → %s', (kind, raw, code, message) => {
    expect(checkPlate(raw, kind)).toEqual({ ok: false, code, message });
  });
});

describe('normaliseChassisNo and checkChassisNo', () => {
  it.each([
    ['rlhjc5240by123456', 'RLHJC5240BY123456'],
    [' JC52E-0123456 ', 'JC52E0123456'],
    ['JC52E 012.3456', 'JC52E0123456'],
    ['jc52e\u00a00123456', 'JC52E0123456'],
    ['', ''],
  ])('normalise %j → %j', (raw, value) => {
    expect(normaliseChassisNo(raw)).toBe(value);
  });

  it.each<[string, 'frame' | 'engine', string]>([
    ['RLHJC5240BY123456', 'frame', 'RLHJC5240BY123456'],
    ['rlhjc5240by-123456', 'frame', 'RLHJC5240BY123456'],
    ['JC52E-0123456', 'engine', 'JC52E0123456'],
    ['1234', 'engine', '1234'],
    ['A'.repeat(25), 'frame', 'A'.repeat(25)],
  ])('accepts %j (%s) → %j', (raw, what, value) => {
    expect(checkChassisNo(raw, what)).toEqual({ ok: true, value });
  });

  it.each<[string, 'frame' | 'engine', 'empty' | 'malformed', string]>([
    ['', 'frame', 'empty', 'Nhập số khung.'],
    [' . ', 'engine', 'empty', 'Nhập số máy.'],
    ['123', 'engine', 'malformed', 'Số máy phải có từ 4 đến 25 ký tự (đang có 3).'],
    ['A'.repeat(26), 'frame', 'malformed', 'Số khung phải có từ 4 đến 25 ký tự (đang có 26).'],
    ['RLHJC5240BY12345Đ', 'frame', 'malformed', 'Số khung chỉ gồm chữ cái không dấu và chữ số (A–Z, 0–9).'],
    ['JC52E/0123456', 'engine', 'malformed', 'Số máy chỉ gồm chữ cái không dấu và chữ số (A–Z, 0–9).'],
    ['JC52E#0123', 'engine', 'malformed', 'Số máy chỉ gồm chữ cái không dấu và chữ số (A–Z, 0–9).'],
  ])('refuses %j (%s)', (raw, what, code, message) => {
    expect(checkChassisNo(raw, what)).toEqual({ ok: false, code, message });
  });
});

describe('plateRequired', () => {
  it.each<[string, boolean]>([
    ['motorbike', true],
    ['car', true],
    ['e_motorbike', true],
    ['tractor', true],
    ['e_bicycle', false],
    ['other', false],
  ])('%s → %s', (kind, required) => {
    expect(plateRequired(kind)).toBe(required);
  });
});

// ---------------------------------------------------------------- declarations

const OWNER = {
  ...EMPTY_PERSON_DRAFT,
  fullName: 'Nguyễn Văn Đức',
  birthDate: '12/03/1989',
  sex: 'male',
  personalId: '001089012345',
  hamletId: 'hamlet-1',
  address: 'Thôn Phú Bình',
};

const OWNER_VALUE: PersonFields = {
  fullName: 'Nguyễn Văn Đức',
  birthDate: '1989-03-12',
  sex: 'male',
  personalId: '001089012345',
  oldId: '',
  phone: '',
  hamletId: 'hamlet-1',
  address: 'Thôn Phú Bình',
  note: '',
};

const BIKE: VehicleDraft = {
  kind: 'motorbike',
  plate: '59x1-23456',
  brand: 'Honda',
  model: 'Wave Alpha',
  colour: 'Đỏ đen',
  frameNo: 'rlhjc5240by-123456',
  engineNo: 'jc52e 0123456',
};

const CAR: VehicleDraft = {
  kind: 'car',
  plate: '79a12345',
  brand: 'Toyota',
  model: 'Vios',
  colour: 'Trắng',
  frameNo: '',
  engineNo: '',
};

const decl = (vehicles: VehicleDraft[], owner: Partial<DeclarationDraft> = {}): DeclarationDraft => ({
  ...OWNER,
  ...owner,
  vehicles,
});
const bike = (over: Partial<VehicleDraft>): VehicleDraft => ({ ...BIKE, ...over });

describe('checkDeclaration — valid', () => {
  it('returns the owner and tidy vehicles, in draft order', () => {
    const r = checkDeclaration(decl([BIKE, CAR]), RULES);
    expect(r.errors).toEqual({});
    expect(r.vehicleErrors).toEqual([{}, {}]);
    expect(r.idIssues).toEqual([]);
    expect(declarationHasErrors(r)).toBe(false);
    expect(r.value).toEqual({
      person: OWNER_VALUE,
      vehicles: [
        {
          kind: 'motorbike',
          plate: '59-X1 234.56',
          brand: 'Honda',
          model: 'Wave Alpha',
          colour: 'Đỏ đen',
          frameNo: 'RLHJC5240BY123456',
          engineNo: 'JC52E0123456',
        },
        { kind: 'car', plate: '79A-123.45', brand: 'Toyota', model: 'Vios', colour: 'Trắng', frameNo: '', engineNo: '' },
      ],
    });
  });

  it.each<[string, VehicleDraft[]]>([
    ['electric bicycle without a plate', [{ ...EMPTY_VEHICLE_DRAFT, kind: 'e_bicycle', brand: 'Asama' }]],
    ['other vehicle without a plate', [{ ...EMPTY_VEHICLE_DRAFT, kind: 'other' }]],
    ['electric bicycle with a plate', [{ ...EMPTY_VEHICLE_DRAFT, kind: 'e_bicycle', plate: '29-MĐ1 234.56' }]],
    ['two vehicles without plates', [{ ...EMPTY_VEHICLE_DRAFT, kind: 'e_bicycle' }, { ...EMPTY_VEHICLE_DRAFT, kind: 'e_bicycle' }]],
    ['two vehicles, different numbers', [BIKE, bike({ plate: '59-X1 234.57', frameNo: 'RLHJC5240BY123457', engineNo: 'JC52E0123457' })]],
    ['frame and engine numbers empty', [bike({ frameNo: '', engineNo: '' })]],
    ['a tractor', [{ ...EMPTY_VEHICLE_DRAFT, kind: 'tractor', plate: '68A-012.34' }]],
  ])('%s', (_name, vehicles) => {
    const r = checkDeclaration(decl(vehicles), RULES);
    expect(r.errors).toEqual({});
    expect(r.vehicleErrors).toEqual(vehicles.map(() => ({})));
    expect(r.value.vehicles).toHaveLength(vehicles.length);
  });

  it('a structurally wrong owner ID is an issue to confirm, not an error', () => {
    const r = checkDeclaration(decl([BIKE], { personalId: '001189012345' }), RULES);
    expect(declarationHasErrors(r)).toBe(false);
    expect(r.idIssues.map((i) => i.code)).toEqual(['sex_mismatch']);
  });
});

describe('checkDeclaration — owner errors', () => {
  it.each<[string, Partial<DeclarationDraft>, Record<string, string>]>([
    ['no personal ID', { personalId: '' }, { personalId: 'Nhập số định danh cá nhân (12 chữ số).' }],
    ['11-digit personal ID', { personalId: '01089012345' }, { personalId: 'Số định danh phải gồm đúng 12 chữ số (đang có 11).' }],
    ['no name', { fullName: '' }, { fullName: 'Nhập họ và tên.' }],
    ['no birth date', { birthDate: '' }, { birthDate: 'Nhập ngày sinh (hoặc tháng/năm, hoặc năm sinh).' }],
  ])('%s', (_name, owner, errors) => {
    const r = checkDeclaration(decl([BIKE], owner), RULES);
    expect(r.errors).toEqual(errors);
    expect(declarationHasErrors(r)).toBe(true);
  });

  it('a declaration needs at least one vehicle', () => {
    const r = checkDeclaration(decl([]), RULES);
    expect(r.errors).toEqual({ vehicles: 'Tờ khai phải có ít nhất một phương tiện.' });
    expect(r.vehicleErrors).toEqual([]);
    expect(declarationHasErrors(r)).toBe(true);
  });
});

describe('checkDeclaration — vehicle errors', () => {
  it.each<[string, VehicleDraft[], VehicleErrors[]]>([
    ['motorbike without a plate', [bike({ plate: '' })], [{ plate: 'Nhập biển số (ví dụ 59-X1 234.56, 29-B1 1234 hoặc 59-AA 123.45).' }]],
    ['car without a plate', [{ ...CAR, plate: ' ' }], [{ plate: 'Nhập biển số (ví dụ 30A-123.45 hoặc 30A-1234).' }]],
    ['tractor without a plate', [{ ...EMPTY_VEHICLE_DRAFT, kind: 'tractor' }], [{ plate: 'Nhập biển số (ví dụ 30A-123.45 hoặc 59-X1 234.56).' }]],
    ['a malformed plate, even where none is required', [{ ...EMPTY_VEHICLE_DRAFT, kind: 'other', plate: '12' }], [{ plate: 'Biển số không đúng dạng (ví dụ 30A-123.45 hoặc 59-X1 234.56).' }]],
    ['car with a motorbike plate', [{ ...CAR, plate: '59-X1 234.56' }], [{ plate: 'Biển số ô tô có dạng 30A-123.45 hoặc 30A-1234; biển này có dạng biển xe máy — kiểm tra lại loại phương tiện.' }]],
    ['unknown kind', [bike({ kind: 'truck' })], [{ kind: 'Chọn loại phương tiện trong danh sách.' }]],
    ['no kind, no plate: only the kind is asked', [bike({ kind: '', plate: '' })], [{ kind: 'Chọn loại phương tiện trong danh sách.' }]],
    ['short frame number', [bike({ frameNo: 'RLH' })], [{ frameNo: 'Số khung phải có từ 4 đến 25 ký tự (đang có 3).' }]],
    ['engine number with a Vietnamese letter', [bike({ engineNo: 'JC52Đ0123456' })], [{ engineNo: 'Số máy chỉ gồm chữ cái không dấu và chữ số (A–Z, 0–9).' }]],
    ['brand of 101 characters', [bike({ brand: 'x'.repeat(101) })], [{ brand: 'Nhãn hiệu quá dài (tối đa 100 ký tự).' }]],
    ['model of 101 characters', [bike({ model: 'x'.repeat(101) })], [{ model: 'Số loại quá dài (tối đa 100 ký tự).' }]],
    ['colour of 101 characters', [bike({ colour: 'x'.repeat(101) })], [{ colour: 'Màu sơn quá dài (tối đa 100 ký tự).' }]],
    [
      'the same plate twice, typed differently: error on the later one',
      [BIKE, bike({ plate: '59-X1 234.56', frameNo: '', engineNo: '' })],
      [{}, { plate: 'Biển số trùng với phương tiện thứ 1 trong tờ khai.' }],
    ],
    [
      'the same frame and engine numbers twice',
      [CAR, BIKE, bike({ plate: '59-X1 999.99', frameNo: 'RLHJC5240BY 123456', engineNo: 'JC52E-0123456' })],
      [{}, {}, { frameNo: 'Số khung trùng với phương tiện thứ 2 trong tờ khai.', engineNo: 'Số máy trùng với phương tiện thứ 2 trong tờ khai.' }],
    ],
    [
      'three times the same plate: both later ones point at the first',
      [BIKE, bike({ frameNo: '', engineNo: '' }), bike({ frameNo: '', engineNo: '' })],
      [{}, { plate: 'Biển số trùng với phương tiện thứ 1 trong tờ khai.' }, { plate: 'Biển số trùng với phương tiện thứ 1 trong tờ khai.' }],
    ],
    [
      'empty plates are not duplicates of each other',
      [{ ...EMPTY_VEHICLE_DRAFT, kind: 'other' }, { ...EMPTY_VEHICLE_DRAFT, kind: 'e_bicycle' }],
      [{}, {}],
    ],
  ])('%s', (_name, vehicles, vehicleErrors) => {
    const r = checkDeclaration(decl(vehicles), RULES);
    expect(r.errors).toEqual({});
    expect(r.vehicleErrors).toEqual(vehicleErrors);
    expect(declarationHasErrors(r)).toBe(vehicleErrors.some((e) => Object.keys(e).length > 0));
  });
});

describe('declarationKeys', () => {
  const v = (plate: string, frameNo = '', engineNo = ''): Pick<Vehicle, 'plate' | 'frameNo' | 'engineNo'> => ({ plate, frameNo, engineNo });
  it.each<[string, Pick<Vehicle, 'plate' | 'frameNo' | 'engineNo'>[], ReturnType<typeof declarationKeys>]>([
    ['none', [], { plateKeys: [], frameKeys: [], engineKeys: [] }],
    ['one motorbike', [v('59-X1 234.56', 'RLHJC5240BY123456', 'JC52E0123456')], { plateKeys: ['59X123456'], frameKeys: ['RLHJC5240BY123456'], engineKeys: ['JC52E0123456'] }],
    ['empty values skipped', [v(''), v('30A-123.45')], { plateKeys: ['30A12345'], frameKeys: [], engineKeys: [] }],
    ['duplicates removed, order kept', [v('30A-123.45', 'F1'), v('59-X1 234.56', 'f-1'), v('30a12345')], { plateKeys: ['30A12345', '59X123456'], frameKeys: ['F1'], engineKeys: [] }],
    ['legacy untidy values', [v(' 29-mđ1 234.56 ', 'abc 123', 'x.y.z')], { plateKeys: ['29MĐ123456'], frameKeys: ['ABC123'], engineKeys: ['XYZ'] }],
  ])('%s', (_name, vehicles, keys) => {
    expect(declarationKeys(vehicles)).toEqual(keys);
  });
});

describe('declarationToDraft', () => {
  const vehicles: Vehicle[] = [
    { id: 'v1', kind: 'motorbike', plate: '59-X1 234.56', brand: 'Honda', model: 'Wave Alpha', colour: 'Đỏ đen', frameNo: 'RLHJC5240BY123456', engineNo: 'JC52E0123456' },
    { id: 'v2', kind: 'e_bicycle', plate: '', brand: 'Asama', model: '', colour: '', frameNo: '', engineNo: '' },
  ];

  it.each<[string, PersonFields & { vehicles: Vehicle[] }]>([
    ['two vehicles', { ...OWNER_VALUE, vehicles }],
    ['year-only birth date, one car', { ...OWNER_VALUE, birthDate: '1989', vehicles: [{ id: 'v3', kind: 'car', plate: '30A-1234', brand: '', model: '', colour: '', frameNo: '', engineNo: '' }] }],
  ])('round-trips %s through checkDeclaration', (_name, stored) => {
    const r = checkDeclaration(declarationToDraft(stored), RULES);
    expect(declarationHasErrors(r)).toBe(false);
    expect(r.value.person).toEqual(OWNER_VALUE.birthDate === stored.birthDate ? OWNER_VALUE : { ...OWNER_VALUE, birthDate: stored.birthDate });
    expect(r.value.vehicles).toEqual(stored.vehicles.map(({ id: _id, ...rest }) => rest));
  });

  it('writes form strings and drops ids', () => {
    expect(declarationToDraft({ ...OWNER_VALUE, vehicles })).toEqual({
      ...OWNER,
      vehicles: vehicles.map(({ id: _id, ...rest }) => rest),
    });
  });
});
