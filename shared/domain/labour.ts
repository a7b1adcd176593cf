/**
 * Labour information (family `labour`): one record per resident aged 15+, following the
 * Ministry of Labour's collection form (Thông tư 01/2022/TT-BLĐTBXH, phiếu thu thập thông
 * tin về người lao động). The closed lists below are the form's answer options; keys are
 * stable ASCII slugs stored in the database, labels are what the officer sees and what
 * the export writes.
 *
 * Which questions apply depends on the economic status (tình trạng hoạt động kinh tế):
 * the employed answer the job questions, the unemployed how long they have looked for
 * work, the inactive why they are not working. Answers that do not apply are not stored.
 */
import { checkBirthDate, parsePartialDate } from '../dates/partial-date';
import type { IdIssue } from '../identity/personal-id';
import { searchKey, tidyText } from '../text/normalize';
import { checkPerson, EMPTY_PERSON_DRAFT, personToDraft, type PersonDraft } from './person';
import type { EconomicStatus, IsoDate, LabourRecord, ProgressFields, SearchKeys, Stamp } from './types';

export type Choice = { readonly key: string; readonly label: string };
export type ChoiceList = readonly Choice[];

// ---------------------------------------------------------------- closed lists

/**
 * The 54 ethnic groups in the General Statistics Office's coded order (Kinh = 01 …
 * Rơ Măm = 54), spelled as in the 2019 census, then foreigners.
 */
export const ETHNICITIES: ChoiceList = [
  { key: 'kinh', label: 'Kinh' },
  { key: 'tay', label: 'Tày' },
  { key: 'thai', label: 'Thái' },
  { key: 'hoa', label: 'Hoa' },
  { key: 'khmer', label: 'Khmer' },
  { key: 'muong', label: 'Mường' },
  { key: 'nung', label: 'Nùng' },
  { key: 'mong', label: 'Mông' },
  { key: 'dao', label: 'Dao' },
  { key: 'gia_rai', label: 'Gia Rai' },
  { key: 'ngai', label: 'Ngái' },
  { key: 'e_de', label: 'Ê Đê' },
  { key: 'ba_na', label: 'Ba Na' },
  { key: 'xo_dang', label: 'Xơ Đăng' },
  { key: 'san_chay', label: 'Sán Chay' },
  { key: 'co_ho', label: 'Cơ Ho' },
  { key: 'cham', label: 'Chăm' },
  { key: 'san_diu', label: 'Sán Dìu' },
  { key: 'hre', label: 'Hrê' },
  { key: 'mnong', label: 'Mnông' },
  { key: 'ra_glai', label: 'Ra Glai' },
  { key: 'xtieng', label: 'Xtiêng' },
  { key: 'bru_van_kieu', label: 'Bru Vân Kiều' },
  { key: 'tho', label: 'Thổ' },
  { key: 'giay', label: 'Giáy' },
  { key: 'co_tu', label: 'Cơ Tu' },
  { key: 'gie_trieng', label: 'Giẻ Triêng' },
  { key: 'ma', label: 'Mạ' },
  { key: 'kho_mu', label: 'Khơ Mú' },
  { key: 'co', label: 'Co' },
  { key: 'ta_oi', label: 'Tà Ôi' },
  { key: 'cho_ro', label: 'Chơ Ro' },
  { key: 'khang', label: 'Kháng' },
  { key: 'xinh_mun', label: 'Xinh Mun' },
  { key: 'ha_nhi', label: 'Hà Nhì' },
  { key: 'chu_ru', label: 'Chu Ru' },
  { key: 'lao', label: 'Lào' },
  { key: 'la_chi', label: 'La Chí' },
  { key: 'la_ha', label: 'La Ha' },
  { key: 'phu_la', label: 'Phù Lá' },
  { key: 'la_hu', label: 'La Hủ' },
  { key: 'lu', label: 'Lự' },
  { key: 'lo_lo', label: 'Lô Lô' },
  { key: 'chut', label: 'Chứt' },
  { key: 'mang', label: 'Mảng' },
  { key: 'pa_then', label: 'Pà Thẻn' },
  { key: 'co_lao', label: 'Cơ Lao' },
  { key: 'cong', label: 'Cống' },
  { key: 'bo_y', label: 'Bố Y' },
  { key: 'si_la', label: 'Si La' },
  { key: 'pu_peo', label: 'Pu Péo' },
  { key: 'brau', label: 'Brâu' },
  { key: 'o_du', label: 'Ơ Đu' },
  { key: 'ro_mam', label: 'Rơ Măm' },
  { key: 'foreigner', label: 'Người nước ngoài' },
];

/** Trình độ giáo dục phổ thông cao nhất đã đạt được. */
export const GENERAL_EDUCATION_LEVELS: ChoiceList = [
  { key: 'none', label: 'Chưa đi học' },
  { key: 'primary_incomplete', label: 'Chưa tốt nghiệp tiểu học' },
  { key: 'primary', label: 'Tốt nghiệp tiểu học' },
  { key: 'lower_secondary', label: 'Tốt nghiệp trung học cơ sở' },
  { key: 'upper_secondary', label: 'Tốt nghiệp trung học phổ thông' },
];

/** Trình độ chuyên môn kỹ thuật cao nhất đạt được. */
export const TECHNICAL_QUALIFICATIONS: ChoiceList = [
  { key: 'untrained', label: 'Chưa qua đào tạo' },
  { key: 'no_certificate', label: 'Công nhân kỹ thuật không có bằng' },
  { key: 'short_course', label: 'Chứng chỉ nghề dưới 3 tháng' },
  { key: 'elementary', label: 'Sơ cấp' },
  { key: 'intermediate', label: 'Trung cấp' },
  { key: 'college', label: 'Cao đẳng' },
  { key: 'university', label: 'Đại học' },
  { key: 'master', label: 'Thạc sĩ' },
  { key: 'doctorate', label: 'Tiến sĩ' },
];

/** Tình trạng hoạt động kinh tế. Keys are the EconomicStatus values. */
export const ECONOMIC_STATUSES: readonly { readonly key: EconomicStatus; readonly label: string }[] = [
  { key: 'employed', label: 'Có việc làm' },
  { key: 'unemployed', label: 'Thất nghiệp' },
  { key: 'inactive', label: 'Không tham gia hoạt động kinh tế' },
];

/** Vị thế việc làm (employed only). */
export const EMPLOYMENT_POSITIONS: ChoiceList = [
  { key: 'employer', label: 'Chủ cơ sở sản xuất kinh doanh' },
  { key: 'own_account', label: 'Tự làm' },
  { key: 'family_worker', label: 'Lao động gia đình' },
  { key: 'employee', label: 'Làm công ăn lương' },
  { key: 'coop_member', label: 'Xã viên hợp tác xã' },
];

/** Loại hình nơi làm việc (employed only). */
export const WORKPLACE_TYPES: ChoiceList = [
  { key: 'farm_household', label: 'Hộ nông, lâm nghiệp, thủy sản' },
  { key: 'household_business', label: 'Cá nhân, hộ kinh doanh cá thể' },
  { key: 'cooperative', label: 'Hợp tác xã' },
  { key: 'state_enterprise', label: 'Doanh nghiệp nhà nước' },
  { key: 'private_enterprise', label: 'Doanh nghiệp ngoài nhà nước' },
  { key: 'foreign_enterprise', label: 'Doanh nghiệp có vốn đầu tư nước ngoài' },
  { key: 'state_agency', label: 'Cơ quan nhà nước, đơn vị sự nghiệp' },
  { key: 'association_other', label: 'Tổ chức đoàn thể, tổ chức khác' },
  { key: 'abroad', label: 'Làm việc ở nước ngoài' },
];

/** Thời gian thất nghiệp (unemployed only). */
export const UNEMPLOYMENT_DURATIONS: ChoiceList = [
  { key: 'under_3_months', label: 'Dưới 3 tháng' },
  { key: 'from_3_to_12_months', label: 'Từ 3 tháng đến 12 tháng' },
  { key: 'over_12_months', label: 'Trên 12 tháng' },
];

/** Lý do không tham gia hoạt động kinh tế (inactive only). */
export const INACTIVE_REASONS: ChoiceList = [
  { key: 'studying', label: 'Đang đi học' },
  { key: 'retired', label: 'Hưu trí' },
  { key: 'infirm', label: 'Già yếu, ốm đau, khuyết tật' },
  { key: 'homemaker', label: 'Nội trợ' },
  { key: 'other', label: 'Khác' },
];

/** Quan hệ với chủ hộ. */
export const RELATIONS_TO_HEAD: ChoiceList = [
  { key: 'head', label: 'Chủ hộ' },
  { key: 'spouse', label: 'Vợ/chồng' },
  { key: 'child', label: 'Con' },
  { key: 'parent', label: 'Bố/mẹ' },
  { key: 'grandparent', label: 'Ông/bà' },
  { key: 'grandchild', label: 'Cháu' },
  { key: 'sibling', label: 'Anh/chị/em' },
  { key: 'other', label: 'Khác' },
];

/** The label of `key` in `list`; '' for ''; an unknown key comes back as is (never hides data). */
export function labelOf(list: readonly Choice[], key: string): string {
  if (key === '') return '';
  return list.find((c) => c.key === key)?.label ?? key;
}

/**
 * The key whose label (or key) matches `text`, ignoring case, tone marks and spacing —
 * for imports that carry labels ("Tày", "tay", "TÀY" → 'tay'). undefined when none does.
 */
export function keyOfLabel(list: readonly Choice[], text: string): string | undefined {
  const wanted = searchKey(text);
  if (wanted === '') return undefined;
  return labelIndex(list).get(wanted);
}

/** A list's keys and its labels' search keys → key, built once per list (imports ask per cell). */
const labelIndexes = new WeakMap<readonly Choice[], ReadonlyMap<string, string>>();
function labelIndex(list: readonly Choice[]): ReadonlyMap<string, string> {
  let index = labelIndexes.get(list);
  if (index === undefined) {
    const built = new Map<string, string>();
    for (const c of list) if (!built.has(c.key)) built.set(c.key, c.key);
    for (const c of list) if (!built.has(searchKey(c.label))) built.set(searchKey(c.label), c.key);
    index = built;
    labelIndexes.set(list, index);
  }
  return index;
}

function isKeyOf(list: readonly Choice[], key: string): boolean {
  return list.some((c) => c.key === key);
}

/** Qualifications after which a field of training (chuyên ngành đào tạo) is asked: all but 'untrained'. */
export function isTrainedQualification(key: string): boolean {
  return key !== 'untrained' && isKeyOf(TECHNICAL_QUALIFICATIONS, key);
}

// ---------------------------------------------------------------- draft and fields

export type YesNo = '' | 'yes' | 'no';

export type LabourDraft = PersonDraft & {
  socialInsuranceNo: string;
  permanentAddress: string;
  currentAddress: string;
  ethnicity: string;
  generalEducation: string;
  technicalQualification: string;
  fieldOfTraining: string;
  economicStatus: string;
  employmentPosition: string;
  job: string;
  hasLabourContract: YesNo;
  hasSocialInsurance: YesNo;
  workplaceName: string;
  workplaceType: string;
  workplaceAddress: string;
  unemploymentDuration: string;
  inactiveReason: string;
  relationToHead: string;
};

export const EMPTY_LABOUR_DRAFT: LabourDraft = {
  ...EMPTY_PERSON_DRAFT,
  socialInsuranceNo: '',
  permanentAddress: '',
  currentAddress: '',
  ethnicity: 'kinh',
  generalEducation: '',
  technicalQualification: '',
  fieldOfTraining: '',
  economicStatus: '',
  employmentPosition: '',
  job: '',
  hasLabourContract: '',
  hasSocialInsurance: '',
  workplaceName: '',
  workplaceType: '',
  workplaceAddress: '',
  unemploymentDuration: '',
  inactiveReason: '',
  relationToHead: '',
};

/** What checkLabour produces: a LabourRecord without id, stamp, search keys and progress. */
export type LabourFields = Omit<LabourRecord, keyof Stamp | keyof SearchKeys | keyof ProgressFields | 'id'>;

export type LabourErrors = Partial<Record<keyof LabourDraft, string>>;

export type LabourCheck = {
  errors: LabourErrors;
  /** structural problems of the personal ID, savable after confirmation */
  idIssues: IdIssue[];
  /** tidy values; only meaningful when `errors` is empty */
  value: LabourFields;
};

/** The draft fields that belong to each economic status (shown only for that status). */
export const LABOUR_FIELDS_BY_STATUS: Readonly<Record<EconomicStatus, readonly (keyof LabourDraft)[]>> = {
  employed: [
    'employmentPosition',
    'job',
    'hasLabourContract',
    'hasSocialInsurance',
    'workplaceName',
    'workplaceType',
    'workplaceAddress',
  ],
  unemployed: ['unemploymentDuration'],
  inactive: ['inactiveReason'],
};

/** The status-dependent fields to show for `status` ([] for '' or an unknown status). */
export function labourFieldsFor(status: string): readonly (keyof LabourDraft)[] {
  return isEconomicStatus(status) ? LABOUR_FIELDS_BY_STATUS[status] : [];
}

function isEconomicStatus(s: string): s is EconomicStatus {
  return s === 'employed' || s === 'unemployed' || s === 'inactive';
}

// ---------------------------------------------------------------- check

export const LABOUR_MIN_AGE = 15;
const MAX_ADDRESS = 300;
const MAX_TEXT = 200;

const TOO_YOUNG = `Phiếu thông tin người lao động chỉ dành cho người từ đủ ${LABOUR_MIN_AGE} tuổi trở lên.`;

/** Closed-list fields: the list and the message when the value is not one of its keys. */
const CHOICE_FIELDS = {
  ethnicity: [ETHNICITIES, 'Chọn dân tộc trong danh sách.'],
  generalEducation: [GENERAL_EDUCATION_LEVELS, 'Chọn trình độ giáo dục phổ thông trong danh sách.'],
  technicalQualification: [TECHNICAL_QUALIFICATIONS, 'Chọn trình độ chuyên môn kỹ thuật trong danh sách.'],
  relationToHead: [RELATIONS_TO_HEAD, 'Chọn quan hệ với chủ hộ trong danh sách.'],
  employmentPosition: [EMPLOYMENT_POSITIONS, 'Chọn vị thế việc làm trong danh sách.'],
  workplaceType: [WORKPLACE_TYPES, 'Chọn loại hình nơi làm việc trong danh sách.'],
  unemploymentDuration: [UNEMPLOYMENT_DURATIONS, 'Chọn thời gian thất nghiệp trong danh sách.'],
  inactiveReason: [INACTIVE_REASONS, 'Chọn lý do không tham gia hoạt động kinh tế trong danh sách.'],
} as const satisfies Partial<Record<keyof LabourDraft, readonly [ChoiceList, string]>>;

type ChoiceField = keyof typeof CHOICE_FIELDS;
type TextField = 'permanentAddress' | 'currentAddress' | 'fieldOfTraining' | 'job' | 'workplaceName' | 'workplaceAddress';

const REQUIRED_MESSAGE: Partial<Record<ChoiceField, string>> = {
  employmentPosition: 'Chọn vị thế việc làm.',
  unemploymentDuration: 'Chọn thời gian thất nghiệp.',
  inactiveReason: 'Chọn lý do không tham gia hoạt động kinh tế.',
};

/**
 * Checks a labour form. Identity as checkPerson (15+, personal ID required); closed-list
 * answers must be keys of their lists; economicStatus is required and decides which
 * questions apply — the others are left out of `value` entirely:
 * - employed: employmentPosition (required), job, hasLabourContract, hasSocialInsurance
 *   (stored only when answered), workplaceName, workplaceType, workplaceAddress;
 * - unemployed: unemploymentDuration (required);
 * - inactive: inactiveReason (required).
 * ethnicity, generalEducation, technicalQualification and relationToHead may be empty.
 * fieldOfTraining is kept only for a trained qualification (isTrainedQualification).
 * socialInsuranceNo (mã số BHXH) is optional, else exactly 10 digits (spaces and dots ignored).
 */
export function checkLabour(draft: LabourDraft, rules: { today: IsoDate }): LabourCheck {
  const person = checkPerson(draft, { today: rules.today, minAge: LABOUR_MIN_AGE, requirePersonalId: true });
  const errors: LabourErrors = { ...person.errors };
  if (errors.birthDate !== undefined && isTooYoung(draft.birthDate, rules.today)) errors.birthDate = TOO_YOUNG;

  const choice = (field: ChoiceField, required: boolean): string => {
    const value = tidyText(draft[field]);
    const [list, wrong] = CHOICE_FIELDS[field];
    if (value === '') {
      if (required) errors[field] = REQUIRED_MESSAGE[field] ?? wrong;
      return '';
    }
    if (!isKeyOf(list, value)) {
      errors[field] = wrong;
      return '';
    }
    return value;
  };
  const text = (field: TextField, max: number, what: string): string => {
    const value = tidyText(draft[field]);
    if (value.length > max) errors[field] = `${what} quá dài (tối đa ${max} ký tự).`;
    return value;
  };

  let socialInsuranceNo = '';
  const insurance = tidyText(draft.socialInsuranceNo).replace(/[\s.]/g, '');
  if (insurance !== '') {
    if (/^\d{10}$/.test(insurance)) socialInsuranceNo = insurance;
    else errors.socialInsuranceNo = 'Mã số BHXH phải gồm đúng 10 chữ số.';
  }

  const technicalQualification = choice('technicalQualification', false);
  const fieldOfTraining = isTrainedQualification(technicalQualification)
    ? text('fieldOfTraining', MAX_TEXT, 'Chuyên ngành đào tạo')
    : '';

  const statusText = tidyText(draft.economicStatus);
  let economicStatus: EconomicStatus | '' = '';
  if (isEconomicStatus(statusText)) economicStatus = statusText;
  else if (statusText === '') errors.economicStatus = 'Chọn tình trạng hoạt động kinh tế.';
  else errors.economicStatus = 'Chọn tình trạng hoạt động kinh tế trong danh sách.';

  const value: LabourFields = {
    ...person.value,
    socialInsuranceNo,
    permanentAddress: text('permanentAddress', MAX_ADDRESS, 'Nơi thường trú'),
    currentAddress: text('currentAddress', MAX_ADDRESS, 'Nơi ở hiện tại'),
    ethnicity: choice('ethnicity', false),
    generalEducation: choice('generalEducation', false),
    technicalQualification,
    fieldOfTraining,
    economicStatus,
    relationToHead: choice('relationToHead', false),
  };

  if (economicStatus === 'employed') {
    value.employmentPosition = choice('employmentPosition', true);
    value.job = text('job', MAX_TEXT, 'Công việc cụ thể');
    const contract = yesNo(draft.hasLabourContract);
    if (contract !== undefined) value.hasLabourContract = contract;
    const insured = yesNo(draft.hasSocialInsurance);
    if (insured !== undefined) value.hasSocialInsurance = insured;
    value.workplaceName = text('workplaceName', MAX_TEXT, 'Tên nơi làm việc');
    value.workplaceType = choice('workplaceType', false);
    value.workplaceAddress = text('workplaceAddress', MAX_ADDRESS, 'Địa chỉ nơi làm việc');
  } else if (economicStatus === 'unemployed') {
    value.unemploymentDuration = choice('unemploymentDuration', true);
  } else if (economicStatus === 'inactive') {
    value.inactiveReason = choice('inactiveReason', true);
  }

  return { errors, idIssues: person.idIssues, value };
}

function isTooYoung(birthDate: string, today: IsoDate): boolean {
  const parsed = parsePartialDate(tidyText(birthDate));
  if (!parsed.ok) return false;
  const checked = checkBirthDate(parsed.value, today, { minAge: LABOUR_MIN_AGE });
  return !checked.ok && checked.code === 'too_young';
}

function yesNo(v: string): boolean | undefined {
  if (v === 'yes') return true;
  if (v === 'no') return false;
  return undefined;
}

function toYesNo(v: boolean | undefined): YesNo {
  if (v === undefined) return '';
  return v ? 'yes' : 'no';
}

/** Turns stored labour fields back into form strings; checkLabour(labourToDraft(x)).value equals x. */
export function labourToDraft(record: LabourFields): LabourDraft {
  return {
    ...personToDraft(record),
    socialInsuranceNo: record.socialInsuranceNo,
    permanentAddress: record.permanentAddress,
    currentAddress: record.currentAddress,
    ethnicity: record.ethnicity,
    generalEducation: record.generalEducation,
    technicalQualification: record.technicalQualification,
    fieldOfTraining: record.fieldOfTraining,
    economicStatus: record.economicStatus,
    employmentPosition: record.employmentPosition ?? '',
    job: record.job ?? '',
    hasLabourContract: toYesNo(record.hasLabourContract),
    hasSocialInsurance: toYesNo(record.hasSocialInsurance),
    workplaceName: record.workplaceName ?? '',
    workplaceType: record.workplaceType ?? '',
    workplaceAddress: record.workplaceAddress ?? '',
    unemploymentDuration: record.unemploymentDuration ?? '',
    inactiveReason: record.inactiveReason ?? '',
    relationToHead: record.relationToHead,
  };
}
