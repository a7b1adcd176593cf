/**
 * Reads a picked file's bytes into the pure import model (shared/import/sheet-model.ts):
 * .xlsx through exceljs in memory, .csv through the small parser below. Everything the
 * officer can get wrong — an old .xls, a password, a broken or empty file, a file far too
 * big — comes back as an `Err` with a Vietnamese message that says what to do; this never throws.
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
 *
 * TODO: cells longer than Excel's 32,767 characters (only possible in a .csv) are kept whole.
 * TODO: the desktop build should read big .xlsx files with exceljs's streaming reader.
 */
import { excelModule, loadWorkbook, type ExcelJSModule } from './load';
import type { CellValue as ExcelValue, Worksheet } from 'exceljs';
import { err, ok, type Err, type Result } from '../../shared/result';
import { formatCount } from '../../shared/format/numbers';
import type { MergeRange, RawCell, Sheet, SheetRow } from '../../shared/import/sheet-model';

export type { ExcelJSModule } from './load';

export type SheetReadError = 'xls' | 'encrypted' | 'corrupt' | 'empty' | 'unsupported' | 'too-large';

export type ReadOptions = { readonly excel?: ExcelJSModule };

/** Limits that keep a wrong or absurd file from hanging the app. */
export const READ_LIMITS = {
  /** rows with content per sheet */
  rows: 200_000,
  /** columns per sheet */
  columns: 300,
  /** bytes of an .xlsx read in memory (exceljs needs ~10 bytes of memory per byte of file and more) */
  xlsxBytes: 50 * 1024 * 1024,
  /** bytes of a .csv */
  csvBytes: 100 * 1024 * 1024,
} as const;

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

const SAVE_AS_XLSX = 'Mở tệp bằng Excel → Lưu thành (Save As) → chọn kiểu “Excel Workbook (.xlsx)”, rồi chọn lại tệp .xlsx vừa lưu.';

export const READ_MESSAGES = {
  xls: (name: string) => `Tệp “${name}” là tệp Excel đời cũ (.xls), phần mềm không đọc được loại này. ${SAVE_AS_XLSX}`,
  encrypted: (name: string) =>
    `Tệp “${name}” có mật khẩu (đã mã hóa) nên không đọc được. Mở tệp bằng Excel, nhập mật khẩu, vào Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu, xóa mật khẩu rồi lưu lại và chọn lại tệp. ` +
    `Nếu tệp không có mật khẩu thì đây là tệp .xls bị đổi tên: ${SAVE_AS_XLSX}`,
  corrupt: (name: string) =>
    `Tệp “${name}” bị hỏng hoặc không phải tệp Excel .xlsx nên không đọc được. Thử mở tệp bằng Excel: nếu mở được, chọn Lưu thành (Save As) → kiểu “Excel Workbook (.xlsx)” rồi chọn lại tệp .xlsx vừa lưu; nếu Excel cũng không mở được, đề nghị người gửi gửi lại tệp.`,
  empty: (name: string) => `Tệp “${name}” không có dữ liệu nào. Kiểm tra lại xem đã chọn đúng tệp chưa.`,
  unsupported: (name: string) =>
    `Phần mềm chỉ nhập được tệp Excel (.xlsx) hoặc tệp CSV (.csv); tệp “${name}” không thuộc hai loại này. Nếu đây là bảng tính: ${SAVE_AS_XLSX}`,
  tooManyBytes: (name: string, limitBytes: number) =>
    `Tệp “${name}” quá lớn (trên ${formatCount(Math.round(limitBytes / 1024 / 1024))} MB) để nhập một lần. Chia danh sách thành nhiều tệp nhỏ hơn rồi nhập lần lượt.`,
  tooManyRows: (name: string, sheet: string) =>
    `Trang “${sheet}” của tệp “${name}” có hơn ${formatCount(READ_LIMITS.rows)} dòng, quá số dòng nhập được một lần. Chia danh sách thành nhiều tệp nhỏ hơn rồi nhập lần lượt.`,
  tooManyColumns: (name: string, sheet: string) =>
    `Trang “${sheet}” của tệp “${name}” có dữ liệu ở quá ${formatCount(READ_LIMITS.columns)} cột. Xóa các cột thừa ở bên phải bảng (hoặc chép riêng bảng cần nhập sang một tệp mới) rồi chọn lại tệp.`,
  unclosedQuote: (name: string, line: number) =>
    `Tệp “${name}” có dấu ngoặc kép (") mở ở dòng ${formatCount(line)} mà không đóng, nên không biết ô đó kết thúc ở đâu. Mở tệp bằng Excel, kiểm tra dòng đó, rồi lưu lại dạng .xlsx và chọn lại tệp.`,
} as const;

type ReadResult = Result<Sheet[], SheetReadError>;

/** The file's extension, lower-case, without the dot ('' when none). */
function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 || dot === name.length - 1 ? '' : name.slice(dot + 1).toLowerCase();
}

function startsWith(data: Uint8Array, signature: readonly number[]): boolean {
  return data.length >= signature.length && signature.every((b, i) => data[i] === b);
}

/**
 * Reads every worksheet of an .xlsx (or the one table of a .csv) as pure `Sheet`s, in the
 * file's order, hidden sheets included (marked `hidden`). The file is recognised by its
 * bytes first, then by its name.
 */
export async function readWorkbookFile(name: string, data: Uint8Array, options: ReadOptions = {}): Promise<ReadResult> {
  try {
    if (data.length === 0) return err('empty', READ_MESSAGES.empty(name));
    const ext = extensionOf(name);
    if (startsWith(data, OLE_SIGNATURE)) {
      if (ext === 'xlsx' || ext === 'xlsm') return err('encrypted', READ_MESSAGES.encrypted(name));
      if (ext === 'xls') return err('xls', READ_MESSAGES.xls(name));
      return err('unsupported', READ_MESSAGES.unsupported(name));
    }
    if (startsWith(data, ZIP_SIGNATURE) && (ext === 'xlsx' || ext === 'xlsm' || ext === 'xls' || ext === 'csv')) {
      // an .xlsx, or one renamed to .xls/.csv by hand
      return await readXlsx(name, data, options.excel);
    }
    switch (ext) {
      case 'csv':
        return readCsv(name, data);
      case 'xlsx':
      case 'xlsm':
        return err('corrupt', READ_MESSAGES.corrupt(name));
      case 'xls':
        // an old binary .xls without its container, or a web page saved with an .xls name
        return err('xls', READ_MESSAGES.xls(name));
      default:
        return err('unsupported', READ_MESSAGES.unsupported(name));
    }
  } catch {
    return err('corrupt', READ_MESSAGES.corrupt(name));
  }
}

// ---------------------------------------------------------------- .xlsx

/** The parts of an exceljs worksheet its typings leave out. */
type WorksheetInternals = {
  _merges: Record<string, { top: number; left: number; bottom: number; right: number } | undefined>;
};

const MS_PER_DAY = 86_400_000;
/** Days from Excel's serial 0 to 1970-01-01, as exceljs counts them. */
const UNIX_EPOCH_SERIAL = 25_569;

/** The inverse of exceljs's serial → Date (it reads every serial as days from 1899-12-30, UTC). */
export function dateToExcelSerial(date: Date): number {
  return date.getTime() / MS_PER_DAY + UNIX_EPOCH_SERIAL;
}

function richTextOf(value: unknown): string | null {
  if (value && typeof value === 'object' && 'richText' in value && Array.isArray(value.richText)) {
    return (value.richText as { text?: unknown }[]).map((run) => (typeof run.text === 'string' ? run.text : '')).join('');
  }
  return null;
}

/** An exceljs cell value as a raw model cell. */
export function rawCellOf(value: ExcelValue | undefined, depth = 0): RawCell {
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
    const text: unknown = (value as { text?: unknown }).text;
    if (typeof text === 'string') return text;
    return richTextOf(text) ?? (typeof value.hyperlink === 'string' ? value.hyperlink : null);
  }
  if ('formula' in value || 'sharedFormula' in value) {
    return rawCellOf((value as { result?: ExcelValue }).result, depth + 1);
  }
  if ('error' in value && typeof value.error === 'string') return value.error;
  return null;
}

async function readXlsx(name: string, data: Uint8Array, injected?: ExcelJSModule): Promise<ReadResult> {
  if (data.length > READ_LIMITS.xlsxBytes) return err('too-large', READ_MESSAGES.tooManyBytes(name, READ_LIMITS.xlsxBytes));
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
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data);
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    // Not UTF-8: the ANSI code page. TCVN3/VNI text keeps its bytes as Windows-1252
    // characters this way, which is what legacy-encoding.ts expects.
    return new TextDecoder('windows-1252').decode(data);
  }
}

const SEPARATORS = [',', ';', '\t'] as const;
type Separator = (typeof SEPARATORS)[number];

/**
 * The separator: Excel's `sep=` hint line when there is one, else the candidate seen most
 * often outside quotes in the first lines (a title line with a comma does not outweigh
 * the separators of the table rows); a tie goes to the comma.
 */
export function detectSeparator(text: string): { separator: Separator; hintLength: number } {
  const hint = /^sep=([,;\t])[ \t]*(\r\n|\n|\r|$)/i.exec(text);
  if (hint) return { separator: hint[1] as Separator, hintLength: hint[0].length };
  const counts = new Map<string, number>(SEPARATORS.map((s) => [s, 0]));
  let inQuotes = false;
  let lines = 0;
  for (let i = 0; i < text.length && lines < 30; i++) {
    const ch = text.charAt(i);
    if (ch === '"') inQuotes = !inQuotes; // a doubled quote toggles twice: no change
    else if (inQuotes) continue;
    else if (ch === '\n') lines++;
    else if (counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best: Separator = ',';
  for (const s of SEPARATORS) if ((counts.get(s) ?? 0) > (counts.get(best) ?? 0)) best = s;
  return { separator: best, hintLength: 0 };
}

type CsvParse = { ok: true; records: string[][] } | { ok: false; kind: 'quote'; line: number } | { ok: false; kind: 'rows' | 'columns' };

/**
 * RFC 4180 with Excel's leniency: a field that starts with `"` runs to the closing quote
 * (separators and line breaks inside it are text, `""` is one quote, anything after the
 * closing quote is appended); a quote inside an unquoted field is an ordinary character.
 * Line breaks are \r\n, \n or \r. An unclosed quote is reported with the line it opened on.
 */
export function parseCsv(text: string, separator: string, limits: { rows: number; columns: number } = READ_LIMITS): CsvParse {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let started = false;
  let line = 1;
  let i = 0;
  const n = text.length;
  const endField = () => {
    fields.push(field);
    field = '';
    started = false;
  };
  while (i < n) {
    const ch = text[i];
    if (ch === '"' && !started) {
      const openedAt = line;
      started = true;
      i++;
      let closed = false;
      while (i < n) {
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        field += c;
        i++;
      }
      if (!closed) return { ok: false, kind: 'quote', line: openedAt };
      continue;
    }
    if (ch === separator) {
      endField();
      if (fields.length >= limits.columns) return { ok: false, kind: 'columns' };
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endField();
      records.push(fields);
      if (records.length > limits.rows) return { ok: false, kind: 'rows' };
      fields = [];
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      continue;
    }
    field += ch;
    started = true;
    i++;
  }
  if (started || fields.length > 0) {
    endField();
    records.push(fields);
  }
  if (records.some((r) => r.length > limits.columns)) return { ok: false, kind: 'columns' };
  if (records.length > limits.rows) return { ok: false, kind: 'rows' };
  return { ok: true, records };
}

function readCsv(name: string, data: Uint8Array): ReadResult {
  if (data.length > READ_LIMITS.csvBytes) return err('too-large', READ_MESSAGES.tooManyBytes(name, READ_LIMITS.csvBytes));
  const decoded = decodeCsvBytes(data);
  const text = decoded.startsWith('\uFEFF') ? decoded.slice(1) : decoded;
  const { separator, hintLength } = detectSeparator(text);
  const sheetName = name.replace(/\.[^.]*$/, '') || name;
  const parsed = parseCsv(text.slice(hintLength), separator);
  if (!parsed.ok) {
    const e: Err<SheetReadError> =
      parsed.kind === 'quote'
        ? err('corrupt', READ_MESSAGES.unclosedQuote(name, parsed.line + (hintLength > 0 ? 1 : 0)))
        : err('too-large', parsed.kind === 'rows' ? READ_MESSAGES.tooManyRows(name, sheetName) : READ_MESSAGES.tooManyColumns(name, sheetName));
    return e;
  }
  // Excel shows one row per record (a quoted line break stays inside its cell), the hint line not at all.
  const rows: SheetRow[] = [];
  parsed.records.forEach((record, index) => {
    const cells: RawCell[] = record.map((f) => (f === '' ? null : f));
    while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
    if (cells.length > 0) rows.push({ rowNumber: index + 1, hidden: false, cells });
  });
  if (rows.length === 0) return err('empty', READ_MESSAGES.empty(name));
  return ok([{ name: sheetName, rows, merges: [] }]);
}
