/**
 * Finding the table in a hand-made sheet: title rows above it ("CÔNG AN XÃ …",
 * "DANH SÁCH HỘI VIÊN …"), a header on one row or on two rows with merged cells
 * (a parent "Năm sinh" over "Nam | Nữ"), sometimes a row of column numbers
 * "(1) (2) (3)" under it.
 */
import { err, ok, type Result } from '../result';
import { bestField, headerKey, sexWord } from './fields';
import { cellGrid, cellText, sheetWidth, type CellGrid, type Sheet, type SheetRow } from './sheet-model';

export type HeaderColumn = {
  /** 0-based column (0 = A) */
  readonly index: number;
  /** the header texts from top to bottom, without repeats: ['Năm sinh', 'Nam'] */
  readonly parts: readonly string[];
  /** parts joined: 'Năm sinh / Nam' ('' for a column without a header) */
  readonly text: string;
};

export type DetectedHeader = {
  /** first and last header row, as Excel shows them */
  readonly top: number;
  readonly bottom: number;
  /** the row of column numbers "(1) (2) (3)" under the header, when there is one */
  readonly numberingRow?: number;
  /** the first row that may hold data */
  readonly dataStart: number;
  readonly columns: readonly HeaderColumn[];
};

/** Header rows are looked for in rows 1–15. */
export const MAX_HEADER_ROW = 15;
/** A header cell counts when it names a field at least this well. */
const HEADER_CELL_SCORE = 0.7;

/** How many cells of a row read as column headers. */
export function headerCellCount(texts: readonly string[]): number {
  let count = 0;
  for (const text of texts) {
    const best = bestField(headerKey(text));
    if (best !== undefined && best.score >= HEADER_CELL_SCORE) count++;
  }
  return count;
}

function rowTexts(grid: CellGrid, rowNumber: number, width: number): string[] {
  return Array.from({ length: width }, (_, c) => cellText(grid.value(rowNumber, c)));
}

/** "1 2 3 4 …" or "(1) (2) (3) …": at least three increasing small numbers and nothing else. */
export function isNumberingRow(texts: readonly string[]): boolean {
  const filled = texts.filter((t) => t !== '');
  if (filled.length < 3) return false;
  let previous = 0;
  for (const t of filled) {
    const m = /^\(?(\d{1,2})\)?$/.exec(t);
    if (!m) return false;
    const n = Number(m[1]);
    if (n <= previous) return false;
    previous = n;
  }
  return true;
}

/** Whether the row under a one-row header candidate continues the header. */
function isSubHeader(sheet: Sheet, top: number, below: SheetRow | undefined, width: number): boolean {
  if (below === undefined || below.rowNumber !== top + 1) return false;
  const own = Array.from({ length: width }, (_, c) => cellText(below.cells[c] ?? null));
  if (own.every((t) => t === '') || isNumberingRow(own)) return false;
  const vertical = sheet.merges.some((m) => m.top === top && m.bottom > top);
  const groupOverFilled = sheet.merges.some(
    (m) => m.top === top && m.bottom === top && m.right > m.left && own.slice(m.left - 1, m.right).some((t) => t !== ''),
  );
  if (vertical || groupOverFilled) return true;
  // Without merges (a CSV): a row of header words only ("Nam", "Nữ", "Ngày cấp"…).
  const filled = own.filter((t) => t !== '');
  if (filled.some((t) => /\d/.test(t))) return false;
  const isHeaderWord = (t: string): boolean => sexWord(headerKey(t)) !== undefined || headerCellCount([t]) > 0;
  return filled.every(isHeaderWord);
}

function joinParts(parents: readonly string[], children: readonly string[] | undefined): HeaderColumn[] {
  const columns: HeaderColumn[] = [];
  let group = '';
  parents.forEach((parentText, index) => {
    const child = children?.[index] ?? '';
    let parent = parentText;
    // A parent typed once over several child columns (no merge, e.g. a CSV): carry it right.
    if (parent === '' && child !== '' && group !== '') parent = group;
    else group = parent !== '' && child !== '' && child !== parent ? parent : '';
    const parts = [...new Set([parent, child].filter((t) => t !== ''))];
    columns.push({ index, parts, text: parts.join(' / ') });
  });
  return columns;
}

/**
 * The table's header: the row among the first 15 with the most cells that read as
 * known column names (at least two), plus the row under it when it continues the
 * header (merged cells, or a row of words such as "Nam | Nữ" under "Năm sinh").
 */
export function findHeader(sheet: Sheet, opts: { maxRow?: number } = {}): Result<DetectedHeader, 'no_header'> {
  const maxRow = opts.maxRow ?? MAX_HEADER_ROW;
  const width = sheetWidth(sheet);
  const grid = cellGrid(sheet);
  let best: { index: number; count: number } | undefined;
  sheet.rows.forEach((row, index) => {
    if (row.rowNumber > maxRow) return;
    const count = headerCellCount(rowTexts(grid, row.rowNumber, width));
    if (count >= 2 && (best === undefined || count > best.count)) best = { index, count };
  });
  const found = best === undefined ? undefined : sheet.rows[best.index];
  if (best === undefined || found === undefined) {
    return err(
      'no_header',
      `Không tìm thấy dòng tiêu đề của bảng trong ${maxRow} dòng đầu của trang "${sheet.name}" (cần các cột như "Họ và tên", "Ngày sinh", "Số định danh").`,
    );
  }
  // The best row may be the lower half of a two-row header (a merged parent row above it).
  const above = sheet.rows[best.index - 1];
  const startsAbove =
    above !== undefined &&
    above.rowNumber === found.rowNumber - 1 &&
    sheet.merges.some((m) => m.top === above.rowNumber && m.bottom >= found.rowNumber);
  const topIndex = startsAbove ? best.index - 1 : best.index;
  const top = startsAbove ? found.rowNumber - 1 : found.rowNumber;
  const twoRows = isSubHeader(sheet, top, sheet.rows[topIndex + 1], width);
  const bottom = twoRows ? top + 1 : top;
  const columns = joinParts(rowTexts(grid, top, width), twoRows ? rowTexts(grid, bottom, width) : undefined);
  const next = sheet.rows.find((r) => r.rowNumber === bottom + 1);
  const numbering = next !== undefined && isNumberingRow(rowTexts(grid, next.rowNumber, width));
  return ok({
    top,
    bottom,
    ...(numbering ? { numberingRow: bottom + 1 } : {}),
    dataStart: bottom + (numbering ? 2 : 1),
    columns,
  });
}
