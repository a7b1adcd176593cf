/**
 * The built-in monthly workbook, sent through the DesktopApi's export session:
 * "Tổng hợp", "DC01", then one sheet per list with its records, each list
 * read from the database and handed over in pages. In the desktop build the
 * main process streams the pages to disk; in the browser build they go into an
 * in-memory workbook that downloads when finished. Either way nothing is left
 * behind when the officer cancels or something fails.
 */
import type { DesktopApi, IpcErrorCode, IpcResult, WrittenFile } from '../../shared/ipc/contract';
import type { CellValue } from '../../shared/report/detail';
import type { ReportFigures } from '../../shared/report/figures';
import type { ReportHeader } from '../../shared/report/values';
import { dc01Sheet, detailSheet, reportFileName, summarySheet, uniqueSheetName } from '../../shared/report/workbook';
import { err, ok, type Result } from '../../shared/result';
import { formatCount } from '../../shared/format/numbers';
import type { RowSet } from '../db/repositories/report-rows';

/** Rows per exportRows call: big enough that the bridge costs little, small enough to keep memory flat. */
export const EXPORT_PAGE_ROWS = 10000;

export type ExportProgress = { step: string; sheet: number; sheets: number; rows: number };

export type MonthlyWorkbookInput = {
  api: DesktopApi;
  figures: ReportFigures;
  header: ReportHeader;
  /** the lists to add as detail sheets, in order (a list with no records gets no sheet) */
  rowSets: readonly RowSet[];
  /** reads lists' rows, each table once; `onProgress` gets records read so far */
  readRows: (sets: readonly RowSet[], onProgress: (read: number) => void) => Promise<ReadonlyMap<string, CellValue[][]>>;
  /** a folder chosen for the hand-over; without it a save dialog asks */
  folder?: string;
  /** Excel's "password to open" for the file (checked with checkWorkbookPassword); never stored */
  password?: string;
  onProgress?: (progress: ExportProgress) => void;
  signal?: AbortSignal;
};

export type ExportError = IpcErrorCode | 'cancelled';

export const CANCELLED_MESSAGE = 'Đã dừng xuất tệp. Không có tệp nào được lưu.';

/** The sheets and their rows; `undefined` when the officer closed the save dialog. */
export async function exportMonthlyWorkbook(input: MonthlyWorkbookInput): Promise<Result<WrittenFile | undefined, ExportError>> {
  const { api, figures, header, rowSets, signal } = input;
  const begun = await api.exportBegin({
    suggestedName: reportFileName(header.unitName, header.period, 'xlsx'),
    ...(input.folder !== undefined ? { folder: input.folder } : {}),
    ...(input.password !== undefined ? { password: input.password } : {}),
  });
  if (!begun.ok) return begun;
  if (!begun.value.started) return ok(undefined);
  const { exportId } = begun.value;
  const sheets = 2 + rowSets.length;
  let rows = 0;
  const progress = (step: string, sheet: number) => input.onProgress?.({ step, sheet, sheets, rows });

  const run = async (): Promise<Result<WrittenFile, ExportError>> => {
    const taken = new Set<string>();
    for (const spec of [summarySheet(figures, header), dc01Sheet(figures, header)]) {
      taken.add(spec.name.toLocaleLowerCase('vi-VN'));
      const sent = await api.exportSheet({ exportId, sheet: spec });
      if (!sent.ok) return sent;
    }
    // The lists of one table (all member lists, all DC01 categories) are read in one pass over it, and
    // the next table is read while this one's lists are being written: the database and the writer work at once.
    const groups: RowSet[][] = [];
    for (const set of rowSets) {
      const last = groups[groups.length - 1];
      if (last && last[0]!.table === set.table) last.push(set);
      else groups.push([set]);
    }
    const readGroup = (sets: readonly RowSet[] | undefined) => {
      if (!sets) return undefined;
      const reading = input.readRows(sets, (records) => progress(`Đang đọc danh sách… (${formatCount(records)} hồ sơ)`, 2));
      // A read still under way when the export stops early must not become an unhandled rejection.
      reading.catch(() => undefined);
      return reading;
    };
    /** One list's sheet, its rows sent in pages with one page in flight while the next is prepared. */
    const writeSet = async (set: RowSet, listed: CellValue[][], sheet: number): Promise<Result<null, ExportError>> => {
      const name = uniqueSheetName(set.key.startsWith('dc01.') ? `DC01 ${set.label}` : set.label, taken);
      const began = await api.exportSheet({ exportId, sheet: detailSheet(set, name, header) });
      if (!began.ok) return began;
      let inFlight: Promise<IpcResult<null>> | undefined;
      for (let from = 0; from < listed.length; from += EXPORT_PAGE_ROWS) {
        if (signal?.aborted) return err('cancelled', CANCELLED_MESSAGE);
        const page = listed.slice(from, from + EXPORT_PAGE_ROWS);
        const sending = api.exportRows({ exportId, rows: page });
        const sent = await inFlight;
        if (sent && !sent.ok) return sent;
        inFlight = sending;
        rows += page.length;
        progress(`Đang ghi danh sách ${set.label}…`, sheet);
      }
      return (await inFlight) ?? ok(null);
    };

    let next = readGroup(groups[0]);
    let sheet = 2;
    for (const [g, group] of groups.entries()) {
      const read = (await next) ?? new Map<string, CellValue[][]>();
      next = readGroup(groups[g + 1]);
      for (const set of group) {
        sheet += 1;
        if (signal?.aborted) return err('cancelled', CANCELLED_MESSAGE);
        const listed = read.get(set.key) ?? [];
        if (listed.length === 0) continue;
        const written = await writeSet(set, listed, sheet);
        if (!written.ok) return written;
      }
    }
    progress('Đang hoàn tất tệp…', sheets);
    return api.exportFinish({ exportId });
  };

  try {
    const result = await run();
    if (!result.ok) await api.exportAbort({ exportId });
    return result;
  } catch (error) {
    await api.exportAbort({ exportId });
    throw error;
  }
}
