/**
 * What every reader of a picked spreadsheet shares, so the browser's in-memory reader
 * (renderer/excel/sheet-reader.ts) and the desktop's streaming reader
 * (electron/main/services/sheet-stream.ts) fail the same way with the same words:
 * the error codes, the limits, the Vietnamese messages (each says what to do), and the
 * rule that tells an .xlsx, a .csv, an old .xls and a password-protected file apart
 * from the first bytes and the name — and what a zip says its parts inflate to, so a
 * small file that would inflate to far too much is refused before it is read.
 */
import { formatCount } from '../format/numbers';
import { err, ok, type Result } from '../result';

export type SheetReadError = 'xls' | 'encrypted' | 'corrupt' | 'empty' | 'unsupported' | 'too-large';

/** Limits that keep a wrong or absurd file from hanging the app. */
export const READ_LIMITS = {
  /** rows with content per sheet */
  rows: 200_000,
  /** columns per sheet */
  columns: 300,
  /** bytes of an .xlsx read in memory (exceljs needs ~10 bytes of memory per byte of file and more) */
  xlsxBytes: 50 * 1024 * 1024,
  /** bytes of an .xlsx read as a stream (desktop build): memory no longer grows with the file */
  xlsxStreamBytes: 300 * 1024 * 1024,
  /** bytes of a .csv */
  csvBytes: 100 * 1024 * 1024,
  /**
   * bytes the parts of an .xlsx read in memory say they inflate to, all together: a small
   * file whose sheet inflates to hundreds of megabytes (a zip bomb, or formatting run down a
   * million empty rows) is refused BEFORE it is inflated. An ordinary list is far below:
   * 100,000 rows × 20 columns is a 9 MB file of 73 MB inflated (and ~830 MB of memory once read).
   */
  xlsxInflatedBytes: 200 * 1024 * 1024,
  /**
   * The same for an .xlsx read as a stream (desktop build), where memory no longer grows with
   * the sheets: what inflates still costs time, and a sheet stored before the shared strings
   * (Excel's own order) is inflated into a temporary file first. Allowed: xlsxInflatedBytes
   * whatever the file's size, more only as far as xlsxStreamInflatedRatio times the file's
   * size, and never over this (streamInflatedLimit). A real workbook inflates 5 to 15 times
   * (100,000 rows × 20 columns: 9 MB → 73 MB), so the largest file read as a stream
   * (xlsxStreamBytes) stays readable; a zip bomb (a few hundred KB that inflate to hundreds
   * of MB, 1,000 times over) or formatting run down a million empty rows is refused before
   * anything is inflated, as by the in-memory reader.
   */
  xlsxStreamInflatedBytes: 2 * 1024 * 1024 * 1024,
  /** see xlsxStreamInflatedBytes */
  xlsxStreamInflatedRatio: 100,
} as const;

/**
 * The most the parts of an .xlsx of `fileBytes` bytes, read as a stream, may say they
 * inflate to (READ_LIMITS.xlsxStreamInflatedBytes).
 */
export function streamInflatedLimit(fileBytes: number): number {
  const proportional = Math.max(READ_LIMITS.xlsxInflatedBytes, READ_LIMITS.xlsxStreamInflatedRatio * fileBytes);
  return Math.min(READ_LIMITS.xlsxStreamInflatedBytes, proportional);
}

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
  tooMuchInflated: (name: string, limitBytes: number) =>
    `Tệp “${name}” chứa quá nhiều dữ liệu (giải nén ra hơn ${formatCount(Math.round(limitBytes / 1024 / 1024))} MB) để đọc một lần. Nếu danh sách chỉ có ít dòng, có thể tệp bị định dạng thừa ở rất nhiều dòng, cột trống: chép riêng bảng cần nhập sang một tệp mới rồi chọn lại tệp. Nếu danh sách thật sự rất dài, chia thành nhiều tệp nhỏ hơn rồi nhập lần lượt.`,
  unclosedQuote: (name: string, line: number) =>
    `Tệp “${name}” có dấu ngoặc kép (") mở ở dòng ${formatCount(line)} mà không đóng, nên không biết ô đó kết thúc ở đâu. Mở tệp bằng Excel, kiểm tra dòng đó, rồi lưu lại dạng .xlsx và chọn lại tệp.`,
} as const;

/** How many leading bytes `workbookKind` looks at. */
export const SIGNATURE_BYTES = 8;

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

/** The file's extension, lower-case, without the dot ('' when none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 || dot === name.length - 1 ? '' : name.slice(dot + 1).toLowerCase();
}

function startsWith(data: Uint8Array, signature: readonly number[]): boolean {
  return data.length >= signature.length && signature.every((b, i) => data[i] === b);
}

export type WorkbookKind = 'xlsx' | 'csv';

/**
 * How to read a file, from its first bytes (at least SIGNATURE_BYTES of them when the
 * file has that many) and its name; an error when it cannot be read at all.
 * A password-protected .xlsx is an OLE container like an old .xls: the name tells them apart.
 */
export function workbookKind(name: string, head: Uint8Array, size: number): Result<WorkbookKind, SheetReadError> {
  if (size === 0) return err('empty', READ_MESSAGES.empty(name));
  const ext = extensionOf(name);
  if (startsWith(head, OLE_SIGNATURE)) {
    if (ext === 'xlsx' || ext === 'xlsm') return err('encrypted', READ_MESSAGES.encrypted(name));
    if (ext === 'xls') return err('xls', READ_MESSAGES.xls(name));
    return err('unsupported', READ_MESSAGES.unsupported(name));
  }
  // an .xlsx, or one renamed to .xls/.csv by hand
  if (startsWith(head, ZIP_SIGNATURE) && (ext === 'xlsx' || ext === 'xlsm' || ext === 'xls' || ext === 'csv')) return ok('xlsx');
  switch (ext) {
    case 'csv':
      return ok('csv');
    case 'xlsx':
    case 'xlsm':
      return err('corrupt', READ_MESSAGES.corrupt(name));
    case 'xls':
      // an old binary .xls without its container, or a web page saved with an .xls name
      return err('xls', READ_MESSAGES.xls(name));
    default:
      return err('unsupported', READ_MESSAGES.unsupported(name));
  }
}

// ---------------------------------------------------------------- what a zip says it holds

const ZIP_END_RECORD = 0x06054b50;
const ZIP_CENTRAL_ENTRY = 0x02014b50;
const ZIP64_END_LOCATOR = 0x07064b50;
const ZIP64_END_RECORD = 0x06064b50;
const ZIP64_EXTRA = 0x0001;
/** The closing record: 22 bytes and a comment of up to 65,535. */
const ZIP_END_SEARCH = 22 + 65_535;

const u16 = (data: Uint8Array, at: number): number => (data[at] ?? 0) | ((data[at + 1] ?? 0) << 8);
const u32 = (data: Uint8Array, at: number): number => u16(data, at) + u16(data, at + 2) * 0x1_0000;
const u64 = (data: Uint8Array, at: number): number => u32(data, at) + u32(data, at + 4) * 0x1_0000_0000;

/** The parts of an .xlsx that exceljs reads as worksheets: a workbook without one has no sheet. */
export const WORKSHEET_PART = /^xl\/worksheets\/sheet\d+\.xml$/;

/** A part of a zip as its central directory lists it. */
export type ZipEntry = {
  /** its path in the zip ("xl/worksheets/sheet1.xml"), each byte a character (ASCII names read right) */
  readonly name: string;
  /** the bytes it says it inflates to */
  readonly inflatedSize: number;
};

/**
 * Where the central directory of a zip starts (a byte offset in the file) and how many
 * entries it lists, from the closing record among the last bytes of `data`; undefined when
 * there is none. `data` is the whole file, or only its end: then `base` is the offset in the
 * file of `data[0]`.
 */
function directoryOf(data: Uint8Array, base: number): { readonly offset: number; readonly entries: number } | undefined {
  let end = -1;
  for (let at = data.length - 22; at >= Math.max(0, data.length - ZIP_END_SEARCH); at--) {
    if (data[at] === 0x50 && u32(data, at) === ZIP_END_RECORD) {
      end = at;
      break;
    }
  }
  if (end < 0) return undefined;
  const entries = u16(data, end + 10);
  const offset = u32(data, end + 16);
  if (entries !== 0xffff && offset !== 0xffffffff) return { offset, entries };
  // Zip64: the real count and offset are in the Zip64 closing record
  const locator = end - 20;
  if (locator < 0 || u32(data, locator) !== ZIP64_END_LOCATOR) return undefined;
  const record = u64(data, locator + 8) - base;
  if (record < 0 || record + 56 > data.length || u32(data, record) !== ZIP64_END_RECORD) return undefined;
  return { offset: u64(data, record + 48), entries: u64(data, record + 32) };
}

/**
 * Where a zip's central directory starts in the file, read from its last bytes: `tail` is
 * the file from byte `base` to its end (the last 22 + 65,535 bytes hold the closing record,
 * whatever the comment). Undefined when there is no closing record. The directory runs from
 * there to the closing record: what `zipEntries` and `zipInflatedSize` need to be given.
 */
export function zipDirectoryStart(tail: Uint8Array, base = 0): number | undefined {
  return directoryOf(tail, base)?.offset;
}

/**
 * The parts of a zip (an .xlsx) as its central directory lists them, read without inflating
 * anything; undefined when there is no readable central directory (a truncated or broken
 * file, which the zip reader refuses anyway). `data` is the whole file, or its end from at
 * least the start of the central directory: then `base` is the offset in the file of `data[0]`.
 */
export function zipEntries(data: Uint8Array, base = 0): ZipEntry[] | undefined {
  const directory = directoryOf(data, base);
  if (directory === undefined) return undefined;
  const entries: ZipEntry[] = [];
  let at = directory.offset - base;
  if (at < 0) return undefined;
  for (let n = 0; n < directory.entries; n++) {
    if (at + 46 > data.length || u32(data, at) !== ZIP_CENTRAL_ENTRY) return undefined;
    const nameLength = u16(data, at + 28);
    const extraLength = u16(data, at + 30);
    const commentLength = u16(data, at + 32);
    const size = u32(data, at + 24);
    let name = '';
    for (let i = at + 46; i < at + 46 + nameLength && i < data.length; i++) name += String.fromCharCode(data[i] ?? 0);
    entries.push({
      name,
      inflatedSize: size === 0xffffffff ? zip64Size(data, at + 46 + nameLength, extraLength) : size,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * The bytes the parts of a zip (an .xlsx) say they inflate to, added up, read from its
 * central directory without inflating anything; undefined when there is no readable
 * central directory (see `zipEntries`, which takes the same `data` and `base`).
 * The sizes are the file's own word: a zip that lies about them is only caught by the
 * zip reader, after it has inflated the part.
 */
export function zipInflatedSize(data: Uint8Array, base = 0): number | undefined {
  return zipEntries(data, base)?.reduce((total, entry) => total + entry.inflatedSize, 0);
}

/** An entry's inflated size from its Zip64 extra field (the first of its 8-byte values); Infinity when missing. */
function zip64Size(data: Uint8Array, from: number, length: number): number {
  for (let at = from; at + 4 <= from + length; at += 4 + u16(data, at + 2)) {
    if (u16(data, at) === ZIP64_EXTRA && u16(data, at + 2) >= 8) return u64(data, at + 4);
  }
  return Infinity;
}
