/**
 * The DesktopApi for the plain-browser build: Blob downloads instead of a
 * save dialog, <input type=file> instead of an open dialog, window.print
 * instead of printToPDF. Requests go through the same zod schemas as in
 * Electron's main process, so a payload the desktop app would refuse fails
 * the same way in browser tests too. openSheets reads the picked spreadsheet
 * in memory (excel/sheet-reader.ts) where the desktop build streams it.
 */
import {
  IPC_REQUEST_SCHEMAS,
  MAX_TRANSFER_BYTES,
  type AppInfo,
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
  };
}
