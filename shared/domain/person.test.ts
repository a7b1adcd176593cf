import { describe, it, expect } from 'vitest';
import {
  checkPerson,
  EMPTY_PERSON_DRAFT,
  personSearchKeys,
  personToDraft,
  type PersonDraft,
  type PersonErrors,
  type PersonRules,
} from './person';
import type { PersonFields } from './types';

const TODAY = '2025-03-05';
const RULES: PersonRules = { today: TODAY };

/** A complete, valid individual: Nguyễn Văn Đức, male, born 12/03/1989 in Hà Nội. */
const VALID: PersonDraft = {
  fullName: 'Nguyễn Văn Đức',
  birthDate: '12/03/1989',
  sex: 'male',
  personalId: '001089012345',
  oldId: '',
  phone: '',
  hamletId: 'hamlet-1',
  address: 'Thôn Phú Bình',
  note: '',
};

const draft = (over: Partial<PersonDraft>): PersonDraft => ({ ...VALID, ...over });

describe('checkPerson — a valid person', () => {
  it('returns tidy values and no errors or issues', () => {
    expect(checkPerson(VALID, RULES)).toEqual({
      errors: {},
      idIssues: [],
      value: {
        fullName: 'Nguyễn Văn Đức',
        birthDate: '1989-03-12',
        sex: 'male',
        personalId: '001089012345',
        oldId: '',
        phone: '',
        hamletId: 'hamlet-1',
        address: 'Thôn Phú Bình',
        note: '',
      },
    });
  });

  it.each<[string, Partial<PersonDraft>, Partial<PersonFields>]>([
    ['all-capitals name', { fullName: '  NGUYỄN   VĂN ĐỨC ' }, { fullName: 'Nguyễn Văn Đức' }],
    ['lower-case name', { fullName: 'nguyễn văn đức' }, { fullName: 'Nguyễn Văn Đức' }],
    ['NFD name', { fullName: 'Nguyễn Văn Đức'.normalize('NFD') }, { fullName: 'Nguyễn Văn Đức' }],
    ['mixed case is kept', { fullName: 'Nguyễn văn Đức' }, { fullName: 'Nguyễn văn Đức' }],
    ['ID with spaces', { personalId: ' 001 089 012 345 ' }, { personalId: '001089012345' }],
    ['ID with dots', { personalId: '001.089.012.345' }, { personalId: '001089012345' }],
    ['old ID', { oldId: '123 456 789' }, { oldId: '123456789' }],
    ['old ID with dots', { oldId: '123.456.789' }, { oldId: '123456789' }],
    ['phone', { phone: '0912 345 678' }, { phone: '0912345678' }],
    ['phone +84', { phone: '+84 912 345 678' }, { phone: '0912345678' }],
    ['phone +84 0', { phone: '+84 0912.345.678' }, { phone: '0912345678' }],
    ['landline', { phone: '0258 3822 123' }, { phone: '02583822123' }],
    ['address and note tidied', { address: ' Thôn\u00a0Phú  Bình ', note: '\tcần bổ sung\n' }, { address: 'Thôn Phú Bình', note: 'cần bổ sung' }],
    // pasted from Zalo / Excel: invisible characters must not make a field invalid
    ['zero-width space in ID', { personalId: '001089012345\u200b' }, { personalId: '001089012345' }],
    ['zero-width space in old ID', { oldId: '123456789\u200b' }, { oldId: '123456789' }],
    ['zero-width space in phone', { phone: '0912\u200b345678' }, { phone: '0912345678' }],
    ['zero-width space in birth date', { birthDate: '12/03/1989\u200b' }, { birthDate: '1989-03-12' }],
  ])('%s', (_name, over, expected) => {
    const r = checkPerson(draft(over), RULES);
    expect(r.errors).toEqual({});
    expect(r.idIssues).toEqual([]);
    expect(r.value).toMatchObject(expected);
  });
});

describe('checkPerson — birth dates', () => {
  it.each([
    ['1950', '1950'],
    ['03/1950', '1950-03'],
    ['3/1950', '1950-03'],
    ['12/3/1950', '1950-03-12'],
    ['12.03.1950', '1950-03-12'],
    ['1950-03-12', '1950-03-12'],
    ['12031950', '1950-03-12'],
    ['00/00/1950', '1950'],
    // today and partial dates that include today are not in the future
    ['05/03/2025', '2025-03-05'],
    ['03/2025', '2025-03'],
    ['2025', '2025'],
  ])('%j → %j', (birthDate, stored) => {
    const r = checkPerson(draft({ birthDate, personalId: '' }), RULES);
    expect(r.errors).toEqual({});
    expect(r.value.birthDate).toBe(stored);
  });

  it.each([
    ['06/03/2025', 'Ngày sinh không được ở tương lai.'],
    ['04/2025', 'Ngày sinh không được ở tương lai.'],
    ['2026', 'Ngày sinh không được ở tương lai.'],
    ['1900', 'Tuổi trên 120 — kiểm tra lại năm sinh.'],
    ['13/1950', 'Tháng 13 không hợp lệ — tháng chỉ từ 1 đến 12.'],
    ['30/02/1950', 'Tháng 02/1950 không có ngày 30.'],
    ['12/3/50', 'Năm phải ghi đủ 4 chữ số, ví dụ 1950.'],
    ['năm 1950', 'Không đọc được ngày tháng "năm 1950". Ví dụ đúng: 1950, 03/1950 hoặc 12/03/1950.'],
    ['', 'Nhập ngày sinh (hoặc tháng/năm, hoặc năm sinh).'],
    ['   ', 'Nhập ngày sinh (hoặc tháng/năm, hoặc năm sinh).'],
  ])('%j → error %j', (birthDate, message) => {
    const r = checkPerson(draft({ birthDate, personalId: '' }), RULES);
    expect(r.errors).toEqual({ birthDate: message });
    expect(r.value.birthDate).toBe('');
  });

  it.each<[string, boolean]>([
    ['2010', true], // could be 15 already: benefit of the doubt
    ['03/2010', true],
    ['05/03/2010', true], // 15th birthday today
    ['06/03/2010', false],
    ['04/2010', false],
    ['2011', false],
  ])('labour (minAge 15): %j accepted: %s', (birthDate, accepted) => {
    const r = checkPerson(draft({ birthDate, personalId: '' }), { ...RULES, minAge: 15 });
    expect(r.errors).toEqual(accepted ? {} : { birthDate: 'Phải từ đủ 15 tuổi trở lên.' });
  });

  it('does not depend on the clock: the same draft is future or past depending on `today`', () => {
    const d = draft({ birthDate: '2030', personalId: '' });
    expect(checkPerson(d, { today: '2029-12-31' }).errors.birthDate).toBe('Ngày sinh không được ở tương lai.');
    expect(checkPerson(d, { today: '2030-01-01' }).errors).toEqual({});
  });
});

describe('checkPerson — required fields and field errors', () => {
  it.each<[string, PersonDraft, PersonRules, PersonErrors]>([
    [
      'an empty individual',
      EMPTY_PERSON_DRAFT,
      RULES,
      {
        fullName: 'Nhập họ và tên.',
        birthDate: 'Nhập ngày sinh (hoặc tháng/năm, hoặc năm sinh).',
        sex: 'Chọn giới tính.',
      },
    ],
    ['an empty organisation: only the name', EMPTY_PERSON_DRAFT, { ...RULES, organisation: true }, { fullName: 'Nhập họ và tên.' }],
    ['a name of spaces', draft({ fullName: ' \u00a0 ' }), RULES, { fullName: 'Nhập họ và tên.' }],
    ['no sex, DC01 (requireSex false)', draft({ sex: '' }), { ...RULES, requireSex: false }, {}],
    ['no sex, default rules', draft({ sex: '' }), RULES, { sex: 'Chọn giới tính.' }],
    ['no sex, requireSex true', draft({ sex: '' }), { ...RULES, requireSex: true }, { sex: 'Chọn giới tính.' }],
    ['unknown sex value', draft({ sex: 'nam' }), RULES, { sex: 'Chọn giới tính.' }],
    ['digits in a name', draft({ fullName: 'Nguyễn Văn 2' }), RULES, { fullName: 'Họ tên không được chứa chữ số.' }],
    ['digits in an organisation name', draft({ fullName: 'Trường THCS số 2', birthDate: '', sex: '', personalId: '' }), { ...RULES, organisation: true }, {}],
    ['a name of 101 characters', draft({ fullName: `Nguyễn ${'a'.repeat(94)}` }), RULES, { fullName: 'Họ tên quá dài (tối đa 100 ký tự).' }],
    ['a name of 100 characters', draft({ fullName: `Nguyễn ${'a'.repeat(93)}` }), RULES, {}],
    ['no ID when not required', draft({ personalId: '' }), RULES, {}],
    ['no ID when required (vehicle owner)', draft({ personalId: '  ' }), { ...RULES, requirePersonalId: true }, { personalId: 'Nhập số định danh cá nhân (12 chữ số).' }],
    ['ID of 11 digits (Excel ate a zero)', draft({ personalId: '1089012345' + '6' }), RULES, { personalId: 'Số định danh phải gồm đúng 12 chữ số (đang có 11).' }],
    ['ID of 13 digits', draft({ personalId: '0010890123456' }), RULES, { personalId: 'Số định danh phải gồm đúng 12 chữ số (đang có 13).' }],
    ['ID with a letter', draft({ personalId: '00108901234O' }), RULES, { personalId: 'Số định danh chỉ gồm chữ số, đúng 12 chữ số.' }],
    ['ID with hyphens', draft({ personalId: '001-089-012-345' }), { ...RULES, requirePersonalId: true }, { personalId: 'Số định danh chỉ gồm chữ số, đúng 12 chữ số.' }],
    ['old ID of 8 digits', draft({ oldId: '12345678' }), RULES, { oldId: 'Số CMND cũ phải gồm đúng 9 chữ số.' }],
    ['old ID of 12 digits', draft({ oldId: '001089012345' }), RULES, { oldId: 'Số CMND cũ phải gồm đúng 9 chữ số.' }],
    ['old ID with a letter', draft({ oldId: '12345678X' }), RULES, { oldId: 'Số CMND cũ phải gồm đúng 9 chữ số.' }],
    ['phone of 9 digits', draft({ phone: '091234567' }), RULES, { phone: 'Số điện thoại phải gồm 10 chữ số, bắt đầu bằng 0 (hoặc +84).' }],
    ['phone without 0', draft({ phone: '9123456789' }), RULES, { phone: 'Số điện thoại phải gồm 10 chữ số, bắt đầu bằng 0 (hoặc +84).' }],
    ['address of 301 characters', draft({ address: 'x'.repeat(301) }), RULES, { address: 'Địa chỉ quá dài (tối đa 300 ký tự).' }],
    ['address of 300 characters', draft({ address: 'x'.repeat(300) }), RULES, {}],
    ['note of 1001 characters', draft({ note: 'x'.repeat(1001) }), RULES, { note: 'Ghi chú quá dài (tối đa 1000 ký tự).' }],
    ['note of 1000 characters', draft({ note: 'x'.repeat(1000) }), RULES, {}],
    [
      'several errors at once',
      draft({ fullName: '', oldId: '1', phone: '1', birthDate: '2030' }),
      RULES,
      {
        fullName: 'Nhập họ và tên.',
        birthDate: 'Ngày sinh không được ở tương lai.',
        oldId: 'Số CMND cũ phải gồm đúng 9 chữ số.',
        phone: 'Số điện thoại phải gồm 10 chữ số, bắt đầu bằng 0 (hoặc +84).',
      },
    ],
  ])('%s', (_name, d, rules, errors) => {
    const r = checkPerson(d, rules);
    expect(r.errors).toEqual(errors);
  });

  it('a malformed ID is an error, not an issue, and is not kept', () => {
    const r = checkPerson(draft({ personalId: '00108901234' }), RULES);
    expect(r.idIssues).toEqual([]);
    expect(r.value.personalId).toBe('');
  });

  it('an organisation name is tidied but not title-cased', () => {
    const r = checkPerson({ ...EMPTY_PERSON_DRAFT, fullName: '  TRƯỜNG THCS   số 2 ' }, { ...RULES, organisation: true });
    expect(r.errors).toEqual({});
    expect(r.value).toMatchObject({ fullName: 'TRƯỜNG THCS số 2', birthDate: '', sex: '' });
  });
});

describe('checkPerson — personal ID structure issues (savable after confirmation)', () => {
  it.each<[string, Partial<PersonDraft>, string[]]>([
    ['matching ID', {}, []],
    ['matching ID, year of birth only', { birthDate: '1989' }, []],
    ['female ID, female', { personalId: '056185001234', sex: 'female', birthDate: '1985' }, []],
    ['2000s female ID', { personalId: '079305001234', sex: 'female', birthDate: '01/07/2005' }, []],
    ['sex contradicts', { sex: 'female' }, ['sex_mismatch']],
    ['year contradicts', { birthDate: '1950' }, ['year_mismatch']],
    ['century contradicts', { personalId: '001289012345' }, ['century_mismatch']],
    ['unknown province 099', { personalId: '099089012345' }, ['unknown_province']],
    ['century digit 7', { personalId: '001789012345' }, ['bad_century_digit']],
    ['several at once', { personalId: '099189012345', birthDate: '1950' }, ['unknown_province', 'sex_mismatch', 'year_mismatch']],
    // the birth date is wrong, so the ID cannot be compared with it
    ['birth date invalid: no year check', { birthDate: '2030', personalId: '001089012345' }, []],
    // no sex chosen (DC01): no sex check
    ['no sex: no sex check', { sex: '', personalId: '001189012345' }, []],
  ])('%s → %j', (_name, over, codes) => {
    const r = checkPerson(draft(over), { ...RULES, requireSex: false });
    expect(r.idIssues.map((i) => i.code)).toEqual(codes);
    // issues never block: the ID is not a field error and is kept for saving
    expect(r.errors.personalId).toBeUndefined();
    expect(r.value.personalId).toBe(over.personalId ?? VALID.personalId);
  });

  it('issues carry a Vietnamese message', () => {
    const r = checkPerson(draft({ sex: 'female', birthDate: '1950' }), RULES);
    expect(r.idIssues).toEqual([
      { code: 'sex_mismatch', message: 'Chữ số thứ 4 là 0 (nam) nhưng giới tính đã chọn là Nữ.' },
      { code: 'year_mismatch', message: 'Số định danh cho năm sinh 1989 nhưng ngày sinh đã nhập là 1950.' },
    ]);
  });
});

describe('personSearchKeys', () => {
  it.each<[string, string, string[]]>([
    ['Nguyễn Văn Đức', 'nguyen van duc', ['nguyen', 'van', 'duc']],
    ['NGUYỄN VĂN ĐỨC', 'nguyen van duc', ['nguyen', 'van', 'duc']],
    ['Nguyễn Văn Đức'.normalize('NFD'), 'nguyen van duc', ['nguyen', 'van', 'duc']],
    ['  Trần   Thị  Hương ', 'tran thi huong', ['tran', 'thi', 'huong']],
    ['Lê Lê Lợi', 'le le loi', ['le', 'loi']],
    ["H'Hen Niê", "h'hen nie", ["h'hen", 'nie']],
    ['Hội Cựu chiến binh (thôn 2)', 'hoi cuu chien binh (thon 2)', ['hoi', 'cuu', 'chien', 'binh', 'thon', '2']],
    ['', '', []],
  ])('%j → %j', (fullName, searchName, nameWords) => {
    expect(personSearchKeys({ fullName }, false)).toEqual({ searchName, nameWords, idFlagged: false });
  });

  it.each([true, false])('carries idFlagged %s', (flag) => {
    expect(personSearchKeys({ fullName: 'A' }, flag).idFlagged).toBe(flag);
  });
});

describe('personToDraft', () => {
  const stored = (over: Partial<PersonFields>): PersonFields => ({
    fullName: 'Nguyễn Văn Đức',
    birthDate: '1989-03-12',
    sex: 'male',
    personalId: '001089012345',
    oldId: '123456789',
    phone: '0912345678',
    hamletId: 'hamlet-1',
    address: 'Thôn Phú Bình',
    note: 'Hội viên mới',
    ...over,
  });

  it('turns stored values into form strings', () => {
    expect(personToDraft(stored({}))).toEqual({
      fullName: 'Nguyễn Văn Đức',
      birthDate: '12/03/1989',
      sex: 'male',
      personalId: '001089012345',
      oldId: '123456789',
      phone: '0912345678',
      hamletId: 'hamlet-1',
      address: 'Thôn Phú Bình',
      note: 'Hội viên mới',
    });
  });

  it.each<[string, Partial<PersonFields>, string]>([
    ['full birth date', {}, '12/03/1989'],
    ['month and year', { birthDate: '1989-03' }, '03/1989'],
    ['year only', { birthDate: '1989' }, '1989'],
    ['no birth date', { birthDate: '' }, ''],
  ])('birth date: %s → %j', (_name, over, birthDate) => {
    expect(personToDraft(stored(over)).birthDate).toBe(birthDate);
  });

  it.each<[string, Partial<PersonFields>, PersonRules]>([
    ['a full record', {}, RULES],
    ['month/year of birth', { birthDate: '1989-03' }, RULES],
    ['year of birth only', { birthDate: '1989' }, RULES],
    ['a female born in the 2000s', { fullName: 'Trần Thị Hương', sex: 'female', birthDate: '2005-07-01', personalId: '079305001234' }, RULES],
    ['no optional fields', { personalId: '', oldId: '', phone: '', hamletId: '', address: '', note: '' }, RULES],
    ['a landline', { phone: '02583822123' }, RULES],
    ['a DC01 case without sex', { sex: '' }, { ...RULES, requireSex: false }],
    ['a collective member', { fullName: 'Trường THCS số 2', birthDate: '', sex: '', personalId: '', oldId: '' }, { ...RULES, organisation: true }],
  ])('round trip: %s', (_name, over, rules) => {
    const person = stored(over);
    const r = checkPerson(personToDraft(person), rules);
    expect(r.errors).toEqual({});
    expect(r.idIssues).toEqual([]);
    expect(r.value).toEqual(person);
  });
});
