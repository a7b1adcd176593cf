/**
 * The DesktopApi for the plain-browser build: Blob downloads instead of a
 * save dialog, <input type=file> instead of an open dialog, window.print
 * instead of printToPDF. Requests go through the same zod schemas as in
 * Electron's main process, so a payload the desktop app would refuse fails
 * the same way in browser tests too. openSheets reads the picked spreadsheet
 * in memory (excel/sheet-reader.ts) where the desktop build streams it.
 * Backups go into the Origin Private File System (navigator.storage.getDirectory(),
 * folder `sao-luu`), written and rotated the way main does it on disk.
 */
import {
  BACKUP_FILE_NAME,
  BACKUP_KEEP,
  BACKUP_KIND,
  IPC_REQUEST_SCHEMAS,
  MAX_TRANSFER_BYTES,
  type AppInfo,
  type BackupEntry,
  type BackupFolders,
  type DesktopApi,
  type FileFilter,
  type IpcResult,
  type OpenFileRequest,
  type OpenedFile,
  type OpenedSheets,
} from '../../shared/ipc/contract';
import { err, ok, type Err } from '../../shared/result';
import { createMemoryExports, sha256Hex } from '../excel/memory-export';
import { readWorkbookFile } from '../excel/sheet-reader';

/** How long a download's Blob URL stays alive: revoking at once can cancel the download. */
const REVOKE_DOWNLOAD_URL_AFTER_MS = 60_000;

/** Shown when no version was injected at build time (VITE_APP_VERSION). */
const FALLBACK_VERSION = '0.1.0';

export const INVALID_REQUEST_MESSAGE = 'Yêu cầu không hợp lệ. Vui lòng tải lại trang rồi thử lại.';
export const SHOW_IN_FOLDER_UNSUPPORTED_MESSAGE =
  'Bản chạy trên trình duyệt không mở được thư mục. Tệp đã lưu nằm trong thư mục Tải về (Downloads) của trình duyệt.';
/** The browser decides where downloads go; a hand-over "folder" is that. */
export const BROWSER_DOWNLOADS_FOLDER = 'Thư mục Tải về (Downloads) của trình duyệt';
export const READ_FAILED_MESSAGE = 'Không đọc được tệp đã chọn. Vui lòng thử lại.';

/** What the browser build shows as its (only) backup folder. */
export const BROWSER_BACKUP_FOLDER = 'Bộ nhớ riêng của trình duyệt (sao-luu)';
export const BACKUP_FOLDER_NAME = 'sao-luu';
export const BROWSER_BACKUP_MESSAGES = {
  unavailable:
    'Trình duyệt này không cho phép lưu bản sao lưu trong bộ nhớ riêng của trình duyệt. Hãy dùng bản cài trên máy tính, hoặc Chrome/Edge bản mới.',
  secondUnsupported:
    'Bản chạy trên trình duyệt chỉ lưu bản sao lưu trong bộ nhớ của trình duyệt; không chọn được thư mục thứ hai.',
  full: 'Không lưu được bản sao lưu vì bộ nhớ dành cho trình duyệt đã đầy. Hãy giải phóng dung lượng ổ đĩa rồi thử lại.',
  writeFailed: 'Không lưu được bản sao lưu trong bộ nhớ của trình duyệt. Vui lòng thử lại.',
  listFailed: 'Không đọc được danh sách bản sao lưu trong bộ nhớ của trình duyệt. Vui lòng thử lại.',
  noSecondFolder: 'Chưa chọn thư mục lưu thứ hai.',
  notFound: 'Không tìm thấy bản sao lưu này trong bộ nhớ của trình duyệt.',
  readFailed: 'Không đọc được bản sao lưu. Vui lòng thử lại.',
  tooLarge: 'Bản sao lưu quá lớn để mở.',
} as const;

/** A temporary file of ours older than this is a leftover of a closed tab or a crash. */
const STALE_TEMPORARY_MS = 60 * 60 * 1000;
const TEMPORARY_NAME = /^\.SoDeAn06_\d{8}-\d{6}_(auto|manual|safety)\.sdbak\.[0-9a-f]{4,32}\.tmp$/;

/**
 * The few Origin Private File System calls the backups use. Chromium's
 * FileSystemDirectoryHandle has them; tests pass a small in-memory stand-in.
 */
export interface BackupDirectoryHandle {
  getDirectoryHandle(name: string, options?: { create?: boolean }): Promise<BackupDirectoryHandle>;
  getFileHandle(name: string, options?: { create?: boolean }): Promise<BackupFileHandle>;
  removeEntry(name: string): Promise<void>;
  keys(): AsyncIterable<string>;
}
export interface BackupFileHandle {
  getFile(): Promise<File>;
  createWritable(): Promise<BackupWritable>;
  /** Renames the file in its folder (Chromium 110+ in the OPFS); missing in older browsers. */
  move?(newName: string): Promise<void>;
}
export interface BackupWritable {
  write(data: Uint8Array<ArrayBuffer>): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

function defaultBackupRoot(view: Window): () => Promise<BackupDirectoryHandle> {
  return async () => {
    const storage = view.navigator.storage as StorageManager | undefined;
    if (typeof storage?.getDirectory !== 'function') throw new Error('no Origin Private File System');
    // The renderer's lib has no DOM.AsyncIterable, so keys() is missing from the DOM type; Chromium has it.
    return (await storage.getDirectory()) as unknown as BackupDirectoryHandle;
  };
}

function backupNewestFirst(a: string, b: string): number {
  // SoDeAn06_<yyyymmdd-HHMMss>_…: the stamp decides; the whole name breaks ties.
  const stampA = a.slice(9, 24);
  const stampB = b.slice(9, 24);
  if (stampA !== stampB) return stampA < stampB ? 1 : -1;
  return a < b ? 1 : a > b ? -1 : 0;
}

function randomHex(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
}

function isQuotaError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'name' in error && error.name === 'QuotaExceededError';
}

async function namesIn(folder: BackupDirectoryHandle): Promise<string[]> {
  const names: string[] = [];
  for await (const name of folder.keys()) names.push(name);
  return names;
}

/** createWritable writes to a swap file and replaces the file's content only on close(). */
async function writeWhole(handle: BackupFileHandle, data: Uint8Array<ArrayBuffer>): Promise<void> {
  const writable = await handle.createWritable();
  try {
    await writable.write(data);
    await writable.close();
  } catch (error) {
    await writable.abort().catch(() => undefined);
    throw error;
  }
}

const BLOB_TYPES: Readonly<Record<string, string>> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  json: 'application/json',
  csv: 'text/csv',
};

function blobTypeFor(fileName: string): string {
  const extension = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  return BLOB_TYPES[extension] ?? 'application/octet-stream';
}

function acceptAttribute(filters: readonly FileFilter[]): string {
  return [...new Set(filters.flatMap((filter) => filter.extensions.map((ext) => `.${ext}`)))].join(',');
}

function tooLarge(bytes: number): Err<'too_large'> {
  const mib = (n: number) => Math.ceil(n / (1024 * 1024));
  return err('too_large', `Tệp quá lớn (${mib(bytes)} MB). Chỉ mở được tệp tối đa ${mib(MAX_TRANSFER_BYTES)} MB.`);
}

/** Validates like the main process does, treating the payload as unknown. */
function isValid(method: keyof DesktopApi, request: unknown): boolean {
  return IPC_REQUEST_SCHEMAS[method].safeParse(request).success;
}

/**
 * A Uint8Array made in another realm (an iframe, jsdom's TextEncoder) fails
 * `instanceof Uint8Array`; view the same bytes from this realm before validating.
 */
function withLocalBytes(request: unknown): unknown {
  if (typeof request !== 'object' || request === null || !('data' in request)) return request;
  const { data } = request;
  if (data instanceof Uint8Array || !ArrayBuffer.isView(data)) return request;
  if (Object.prototype.toString.call(data) !== '[object Uint8Array]') return request;
  return { ...request, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

async function readPicked(file: File): Promise<IpcResult<OpenedFile>> {
  if (file.size > MAX_TRANSFER_BYTES) return tooLarge(file.size);
  try {
    const data = new Uint8Array(await file.arrayBuffer());
    return ok({ opened: true, name: file.name, data });
  } catch {
    return err('io_error', READ_FAILED_MESSAGE);
  }
}

export type BrowserApiOptions = {
  /** Defaults to the page's document; tests may pass their own. */
  readonly document?: Document;
  readonly version?: string;
  /** The Origin Private File System root (navigator.storage.getDirectory()); tests pass a fake. */
  readonly backupRoot?: () => Promise<BackupDirectoryHandle>;
  /** Milliseconds since 1970, for ageing temporary leftovers; Date.now by default. */
  readonly now?: () => number;
};

function injectedVersion(): string {
  const fromBuild: unknown = import.meta.env.VITE_APP_VERSION;
  return typeof fromBuild === 'string' && fromBuild !== '' ? fromBuild : FALLBACK_VERSION;
}

export function createBrowserApi(options: BrowserApiOptions = {}): DesktopApi {
  const doc = options.document ?? document;
  const view = doc.defaultView ?? window;
  const version = options.version ?? injectedVersion();

  function download(suggestedName: string, data: Uint8Array): void {
    // Copy into a fresh ArrayBuffer: the caller may reuse or transfer its buffer.
    const blob = new Blob([new Uint8Array(data)], { type: blobTypeFor(suggestedName) });
    const url = URL.createObjectURL(blob);
    const link = doc.createElement('a');
    link.href = url;
    link.download = suggestedName;
    link.rel = 'noopener';
    link.hidden = true;
    // Some browsers only honour clicks on links that are in the document.
    doc.body.append(link);
    link.click();
    link.remove();
    view.setTimeout(() => URL.revokeObjectURL(url), REVOKE_DOWNLOAD_URL_AFTER_MS);
  }

  /** The <input type=file> picker; openFile and openSheets share it. */
  async function pickFile(request: OpenFileRequest): Promise<IpcResult<OpenedFile>> {
    if (!isValid('openFile', request)) return err('invalid_request', INVALID_REQUEST_MESSAGE);
    const input = doc.createElement('input');
    input.type = 'file';
    input.accept = acceptAttribute(request.filters);
    input.hidden = true;
    return new Promise<IpcResult<OpenedFile>>((resolve) => {
      let settled = false;
      const finish = (result: IpcResult<OpenedFile>) => {
        if (settled) return;
        settled = true;
        input.remove();
        resolve(result);
      };
      // 'cancel' fires when the picker is dismissed (Chromium 113+, Firefox 91+).
      input.addEventListener('cancel', () => finish(ok({ opened: false })));
      input.addEventListener('change', () => {
        const file = input.files?.[0];
        if (!file) finish(ok({ opened: false }));
        else void readPicked(file).then(finish);
      });
      doc.body.append(input);
      input.click();
    });
  }

  const backupRoot = options.backupRoot ?? defaultBackupRoot(view);
  const now = options.now ?? (() => Date.now());
  const backupFolders: BackupFolders = { primary: BROWSER_BACKUP_FOLDER, second: null };

  /** The `sao-luu` folder in the OPFS, or `unsupported` when this browser has none. */
  async function openBackupFolder(): Promise<IpcResult<BackupDirectoryHandle>> {
    try {
      return ok(await (await backupRoot()).getDirectoryHandle(BACKUP_FOLDER_NAME, { create: true }));
    } catch (error) {
      console.error('The Origin Private File System is not available', error);
      return err('unsupported', BROWSER_BACKUP_MESSAGES.unavailable);
    }
  }

  /**
   * A temporary name first, then move() to the final name, so a closed tab never leaves
   * a broken final file. Without move() the final name is written directly: createWritable
   * itself writes to a swap file and commits atomically on close(), so the final file is
   * still either complete or not replaced.
   */
  async function writeBackupFile(folder: BackupDirectoryHandle, name: string, data: Uint8Array<ArrayBuffer>): Promise<void> {
    const temporary = `.${name}.${randomHex()}.tmp`;
    const handle = await folder.getFileHandle(temporary, { create: true });
    if (typeof handle.move !== 'function') {
      await folder.removeEntry(temporary).catch(() => undefined);
      await writeWhole(await folder.getFileHandle(name, { create: true }), data);
      return;
    }
    try {
      await writeWhole(handle, data);
      try {
        await handle.move(name);
      } catch {
        // A backup of the same second is there already and this browser does not move over it.
        await folder.removeEntry(name).catch(() => undefined);
        await handle.move(name);
      }
    } catch (error) {
      await folder.removeEntry(temporary).catch(() => undefined);
      throw error;
    }
  }

  /** Keeps the newest BACKUP_KEEP backups, never `justWritten`, and drops stale temporary files. */
  async function rotateBackups(folder: BackupDirectoryHandle, justWritten: string): Promise<void> {
    try {
      const names = await namesIn(folder);
      const backups = names.filter((n) => BACKUP_FILE_NAME.test(n)).sort(backupNewestFirst);
      for (const name of backups.slice(BACKUP_KEEP)) if (name !== justWritten) await folder.removeEntry(name);
      const staleBefore = now() - STALE_TEMPORARY_MS;
      for (const name of names.filter((n) => TEMPORARY_NAME.test(n))) {
        const file = await (await folder.getFileHandle(name)).getFile();
        if (file.lastModified < staleBefore) await folder.removeEntry(name);
      }
    } catch (error) {
      console.error('Rotating the backups failed', error);
    }
  }

  const exports = createMemoryExports(async (name, data) => {
    download(name, data);
    return ok({ saved: true, path: name });
  });

  return {
    ...exports,

    async chooseFolder() {
      return ok({ chosen: true, path: BROWSER_DOWNLOADS_FOLDER });
    },

    async getAppInfo(): Promise<IpcResult<AppInfo>> {
      return ok({ version, shell: 'browser', platform: view.navigator.platform });
    },

    async saveFile(request) {
      const parsed = IPC_REQUEST_SCHEMAS.saveFile.safeParse(withLocalBytes(request));
      if (!parsed.success) return err('invalid_request', INVALID_REQUEST_MESSAGE);
      const { suggestedName, data } = parsed.data;
      download(suggestedName, data);
      const sha256 = await sha256Hex(new Uint8Array(data));
      // The browser decides the folder; the name is all we know.
      return ok({ saved: true, path: suggestedName, sha256, bytes: data.byteLength });
    },

    openFile: pickFile,

    async openSheets(request): Promise<IpcResult<OpenedSheets>> {
      const picked = await pickFile(request);
      if (!picked.ok) return picked;
      if (!picked.value.opened) return ok({ opened: false });
      const { name, data } = picked.value;
      const read = await readWorkbookFile(name, data);
      return ok(read.ok ? { opened: true, name, sheets: read.value } : { opened: true, name, error: { code: read.code, message: read.message } });
    },

    async printToPdf(request) {
      if (!isValid('printToPdf', request)) return err('invalid_request', INVALID_REQUEST_MESSAGE);
      // The browser's own print dialog offers "Save as PDF"; whether the officer
      // saved is not observable, so report it as not saved.
      view.print();
      return ok({ saved: false });
    },

    async showInFolder(request) {
      if (!isValid('showInFolder', request)) return err('invalid_request', INVALID_REQUEST_MESSAGE);
      return err('unsupported', SHOW_IN_FOLDER_UNSUPPORTED_MESSAGE);
    },

    async backupWrite(request) {
      const parsed = IPC_REQUEST_SCHEMAS.backupWrite.safeParse(withLocalBytes(request));
      if (!parsed.success) return err('invalid_request', INVALID_REQUEST_MESSAGE);
      const folder = await openBackupFolder();
      if (!folder.ok) return folder;
      const name = `SoDeAn06_${parsed.data.stamp}_${parsed.data.kind}.sdbak`;
      // A copy: the caller may reuse or transfer its buffer.
      const data = new Uint8Array(parsed.data.data);
      try {
        await writeBackupFile(folder.value, name, data);
      } catch (error) {
        console.error('Writing a backup failed', error);
        return err('io_error', isQuotaError(error) ? BROWSER_BACKUP_MESSAGES.full : BROWSER_BACKUP_MESSAGES.writeFailed);
      }
      const sha256 = await sha256Hex(data);
      await rotateBackups(folder.value, name);
      return ok({ path: name, bytes: data.byteLength, sha256, second: null });
    },

    async backupList() {
      const folder = await openBackupFolder();
      if (!folder.ok) return folder;
      const entries: BackupEntry[] = [];
      try {
        for (const name of await namesIn(folder.value)) {
          if (!BACKUP_FILE_NAME.test(name)) continue;
          const file = await (await folder.value.getFileHandle(name)).getFile();
          const kind = BACKUP_KIND.parse(/_([a-z]+)\.sdbak$/.exec(name)?.[1]);
          entries.push({ location: 'primary', name, kind, bytes: file.size, modifiedAt: new Date(file.lastModified).toISOString() });
        }
      } catch (error) {
        console.error('Listing the backups failed', error);
        return err('io_error', BROWSER_BACKUP_MESSAGES.listFailed);
      }
      entries.sort((a, b) => backupNewestFirst(a.name, b.name));
      return ok({ folders: backupFolders, entries });
    },

    async backupRead(request) {
      const parsed = IPC_REQUEST_SCHEMAS.backupRead.safeParse(request);
      if (!parsed.success) return err('invalid_request', INVALID_REQUEST_MESSAGE);
      if (parsed.data.location === 'second') return err('invalid_request', BROWSER_BACKUP_MESSAGES.noSecondFolder);
      const folder = await openBackupFolder();
      if (!folder.ok) return folder;
      let file: File;
      try {
        file = await (await folder.value.getFileHandle(parsed.data.name)).getFile();
      } catch (error) {
        console.error('Opening a backup failed', error);
        return err('io_error', BROWSER_BACKUP_MESSAGES.notFound);
      }
      if (file.size > MAX_TRANSFER_BYTES) return err('too_large', BROWSER_BACKUP_MESSAGES.tooLarge);
      try {
        return ok({ name: parsed.data.name, data: new Uint8Array(await file.arrayBuffer()) });
      } catch (error) {
        console.error('Reading a backup failed', error);
        return err('io_error', BROWSER_BACKUP_MESSAGES.readFailed);
      }
    },

    async backupChooseSecondFolder() {
      return err('unsupported', BROWSER_BACKUP_MESSAGES.secondUnsupported);
    },

    async backupClearSecondFolder() {
      return ok(backupFolders);
    },

    // A tab closes without asking the page: there is no exit to wait for.
    waitForExit: () => new Promise<never>(() => undefined),

    async exitReady() {
      return ok(null);
    },
  };
}
