/**
 * Saving and opening files chosen by the officer in the system dialogs.
 * Every side effect (dialogs, disk, shell) is injected so tests pass fakes;
 * `createElectronFileServiceDeps` wires the real ones. A spreadsheet opened for an
 * import is read here, in main, as a stream (sheet-stream.ts): only its sheets cross IPC.
 */
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { readFile, rename, rm, stat } from 'node:fs/promises';
import { app, dialog, shell, type BrowserWindow } from 'electron';
import {
  MAX_TRANSFER_BYTES,
  type FileFilter,
  type IpcResult,
  type OpenFileRequest,
  type OpenedFile,
  type OpenedSheets,
  type SaveFileRequest,
  type SavedFile,
  type ShowInFolderRequest,
} from '../../../shared/ipc/contract';
import { err, ok } from '../../../shared/result';
import { writeNewFileSynced, writeThroughTemporary } from './disk';
import { writeErrorMessage } from './write-errors';
import { readWorkbookStream, type SheetStreamResult } from './sheet-stream';

export { writeErrorMessage } from './write-errors';

export type SaveDialogOptions = {
  readonly title: string;
  readonly buttonLabel: string;
  readonly defaultPath: string;
  readonly filters: FileFilter[];
};
export type OpenDialogOptions = {
  readonly title: string;
  readonly buttonLabel: string;
  readonly defaultPath: string;
  readonly filters: FileFilter[];
  readonly properties: ['openFile'];
};

export interface FileDialogs {
  showSaveDialog(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>;
  showOpenDialog(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
}

export interface FileSystem {
  /** Creates a NEW file (fails if it exists), writes all bytes and flushes them to disk. */
  writeNewFile(filePath: string, data: Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  remove(filePath: string): Promise<void>;
  /** Size in bytes of a regular file, or null when there is no such file. */
  fileSize(filePath: string): Promise<number | null>;
  readFile(filePath: string): Promise<Uint8Array>;
}

export interface FileServiceDeps {
  readonly dialogs: FileDialogs;
  readonly fs: FileSystem;
  showItemInFolder(filePath: string): void;
  documentsDir(): string;
  randomSuffix(): string;
  /** whether the officer chose this folder in the folder dialog (hand-over) */
  isChosenFolder?(folder: string): boolean;
  /** reads a picked spreadsheet (readWorkbookStream unless a test says otherwise) */
  readSheets?(filePath: string, name: string): Promise<SheetStreamResult>;
}

/** What both "save file" and "save PDF" hand to the save flow. */
export type SaveBytesRequest = {
  readonly title: string;
  readonly suggestedName: string;
  readonly filters: FileFilter[];
  readonly data: Uint8Array;
  /** a folder chosen in the folder dialog: save there without asking */
  readonly folder?: string | undefined;
};

export const FOLDER_NOT_CHOSEN_MESSAGE = 'Thư mục lưu chưa được chọn trong hộp thoại. Vui lòng chọn lại thư mục.';

export const nodeFileSystem: FileSystem = {
  writeNewFile: writeNewFileSynced,
  rename: (from, to) => rename(from, to),
  remove: (filePath) => rm(filePath, { force: true }),
  async fileSize(filePath) {
    try {
      const info = await stat(filePath);
      return info.isFile() ? info.size : null;
    } catch {
      return null;
    }
  },
  async readFile(filePath) {
    const buffer = await readFile(filePath);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  },
};

/**
 * Writes `<target>.tmp-<random>` then renames it over `target`, so the target
 * is either the old file or the complete new one. On failure the temporary
 * file is removed and the error rethrown.
 */
export async function writeFileAtomic(
  fs: FileSystem,
  target: string,
  data: Uint8Array,
  randomSuffix: string,
): Promise<void> {
  await writeThroughTemporary(fs, `${target}.tmp-${randomSuffix}`, target, data);
}

export function tooLargeMessage(sizeBytes: number): string {
  const mib = (bytes: number): number => Math.ceil(bytes / (1024 * 1024));
  return `Tệp quá lớn (${mib(sizeBytes)} MB). Ứng dụng chỉ mở được tệp tối đa ${mib(MAX_TRANSFER_BYTES)} MB.`;
}

export const READ_ERROR_MESSAGE = 'Không đọc được tệp đã chọn. Vui lòng thử lại.';
export const FILE_NOT_FOUND_MESSAGE =
  'Không tìm thấy tệp trên máy. Có thể tệp đã bị xoá hoặc chuyển sang chỗ khác.';

export type FileService = ReturnType<typeof createFileService>;

export function createFileService(deps: FileServiceDeps) {
  async function saveBytes(request: SaveBytesRequest): Promise<IpcResult<SavedFile>> {
    const name = path.basename(request.suggestedName);
    let target: string;
    if (request.folder !== undefined) {
      if (!deps.isChosenFolder?.(request.folder)) return err('invalid_request', FOLDER_NOT_CHOSEN_MESSAGE);
      target = path.join(path.resolve(request.folder), name);
    } else {
      const choice = await deps.dialogs.showSaveDialog({
        title: request.title,
        buttonLabel: 'Lưu',
        defaultPath: path.join(deps.documentsDir(), name),
        filters: request.filters,
      });
      if (choice.canceled || !choice.filePath) return ok({ saved: false });
      target = choice.filePath;
    }
    try {
      await writeFileAtomic(deps.fs, target, request.data, deps.randomSuffix());
    } catch (error) {
      console.error('Saving a file failed', error);
      return err('io_error', writeErrorMessage(error));
    }
    const sha256 = createHash('sha256').update(request.data).digest('hex');
    return ok({ saved: true, path: target, sha256, bytes: request.data.byteLength });
  }

  async function saveFile(request: SaveFileRequest): Promise<IpcResult<SavedFile>> {
    return saveBytes({ title: 'Lưu tệp', ...request });
  }

  /** The file the officer picked in the open dialog, or undefined when cancelled. */
  async function chooseFileToOpen(request: OpenFileRequest): Promise<string | undefined> {
    const choice = await deps.dialogs.showOpenDialog({
      title: 'Mở tệp',
      buttonLabel: 'Mở',
      defaultPath: deps.documentsDir(),
      filters: request.filters,
      properties: ['openFile'],
    });
    return choice.canceled ? undefined : choice.filePaths[0];
  }

  async function openFile(request: OpenFileRequest): Promise<IpcResult<OpenedFile>> {
    const filePath = await chooseFileToOpen(request);
    if (filePath === undefined) return ok({ opened: false });

    const size = await deps.fs.fileSize(filePath);
    if (size === null) return err('io_error', FILE_NOT_FOUND_MESSAGE);
    if (size > MAX_TRANSFER_BYTES) return err('too_large', tooLargeMessage(size));
    let data: Uint8Array;
    try {
      data = await deps.fs.readFile(filePath);
    } catch (error) {
      console.error('Reading a file failed', error);
      return err('io_error', READ_ERROR_MESSAGE);
    }
    // The file may have grown between stat and read.
    if (data.byteLength > MAX_TRANSFER_BYTES) return err('too_large', tooLargeMessage(data.byteLength));
    return ok({ opened: true, name: path.basename(filePath), data });
  }

  /** Picks a spreadsheet and streams it into sheets; what is wrong with the file is a value, not an error. */
  async function openSheets(request: OpenFileRequest): Promise<IpcResult<OpenedSheets>> {
    const filePath = await chooseFileToOpen(request);
    if (filePath === undefined) return ok({ opened: false });
    if ((await deps.fs.fileSize(filePath)) === null) return err('io_error', FILE_NOT_FOUND_MESSAGE);
    const name = path.basename(filePath);
    let read: SheetStreamResult;
    try {
      read = await (deps.readSheets ?? readWorkbookStream)(filePath, name);
    } catch (error) {
      // the disk, not the file's content
      console.error('Reading a spreadsheet failed', error);
      return err('io_error', READ_ERROR_MESSAGE);
    }
    return ok(read.ok ? { opened: true, name, sheets: read.value } : { opened: true, name, error: { code: read.code, message: read.message } });
  }

  async function showInFolder(request: ShowInFolderRequest): Promise<IpcResult<null>> {
    if (!path.isAbsolute(request.path) || (await deps.fs.fileSize(request.path)) === null) {
      return err('io_error', FILE_NOT_FOUND_MESSAGE);
    }
    deps.showItemInFolder(request.path);
    return ok(null);
  }

  return { saveBytes, saveFile, openFile, openSheets, showInFolder };
}

/** The real dialogs (modal to the main window), disk and shell. */
export function createElectronFileServiceDeps(
  getParentWindow: () => BrowserWindow | null,
  isChosenFolder: (folder: string) => boolean,
): FileServiceDeps {
  return {
    dialogs: {
      showSaveDialog(options) {
        const parent = getParentWindow();
        const dialogOptions = { ...options, filters: [...options.filters] };
        return parent ? dialog.showSaveDialog(parent, dialogOptions) : dialog.showSaveDialog(dialogOptions);
      },
      showOpenDialog(options) {
        const parent = getParentWindow();
        const dialogOptions = { ...options, filters: [...options.filters], properties: [...options.properties] };
        return parent ? dialog.showOpenDialog(parent, dialogOptions) : dialog.showOpenDialog(dialogOptions);
      },
    },
    fs: nodeFileSystem,
    showItemInFolder: (filePath) => shell.showItemInFolder(filePath),
    documentsDir: () => app.getPath('documents'),
    randomSuffix: () => randomBytes(8).toString('hex'),
    isChosenFolder,
  };
}
