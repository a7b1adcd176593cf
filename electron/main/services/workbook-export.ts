/**
 * Workbook exports streamed to disk: the renderer sends a sheet's head, then
 * its rows page by page, and exceljs's streaming writer turns them into the
 * .xlsx as they come, so 250,000 rows never sit in memory as one workbook.
 *
 * The file is written under a temporary name beside the target and renamed
 * only when complete; an aborted, failed or abandoned export leaves nothing
 * behind. Files go where the officer chose in a save dialog, or into a folder
 * the officer chose in the folder dialog (hand-over to a USB stick) — never
 * anywhere the renderer names on its own.
 *
 * With a password (Excel's "password to open"), exceljs writes into memory
 * instead, and at the end the encrypted file is what goes into the temporary
 * file: the plain workbook never touches the disk (a USB stick keeps deleted
 * files readable). The password lives only in the export's session.
 */
import path from 'node:path';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { Writable } from 'node:stream';
import { open, rename, rm, stat } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type {
  ChosenFolder,
  ExportBeginRequest,
  ExportIdRequest,
  ExportRowsRequest,
  ExportSheetRequest,
  ExportStarted,
  IpcResult,
  WrittenFile,
} from '../../../shared/ipc/contract';
import { err, ok } from '../../../shared/result';
import { createWorkbookSession, SESSION_MESSAGES, type WorkbookLike } from '../../../shared/report/workbook-session';
import { encryptWorkbook } from '../../../shared/excel/office-encryption';
import { writeErrorMessage } from './write-errors';

export interface ExportDialogs {
  /** The save dialog for one .xlsx; undefined when cancelled. */
  chooseSavePath(defaultPath: string): Promise<string | undefined>;
  /** The folder dialog; undefined when cancelled. */
  chooseDirectory(defaultPath: string): Promise<string | undefined>;
}

export interface ExportDeps {
  readonly dialogs: ExportDialogs;
  documentsDir(): string;
  randomSuffix(): string;
}

export const UNKNOWN_EXPORT_MESSAGE = 'Phiên xuất tệp đã kết thúc hoặc không tồn tại. Vui lòng xuất lại.';
export const FOLDER_NOT_CHOSEN_MESSAGE = 'Thư mục lưu chưa được chọn trong hộp thoại. Vui lòng chọn lại thư mục.';

type Session = {
  target: string;
  temporary: string;
  stream: WriteStream;
  writer: InstanceType<typeof ExcelJS.stream.xlsx.WorkbookWriter>;
  sheets: ReturnType<typeof createWorkbookSession>;
  /** with a password: the plain workbook, in memory, to be encrypted into `stream` at the end */
  sealed?: { password: string; plain: MemorySink };
};

/** A writable that keeps what it is given, for a workbook that must not reach the disk unencrypted. */
type MemorySink = { stream: Writable; bytes(): Buffer };
function memorySink(): MemorySink {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { stream, bytes: () => Buffer.concat(chunks) };
}

function ended(stream: WriteStream, data: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('error', reject);
    stream.end(data, () => resolve());
  });
}

/** Resolves once the stream's file is open, or rejects with the open error (EEXIST, EACCES, ENOSPC…). */
function opened(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
}

function closed(stream: WriteStream): Promise<void> {
  if (stream.closed) return Promise.resolve();
  return new Promise((resolve, reject) => {
    stream.once('close', () => resolve());
    stream.once('error', reject);
  });
}

async function sha256Of(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(filePath)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Flushes the file's bytes to the disk, so a power cut after "saved" keeps them. */
async function flushToDisk(filePath: string): Promise<void> {
  const handle = await open(filePath, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export type WorkbookExportService = ReturnType<typeof createWorkbookExportService>;

export function createWorkbookExportService(deps: ExportDeps) {
  const sessions = new Map<string, Session>();
  const chosenFolders = new Set<string>();

  async function discard(exportId: string): Promise<void> {
    const session = sessions.get(exportId);
    if (!session) return;
    sessions.delete(exportId);
    session.sealed?.plain.stream.destroy();
    session.stream.destroy();
    await closed(session.stream).catch(() => undefined);
    await rm(session.temporary, { force: true }).catch(() => undefined);
  }

  async function failed(exportId: string, error: unknown): Promise<IpcResult<never>> {
    console.error('Workbook export failed', error);
    await discard(exportId);
    return err('io_error', writeErrorMessage(error));
  }

  async function chooseFolder(): Promise<IpcResult<ChosenFolder>> {
    const folder = await deps.dialogs.chooseDirectory(deps.documentsDir());
    if (!folder) return ok({ chosen: false });
    chosenFolders.add(path.resolve(folder));
    return ok({ chosen: true, path: folder });
  }

  async function exportBegin(request: ExportBeginRequest): Promise<IpcResult<ExportStarted>> {
    const name = path.basename(request.suggestedName);
    let target: string | undefined;
    if (request.folder !== undefined) {
      const folder = path.resolve(request.folder);
      if (!chosenFolders.has(folder)) return err('invalid_request', FOLDER_NOT_CHOSEN_MESSAGE);
      target = path.join(folder, name);
    } else {
      target = await deps.dialogs.chooseSavePath(path.join(deps.documentsDir(), name));
      if (!target) return ok({ started: false });
    }
    const exportId = randomUUID();
    const temporary = `${target}.tmp-${deps.randomSuffix()}`;
    const stream = createWriteStream(temporary, { flags: 'wx' });
    try {
      await opened(stream);
    } catch (error) {
      console.error('Starting a workbook export failed', error);
      stream.destroy();
      return err('io_error', writeErrorMessage(error));
    }
    const sealed = request.password !== undefined ? { password: request.password, plain: memorySink() } : undefined;
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sealed?.plain.stream ?? stream, useStyles: true, useSharedStrings: false });
    writer.creator = 'Sổ Đề án 06';
    sessions.set(exportId, { target, temporary, stream, writer, sheets: createWorkbookSession(writer as unknown as WorkbookLike), ...(sealed ? { sealed } : {}) });
    return ok({ started: true, exportId });
  }

  async function exportSheet(request: ExportSheetRequest): Promise<IpcResult<null>> {
    const session = sessions.get(request.exportId);
    if (!session) return err('invalid_request', UNKNOWN_EXPORT_MESSAGE);
    try {
      const began = session.sheets.beginSheet(request.sheet);
      return began.ok ? ok(null) : err('invalid_request', SESSION_MESSAGES[began.code]);
    } catch (error) {
      return failed(request.exportId, error);
    }
  }

  async function exportRows(request: ExportRowsRequest): Promise<IpcResult<null>> {
    const session = sessions.get(request.exportId);
    if (!session) return err('invalid_request', UNKNOWN_EXPORT_MESSAGE);
    try {
      const added = session.sheets.addRows(request.rows);
      return added.ok ? ok(null) : err('invalid_request', SESSION_MESSAGES[added.code]);
    } catch (error) {
      return failed(request.exportId, error);
    }
  }

  async function exportFinish(request: ExportIdRequest): Promise<IpcResult<WrittenFile>> {
    const session = sessions.get(request.exportId);
    if (!session) return err('invalid_request', UNKNOWN_EXPORT_MESSAGE);
    try {
      session.sheets.endSheet();
      await session.writer.commit();
      if (session.sealed) {
        const { password, plain } = session.sealed;
        await ended(session.stream, encryptWorkbook(plain.bytes(), password, (n) => randomBytes(n)));
      }
      await closed(session.stream);
      await flushToDisk(session.temporary);
      const sha256 = await sha256Of(session.temporary);
      const { size } = await stat(session.temporary);
      await rename(session.temporary, session.target);
      sessions.delete(request.exportId);
      return ok({ path: session.target, sha256, bytes: size });
    } catch (error) {
      return failed(request.exportId, error);
    }
  }

  async function exportAbort(request: ExportIdRequest): Promise<IpcResult<null>> {
    await discard(request.exportId);
    return ok(null);
  }

  /** Drops every unfinished export (the window closed or the app quits). */
  async function abortAll(): Promise<void> {
    await Promise.all([...sessions.keys()].map(discard));
  }

  return { chooseFolder, exportBegin, exportSheet, exportRows, exportFinish, exportAbort, abortAll, isChosenFolder: (p: string) => chosenFolders.has(path.resolve(p)) };
}

export const randomSuffix = (): string => randomBytes(8).toString('hex');
