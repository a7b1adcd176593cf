import { describe, expect, it } from 'vitest';
import { canonicalJson, matchHamlets, mergeRecord, type MergeableRecord } from './merge';
import { searchKey } from '../text/normalize';
import type { ProgressEvent } from '../domain/types';

type Rec = MergeableRecord & { phone: string; status: string; statusDate: string; statusLog: ProgressEvent[] };

const ev = (status: ProgressEvent['status'], at: string, by = 'cb-1'): ProgressEvent => ({ status, date: at.slice(0, 10), at, by });

const base: Rec = {
  id: 'r1',
  fullName: 'Nguyễn Văn An',
  phone: '0905000001',
  createdAt: '2026-11-01T08:00:00.000Z',
  createdBy: 'cb-1',
  updatedAt: '2026-11-01T08:00:00.000Z',
  updatedBy: 'cb-1',
  status: 'received',
  statusDate: '2026-11-01',
  statusLog: [ev('received', '2026-11-01T08:00:00.000Z')],
};

describe('mergeRecord', () => {
  it('adds a record this PC lacks', () => {
    expect(mergeRecord(undefined, base)).toEqual({ kind: 'new', record: base });
  });

  it('the newest change wins for current values; an older incoming copy changes nothing', () => {
    const edited = { ...base, phone: '0905999999', updatedAt: '2026-11-05T08:00:00.000Z', updatedBy: 'cb-2' };
    const newer = mergeRecord(base, edited);
    expect(newer.kind).toBe('updated');
    expect(newer.kind === 'updated' && newer.record.phone).toBe('0905999999');
    expect(mergeRecord(edited, base)).toEqual({ kind: 'unchanged' });
  });

  it('merges the two histories in recorded order and takes the status of the last step', () => {
    const here = { ...base, status: 'entered', statusDate: '2026-11-03', statusLog: [...base.statusLog, ev('entered', '2026-11-03T09:00:00.000Z')], updatedAt: '2026-11-03T09:00:00.000Z' };
    const there = { ...base, status: 'failed', statusDate: '2026-11-04', failReason: 'wrong_info', statusLog: [...base.statusLog, { ...ev('failed', '2026-11-04T09:00:00.000Z', 'cb-2'), failReason: 'wrong_info' as const }], updatedAt: '2026-11-02T09:00:00.000Z' };
    const merged = mergeRecord(here, there);
    expect(merged.kind).toBe('updated');
    if (merged.kind !== 'updated') return;
    expect(merged.record.statusLog.map((e) => e.status)).toEqual(['received', 'entered', 'failed']);
    expect(merged.record.status).toBe('failed');
    expect((merged.record as Rec & { failReason?: string }).failReason).toBe('wrong_info');
    // local values kept (here is newer), no conflict: only history differs
    expect(merged.conflict).toBeUndefined();
  });

  it('is idempotent: merging the same incoming copy into the result changes nothing', () => {
    const here = { ...base, phone: '0905111111', updatedAt: '2026-11-06T08:00:00.000Z', statusLog: [...base.statusLog, ev('entered', '2026-11-06T08:00:00.000Z')] };
    const there = { ...base, phone: '0905222222', updatedAt: '2026-11-07T08:00:00.000Z', updatedBy: 'cb-2', statusLog: [...base.statusLog, ev('approved', '2026-11-07T08:00:00.000Z', 'cb-2')] };
    const first = mergeRecord(here, there);
    if (first.kind !== 'updated') throw new Error('expected an update');
    const second = mergeRecord(first.record, there);
    expect(second.kind).toBe('unchanged');
    // and the other way round
    const back = mergeRecord(there, here);
    if (back.kind !== 'updated') throw new Error('expected history from here');
    expect(mergeRecord(back.record, here).kind).toBe('unchanged');
  });

  it('lists a conflict when both sides changed the same values since they were last in step', () => {
    const here = { ...base, phone: '0905111111', updatedAt: '2026-11-06T08:00:00.000Z' };
    const there = { ...base, phone: '0905222222', updatedAt: '2026-11-07T08:00:00.000Z', updatedBy: 'cb-2' };
    const merged = mergeRecord(here, there);
    expect(merged.kind === 'updated' && merged.conflict).toMatchObject({ id: 'r1', fields: ['phone'], kept: 'incoming' });
    // after the last exchange (since), only one side changed: no conflict
    expect(mergeRecord(base, there, '2026-11-02T00:00:00.000Z').kind === 'updated').toBe(true);
    const quiet = mergeRecord({ ...base, updatedAt: '2026-11-01T09:00:00.000Z' }, there, '2026-11-02T00:00:00.000Z');
    expect(quiet.kind === 'updated' && quiet.conflict).toBeFalsy();
  });

  it('compares records whatever the order of their keys', () => {
    const reordered = Object.fromEntries(Object.entries(base).reverse()) as Rec;
    expect(canonicalJson(reordered)).toBe(canonicalJson(base));
    expect(mergeRecord(base, reordered).kind).toBe('unchanged');
  });
});

describe('matchHamlets', () => {
  it('points another PC’s hamlets at this PC’s by name and adds only the unknown ones', () => {
    const local = [{ id: 'b1', name: 'Thôn Phú Bình' }, { id: 'b2', name: 'Tổ dân phố 3' }];
    const incoming = [{ id: 'a1', name: 'thon phu binh' }, { id: 'a2', name: 'Thôn Mới' }, { id: 'b2', name: 'Tổ dân phố 3' }];
    const { idMap, missing } = matchHamlets(local, incoming, searchKey);
    expect([...idMap]).toEqual([['a1', 'b1'], ['b2', 'b2']]);
    expect(missing).toEqual([{ id: 'a2', name: 'Thôn Mới' }]);
  });
});
