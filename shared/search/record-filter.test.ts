import { describe, it, expect } from 'vitest';
import {
  compileQuery,
  countByStatus,
  EMPTY_FILTER,
  filterRecords,
  matchesQuery,
  type CompiledQuery,
  type FilterableRecord,
  type RecordFilter,
} from './record-filter';
import { personSearchKeys } from '../domain/person';
import type { ProgressStatus } from '../domain/types';

type Rec = FilterableRecord & { id: string };

function rec(
  id: string,
  fullName: string,
  over: Partial<Omit<FilterableRecord, 'searchName' | 'nameWords'>> = {},
): Rec {
  const status: ProgressStatus = over.status ?? 'received';
  const statusDate = over.statusDate ?? '2024-04-01';
  return {
    id,
    fullName,
    birthDate: '1950',
    sex: 'male',
    personalId: '',
    oldId: '',
    phone: '',
    hamletId: 'h1',
    address: '',
    note: '',
    createdAt: '2024-04-01T08:00:00.000Z',
    createdBy: 'officer-1',
    updatedAt: '2024-04-01T08:00:00.000Z',
    updatedBy: 'officer-1',
    status,
    statusDate,
    statusLog: [{ status, date: statusDate, at: `${statusDate}T08:00:00.000Z`, by: 'officer-1' }],
    ...over,
    // search keys computed on write, as the repositories do
    ...personSearchKeys({ fullName }, over.idFlagged ?? false),
  };
}

const RECORDS: Rec[] = [
  rec('a', 'Nguyễn Văn A', { personalId: '001089012345', phone: '0912345678', hamletId: 'h1' }),
  rec('b', 'Trần Thị Đào', {
    oldId: '245123456',
    hamletId: 'h2',
    status: 'entered',
    statusDate: '2024-04-10',
    createdBy: 'officer-2',
  }),
  rec('c', 'Lê Đức Anh', {
    personalId: '056185001234',
    hamletId: 'h1',
    status: 'approved',
    statusDate: '2024-04-20',
    idFlagged: true,
  }),
  rec('d', 'Nguyễn Văn Anh'.normalize('NFD'), {
    phone: '0258382212',
    hamletId: 'h3',
    status: 'failed',
    statusDate: '2024-05-02',
    failReason: 'moved_away',
    createdBy: 'officer-2',
  }),
  rec('e', 'Phạm Văn Đông', {
    hamletId: 'h2',
    status: 'received',
    statusDate: '2024-03-31',
    deletedAt: '2024-04-15T10:00:00.000Z',
    deletedBy: 'officer-1',
  }),
  rec('f', 'Nguyễn Thị Đức', {
    hamletId: 'h1',
    status: 'entered',
    statusDate: '2024-04-10',
    idFlagged: true,
    deletedAt: '2024-04-16T10:00:00.000Z',
    deletedBy: 'officer-2',
  }),
];

const ids = (filter: Partial<RecordFilter>): string[] =>
  filterRecords(RECORDS, { ...EMPTY_FILTER, ...filter }).map((r) => r.id);

describe('compileQuery', () => {
  it.each<[string, CompiledQuery]>([
    ['', { kind: 'none' }],
    ['   ', { kind: 'none' }],
    ['\u200b', { kind: 'none' }],
    ['001089012345', { kind: 'digits', digits: '001089012345' }],
    [' 001 089 ', { kind: 'digits', digits: '001089' }],
    ['001.089.012.345', { kind: 'digits', digits: '001089012345' }],
    ['0912-345-678', { kind: 'digits', digits: '0912345678' }],
    ['0912 345 678', { kind: 'digits', digits: '0912345678' }],
    // a phone searched in its +84 form matches the stored 0… form
    ['+84 912 345 678', { kind: 'digits', digits: '0912345678' }],
    ['+84912', { kind: 'digits', digits: '0912' }],
    ['+84 0912 345 678', { kind: 'digits', digits: '0912345678' }],
    // without the plus, 84… may be the middle of an ID: left as typed
    ['84912', { kind: 'digits', digits: '84912' }],
    ['Nguyễn Văn A', { kind: 'text', key: 'nguyen van a' }],
    ['  NGUYỄN   văn  a ', { kind: 'text', key: 'nguyen van a' }],
    ['Nguyễn Văn A'.normalize('NFD'), { kind: 'text', key: 'nguyen van a' }],
    ['Đức', { kind: 'text', key: 'duc' }],
    ['đ', { kind: 'text', key: 'd' }],
    ['Nguyễn 1950', { kind: 'text', key: 'nguyen 1950' }],
    ['-', { kind: 'text', key: '-' }],
  ])('%j → %j', (query, expected) => {
    expect(compileQuery(query)).toMatchObject(expected);
  });
});

describe('matchesQuery', () => {
  const [a, b] = RECORDS as [Rec, Rec];
  it.each<[string, Rec, CompiledQuery, boolean]>([
    ['none matches anything', a, { kind: 'none' }, true],
    ['digits in the personal ID', a, { kind: 'digits', digits: '089012' }, true],
    ['digits in the phone', a, { kind: 'digits', digits: '345678' }, true],
    ['digits in the old ID', b, { kind: 'digits', digits: '245123' }, true],
    ['digits nowhere', b, { kind: 'digits', digits: '0912' }, false],
    ['text in the name', b, { kind: 'text', key: 'thi dao' }, true],
    ['text not in the name', b, { kind: 'text', key: 'van' }, false],
    ['text never matches the ID', a, { kind: 'text', key: '001' }, false],
  ])('%s', (_name, record, q, expected) => {
    expect(matchesQuery(record, q)).toBe(expected);
  });
});

describe('filterRecords', () => {
  it.each<[string, Partial<RecordFilter>, string[]]>([
    ['the empty filter: every live record, in order', {}, ['a', 'b', 'c', 'd']],
    // tone- and case-insensitive text search
    ['nguyen van a', { query: 'nguyen van a' }, ['a', 'd']],
    ['Nguyễn Văn A', { query: 'Nguyễn Văn A' }, ['a', 'd']],
    ['NGUYEN VAN ANH', { query: 'NGUYEN VAN ANH' }, ['d']],
    ['NFD query', { query: 'Nguyễn Văn Anh'.normalize('NFD') }, ['d']],
    ['d finds đ', { query: 'dao' }, ['b']],
    ['duc', { query: 'duc' }, ['c']],
    ['Đ finds đ', { query: 'Đức' }, ['c']],
    ['part of a word', { query: 'anh' }, ['c', 'd']],
    ['no match', { query: 'hoàng' }, []],
    // digits search the personal ID, old ID and phone
    ['part of a personal ID', { query: '089 012' }, ['a']],
    ['part of an old ID', { query: '245123' }, ['b']],
    ['a phone', { query: '0912.345.678' }, ['a']],
    ['a phone as +84', { query: '+84 912 345 678' }, ['a']],
    ['digits common to several', { query: '12' }, ['a', 'b', 'c', 'd']],
    // the other criteria
    ['hamlet h1', { hamletId: 'h1' }, ['a', 'c']],
    ['hamlet h2', { hamletId: 'h2' }, ['b']],
    ['unknown hamlet', { hamletId: 'h9' }, []],
    ['status received', { status: 'received' }, ['a']],
    ['status entered', { status: 'entered' }, ['b']],
    ['status approved', { status: 'approved' }, ['c']],
    ['status failed', { status: 'failed' }, ['d']],
    ['flagged only', { flaggedOnly: true }, ['c']],
    ['created by officer-2', { officerId: 'officer-2' }, ['b', 'd']],
    ['created by officer-1', { officerId: 'officer-1' }, ['a', 'c']],
    ['from (inclusive)', { from: '2024-04-10' }, ['b', 'c', 'd']],
    ['to (inclusive)', { to: '2024-04-10' }, ['a', 'b']],
    ['from and to', { from: '2024-04-02', to: '2024-04-20' }, ['b', 'c']],
    ['a single day', { from: '2024-04-20', to: '2024-04-20' }, ['c']],
    ['an empty range', { from: '2024-04-21', to: '2024-04-30' }, []],
    // deleted records are shown only when asked for, and then only them
    ['deleted', { deleted: true }, ['e', 'f']],
    ['deleted, flagged', { deleted: true, flaggedOnly: true }, ['f']],
    ['deleted, by name', { deleted: true, query: 'dong' }, ['e']],
    ['deleted, by date', { deleted: true, from: '2024-04-01' }, ['f']],
    // combined
    ['name and hamlet', { query: 'nguyen', hamletId: 'h3' }, ['d']],
    ['name and status', { query: 'nguyen van', status: 'received' }, ['a']],
    ['hamlet, status and officer', { hamletId: 'h1', status: 'approved', officerId: 'officer-1' }, ['c']],
    ['hamlet and officer: none', { hamletId: 'h1', officerId: 'officer-2' }, []],
  ])('%s', (_name, filter, expected) => {
    expect(ids(filter)).toEqual(expected);
  });

  it('returns the records themselves, in a new array', () => {
    const out = filterRecords(RECORDS, EMPTY_FILTER);
    expect(out).not.toBe(RECORDS);
    expect(out[0]).toBe(RECORDS[0]);
  });
});

describe('countByStatus', () => {
  it.each<[string, Rec[], Record<string, number>]>([
    ['nothing', [], { total: 0, flagged: 0, received: 0, entered: 0, approved: 0, failed: 0 }],
    ['the live records', filterRecords(RECORDS, EMPTY_FILTER), { total: 4, flagged: 1, received: 1, entered: 1, approved: 1, failed: 1 }],
    ['the deleted records', filterRecords(RECORDS, { ...EMPTY_FILTER, deleted: true }), { total: 2, flagged: 1, received: 1, entered: 1, approved: 0, failed: 0 }],
    [
      'several of one status',
      [rec('x', 'A', { status: 'approved' }), rec('y', 'B', { status: 'approved', idFlagged: true }), rec('z', 'C', { status: 'failed' })],
      { total: 3, flagged: 1, received: 0, entered: 0, approved: 2, failed: 1 },
    ],
  ])('%s', (_name, records, expected) => {
    expect(countByStatus(records)).toEqual(expected);
  });
});

describe('filterRecords with extra keys (plates, frame and engine numbers)', () => {
  const base = { ...EMPTY_FILTER };
  type Plated = Parameters<typeof filterRecords>[0][number] & { plateKeys: string[] };
  const make = (fullName: string, plateKeys: string[]): Plated => ({
    fullName,
    birthDate: '1970',
    sex: 'male',
    personalId: '',
    oldId: '',
    phone: '',
    hamletId: '',
    address: '',
    note: '',
    searchName: fullName.toLowerCase(),
    nameWords: [],
    idFlagged: false,
    status: 'received',
    statusDate: '2026-11-01',
    statusLog: [],
    createdAt: '2026-11-01T00:00:00Z',
    createdBy: 'o',
    updatedAt: '2026-11-01T00:00:00Z',
    updatedBy: 'o',
    plateKeys,
  });
  const rows = [make('an', ['59X123456']), make('binh', ['30A12345'])];
  it.each([
    ['59-X1 234.56', ['an']],
    ['59x1', ['an']],
    ['30A-123', ['binh']],
    ['123', ['an', 'binh']],
    ['999', []],
  ])('%s finds %j', (query, names) => {
    expect(filterRecords(rows, { ...base, query }, (r) => r.plateKeys).map((r) => r.fullName)).toEqual(names);
  });
});
