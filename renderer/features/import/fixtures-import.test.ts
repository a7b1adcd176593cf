/**
 * Every messy fixture file (tests/fixtures/make-fixtures.ts) imported end to end into a
 * fake-indexeddb database the way the import screen chains it: ImportCore.load → the
 * proposed (or remembered) mapping → read → repos.imports.review → repos.imports.commit.
 *
 * Never a silent loss: every row read ends up imported, updated, skipped as a duplicate or
 * listed with a reason — the four counts of the outcome add up to the rows read, each new
 * row is exactly one record (with its fact row and its file, sheet and row in its first
 * history event), and rejected or duplicate rows leave no record. Importing the same file
 * again doubles nothing: the rows imported the first time are now updates.
 */
import type { ReviewedImport } from '../../db/repositories/import-repo';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { setUpUnit, testServices } from '../../testing/fixtures';
import { snapshotTables } from '../../testing/db-snapshot';
import { scopeOf } from '../../db/facts';
import type { AppServices } from '../../context/services';
import { ImportCore, type ReturnedRow } from './import-core';
import { rowNumbersOf } from './PreviewStep';
import { CONTEXT, FIXTURES, type FixtureSpec, type SheetExpectation } from '../../../tests/fixtures/make-fixtures';
import { proposeMapping } from '../../../shared/import/columns';
import { candidatePerson } from '../../../shared/import/merge';
import { sheetOf } from '../../../shared/import/testing';
import type { Review, ReviewedRow, SheetItem, UpdateChoice } from '../../../shared/import/plan';
import type { ImportCounts, ImportTarget, RowContext } from '../../../shared/import/rows';
import type { RawCell } from '../../../shared/import/sheet-model';
import type { Dc01Case, ImportSource, LabourRecord, MemberRecord, Officer, VehicleDeclaration } from '../../../shared/domain/types';

type AnyRecord = MemberRecord | LabourRecord | VehicleDeclaration | Dc01Case;
type Table = Extract<SheetExpectation, { header: object }>;

const DATA = FIXTURES.filter((f) => 'sheets' in f.expected);
const BROKEN = FIXTURES.filter((f) => 'error' in f.expected);

/**
 * Rows that come back NEW when the same file is imported a second time, so their record is
 * doubled (file → sheet → Excel rows), and records the same rows change again on each import
 * (file → sheet → first row → fields). Both are empty: a row is matched by its personal ID, its
 * CMND, or else its name and date of birth, and a vehicle without numbers by what it is.
 */
const NEW_AGAIN: Readonly<Record<string, Readonly<Record<string, readonly number[]>>>> = {};

const CHANGED_AGAIN: Readonly<Record<string, Readonly<Record<string, Readonly<Record<number, readonly string[]>>>>>> = {};

// ---------------------------------------------------------------- set-up

type Db = {
  services: AppServices;
  officer: Officer;
  /** the fixture's context with the database's hamlets (their ids differ from CONTEXT's) */
  ctx: RowContext;
  /** CONTEXT hamlet id → database hamlet id */
  hamletIds: ReadonlyMap<string, string>;
};

async function freshDb(): Promise<Db> {
  const services = testServices();
  const officer = await setUpUnit(
    services,
    CONTEXT.hamlets.map((h) => h.name),
  );
  const hamlets = await services.db.hamlets.orderBy('order').toArray();
  const hamletIds = new Map(
    CONTEXT.hamlets.map((h) => {
      const found = hamlets.find((d) => d.name === h.name);
      if (found === undefined) throw new Error(`no hamlet ${h.name}`);
      return [h.id, found.id] as const;
    }),
  );
  return { services, officer, ctx: { today: CONTEXT.today, hamlets: hamlets.map((h) => ({ id: h.id, name: h.name })) }, hamletIds };
}

const FAMILY_TABLE = { members: 'members', labour: 'labour', vehicles: 'declarations', dc01: 'dc01Cases' } as const;

async function liveRecords(db: Db, target: ImportTarget): Promise<AnyRecord[]> {
  const all = (await db.services.db.table(FAMILY_TABLE[target.family]).toArray()) as AnyRecord[];
  return all.filter((r) => !r.deletedAt);
}

/** The list's or category's name, as the import screen writes it in the history. */
async function scopeLabelOf(db: Db, target: ImportTarget): Promise<string> {
  if (target.family === 'members') return (await db.services.db.memberLists.get(target.listKey))?.label ?? '';
  if (target.family === 'dc01' && target.categoryKey !== undefined) return (await db.services.db.dc01Categories.get(target.categoryKey))?.label ?? '';
  return '';
}

function firstSource(record: AnyRecord): ImportSource | undefined {
  return 'stateLog' in record ? record.stateLog[0]?.source : record.statusLog[0]?.source;
}

const sourceKey = (sheet: string, rows: readonly number[]) => `${sheet}|${rows.join(',')}`;

function factScope(target: ImportTarget, record: AnyRecord): string {
  if (target.family === 'members') return scopeOf.members(target.listKey);
  if (target.family === 'labour') return scopeOf.labour();
  if (target.family === 'vehicles') return scopeOf.vehicles();
  return scopeOf.dc01((record as Dc01Case).categoryKey);
}

// ---------------------------------------------------------------- one import as the screen runs it

/** What one import of a fixture must give: one sheet, or several sheets imported together. */
type Unit = {
  readonly sheets: readonly string[];
  readonly counts: ImportCounts;
  readonly rejected: readonly string[];
  readonly duplicates: readonly string[];
  /** the sheets' expectations (for their values) */
  readonly tables: readonly Table[];
  /** a known defect of the pipeline on one of the sheets: only what always holds is checked */
  readonly known: boolean;
};

function unitsOf(spec: FixtureSpec): Unit[] {
  if (!('sheets' in spec.expected)) return [];
  const tables = spec.expected.sheets.filter((s): s is Table => 'header' in s);
  const single = (t: Table): Unit => ({ sheets: [t.sheet], counts: t.counts, rejected: t.rejected, duplicates: t.duplicates, tables: [t], known: t.known !== undefined });
  const together = spec.expected.together;
  if (together === undefined) return tables.map(single);
  const chosen = together.sheets.map((name) => {
    const t = tables.find((s) => s.sheet === name);
    if (t === undefined) throw new Error(`${spec.file}: no table ${name}`);
    return t;
  });
  return [
    {
      sheets: together.sheets,
      counts: together.counts,
      rejected: chosen.flatMap((t) => t.rejected),
      duplicates: together.duplicates.map(([, message]) => message),
      tables: chosen,
      known: chosen.some((t) => t.known !== undefined),
    },
    ...tables.filter((t) => !together.sheets.includes(t.sheet)).map(single),
  ];
}

type Previewed = { core: ImportCore; rowsRead: number; review: ReviewedImport; items: readonly SheetItem[] };

/** Load → mapping (remembered or proposed, then remembered) → read → review, as ImportPage does. */
async function preview(db: Db, spec: FixtureSpec, sheets: readonly string[]): Promise<Previewed> {
  const core = new ImportCore();
  const loaded = await core.load({ name: spec.file, bytes: await spec.build() });
  if (!loaded.ok) throw new Error(`${spec.file}: ${loaded.message}`);
  const chosen = sheets.map((name) => {
    const found = loaded.value.find((s) => s.name === name);
    if (found?.header === undefined) throw new Error(`${spec.file}: sheet ${name} has no table`);
    return found;
  });
  const first = chosen[0];
  if (first?.header === undefined) throw new Error('no sheet');
  const { imports } = db.services.repos;
  const proposal = proposeMapping(first.header.columns, spec.family, await imports.savedMapping(spec.family, first.signature));
  await imports.rememberMapping(spec.family, proposal);
  const read = core.read({ sheets: chosen.map((s) => s.index), mapping: proposal.columns, target: spec.target, ctx: db.ctx });
  expect(read.reads.map((r) => r.sheet)).toEqual(sheets);
  const review = await imports.review(spec.target, read.items);
  return { core, rowsRead: read.reads.reduce((n, r) => n + r.dataRows, 0), review, items: read.items };
}

async function commit(db: Db, spec: FixtureSpec, p: Previewed, updates: UpdateChoice) {
  const done = await db.services.repos.imports.commit(
    { target: spec.target, file: spec.file, scopeLabel: await scopeLabelOf(db, spec.target), items: p.items, updates, reviewed: p.review },
    db.officer.id,
  );
  if (!done.ok) throw new Error(`${spec.file}: ${done.message}`);
  return done.value;
}

const rowsOf = (review: Review, kind: ReviewedRow['kind']) => review.rows.filter((r) => r.kind === kind);
const rowCount = (rows: readonly ReviewedRow[]) => rows.reduce((n, r) => n + rowNumbersOf(r).length, 0);

/** A fixture's candidate value as the record stores it, with the database's hamlet ids. */
function expectedRecord(value: unknown, hamletIds: ReadonlyMap<string, string>): Record<string, unknown> {
  const { person, labour, vehicles, ...rest } = value as { person?: object; labour?: object; vehicles?: object[] };
  const flat: Record<string, unknown> = { ...rest, ...person, ...labour, ...(vehicles ? { vehicles } : {}) };
  const hamlet = flat['hamletId'];
  if (typeof hamlet === 'string' && hamlet !== '') flat['hamletId'] = hamletIds.get(hamlet) ?? `unknown ${hamlet}`;
  return flat;
}

// ---------------------------------------------------------------- 1 and 2: each fixture, twice

describe('messy fixture files imported into a database', () => {
  it.each(DATA.map((f) => [f.file, f] as const))('%s: every row imported, skipped or listed with a reason; a second import doubles nothing', async (_file, spec) => {
    const db = await freshDb();
    const units = unitsOf(spec);
    expect(units.length).toBeGreaterThan(0);
    /** the records of the first import, by sheet and rows */
    const bySource = new Map<string, { sheet: string; rows: number; record: AnyRecord }>();

    for (const [u, unit] of units.entries()) {
      const label = `${spec.file} / ${unit.sheets.join(' + ')}`;
      const before = (await liveRecords(db, spec.target)).length;
      const p = await preview(db, spec, unit.sheets);
      const { counts } = p.review;
      // the review against the (so far empty) target gives the fixture's outcome
      if (!unit.known) {
        expect(counts, label).toEqual(unit.counts);
        expect(p.review.rows.flatMap((r) => (r.kind === 'rejected' ? r.rejected.reasons : [])), label).toEqual(unit.rejected);
        expect(p.review.rows.flatMap((r) => (r.kind === 'duplicate' ? [r.message] : [])), label).toEqual(unit.duplicates);
      }

      const outcome = await commit(db, spec, p, 'update');
      // the four counts are the review's and add up to the rows read
      expect(outcome, label).toMatchObject({ imported: counts.new, updated: counts.update, skipped: counts.duplicate, rejected: counts.rejected, rows: counts.rows });
      expect(outcome.imported + outcome.updated + outcome.skipped + outcome.rejected, label).toBe(outcome.rows);
      expect(outcome.rows, label).toBe(p.rowsRead);

      // one record per new candidate, each naming its file, sheet and rows; nothing for the other rows
      const created = (await liveRecords(db, spec.target)).filter((r) => {
        const s = firstSource(r);
        return s !== undefined && unit.sheets.includes(s.sheet);
      });
      expect(created.length + before, label).toBe((await liveRecords(db, spec.target)).length);
      const fresh = rowsOf(p.review, 'new');
      expect(created, label).toHaveLength(fresh.length);
      expect(created.map((r) => firstSource(r)?.file)).toEqual(created.map(() => spec.file));
      const createdKeys = created.map((r) => {
        const s = firstSource(r);
        return s ? sourceKey(s.sheet, s.rows) : '';
      });
      expect(createdKeys.sort(), label).toEqual(fresh.map((r) => sourceKey(r.sheet, rowNumbersOf(r))).sort());
      for (const record of created) {
        const s = firstSource(record);
        if (s) bySource.set(sourceKey(s.sheet, s.rows), { sheet: s.sheet, rows: s.rows.length, record });
      }
      for (const row of fresh) {
        if (row.kind !== 'new') continue;
        const record = bySource.get(sourceKey(row.sheet, rowNumbersOf(row)))?.record;
        expect(record?.fullName, `${label} row ${rowNumbersOf(row)[0] ?? ''}`).toBe(candidatePerson(row.candidate.value).fullName);
        if (spec.target.family === 'members') expect((record as MemberRecord).listKey).toBe(spec.target.listKey);
      }
      // a fact row for each, in the right scope
      const facts = await db.services.repos.facts.getMany(created.map((r) => r.id));
      expect(facts.map((f) => f?.scope), label).toEqual(created.map((r) => factScope(spec.target, r)));
      if (spec.target.family === 'vehicles') {
        // a declaration per owner; a vehicle per vehicle row accepted
        const vehicles = (created as VehicleDeclaration[]).reduce((n, d) => n + d.vehicles.length, 0);
        expect(vehicles, label).toBe(counts.new);
      }

      // values the fixture states: leading zeros restored, legacy text converted, hamlets matched…
      if (!unit.known) {
        for (const table of unit.tables) {
          for (const [row, value] of Object.entries(table.values ?? {})) {
            const record = created.find((r) => firstSource(r)?.sheet === table.sheet && firstSource(r)?.rows[0] === Number(row));
            expect(record, `${label}: no record from row ${row}`).toBeDefined();
            expect(record, `${label} row ${row}`).toMatchObject(expectedRecord(value, db.hamletIds));
          }
        }
      }

      // one import in the history, with the same counts, and one audit entry for it
      const history = await db.services.repos.imports.history();
      expect(history, label).toHaveLength(u + 1);
      expect(history[0], label).toMatchObject({
        id: outcome.id,
        by: db.officer.id,
        file: spec.file,
        sheets: unit.sheets,
        family: spec.family,
        scopeLabel: await scopeLabelOf(db, spec.target),
        imported: counts.new,
        updated: counts.update,
        skipped: counts.duplicate,
        rejected: counts.rejected,
        rows: counts.rows,
      });
      const audit = await db.services.db.audit.where('action').equals('import').filter((a) => a.recordId === outcome.id).toArray();
      expect(audit.map((a) => a.summary)).toEqual([expect.stringContaining(`: ${counts.new} mới, ${counts.update} cập nhật, ${counts.duplicate} bỏ qua, ${counts.rejected} bị từ chối.`)]);
    }

    // ---- the same file again, into the same database
    const imports = (await db.services.repos.imports.history()).length;
    for (const unit of units) {
      const label = `${spec.file} / ${unit.sheets.join(' + ')} (again)`;
      const againRows = unit.sheets.flatMap((sheet) => (NEW_AGAIN[spec.file]?.[sheet] ?? []).map((row) => sourceKey(sheet, [row])));
      const records = (await liveRecords(db, spec.target)).length;
      const first = [...bySource.values()].filter((f) => unit.sheets.includes(f.sheet));
      const firstNewRows = first.reduce((n, f) => n + f.rows, 0);

      const p = await preview(db, spec, unit.sheets);
      const fresh = rowsOf(p.review, 'new');
      expect(fresh.map((r) => sourceKey(r.sheet, rowNumbersOf(r))), label).toEqual(againRows);
      const { counts } = p.review;
      const newAgain = rowCount(fresh);
      expect(counts.update, label).toBe(firstNewRows - newAgain);
      // every row imported the first time is now an update of the record it made
      for (const row of rowsOf(p.review, 'update')) {
        if (row.kind !== 'update') continue;
        expect(row.recordId, `${label} row ${rowNumbersOf(row)[0] ?? ''}`).toBe(bySource.get(sourceKey(row.sheet, rowNumbersOf(row)))?.record.id);
      }
      if (!unit.known) expect(counts, label).toEqual({ ...unit.counts, new: newAgain, update: unit.counts.update + unit.counts.new - newAgain });

      // updates skipped: only the rows nothing can match are written (again)
      const skipped = await commit(db, spec, p, 'skip');
      expect(skipped, label).toMatchObject({ imported: newAgain, updated: 0, skipped: counts.update + counts.duplicate, rejected: counts.rejected, rows: counts.rows });
      expect(skipped.imported + skipped.updated + skipped.skipped + skipped.rejected).toBe(p.rowsRead);
      expect(await liveRecords(db, spec.target), label).toHaveLength(records + fresh.length);

      // updates applied: the same rows change nothing
      const q = await preview(db, spec, unit.sheets);
      expect(q.review.counts, label).toEqual(counts);
      const updated = await commit(db, spec, q, 'update');
      expect(updated, label).toMatchObject({ imported: newAgain, updated: counts.update, skipped: counts.duplicate, rejected: counts.rejected, rows: counts.rows });
      expect(updated.imported + updated.updated + updated.skipped + updated.rejected).toBe(q.rowsRead);
      expect(await liveRecords(db, spec.target), label).toHaveLength(records + 2 * fresh.length);
      const firstIds = new Set(first.map((f) => f.record.id));
      const changed = await db.services.db.audit.where('action').equals('import').filter((a) => firstIds.has(a.recordId) && a.changes !== undefined).toArray();
      const pinned = unit.sheets.flatMap((sheet) => Object.entries(CHANGED_AGAIN[spec.file]?.[sheet] ?? {}).map(([row, fields]) => [sheet, Number(row), fields] as const));
      const changedBy = changed.map((a) => {
        const f = first.find((x) => x.record.id === a.recordId);
        return [f?.sheet, f === undefined ? undefined : firstSource(f.record)?.rows[0], Object.keys(a.changes ?? {})];
      });
      expect(changedBy, `${label}: fields the same rows change again`).toEqual(pinned.map(([sheet, row, fields]) => [sheet, row, fields]));
      // the records of the first import are as they were (but for vehicles without any number, added again)
      for (const { record } of first) {
        const now = (await db.services.db.table(FAMILY_TABLE[spec.target.family]).get(record.id)) as AnyRecord | undefined;
        if (!changed.some((a) => a.recordId === record.id)) {
          expect(now, `${label} ${record.fullName}`).toEqual(record);
          continue;
        }
        const before = (record as VehicleDeclaration).vehicles;
        const after = (now as VehicleDeclaration).vehicles;
        expect(after.slice(0, before.length)).toEqual(before);
        expect(after.length).toBeGreaterThan(before.length);
        for (const v of after.slice(before.length)) expect([v.plate, v.frameNo, v.engineNo], `${label} ${record.fullName}`).toEqual(['', '', '']);
      }
    }
    expect(await db.services.repos.imports.history(100)).toHaveLength(imports + 2 * units.length);
    expect((await db.services.repos.facts.all()).length).toBe(await db.services.db.table(FAMILY_TABLE[spec.target.family]).count());
  });
});

// ---------------------------------------------------------------- 3: files refused

const REFUSED: Readonly<Record<string, string>> = {
  'danh-sach-cu.xls':
    'Tệp “danh-sach-cu.xls” là tệp Excel đời cũ (.xls), phần mềm không đọc được loại này. Mở tệp bằng Excel → Lưu thành (Save As) → chọn kiểu “Excel Workbook (.xlsx)”, rồi chọn lại tệp .xlsx vừa lưu.',
  'danh-sach-co-mat-khau.xlsx':
    'Tệp “danh-sach-co-mat-khau.xlsx” có mật khẩu (đã mã hóa) nên không đọc được. Mở tệp bằng Excel, nhập mật khẩu, vào Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu, xóa mật khẩu rồi lưu lại và chọn lại tệp. ' +
    'Nếu tệp không có mật khẩu thì đây là tệp .xls bị đổi tên: Mở tệp bằng Excel → Lưu thành (Save As) → chọn kiểu “Excel Workbook (.xlsx)”, rồi chọn lại tệp .xlsx vừa lưu.',
  'danh-sach-bi-cat.xlsx':
    'Tệp “danh-sach-bi-cat.xlsx” bị hỏng hoặc không phải tệp Excel .xlsx nên không đọc được. Thử mở tệp bằng Excel: nếu mở được, chọn Lưu thành (Save As) → kiểu “Excel Workbook (.xlsx)” rồi chọn lại tệp .xlsx vừa lưu; nếu Excel cũng không mở được, đề nghị người gửi gửi lại tệp.',
  'danh-sach-trong.csv': 'Tệp “danh-sach-trong.csv” không có dữ liệu nào. Kiểm tra lại xem đã chọn đúng tệp chưa.',
};

describe('files the import refuses', () => {
  it.each(BROKEN.map((f) => [f.file, f] as const))('%s: refused with its Vietnamese message, nothing written', async (_file, spec) => {
    if (!('error' in spec.expected)) throw new Error('not a refused fixture');
    const db = await freshDb();
    const before = await snapshotTables(db.services.db);
    expect(Object.values(before).some((rows) => rows.length > 0)).toBe(true);
    const loaded = await new ImportCore().load({ name: spec.file, bytes: await spec.build() });
    expect(loaded).toEqual({ ok: false, code: spec.expected.error, message: REFUSED[spec.file] });
    expect(await snapshotTables(db.services.db)).toEqual(before);
  });

  it('every refused fixture has its message here', () => {
    expect(BROKEN.map((f) => f.file).sort()).toEqual(Object.keys(REFUSED).sort());
  });
});

// ---------------------------------------------------------------- 4: the rows sent back

/** As ImportPage.returnedRows builds them. */
function returnedRows(review: Review): ReturnedRow[] {
  return review.rows.flatMap((row): ReturnedRow[] => {
    if (row.kind === 'rejected') return [{ sheet: row.sheet, rowNumbers: row.rejected.rowNumbers, reason: row.rejected.reasons.map((r) => r.replace(/^Dòng \d+: /, '')).join(' ') }];
    if (row.kind === 'duplicate') return [{ sheet: row.sheet, rowNumbers: rowNumbersOf(row), reason: row.message.replace(/^Dòng \d+: /, '') }];
    return [];
  });
}

type CellValue = ExcelJS.CellValue;
const plain = (v: CellValue): string | number => (v === null || v === undefined ? '' : typeof v === 'number' || typeof v === 'string' ? v : JSON.stringify(v));

async function worksheetOf(bytes: Uint8Array, name?: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const ws = name === undefined ? wb.worksheets[0] : wb.getWorksheet(name);
  if (ws === undefined) throw new Error(`no sheet ${name ?? ''}`);
  return ws;
}

/** A row's cells; a merged cell holds its value in the top-left cell only, as the import reads it. */
function lineOf(ws: ExcelJS.Worksheet, rowNumber: number, width: number): (string | number)[] {
  const row = ws.getRow(rowNumber);
  return Array.from({ length: width }, (_, c) => {
    const cell = row.getCell(c + 1);
    return cell.isMerged && cell.master.address !== cell.address ? '' : plain(cell.value);
  });
}

describe('the rows sent back', () => {
  it.each([
    ['hoi-nguoi-cao-tuoi.xlsx', 'Danh sách', ['STT', 'HỌ VÀ TÊN', 'Năm sinh / Nam', 'Năm sinh / Nữ', 'Số CCCD', 'Thôn', 'Số điện thoại', 'Ghi chú']],
    [
      'phuong-tien-xa-hoa-binh.xlsx',
      'Xe máy',
      [
        'STT',
        'Chủ phương tiện / Họ và tên',
        'Chủ phương tiện / Năm sinh',
        'Chủ phương tiện / Giới tính',
        'Chủ phương tiện / Số CCCD',
        'Thông tin phương tiện / Loại xe',
        'Thông tin phương tiện / Biển số',
        'Thông tin phương tiện / Nhãn hiệu',
        'Thông tin phương tiện / Số khung',
        'Ghi chú',
      ],
    ],
  ])('%s / %s: one line per rejected or duplicate Excel row, with its original cells and the reason', async (file, sheet, headers) => {
    const spec = DATA.find((f) => f.file === file);
    const want = spec && 'sheets' in spec.expected ? spec.expected.sheets.find((s): s is Table => s.sheet === sheet && 'header' in s) : undefined;
    if (spec === undefined || want === undefined) throw new Error(`no fixture ${file} / ${sheet}`);
    const db = await freshDb();
    const p = await preview(db, spec, [sheet]);
    const returned = returnedRows(p.review);
    const title = `CÁC DÒNG KHÔNG NHẬP ĐƯỢC — TỆP “${file}”`;
    const ws = await worksheetOf(await p.core.returnedWorkbook(title, returned));
    expect(ws.name).toBe('Dòng không nhập được');
    expect(plain(ws.getCell(1, 1).value)).toBe(title);

    // the header: where the row was, the file's columns, the reason
    const original = await worksheetOf(await spec.build(), sheet);
    const width = want.fields.length;
    const header = lineOf(ws, 2, width + 2);
    expect(header[0]).toBe('Dòng trong tệp');
    expect(header[width + 1]).toBe('Lý do');
    expect(header).toEqual(['Dòng trong tệp', ...headers, 'Lý do']);

    // the lines: every Excel row of a rejected or duplicate record, in order, and nothing else
    const rows = returned.flatMap((r) => r.rowNumbers);
    const expectedRows = p.review.rows.filter((r) => r.kind === 'rejected' || r.kind === 'duplicate').flatMap((r) => rowNumbersOf(r));
    expect(rows).toEqual(expectedRows);
    expect(rows.length).toBe(p.review.counts.rejected + p.review.counts.duplicate);
    expect(ws.actualRowCount).toBe(2 + rows.length);
    // the reasons are the fixture's, without "Dòng N: "; a record's further rows point to its first
    const reasons = new Map<number, string[]>();
    for (const message of [...want.rejected, ...want.duplicates]) {
      const [, row, text] = /^Dòng (\d+): (.*)$/.exec(message) ?? [];
      reasons.set(Number(row), [...(reasons.get(Number(row)) ?? []), text ?? '']);
    }
    rows.forEach((rowNumber, i) => {
      const line = lineOf(ws, 3 + i, width + 2);
      expect(line[0]).toBe(rowNumber);
      // the original cells, as the file held them (numbers stay numbers)
      expect(line.slice(1, width + 1), `row ${rowNumber}`).toEqual(lineOf(original, rowNumber, width));
      const record = returned.find((r) => r.rowNumbers.includes(rowNumber));
      const firstRow = record?.rowNumbers[0];
      expect(line[width + 1], `row ${rowNumber}`).toBe(firstRow === rowNumber ? (reasons.get(rowNumber) ?? []).join(' ') : `(cùng hồ sơ với dòng ${firstRow ?? ''})`);
    });
  });
});

// ---------------------------------------------------------------- 5: a cancel half-way

const LABOUR_HEADER = [
  'TT',
  'Họ và tên',
  'Ngày, tháng, năm sinh',
  'Giới tính',
  'Số ĐDCN',
  'Dân tộc',
  'Nơi thường trú',
  'Tình trạng hoạt động kinh tế',
  'Vị thế việc làm',
  'Công việc cụ thể',
];
const FAMILY_NAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hà', 'Khánh', 'Lan', 'Minh', 'Nga', 'Oanh', 'Phúc'];

/** A 12-digit personal ID of Hà Nội (001) for someone born in the 1900s. */
const idOf = (year: number, female: boolean, serial: number) => `001${female ? 1 : 0}${String(year % 100).padStart(2, '0')}${String(serial).padStart(6, '0')}`;

describe('a big import cancelled half-way', () => {
  it('rolls everything back: every table as it was, byte for byte', async () => {
    const db = await freshDb();
    const labour = DATA.find((f) => f.family === 'labour');
    if (labour === undefined) throw new Error('no labour fixture');
    // the database already holds the labour fixture
    const first = await preview(db, labour, ['Phiếu LĐ']);
    await commit(db, labour, first, 'update');
    const existing = (await liveRecords(db, labour.target)) as LabourRecord[];
    expect(existing.length).toBeGreaterThan(0);

    const ROWS = 3000;
    const rows: RawCell[][] = Array.from({ length: ROWS }, (_, i) => {
      const female = i % 2 === 1;
      const year = 1960 + (i % 40);
      const name = `${FAMILY_NAMES[i % FAMILY_NAMES.length] ?? ''} ${female ? 'Thị' : 'Văn'} ${GIVEN[Math.floor(i / 8) % GIVEN.length] ?? ''}`;
      return [i + 1, name, `15/0${(i % 9) + 1}/${year}`, female ? 'Nữ' : 'Nam', idOf(year, female, 500000 + i), 'Kinh', 'Thôn Đông, xã Hòa Bình', 'Có việc làm', 'Làm công ăn lương', 'Công nhân'];
    });
    // two people already in the database: updates
    existing.slice(0, 2).forEach((r, i) => {
      const row = rows[ROWS - 1 - i];
      if (row) row[4] = r.personalId;
    });
    const core = new ImportCore();
    const loaded = await core.load({ name: 'nguoi-lao-dong-ca-xa.xlsx', sheets: [sheetOf([['DANH SÁCH NGƯỜI LAO ĐỘNG'], LABOUR_HEADER, ...rows], { name: 'Toàn xã' })] });
    if (!loaded.ok) throw new Error(loaded.message);
    const header = loaded.value[0]?.header;
    if (header === undefined) throw new Error('no header');
    const mapping = proposeMapping(header.columns, 'labour').columns;
    const read = core.read({ sheets: [0], mapping, target: labour.target, ctx: db.ctx });
    const reviewed = await db.services.repos.imports.review(labour.target, read.items);
    expect(reviewed.counts).toEqual({ new: ROWS - 2, update: 2, duplicate: 0, rejected: 0, rows: ROWS });

    const tables = ['members', 'labour', 'declarations', 'dc01Cases', 'facts', 'audit', 'imports'] as const;
    const state = async () => Promise.all(tables.map((t) => db.services.db.table(t).toArray()));
    const before = await state();

    const abort = new AbortController();
    const reports: { done: number; total: number }[] = [];
    const request = { target: labour.target, file: 'nguoi-lao-dong-ca-xa.xlsx', scopeLabel: '', items: read.items, updates: 'update' as const, reviewed };
    const cancelled = await db.services.repos.imports.commit(request, db.officer.id, {
      chunk: 500,
      signal: abort.signal,
      onProgress: (p) => {
        reports.push(p);
        if (reports.length === 2) abort.abort();
      },
    });
    expect(cancelled).toEqual({ ok: false, code: 'cancelled', message: 'Đã hủy nhập: dữ liệu giữ nguyên như trước khi nhập.' });
    // 500 records were written inside the transaction before the cancel
    expect(reports).toEqual([
      { done: 0, total: ROWS },
      { done: 500, total: ROWS },
    ]);
    expect(await state()).toEqual(before);

    // nothing changed since the preview: the same import now goes through
    const done = await db.services.repos.imports.commit(request, db.officer.id, { chunk: 1000 });
    expect(done).toMatchObject({ ok: true, value: { imported: ROWS - 2, updated: 2, skipped: 0, rejected: 0, rows: ROWS } });
    expect(await db.services.db.labour.count()).toBe(existing.length + ROWS - 2);
  });
});
