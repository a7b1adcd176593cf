/**
 * Số định danh cá nhân / CCCD: 12 digits. 1–3 province of birth registration,
 * 4 century and sex, 5–6 last two digits of the birth year, 7–12 random (no check digit).
 */
import type { PartialDateString, Sex } from '../domain/types';
import { partialDateYear } from '../dates/partial-date';
import { digitsOnly } from '../text/normalize';
import { provinceName } from './provinces';

export type IdIssueCode =
  | 'not_12_digits'
  | 'unknown_province'
  | 'bad_century_digit'
  | 'sex_mismatch'
  | 'year_mismatch'
  | 'century_mismatch';

export type IdIssue = { code: IdIssueCode; message: string };

export type DecodedPersonalId = {
  provinceCode: string;
  provinceName: string | undefined;
  sex: Sex | undefined;
  birthYear: number | undefined;
};

/** What the structure of a 12-digit ID says; null when id is not exactly 12 digits. */
export function decodePersonalId(id: string): DecodedPersonalId | null {
  if (!/^\d{12}$/.test(id)) return null;
  const provinceCode = id.slice(0, 3);
  const centuryDigit = Number(id[3]);
  const known = centuryDigit <= 5;
  return {
    provinceCode,
    provinceName: provinceName(provinceCode),
    sex: known ? (centuryDigit % 2 === 0 ? 'male' : 'female') : undefined,
    birthYear: known ? 1900 + 100 * Math.floor(centuryDigit / 2) + Number(id.slice(4, 6)) : undefined,
  };
}

const SEX_LABEL: Record<Sex, string> = { male: 'Nam', female: 'Nữ' };

/**
 * Checks an ID against its own structure and the entered birth date and sex.
 * - 'empty': nothing entered.
 * - 'malformed': not 12 digits — the caller refuses to save.
 * - 'ok': 12 digits; any issues are structural contradictions the officer may confirm.
 * `value` is the ID with spaces and dots removed (when it held nothing else), to be saved.
 */
export function checkPersonalId(
  id: string,
  ctx: { birthDate?: PartialDateString | ''; sex?: Sex | '' },
): { format: 'empty' | 'malformed' | 'ok'; issues: IdIssue[]; value: string } {
  const raw = id.trim();
  if (raw === '') return { format: 'empty', issues: [], value: '' };
  const value = /^[\d\s.]+$/.test(raw) ? digitsOnly(raw) : raw;

  if (!/^\d{12}$/.test(value)) {
    const message = /^\d+$/.test(value)
      ? `Số định danh phải gồm đúng 12 chữ số (đang có ${value.length}).`
      : 'Số định danh chỉ gồm chữ số, đúng 12 chữ số.';
    return { format: 'malformed', issues: [{ code: 'not_12_digits', message }], value };
  }

  const decoded = decodePersonalId(value);
  const issues: IdIssue[] = [];
  if (decoded === null) return { format: 'malformed', issues, value }; // unreachable: 12 digits checked

  if (decoded.provinceName === undefined) {
    issues.push({
      code: 'unknown_province',
      message: `Mã tỉnh ${decoded.provinceCode} không tồn tại.`,
    });
  }

  const centuryDigit = value[3] ?? '';
  if (decoded.sex === undefined) {
    issues.push({
      code: 'bad_century_digit',
      message: `Chữ số thứ 4 là ${centuryDigit}, không hợp lệ (chỉ từ 0 đến 5).`,
    });
  }

  if (decoded.sex !== undefined && ctx.sex && ctx.sex !== decoded.sex) {
    issues.push({
      code: 'sex_mismatch',
      message: `Chữ số thứ 4 là ${centuryDigit} (${SEX_LABEL[decoded.sex].toLowerCase()}) nhưng giới tính đã chọn là ${SEX_LABEL[ctx.sex]}.`,
    });
  }

  if (decoded.birthYear !== undefined && ctx.birthDate && /^\d{4}/.test(ctx.birthDate)) {
    const entered = partialDateYear(ctx.birthDate);
    if (entered !== decoded.birthYear) {
      if (entered % 100 === decoded.birthYear % 100) {
        const from = decoded.birthYear - (decoded.birthYear % 100);
        issues.push({
          code: 'century_mismatch',
          message: `Chữ số thứ 4 là ${centuryDigit} (sinh năm ${from}–${from + 99}) nhưng ngày sinh đã nhập là ${entered}.`,
        });
      } else {
        issues.push({
          code: 'year_mismatch',
          message: `Số định danh cho năm sinh ${decoded.birthYear} nhưng ngày sinh đã nhập là ${entered}.`,
        });
      }
    }
  }

  return { format: 'ok', issues, value };
}

/**
 * A number written out as Excel may write it: '1089012345', '1089012345.0',
 * '1.089.012.345', '1.089012345E+9'. Returns the plain digits only when exact: an
 * exponent form whose mantissa lacks digits (Excel's display rounding) is not.
 */
function plainDigits(s: string): string | null {
  if (/^\d+$/.test(s)) return s;
  if (/^\d{1,3}(?:[., ]\d{3})+$/.test(s)) return s.replace(/[., ]/g, '');
  const decimal = /^(\d+)[.,]0+$/.exec(s);
  if (decimal) return decimal[1] ?? null;
  const exp = /^(\d)(?:[.,](\d+))?[eE]\+?(\d{1,2})$/.exec(s);
  if (exp) {
    const [, int = '', frac = '', e = ''] = exp;
    const shift = Number(e);
    if (frac.length < shift) return null;
    if (!/^0*$/.test(frac.slice(shift))) return null;
    return int + frac.slice(0, shift);
  }
  return null;
}

/**
 * For Excel imports: puts back the leading zeros Excel drops from numbers, where
 * unambiguous — 11 or 10 digits that become a 12-digit ID with a known province,
 * or 8 digits that become a 9-digit CMND. A number form ('1089012345.0') is first turned
 * into plain digits where exact; anything else is returned unchanged.
 */
export function restoreIdLeadingZeros(raw: string): { value: string; restored: boolean; note?: string } {
  const digits = plainDigits(raw.trim());
  if (digits === null) return { value: raw, restored: false };
  // A number never starts with 0: such a value was typed as text, and nothing was lost.
  if (digits.startsWith('0')) return { value: digits, restored: false };

  const withProvince = (padded: string): boolean => provinceName(padded.slice(0, 3)) !== undefined;
  if (digits.length === 11 && withProvince(`0${digits}`)) {
    return {
      value: `0${digits}`,
      restored: true,
      note: 'Đã thêm số 0 bị Excel làm mất ở đầu số định danh.',
    };
  }
  if (digits.length === 10 && withProvince(`00${digits}`)) {
    return {
      value: `00${digits}`,
      restored: true,
      note: 'Đã thêm hai số 0 bị Excel làm mất ở đầu số định danh.',
    };
  }
  if (digits.length === 8) {
    return {
      value: `0${digits}`,
      restored: true,
      note: 'Đã thêm số 0 bị Excel làm mất ở đầu số CMND.',
    };
  }
  return { value: digits, restored: false };
}
