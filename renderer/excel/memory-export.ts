/**
 * The workbook export of the browser build: the same sheet-by-sheet session as
 * the desktop build, but into exceljs's in-memory workbook (its browser bundle
 * has no streaming writer), handed over as one download when finished. Fine for
 * a commune's month; the desktop build streams to disk for the largest units.
 * With a password the finished workbook is Excel-encrypted before it is saved.
 */
import { err, ok } from '../../shared/result';
import { createWorkbookSession, SESSION_MESSAGES, type WorkbookLike } from '../../shared/report/workbook-session';
import { encryptWorkbook } from '../../shared/excel/office-encryption';
import {
  IPC_REQUEST_SCHEMAS,
  type DesktopApi,
  type IpcResult,
  type SavedFile,
} from '../../shared/ipc/contract';

type ExportMethods = Pick<DesktopApi, 'exportBegin' | 'exportSheet' | 'exportRows' | 'exportFinish' | 'exportAbort'>;

export const INVALID_EXPORT_MESSAGE = 'Yêu cầu xuất tệp không hợp lệ. Vui lòng thử lại.';
export const UNKNOWN_EXPORT_MESSAGE = 'Phiên xuất tệp đã kết thúc hoặc không tồn tại. Vui lòng xuất lại.';

type Session = {
  name: string;
  /** Excel's "password to open", held only until the file is saved */
  password?: string;
  workbook: { xlsx: { writeBuffer(): Promise<ArrayBuffer | Uint8Array> } };
  writer: ReturnType<typeof createWorkbookSession>;
};

/** SHA-256 of `data` as lower-case hex. */
export async function sha256Hex(data: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** `data` Excel-encrypted with `password` (Excel's "password to open"), with the browser's randomness. */
export function encryptWithPassword(data: Uint8Array, password: string): Uint8Array<ArrayBuffer> {
  return encryptWorkbook(data, password, (n) => crypto.getRandomValues(new Uint8Array(n)));
}

/** `save` hands the finished bytes to the officer (a download in the browser). */
export function createMemoryExports(save: (name: string, data: Uint8Array<ArrayBuffer>) => Promise<IpcResult<SavedFile>>): ExportMethods {
  const sessions = new Map<string, Session>();
  const invalid = () => err('invalid_request' as const, INVALID_EXPORT_MESSAGE);

  return {
    async exportBegin(request) {
      const parsed = IPC_REQUEST_SCHEMAS.exportBegin.safeParse(request);
      if (!parsed.success) return invalid();
      const { default: ExcelJS } = await import('exceljs');
      const workbook = new ExcelJS.Workbook();
      workbook.creator = 'Sổ Đề án 06';
      const exportId = crypto.randomUUID();
      sessions.set(exportId, {
        name: parsed.data.suggestedName,
        ...(parsed.data.password !== undefined ? { password: parsed.data.password } : {}),
        workbook,
        writer: createWorkbookSession(workbook as unknown as WorkbookLike),
      });
      return ok({ started: true, exportId });
    },

    async exportSheet(request) {
      const parsed = IPC_REQUEST_SCHEMAS.exportSheet.safeParse(request);
      if (!parsed.success) return invalid();
      const session = sessions.get(parsed.data.exportId);
      if (!session) return err('invalid_request', UNKNOWN_EXPORT_MESSAGE);
      const began = session.writer.beginSheet(parsed.data.sheet);
      return began.ok ? ok(null) : err('invalid_request', SESSION_MESSAGES[began.code]);
    },

    async exportRows(request) {
      const parsed = IPC_REQUEST_SCHEMAS.exportRows.safeParse(request);
      if (!parsed.success) return invalid();
      const session = sessions.get(parsed.data.exportId);
      if (!session) return err('invalid_request', UNKNOWN_EXPORT_MESSAGE);
      const added = session.writer.addRows(parsed.data.rows);
      return added.ok ? ok(null) : err('invalid_request', SESSION_MESSAGES[added.code]);
    },

    async exportFinish(request) {
      const parsed = IPC_REQUEST_SCHEMAS.exportFinish.safeParse(request);
      if (!parsed.success) return invalid();
      const session = sessions.get(parsed.data.exportId);
      if (!session) return err('invalid_request', UNKNOWN_EXPORT_MESSAGE);
      sessions.delete(parsed.data.exportId);
      session.writer.endSheet();
      const buffer = await session.workbook.xlsx.writeBuffer();
      const plain = new Uint8Array(buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer));
      const data = session.password === undefined ? plain : encryptWithPassword(plain, session.password);
      const sha256 = await sha256Hex(data);
      const saved = await save(session.name, data);
      if (!saved.ok) return saved;
      if (!saved.value.saved) return err('io_error', 'Tệp chưa được lưu.');
      return ok({ path: saved.value.path, sha256, bytes: data.byteLength });
    },

    async exportAbort(request) {
      const parsed = IPC_REQUEST_SCHEMAS.exportAbort.safeParse(request);
      if (!parsed.success) return invalid();
      sessions.delete(parsed.data.exportId);
      return ok(null);
    },
  };
}
