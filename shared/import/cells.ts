/**
 * Reading one cell into the app's types. Each reader returns the value plus Vietnamese
 * notes (what was changed, for the preview) or an error (why the value cannot be used).
 * Readers never throw and never guess silently: every repair comes with a note.
 */
import { excelSerialToIsoDate, formatPartialDate, parseDay, parsePartialDate } from '../dates/partial-date';
import { keyOfLabel, type ChoiceList } from '../domain/labour';
import { PROGRESS_STATUS_LABELS } from '../domain/progress';
import type { IsoDate, MemberKind, PartialDateString, ProgressStatus, Sex, VehicleKind } from '../domain/types';
import { VEHICLE_KIND_LABELS } from '../domain/catalogues';
import { restoreIdLeadingZeros } from '../identity/personal-id';
import { normalizePhone } from '../identity/phone';
import { cutText, digitsOnly, searchKey, tidyName } from '../text/normalize';
import { formatCount } from '../format/numbers';
import { cellText, isSerialDate, type RawCell } from './sheet-model';

export type CellRead<T> = { readonly value: T; readonly notes: readonly string[]; readonly error?: string };

const read = <T>(value: T, notes: string[] = []): CellRead<T> => ({ value, notes });
const fail = <T>(value: T, error: string): CellRead<T> => ({ value, notes: [], error });

/** Text of a number cell written out without exponent: 1089012345 → '1089012345'. */
function numberDigits(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? Math.abs(n).toFixed(0) : String(n);
}

/** The raw text of an ID cell: numbers written out in full, text tidied. */
function idText(cell: RawCell): string {
  if (typeof cell === 'number') return numberDigits(cell);
  return cellText(cell);
}

/** Spaces and dots people type inside an ID ("001 089 012 345") go; anything else stays for the check. */
function compactId(text: string): string {
  return /^[\d\s.,]+$/.test(text) && !/[.,]0+$/.test(text) ? digitsOnly(text) : text;
}

/**
 * Số định danh (12 digits): a number that lost its leading zeros gets them back where the
 * province code makes it unambiguous (restoreIdLeadingZeros), with a note. The value is
 * returned even when it is not 12 digits: checkPerson says what is wrong with it.
 */
export function readPersonalId(cell: RawCell): CellRead<string> {
  const text = idText(cell);
  if (text === '') return read('');
  const restored = restoreIdLeadingZeros(text);
  if (restored.restored) return read(restored.value, restored.note ? [restored.note] : []);
  return read(compactId(restored.value));
}

/** Số CMND (9 digits): an 8-digit number gets its leading zero back. */
export function readOldId(cell: RawCell): CellRead<string> {
  const text = idText(cell);
  if (text === '') return read('');
  const restored = restoreIdLeadingZeros(text);
  if (restored.restored && restored.value.length === 9) return read(restored.value, restored.note ? [restored.note] : []);
  return read(compactId(restored.value));
}

/**
 * One column holding either a CCCD (12 digits) or a CMND (9 digits). Leading zeros are
 * restored first; what is neither 9 nor 12 digits is an error.
 */
export function readIdAny(cell: RawCell): CellRead<{ personalId: string; oldId: string }> {
  const text = idText(cell);
  const empty = { personalId: '', oldId: '' };
  if (text === '') return read(empty);
  const restored = restoreIdLeadingZeros(text);
  const value = restored.restored ? restored.value : compactId(restored.value);
  const notes = restored.restored && restored.note ? [restored.note] : [];
  if (/^\d{12}$/.test(value)) return read({ personalId: value, oldId: '' }, notes);
  if (/^\d{9}$/.test(value)) return read({ personalId: '', oldId: value }, notes);
  const what = /^\d+$/.test(value) ? `có ${value.length} chữ số` : 'có ký tự không phải chữ số';
  return fail(empty, `Số giấy tờ ${value} ${what}: phải là 12 chữ số (CCCD) hoặc 9 chữ số (CMND).`);
}

/** Excel's serials for 1/1/1800 … 31/12/2199 are outside; 1900-01-01 is serial 1. */
const MIN_SERIAL_AS_DATE = 3000; // 1908: no birth list holds a year written as a number this big

/**
 * Birth dates: Excel date cells, a year typed as a number (1950), a serial number whose
 * date format was lost (with a note), or text d/m/yyyy, m/yyyy, yyyy with / . or -.
 */
export function readBirthDate(cell: RawCell): CellRead<PartialDateString | ''> {
  if (cell === null) return read('');
  if (isSerialDate(cell)) {
    const iso = excelSerialToIsoDate(cell.serialDate);
    return iso === null ? fail('', `Ngày ${cell.serialDate} trong Excel không phải ngày hợp lệ.`) : read(iso);
  }
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= 1800 && cell <= 2199) return read(String(cell));
    if (cell >= MIN_SERIAL_AS_DATE) {
      const iso = excelSerialToIsoDate(cell);
      if (iso !== null) {
        return read(iso, [`Ô ghi số ${numberDigits(cell)}: đã đọc là ngày ${formatPartialDate(iso)} theo cách Excel lưu ngày.`]);
      }
    }
    return fail('', `Không đọc được ngày sinh ${quoteCell(numberDigits(cell))}.`);
  }
  const text = cellText(cell);
  if (text === '') return read('');
  const parsed = parsePartialDate(text);
  return parsed.ok ? read(parsed.value) : fail('', parsed.message);
}

/** A full day (ngày tiếp nhận): Excel date cells or text d/m/yyyy. */
export function readDay(cell: RawCell): CellRead<IsoDate | ''> {
  if (cell === null) return read('');
  if (isSerialDate(cell) || typeof cell === 'number') {
    const serial = isSerialDate(cell) ? cell.serialDate : cell;
    const iso = excelSerialToIsoDate(serial);
    return iso === null ? fail('', `Không đọc được ngày ${quoteCell(cellText(cell))}.`) : read(iso);
  }
  const text = cellText(cell);
  if (text === '') return read('');
  const parsed = parseDay(text);
  return parsed.ok ? read(parsed.value) : fail('', parsed.message);
}

/** A person's name: NFC, single spaces, all-caps or all-lower turned to title case. */
export function readName(cell: RawCell): CellRead<string> {
  return read(typeof cell === 'string' ? tidyName(cell) : cellText(cell));
}

/** Free text: tidied. */
export function readText(cell: RawCell): CellRead<string> {
  return read(cellText(cell));
}

/**
 * Phones: spaces, dots, +84 handled by normalizePhone. A number cell that lost its
 * leading 0 (912345678) gets it back, with a note.
 */
export function readPhone(cell: RawCell): CellRead<string> {
  if (typeof cell === 'number' && Number.isInteger(cell)) {
    const digits = numberDigits(cell);
    if (/^[1-9]\d{8}$/.test(digits) || /^2\d{9}$/.test(digits)) {
      return read(`0${digits}`, ['Đã thêm số 0 bị Excel làm mất ở đầu số điện thoại.']);
    }
  }
  const text = cellText(cell);
  if (text === '') return read('');
  const phone = normalizePhone(text);
  return phone.ok ? read(phone.value) : fail(text, `Số điện thoại ${quoteCell(text)}: ${phone.message}`);
}

const SEX_WORDS: Readonly<Record<string, Sex>> = { nam: 'male', nu: 'female', male: 'male', female: 'female', m: 'male', f: 'female' };

export function readSex(cell: RawCell): CellRead<Sex | ''> {
  const key = searchKey(cellText(cell));
  if (key === '') return read('');
  const sex = SEX_WORDS[key];
  return sex === undefined ? fail('', `Giới tính ${quoteCell(cellText(cell))} không rõ (ghi Nam hoặc Nữ).`) : read(sex);
}

/** A mark in a "Nam" or "Nữ" column under "Giới tính": x, X, v, 1, ✓ … */
export function isMark(cell: RawCell): boolean {
  if (cell === true) return true;
  const key = searchKey(cellText(cell));
  return key !== '' && key !== '0' && key !== 'khong';
}

/**
 * The "Năm sinh: Nam | Nữ" layout: the year is written in one of two columns, and the
 * column gives the sex. Both filled is an error.
 */
export function readSplitBirth(male: RawCell, female: RawCell): CellRead<{ birthDate: PartialDateString | ''; sex: Sex | '' }> {
  const m = readBirthDate(male);
  const f = readBirthDate(female);
  const mFilled = cellText(male) !== '';
  const fFilled = cellText(female) !== '';
  if (mFilled && fFilled) {
    return fail({ birthDate: '', sex: '' }, `Năm sinh ghi ở cả cột Nam (${cellText(male)}) và cột Nữ (${cellText(female)}).`);
  }
  const [used, sex] = mFilled ? [m, 'male' as const] : fFilled ? [f, 'female' as const] : [undefined, '' as const];
  if (used === undefined) return read({ birthDate: '', sex: '' });
  if (used.error !== undefined) return fail({ birthDate: '', sex }, used.error);
  return read({ birthDate: used.value, sex }, [...used.notes]);
}

const STATUS_WORDS: readonly (readonly [ProgressStatus, readonly string[]])[] = [
  ['failed', ['khong cap nhat duoc', 'that bai', 'tu choi', 'bi tu choi', 'khong duoc duyet', 'khong duyet', 'loi', 'tra lai']],
  [
    'approved',
    ['da duyet', 'da phe duyet', 'da cap nhat', 'duyet', 'phe duyet', 'thanh cong', 'hoan thanh', 'da cap nhat thanh cong', 'da xong'],
  ],
  ['entered', ['cho duyet', 'da nhap', 'da nhap cho duyet', 'dang cho duyet', 'da day len', 'da day', 'da nhap lieu']],
  ['received', ['da tiep nhan', 'tiep nhan', 'moi', 'chua nhap', 'chua cap nhat', 'chua xu ly', 'da nhan', 'da thu thap']],
];

/**
 * A progress status written in a list: "Đã duyệt", "Đã cập nhật" → approved; "Chờ duyệt",
 * "Đã nhập" → entered; "Đã tiếp nhận" → received; "Không cập nhật được" → failed, and the
 * app's own labels. '' for an empty cell; an unknown text is an error the row reports.
 */
export function readStatus(cell: RawCell): CellRead<ProgressStatus | ''> {
  const text = cellText(cell);
  const key = searchKey(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  if (key === '') return read('');
  for (const [status, label] of Object.entries(PROGRESS_STATUS_LABELS) as [ProgressStatus, string][]) {
    if (searchKey(label) === key) return read(status);
  }
  for (const [status, words] of STATUS_WORDS) if (words.includes(key)) return read(status);
  return fail('', `Trạng thái ${quoteCell(text)} không rõ (ví dụ: Đã tiếp nhận, Chờ duyệt, Đã duyệt, Không cập nhật được).`);
}

export function readMemberKind(cell: RawCell): CellRead<MemberKind | ''> {
  const key = searchKey(cellText(cell));
  if (key === '') return read('');
  if (key === 'tap the' || key === 'tt') return read('collective');
  if (key === 'ca nhan' || key === 'cn') return read('individual');
  return fail('', `${quoteCell(cellText(cell))} không phải Cá nhân hay Tập thể.`);
}

/**
 * A closed-list answer given by its label ("Tày", "TÀY", "tay") → its key. An unknown
 * text is returned as is, so the family's check reports it with its own message.
 */
export function readChoice(list: ChoiceList, cell: RawCell, extra: Readonly<Record<string, string>> = {}): CellRead<string> {
  const text = cellText(cell);
  if (text === '') return read('');
  return read(keyOfLabel(list, text) ?? extra[searchKey(text)] ?? text);
}

/** Có / Không, x / (blank), 1 / 0 → 'yes' / 'no' / ''. */
export function readYesNo(cell: RawCell): CellRead<'yes' | 'no' | ''> {
  if (cell === true) return read('yes');
  if (cell === false) return read('no');
  const key = searchKey(cellText(cell));
  if (key === '') return read('');
  if (['co', 'x', 'v', '1', 'yes', 'c', 'da ky', 'co tham gia'].includes(key)) return read('yes');
  if (['khong', '0', 'no', 'k', 'chua', 'khong co'].includes(key)) return read('no');
  return fail('', `${quoteCell(cellText(cell))} không rõ là Có hay Không.`);
}

const VEHICLE_WORDS: Readonly<Record<string, VehicleKind>> = {
  'xe may': 'motorbike',
  'mo to': 'motorbike',
  'xe mo to': 'motorbike',
  'xe gan may': 'motorbike',
  'mo to xe gan may': 'motorbike',
  'o to': 'car',
  'xe o to': 'car',
  'xe hoi': 'car',
  'xe may dien': 'e_motorbike',
  'xe dap dien': 'e_bicycle',
  'may keo': 'tractor',
  khac: 'other',
};

/** Loại xe: "Xe máy", "Mô tô", "Ô tô", "Xe máy điện", "Xe đạp điện", "Máy kéo" and the app's labels. */
export function readVehicleKind(cell: RawCell): CellRead<VehicleKind | ''> {
  const text = cellText(cell);
  const key = searchKey(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  if (key === '') return read('');
  for (const [kind, label] of Object.entries(VEHICLE_KIND_LABELS) as [VehicleKind, string][]) {
    if (searchKey(label).replace(/[^\p{L}\p{N}]+/gu, ' ').trim() === key) return read(kind);
  }
  const kind = VEHICLE_WORDS[key];
  return kind === undefined ? fail('', `Loại phương tiện ${quoteCell(text)} không rõ (Mô tô, xe gắn máy / Ô tô / Xe máy điện / Xe đạp điện / Máy kéo / Khác).`) : read(kind);
}

/** For a draft field: a partial date in the form the entry forms accept ('1950', '03/1950', '12/03/1950'). */
export function draftDate(p: PartialDateString | ''): string {
  return p === '' ? '' : formatPartialDate(p);
}

/** The most of a cell a message quotes: enough to find the cell, short enough to read. */
export const QUOTED_CELL_CHARS = 60;

/**
 * A cell's text in quotes for a message: whole, or — when longer than QUOTED_CELL_CHARS —
 * its start, "…" and how long it is: '"Nguyễn Văn Nguyễn Văn…" (32.767 ký tự)'. A whole
 * 32,767-character cell in a message would fill the preview, and the "Lý do" cell of the
 * rows sent back could not hold it.
 */
export function quoteCell(text: string): string {
  if (text.length <= QUOTED_CELL_CHARS) return `"${text}"`;
  return `"${cutText(text, QUOTED_CELL_CHARS)}" (${formatCount(text.length)} ký tự)`;
}
