/**
 * Backups on disk. The renderer encrypts a backup and hands main its bytes;
 * this service only writes, lists, reads and rotates the files, in
 * `<userData>/sao-luu` and in an optional second folder (a USB stick…) that
 * the officer picked in main's own folder dialog and that is remembered in
 * `<userData>/backup-settings.json`.
 *
 * Every file is written under a temporary name in its folder, flushed to the
 * disk and only then renamed to its final name: a crash or a full disk never
 * leaves a broken `.sdbak` behind. No Electron import: main.ts wires the real
 * dialog, tests and the end-to-end harness use this in plain Node.
 */
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { z } from 'zod';
import {
  BACKUP_FILE_NAME,
  BACKUP_KEEP,
  BACKUP_KIND,
  MAX_TRANSFER_BYTES,
  type BackupEntry,
  type BackupFile,
  type BackupFolders,
  type BackupKind,
  type BackupLocation,
  type BackupReadRequest,
  type BackupWriteRequest,
  type BackupWritten,
  type BackupListing,
  type IpcResult,
} from '../../../shared/ipc/contract';
import { err, ok } from '../../../shared/result';
import { writeNewFileSynced, writeThroughTemporary } from './disk';
import { errorCode } from './write-errors';

/** The folder under userData that always receives backups. */
export const PRIMARY_FOLDER_NAME = 'sao-luu';
export const SETTINGS_FILE_NAME = 'backup-settings.json';
/** A temporary file of ours older than this is a crash's leftover and is removed. */
export const STALE_TEMPORARY_MS = 60 * 60 * 1000;

/** `.SoDeAn06_<stamp>_<kind>.sdbak.<random>.tmp`: hidden, and never matching BACKUP_FILE_NAME. */
const TEMPORARY_NAME = /^\.SoDeAn06_\d{8}-\d{6}_(auto|manual|safety)\.sdbak\.[0-9a-f]{4,32}\.tmp$/;

export type FileInfo = { readonly size: number; readonly modifiedMs: number; readonly isFile: boolean; readonly isDirectory: boolean };

export interface BackupFileSystem {
  /** Creates the folder and its parents; nothing when it exists. */
  makeFolder(folder: string): Promise<void>;
  /** Creates a NEW file (fails if it exists), writes all bytes and flushes them to disk. */
  writeNewFile(filePath: string, data: Uint8Array): Promise<void>;
  /** Renames, replacing an existing target. */
  rename(from: string, to: string): Promise<void>;
  /** Removes a file; nothing when it is not there. */
  remove(filePath: string): Promise<void>;
  /** Names in a folder; null when the folder does not exist. */
  list(folder: string): Promise<string[] | null>;
  /** null when nothing is there. */
  info(filePath: string): Promise<FileInfo | null>;
  readFile(filePath: string): Promise<Uint8Array>;
}

export type FolderDialogOptions = {
  readonly title: string;
  readonly buttonLabel: string;
  readonly defaultPath?: string;
};

export interface BackupServiceDeps {
  readonly fs: BackupFileSystem;
  /** `<userData>/sao-luu` */
  readonly primaryFolder: string;
  /** `<userData>/backup-settings.json` */
  readonly settingsPath: string;
  /** main's folder dialog (openDirectory, createDirectory); undefined when cancelled */
  chooseFolder(options: FolderDialogOptions): Promise<string | undefined>;
  /** the clock that ages temporary leftovers */
  now(): Date;
  randomSuffix(): string;
}

export const SECOND_FOLDER_DIALOG = { title: 'Chọn nơi lưu bản sao lưu thứ hai', buttonLabel: 'Chọn thư mục này' } as const;

export const BACKUP_MESSAGES = {
  diskFull: 'Không lưu được bản sao lưu vì ổ đĩa đã đầy. Hãy giải phóng dung lượng trên máy rồi thử lại.',
  denied: 'Không lưu được bản sao lưu: thư mục sao lưu không cho phép ghi. Hãy kiểm tra quyền ghi hoặc phần mềm diệt virus rồi thử lại.',
  writeFailed: 'Không lưu được bản sao lưu. Vui lòng thử lại.',
  listFailed: 'Không đọc được danh sách bản sao lưu trong thư mục sao lưu. Vui lòng thử lại.',
  secondMissing: (folder: string) =>
    `Không tìm thấy thư mục lưu thứ hai “${folder}”. Có thể USB đã được rút ra. Bản sao lưu vẫn được lưu trên máy.`,
  secondDiskFull: 'Không chép được bản sao lưu vào thư mục thứ hai vì ổ đĩa (USB) đã đầy. Bản sao lưu vẫn được lưu trên máy.',
  secondDenied: 'Không chép được bản sao lưu vào thư mục thứ hai: thư mục không cho phép ghi (USB có thể bị khoá ghi). Bản sao lưu vẫn được lưu trên máy.',
  secondFailed: 'Không chép được bản sao lưu vào thư mục thứ hai. Bản sao lưu vẫn được lưu trên máy.',
  noSecondFolder: 'Chưa chọn thư mục lưu thứ hai.',
  notFound: 'Không tìm thấy bản sao lưu này. Có thể tệp đã bị xoá, hoặc USB chứa nó đã được rút ra.',
  readFailed: 'Không đọc được bản sao lưu. Vui lòng thử lại.',
  tooLarge: 'Bản sao lưu quá lớn để mở.',
  badName: 'Tên bản sao lưu không hợp lệ.',
  sameAsPrimary: 'Thư mục thứ hai phải nằm ngoài thư mục sao lưu chính của ứng dụng. Hãy chọn USB hoặc một ổ đĩa khác.',
  notWritable: 'Không ghi được vào thư mục đã chọn (có thể USB bị khoá ghi hoặc thư mục chỉ cho đọc). Hãy chọn thư mục khác.',
  notWritableFull: 'Thư mục đã chọn nằm trên ổ đĩa đã đầy. Hãy giải phóng dung lượng hoặc chọn nơi khác.',
  settingsFailed: 'Không ghi nhớ được thư mục lưu thứ hai. Vui lòng thử lại.',
} as const;

function primaryWriteMessage(error: unknown): string {
  switch (errorCode(error)) {
    case 'ENOSPC':
    case 'EDQUOT':
      return BACKUP_MESSAGES.diskFull;
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
    case 'EBUSY':
      return BACKUP_MESSAGES.denied;
    default:
      return BACKUP_MESSAGES.writeFailed;
  }
}

function secondWriteMessage(error: unknown, folder: string): string {
  switch (errorCode(error)) {
    case 'ENOENT':
    case 'ENOTDIR':
    case 'ENODEV':
    case 'ENXIO':
      return BACKUP_MESSAGES.secondMissing(folder);
    case 'ENOSPC':
    case 'EDQUOT':
      return BACKUP_MESSAGES.secondDiskFull;
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
    case 'EBUSY':
      return BACKUP_MESSAGES.secondDenied;
    default:
      return BACKUP_MESSAGES.secondFailed;
  }
}

const SETTINGS_SCHEMA = z.object({ secondFolder: z.string().min(1).max(1000).nullable() });
type BackupSettings = z.infer<typeof SETTINGS_SCHEMA>;

/** `SoDeAn06_<stamp>_<kind>.sdbak`; matches BACKUP_FILE_NAME. */
export function backupFileName(stamp: string, kind: BackupKind): string {
  return `SoDeAn06_${stamp}_${kind}.sdbak`;
}

function kindOf(name: string): BackupKind {
  return BACKUP_KIND.parse(/_([a-z]+)\.sdbak$/.exec(name)?.[1]);
}

/** The stamp part, which is what "newest" means; ties broken by the whole name so the order is stable. */
function newestFirst(a: string, b: string): number {
  const stampA = a.slice('SoDeAn06_'.length, 'SoDeAn06_'.length + 15);
  const stampB = b.slice('SoDeAn06_'.length, 'SoDeAn06_'.length + 15);
  if (stampA !== stampB) return stampA < stampB ? 1 : -1;
  return a < b ? 1 : a > b ? -1 : 0;
}

/** Whether `inner` is `outer` or a folder inside it. */
function isSameOrInside(inner: string, outer: string): boolean {
  const relative = path.relative(path.resolve(outer), path.resolve(inner));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

export const nodeBackupFileSystem: BackupFileSystem = {
  async makeFolder(folder) {
    await mkdir(folder, { recursive: true });
  },
  writeNewFile: writeNewFileSynced,
  rename: (from, to) => rename(from, to),
  remove: (filePath) => rm(filePath, { force: true }),
  async list(folder) {
    try {
      return await readdir(folder);
    } catch (error) {
      if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return null;
      throw error;
    }
  },
  async info(filePath) {
    try {
      const found = await stat(filePath);
      return { size: found.size, modifiedMs: found.mtimeMs, isFile: found.isFile(), isDirectory: found.isDirectory() };
    } catch (error) {
      if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return null;
      throw error;
    }
  },
  async readFile(filePath) {
    const buffer = await readFile(filePath);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  },
};

export const randomSuffix = (): string => randomBytes(8).toString('hex');

export type BackupService = ReturnType<typeof createBackupService>;

export function createBackupService(deps: BackupServiceDeps) {
  const { fs } = deps;
  const primaryFolder = path.resolve(deps.primaryFolder);
  let settings: BackupSettings | undefined;
  /** Writes run one after another, so two rotations never race over the same folder. */
  let writing: Promise<unknown> = Promise.resolve();

  async function loadSettings(): Promise<BackupSettings> {
    if (settings) return settings;
    let loaded: BackupSettings = { secondFolder: null };
    try {
      const text = new TextDecoder().decode(await fs.readFile(deps.settingsPath));
      const parsed = SETTINGS_SCHEMA.safeParse(JSON.parse(text));
      if (parsed.success) loaded = parsed.data;
      else console.error('backup-settings.json is not valid; no second folder is used');
    } catch (error) {
      // No settings yet (first run) is normal; anything else is worth a line in the log.
      if (errorCode(error) !== 'ENOENT') console.error('Reading backup-settings.json failed', error);
    }
    settings = loaded;
    return loaded;
  }

  async function saveSettings(next: BackupSettings): Promise<void> {
    await fs.makeFolder(path.dirname(deps.settingsPath));
    const temporary = `${deps.settingsPath}.tmp-${deps.randomSuffix()}`;
    await writeThroughTemporary(fs, temporary, deps.settingsPath, new TextEncoder().encode(`${JSON.stringify(next, null, 2)}\n`));
    settings = next;
  }

  async function folders(): Promise<BackupFolders> {
    return { primary: primaryFolder, second: (await loadSettings()).secondFolder };
  }

  /** Writes `data` as `folder/name` through a flushed temporary file; on failure nothing of ours stays. */
  async function writeInto(folder: string, name: string, data: Uint8Array): Promise<string> {
    const target = path.join(folder, name);
    await writeThroughTemporary(fs, path.join(folder, `.${name}.${deps.randomSuffix()}.tmp`), target, data);
    return target;
  }

  /**
   * Keeps the newest BACKUP_KEEP backups of the folder and removes the rest, plus
   * temporary leftovers of a crash. `justWritten` is never removed, even when a
   * clock set back makes it look old. Failures are logged: the backup itself is done.
   */
  async function rotate(folder: string, justWritten: string): Promise<void> {
    try {
      const names = (await fs.list(folder)) ?? [];
      const backups = names.filter((name) => BACKUP_FILE_NAME.test(name)).sort(newestFirst);
      for (const name of backups.slice(BACKUP_KEEP)) {
        if (name !== justWritten) await fs.remove(path.join(folder, name));
      }
      const staleBefore = deps.now().getTime() - STALE_TEMPORARY_MS;
      for (const name of names.filter((n) => TEMPORARY_NAME.test(n))) {
        const found = await fs.info(path.join(folder, name));
        if (found?.isFile && found.modifiedMs < staleBefore) await fs.remove(path.join(folder, name));
      }
    } catch (error) {
      console.error(`Rotating the backups in ${folder} failed`, error);
    }
  }

  async function copyToSecond(folder: string, name: string, data: Uint8Array): Promise<BackupWritten['second']> {
    try {
      // Never create it: a missing folder is a USB stick that is not plugged in,
      // and creating its path would put the copy on the computer's own disk.
      const found = await fs.info(folder);
      if (!found?.isDirectory) return { error: BACKUP_MESSAGES.secondMissing(folder) };
      const written = await writeInto(folder, name, data);
      await rotate(folder, name);
      return { path: written };
    } catch (error) {
      console.error('Copying the backup to the second folder failed', error);
      return { error: secondWriteMessage(error, folder) };
    }
  }

  async function writeBackup(request: BackupWriteRequest): Promise<IpcResult<BackupWritten>> {
    const name = backupFileName(request.stamp, request.kind);
    if (!BACKUP_FILE_NAME.test(name)) return err('invalid_request', BACKUP_MESSAGES.badName);
    let written: string;
    try {
      await fs.makeFolder(primaryFolder);
      written = await writeInto(primaryFolder, name, request.data);
    } catch (error) {
      console.error('Writing a backup failed', error);
      return err('io_error', primaryWriteMessage(error));
    }
    const sha256 = createHash('sha256').update(request.data).digest('hex');
    await rotate(primaryFolder, name);
    const { secondFolder } = await loadSettings();
    const second = secondFolder === null ? null : await copyToSecond(secondFolder, name, request.data);
    return ok({ path: written, bytes: request.data.byteLength, sha256, second });
  }

  function backupWrite(request: BackupWriteRequest): Promise<IpcResult<BackupWritten>> {
    const run = writing.then(() => writeBackup(request));
    writing = run.catch(() => undefined);
    return run;
  }

  async function entriesIn(folder: string, location: BackupLocation): Promise<BackupEntry[]> {
    const names = (await fs.list(folder)) ?? [];
    const entries: BackupEntry[] = [];
    for (const name of names.filter((n) => BACKUP_FILE_NAME.test(n))) {
      const found = await fs.info(path.join(folder, name));
      if (!found?.isFile) continue;
      entries.push({ location, name, kind: kindOf(name), bytes: found.size, modifiedAt: new Date(found.modifiedMs).toISOString() });
    }
    return entries;
  }

  async function backupList(): Promise<IpcResult<BackupListing>> {
    const current = await folders();
    let primary: BackupEntry[];
    try {
      primary = await entriesIn(primaryFolder, 'primary');
    } catch (error) {
      console.error('Listing the backups failed', error);
      return err('io_error', BACKUP_MESSAGES.listFailed);
    }
    let second: BackupEntry[] = [];
    if (current.second !== null) {
      try {
        second = await entriesIn(current.second, 'second');
      } catch (error) {
        // A stick pulled out half way, a folder that is not readable: show the computer's own backups.
        console.error('Listing the second backup folder failed', error);
      }
    }
    const entries = [...primary, ...second].sort(
      (a, b) => newestFirst(a.name, b.name) || (a.location === b.location ? 0 : a.location === 'primary' ? -1 : 1),
    );
    return ok({ folders: current, entries });
  }

  async function backupRead(request: BackupReadRequest): Promise<IpcResult<BackupFile>> {
    if (!BACKUP_FILE_NAME.test(request.name)) return err('invalid_request', BACKUP_MESSAGES.badName);
    const { second } = await folders();
    const folder = request.location === 'primary' ? primaryFolder : second === null ? null : path.resolve(second);
    if (folder === null) return err('invalid_request', BACKUP_MESSAGES.noSecondFolder);
    const filePath = path.resolve(folder, request.name);
    if (path.dirname(filePath) !== folder) return err('invalid_request', BACKUP_MESSAGES.badName);
    try {
      const found = await fs.info(filePath);
      if (!found?.isFile) return err('io_error', BACKUP_MESSAGES.notFound);
      if (found.size > MAX_TRANSFER_BYTES) return err('too_large', BACKUP_MESSAGES.tooLarge);
      const data = await fs.readFile(filePath);
      // It may have grown between the two looks.
      if (data.byteLength > MAX_TRANSFER_BYTES) return err('too_large', BACKUP_MESSAGES.tooLarge);
      return ok({ name: request.name, data });
    } catch (error) {
      console.error('Reading a backup failed', error);
      return err('io_error', errorCode(error) === 'ENOENT' ? BACKUP_MESSAGES.notFound : BACKUP_MESSAGES.readFailed);
    }
  }

  /** Writes and removes a probe file: the folder takes files (not a read-only stick, not a full disk). */
  async function probeWritable(folder: string): Promise<IpcResult<null>> {
    const probe = path.join(folder, `.sodean06-thu-ghi-${deps.randomSuffix()}.tmp`);
    try {
      await fs.writeNewFile(probe, new TextEncoder().encode('Sổ Đề án 06'));
      return ok(null);
    } catch (error) {
      console.error('The chosen second backup folder is not writable', error);
      const code = errorCode(error);
      return err('io_error', code === 'ENOSPC' || code === 'EDQUOT' ? BACKUP_MESSAGES.notWritableFull : BACKUP_MESSAGES.notWritable);
    } finally {
      await fs.remove(probe).catch(() => undefined);
    }
  }

  async function backupChooseSecondFolder(): Promise<IpcResult<BackupFolders>> {
    const current = await folders();
    const chosen = await deps.chooseFolder({ ...SECOND_FOLDER_DIALOG, ...(current.second ? { defaultPath: current.second } : {}) });
    if (chosen === undefined) return ok(current);
    const folder = path.resolve(chosen);
    if (isSameOrInside(folder, primaryFolder)) return err('invalid_request', BACKUP_MESSAGES.sameAsPrimary);
    const writable = await probeWritable(folder);
    if (!writable.ok) return writable;
    return useSecondFolder(folder);
  }

  function backupClearSecondFolder(): Promise<IpcResult<BackupFolders>> {
    return useSecondFolder(null);
  }

  /** Remembers the second folder (or none) and answers with the folders now in use. */
  async function useSecondFolder(secondFolder: string | null): Promise<IpcResult<BackupFolders>> {
    try {
      await saveSettings({ secondFolder });
    } catch (error) {
      console.error('Saving backup-settings.json failed', error);
      return err('io_error', BACKUP_MESSAGES.settingsFailed);
    }
    return ok(await folders());
  }

  return { backupWrite, backupList, backupRead, backupChooseSecondFolder, backupClearSecondFolder };
}

/** The real disk, for `<userData>`; the dialog comes from main.ts. */
export function nodeBackupServiceDeps(
  userData: string,
  chooseFolder: BackupServiceDeps['chooseFolder'],
): BackupServiceDeps {
  return {
    fs: nodeBackupFileSystem,
    primaryFolder: path.join(userData, PRIMARY_FOLDER_NAME),
    settingsPath: path.join(userData, SETTINGS_FILE_NAME),
    chooseFolder,
    now: () => new Date(),
    randomSuffix,
  };
}
