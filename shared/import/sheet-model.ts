/**
 * The input of an import: one worksheet as read from a file (.xlsx through an exceljs
 * adapter, or .csv). Pure data, no exceljs types, so every rule below can be tested
 * with literal sheets.
 *
 * Conventions the adapters must follow:
 * - `rows` holds the rows that exist in the file, in order; `rowNumber` is the number
 *   Excel shows (1-based). Rows that are missing from the file are simply absent.
 * - `cells[0]` is column A. Trailing empty cells may be left out.
 * - A merged range keeps its value in its top-left cell only; the other cells of the
 *   range are null (exceljs repeats the master value — the adapter drops it).
 * - `merges` use Excel numbering: rows as `rowNumber`, columns 1-based (A = 1).
 * - Cells formatted as dates arrive as `{ serialDate }` (Excel 1900 serial; a JS Date is
 *   converted by the adapter). Everything else arrives as typed: a CCCD typed as a
 *   number is a number.
 */
import { excelSerialToIsoDate, formatDay } from '../dates/partial-date';
import { tidyText } from '../text/normalize';

export type SerialDate = { readonly serialDate: number };

export type RawCell = string | number | boolean | SerialDate | null;

export type SheetRow = {
  readonly rowNumber: number;
  readonly hidden: boolean;
  readonly cells: readonly RawCell[];
};

/** A merged range, Excel numbering (rows as shown, columns from 1). */
export type MergeRange = { readonly top: number; readonly left: number; readonly bottom: number; readonly right: number };

export type Sheet = {
  readonly name: string;
  readonly hidden?: boolean;
  readonly rows: readonly SheetRow[];
  readonly merges: readonly MergeRange[];
};

export function isSerialDate(cell: RawCell): cell is SerialDate {
  return typeof cell === 'object' && cell !== null;
}

/**
 * A cell as the officer reads it: text tidied, whole numbers without exponent or
 * thousands separators, dates as dd/mm/yyyy, booleans as "x" / "".
 * Tidying drops the soft hyphen, which is TCVN3's "ư": legacy-encoded columns
 * must be converted (legacy-encoding.ts) on the raw strings before this runs.
 */
export function cellText(cell: RawCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return tidyText(cell);
  if (typeof cell === 'boolean') return cell ? 'x' : '';
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return '';
    return Number.isInteger(cell) ? cell.toFixed(0) : String(cell);
  }
  const iso = excelSerialToIsoDate(cell.serialDate);
  return iso === null ? String(cell.serialDate) : formatDay(iso);
}

export function isBlankCell(cell: RawCell | undefined): boolean {
  return cellText(cell) === '';
}

export function isBlankRow(row: SheetRow): boolean {
  return row.cells.every(isBlankCell);
}

/** The number of columns the sheet uses (the widest row, or the rightmost merge). */
export function sheetWidth(sheet: Sheet): number {
  let width = 0;
  for (const row of sheet.rows) width = Math.max(width, row.cells.length);
  for (const m of sheet.merges) width = Math.max(width, m.right);
  return width;
}

/** Finds, for a (rowNumber, 0-based column), the merged range covering it, if any. */
export type MergeLookup = (rowNumber: number, column: number) => MergeRange | undefined;

export function mergeLookup(sheet: Pick<Sheet, 'merges'>): MergeLookup {
  if (sheet.merges.length === 0) return () => undefined;
  // a number per cell (rows × Excel's 16,384 columns stays far below 2^53): no string built per look-up
  const key = (rowNumber: number, column: number): number => rowNumber * 16_384 + column;
  const byCell = new Map<number, MergeRange>();
  for (const m of sheet.merges) {
    // Guard against absurd ranges (a whole column merged): index cell by cell only when small.
    const cells = (m.bottom - m.top + 1) * (m.right - m.left + 1);
    if (cells > 100_000) continue;
    for (let r = m.top; r <= m.bottom; r++) {
      for (let c = m.left; c <= m.right; c++) byCell.set(key(r, c - 1), m);
    }
  }
  return (rowNumber, column) => byCell.get(key(rowNumber, column));
}

/**
 * A sheet's cell values with merged ranges filled in: every cell of a range gets the
 * top-left value. `coveredFromAbove` tells whether a cell only repeats a value from a
 * row above (the cell lies in a merge that started in an earlier row).
 */
export type CellGrid = {
  value(rowNumber: number, column: number): RawCell;
  /** the merged range covering a cell, if any */
  readonly mergeAt: MergeLookup;
  coveredFromAbove(rowNumber: number, column: number): boolean;
};

export function cellGrid(sheet: Sheet): CellGrid {
  const rows = new Map(sheet.rows.map((r) => [r.rowNumber, r]));
  const merge = mergeLookup(sheet);
  const own = (rowNumber: number, column: number): RawCell => rows.get(rowNumber)?.cells[column] ?? null;
  return {
    mergeAt: merge,
    value(rowNumber, column) {
      const m = merge(rowNumber, column);
      return m ? own(m.top, m.left - 1) : own(rowNumber, column);
    },
    coveredFromAbove(rowNumber, column) {
      const m = merge(rowNumber, column);
      return m !== undefined && m.top < rowNumber;
    },
  };
}
