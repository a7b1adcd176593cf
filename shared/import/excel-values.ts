/**
 * exceljs cell values (as both its in-memory and its streaming reader give them) turned
 * into the import model's raw cells (sheet-model.ts). Pure: the values are looked at as
 * plain data, no exceljs import, so the browser and the desktop reader share one rule:
 * - strings, numbers and booleans as they are (strings RAW, never trimmed);
 * - rich text and hyperlinks → their plain text;
 * - formulas → their cached result (none cached → null); error values (#N/A…) → their text;
 * - JS Dates → the Excel 1900 serial, exactly (see dateToExcelSerial).
 */
import type { RawCell } from './sheet-model';

const MS_PER_DAY = 86_400_000;
/** Days from Excel's serial 0 to 1970-01-01, as exceljs counts them. */
const UNIX_EPOCH_SERIAL = 25_569;

/** The inverse of exceljs's serial → Date (it reads every serial as days from 1899-12-30, UTC). */
export function dateToExcelSerial(date: Date): number {
  return date.getTime() / MS_PER_DAY + UNIX_EPOCH_SERIAL;
}

function richTextOf(value: object): string | null {
  if ('richText' in value && Array.isArray(value.richText)) {
    return (value.richText as unknown[])
      .map((run) => {
        const text: unknown = typeof run === 'object' && run !== null && 'text' in run ? run.text : undefined;
        return typeof text === 'string' ? text : '';
      })
      .join('');
  }
  return null;
}

/** An exceljs cell value as a raw model cell. */
export function rawCellOf(value: unknown, depth = 0): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Date) {
    const serial = dateToExcelSerial(value);
    return Number.isFinite(serial) ? { serialDate: serial } : null;
  }
  if (typeof value !== 'object' || depth > 2) return null;
  const rich = richTextOf(value);
  if (rich !== null) return rich;
  if ('hyperlink' in value) {
    const text: unknown = 'text' in value ? value.text : undefined;
    if (typeof text === 'string') return text;
    const richLink = typeof text === 'object' && text !== null ? richTextOf(text) : null;
    return richLink ?? (typeof value.hyperlink === 'string' ? value.hyperlink : null);
  }
  if ('formula' in value || 'sharedFormula' in value) {
    return rawCellOf('result' in value ? value.result : undefined, depth + 1);
  }
  if ('error' in value && typeof value.error === 'string') return value.error;
  return null;
}
