/**
 * What every reader of a picked spreadsheet shares, so the browser's in-memory reader
 * (renderer/excel/sheet-reader.ts) and the desktop's streaming reader
 * (electron/main/services/sheet-stream.ts) fail the same way with the same words:
 * the error codes, the limits, the Vietnamese messages (each says what to do), and the
 * rule that tells an .xlsx, a .csv, an old .xls and a password-protected file apart
 * from the first bytes and the name.
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
} as const;

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
