/**
 * Road vehicles (family `vehicles`): a declaration (tờ khai) by one owner lists one or
 * more vehicles. The owner's personal ID is the key field. Plates, frame numbers and
 * engine numbers are compared by key: upper case, spaces, dots and hyphens removed.
 *
 * Vietnamese plates come in two families:
 * - one-row (cars): province code, a series of 1–2 letters, then 5 digits written
 *   `123.45` or (older) 4 digits: `30A-123.45`, `51LD-123.45`, `30A-1234`;
 * - two-row (motorbikes, mopeds, electric motorbikes): province code, then a series of one
 *   letter and a digit, or two letters with an optional digit, then 5 or 4 digits:
 *   `59-X1 234.56`, `29-B1 1234`, `59-AA 123.45`, `29-MĐ1 234.56`.
 * The province code (first two digits) is 11–99.
 */
import type { IdIssue } from '../identity/personal-id';
import { err, ok, type Result } from '../result';
import { tidyText } from '../text/normalize';
import { VEHICLE_KIND_LABELS } from './catalogues';
import { checkPerson, personToDraft, type PersonDraft, type PersonErrors } from './person';
import type { IsoDate, PersonFields, Vehicle, VehicleKind } from './types';

// ---------------------------------------------------------------- plates

/** Spaces (any kind), dots, hyphens and dashes: what people put between the parts of a plate. */
const SEPARATORS = /[\s.\-\u2010-\u2015\u2212]+/g;

/** The comparison key of a plate: NFC, upper case, spaces/dots/hyphens removed. '59-X1 234.56' → '59X123456'. */
export function plateKey(raw: string): string {
  return tidyText(raw).toUpperCase().replace(SEPARATORS, '');
}

type PlateFamily = 'one_row' | 'two_row';

type PlateParts = { province: string; series: string; number: string };

const EXAMPLES: Record<VehicleKind, string> = {
  car: 'ví dụ 30A-123.45 hoặc 30A-1234',
  motorbike: 'ví dụ 59-X1 234.56, 29-B1 1234 hoặc 59-AA 123.45',
  e_motorbike: 'ví dụ 29-MĐ1 234.56',
  e_bicycle: 'ví dụ 29-MĐ1 234.56',
  tractor: 'ví dụ 30A-123.45 hoặc 59-X1 234.56',
  other: 'ví dụ 30A-123.45 hoặc 59-X1 234.56',
};

/** The plate family a kind must use; undefined when either is accepted. */
const FAMILY_OF_KIND: Record<VehicleKind, PlateFamily | undefined> = {
  car: 'one_row',
  motorbike: 'two_row',
  e_motorbike: 'two_row',
  e_bicycle: undefined,
  tractor: undefined,
  other: undefined,
};

/** When a plate of an either-family kind reads both ways and its layout does not tell. */
const DEFAULT_FAMILY: Record<VehicleKind, PlateFamily> = {
  car: 'one_row',
  motorbike: 'two_row',
  e_motorbike: 'two_row',
  e_bicycle: 'two_row',
  tractor: 'one_row',
  other: 'two_row',
};

/**
 * What the typed layout says, when the key alone is ambiguous ('59AA12345' is 59-AA 123.45
 * or 59-AA1 2345; '30A12345' is 30A-123.45 or 30-A1 2345):
 * - seriesDigit: a separator right after the letters (false) or after letters + one digit (true);
 * - family: the province code written apart ('59-…') → two-row; '30A-…' → one-row.
 */
function layoutHints(raw: string): { seriesDigit?: boolean; family?: PlateFamily } {
  const segments = tidyText(raw).toUpperCase().split(SEPARATORS).filter(Boolean);
  if (segments.length < 2) return {};
  const at = segments.findIndex((s) => /[A-ZĐ]/.test(s));
  const segment = segments[at];
  if (segment === undefined || at === segments.length - 1) return {};
  const m = /^(\d*)[A-ZĐ]+(\d*)$/.exec(segment);
  if (!m) return {};
  const lead = m[1] ?? '';
  const trail = m[2] ?? '';
  const hints: { seriesDigit?: boolean; family?: PlateFamily } = {};
  if (trail.length === 0) hints.seriesDigit = false;
  else if (trail.length === 1) hints.seriesDigit = true;
  if (at === 1 && /^\d{2}$/.test(segments[0] ?? '')) hints.family = 'two_row';
  else if (at === 0 && lead.length === 2 && trail.length === 0) hints.family = 'one_row';
  return hints;
}

function readOneRow(letters: string, digits: string, seriesDigit: boolean | undefined): PlateParts | null {
  if (seriesDigit === true) return null;
  if (digits.length !== 4 && digits.length !== 5) return null;
  return { province: '', series: letters, number: digits };
}

function readTwoRow(letters: string, digits: string, seriesDigit: boolean | undefined): PlateParts | null {
  // series with its digit: X1 + 2345 / 23456
  const withDigit =
    digits.length === 5 || digits.length === 6
      ? { province: '', series: letters + digits.slice(0, 1), number: digits.slice(1) }
      : null;
  // two letters alone: AA + 1234 / 12345
  const lettersOnly =
    letters.length === 2 && (digits.length === 4 || digits.length === 5)
      ? { province: '', series: letters, number: digits }
      : null;
  if (seriesDigit === true) return withDigit;
  if (seriesDigit === false) return lettersOnly;
  if (withDigit && lettersOnly) return letters === 'MĐ' ? withDigit : lettersOnly;
  return withDigit ?? lettersOnly;
}

/**
 * A dot typed inside the number means the 5-digit layout `123.45`: '30A-123.4' is a
 * mistyped 5-digit plate, not the 4-digit plate 30A-1234.
 */
function numberLayoutFits(raw: string, number: string): boolean {
  const tail = tidyText(raw).toUpperCase().replace(/^.*[A-ZĐ]/, '');
  const digits = tail.replace(/\s+/g, '');
  if (!/\d\.\d/.test(digits)) return true;
  return number.length === 5 && /\.\d{2}$/.test(digits);
}

function formatNumber(n: string): string {
  return n.length === 5 ? `${n.slice(0, 3)}.${n.slice(3)}` : n;
}

function formatPlate(p: PlateParts, family: PlateFamily): string {
  return family === 'one_row'
    ? `${p.province}${p.series}-${formatNumber(p.number)}`
    : `${p.province}-${p.series} ${formatNumber(p.number)}`;
}

/**
 * Reads a plate typed any way ('59x1-23456', '59 X1 234 56', '30a12345') and writes it the
 * canonical way for its family: `30A-123.45`, `30A-1234` (one-row, cars) or `59-X1 234.56`,
 * `29-B1 1234` (two-row). Cars must have a one-row plate, motorbikes and electric
 * motorbikes a two-row plate; electric bicycles, tractors and other vehicles may have
 * either (the typed layout decides, else the more usual family for the kind).
 *
 * 'empty' is returned for an empty plate whatever the kind: the caller decides whether
 * a plate is required (checkDeclaration requires it except for e_bicycle and other).
 */
export function checkPlate(raw: string, kind: VehicleKind): Result<{ plate: string; key: string }, 'empty' | 'malformed'> {
  const example = EXAMPLES[kind];
  const key = plateKey(raw);
  if (key === '') return err('empty', `Nhập biển số (${example}).`);
  if (!/^[0-9A-ZĐ]+$/.test(key)) {
    return err('malformed', `Biển số chỉ gồm chữ cái, chữ số và dấu phân cách (${example}).`);
  }
  const m = /^(\d{2})([A-ZĐ]{1,2})(\d+)$/.exec(key);
  if (!m) return err('malformed', `Biển số không đúng dạng (${example}).`);
  const [, province = '', letters = '', digits = ''] = m;
  if (Number(province) < 11) {
    return err('malformed', `Hai số đầu của biển số là mã địa phương, từ 11 đến 99 (đang là ${province}).`);
  }

  const hints = layoutHints(raw);
  const readings: Record<PlateFamily, PlateParts | null> = {
    one_row: readOneRow(letters, digits, hints.seriesDigit),
    two_row: readTwoRow(letters, digits, hints.seriesDigit),
  };
  const required = FAMILY_OF_KIND[kind];
  let family: PlateFamily | undefined;
  if (required !== undefined) family = readings[required] ? required : undefined;
  else if (readings.one_row && readings.two_row) family = hints.family ?? DEFAULT_FAMILY[kind];
  else if (readings.one_row) family = 'one_row';
  else if (readings.two_row) family = 'two_row';

  const parts = family === undefined ? null : readings[family];
  if (family === undefined || parts === null || !numberLayoutFits(raw, parts.number)) {
    if (family !== undefined) return err('malformed', `Biển số không đúng dạng (${example}).`);
    if (kind === 'car' && readings.two_row && hints.family !== 'one_row') {
      return err('malformed', `Biển số ô tô có dạng 30A-123.45 hoặc 30A-1234; biển này có dạng biển xe máy — kiểm tra lại loại phương tiện.`);
    }
    if (required === 'two_row' && readings.one_row && hints.family !== 'two_row') {
      return err('malformed', `Biển số xe máy có dạng 59-X1 234.56 hoặc 29-B1 1234; biển này có dạng biển ô tô — kiểm tra lại loại phương tiện.`);
    }
    return err('malformed', `Biển số không đúng dạng (${example}).`);
  }
  const plate = formatPlate({ ...parts, province }, family);
  return ok({ plate, key: plateKey(plate) });
}

// ---------------------------------------------------------------- frame and engine numbers

/** Frame/engine number key: NFC, upper case, spaces, dots and hyphens removed. */
export function normaliseChassisNo(raw: string): string {
  return tidyText(raw).toUpperCase().replace(SEPARATORS, '');
}

const CHASSIS_WHAT: Record<'frame' | 'engine', string> = { frame: 'Số khung', engine: 'Số máy' };
export const CHASSIS_MIN = 4;
export const CHASSIS_MAX = 25;

/** Số khung / số máy: A–Z and 0–9 only (after normalising), 4–25 characters. */
export function checkChassisNo(raw: string, what: 'frame' | 'engine'): Result<string, 'empty' | 'malformed'> {
  const name = CHASSIS_WHAT[what];
  const value = normaliseChassisNo(raw);
  if (value === '') return err('empty', `Nhập ${name.toLowerCase()}.`);
  if (!/^[A-Z0-9]+$/.test(value)) {
    return err('malformed', `${name} chỉ gồm chữ cái không dấu và chữ số (A–Z, 0–9).`);
  }
  if (value.length < CHASSIS_MIN || value.length > CHASSIS_MAX) {
    return err('malformed', `${name} phải có từ ${CHASSIS_MIN} đến ${CHASSIS_MAX} ký tự (đang có ${value.length}).`);
  }
  return ok(value);
}

// ---------------------------------------------------------------- drafts

export type VehicleDraft = {
  kind: string;
  plate: string;
  brand: string;
  model: string;
  colour: string;
  frameNo: string;
  engineNo: string;
};

export const EMPTY_VEHICLE_DRAFT: VehicleDraft = {
  kind: 'motorbike',
  plate: '',
  brand: '',
  model: '',
  colour: '',
  frameNo: '',
  engineNo: '',
};

export type DeclarationDraft = PersonDraft & { vehicles: VehicleDraft[] };

export type VehicleErrors = Partial<Record<keyof VehicleDraft, string>>;

export type DeclarationCheck = {
  /** owner's field errors, plus `vehicles` when the declaration has none */
  errors: PersonErrors & { vehicles?: string };
  /** one entry per draft vehicle, same order ({} when that vehicle is fine) */
  vehicleErrors: VehicleErrors[];
  /** structural problems of the owner's personal ID, savable after confirmation */
  idIssues: IdIssue[];
  /** tidy values, vehicles in draft order; only meaningful when there are no errors */
  value: { person: PersonFields; vehicles: Omit<Vehicle, 'id'>[] };
};

/** Kinds whose vehicles may have no plate (electric bicycles, other). */
export function plateRequired(kind: string): boolean {
  return kind !== 'e_bicycle' && kind !== 'other';
}

export function isVehicleKind(kind: string): kind is VehicleKind {
  return Object.hasOwn(VEHICLE_KIND_LABELS, kind);
}

const MAX_TEXT = 100;

/** True when some field must be fixed before saving (idIssues are confirmations, not errors). */
export function declarationHasErrors(check: Pick<DeclarationCheck, 'errors' | 'vehicleErrors'>): boolean {
  return Object.keys(check.errors).length > 0 || check.vehicleErrors.some((e) => Object.keys(e).length > 0);
}

function checkVehicle(draft: VehicleDraft): { errors: VehicleErrors; value: Omit<Vehicle, 'id'> } {
  const errors: VehicleErrors = {};
  const kindText = tidyText(draft.kind);
  let kind: VehicleKind = 'other';
  if (isVehicleKind(kindText)) kind = kindText;
  else errors.kind = 'Chọn loại phương tiện trong danh sách.';

  let plate = tidyText(draft.plate).toUpperCase();
  const plateCheck = checkPlate(draft.plate, kind);
  if (plateCheck.ok) plate = plateCheck.value.plate;
  else if (plateCheck.code === 'malformed') errors.plate = plateCheck.message;
  else if (!errors.kind && plateRequired(kind)) errors.plate = plateCheck.message;

  const chassis = (field: 'frameNo' | 'engineNo', what: 'frame' | 'engine'): string => {
    const r = checkChassisNo(draft[field], what);
    if (r.ok) return r.value;
    if (r.code === 'malformed') errors[field] = r.message;
    return normaliseChassisNo(draft[field]);
  };
  const text = (field: 'brand' | 'model' | 'colour', what: string): string => {
    const value = tidyText(draft[field]);
    if (value.length > MAX_TEXT) errors[field] = `${what} quá dài (tối đa ${MAX_TEXT} ký tự).`;
    return value;
  };

  return {
    errors,
    value: {
      kind,
      plate,
      brand: text('brand', 'Nhãn hiệu'),
      model: text('model', 'Số loại'),
      colour: text('colour', 'Màu sơn'),
      frameNo: chassis('frameNo', 'frame'),
      engineNo: chassis('engineNo', 'engine'),
    },
  };
}

/**
 * Checks a declaration: the owner via checkPerson (personal ID required), at least one
 * vehicle, each vehicle's kind, plate (required except e_bicycle/other), frame and engine
 * numbers (optional, checked when given), brand/model/colour lengths. A plate, frame or
 * engine number repeated inside the declaration is an error on the later vehicle.
 */
export function checkDeclaration(draft: DeclarationDraft, rules: { today: IsoDate }): DeclarationCheck {
  const owner = checkPerson(draft, { today: rules.today, requirePersonalId: true });
  const errors: PersonErrors & { vehicles?: string } = { ...owner.errors };
  if (draft.vehicles.length === 0) errors.vehicles = 'Tờ khai phải có ít nhất một phương tiện.';

  const seen = { plate: new Map<string, number>(), frameNo: new Map<string, number>(), engineNo: new Map<string, number>() };
  const what = { plate: 'Biển số', frameNo: 'Số khung', engineNo: 'Số máy' } as const;
  const vehicleErrors: VehicleErrors[] = [];
  const vehicles: Omit<Vehicle, 'id'>[] = [];
  draft.vehicles.forEach((vehicleDraft, index) => {
    const checked = checkVehicle(vehicleDraft);
    const keys = {
      plate: plateKey(checked.value.plate),
      frameNo: checked.value.frameNo,
      engineNo: checked.value.engineNo,
    };
    for (const field of ['plate', 'frameNo', 'engineNo'] as const) {
      const key = keys[field];
      if (key === '' || checked.errors[field] !== undefined) continue;
      const first = seen[field].get(key);
      if (first !== undefined) {
        checked.errors[field] = `${what[field]} trùng với phương tiện thứ ${first + 1} trong tờ khai.`;
      } else {
        seen[field].set(key, index);
      }
    }
    vehicleErrors.push(checked.errors);
    vehicles.push(checked.value);
  });

  return { errors, vehicleErrors, idIssues: owner.idIssues, value: { person: owner.value, vehicles } };
}

/** The indexed keys of a declaration's vehicles: non-empty, deduplicated, in vehicle order. */
export function declarationKeys(vehicles: readonly Pick<Vehicle, 'plate' | 'frameNo' | 'engineNo'>[]): {
  plateKeys: string[];
  frameKeys: string[];
  engineKeys: string[];
} {
  const unique = (values: string[]): string[] => [...new Set(values.filter((v) => v !== ''))];
  return {
    plateKeys: unique(vehicles.map((v) => plateKey(v.plate))),
    frameKeys: unique(vehicles.map((v) => normaliseChassisNo(v.frameNo))),
    engineKeys: unique(vehicles.map((v) => normaliseChassisNo(v.engineNo))),
  };
}

export function vehicleToDraft(v: Omit<Vehicle, 'id'>): VehicleDraft {
  return {
    kind: v.kind,
    plate: v.plate,
    brand: v.brand,
    model: v.model,
    colour: v.colour,
    frameNo: v.frameNo,
    engineNo: v.engineNo,
  };
}

/** Turns a stored declaration back into form strings (vehicles in stored order). */
export function declarationToDraft(d: PersonFields & { vehicles: readonly Vehicle[] }): DeclarationDraft {
  return { ...personToDraft(d), vehicles: d.vehicles.map(vehicleToDraft) };
}
