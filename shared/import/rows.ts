/**
 * From a mapped sheet to import candidates: rows skipped for a reason (blank, repeated
 * header, total line, title), every other row read into a candidate record — validated
 * with the same checks as the entry forms — or rejected with Vietnamese reasons and its
 * Excel row number. Then each candidate is classified against the target list.
 *
 * Invariant: every data row ends up in exactly one item, so the row counts of new,
 * update, duplicate and rejected add up to `dataRows`.
 */
import type { IdIssue } from '../identity/personal-id';
import { decodePersonalId } from '../identity/personal-id';
import { checkPerson, EMPTY_PERSON_DRAFT, type PersonDraft } from '../domain/person';
import {
  checkLabour,
  ECONOMIC_STATUSES,
  EMPLOYMENT_POSITIONS,
  ETHNICITIES,
  GENERAL_EDUCATION_LEVELS,
  INACTIVE_REASONS,
  RELATIONS_TO_HEAD,
  TECHNICAL_QUALIFICATIONS,
  UNEMPLOYMENT_DURATIONS,
  WORKPLACE_TYPES,
  type ChoiceList,
  type LabourDraft,
  type LabourFields,
} from '../domain/labour';
import { checkDeclaration, EMPTY_VEHICLE_DRAFT, type VehicleDraft } from '../domain/vehicles';
import type {
  Dc01Category,
  Hamlet,
  IsoDate,
  MemberKind,
  PersonFields,
  ProgressStatus,
  Vehicle,
} from '../domain/types';
import { compareDay } from '../dates/partial-date';
import { searchKey } from '../text/normalize';
import {
  draftDate,
  isMark,
  readBirthDate,
  readChoice,
  readDay,
  readIdAny,
  readMemberKind,
  readName,
  readOldId,
  readPersonalId,
  readPhone,
  readSex,
  readSplitBirth,
  readStatus,
  readText,
  readVehicleKind,
  readYesNo,
  type CellRead,
} from './cells';
import { fieldColumns, type ColumnMapping } from './columns';
import { FIELD_LABELS, headerKey, OWNER_FIELDS, VEHICLE_FIELDS, type ImportField } from './fields';
import { isNumberingRow, type DetectedHeader } from './header';
import { quoteCell } from './cells';
import { cellGrid, cellText, isBlankRow, type CellGrid, type RawCell, type Sheet, type SheetRow } from './sheet-model';

// ---------------------------------------------------------------- types

export type ImportTarget =
  | { readonly family: 'members'; readonly listKey: string; readonly hasMemberKind: boolean }
  | { readonly family: 'labour' }
  | { readonly family: 'vehicles' }
  | {
      readonly family: 'dc01';
      /** the category for every row, unless the sheet has a category column */
      readonly categoryKey?: string;
      readonly categories: readonly Pick<Dc01Category, 'key' | 'label'>[];
      /** used when the sheet has no "Ngày tiếp nhận" column (usually the import day) */
      readonly defaultReceivedDate: IsoDate;
    };

export type RowContext = {
  readonly today: IsoDate;
  readonly hamlets: readonly Pick<Hamlet, 'id' | 'name'>[];
};

export type CandidateValue =
  | { readonly family: 'members'; readonly person: PersonFields; readonly memberKind: MemberKind }
  | { readonly family: 'labour'; readonly labour: LabourFields }
  | { readonly family: 'vehicles'; readonly person: PersonFields; readonly vehicles: readonly Omit<Vehicle, 'id'>[] }
  | {
      readonly family: 'dc01';
      readonly person: PersonFields;
      readonly categoryKey: string;
      readonly householdNo: string;
      readonly receivedDate: IsoDate;
      readonly source: string;
    };

export type Candidate = {
  readonly kind: 'candidate';
  /** Excel row numbers: one, or several for a vehicle owner's continuation rows */
  readonly rowNumbers: readonly number[];
  /** the key for update/duplicate matching: the personal ID, or '' */
  readonly personalId: string;
  readonly oldId: string;
  /** the status the file states ('' when it states none: the record starts as received) */
  readonly status: ProgressStatus | '';
  readonly value: CandidateValue;
  /** repairs and remarks, "Dòng 12: …" */
  readonly notes: readonly string[];
  /** structural problems of the personal ID, to confirm as in the entry form */
  readonly idIssues: readonly IdIssue[];
};

export type Rejected = {
  readonly kind: 'rejected';
  readonly rowNumbers: readonly number[];
  /** "Dòng 14: thiếu họ và tên" … */
  readonly reasons: readonly string[];
  /** what the row says, as written, so the preview can show whose row it is */
  readonly shown?: { readonly fullName: string; readonly id: string; readonly birth: string };
};

export type SkipReason = 'blank' | 'header' | 'total' | 'title' | 'footer';

export type SkippedRow = { readonly rowNumber: number; readonly why: SkipReason };

export type ReadResult = {
  readonly items: readonly (Candidate | Rejected)[];
  readonly skipped: readonly SkippedRow[];
  /** rows under the header that are not skipped: the rows every count adds up to */
  readonly dataRows: number;
};

export const SKIP_LABELS: Readonly<Record<SkipReason, string>> = {
  blank: 'Dòng trống',
  header: 'Dòng tiêu đề lặp lại',
  total: 'Dòng tổng cộng',
  title: 'Dòng tên bảng',
  footer: 'Dòng ngày tháng, ký tên cuối bảng',
};

// ---------------------------------------------------------------- skipping

type RowView = {
  readonly row: SheetRow;
  /** the row's own texts (merged cells from above are blank) */
  readonly own: readonly string[];
  /** under a total line and below the last row with an ID or a number: the signature block */
  readonly trailing: boolean;
};

const TOTAL = /^(tổng cộng|tổng số|tổng|cộng)(\s|:|$)/;
/** The Stt of a group row: a Roman numeral or a capital letter ("II", "IV.", "A", "B)"). */
const GROUP_MARK = /^([IVX]{1,4}|[A-ZĐ])[.)]?$/;
/** The place-and-date line and the signature block under a list. */
const FOOTER = /^(tm\.?\s|t\/m\s|kt\.?\s|người lập|lập biểu|xác nhận|chủ tịch|phó chủ tịch|trưởng|thủ trưởng|ban chấp hành|ký tên|\(ký|cán bộ (lập|thống kê))|ngày .{1,4} tháng .{1,4} năm \d{4}/;

function skipReason(view: RowView, header: DetectedHeader, columns: ReadonlyMap<ImportField, number>, grid: CellGrid): SkipReason | undefined {
  const { row, own } = view;
  if (isBlankRow(row)) return 'blank';
  if (isNumberingRow(own)) return 'header';
  const filled = own.filter((t) => t !== '');
  let headerLike = 0;
  for (const column of header.columns) {
    const text = own[column.index] ?? '';
    if (text !== '' && column.parts.some((p) => headerKey(p) === headerKey(text))) headerLike++;
  }
  if (headerLike >= 2 && headerLike * 2 >= filled.length) return 'header';
  const ids = (['personalId', 'idAny', 'oldId'] as const).map((f) => own[columns.get(f) ?? -1] ?? '');
  const hasId = ids.some((t) => /^\d{9,12}$/.test(t.replace(/[\s.]/g, '')));
  const firstTexts = [columns.get('stt'), columns.get('fullName'), 0, 1, 2].map((c) => (c === undefined ? '' : (own[c] ?? '')));
  const first = firstTexts.find((t) => t !== '' && !/^\d+$/.test(t)) ?? '';
  if (!hasId && TOTAL.test(first.normalize('NFC').toLowerCase())) return 'total';
  const stt = columns.get('stt');
  const sttText = stt === undefined ? '' : (own[stt] ?? '');
  if (view.trailing && !hasId && !/^\d+$/.test(sttText)) return 'footer';
  // A form's numbered rows left empty: only the Stt is typed.
  if (filled.length === 1 && /^\d+$/.test(sttText)) return 'blank';
  if (filled.length === 1) {
    const column = own.findIndex((t) => t !== '');
    const merge = grid.mergeAt(row.rowNumber, column);
    if (merge !== undefined && merge.right - merge.left >= 2 && column !== columns.get('fullName')) return 'title';
    // A title typed without merging (a CSV, a second list pasted under the first): one text in the Stt
    // column or in a column that is not imported.
    const field = [...columns].find(([, c]) => c === column)?.[0];
    if ((field === undefined || field === 'stt') && /\p{L}/u.test(own[column] ?? '')) return 'title';
  }
  // A group row between the people: "I | TỔ DÂN PHỐ 3", "B. | Thôn Đông".
  if (!hasId && filled.length === 2 && GROUP_MARK.test(sttText)) return 'title';
  if (!hasId && !/^\d+$/.test(sttText) && filled.some((t) => FOOTER.test(t.normalize('NFC').toLowerCase()))) return 'footer';
  return undefined;
}

// ---------------------------------------------------------------- reading a row

type Fields = {
  get(field: ImportField): RawCell;
  has(field: ImportField): boolean;
};

type Reading = {
  notes: string[];
  errors: string[];
  /** what the file held per draft field, for messages */
  raw: Map<string, string>;
  /** draft fields whose cell already gave an error: the family check's message would repeat it */
  failed: Set<string>;
};

function take<T>(reading: Reading, r: CellRead<T>, field?: string): T {
  reading.notes.push(...r.notes);
  if (r.error !== undefined && r.error !== '') {
    reading.errors.push(r.error);
    if (field !== undefined) reading.failed.add(field);
  }
  return r.value;
}

function matchHamlet(text: string, hamlets: RowContext['hamlets']): string | undefined {
  const strip = (s: string): string =>
    searchKey(s)
      .replace(/^(thon|to dan pho|tdp|khu pho|ap|xom|to|khom|ban|khu)\s+/, '')
      .trim();
  const wanted = strip(text);
  if (wanted === '') return undefined;
  return hamlets.find((h) => searchKey(h.name) === searchKey(text))?.id ?? hamlets.find((h) => strip(h.name) === wanted)?.id;
}

/** The identity fields of a row as a form draft (what the officer would have typed). */
function readPerson(fields: Fields, ctx: RowContext, reading: Reading): PersonDraft {
  const draft: PersonDraft = { ...EMPTY_PERSON_DRAFT };
  draft.fullName = take(reading, readName(fields.get('fullName')));
  reading.raw.set('fullName', cellText(fields.get('fullName')));

  let sex = '';
  if (fields.has('birthYearMale') || fields.has('birthYearFemale')) {
    const split = take(reading, readSplitBirth(fields.get('birthYearMale'), fields.get('birthYearFemale')), 'birthDate');
    draft.birthDate = draftDate(split.birthDate);
    sex = split.sex;
    reading.raw.set('birthDate', cellText(fields.get('birthYearMale')) || cellText(fields.get('birthYearFemale')));
  } else {
    draft.birthDate = draftDate(take(reading, readBirthDate(fields.get('birthDate')), 'birthDate'));
    reading.raw.set('birthDate', cellText(fields.get('birthDate')));
  }
  if (fields.has('sex')) {
    const read = take(reading, readSex(fields.get('sex')), 'sex');
    if (read !== '') sex = read;
  } else if (fields.has('sexMale') || fields.has('sexFemale')) {
    const male = isMark(fields.get('sexMale'));
    const female = isMark(fields.get('sexFemale'));
    if (male && female) reading.errors.push('Giới tính đánh dấu ở cả cột Nam và cột Nữ.');
    else if (male) sex = 'male';
    else if (female) sex = 'female';
  }

  let personalId = take(reading, readPersonalId(fields.get('personalId')));
  let oldId = take(reading, readOldId(fields.get('oldId')));
  reading.raw.set('personalId', cellText(fields.get('personalId')));
  reading.raw.set('oldId', cellText(fields.get('oldId')));
  if (fields.has('idAny')) {
    const any = take(reading, readIdAny(fields.get('idAny')), 'personalId');
    if (personalId === '' && any.personalId !== '') {
      personalId = any.personalId;
      reading.raw.set('personalId', cellText(fields.get('idAny')));
    }
    if (oldId === '' && any.oldId !== '') oldId = any.oldId;
  }
  draft.personalId = personalId;
  draft.oldId = oldId;

  const decoded = decodePersonalId(personalId);
  if (sex === '' && decoded?.sex !== undefined) {
    sex = decoded.sex;
    reading.notes.push(`Không ghi giới tính: lấy theo số định danh (${decoded.sex === 'male' ? 'Nam' : 'Nữ'}).`);
  }
  if (draft.birthDate === '' && reading.raw.get('birthDate') === '' && decoded?.birthYear !== undefined) {
    draft.birthDate = String(decoded.birthYear);
    reading.notes.push(`Không ghi ngày sinh: lấy năm sinh ${decoded.birthYear} theo số định danh.`);
  }
  draft.sex = sex;

  draft.phone = take(reading, readPhone(fields.get('phone')), 'phone');
  reading.raw.set('phone', cellText(fields.get('phone')));
  draft.address = take(reading, readText(fields.get('address')));
  reading.raw.set('address', cellText(fields.get('address')));
  draft.note = take(reading, readText(fields.get('note')));
  reading.raw.set('note', cellText(fields.get('note')));

  const hamletText = cellText(fields.get('hamlet'));
  if (hamletText !== '') {
    const id = matchHamlet(hamletText, ctx.hamlets);
    if (id !== undefined) draft.hamletId = id;
    else {
      if (draft.address === '') {
        draft.address = hamletText;
        reading.raw.set('address', hamletText);
      }
      reading.notes.push(`Thôn/tổ dân phố ${quoteCell(hamletText)} không có trong danh mục: chưa gán thôn, đã giữ trong địa chỉ.`);
    }
  }
  return draft;
}


/**
 * A field error of a family check as the officer reads it: the field, what its cell holds
 * and the check's message. `raw` is what the file held for the field ('' for an empty cell:
 * then the field is missing); every field a check may fail must have its raw text kept, or a
 * too-long note would read as a missing one.
 */
function fieldMessage(field: string, message: string, raw: string): string {
  const label = (FIELD_LABELS as Record<string, string | undefined>)[field];
  if (label === undefined) return message;
  if (raw === '') return `thiếu ${label.toLowerCase()}`;
  return `${label} ${quoteCell(raw)}: ${message}`;
}

function errorMessages(errors: Readonly<Record<string, string | undefined>>, reading: Reading): string[] {
  return Object.entries(errors)
    .filter((e): e is [string, string] => e[1] !== undefined && !reading.failed.has(e[0]))
    .map(([field, message]) => fieldMessage(field, message, reading.raw.get(field) ?? ''));
}

const ECONOMIC_EXTRA: Readonly<Record<string, string>> = {
  'co viec lam': 'employed',
  'co viec': 'employed',
  'dang lam viec': 'employed',
  'that nghiep': 'unemployed',
  'khong tham gia': 'inactive',
  'khong tham gia hdkt': 'inactive',
};

function readLabourDraft(person: PersonDraft, fields: Fields, reading: Reading): LabourDraft {
  const choice = (field: ImportField, list: ChoiceList, extra?: Readonly<Record<string, string>>): string => {
    reading.raw.set(field, cellText(fields.get(field)));
    return take(reading, readChoice(list, fields.get(field), extra));
  };
  const text = (field: ImportField): string => {
    reading.raw.set(field, cellText(fields.get(field)));
    return take(reading, readText(fields.get(field)));
  };
  const yesNo = (field: ImportField): 'yes' | 'no' | '' => take(reading, readYesNo(fields.get(field)));
  const insurance = readPersonalIdLike(fields.get('socialInsuranceNo'), 10, reading);
  reading.raw.set('socialInsuranceNo', cellText(fields.get('socialInsuranceNo')));
  return {
    ...person,
    socialInsuranceNo: insurance,
    permanentAddress: text('permanentAddress'),
    currentAddress: text('currentAddress'),
    ethnicity: choice('ethnicity', ETHNICITIES),
    generalEducation: choice('generalEducation', GENERAL_EDUCATION_LEVELS),
    technicalQualification: choice('technicalQualification', TECHNICAL_QUALIFICATIONS),
    fieldOfTraining: text('fieldOfTraining'),
    economicStatus: choice('economicStatus', ECONOMIC_STATUSES, ECONOMIC_EXTRA),
    employmentPosition: choice('employmentPosition', EMPLOYMENT_POSITIONS),
    job: text('job'),
    hasLabourContract: yesNo('hasLabourContract'),
    hasSocialInsurance: yesNo('hasSocialInsurance'),
    workplaceName: text('workplaceName'),
    workplaceType: choice('workplaceType', WORKPLACE_TYPES),
    workplaceAddress: text('workplaceAddress'),
    unemploymentDuration: choice('unemploymentDuration', UNEMPLOYMENT_DURATIONS),
    inactiveReason: choice('inactiveReason', INACTIVE_REASONS),
    relationToHead: choice('relationToHead', RELATIONS_TO_HEAD),
  };
}

/** A number code (mã số BHXH) typed as a number: one lost leading zero is put back, with a note. */
function readPersonalIdLike(cell: RawCell, length: number, reading: Reading): string {
  if (typeof cell === 'number' && Number.isInteger(cell)) {
    const digits = cell.toFixed(0);
    if (digits.length === length - 1) {
      reading.notes.push('Đã thêm số 0 bị Excel làm mất ở đầu mã số BHXH.');
      return `0${digits}`;
    }
    return digits;
  }
  return cellText(cell);
}

function readVehicleDraft(fields: Fields, reading: Reading): VehicleDraft {
  const code = (field: ImportField): string => {
    const cell = fields.get(field);
    return typeof cell === 'number' && Number.isInteger(cell) ? cell.toFixed(0) : cellText(cell);
  };
  const kind = take(reading, readVehicleKind(fields.get('vehicleKind')));
  return {
    ...EMPTY_VEHICLE_DRAFT,
    // No kind given: motorbikes are by far the most common; the preview shows it.
    kind: kind === '' ? EMPTY_VEHICLE_DRAFT.kind : kind,
    plate: code('plate'),
    brand: cellText(fields.get('brand')),
    model: code('model'),
    colour: cellText(fields.get('colour')),
    frameNo: code('frameNo'),
    engineNo: code('engineNo'),
  };
}

const VEHICLE_LABEL: Readonly<Record<keyof VehicleDraft, ImportField>> = {
  kind: 'vehicleKind',
  plate: 'plate',
  brand: 'brand',
  model: 'model',
  colour: 'colour',
  frameNo: 'frameNo',
  engineNo: 'engineNo',
};

// ---------------------------------------------------------------- candidates

type Group = { readonly rows: readonly SheetRow[] };

function fieldsOf(grid: CellGrid, columns: ReadonlyMap<ImportField, number>, rowNumber: number): Fields {
  return {
    get: (field) => {
      const column = columns.get(field);
      return column === undefined ? null : grid.value(rowNumber, column);
    },
    has: (field) => columns.has(field),
  };
}

function categoryOf(target: Extract<ImportTarget, { family: 'dc01' }>, fields: Fields, reading: Reading): string {
  const text = cellText(fields.get('category'));
  if (text === '' || !fields.has('category')) {
    if (target.categoryKey === undefined) reading.errors.push('thiếu loại trường hợp DC01.');
    return target.categoryKey ?? '';
  }
  const key = searchKey(text);
  const found = target.categories.find((c) => searchKey(c.label) === key || c.key === text);
  if (found === undefined) reading.errors.push(`Loại trường hợp ${quoteCell(text)} không có trong danh mục DC01.`);
  return found?.key ?? '';
}

/** The DC01 form's limits (renderer/features/dc01/Dc01Form.tsx): the import lets in no more. */
const MAX_HOUSEHOLD_NO = 30;
const MAX_SOURCE = 300;

function evaluate(group: Group, grid: CellGrid, columns: ReadonlyMap<ImportField, number>, target: ImportTarget, ctx: RowContext): Candidate | Rejected {
  const first = group.rows[0];
  if (first === undefined) throw new Error('empty group');
  const rowNumbers = group.rows.map((r) => r.rowNumber);
  const line = (message: string): string => `Dòng ${first.rowNumber}: ${message}`;
  const reading: Reading = { notes: [], errors: [], raw: new Map(), failed: new Set() };
  const fields = fieldsOf(grid, columns, first.rowNumber);
  const person = readPerson(fields, ctx, reading);
  const status = fields.has('status') ? readStatus(fields.get('status')) : { value: '' as const, notes: [] };
  if (status.error !== undefined) reading.notes.push(`${status.error} Hồ sơ sẽ ở trạng thái "Đã tiếp nhận hồ sơ".`);

  let value: CandidateValue | undefined;
  let idIssues: readonly IdIssue[];
  let checkErrors: string[];
  if (target.family === 'members') {
    const kindRead = take(reading, readMemberKind(fields.get('memberKind')));
    const memberKind: MemberKind = target.hasMemberKind && kindRead === 'collective' ? 'collective' : 'individual';
    const checked = checkPerson(person, { today: ctx.today, organisation: memberKind === 'collective' });
    checkErrors = errorMessages(checked.errors, reading);
    idIssues = checked.idIssues;
    value = { family: 'members', person: checked.value, memberKind };
  } else if (target.family === 'labour') {
    const checked = checkLabour(readLabourDraft(person, fields, reading), { today: ctx.today });
    checkErrors = errorMessages(checked.errors, reading);
    idIssues = checked.idIssues;
    value = { family: 'labour', labour: checked.value };
  } else if (target.family === 'vehicles') {
    const drafts = group.rows.map((r) => readVehicleDraft(fieldsOf(grid, columns, r.rowNumber), reading));
    const checked = checkDeclaration({ ...person, vehicles: drafts }, { today: ctx.today });
    checkErrors = errorMessages(checked.errors, reading);
    checked.vehicleErrors.forEach((errors, i) => {
      for (const [field, message] of Object.entries(errors)) {
        const label = FIELD_LABELS[VEHICLE_LABEL[field as keyof VehicleDraft]];
        const at = group.rows[i]?.rowNumber ?? first.rowNumber;
        const raw = drafts[i]?.[field as keyof VehicleDraft] ?? '';
        checkErrors.push(`${at === first.rowNumber ? '' : `(dòng ${at}) `}${label}${raw === '' ? '' : ` ${quoteCell(raw)}`}: ${message}`);
      }
    });
    idIssues = checked.idIssues;
    value = { family: 'vehicles', person: checked.value.person, vehicles: checked.value.vehicles };
  } else {
    const checked = checkPerson(person, { today: ctx.today, requireSex: false });
    checkErrors = errorMessages(checked.errors, reading);
    idIssues = checked.idIssues;
    const categoryKey = categoryOf(target, fields, reading);
    // The reader's message alone ("Năm phải ghi đủ 4 chữ số, ví dụ 1950.") reads as if about the birth date.
    const dayRead = readDay(fields.get('receivedDate'));
    const dayError = dayRead.error === undefined ? {} : { error: `${FIELD_LABELS.receivedDate} ${quoteCell(cellText(fields.get('receivedDate')))}: ${dayRead.error}` };
    const day = take(reading, { ...dayRead, ...dayError });
    const receivedDate = day === '' ? target.defaultReceivedDate : day;
    if (compareDay(receivedDate, ctx.today) > 0) reading.errors.push('Ngày tiếp nhận không được ở tương lai.');
    const householdNo = cellText(fields.get('householdNo'));
    if (householdNo.length > MAX_HOUSEHOLD_NO) reading.errors.push(fieldMessage('householdNo', `Số hộ khẩu quá dài (tối đa ${MAX_HOUSEHOLD_NO} ký tự).`, householdNo));
    const source = cellText(fields.get('source'));
    if (source.length > MAX_SOURCE) reading.errors.push(fieldMessage('source', `Nguồn quá dài (tối đa ${MAX_SOURCE} ký tự).`, source));
    value = { family: 'dc01', person: checked.value, categoryKey, householdNo, receivedDate, source };
  }

  const reasons = [...new Set([...reading.errors, ...checkErrors])];
  if (reasons.length > 0) {
    const text = (...fs: ImportField[]): string => fs.map((f) => cellText(fields.get(f))).find((t) => t !== '') ?? '';
    const shown = { fullName: text('fullName'), id: text('personalId', 'idAny', 'oldId'), birth: text('birthDate', 'birthYearMale', 'birthYearFemale') };
    return { kind: 'rejected', rowNumbers, reasons: reasons.map(line), shown };
  }
  const notes = [...new Set(reading.notes)].map(line);
  if (group.rows.some((r) => r.hidden)) notes.push(line('dòng đang bị ẩn trong Excel, vẫn được nhập.'));
  for (const issue of idIssues) notes.push(line(`cần xác nhận số định danh: ${issue.message}`));
  const who = value.family === 'labour' ? value.labour : value.person;
  return {
    kind: 'candidate',
    rowNumbers,
    personalId: who.personalId,
    oldId: who.oldId,
    status: status.value,
    value,
    notes,
    idIssues,
  };
}

/** A vehicle row that only continues the previous owner's declaration. */
function isContinuation(row: SheetRow, grid: CellGrid, columns: ReadonlyMap<ImportField, number>): boolean {
  const ownerColumns = OWNER_FIELDS.map((f) => columns.get(f)).filter((c): c is number => c !== undefined);
  const ownerBlank = ownerColumns.every((c) => cellText(row.cells[c] ?? null) === '' || grid.coveredFromAbove(row.rowNumber, c));
  const vehicleFilled = VEHICLE_FIELDS.some((f) => {
    const c = columns.get(f);
    return c !== undefined && cellText(row.cells[c] ?? null) !== '';
  });
  return ownerBlank && vehicleFilled;
}

/** The last row with an ID or a number in the Stt column (what follows it is not a person's row). */
function lastNumberedRow(sheet: Sheet, header: DetectedHeader, columns: ReadonlyMap<ImportField, number>): number {
  const idColumns = (['personalId', 'idAny', 'oldId'] as const).map((f) => columns.get(f)).filter((c): c is number => c !== undefined);
  const stt = columns.get('stt');
  let last = 0;
  for (const row of sheet.rows) {
    if (row.rowNumber < header.dataStart) continue;
    const numbered =
      (stt !== undefined && /^\d+$/.test(cellText(row.cells[stt] ?? null))) || idColumns.some((c) => /^\d{9,12}$/.test(cellText(row.cells[c] ?? null).replace(/[\s.]/g, '')));
    if (numbered) last = row.rowNumber;
  }
  return last;
}

/**
 * Reads every row under the header. Rows are skipped only when blank, a repeated header
 * (or column-number row), a total line ("Tổng cộng", "Cộng") or a title merged across
 * the table; every other row becomes a candidate or is rejected with its reasons.
 * Vehicles: a row whose owner columns are blank or merged from above joins the previous
 * owner's declaration.
 */
export function readRows(
  sheet: Sheet,
  header: DetectedHeader,
  mapping: readonly ColumnMapping[],
  target: ImportTarget,
  ctx: RowContext,
): ReadResult {
  const grid = cellGrid(sheet);
  const columns = fieldColumns(mapping);
  const skipped: SkippedRow[] = [];
  const groups: SheetRow[][] = [];
  let afterTotal = false;
  const lastNumbered = lastNumberedRow(sheet, header, columns);
  for (const row of sheet.rows) {
    if (row.rowNumber < header.dataStart) continue;
    const own = row.cells.map((c) => cellText(c));
    const why = skipReason({ row, own, trailing: afterTotal && row.rowNumber > lastNumbered }, header, columns, grid);
    if (why !== undefined) {
      if (why === 'total') afterTotal = true;
      skipped.push({ rowNumber: row.rowNumber, why });
      continue;
    }
    const previous = groups[groups.length - 1];
    if (target.family === 'vehicles' && previous !== undefined && isContinuation(row, grid, columns)) previous.push(row);
    else groups.push([row]);
  }
  const items = groups.map((rows) => evaluate({ rows }, grid, columns, target, ctx));
  const dataRows = groups.reduce((n, g) => n + g.length, 0);
  return { items, skipped, dataRows };
}

// ---------------------------------------------------------------- classification

export type Classified =
  | { readonly kind: 'new'; readonly candidate: Candidate }
  | { readonly kind: 'update'; readonly candidate: Candidate; readonly recordId: string }
  | { readonly kind: 'duplicate'; readonly candidate: Candidate; readonly firstRow: number; readonly message: string }
  | { readonly kind: 'rejected'; readonly rejected: Rejected };

/** Row counts (a vehicle declaration counts each of its rows); they add up to `rows`. */
export type ImportCounts = {
  readonly new: number;
  readonly update: number;
  readonly duplicate: number;
  readonly rejected: number;
  readonly rows: number;
};

/** Existing records of the target: personal ID (or matchKey) → record id, or a lookup. */
export type ExistingRecords = ReadonlyMap<string, string> | ((candidate: Candidate) => string | undefined);

/**
 * The key two rows (or a row and a record) are the same person by: the personal ID, or
 * the CMND when there is no personal ID; for DC01 within one category. '' when neither.
 */
export function matchKey(candidate: Pick<Candidate, 'personalId' | 'oldId' | 'value'>): string {
  const person = candidate.value.family === 'labour' ? candidate.value.labour : candidate.value.person;
  const id =
    candidate.personalId !== ''
      ? candidate.personalId
      : candidate.oldId !== ''
        ? `cmnd:${candidate.oldId}`
        : person.birthDate !== ''
          ? nameBirthKey(person.fullName, person.birthDate)
          : '';
  if (id === '') return '';
  return candidate.value.family === 'dc01' ? `${candidate.value.categoryKey}|${id}` : id;
}

/** Someone without any ID number (many elderly people) is known by name and date of birth. */
export function nameBirthKey(fullName: string, birthDate: string): string {
  return `ten:${searchKey(fullName)}|${birthDate}`;
}

/**
 * Classifies each item: rejected stays rejected; a candidate whose key appeared earlier
 * in the file is a duplicate of that row; one whose personal ID is already in the target
 * list is an update of that record; the rest are new. A row without any ID number is matched by
 * name and date of birth; one without those either is always new.
 */
export function classifyRows(
  items: readonly (Candidate | Rejected)[],
  existing: ExistingRecords,
): { readonly rows: readonly Classified[]; readonly counts: ImportCounts } {
  const lookup = typeof existing === 'function' ? existing : (c: Candidate): string | undefined => existing.get(matchKey(c)) ?? existing.get(c.personalId);
  const firstSeen = new Map<string, number>();
  const rows: Classified[] = [];
  const counts = { new: 0, update: 0, duplicate: 0, rejected: 0, rows: 0 };
  for (const item of items) {
    const size = item.rowNumbers.length;
    counts.rows += size;
    if (item.kind === 'rejected') {
      rows.push({ kind: 'rejected', rejected: item });
      counts.rejected += size;
      continue;
    }
    const key = matchKey(item);
    const earlier = key === '' ? undefined : firstSeen.get(key);
    const row = item.rowNumbers[0] ?? 0;
    if (earlier !== undefined) {
      const what = item.personalId !== '' ? `số định danh ${item.personalId}` : item.oldId !== '' ? `số CMND ${item.oldId}` : 'họ tên và ngày sinh (không có số định danh)';
      rows.push({ kind: 'duplicate', candidate: item, firstRow: earlier, message: `Dòng ${row}: trùng ${what} với dòng ${earlier}.` });
      counts.duplicate += size;
      continue;
    }
    if (key !== '') firstSeen.set(key, row);
    const recordId = key === '' ? undefined : lookup(item);
    if (recordId !== undefined) {
      rows.push({ kind: 'update', candidate: item, recordId });
      counts.update += size;
    } else {
      rows.push({ kind: 'new', candidate: item });
      counts.new += size;
    }
  }
  return { rows, counts };
}
