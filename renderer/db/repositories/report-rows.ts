/**
 * The record lists of a report, read from the database: every list a report
 * can show (a member list, labour, vehicles, a DC01 category), the records it
 * lists as of the period end in entry order, as rows of cells. The built-in
 * workbook's detail sheets and a template's `{{#rows <set>}}` tables read them.
 *
 * Records are read in primary-key pages (each page its own short read), mapped
 * to their cells at once and dropped, so a quarter of a million records never
 * sit in memory whole; the small rows are then sorted into entry order.
 */
import type { Table } from 'dexie';
import type { Dc01Category, MemberList } from '../../../shared/domain/types';
import type { Period } from '../../../shared/settings/period';
import {
  cellsOf,
  dc01Columns,
  labourColumns,
  listedDc01,
  listedProgress,
  listedVehicles,
  memberColumns,
  vehicleColumns,
  type CellValue,
  type DetailColumn,
  type NameLookup,
} from '../../../shared/report/detail';
import type { RepoContext } from './context';

/** The columns a row set's sheet or `{{item.<key>}}` may use. */
export type RowSetColumn = Pick<DetailColumn<unknown>, 'key' | 'header' | 'width' | 'kind'>;

export type RowSet = {
  /** 'members.<listKey>' | 'labour' | 'vehicles' | 'dc01.<categoryKey>' */
  readonly key: string;
  readonly label: string;
  /** the family's records-table name, for the audit log */
  readonly table: 'members' | 'labour' | 'declarations' | 'dc01Cases';
  readonly columns: readonly RowSetColumn[];
  /** the rows of `period`, in entry order; `onProgress` gets records read so far */
  readonly read: (period: Period, names: NameLookup, onProgress?: (read: number) => void) => Promise<CellValue[][]>;
};

const PAGE = 5000;

type Keyed = { id: string; createdAt: string };

/**
 * Reads `table` (optionally only the records whose `index` equals `value`) in
 * primary-key pages and keeps, per record, the rows `rowsOf` makes of it.
 */
async function readRows<R extends Keyed>(
  table: Table<R, string>,
  where: { index: string; value: string } | undefined,
  rowsOf: (record: R) => CellValue[][],
  onProgress?: (read: number) => void,
): Promise<CellValue[][]> {
  const kept: { at: string; id: string; rows: CellValue[][] }[] = [];
  let after: string | undefined;
  let read = 0;
  for (;;) {
    const base = after === undefined ? table.toCollection() : table.where(':id').above(after);
    const filtered = where ? base.filter((r) => (r as unknown as Record<string, unknown>)[where.index] === where.value) : base;
    // The filter runs while the cursor walks, so a page is PAGE matching records.
    const page = await filtered.limit(PAGE).toArray();
    if (page.length === 0) break;
    for (const record of page) {
      const rows = rowsOf(record);
      if (rows.length > 0) kept.push({ at: record.createdAt, id: record.id, rows });
    }
    read += page.length;
    onProgress?.(read);
    after = page[page.length - 1]!.id;
    if (page.length < PAGE) break;
  }
  kept.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return kept.flatMap((k) => k.rows);
}

/** Every row set of the unit's catalogues (hidden lists and categories too). */
export function reportRowSets(ctx: RepoContext, lists: readonly MemberList[], categories: readonly Dc01Category[]): RowSet[] {
  const { db } = ctx;
  const sets: RowSet[] = [];
  for (const list of lists) {
    const columns = memberColumns(list);
    sets.push({
      key: `members.${list.key}`,
      label: list.label,
      table: 'members',
      columns,
      read: (period, names, onProgress) =>
        readRows(db.members, { index: 'listKey', value: list.key }, (r) => {
          const listed = listedProgress(r, period);
          return listed ? [cellsOf(columns, listed, names)] : [];
        }, onProgress),
    });
  }
  const labour = labourColumns();
  sets.push({
    key: 'labour',
    label: 'Thông tin người lao động',
    table: 'labour',
    columns: labour,
    read: (period, names, onProgress) =>
      readRows(db.labour, undefined, (r) => {
        const listed = listedProgress(r, period);
        return listed ? [cellsOf(labour, listed, names)] : [];
      }, onProgress),
  });
  const vehicles = vehicleColumns();
  sets.push({
    key: 'vehicles',
    label: 'Phương tiện giao thông',
    table: 'declarations',
    columns: vehicles,
    read: (period, names, onProgress) =>
      readRows(db.declarations, undefined, (r) => listedVehicles(r, period).map((v) => cellsOf(vehicles, v, names)), onProgress),
  });
  for (const category of categories) {
    const columns = dc01Columns(category);
    sets.push({
      key: `dc01.${category.key}`,
      label: category.label,
      table: 'dc01Cases',
      columns,
      read: (period, names, onProgress) =>
        readRows(db.dc01Cases, { index: 'categoryKey', value: category.key }, (r) => {
          const listed = listedDc01(r, period);
          return listed ? [cellsOf(columns, listed, names)] : [];
        }, onProgress),
    });
  }
  return sets;
}
