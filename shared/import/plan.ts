/**
 * From read rows to what an import will do: each row classified against the records
 * already in the target (new, update, duplicate within the file, rejected), vehicle
 * plates/frames/engines checked against other declarations and the rest of the file,
 * and the officer's choice for updates turned into the four counts the summary shows.
 *
 * Every function here is pure: the repository passes in what the database holds.
 */
import { declarationKeys } from '../domain/vehicles';
import { searchKey } from '../text/normalize';
import { classifyRows, matchKey, type Candidate, type Classified, type ExistingRecords, type ImportCounts, type Rejected } from './rows';

/** A read item with the sheet it came from (an import may take several sheets of one layout). */
export type SheetItem = { readonly sheet: string; readonly item: Candidate | Rejected };

export type ReviewedRow = Classified & { readonly sheet: string };

export type Review = { readonly rows: readonly ReviewedRow[]; readonly counts: ImportCounts };

/** What a plate, frame or engine key already belongs to in the database. */
export type KnownVehicleKey = { readonly declarationId: string; readonly owner: string };

/** `${index}:${key}` → the declaration holding it; index is plateKeys, frameKeys or engineKeys. */
export type KnownVehicleKeys = ReadonlyMap<string, KnownVehicleKey>;

const KEY_LABELS = [
  ['plateKeys', 'Biển số'],
  ['frameKeys', 'Số khung'],
  ['engineKeys', 'Số máy'],
] as const;

export type UpdateChoice = 'update' | 'skip';

/** The four outcomes of an import, in rows; they add up to `rows`. */
export type ImportTotals = {
  readonly imported: number;
  readonly updated: number;
  readonly skipped: number;
  readonly rejected: number;
  readonly rows: number;
};

export function countRows(rows: readonly Classified[]): ImportCounts {
  const counts = { new: 0, update: 0, duplicate: 0, rejected: 0, rows: 0 };
  for (const row of rows) {
    const size = (row.kind === 'rejected' ? row.rejected : row.candidate).rowNumbers.length;
    counts[row.kind] += size;
    counts.rows += size;
  }
  return counts;
}

/** The vehicle keys of a candidate declaration, by index. */
export function candidateVehicleKeys(candidate: Candidate): ReturnType<typeof declarationKeys> {
  return candidate.value.family === 'vehicles' ? declarationKeys(candidate.value.vehicles) : { plateKeys: [], frameKeys: [], engineKeys: [] };
}

/**
 * Rejects vehicle declarations holding a plate, frame or engine number that another
 * declaration already has — in the database (other than the one this row updates) or
 * on an earlier row of the file — naming where it is, as the entry form does.
 */
export function rejectVehicleClashes(rows: readonly ReviewedRow[], known: KnownVehicleKeys): ReviewedRow[] {
  const seen = new Map<string, number>();
  return rows.map((row) => {
    if (row.kind !== 'new' && row.kind !== 'update') return row;
    const { candidate } = row;
    const keys = candidateVehicleKeys(candidate);
    const first = candidate.rowNumbers[0] ?? 0;
    const reasons: string[] = [];
    for (const [index, label] of KEY_LABELS) {
      for (const key of keys[index]) {
        const held = known.get(`${index}:${key}`);
        if (held !== undefined && !(row.kind === 'update' && held.declarationId === row.recordId)) {
          reasons.push(`Dòng ${first}: ${label} ${key} đã có trong tờ khai của ${held.owner}.`);
        }
        const earlier = seen.get(`${index}:${key}`);
        if (earlier !== undefined) reasons.push(`Dòng ${first}: ${label} ${key} trùng với dòng ${earlier}.`);
      }
    }
    if (reasons.length > 0) return { kind: 'rejected', sheet: row.sheet, rejected: { kind: 'rejected', rowNumbers: candidate.rowNumbers, reasons } };
    for (const [index] of KEY_LABELS) for (const key of keys[index]) seen.set(`${index}:${key}`, first);
    return row;
  });
}

/**
 * Vehicles: an owner written again further down the list (or on another sheet) with another
 * vehicle is the same declaration — the later rows join the first, with a note. Rows whose name
 * differs under the same ID stay apart (and are then duplicates) for the officer to look at.
 */
export function mergeRepeatedOwners(items: readonly SheetItem[]): SheetItem[] {
  const out: SheetItem[] = [];
  const first = new Map<string, number>();
  for (const entry of items) {
    const { item } = entry;
    if (item.kind !== 'candidate' || item.value.family !== 'vehicles') {
      out.push(entry);
      continue;
    }
    const key = matchKey(item);
    const at = key === '' ? undefined : first.get(key);
    const earlier = at === undefined ? undefined : out[at];
    if (at === undefined || earlier === undefined || earlier.item.kind !== 'candidate' || earlier.item.value.family !== 'vehicles' || searchKey(earlier.item.value.person.fullName) !== searchKey(item.value.person.fullName)) {
      if (key !== '' && at === undefined) first.set(key, out.length);
      out.push(entry);
      continue;
    }
    const into = earlier.item;
    const intoValue = earlier.item.value;
    const row = item.rowNumbers[0] ?? 0;
    const where = entry.sheet === earlier.sheet ? `dòng ${into.rowNumbers[0] ?? ''}` : `dòng ${into.rowNumbers[0] ?? ''} trang ${earlier.sheet}`;
    out[at] = {
      sheet: earlier.sheet,
      item: {
        ...into,
        rowNumbers: [...into.rowNumbers, ...item.rowNumbers],
        value: { ...intoValue, vehicles: [...intoValue.vehicles, ...item.value.vehicles] },
        notes: [...into.notes, ...item.notes, `Dòng ${row}: cùng chủ xe với ${where}, gộp vào một tờ khai.`],
      },
    };
  }
  return out;
}

/** Classifies the read items of every chosen sheet together, so a person on two sheets is a duplicate. */
export function reviewItems(read: readonly SheetItem[], existing: ExistingRecords, known: KnownVehicleKeys = new Map()): Review {
  const items = mergeRepeatedOwners(read);
  const { rows } = classifyRows(
    items.map((i) => i.item),
    existing,
  );
  // a duplicate of a row on another sheet says which sheet
  const firstSheet = new Map<string, string>();
  const withSheets = rows.map((row, i): ReviewedRow => {
    const sheet = items[i]?.sheet ?? '';
    if (row.kind === 'rejected') return { ...row, sheet };
    const key = matchKey(row.candidate);
    if (row.kind !== 'duplicate') {
      if (key !== '' && !firstSheet.has(key)) firstSheet.set(key, sheet);
      return { ...row, sheet };
    }
    const other = firstSheet.get(key);
    return { ...row, sheet, ...(other !== undefined && other !== sheet ? { message: `${row.message.replace(/\.$/, '')} trang ${other}.` } : {}) };
  });
  const checked = known.size > 0 || items.some((i) => i.item.kind === 'candidate' && i.item.value.family === 'vehicles') ? rejectVehicleClashes(withSheets, known) : withSheets;
  return { rows: checked, counts: countRows(checked) };
}

/** The summary the officer will see: duplicates, and updates they chose to skip, are skipped rows. */
export function importTotals(counts: ImportCounts, updates: UpdateChoice): ImportTotals {
  return {
    imported: counts.new,
    updated: updates === 'update' ? counts.update : 0,
    skipped: counts.duplicate + (updates === 'skip' ? counts.update : 0),
    rejected: counts.rejected,
    rows: counts.rows,
  };
}

/** Two reviews classify every row the same way (the database did not change in between). */
export function sameReview(a: Review, b: Review): boolean {
  if (a.rows.length !== b.rows.length) return false;
  return a.rows.every((row, i) => {
    const other = b.rows[i];
    if (other === undefined || other.kind !== row.kind) return false;
    return row.kind !== 'update' || (other.kind === 'update' && other.recordId === row.recordId);
  });
}
