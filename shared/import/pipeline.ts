/**
 * The steps between a read sheet and its rows, in the order the import runs them:
 * 1. legacy encodings: each column typed in TCVN3 or VNI is detected on a sample of its
 *    texts and converted whole, before anything else looks at it (headers included);
 * 2. the header: where the table starts and what each column is called;
 * 3. (the officer confirms the column mapping; see columns.ts)
 * 4. the rows of every chosen sheet read with that mapping (rows.ts).
 * Pure, so it runs the same in a Web Worker, on the main thread and in tests.
 */
import { detectLegacyEncoding, fixLegacyColumn, isVietnameseSyllable, type LegacyColumnFix, type LegacyEncoding, type TextEncoding } from './legacy-encoding';
import { findHeader, type DetectedHeader } from './header';
import { headerSignature, type ColumnMapping } from './columns';
import { readRows, type ImportTarget, type ReadResult, type RowContext } from './rows';
import type { SheetItem } from './plan';
import { cellText, isBlankRow, sheetWidth, type RawCell, type Sheet } from './sheet-model';

/** Texts looked at per column to decide its encoding. */
const DETECTION_SAMPLE = 2000;

export type ColumnEncoding = {
  /** 0-based column */
  readonly column: number;
  readonly encoding: LegacyEncoding;
  readonly confidence: number;
  /** cells converted */
  readonly changed: number;
  readonly examples: readonly { readonly rowNumber: number; readonly before: string; readonly after: string }[];
};

/**
 * Converts the columns typed in a legacy encoding to Unicode. `choices` overrides the
 * detection per column (the officer said "this column is TCVN3" or "leave it").
 */
export function fixLegacySheet(sheet: Sheet, choices: ReadonlyMap<number, TextEncoding> = new Map()): { sheet: Sheet; columns: ColumnEncoding[] } {
  const width = sheetWidth(sheet);
  const columns: ColumnEncoding[] = [];
  const replaced = new Map<number, Map<number, string>>();
  const texts = Array.from({ length: width }, (_, column) => columnTexts(sheet, column));
  /** Converts a column when `accept` agrees with the result. */
  const convert = (column: number, encoding: LegacyEncoding, confidence: number, accept: (fix: LegacyColumnFix) => boolean): void => {
    const { at, values: before } = texts[column] ?? { at: [], values: [] };
    const fix = fixLegacyColumn(before, { encoding });
    if (fix.changed === 0 || !accept(fix)) return;
    const values = new Map<number, string>();
    fix.values.forEach((value, k) => {
      if (value !== before[k]) values.set(at[k] ?? -1, value);
    });
    replaced.set(column, values);
    columns.push({
      column,
      encoding,
      confidence,
      changed: fix.changed,
      examples: fix.examples.map((e) => ({ rowNumber: sheet.rows[at[e.index] ?? 0]?.rowNumber ?? 0, before: e.before, after: e.after })),
    });
  };
  for (let column = 0; column < width; column++) {
    const sample = texts[column]?.values.slice(0, DETECTION_SAMPLE) ?? [];
    if (sample.length === 0) continue;
    const chosen = choices.get(column);
    const detected = chosen === undefined ? detectLegacyEncoding(sample) : { encoding: chosen, confidence: 1 };
    if (detected.encoding !== 'unicode') convert(column, detected.encoding, detected.confidence, () => true);
  }
  // A sheet typed in an old encoding is usually typed in it throughout: a column with too few words to
  // decide on its own (the header of a column of numbers, "N¨m sinh") follows the sheet's encoding when
  // every word its conversion changes becomes a Vietnamese syllable.
  const sheetEncoding = mostCommon(columns.map((c) => c.encoding));
  if (sheetEncoding !== undefined) {
    for (let column = 0; column < width; column++) {
      if (replaced.has(column) || choices.has(column)) continue;
      const before = texts[column]?.values ?? [];
      convert(column, sheetEncoding, 1, (fix) => fix.values.every((after, k) => convertsCleanly(before[k] ?? '', after)));
    }
    columns.sort((a, b) => a.column - b.column);
  }
  if (replaced.size === 0) return { sheet, columns };
  const rows = sheet.rows.map((row, i) => {
    let cells: RawCell[] | undefined;
    for (const [column, values] of replaced) {
      const value = values.get(i);
      if (value === undefined) continue;
      cells ??= [...row.cells];
      cells[column] = value;
    }
    return cells === undefined ? row : { ...row, cells };
  });
  return { sheet: { ...sheet, rows }, columns };
}

/** A column's texts (raw strings, blanks left out) and the indexes of the rows they are on. */
function columnTexts(sheet: Sheet, column: number): { at: number[]; values: string[] } {
  const at: number[] = [];
  const values: string[] = [];
  sheet.rows.forEach((row, i) => {
    const cell = row.cells[column];
    if (typeof cell === 'string' && cell.trim() !== '') {
      at.push(i);
      values.push(cell);
    }
  });
  return { at, values };
}

function mostCommon<T>(values: readonly T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: T | undefined;
  for (const [v, n] of counts) if (best === undefined || n > (counts.get(best) ?? 0)) best = v;
  return best;
}

/** Every word the conversion changed became a Vietnamese syllable (and something changed). */
function convertsCleanly(before: string, after: string): boolean {
  if (before === after) return true;
  const words = (t: string) => t.split(/[\s\d.,;:()/\\-]+/u).filter(Boolean);
  const old = new Set(words(before.normalize('NFC')));
  return words(after).every((w) => old.has(w) || isVietnameseSyllable(w));
}

/** What the preview shows about one sheet before the mapping is confirmed. */
export type SheetAnalysis = {
  readonly name: string;
  readonly hidden: boolean;
  /** rows that exist in the sheet (title and header included) */
  readonly rowCount: number;
  readonly header?: DetectedHeader;
  readonly signature: string;
  /** why no header was found, in Vietnamese */
  readonly problem?: string;
  readonly legacy: readonly ColumnEncoding[];
  /** the texts of the first few data rows, column by column, to show beside the mapping */
  readonly samples: readonly (readonly string[])[];
};

const SAMPLE_ROWS = 3;

function samplesOf(sheet: Sheet, header: DetectedHeader): string[][] {
  const out: string[][] = header.columns.map(() => []);
  let taken = 0;
  for (const row of sheet.rows) {
    if (row.rowNumber < header.dataStart || isBlankRow(row)) continue;
    header.columns.forEach((column, i) => out[i]?.push(cellText(row.cells[column.index] ?? null)));
    if (++taken >= SAMPLE_ROWS) break;
  }
  return out;
}

export function analyseSheet(sheet: Sheet, choices?: ReadonlyMap<number, TextEncoding>): { sheet: Sheet; analysis: SheetAnalysis } {
  const fixed = fixLegacySheet(sheet, choices);
  const found = findHeader(fixed.sheet);
  const base = { name: sheet.name, hidden: sheet.hidden === true, rowCount: sheet.rows.length, legacy: fixed.columns };
  if (!found.ok) return { sheet: fixed.sheet, analysis: { ...base, signature: '', problem: found.message, samples: [] } };
  const header = found.value;
  return { sheet: fixed.sheet, analysis: { ...base, header, signature: headerSignature(header.columns), samples: samplesOf(fixed.sheet, header) } };
}

export type SheetRead = ReadResult & { readonly sheet: string };

/** Reads every chosen sheet (already fixed and analysed) with one mapping. */
export function readSheets(
  sheets: readonly { readonly sheet: Sheet; readonly header: DetectedHeader }[],
  mapping: readonly ColumnMapping[],
  target: ImportTarget,
  ctx: RowContext,
): { reads: SheetRead[]; items: SheetItem[] } {
  const reads = sheets.map(({ sheet, header }) => ({ ...readRows(sheet, header, mapping, target, ctx), sheet: sheet.name }));
  const items = reads.flatMap((r) => r.items.map((item) => ({ sheet: r.sheet, item })));
  return { reads, items };
}
