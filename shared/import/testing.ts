/** Test helpers: literal sheets for the import tests (not used by the app). */
import type { MergeRange, RawCell, Sheet } from './sheet-model';

/** rows[0] is Excel row `firstRow` (1 by default); `hidden` lists Excel row numbers. */
export function sheetOf(
  rows: readonly (readonly RawCell[])[],
  opts: { merges?: readonly MergeRange[]; hidden?: readonly number[]; firstRow?: number; name?: string } = {},
): Sheet {
  const first = opts.firstRow ?? 1;
  return {
    name: opts.name ?? 'Sheet1',
    rows: rows.map((cells, i) => ({ rowNumber: first + i, hidden: opts.hidden?.includes(first + i) ?? false, cells })),
    merges: opts.merges ?? [],
  };
}
