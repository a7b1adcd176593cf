/**
 * Reads a picked file's bytes into the pure import model (shared/import/sheet-model.ts):
 * .xlsx through exceljs in memory, .csv through shared/import/csv.ts. Everything the
 * officer can get wrong — an old .xls, a password, a broken or empty file, a file far too
 * big, or small but inflating to far too much (a zip bomb: exceljs would inflate every part
 * whole into memory, so what the zip says its parts hold is checked first) — comes back as
 * an `Err` with a Vietnamese message that says what to do; this never throws.
 *
 * Strings are handed over RAW (not trimmed, not normalised): legacy-encoding detection
 * must see TCVN3's "ư" (U+00AD) before any tidying removes it.
 *
 * exceljs 4.4, in-memory reader:
 * - Merged cells other than the top-left one report the top-left value (type Merge):
 *   they become null, as the model's merge rule says; the ranges go to `merges`.
 * - Rich text and hyperlinks are objects: their plain text is kept. Formulas give their
 *   cached result (none cached → null); error values (#N/A…) are kept as their text.
 * - Date cells are JS Dates, made by exceljs as (serial − 25569) days from 1970 in UTC;
 *   this is turned back exactly into the Excel 1900 serial.
 * The value rules live in shared/import/excel-values.ts, the codes, limits, messages and
 * the file sniffing in shared/import/read-errors.ts: the desktop build's streaming reader
 * (electron/main/services/sheet-stream.ts) uses the same ones for big files.
 *
 * TODO: cells longer than Excel's 32,767 characters (only possible in a .csv) are kept whole.
 */
import { excelModule, loadWorkbook, type ExcelJSModule } from './load';
import type { Worksheet } from 'exceljs';
import { err, ok, type Result } from '../../shared/result';
import { rawCellOf } from '../../shared/import/excel-values';
import { decodeCsvBytes as decodeCsvWith, readCsvText } from '../../shared/import/csv';
import { READ_LIMITS, READ_MESSAGES, SIGNATURE_BYTES, workbookKind, zipInflatedSize, type SheetReadError } from '../../shared/import/read-errors';
import type { MergeRange, RawCell, Sheet, SheetRow } from '../../shared/import/sheet-model';

export type { ExcelJSModule } from './load';
// The codes, limits and messages are shared with the desktop's streaming reader.
export { READ_LIMITS, READ_MESSAGES, type SheetReadError } from '../../shared/import/read-errors';
export { dateToExcelSerial, rawCellOf } from '../../shared/import/excel-values';
export { detectSeparator, parseCsv } from '../../shared/import/csv';

export type ReadOptions = { readonly excel?: ExcelJSModule };

type ReadResult = Result<Sheet[], SheetReadError>;

/**
 * Reads every worksheet of an .xlsx (or the one table of a .csv) as pure `Sheet`s, in the
 * file's order, hidden sheets included (marked `hidden`). The file is recognised by its
 * bytes first, then by its name.
 */
export async function readWorkbookFile(name: string, data: Uint8Array, options: ReadOptions = {}): Promise<ReadResult> {
  try {
    const kind = workbookKind(name, data.subarray(0, SIGNATURE_BYTES), data.length);
    if (!kind.ok) return kind;
    return kind.value === 'xlsx' ? await readXlsx(name, data, options.excel) : readCsv(name, data);
  } catch {
    return err('corrupt', READ_MESSAGES.corrupt(name));
  }
}

// ---------------------------------------------------------------- .xlsx

/** The parts of an exceljs worksheet its typings leave out. */
type WorksheetInternals = {
  _merges: Record<string, { top: number; left: number; bottom: number; right: number } | undefined>;
};

async function readXlsx(name: string, data: Uint8Array, injected?: ExcelJSModule): Promise<ReadResult> {
  if (data.length > READ_LIMITS.xlsxBytes) return err('too-large', READ_MESSAGES.tooManyBytes(name, READ_LIMITS.xlsxBytes));
  // exceljs inflates every part whole into memory: a small file that holds far more is refused first
  const inflated = zipInflatedSize(data);
  if (inflated !== undefined && inflated > READ_LIMITS.xlsxInflatedBytes) return err('too-large', READ_MESSAGES.tooMuchInflated(name, READ_LIMITS.xlsxInflatedBytes));
  const excel = await excelModule(injected);
  const workbook = await loadWorkbook(excel, data);
  if (!workbook || workbook.worksheets.length === 0) return err('corrupt', READ_MESSAGES.corrupt(name));
  const sheets: Sheet[] = [];
  for (const ws of workbook.worksheets) {
    const sheet = readWorksheet(excel, name, ws);
    if (!sheet.ok) return sheet;
    sheets.push(sheet.value);
  }
  if (sheets.every((s) => s.rows.length === 0)) return err('empty', READ_MESSAGES.empty(name));
  return ok(sheets);
}

function readWorksheet(excel: ExcelJSModule, fileName: string, ws: Worksheet): Result<Sheet, SheetReadError> {
  if (ws.actualRowCount > READ_LIMITS.rows) return err('too-large', READ_MESSAGES.tooManyRows(fileName, ws.name));
  const rows: SheetRow[] = [];
  let tooWide = false;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (tooWide) return;
    const cells: RawCell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      if (tooWide) return;
      // merged cells other than the top-left repeat its value: the model wants null there
      const value = cell.type === excel.ValueType.Merge ? null : rawCellOf(cell.value);
      if (value === null) return;
      if (column > READ_LIMITS.columns) {
        tooWide = true;
        return;
      }
      while (cells.length < column - 1) cells.push(null);
      cells[column - 1] = value;
    });
    if (cells.length > 0) rows.push({ rowNumber, hidden: row.hidden, cells });
  });
  if (tooWide) return err('too-large', READ_MESSAGES.tooManyColumns(fileName, ws.name));
  const merges: MergeRange[] = [];
  for (const range of Object.values((ws as unknown as WorksheetInternals)._merges ?? {})) {
    if (!range) continue;
    merges.push({ top: range.top, left: range.left, bottom: range.bottom, right: range.right });
  }
  merges.sort((a, b) => a.top - b.top || a.left - b.left);
  const hidden = ws.state !== 'visible';
  return ok({ name: ws.name, ...(hidden ? { hidden } : {}), rows, merges });
}

// ---------------------------------------------------------------- .csv

/** Decodes the bytes: UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1252 (Excel's "CSV" on an old PC). */
export function decodeCsvBytes(data: Uint8Array): string {
  return decodeCsvWith(data, (label, options) => new TextDecoder(label, options));
}

function readCsv(name: string, data: Uint8Array): ReadResult {
  if (data.length > READ_LIMITS.csvBytes) return err('too-large', READ_MESSAGES.tooManyBytes(name, READ_LIMITS.csvBytes));
  return readCsvText(name, decodeCsvBytes(data));
}
