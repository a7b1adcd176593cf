/**
 * The whole desktop API: what the renderer may ask of the machine.
 * The Electron preload implements it over IPC (one channel per method); the
 * browser build implements it with Blob downloads, <input type=file> and
 * window.print. Every request is validated in main with the schema below,
 * treating the payload as `unknown`.
 */
import { z } from 'zod';
import type { Result } from '../result';
import type { SheetSpec } from '../report/workbook';
import type { SheetReadError } from '../import/read-errors';
import type { Sheet } from '../import/sheet-model';

export const FILE_FILTER_SCHEMA = z.object({
  name: z.string().min(1).max(100),
  extensions: z.array(z.string().regex(/^[a-z0-9]{1,8}$/)).min(1).max(10),
});
export type FileFilter = z.infer<typeof FILE_FILTER_SCHEMA>;

/** 200 MiB: the largest file the app will hand across the bridge in one piece. */
export const MAX_TRANSFER_BYTES = 200 * 1024 * 1024;

const SAFE_FILE_NAME = z
  .string()
  .min(1)
  .max(180)
  // No folders, no characters Windows refuses in a file name.
  // eslint-disable-next-line no-control-regex -- control characters are what it refuses
  .regex(/^[^\\/:*?"<>|\u0000-\u001f]+$/);

export const SAVE_FILE_REQUEST = z.object({
  suggestedName: SAFE_FILE_NAME,
  /** save into this folder, chosen earlier in the folder dialog, without asking */
  folder: z.string().min(1).max(1000).optional(),
  filters: z.array(FILE_FILTER_SCHEMA).max(5),
  data: z.instanceof(Uint8Array).refine((d) => d.byteLength <= MAX_TRANSFER_BYTES),
});
export type SaveFileRequest = z.infer<typeof SAVE_FILE_REQUEST>;

export const OPEN_FILE_REQUEST = z.object({
  filters: z.array(FILE_FILTER_SCHEMA).max(5),
});
export type OpenFileRequest = z.infer<typeof OPEN_FILE_REQUEST>;

export const PRINT_TO_PDF_REQUEST = z.object({
  suggestedName: SAFE_FILE_NAME,
  /** save into this folder, chosen earlier in the folder dialog, without asking */
  folder: z.string().min(1).max(1000).optional(),
});
export type PrintToPdfRequest = z.infer<typeof PRINT_TO_PDF_REQUEST>;

export const SHOW_IN_FOLDER_REQUEST = z.object({
  path: z.string().min(1).max(1000),
});
export type ShowInFolderRequest = z.infer<typeof SHOW_IN_FOLDER_REQUEST>;

/** A folder the officer chose in the folder dialog (hand-over to a USB stick); files go only into chosen folders. */
export const FOLDER_PATH = z.string().min(1).max(1000);

/**
 * A workbook written sheet by sheet and page by page (exportBegin, then
 * exportSheet / exportRows, then exportFinish or exportAbort): the desktop
 * build streams it to disk in the main process, so a quarter of a million rows
 * never sit in memory as one workbook.
 */
export const EXPORT_BEGIN_REQUEST = z.object({
  suggestedName: SAFE_FILE_NAME,
  /** write into this chosen folder without asking; otherwise a save dialog asks */
  folder: FOLDER_PATH.optional(),
  /**
   * Excel's "password to open": the finished file is encrypted with it
   * (shared/excel/office-encryption; same 6–255 limits as checkWorkbookPassword).
   * Held only while the export runs; never stored or logged.
   */
  password: z.string().min(6).max(255).optional(),
});
export type ExportBeginRequest = z.infer<typeof EXPORT_BEGIN_REQUEST>;

const EXPORT_ID = z.string().regex(/^[a-z0-9-]{8,64}$/);
export const EXPORT_ID_REQUEST = z.object({ exportId: EXPORT_ID });
export type ExportIdRequest = z.infer<typeof EXPORT_ID_REQUEST>;

/** Excel's own limit on a cell's text. */
export const MAX_CELL_TEXT = 32767;
const CELL = z.union([z.string().max(MAX_CELL_TEXT), z.number().finite(), z.null()]);
const COLUMN_KIND = z.enum(['text', 'id', 'date', 'birth', 'count', 'rate', 'label']);
const SHORT_TEXT = z.string().max(1000);

export const SHEET_SPEC_SCHEMA = z.object({
  name: z.string().min(1).max(31),
  landscape: z.boolean(),
  columns: z.array(z.object({ width: z.number().min(1).max(255), kind: COLUMN_KIND })).min(1).max(200),
  unitLines: z.tuple([SHORT_TEXT, SHORT_TEXT]),
  title: SHORT_TEXT,
  subtitle: SHORT_TEXT,
  header: z
    .array(z.array(z.object({ text: SHORT_TEXT, colSpan: z.number().int().min(1).max(200).optional(), rowSpan: z.number().int().min(1).max(5).optional() })).max(200))
    .min(1)
    .max(5),
  numbered: z.boolean(),
  frozenColumns: z.number().int().min(0).max(10),
  rows: z.array(z.array(CELL).max(200)).max(1000),
  boldRows: z.array(z.number().int().min(0)).max(1000),
}) satisfies z.ZodType<SheetSpec>;

export const EXPORT_SHEET_REQUEST = z.object({ exportId: EXPORT_ID, sheet: SHEET_SPEC_SCHEMA });
export type ExportSheetRequest = { readonly exportId: string; readonly sheet: SheetSpec };

/** Rows per exportRows call at most. */
export const MAX_EXPORT_PAGE_ROWS = 10000;
type Cell = string | number | null;
const isCell = (v: unknown): v is Cell =>
  v === null || (typeof v === 'string' && v.length <= MAX_CELL_TEXT) || (typeof v === 'number' && Number.isFinite(v));
/**
 * The same rule as CELL for a whole page, in one tight loop: a page carries up
 * to 10,000 rows × 200 cells, and a schema union per cell costs more than the
 * writing itself.
 */
function isRowPage(value: unknown): value is Cell[][] {
  if (!Array.isArray(value) || value.length > MAX_EXPORT_PAGE_ROWS) return false;
  for (const row of value) {
    if (!Array.isArray(row) || row.length > 200) return false;
    for (const cell of row) if (!isCell(cell)) return false;
  }
  return true;
}
export const EXPORT_ROWS_REQUEST = z.object({
  exportId: EXPORT_ID,
  rows: z.custom<Cell[][]>(isRowPage, 'Dòng dữ liệu không hợp lệ'),
});
export type ExportRowsRequest = z.infer<typeof EXPORT_ROWS_REQUEST>;

export type AppInfo = {
  readonly version: string;
  /** 'desktop' inside Electron, 'browser' for the web build. */
  readonly shell: 'desktop' | 'browser';
  readonly platform: string;
};

/** A saved file; the desktop build also gives its SHA-256 (hex) and size, for the hand-over record. */
export type SavedFile =
  | { readonly saved: true; readonly path: string; readonly sha256?: string; readonly bytes?: number }
  | { readonly saved: false };
export type ChosenFolder = { readonly chosen: true; readonly path: string } | { readonly chosen: false };
export type ExportStarted = { readonly started: true; readonly exportId: string } | { readonly started: false };
/** A finished file: where, its SHA-256 (hex) and size, so a hand-over can record exactly what was sent. */
export type WrittenFile = { readonly path: string; readonly sha256: string; readonly bytes: number };
export type OpenedFile =
  | { readonly opened: true; readonly name: string; readonly data: Uint8Array }
  | { readonly opened: false };
/**
 * A spreadsheet the officer picked, read into the import model: the desktop build streams
 * it in the main process (big .xlsx files), the browser build reads it in memory. A file
 * that cannot be read (.xls, password, broken, empty, too big) is a value with its
 * Vietnamese message, not an IPC error.
 */
export type OpenedSheets =
  | { readonly opened: true; readonly name: string; readonly sheets: readonly Sheet[] }
  | { readonly opened: true; readonly name: string; readonly error: { readonly code: SheetReadError; readonly message: string } }
  | { readonly opened: false };

// ---------------------------------------------------------------- backups
/**
 * Backups are encrypted in the renderer (renderer/backup) and handed to main as bytes;
 * main only writes, lists, reads and rotates them in the backup folder
 * (`<userData>/sao-luu`, plus an optional second folder such as a USB stick that the
 * officer picks in main's own folder dialog). A backup is written to a temporary name
 * and renamed only when complete; the newest BACKUP_KEEP are kept in each folder.
 */
export const BACKUP_EXTENSION = 'sdbak';
/** A data package (gói dữ liệu) carried to another PC of the same unit. */
export const PACKAGE_EXTENSION = 'sdgoi';
export const BACKUP_KEEP = 30;
export const BACKUP_KIND = z.enum(['auto', 'manual', 'safety']);
export type BackupKind = z.infer<typeof BACKUP_KIND>;
/** File names main itself gives backups: `SoDeAn06_<yyyymmdd-HHMMss>_<kind>.sdbak`. */
export const BACKUP_FILE_NAME = /^SoDeAn06_\d{8}-\d{6}_(auto|manual|safety)\.sdbak$/;
export const BACKUP_WRITE_REQUEST = z.object({
  kind: BACKUP_KIND,
  /** local time of the backup, yyyymmdd-HHMMss: part of the file name, so names sort by time */
  stamp: z.string().regex(/^\d{8}-\d{6}$/),
  data: z.instanceof(Uint8Array).refine((d) => d.byteLength > 0 && d.byteLength <= MAX_TRANSFER_BYTES),
});
export type BackupWriteRequest = z.infer<typeof BACKUP_WRITE_REQUEST>;
export const BACKUP_LOCATION = z.enum(['primary', 'second']);
export type BackupLocation = z.infer<typeof BACKUP_LOCATION>;
export const BACKUP_READ_REQUEST = z.object({
  location: BACKUP_LOCATION,
  name: z.string().regex(BACKUP_FILE_NAME),
});
export type BackupReadRequest = z.infer<typeof BACKUP_READ_REQUEST>;

export type BackupFolders = {
  /** where backups always go */
  readonly primary: string;
  /** the officer's second location (USB stick…), or null */
  readonly second: string | null;
};
export type BackupEntry = {
  readonly location: BackupLocation;
  readonly name: string;
  readonly kind: BackupKind;
  readonly bytes: number;
  /** ISO date-time the file was last written */
  readonly modifiedAt: string;
};
export type BackupWritten = {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
  /** the copy in the second folder: its path, or why it failed (USB stick pulled out…); null when none is set */
  readonly second: { readonly path: string } | { readonly error: string } | null;
};
export type BackupListing = { readonly folders: BackupFolders; readonly entries: readonly BackupEntry[] };
export type BackupFile = { readonly name: string; readonly data: Uint8Array };

export type IpcErrorCode =
  | 'forbidden_sender'
  | 'invalid_request'
  | 'io_error'
  | 'too_large'
  | 'unsupported';

export type IpcResult<T> = Result<T, IpcErrorCode>;

export interface DesktopApi {
  getAppInfo(): Promise<IpcResult<AppInfo>>;
  saveFile(request: SaveFileRequest): Promise<IpcResult<SavedFile>>;
  openFile(request: OpenFileRequest): Promise<IpcResult<OpenedFile>>;
  openSheets(request: OpenFileRequest): Promise<IpcResult<OpenedSheets>>;
  printToPdf(request: PrintToPdfRequest): Promise<IpcResult<SavedFile>>;
  showInFolder(request: ShowInFolderRequest): Promise<IpcResult<null>>;
  chooseFolder(): Promise<IpcResult<ChosenFolder>>;
  exportBegin(request: ExportBeginRequest): Promise<IpcResult<ExportStarted>>;
  exportSheet(request: ExportSheetRequest): Promise<IpcResult<null>>;
  exportRows(request: ExportRowsRequest): Promise<IpcResult<null>>;
  exportFinish(request: ExportIdRequest): Promise<IpcResult<WrittenFile>>;
  exportAbort(request: ExportIdRequest): Promise<IpcResult<null>>;
  backupWrite(request: BackupWriteRequest): Promise<IpcResult<BackupWritten>>;
  backupList(): Promise<IpcResult<BackupListing>>;
  backupRead(request: BackupReadRequest): Promise<IpcResult<BackupFile>>;
  /** opens main's folder dialog; the chosen folder is remembered by main */
  backupChooseSecondFolder(): Promise<IpcResult<BackupFolders>>;
  backupClearSecondFolder(): Promise<IpcResult<BackupFolders>>;
  /**
   * Resolves when the officer closes the window (desktop build): the renderer then
   * takes the exit backup and calls exitReady. Never resolves in the browser build.
   */
  waitForExit(): Promise<IpcResult<null>>;
  /** the exit backup is done (or failed): main may close the window */
  exitReady(): Promise<IpcResult<null>>;
}

/** One channel per capability (kept in ./channels so the preload bundles no zod). */
export { IPC_CHANNELS } from './channels';

/** Request schemas by method; methods without a payload have none. */
export const IPC_REQUEST_SCHEMAS = {
  getAppInfo: z.undefined(),
  saveFile: SAVE_FILE_REQUEST,
  openFile: OPEN_FILE_REQUEST,
  openSheets: OPEN_FILE_REQUEST,
  printToPdf: PRINT_TO_PDF_REQUEST,
  showInFolder: SHOW_IN_FOLDER_REQUEST,
  chooseFolder: z.undefined(),
  exportBegin: EXPORT_BEGIN_REQUEST,
  exportSheet: EXPORT_SHEET_REQUEST,
  exportRows: EXPORT_ROWS_REQUEST,
  exportFinish: EXPORT_ID_REQUEST,
  exportAbort: EXPORT_ID_REQUEST,
  backupWrite: BACKUP_WRITE_REQUEST,
  backupList: z.undefined(),
  backupRead: BACKUP_READ_REQUEST,
  backupChooseSecondFolder: z.undefined(),
  backupClearSecondFolder: z.undefined(),
  waitForExit: z.undefined(),
  exitReady: z.undefined(),
} as const satisfies Record<keyof DesktopApi, z.ZodType>;

export { DESKTOP_API_GLOBAL } from './channels';
