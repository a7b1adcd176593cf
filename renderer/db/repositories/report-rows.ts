/**
 * The record lists of a report, read from the database: every list a report
 * can show (a member list, labour, vehicles, a DC01 category), the records it
 * lists as of the period end in entry order, as rows of cells. The built-in
 * workbook's detail sheets and a template's `{{#rows <set>}}` tables read them.
 *
 * Records are read in pages, each its own short read, mapped to their cells at
 * once and dropped, so a quarter of a million records never sit in memory
 * whole; the small rows are then sorted into entry order. Several lists of one
 * table (all member lists, all DC01 categories) are read in one pass over it.
 */
import type { Table } from 'dexie';
import type { Dc01Case, Dc01Category, LabourRecord, MemberList, MemberRecord, VehicleDeclaration } from '../../../shared/domain/types';
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
  type Listed,
  type NameLookup,
} from '../../../shared/report/detail';
import type { AppDatabase } from '../database';
import type { RepoContext } from './context';

/** The columns a row set's sheet or `{{item.<key>}}` may use. */
export type RowSetColumn = Pick<DetailColumn<unknown>, 'key' | 'header' | 'width' | 'kind'>;

type SourceTable = 'members' | 'labour' | 'declarations' | 'dc01Cases';
type Keyed = { id: string; createdAt: string };

export type RowSet = {
  /** 'members.<listKey>' | 'labour' | 'vehicles' | 'dc01.<categoryKey>' */
  readonly key: string;
  readonly label: string;
  /** the family's records table */
  readonly table: SourceTable;
  readonly columns: readonly RowSetColumn[];
  /** the rows of `period`, in entry order; `onProgress` gets records read so far */
  readonly read: (period: Period, names: NameLookup, onProgress?: (read: number) => void) => Promise<CellValue[][]>;
};

/** How a set finds and lays out its records (kept beside the public RowSet). */
type SetSource = {
  table: SourceTable;
  /** only the records whose `field` equals `value` (a list, a category); all of the table otherwise */
  match?: { field: 'listKey' | 'categoryKey'; value: string };
  rowsOf: (record: never, period: Period, names: NameLookup) => CellValue[][];
};

const PAGE = 5000;
const sources = new WeakMap<RowSet, SetSource>();

type Kept = { at: string; id: string; rows: CellValue[][] };
const byEntry = (a: Kept, b: Kept) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const flatten = (kept: Kept[]): CellValue[][] => kept.sort(byEntry).flatMap((k) => k.rows);

/** Every record of `table` (or of `ids`), page by page, each page its own short read. */
async function eachPage<R extends Keyed>(table: Table<R, string>, visit: (page: R[]) => void, ids?: readonly string[]): Promise<void> {
  if (ids) {
    for (let from = 0; from < ids.length; from += PAGE) {
      const page = await table.bulkGet(ids.slice(from, from + PAGE) as string[]);
      visit(page.filter((r): r is R => r !== undefined));
    }
    return;
  }
  let after: string | undefined;
  for (;;) {
    const page = await (after === undefined ? table.toCollection() : table.where(':id').above(after)).limit(PAGE).toArray();
    if (page.length === 0) return;
    visit(page);
    after = page[page.length - 1]!.id;
    if (page.length < PAGE) return;
  }
}

function tableOf(db: AppDatabase, name: SourceTable): Table<Keyed, string> {
  return db[name] as unknown as Table<Keyed, string>;
}

/**
 * The rows of every set in `sets`, reading each table once. Returns them by
 * set key, each in entry order. `onProgress` gets the records read so far.
 */
export async function readRowSets(
  db: AppDatabase,
  sets: readonly RowSet[],
  period: Period,
  names: NameLookup,
  onProgress?: (read: number) => void,
): Promise<Map<string, CellValue[][]>> {
  const byTable = new Map<SourceTable, { set: RowSet; source: SetSource; kept: Kept[] }[]>();
  for (const set of sets) {
    const source = sources.get(set);
    if (!source) continue;
    const list = byTable.get(source.table) ?? [];
    list.push({ set, source, kept: [] });
    byTable.set(source.table, list);
  }
  let read = 0;
  for (const [table, wanted] of byTable) {
    // Sets of one table split it by a field (list, category), or take it whole.
    const byValue = new Map<string, (typeof wanted)[number]>();
    const whole = wanted.filter((w) => !w.source.match);
    for (const w of wanted) if (w.source.match) byValue.set(w.source.match.value, w);
    const field = wanted.find((w) => w.source.match)?.source.match?.field;
    const visit = (page: Keyed[]) => {
      for (const record of page) {
        const targets = field ? [byValue.get((record as unknown as Record<string, string>)[field]!)] : whole;
        for (const target of targets) {
          if (!target) continue;
          const rows = target.source.rowsOf(record as never, period, names);
          if (rows.length > 0) target.kept.push({ at: record.createdAt, id: record.id, rows });
        }
      }
      read += page.length;
      onProgress?.(read);
    };
    // One list alone comes through its index; several, or a whole family, in one pass over the table.
    const single = wanted.length === 1 ? wanted[0]!.source.match : undefined;
    const ids = single ? ((await tableOf(db, table).where(single.field).equals(single.value).primaryKeys()) as string[]) : undefined;
    await eachPage(tableOf(db, table), visit, ids);
  }
  const result = new Map<string, CellValue[][]>();
  for (const wanted of byTable.values()) for (const w of wanted) result.set(w.set.key, flatten(w.kept));
  return result;
}

/** One row per record that counts as of the period end, with its status as of then. */
function listedRow<R extends { statusLog: MemberRecord['statusLog']; deletedAt?: string | undefined }>(columns: readonly DetailColumn<Listed<R>>[]) {
  return (r: R, period: Period, names: NameLookup): CellValue[][] => {
    const listed = listedProgress(r, period);
    return listed ? [cellsOf(columns, listed, names)] : [];
  };
}

/** Every row set of the unit's catalogues (hidden lists and categories too). */
export function reportRowSets(ctx: RepoContext, lists: readonly MemberList[], categories: readonly Dc01Category[]): RowSet[] {
  const sets: RowSet[] = [];
  const add = (key: string, label: string, columns: readonly RowSetColumn[], source: SetSource) => {
    const set: RowSet = {
      key,
      label,
      table: source.table,
      columns,
      read: async (period, names, onProgress) => (await readRowSets(ctx.db, [set], period, names, onProgress)).get(key) ?? [],
    };
    sources.set(set, source);
    sets.push(set);
  };
  for (const list of lists) {
    const columns = memberColumns(list);
    add(`members.${list.key}`, list.label, columns, {
      table: 'members',
      match: { field: 'listKey', value: list.key },
      rowsOf: listedRow<MemberRecord>(columns),
    });
  }
  const labour = labourColumns();
  add('labour', 'Thông tin người lao động', labour, {
    table: 'labour',
    rowsOf: listedRow<LabourRecord>(labour),
  });
  const vehicles = vehicleColumns();
  add('vehicles', 'Phương tiện giao thông', vehicles, {
    table: 'declarations',
    rowsOf: (r: VehicleDeclaration, period, names) => listedVehicles(r, period).map((v) => cellsOf(vehicles, v, names)),
  });
  for (const category of categories) {
    const columns = dc01Columns(category);
    add(`dc01.${category.key}`, category.label, columns, {
      table: 'dc01Cases',
      match: { field: 'categoryKey', value: category.key },
      rowsOf: (r: Dc01Case, period, names) => {
        const listed = listedDc01(r, period);
        return listed ? [cellsOf(columns, listed, names)] : [];
      },
    });
  }
  return sets;
}
