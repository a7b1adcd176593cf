/**
 * Filtering a list of records in memory. The list is loaded through an index
 * (one list at a time), and every record carries its search keys computed on
 * write, so a filter pass is a few string comparisons per record — no
 * normalisation at read time.
 */
import { searchKey } from '../text/normalize';
import type { IsoDate, PersonFields, ProgressFields, ProgressStatus, SearchKeys, Stamp } from '../domain/types';

export type FilterableRecord = PersonFields & SearchKeys & ProgressFields & Stamp;

export type RecordFilter = {
  query: string;
  hamletId: string;
  status: ProgressStatus | '';
  flaggedOnly: boolean;
  /** who created the record */
  officerId: string;
  /** statusDate range, inclusive; '' = open */
  from: IsoDate | '';
  to: IsoDate | '';
  /** show the deleted records instead of the live ones */
  deleted: boolean;
};

export const EMPTY_FILTER: RecordFilter = {
  query: '',
  hamletId: '',
  status: '',
  flaggedOnly: false,
  officerId: '',
  from: '',
  to: '',
  deleted: false,
};

export type CompiledQuery =
  | { kind: 'none' }
  | { kind: 'digits'; digits: string; code?: string }
  | { kind: 'text'; key: string; code?: string };

/** A query as a plate / frame / engine key: upper-case letters and digits only. */
const codeKey = (s: string): string => s.normalize('NFC').toUpperCase().replace(/[\s.-]/g, '');

/**
 * "nguyễn văn a" → text 'nguyen van a'; "001 089" → digits '001089'; a phone typed
 * in its international form "+84 912" → digits '0912', as phones are stored.
 */
export function compileQuery(query: string): CompiledQuery {
  const trimmed = query.trim();
  if (!trimmed) return { kind: 'none' };
  if (/^[\d\s.+-]+$/.test(trimmed)) {
    let digits = trimmed.replace(/\D/g, '');
    if (/^\+\s*84/.test(trimmed)) {
      // '+84 912…' and the mixed '+84 0912…' both mean '0912…'
      const national = digits.slice(2);
      digits = national.startsWith('0') ? national : `0${national}`;
    }
    if (digits) return { kind: 'digits', digits, code: codeKey(trimmed) };
  }
  const key = searchKey(trimmed);
  return key ? { kind: 'text', key, code: codeKey(trimmed) } : { kind: 'none' };
}

/**
 * Codes a record is also found by (plates, frame and engine numbers), as
 * upper-case keys without separators: "59-X1 234" finds plate key "59X123456".
 */
export type ExtraKeys<T> = (record: T) => readonly string[];

function matchesExtra(keys: readonly string[], q: CompiledQuery): boolean {
  if (q.kind === 'none' || !q.code || q.code.length < 2) return false;
  for (const k of keys) if (k.includes(q.code)) return true;
  return false;
}

export function matchesQuery(record: FilterableRecord, q: CompiledQuery): boolean {
  switch (q.kind) {
    case 'none':
      return true;
    case 'digits':
      return record.personalId.includes(q.digits) || record.oldId.includes(q.digits) || record.phone.includes(q.digits);
    case 'text':
      return record.searchName.includes(q.key);
  }
}

export function filterRecords<T extends FilterableRecord>(records: readonly T[], filter: RecordFilter, extraKeys?: ExtraKeys<T>): T[] {
  const q = compileQuery(filter.query);
  const out: T[] = [];
  for (const r of records) {
    if (Boolean(r.deletedAt) !== filter.deleted) continue;
    if (filter.hamletId && r.hamletId !== filter.hamletId) continue;
    if (filter.status && r.status !== filter.status) continue;
    if (filter.flaggedOnly && !r.idFlagged) continue;
    if (filter.officerId && r.createdBy !== filter.officerId) continue;
    if (filter.from && r.statusDate < filter.from) continue;
    if (filter.to && r.statusDate > filter.to) continue;
    if (!matchesQuery(r, q) && !(extraKeys && matchesExtra(extraKeys(r), q))) continue;
    out.push(r);
  }
  return out;
}

export type StatusCounts = Record<ProgressStatus, number> & { total: number; flagged: number };

export function countByStatus(records: readonly FilterableRecord[]): StatusCounts {
  const counts: StatusCounts = { total: 0, flagged: 0, received: 0, entered: 0, approved: 0, failed: 0 };
  for (const r of records) {
    counts.total++;
    counts[r.status]++;
    if (r.idFlagged) counts.flagged++;
  }
  return counts;
}
