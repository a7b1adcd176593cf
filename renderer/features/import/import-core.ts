/**
 * The work of an import that does not touch the database: the file read into sheets,
 * legacy encodings fixed, headers found, rows read and checked, and the rejected rows
 * written back into a workbook. It keeps the sheets between steps, so it runs inside a
 * Web Worker (import.worker.ts) where the UI stays responsive, or on the main thread in
 * tests and where workers are missing — the same code either way (engine.ts).
 */
import { readWorkbookFile, type SheetReadError } from '../../excel/sheet-reader';
import { buildTableWorkbook, type ExportColumn } from '../../excel/table-export';
import { err, ok, type Result } from '../../../shared/result';
import { analyseSheet, readSheets, type SheetAnalysis } from '../../../shared/import/pipeline';
import type { ColumnMapping } from '../../../shared/import/columns';
import type { ImportTarget, RowContext, SkippedRow } from '../../../shared/import/rows';
import type { SheetItem } from '../../../shared/import/plan';
import type { TextEncoding } from '../../../shared/import/legacy-encoding';
import { cellText, isSerialDate, type RawCell, type Sheet } from '../../../shared/import/sheet-model';
import { cutText } from '../../../shared/text/normalize';

/** A file as picked in the browser (bytes) or as the desktop build streamed it (sheets). */
export type ImportFile = { readonly name: string; readonly bytes: Uint8Array } | { readonly name: string; readonly sheets: readonly Sheet[] };

export type SheetOverview = SheetAnalysis & { readonly index: number };

export type ReadRequest = {
  readonly sheets: readonly number[];
  readonly mapping: readonly ColumnMapping[];
  readonly target: ImportTarget;
  readonly ctx: RowContext;
};

export type SheetReadSummary = { readonly sheet: string; readonly dataRows: number; readonly skipped: readonly SkippedRow[] };

export type ReadOutcome = { readonly reads: readonly SheetReadSummary[]; readonly items: readonly SheetItem[] };

/** A row to send back to whoever made the list, with why it was not taken. */
export type ReturnedRow = { readonly sheet: string; readonly rowNumbers: readonly number[]; readonly reason: string };

export class ImportCore {
  private original: Sheet[] = [];
  private fixed: Sheet[] = [];
  private analyses: SheetOverview[] = [];

  async load(file: ImportFile): Promise<Result<SheetOverview[], SheetReadError>> {
    let sheets: readonly Sheet[];
    if ('bytes' in file) {
      const read = await readWorkbookFile(file.name, file.bytes);
      if (!read.ok) return read;
      sheets = read.value;
    } else {
      sheets = file.sheets;
    }
    this.original = [...sheets];
    this.fixed = [];
    this.analyses = [];
    sheets.forEach((sheet, index) => {
      const { sheet: fixed, analysis } = analyseSheet(sheet);
      this.fixed.push(fixed);
      this.analyses.push({ ...analysis, index });
    });
    if (this.analyses.every((a) => a.rowCount === 0)) return err('empty', `Tệp “${file.name}” không có dữ liệu nào. Kiểm tra lại xem đã chọn đúng tệp chưa.`);
    return ok(this.analyses);
  }

  /** Analyses a sheet again with the officer's choice of encoding for some columns. */
  reanalyse(index: number, choices: readonly (readonly [number, TextEncoding])[]): SheetOverview {
    const sheet = this.original[index];
    if (sheet === undefined) throw new Error(`no sheet ${index}`);
    const { sheet: fixed, analysis } = analyseSheet(sheet, new Map(choices));
    this.fixed[index] = fixed;
    const overview = { ...analysis, index };
    this.analyses[index] = overview;
    return overview;
  }

  read(request: ReadRequest): ReadOutcome {
    const chosen = request.sheets.flatMap((index) => {
      const sheet = this.fixed[index];
      const header = this.analyses[index]?.header;
      return sheet !== undefined && header !== undefined ? [{ sheet, header }] : [];
    });
    const { reads, items } = readSheets(chosen, request.mapping, request.target, request.ctx);
    return { reads: reads.map((r) => ({ sheet: r.sheet, dataRows: r.dataRows, skipped: r.skipped })), items };
  }

  /**
   * The returned rows as a workbook: where each row was (sheet, row), its original cells
   * under the file's own headers, and the reason in a last "Lý do" column. No text goes in
   * longer than an Excel cell holds (EXCEL_CELL_CHARS): a file may carry longer cells than
   * Excel writes, and Excel would refuse (or "repair") a workbook with one.
   */
  async returnedWorkbook(title: string, rows: readonly ReturnedRow[]): Promise<Uint8Array> {
    const bySheet = new Map(this.original.map((s) => [s.name, s]));
    const first = this.analyses.find((a) => rows.some((r) => r.sheet === a.name)) ?? this.analyses[0];
    const headers = first?.header?.columns.map((c) => c.text) ?? [];
    const several = new Set(rows.map((r) => r.sheet)).size > 1;
    type Line = { sheet: string; rowNumber: number; cells: readonly RawCell[]; reason: string };
    const lines: Line[] = rows.flatMap((r) => {
      const sheet = bySheet.get(r.sheet);
      return r.rowNumbers.map((rowNumber, i) => ({
        sheet: r.sheet,
        rowNumber,
        cells: sheet?.rows.find((row) => row.rowNumber === rowNumber)?.cells ?? [],
        reason: i === 0 ? r.reason : `(cùng hồ sơ với dòng ${r.rowNumbers[0] ?? ''})`,
      }));
    });
    const width = Math.max(headers.length, ...lines.map((l) => l.cells.length));
    const columns: ExportColumn<Line>[] = [
      ...(several ? [{ header: 'Trang', width: 14, value: (l: Line) => fitCell(l.sheet) }] : []),
      { header: 'Dòng trong tệp', width: 9, value: (l) => l.rowNumber },
      ...Array.from({ length: width }, (_, c): ExportColumn<Line> => ({
        header: fitCell(headers[c] || `Cột ${columnLetter(c)}`),
        width: 16,
        value: (l) => fitCell(originalValue(l.cells[c] ?? null)),
      })),
      { header: 'Lý do', width: 60, value: (l) => fitCell(l.reason) },
    ];
    return buildTableWorkbook({ sheetName: 'Dòng không nhập được', title: fitCell(title), columns, rows: lines });
  }
}

/** The most text an Excel cell holds (UTF-16 units). */
export const EXCEL_CELL_CHARS = 32_767;

/** A value as an Excel cell can hold it: a longer text cut, ending in "…". */
function fitCell<T extends string | number>(value: T): T | string {
  return typeof value === 'string' ? cutText(value, EXCEL_CELL_CHARS) : value;
}

/** A cell as the file held it: numbers stay numbers, dates as the officer reads them. */
function originalValue(cell: RawCell): string | number {
  if (typeof cell === 'number') return cell;
  if (typeof cell === 'string') return cell;
  if (cell === null) return '';
  return isSerialDate(cell) || typeof cell === 'boolean' ? cellText(cell) : '';
}

export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
