/**
 * One workbook being written sheet by sheet and page by page — the logic behind
 * exportSheet/exportRows, shared by the main process (exceljs's streaming
 * writer) and the browser build (exceljs's in-memory workbook). A sheet is
 * committed before the next begins, so the streaming writer never holds more
 * than the rows of the page it is given.
 */
import { err, ok, type Result } from '../result';
import type { CellValue } from './detail';
import { sheetOptions, writeBodyRow, writeSheetHead, type SheetSpec, type WorksheetLike } from './workbook';

export type SheetOptions = ReturnType<typeof sheetOptions>;

export interface WorkbookLike {
  addWorksheet(name: string, options: SheetOptions): WorksheetLike & { commit?: () => unknown };
}

export type SessionError = 'no_sheet' | 'bad_row' | 'duplicate_sheet';

export const SESSION_MESSAGES: Record<SessionError, string> = {
  no_sheet: 'Chưa bắt đầu trang tính nào để ghi dòng.',
  bad_row: 'Một dòng dữ liệu không khớp số cột của trang tính.',
  duplicate_sheet: 'Tên trang tính bị trùng.',
};

export function createWorkbookSession(workbook: WorkbookLike) {
  let current: { ws: WorksheetLike & { commit?: () => unknown }; spec: SheetSpec; written: number } | undefined;
  const names = new Set<string>();
  let rows = 0;

  function endSheet(): void {
    current?.ws.commit?.();
    current = undefined;
  }

  return {
    beginSheet(spec: SheetSpec): Result<null, SessionError> {
      const key = spec.name.toLocaleLowerCase('vi-VN');
      if (names.has(key)) return err('duplicate_sheet', SESSION_MESSAGES.duplicate_sheet);
      names.add(key);
      endSheet();
      const ws = workbook.addWorksheet(spec.name, sheetOptions(spec));
      current = { ws, spec, written: writeSheetHead(ws, spec) };
      rows += spec.rows.length;
      return ok(null);
    },
    addRows(page: readonly (readonly CellValue[])[]): Result<null, SessionError> {
      if (!current) return err('no_sheet', SESSION_MESSAGES.no_sheet);
      const { spec } = current;
      const width = spec.columns.length - (spec.numbered ? 1 : 0);
      // Check the whole page first: a page is written entirely or not at all.
      if (page.some((r) => r.length !== width)) return err('bad_row', SESSION_MESSAGES.bad_row);
      for (const values of page) writeBodyRow(current.ws, spec, values, ++current.written);
      rows += page.length;
      return ok(null);
    },
    /** Commits the last sheet; the caller then finishes the workbook itself. */
    endSheet,
    get rowCount() {
      return rows;
    },
  };
}
