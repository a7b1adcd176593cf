/**
 * Validation and tidying of the identity fields every family shares.
 * Input is what the officer typed (strings); output is either field messages in
 * Vietnamese or tidy values ready to store. A structurally wrong personal ID is
 * not an error: it comes back as `idIssues` for the officer to confirm.
 */
import { checkBirthDate, formatPartialDate, parsePartialDate } from '../dates/partial-date';
import { checkPersonalId, type IdIssue } from '../identity/personal-id';
import { checkOldId } from '../identity/old-id';
import { normalizePhone } from '../identity/phone';
import { searchKey, searchWords, tidyName, tidyText } from '../text/normalize';
import type { IsoDate, PersonFields, SearchKeys, Sex } from './types';

export type PersonDraft = {
  fullName: string;
  birthDate: string;
  sex: string;
  personalId: string;
  oldId: string;
  phone: string;
  hamletId: string;
  address: string;
  note: string;
};

export const EMPTY_PERSON_DRAFT: PersonDraft = {
  fullName: '',
  birthDate: '',
  sex: '',
  personalId: '',
  oldId: '',
  phone: '',
  hamletId: '',
  address: '',
  note: '',
};

export type PersonErrors = Partial<Record<keyof PersonDraft, string>>;

export type PersonCheck = {
  errors: PersonErrors;
  /** structural problems of the personal ID, savable after confirmation */
  idIssues: IdIssue[];
  /** tidy values; only meaningful when `errors` is empty */
  value: PersonFields;
};

export type PersonRules = {
  today: IsoDate;
  /** labour requires 15+ */
  minAge?: number;
  /** some families (vehicle owners) require the personal ID */
  requirePersonalId?: boolean;
  /** DC01 cases arrive as received, possibly without a sex */
  requireSex?: boolean;
  /** a collective member (a school, a company): a name is enough */
  organisation?: boolean;
};

const MAX_NOTE = 1000;
const MAX_TEXT = 300;

export function checkPerson(draft: PersonDraft, rules: PersonRules): PersonCheck {
  const errors: PersonErrors = {};
  const fullName = rules.organisation ? tidyText(draft.fullName) : tidyName(draft.fullName);
  if (!fullName) errors.fullName = 'Nhập họ và tên.';
  else if (fullName.length > 100) errors.fullName = 'Họ tên quá dài (tối đa 100 ký tự).';
  else if (!rules.organisation && /\d/.test(fullName)) errors.fullName = 'Họ tên không được chứa chữ số.';

  let birthDate = '';
  const parsedBirth = parsePartialDate(tidyText(draft.birthDate));
  if (parsedBirth.ok) {
    const checked = checkBirthDate(parsedBirth.value, rules.today, {
      ...(rules.minAge !== undefined ? { minAge: rules.minAge } : {}),
    });
    if (checked.ok) birthDate = checked.value;
    else errors.birthDate = checked.message;
  } else if (parsedBirth.code === 'empty' && !rules.organisation) {
    errors.birthDate = 'Nhập ngày sinh (hoặc tháng/năm, hoặc năm sinh).';
  } else if (parsedBirth.code !== 'empty') {
    errors.birthDate = parsedBirth.message;
  }

  let sex: Sex | '' = '';
  if (draft.sex === 'male' || draft.sex === 'female') sex = draft.sex;
  else if (rules.requireSex !== false && !rules.organisation) errors.sex = 'Chọn giới tính.';

  let personalId = '';
  let idIssues: IdIssue[] = [];
  const idCheck = checkPersonalId(tidyText(draft.personalId), { birthDate, sex });
  if (idCheck.format === 'malformed') {
    errors.personalId = idCheck.issues[0]?.message ?? 'Số định danh phải gồm đúng 12 chữ số.';
  } else if (idCheck.format === 'ok') {
    personalId = tidyText(draft.personalId).replace(/[\s.]/g, '');
    idIssues = idCheck.issues;
  } else if (rules.requirePersonalId) {
    errors.personalId = 'Nhập số định danh cá nhân (12 chữ số).';
  }

  let oldId = '';
  const oldCheck = checkOldId(tidyText(draft.oldId));
  if (oldCheck.ok) oldId = oldCheck.value;
  else if (oldCheck.code !== 'empty') errors.oldId = oldCheck.message;

  let phone = '';
  const phoneCheck = normalizePhone(tidyText(draft.phone));
  if (phoneCheck.ok) phone = phoneCheck.value;
  else if (phoneCheck.code !== 'empty') errors.phone = phoneCheck.message;

  const address = tidyText(draft.address);
  if (address.length > MAX_TEXT) errors.address = `Địa chỉ quá dài (tối đa ${MAX_TEXT} ký tự).`;
  const note = tidyText(draft.note);
  if (note.length > MAX_NOTE) errors.note = `Ghi chú quá dài (tối đa ${MAX_NOTE} ký tự).`;

  return {
    errors,
    idIssues,
    value: {
      fullName,
      birthDate,
      sex,
      personalId,
      oldId,
      phone,
      hamletId: draft.hamletId,
      address,
      note,
    },
  };
}

/** Search keys stored with the record (computed on write, indexed). */
export function personSearchKeys(person: Pick<PersonFields, 'fullName'>, idFlagged: boolean): SearchKeys {
  return {
    searchName: searchKey(person.fullName),
    nameWords: searchWords(person.fullName),
    idFlagged,
  };
}

/** Turns a stored person back into form strings. */
export function personToDraft(person: PersonFields): PersonDraft {
  return {
    fullName: person.fullName,
    birthDate: person.birthDate ? formatPartialDate(person.birthDate) : '',
    sex: person.sex,
    personalId: person.personalId,
    oldId: person.oldId,
    phone: person.phone,
    hamletId: person.hamletId,
    address: person.address,
    note: person.note,
  };
}
