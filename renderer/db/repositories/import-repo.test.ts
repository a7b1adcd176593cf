import { beforeEach, describe, expect, it } from 'vitest';
import { personalIdFor, setUpUnit, testServices } from '../../testing/fixtures';
import type { AppServices } from '../../context/services';
import type { Officer } from '../../../shared/domain/types';
import { sheetOf } from '../../../shared/import/testing';
import { analyseSheet, readSheets } from '../../../shared/import/pipeline';
import { proposeMapping } from '../../../shared/import/columns';
import type { ImportTarget } from '../../../shared/import/rows';
import type { SheetItem } from '../../../shared/import/plan';
import type { RawCell } from '../../../shared/import/sheet-model';

let services: AppServices;
let officer: Officer;

beforeEach(async () => {
  services = testServices();
  officer = await setUpUnit(services);
});

const ELDERLY: ImportTarget = { family: 'members', listKey: 'elderly', hasMemberKind: false };
const HEADER = ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Thôn', 'Trạng thái'];

function itemsOf(rows: readonly (readonly RawCell[])[], target: ImportTarget = ELDERLY, family = target.family): SheetItem[] {
  const { sheet, analysis } = analyseSheet(sheetOf([HEADER, ...rows], { name: 'DS' }));
  if (!analysis.header) throw new Error(analysis.problem);
  const mapping = proposeMapping(analysis.header.columns, family).columns;
  return readSheets([{ sheet, header: analysis.header }], mapping, target, { today: '2026-11-22', hamlets: [{ id: 'h1', name: 'Thôn Phú Bình' }] }).items;
}

const A = personalIdFor(1950, 'male', 1);
const B = personalIdFor(1952, 'female', 2);
const C = personalIdFor(1948, 'male', 3);

describe('import repository', () => {
  it('imports new rows in one go, each with its file, sheet and row in its history, and one audit entry for the import', async () => {
    const items = itemsOf([
      [1, 'Nguyễn Văn An', '12/03/1950', 'Nam', A, 'Phú Bình', ''],
      [2, 'Trần Thị Bình', '1952', 'Nữ', B, '', 'Đã duyệt'],
      [3, 'Lê Văn Cường', '1948', 'Nam', C, '', ''],
      [4, 'Lê Văn Cường', '1948', 'Nam', C, '', ''],
      [5, '', '1948', 'Nam', '', '', ''],
    ]);
    const reviewed = await services.repos.imports.review(ELDERLY, items);
    expect(reviewed.counts).toEqual({ new: 3, update: 0, duplicate: 1, rejected: 1, rows: 5 });
    const progress: number[] = [];
    const done = await services.repos.imports.commit(
      { target: ELDERLY, file: 'ds.xlsx', scopeLabel: 'Hội Người cao tuổi', items, updates: 'update', reviewed },
      officer.id,
      { onProgress: (p) => progress.push(p.done), chunk: 2 },
    );
    expect(done).toMatchObject({ ok: true, value: { imported: 3, updated: 0, skipped: 1, rejected: 1, rows: 5 } });
    expect(progress).toEqual([0, 2, 3]);
    const list = (await services.repos.members.byList('elderly')).filter((m) => !m.deletedAt);
    expect(list.map((m) => [m.fullName, m.status, m.hamletId])).toEqual([
      ['Nguyễn Văn An', 'received', 'h1'],
      ['Trần Thị Bình', 'approved', ''],
      ['Lê Văn Cường', 'received', ''],
    ]);
    expect(list[1]?.statusLog[0]).toMatchObject({ status: 'approved', by: officer.id, source: { file: 'ds.xlsx', sheet: 'DS', rows: [3] } });
    const facts = (await services.repos.facts.all()).filter((f) => f.scope === 'members:elderly').length;
    expect(facts).toBe(3);
    // the imported facts are kept in one bundle row per chunk (here 2); a later change to a record is its own row and wins
    expect(await services.db.facts.count()).toBe(2);
    const first = list[0];
    if (!first) throw new Error('no record');
    await services.repos.members.setStatus([first.id], { status: 'entered', date: '2026-11-22' }, officer.id);
    const after = await services.repos.facts.all();
    expect(after).toHaveLength(3);
    expect(after.find((f) => f.id === first.id)).toMatchObject({ statusLog: [{ status: 'received' }, { status: 'entered' }] });
    expect((await services.repos.facts.getMany([first.id, list[1]?.id ?? '']))[1]).toMatchObject({ scope: 'members:elderly', statusLog: [{ status: 'approved' }] });
    const history = await services.repos.imports.history();
    expect(history).toMatchObject([{ file: 'ds.xlsx', sheets: ['DS'], imported: 3, skipped: 1, rejected: 1, by: officer.id }]);
    const audit = await services.db.audit.where('action').equals('import').toArray();
    expect(audit.map((a) => a.summary)).toEqual(['Nhập từ tệp “ds.xlsx” (DS) vào “Hội Người cao tuổi”: 3 mới, 0 cập nhật, 1 bỏ qua, 1 bị từ chối.']);
  });

  it('updates a record already in the list with the filled cells only, or skips it when the officer says so', async () => {
    const created = await services.repos.members.create(
      { listKey: 'elderly', memberKind: 'individual', idFlagged: false, fullName: 'Nguyễn Văn An', birthDate: '1950-03-12', sex: 'male', personalId: A, oldId: '', phone: '0912345678', hamletId: '', address: '', note: 'ghi chú' },
      officer.id,
    );
    if (!created.ok) throw new Error(created.message);
    const items = itemsOf([[1, 'Nguyễn Văn An', '12/03/1950', 'Nam', A, 'Phú Bình', 'Chờ duyệt']]);
    const reviewed = await services.repos.imports.review(ELDERLY, items);
    expect(reviewed.rows[0]).toMatchObject({ kind: 'update', recordId: created.value.id });

    const skipped = await services.repos.imports.commit({ target: ELDERLY, file: 'a.xlsx', scopeLabel: '', items, updates: 'skip', reviewed }, officer.id);
    expect(skipped).toMatchObject({ ok: true, value: { imported: 0, updated: 0, skipped: 1 } });
    expect((await services.repos.members.get(created.value.id))?.hamletId).toBe('');

    const updated = await services.repos.imports.commit({ target: ELDERLY, file: 'a.xlsx', scopeLabel: '', items, updates: 'update', reviewed }, officer.id);
    expect(updated).toMatchObject({ ok: true, value: { imported: 0, updated: 1 } });
    const record = await services.repos.members.get(created.value.id);
    expect(record).toMatchObject({ hamletId: 'h1', phone: '0912345678', note: 'ghi chú', status: 'entered' });
    expect(record?.statusLog.at(-1)).toMatchObject({ status: 'entered', source: { file: 'a.xlsx', rows: [2] } });
    const audit = await services.repos.audit.forRecord('members', created.value.id);
    expect(audit.some((a) => a.action === 'import' && a.changes?.['hamletId']?.[1] === 'h1')).toBe(true);
  });

  it('writes nothing when cancelled part-way, and nothing when the records changed since the preview', async () => {
    const NAMES = ['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hà'];
    const rows = Array.from({ length: 30 }, (_, i) => [i + 1, `Nguyễn ${NAMES[i % 6]} ${NAMES[Math.floor(i / 6)]}`, '1950', 'Nam', personalIdFor(1950, 'male', 100 + i), '', ''] as RawCell[]);
    const items = itemsOf(rows);
    const reviewed = await services.repos.imports.review(ELDERLY, items);
    const abort = new AbortController();
    const cancelled = await services.repos.imports.commit({ target: ELDERLY, file: 'x.xlsx', scopeLabel: '', items, updates: 'update', reviewed }, officer.id, {
      chunk: 10,
      signal: abort.signal,
      onProgress: (p) => {
        if (p.done === 20) abort.abort();
      },
    });
    expect(reviewed.counts.new).toBe(30);
    expect(cancelled).toMatchObject({ ok: false, code: 'cancelled' });
    expect(await services.db.members.count()).toBe(0);
    expect(await services.db.facts.count()).toBe(0);
    expect(await services.db.imports.count()).toBe(0);

    await services.repos.members.create(
      { listKey: 'elderly', memberKind: 'individual', idFlagged: false, fullName: 'Nguyễn An An', birthDate: '1950', sex: 'male', personalId: personalIdFor(1950, 'male', 100), oldId: '', phone: '', hamletId: '', address: '', note: '' },
      officer.id,
    );
    const changed = await services.repos.imports.commit({ target: ELDERLY, file: 'x.xlsx', scopeLabel: '', items, updates: 'update', reviewed }, officer.id);
    expect(changed).toMatchObject({ ok: false, code: 'changed' });
    expect(await services.db.members.count()).toBe(1);
  });

  it('rejects vehicles whose plate is in another declaration or on an earlier row, naming where', async () => {
    const VEHICLES: ImportTarget = { family: 'vehicles' };
    const owner = await services.repos.declarations.create(
      { fullName: 'Phạm Văn Dũng', birthDate: '1980', sex: 'male', personalId: personalIdFor(1980, 'male', 9), oldId: '', phone: '', hamletId: '', address: '', note: '', idFlagged: false, vehicles: [{ kind: 'motorbike', plate: '59-X1 234.56', brand: 'Honda', model: '', colour: '', frameNo: '', engineNo: '' }] },
      officer.id,
    );
    if (!owner.ok) throw new Error(owner.message);
    const { sheet, analysis } = analyseSheet(
      sheetOf([
        ['STT', 'Họ và tên chủ xe', 'Năm sinh', 'Số CCCD', 'Loại xe', 'Biển số', 'Nhãn hiệu'],
        [1, 'Nguyễn Văn An', 1950, A, 'Xe máy', '59X1 23456', 'Honda'],
        [2, 'Trần Thị Bình', 1952, B, 'Xe máy', '29B1 11111', 'Yamaha'],
        [3, 'Lê Văn Cường', 1948, C, 'Xe máy', '29-B1 111.11', 'Yamaha'],
      ]),
    );
    if (!analysis.header) throw new Error(analysis.problem);
    const mapping = proposeMapping(analysis.header.columns, 'vehicles').columns;
    const { items } = readSheets([{ sheet, header: analysis.header }], mapping, VEHICLES, { today: '2026-11-22', hamlets: [] });
    const reviewed = await services.repos.imports.review(VEHICLES, items);
    expect(reviewed.counts).toMatchObject({ new: 1, rejected: 2, rows: 3 });
    const reasons = reviewed.rows.flatMap((r) => (r.kind === 'rejected' ? r.rejected.reasons : []));
    expect(reasons).toEqual([
      `Dòng 2: Biển số 59X123456 đã có trong tờ khai của Phạm Văn Dũng (${personalIdFor(1980, 'male', 9)}).`,
      'Dòng 4: Biển số 29B111111 trùng với dòng 3.',
    ]);
  });

  it('remembers a confirmed mapping by family and header layout', async () => {
    const { analysis } = analyseSheet(sheetOf([HEADER]));
    if (!analysis.header) throw new Error('no header');
    const proposal = proposeMapping(analysis.header.columns, 'members');
    const fixed = { ...proposal, columns: proposal.columns.map((c) => (c.index === 5 ? { ...c, field: null } : c)) };
    await services.repos.imports.rememberMapping('members', fixed);
    const saved = await services.repos.imports.savedMapping('members', proposal.signature);
    expect(proposeMapping(analysis.header.columns, 'members', saved).columns[5]?.field).toBeNull();
    expect(await services.repos.imports.savedMapping('labour', proposal.signature)).toBeUndefined();
  });
});
