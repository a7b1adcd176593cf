import { describe, it, expect } from 'vitest';
import {
  checkLabour,
  ECONOMIC_STATUSES,
  EMPLOYMENT_POSITIONS,
  EMPTY_LABOUR_DRAFT,
  ETHNICITIES,
  GENERAL_EDUCATION_LEVELS,
  INACTIVE_REASONS,
  isTrainedQualification,
  keyOfLabel,
  LABOUR_FIELDS_BY_STATUS,
  labelOf,
  labourFieldsFor,
  labourToDraft,
  RELATIONS_TO_HEAD,
  TECHNICAL_QUALIFICATIONS,
  UNEMPLOYMENT_DURATIONS,
  WORKPLACE_TYPES,
  type Choice,
  type LabourDraft,
  type LabourErrors,
  type LabourFields,
} from './labour';
import { EMPTY_PERSON_DRAFT } from './person';

const TODAY = '2025-03-05';
const RULES = { today: TODAY };

/** Nguyễn Văn Đức, male, born 12/03/1989 in Hà Nội, working for a private company. */
const EMPLOYED: LabourDraft = {
  ...EMPTY_LABOUR_DRAFT,
  fullName: 'Nguyễn Văn Đức',
  birthDate: '12/03/1989',
  sex: 'male',
  personalId: '001089012345',
  hamletId: 'hamlet-1',
  address: 'Thôn Phú Bình',
  socialInsuranceNo: '0123456789',
  permanentAddress: 'Thôn Phú Bình, xã Vĩnh Hiệp',
  currentAddress: 'Thôn Phú Bình, xã Vĩnh Hiệp',
  ethnicity: 'kinh',
  generalEducation: 'upper_secondary',
  technicalQualification: 'college',
  fieldOfTraining: 'Điện công nghiệp',
  economicStatus: 'employed',
  employmentPosition: 'employee',
  job: 'Thợ điện',
  hasLabourContract: 'yes',
  hasSocialInsurance: 'no',
  workplaceName: 'Công ty TNHH Điện Nam Trung',
  workplaceType: 'private_enterprise',
  workplaceAddress: 'KCN Suối Dầu, Cam Lâm',
  relationToHead: 'head',
};

const PERSON_VALUE = {
  fullName: 'Nguyễn Văn Đức',
  birthDate: '1989-03-12',
  sex: 'male',
  personalId: '001089012345',
  oldId: '',
  phone: '',
  hamletId: 'hamlet-1',
  address: 'Thôn Phú Bình',
  note: '',
} as const;

const EMPLOYED_VALUE: LabourFields = {
  ...PERSON_VALUE,
  socialInsuranceNo: '0123456789',
  permanentAddress: 'Thôn Phú Bình, xã Vĩnh Hiệp',
  currentAddress: 'Thôn Phú Bình, xã Vĩnh Hiệp',
  ethnicity: 'kinh',
  generalEducation: 'upper_secondary',
  technicalQualification: 'college',
  fieldOfTraining: 'Điện công nghiệp',
  economicStatus: 'employed',
  employmentPosition: 'employee',
  job: 'Thợ điện',
  hasLabourContract: true,
  hasSocialInsurance: false,
  workplaceName: 'Công ty TNHH Điện Nam Trung',
  workplaceType: 'private_enterprise',
  workplaceAddress: 'KCN Suối Dầu, Cam Lâm',
  relationToHead: 'head',
};

/** The employed answers, all filled, to show they are dropped for other statuses. */
const COMMON_VALUE = {
  ...PERSON_VALUE,
  socialInsuranceNo: '0123456789',
  permanentAddress: 'Thôn Phú Bình, xã Vĩnh Hiệp',
  currentAddress: 'Thôn Phú Bình, xã Vĩnh Hiệp',
  ethnicity: 'kinh',
  generalEducation: 'upper_secondary',
  technicalQualification: 'college',
  fieldOfTraining: 'Điện công nghiệp',
  relationToHead: 'head',
} as const;

const draft = (over: Partial<LabourDraft>): LabourDraft => ({ ...EMPLOYED, ...over });

describe('closed lists', () => {
  const LISTS: [string, readonly Choice[], number][] = [
    ['ETHNICITIES', ETHNICITIES, 55],
    ['GENERAL_EDUCATION_LEVELS', GENERAL_EDUCATION_LEVELS, 5],
    ['TECHNICAL_QUALIFICATIONS', TECHNICAL_QUALIFICATIONS, 9],
    ['ECONOMIC_STATUSES', ECONOMIC_STATUSES, 3],
    ['EMPLOYMENT_POSITIONS', EMPLOYMENT_POSITIONS, 5],
    ['WORKPLACE_TYPES', WORKPLACE_TYPES, 9],
    ['UNEMPLOYMENT_DURATIONS', UNEMPLOYMENT_DURATIONS, 3],
    ['INACTIVE_REASONS', INACTIVE_REASONS, 5],
    ['RELATIONS_TO_HEAD', RELATIONS_TO_HEAD, 8],
  ];

  it.each(LISTS)('%s: %#, stable ASCII slugs, unique keys and labels, NFC labels', (_name, list, size) => {
    expect(list).toHaveLength(size);
    for (const { key, label } of list) {
      expect(key).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(label.trim()).toBe(label);
      expect(label).not.toBe('');
      expect(label.normalize('NFC')).toBe(label);
    }
    expect(new Set(list.map((c) => c.key)).size).toBe(list.length);
    expect(new Set(list.map((c) => c.label)).size).toBe(list.length);
  });

  it('ethnicities: Kinh first, the 54 groups, then foreigners', () => {
    expect(ETHNICITIES[0]).toEqual({ key: 'kinh', label: 'Kinh' });
    expect(ETHNICITIES.at(-2)).toEqual({ key: 'ro_mam', label: 'Rơ Măm' });
    expect(ETHNICITIES.at(-1)).toEqual({ key: 'foreigner', label: 'Người nước ngoài' });
  });

  it('economic statuses use exactly the EconomicStatus keys', () => {
    expect(ECONOMIC_STATUSES.map((s) => s.key)).toEqual(['employed', 'unemployed', 'inactive']);
    expect(ECONOMIC_STATUSES.map((s) => s.label)).toEqual(['Có việc làm', 'Thất nghiệp', 'Không tham gia hoạt động kinh tế']);
  });

  it('the empty draft is Kinh by default and otherwise empty', () => {
    expect(EMPTY_LABOUR_DRAFT).toMatchObject({ ...EMPTY_PERSON_DRAFT, ethnicity: 'kinh', economicStatus: '', hasLabourContract: '' });
  });
});

describe('labelOf', () => {
  it.each<[readonly Choice[], string, string]>([
    [ETHNICITIES, 'kinh', 'Kinh'],
    [ETHNICITIES, 'e_de', 'Ê Đê'],
    [ETHNICITIES, 'foreigner', 'Người nước ngoài'],
    [ECONOMIC_STATUSES, 'inactive', 'Không tham gia hoạt động kinh tế'],
    [TECHNICAL_QUALIFICATIONS, 'short_course', 'Chứng chỉ nghề dưới 3 tháng'],
    [WORKPLACE_TYPES, 'foreign_enterprise', 'Doanh nghiệp có vốn đầu tư nước ngoài'],
    [RELATIONS_TO_HEAD, 'spouse', 'Vợ/chồng'],
    [ETHNICITIES, '', ''],
    [ETHNICITIES, 'martian', 'martian'], // unknown keys are shown, never hidden
  ])('%#: %j → %j', (list, key, label) => {
    expect(labelOf(list, key)).toBe(label);
  });
});

describe('keyOfLabel (imports carrying labels)', () => {
  it.each<[readonly Choice[], string, string | undefined]>([
    [ETHNICITIES, 'Tày', 'tay'],
    [ETHNICITIES, 'TÀY', 'tay'],
    [ETHNICITIES, ' tày ', 'tay'],
    [ETHNICITIES, 'Ê Đê'.normalize('NFD'), 'e_de'],
    [ETHNICITIES, 'e de', 'e_de'],
    [ETHNICITIES, 'kinh', 'kinh'],
    [ETHNICITIES, 'gia_rai', 'gia_rai'],
    [GENERAL_EDUCATION_LEVELS, 'Tốt nghiệp trung học phổ thông', 'upper_secondary'],
    [INACTIVE_REASONS, 'nội trợ', 'homemaker'],
    [ETHNICITIES, '', undefined],
    [ETHNICITIES, 'Kinh tế', undefined],
  ])('%#: %j → %j', (list, text, key) => {
    expect(keyOfLabel(list, text)).toBe(key);
  });
});

describe('isTrainedQualification', () => {
  it.each([
    ['untrained', false],
    ['', false],
    ['phd', false],
    ['no_certificate', true],
    ['short_course', true],
    ['elementary', true],
    ['intermediate', true],
    ['college', true],
    ['university', true],
    ['master', true],
    ['doctorate', true],
  ])('%j → %s', (key, trained) => {
    expect(isTrainedQualification(key)).toBe(trained);
  });
});

describe('labourFieldsFor', () => {
  it.each<[string, readonly (keyof LabourDraft)[]]>([
    [
      'employed',
      ['employmentPosition', 'job', 'hasLabourContract', 'hasSocialInsurance', 'workplaceName', 'workplaceType', 'workplaceAddress'],
    ],
    ['unemployed', ['unemploymentDuration']],
    ['inactive', ['inactiveReason']],
    ['', []],
    ['retired', []],
  ])('%j', (status, fields) => {
    expect(labourFieldsFor(status)).toEqual(fields);
  });

  it('no field belongs to two statuses', () => {
    const all = Object.values(LABOUR_FIELDS_BY_STATUS).flat();
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('checkLabour — valid forms', () => {
  it.each<[string, LabourDraft, LabourFields]>([
    ['employed, everything answered', EMPLOYED, EMPLOYED_VALUE],
    [
      'unemployed: only the duration of the status answers is kept',
      draft({ economicStatus: 'unemployed', unemploymentDuration: 'from_3_to_12_months', inactiveReason: 'retired' }),
      { ...COMMON_VALUE, economicStatus: 'unemployed', unemploymentDuration: 'from_3_to_12_months' },
    ],
    [
      'inactive: only the reason of the status answers is kept',
      draft({ economicStatus: 'inactive', inactiveReason: 'studying', unemploymentDuration: 'over_12_months' }),
      { ...COMMON_VALUE, economicStatus: 'inactive', inactiveReason: 'studying' },
    ],
    [
      'employed, optional answers left empty: yes/no questions not stored',
      draft({
        job: '',
        hasLabourContract: '',
        hasSocialInsurance: '',
        workplaceName: '',
        workplaceType: '',
        workplaceAddress: '',
        employmentPosition: 'own_account',
      }),
      {
        ...COMMON_VALUE,
        economicStatus: 'employed',
        employmentPosition: 'own_account',
        job: '',
        workplaceName: '',
        workplaceType: '',
        workplaceAddress: '',
      },
    ],
    [
      'minimal: identity, status and its required answer',
      {
        ...EMPTY_LABOUR_DRAFT,
        fullName: 'trần thị bích',
        birthDate: '1985',
        sex: 'female',
        personalId: '056185001234',
        ethnicity: '',
        economicStatus: 'inactive',
        inactiveReason: 'homemaker',
      },
      {
        fullName: 'Trần Thị Bích',
        birthDate: '1985',
        sex: 'female',
        personalId: '056185001234',
        oldId: '',
        phone: '',
        hamletId: '',
        address: '',
        note: '',
        socialInsuranceNo: '',
        permanentAddress: '',
        currentAddress: '',
        ethnicity: '',
        generalEducation: '',
        technicalQualification: '',
        fieldOfTraining: '',
        economicStatus: 'inactive',
        inactiveReason: 'homemaker',
        relationToHead: '',
      },
    ],
  ])('%s', (_name, d, value) => {
    const r = checkLabour(d, RULES);
    expect(r.errors).toEqual({});
    expect(r.idIssues).toEqual([]);
    expect(r.value).toEqual(value);
  });

  it.each<[string, Partial<LabourDraft>, Partial<LabourFields>]>([
    ['social insurance number with spaces', { socialInsuranceNo: ' 01 2345 6789 ' }, { socialInsuranceNo: '0123456789' }],
    ['social insurance number with dots', { socialInsuranceNo: '0123.456.789' }, { socialInsuranceNo: '0123456789' }],
    ['no social insurance number', { socialInsuranceNo: '' }, { socialInsuranceNo: '' }],
    ['texts tidied (NFD, NBSP, double spaces)', { job: ' Thợ\u00a0 điện '.normalize('NFD'), workplaceAddress: 'KCN  Suối Dầu ' }, { job: 'Thợ điện', workplaceAddress: 'KCN Suối Dầu' }],
    ['keys trimmed', { ethnicity: ' tay ', economicStatus: ' employed ' }, { ethnicity: 'tay', economicStatus: 'employed' }],
    ['field of training kept for a short course', { technicalQualification: 'short_course', fieldOfTraining: 'Hàn' }, { technicalQualification: 'short_course', fieldOfTraining: 'Hàn' }],
    ['field of training dropped when untrained', { technicalQualification: 'untrained', fieldOfTraining: 'Hàn' }, { technicalQualification: 'untrained', fieldOfTraining: '' }],
    ['field of training dropped when no qualification given', { technicalQualification: '', fieldOfTraining: 'Hàn' }, { technicalQualification: '', fieldOfTraining: '' }],
    ['labour contract no, insurance yes', { hasLabourContract: 'no', hasSocialInsurance: 'yes' }, { hasLabourContract: false, hasSocialInsurance: true }],
    ['15th birthday today (ID: 2000s male, born 2010)', { birthDate: '05/03/2010', personalId: '001210012345' }, { birthDate: '2010-03-05' }],
    ['born some time in 2010: benefit of the doubt', { birthDate: '2010', personalId: '001210012345' }, { birthDate: '2010' }],
  ])('%s', (_name, over, expected) => {
    const r = checkLabour(draft(over), RULES);
    expect(r.errors).toEqual({});
    expect(r.value).toMatchObject(expected);
  });
});

describe('checkLabour — errors', () => {
  it.each<[string, LabourDraft, LabourErrors]>([
    [
      'an empty form',
      EMPTY_LABOUR_DRAFT,
      {
        fullName: 'Nhập họ và tên.',
        birthDate: 'Nhập ngày sinh (hoặc tháng/năm, hoặc năm sinh).',
        sex: 'Chọn giới tính.',
        personalId: 'Nhập số định danh cá nhân (12 chữ số).',
        economicStatus: 'Chọn tình trạng hoạt động kinh tế.',
      },
    ],
    ['under 15', draft({ birthDate: '06/03/2010', personalId: '001210012345' }), { birthDate: 'Phiếu thông tin người lao động chỉ dành cho người từ đủ 15 tuổi trở lên.' }],
    ['born 2011', draft({ birthDate: '2011', personalId: '001211012345' }), { birthDate: 'Phiếu thông tin người lao động chỉ dành cho người từ đủ 15 tuổi trở lên.' }],
    ['born in the future: the general message stays', draft({ birthDate: '2026' }), { birthDate: 'Ngày sinh không được ở tương lai.' }],
    ['no personal ID', draft({ personalId: '' }), { personalId: 'Nhập số định danh cá nhân (12 chữ số).' }],
    ['unknown economic status', draft({ economicStatus: 'retired' }), { economicStatus: 'Chọn tình trạng hoạt động kinh tế trong danh sách.' }],
    ['employed without position', draft({ employmentPosition: '' }), { employmentPosition: 'Chọn vị thế việc làm.' }],
    ['employed, unknown position', draft({ employmentPosition: 'boss' }), { employmentPosition: 'Chọn vị thế việc làm trong danh sách.' }],
    ['employed, unknown workplace type', draft({ workplaceType: 'startup' }), { workplaceType: 'Chọn loại hình nơi làm việc trong danh sách.' }],
    ['unemployed without duration', draft({ economicStatus: 'unemployed' }), { unemploymentDuration: 'Chọn thời gian thất nghiệp.' }],
    ['unemployed, unknown duration', draft({ economicStatus: 'unemployed', unemploymentDuration: '6_months' }), { unemploymentDuration: 'Chọn thời gian thất nghiệp trong danh sách.' }],
    ['inactive without reason', draft({ economicStatus: 'inactive' }), { inactiveReason: 'Chọn lý do không tham gia hoạt động kinh tế.' }],
    ['inactive, unknown reason', draft({ economicStatus: 'inactive', inactiveReason: 'lazy' }), { inactiveReason: 'Chọn lý do không tham gia hoạt động kinh tế trong danh sách.' }],
    ['unemployed: a bad employed answer is not checked', draft({ economicStatus: 'unemployed', unemploymentDuration: 'under_3_months', employmentPosition: 'boss' }), {}],
    ['unknown ethnicity', draft({ ethnicity: 'Kinh' }), { ethnicity: 'Chọn dân tộc trong danh sách.' }],
    ['unknown education', draft({ generalEducation: 'grade_12' }), { generalEducation: 'Chọn trình độ giáo dục phổ thông trong danh sách.' }],
    ['unknown qualification', draft({ technicalQualification: 'phd' }), { technicalQualification: 'Chọn trình độ chuyên môn kỹ thuật trong danh sách.' }],
    ['unknown relation', draft({ relationToHead: 'cousin' }), { relationToHead: 'Chọn quan hệ với chủ hộ trong danh sách.' }],
    ['social insurance number of 9 digits', draft({ socialInsuranceNo: '012345678' }), { socialInsuranceNo: 'Mã số BHXH phải gồm đúng 10 chữ số.' }],
    ['social insurance number of 11 digits', draft({ socialInsuranceNo: '01234567890' }), { socialInsuranceNo: 'Mã số BHXH phải gồm đúng 10 chữ số.' }],
    ['social insurance number with a letter', draft({ socialInsuranceNo: '012345678X' }), { socialInsuranceNo: 'Mã số BHXH phải gồm đúng 10 chữ số.' }],
    ['permanent address of 301 characters', draft({ permanentAddress: 'x'.repeat(301) }), { permanentAddress: 'Nơi thường trú quá dài (tối đa 300 ký tự).' }],
    ['current address of 301 characters', draft({ currentAddress: 'x'.repeat(301) }), { currentAddress: 'Nơi ở hiện tại quá dài (tối đa 300 ký tự).' }],
    ['job of 201 characters', draft({ job: 'x'.repeat(201) }), { job: 'Công việc cụ thể quá dài (tối đa 200 ký tự).' }],
    ['job of 200 characters', draft({ job: 'x'.repeat(200) }), {}],
    ['workplace name of 201 characters', draft({ workplaceName: 'x'.repeat(201) }), { workplaceName: 'Tên nơi làm việc quá dài (tối đa 200 ký tự).' }],
    ['workplace address of 301 characters', draft({ workplaceAddress: 'x'.repeat(301) }), { workplaceAddress: 'Địa chỉ nơi làm việc quá dài (tối đa 300 ký tự).' }],
    ['field of training of 201 characters', draft({ fieldOfTraining: 'x'.repeat(201) }), { fieldOfTraining: 'Chuyên ngành đào tạo quá dài (tối đa 200 ký tự).' }],
    ['a long field of training is ignored when untrained', draft({ technicalQualification: 'untrained', fieldOfTraining: 'x'.repeat(201) }), {}],
  ])('%s', (_name, d, errors) => {
    expect(checkLabour(d, RULES).errors).toEqual(errors);
  });

  it('a structurally wrong ID is an issue to confirm, not an error', () => {
    const r = checkLabour(draft({ personalId: '001189012345' }), RULES); // digit 4 = 1: female
    expect(r.errors).toEqual({});
    expect(r.idIssues.map((i) => i.code)).toEqual(['sex_mismatch']);
    expect(r.value.personalId).toBe('001189012345');
  });
});

describe('labourToDraft', () => {
  it.each<[string, LabourFields]>([
    ['employed', EMPLOYED_VALUE],
    ['employed, unanswered yes/no', { ...COMMON_VALUE, economicStatus: 'employed', employmentPosition: 'family_worker', job: '', workplaceName: '', workplaceType: '', workplaceAddress: '' }],
    ['unemployed', { ...COMMON_VALUE, economicStatus: 'unemployed', unemploymentDuration: 'under_3_months' }],
    ['inactive', { ...COMMON_VALUE, economicStatus: 'inactive', inactiveReason: 'infirm' }],
    ['year-only birth date', { ...COMMON_VALUE, birthDate: '1989', economicStatus: 'inactive', inactiveReason: 'other' }],
  ])('round-trips %s through checkLabour', (_name, value) => {
    const r = checkLabour(labourToDraft(value), RULES);
    expect(r.errors).toEqual({});
    expect(r.value).toEqual(value);
  });

  it('writes form strings', () => {
    expect(labourToDraft(EMPLOYED_VALUE)).toEqual({ ...EMPLOYED, birthDate: '12/03/1989' });
    expect(labourToDraft({ ...COMMON_VALUE, economicStatus: 'inactive', inactiveReason: 'infirm' })).toMatchObject({
      hasLabourContract: '',
      hasSocialInsurance: '',
      employmentPosition: '',
      job: '',
      unemploymentDuration: '',
      inactiveReason: 'infirm',
    });
  });
});
