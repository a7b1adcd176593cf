/** Vietnamese phone numbers: mobiles 0xxxxxxxxx, landlines 02xxxxxxxxx. */
import { err, ok, type Result } from '../result';

/**
 * Removes spaces, dots, hyphens and parentheses, turns the +84 / 84 prefix into 0, and
 * accepts 10 digits starting with 0 (mobile) or 11 digits starting with 02 (landline).
 */
export function normalizePhone(raw: string): Result<string, 'empty' | 'malformed'> {
  let value = raw.replace(/[\s.\-()]/g, '');
  if (value === '') return err('empty', 'Chưa nhập số điện thoại.');
  // '+84 0912…' is a common mix of both forms.
  if (value.startsWith('+840')) value = value.slice(3);
  else if (value.startsWith('+84')) value = `0${value.slice(3)}`;
  else if (/^84\d{9}$/.test(value)) value = `0${value.slice(2)}`;
  if (/^0\d{9}$/.test(value) || /^02\d{9}$/.test(value)) return ok(value);
  return err('malformed', 'Số điện thoại phải gồm 10 chữ số, bắt đầu bằng 0 (hoặc +84).');
}
