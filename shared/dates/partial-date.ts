/**
 * Calendar days and partial birth dates ('1950', '1950-03', '1950-03-12').
 * Everything here is pure: "today" is always passed in, the clock is never read.
 */
import { err, ok, type Result } from '../result';
import type { IsoDate, PartialDateString } from '../domain/types';

const MIN_YEAR = 1800;
const MAX_YEAR = 2199;

const pad2 = (n: number): string => String(n).padStart(2, '0');
const pad4 = (n: number): string => String(n).padStart(4, '0');

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

type Parts = { y: number; m?: number; d?: number };

const EXAMPLES = 'Ví dụ đúng: 1950, 03/1950 hoặc 12/03/1950.';

/**
 * Reads the forms officers and lists use. Day 00 (and day+month 00) means "unknown",
 * as in '00/00/1950' or the QR's '00001950'.
 */
function readParts(input: string): Result<Parts, 'empty' | 'invalid'> {
  const t = input
    .trim()
    .replace(/\s*([/.-])\s*/g, '$1')
    .replace(/\s+/g, ' ');
  if (t === '') return err('empty', 'Chưa nhập ngày tháng.');

  let y: string | undefined;
  let m: string | undefined;
  let d: string | undefined;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{4})$/.exec(t))) {
    [, y] = match;
  } else if ((match = /^(\d{1,2})[/.-](\d{4})$/.exec(t))) {
    [, m, y] = match;
  } else if ((match = /^(\d{4})-(\d{1,2})$/.exec(t))) {
    [, y, m] = match;
  } else if ((match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t))) {
    [, d, m, y] = match;
  } else if ((match = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/.exec(t))) {
    [, y, m, d] = match;
  } else if ((match = /^(\d{2})(\d{2})(\d{4})$/.exec(t))) {
    // DDMMYYYY, as on the chip card's QR code
    [, d, m, y] = match;
  } else if ((match = /^(\d{2})(\d{4})$/.exec(t))) {
    // MMYYYY
    [, m, y] = match;
  } else if (/^\d{1,2}$/.test(t) || /^(\d{1,2}[/.-]){1,2}\d{2}$/.test(t)) {
    return err('invalid', 'Năm phải ghi đủ 4 chữ số, ví dụ 1950.');
  } else {
    return err('invalid', `Không đọc được ngày tháng "${t}". ${EXAMPLES}`);
  }

  const year = Number(y);
  if (year < MIN_YEAR || year > MAX_YEAR) {
    return err('invalid', `Năm ${y} không hợp lệ.`);
  }
  if (m === undefined) return ok({ y: year });

  const month = Number(m);
  let day = d === undefined ? undefined : Number(d);
  if (day === 0) {
    day = undefined;
    if (month === 0) return ok({ y: year });
  }
  if (month < 1 || month > 12) {
    return err('invalid', `Tháng ${m} không hợp lệ — tháng chỉ từ 1 đến 12.`);
  }
  if (day === undefined) return ok({ y: year, m: month });
  if (day > daysInMonth(year, month)) {
    return err('invalid', `Tháng ${pad2(month)}/${year} không có ngày ${day}.`);
  }
  return ok({ y: year, m: month, d: day });
}

function partsToString(p: Parts): PartialDateString {
  let s = pad4(p.y);
  if (p.m !== undefined) s += `-${pad2(p.m)}`;
  if (p.d !== undefined) s += `-${pad2(p.d)}`;
  return s;
}

/**
 * '1950' → '1950'; '3/1950', '03-1950' → '1950-03'; '12/3/1950', '12.03.1950',
 * '1950-03-12', '12031950' → '1950-03-12'. Two-digit years are refused.
 */
export function parsePartialDate(input: string): Result<PartialDateString, 'empty' | 'invalid'> {
  const parts = readParts(input);
  return parts.ok ? ok(partsToString(parts.value)) : parts;
}

/** Splits a stored partial date. Precondition: p is 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'. */
function splitPartial(p: PartialDateString): Parts {
  const [y, m, d] = p.split('-');
  return {
    y: Number(y),
    ...(m === undefined ? {} : { m: Number(m) }),
    ...(d === undefined ? {} : { d: Number(d) }),
  };
}

/** '1950' → '1950', '1950-03' → '03/1950', '1950-03-12' → '12/03/1950'. */
export function formatPartialDate(p: PartialDateString): string {
  return p.split('-').reverse().join('/');
}

export function partialDateYear(p: PartialDateString): number {
  return Number(p.slice(0, 4));
}

/** The first and last calendar day a partial date can stand for. */
function earliestDay(p: Parts): IsoDate {
  return partsToString({ y: p.y, m: p.m ?? 1, d: p.d ?? 1 });
}
function latestDay(p: Parts): IsoDate {
  const m = p.m ?? 12;
  return partsToString({ y: p.y, m, d: p.d ?? daysInMonth(p.y, m) });
}

/** Completed years between birth and on (both IsoDate). */
function ageOn(birth: IsoDate, on: IsoDate): number {
  const years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  return on.slice(5) < birth.slice(5) ? years - 1 : years;
}

/**
 * Plausibility of a birth date on `today`. Partial dates get the benefit of the doubt:
 * each check fails only if every day the partial date can stand for fails it.
 */
export function checkBirthDate(
  p: PartialDateString,
  today: IsoDate,
  opts: { minAge?: number; maxAge?: number } = {},
): Result<PartialDateString, 'future' | 'too_old' | 'too_young'> {
  const { minAge, maxAge = 120 } = opts;
  const parts = splitPartial(p);
  const earliest = earliestDay(parts);
  if (earliest > today) return err('future', 'Ngày sinh không được ở tương lai.');
  // The youngest the person can be is their age if born on the latest possible day.
  if (ageOn(latestDay(parts), today) > maxAge) {
    return err('too_old', `Tuổi trên ${maxAge} — kiểm tra lại năm sinh.`);
  }
  if (minAge !== undefined && ageOn(earliest, today) < minAge) {
    return err('too_young', `Phải từ đủ ${minAge} tuổi trở lên.`);
  }
  return ok(p);
}

/** A full calendar day: d/m/yyyy (separators / - .) or yyyy-mm-dd. */
export function parseDay(input: string): Result<IsoDate, 'empty' | 'invalid'> {
  const t = input.trim();
  if (t === '') return err('empty', 'Chưa nhập ngày.');
  if (!/^\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}$/.test(t) && !/^\d{4}-\d{1,2}-\d{1,2}$/.test(t)) {
    return err('invalid', `Không đọc được ngày "${t}". Nhập theo dạng ngày/tháng/năm, ví dụ 05/03/2025.`);
  }
  const parts = readParts(t);
  if (!parts.ok) return parts;
  if (parts.value.d === undefined) {
    return err('invalid', 'Cần nhập đủ ngày, tháng và năm, ví dụ 05/03/2025.');
  }
  return ok(partsToString(parts.value));
}

/** 'YYYY-MM-DD' → 'dd/mm/yyyy'. */
export function formatDay(iso: IsoDate): string {
  const [y = '', m = '', d = ''] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** The local calendar day of a Date. */
export function isoDay(date: Date): IsoDate {
  return `${pad4(date.getFullYear())}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;
}

/** Day arithmetic on the calendar (no time zones involved). */
export function addDays(iso: IsoDate, n: number): IsoDate {
  const [y, m, d] = iso.split('-').map(Number);
  const t = new Date(Date.UTC(y ?? NaN, (m ?? NaN) - 1, (d ?? NaN) + n));
  return `${pad4(t.getUTCFullYear())}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
}

/** -1, 0 or 1, for sorting. */
export function compareDay(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Excel's largest date serial: 9999-12-31. */
const EXCEL_MAX_SERIAL = 2_958_465;

/**
 * Excel 1900 date system. Serial 1 is 1900-01-01; Excel wrongly treats 1900 as a leap year,
 * so serial 60 is the non-existent 29/02/1900 (→ null) and every serial from 61 on is one
 * more than the true day count. A time-of-day fraction is ignored.
 */
export function excelSerialToIsoDate(serial: number): IsoDate | null {
  if (!Number.isFinite(serial)) return null;
  const whole = Math.floor(serial);
  if (whole < 1 || whole > EXCEL_MAX_SERIAL || whole === 60) return null;
  return addDays(whole < 60 ? '1899-12-31' : '1899-12-30', whole);
}
