/**
 * The whole desktop API: what the renderer may ask of the machine.
 * The Electron preload implements it over IPC (one channel per method); the
 * browser build implements it with Blob downloads, <input type=file> and
 * window.print. Every request is validated in main with the schema below,
 * treating the payload as `unknown`.
 */
import { z } from 'zod';
import type { Result } from '../result';

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
});
export type PrintToPdfRequest = z.infer<typeof PRINT_TO_PDF_REQUEST>;

export const SHOW_IN_FOLDER_REQUEST = z.object({
  path: z.string().min(1).max(1000),
});
export type ShowInFolderRequest = z.infer<typeof SHOW_IN_FOLDER_REQUEST>;

export type AppInfo = {
  readonly version: string;
  /** 'desktop' inside Electron, 'browser' for the web build. */
  readonly shell: 'desktop' | 'browser';
  readonly platform: string;
};

export type SavedFile = { readonly saved: true; readonly path: string } | { readonly saved: false };
export type OpenedFile =
  | { readonly opened: true; readonly name: string; readonly data: Uint8Array }
  | { readonly opened: false };

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
  printToPdf(request: PrintToPdfRequest): Promise<IpcResult<SavedFile>>;
  showInFolder(request: ShowInFolderRequest): Promise<IpcResult<null>>;
}

/** One channel per capability (kept in ./channels so the preload bundles no zod). */
export { IPC_CHANNELS } from './channels';

/** Request schemas by method; methods without a payload have none. */
export const IPC_REQUEST_SCHEMAS = {
  getAppInfo: z.undefined(),
  saveFile: SAVE_FILE_REQUEST,
  openFile: OPEN_FILE_REQUEST,
  printToPdf: PRINT_TO_PDF_REQUEST,
  showInFolder: SHOW_IN_FOLDER_REQUEST,
} as const satisfies Record<keyof DesktopApi, z.ZodType>;

export { DESKTOP_API_GLOBAL } from './channels';
