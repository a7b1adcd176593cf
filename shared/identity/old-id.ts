/** CMND: the old 9-digit ID, no longer valid as a document but still recorded. */
import { err, ok, type Result } from '../result';

/** Accepts 9 digits, with spaces and dots ignored; returns the 9 digits. */
export function checkOldId(raw: string): Result<string, 'empty' | 'malformed'> {
  const value = raw.replace(/[\s.]/g, '');
  if (value === '') return err('empty', 'Chưa nhập số CMND.');
  if (!/^\d{9}$/.test(value)) return err('malformed', 'Số CMND cũ phải gồm đúng 9 chữ số.');
  return ok(value);
}
