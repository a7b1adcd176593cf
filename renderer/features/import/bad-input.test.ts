/**
 * The bad-input corpus (tests/fixtures/bad-inputs.ts) fed to the renderer's importers, each
 * file as the officer would pick it, against a fake-indexeddb database:
 * 1. the Excel/CSV import into each family — a member list, labour, vehicles, a DC01
 *    category — along the path the import screen takes in the browser build (ImportPage):
 *    the engine reads the file in memory → the first sheet with a table → the proposed (or
 *    remembered) columns, refused when they lack what the family needs → read → review;
 * 2. the report-template upload as the "Thêm mẫu báo cáo cấp trên" dialog checks a picked
 *    file (TemplatesSection's AddTemplateDialog.pick): checkXlsxBytes, then inspectTemplate.
 *
 * Every file must end as a Vietnamese error, or as a preview whose rows are rejected with a
 * Vietnamese reason or hold only harmless text — within a time limit, without an exception
 * escaping, and with every table of the database as it was. (The columns the officer
 * confirms are remembered when they press "Xem trước": their choice, not the file's, so it is
 * left out here.) One case goes on to import the formula files, to show that what looks like
 * a formula is stored as the literal text, and sent back as text.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { setUpUnit, testServices } from '../../testing/fixtures';
import { snapshotTables } from '../../testing/db-snapshot';
import type { AppServices } from '../../context/services';
import { readWorkbookFile, READ_LIMITS, READ_MESSAGES, type SheetReadError } from '../../excel/sheet-reader';
import { inspectTemplate, NO_SHEET_MESSAGE, TOO_MUCH_INFLATED_MESSAGE } from '../../excel/template-fill';
import { checkXlsxBytes } from '../../db/repositories/template-repo';
import type { ReviewedImport } from '../../db/repositories/import-repo';
import { createLocalEngine, type ImportEngine } from './engine';
import type { ReadOutcome, ReturnedRow, SheetOverview } from './import-core';
import { rowNumbersOf } from './PreviewStep';
import { targetOf, targetOptions } from './targets';
import { answerWithin, badInputs, FORMULA_LIKE_TEXTS, harmlessTextProblems, vietnameseMessageProblem, type BadInput } from '../../../tests/fixtures/bad-inputs';
import { mappingProblems, proposeMapping } from '../../../shared/import/columns';
import { zipInflatedSize } from '../../../shared/import/read-errors';
import { candidatePerson } from '../../../shared/import/merge';
import type { ImportTarget, RowContext } from '../../../shared/import/rows';
import type { Review } from '../../../shared/import/plan';
import type { RawCell } from '../../../shared/import/sheet-model';
import { tidyName } from '../../../shared/text/normalize';
import { isoDay } from '../../../shared/dates/partial-date';
import type { MemberRecord, Officer } from '../../../shared/domain/types';

const CORPUS = await badInputs();
const byId = (id: string): BadInput => {
  const input = CORPUS.find((i) => i.id === id);
  if (input === undefined) throw new Error(`no bad input ${id}`);
  return input;
};

/** An importer's answer must come within this; the test's own timeout is a little longer. */
const ANSWER_MS = 20_000;
const TEST_MS = ANSWER_MS + 5_000;

/** The import screen's choices, one per family ("Nhập vào"). */
const FAMILIES = [
  ['members', 'members:elderly'],
  ['labour', 'labour'],
  ['vehicles', 'vehicles'],
  ['dc01', 'dc01:missing_cmnd'],
] as const;

/**
 * How the in-memory import answers each input: refused with this code, or read ('preview':
 * then a preview, or no table found, or columns that "Xem trước" refuses).
 * A corpus input without an entry here fails the last test.
 */
const IMPORT_OUTCOME: Readonly<Record<string, SheetReadError | 'preview'>> = {
  'truncated-xlsx': 'corrupt',
  'random-bytes-xlsx': 'corrupt',
  'zip-with-text-file': 'corrupt',
  // refused before anything is inflated: READ_LIMITS.xlsxInflatedBytes
  'zip-bomb-xlsx': 'too-large',
  'pdf-renamed-xlsx': 'corrupt',
  'png-renamed-xlsx': 'corrupt',
  'empty-file': 'empty',
  // an OLE container named .xlsx: Excel's password-protected .xlsx looks the same
  'xls-renamed-xlsx': 'encrypted',
  'huge-cells': 'preview',
  formulas: 'preview',
  'formulas-csv': 'preview',
  'control-chars-xlsx': 'preview',
  'control-chars-csv': 'preview',
  'ten-thousand-columns': 'too-large',
  'header-only': 'preview',
  'csv-broken-quotes-nul': 'corrupt',
  'foreign-backup-renamed-xlsx': 'corrupt',
  'foreign-backup-json': 'unsupported',
  'foreign-backup-binary': 'unsupported',
};

const problemsOf = (problems: readonly (string | undefined)[]) => problems.filter((p): p is string => p !== undefined);

// ---------------------------------------------------------------- the database

type Db = { services: AppServices; officer: Officer; ctx: RowContext };

async function freshDb(): Promise<Db> {
  const services = testServices();
  const officer = await setUpUnit(services);
  const hamlets = await services.db.hamlets.orderBy('order').toArray();
  return { services, officer, ctx: { today: isoDay(services.clock()), hamlets: hamlets.map((h) => ({ id: h.id, name: h.name })) } };
}

/** The target of one of the screen's choices, as the screen builds it from the catalogues. */
async function targetFor(db: Db, value: string): Promise<ImportTarget> {
  const lists = await db.services.db.memberLists.orderBy('order').toArray();
  const categories = await db.services.db.dc01Categories.toArray();
  expect(targetOptions(lists, categories).map((o) => o.value)).toContain(value);
  const target = targetOf(value, lists, categories, db.ctx.today);
  if (target === undefined) throw new Error(`no target ${value}`);
  return target;
}

// ---------------------------------------------------------------- the import, as the screen runs it

type Outcome =
  | { readonly kind: 'refused'; readonly code: SheetReadError; readonly message: string }
  /** no sheet has a table: each sheet says why */
  | { readonly kind: 'no-table'; readonly problems: readonly string[] }
  /** the columns lack what the family needs: "Xem trước" stays disabled, with these reasons */
  | { readonly kind: 'columns-refused'; readonly problems: readonly string[] }
  | { readonly kind: 'preview'; readonly sheet: SheetOverview; readonly read: ReadOutcome; readonly review: ReviewedImport; readonly engine: ImportEngine };

async function importAsTheScreenDoes(db: Db, input: BadInput, target: ImportTarget): Promise<Outcome> {
  const engine = createLocalEngine();
  // each pick hands over a fresh copy of the file's bytes
  const loaded = await engine.load({ name: input.fileName, bytes: input.bytes.slice() });
  if (!loaded.ok) return { kind: 'refused', code: loaded.code, message: loaded.message };
  const sheets = loaded.value;
  const first = sheets.find((s) => s.header !== undefined && !s.hidden) ?? sheets.find((s) => s.header !== undefined) ?? sheets[0];
  if (first?.header === undefined) return { kind: 'no-table', problems: sheets.map((s) => s.problem ?? '') };
  const { imports } = db.services.repos;
  const proposal = proposeMapping(first.header.columns, target.family, await imports.savedMapping(target.family, first.signature));
  const problems = mappingProblems(proposal.columns, target.family);
  if (problems.length > 0) return { kind: 'columns-refused', problems };
  const read = await engine.read({ sheets: [first.index], mapping: proposal.columns, target, ctx: db.ctx });
  const review = await imports.review(target, read.items);
  return { kind: 'preview', sheet: first, read, review, engine };
}

const expectVietnamese = (message: unknown, label: string) => expect(problemsOf([vietnameseMessageProblem(message)]), label).toEqual([]);

/** The name cells (column B) of the input's first sheet, as the reader gives them, by Excel row. */
async function nameCells(input: BadInput): Promise<Map<number, RawCell>> {
  const read = await readWorkbookFile(input.fileName, input.bytes.slice());
  if (!read.ok) throw new Error(read.message);
  return new Map((read.value[0]?.rows ?? []).map((r) => [r.rowNumber, r.cells[1] ?? null]));
}

const FORMULA_START = /^[=+\-@]/;

/** Every row of the preview is rejected with Vietnamese reasons, or holds harmless text only. */
async function expectHarmlessPreview(outcome: Extract<Outcome, { kind: 'preview' }>, input: BadInput, label: string): Promise<void> {
  const { review, read } = outcome;
  const { counts } = review;
  expect(counts.new + counts.update + counts.duplicate + counts.rejected, label).toBe(counts.rows);
  expect(counts.rows, label).toBe(read.reads.reduce((n, r) => n + r.dataRows, 0));
  const names = await nameCells(input);
  for (const row of review.rows) {
    const at = `${label}, row ${rowNumbersOf(row).join('+')}`;
    if (row.kind === 'rejected') {
      expect(row.rejected.reasons.length, at).toBeGreaterThan(0);
      for (const reason of row.rejected.reasons) expectVietnamese(reason, at);
      continue;
    }
    if (row.kind === 'duplicate') expectVietnamese(row.message, at);
    for (const note of row.candidate.notes) expectVietnamese(note, at);
    expect(problemsOf(harmlessTextProblems(row.candidate.value)), at).toEqual([]);
    // what looks like a formula is kept as the text it is, never evaluated
    const fullName = candidatePerson(row.candidate.value).fullName;
    expect(typeof fullName, at).toBe('string');
    const cell = names.get(row.candidate.rowNumbers[0] ?? 0);
    if (typeof cell === 'string' && FORMULA_START.test(cell)) expect(fullName, at).toBe(tidyName(cell));
  }
}

/** One database for the cases that must not write: each compares every table before and after itself. */
let shared: Db;
beforeAll(async () => {
  shared = await freshDb();
});

describe.each(CORPUS.map((input) => [input.id, input] as const))('%s, imported from Excel/CSV', (_id, input) => {
  it.each(FAMILIES)(
    'into %s: a Vietnamese error or rows rejected or harmless, in time, nothing written',
    async (family, value) => {
      const db = shared;
      const target = await targetFor(db, value);
      expect(target.family).toBe(family);
      const before = await snapshotTables(db.services.db);
      const label = `${input.fileName} → ${value}`;
      const outcome = await answerWithin(label, ANSWER_MS, () => importAsTheScreenDoes(db, input, target));

      const expected = IMPORT_OUTCOME[input.id];
      if (outcome.kind === 'refused') {
        expectVietnamese(outcome.message, label);
        expect(outcome.code, label).toBe(expected);
      } else {
        expect(expected, `${label}: ${outcome.kind}`).toBe('preview');
        expect(input.opens, `${label}: not a spreadsheet, yet it was read`).toBe(true);
        if (outcome.kind === 'preview') await expectHarmlessPreview(outcome, input, label);
        else for (const problem of outcome.problems) expectVietnamese(problem, label);
      }
      expect(await snapshotTables(db.services.db), label).toStrictEqual(before);
    },
    TEST_MS,
  );
});

/** The preview of an input imported into a member list of a fresh database. */
async function previewOf(id: string): Promise<Extract<Outcome, { kind: 'preview' }>> {
  const db = await freshDb();
  const outcome = await importAsTheScreenDoes(db, byId(id), await targetFor(db, 'members:elderly'));
  if (outcome.kind !== 'preview') throw new Error(`${id}: ${outcome.kind}`);
  return outcome;
}

/** The name every row of the preview shows, accepted or rejected. */
const shownNames = (review: Review) => review.rows.map((r) => (r.kind === 'rejected' ? (r.rejected.shown?.fullName ?? '') : candidatePerson(r.candidate.value).fullName));

describe('what the import makes of the hostile spreadsheets', () => {
  it('a zip bomb is refused from what its zip says it holds, before exceljs inflates it', async () => {
    const input = byId('zip-bomb-xlsx');
    expect(zipInflatedSize(input.bytes)).toBeGreaterThan(READ_LIMITS.xlsxInflatedBytes);
    expect(await readWorkbookFile(input.fileName, input.bytes)).toEqual({ ok: false, code: 'too-large', message: READ_MESSAGES.tooMuchInflated(input.fileName, READ_LIMITS.xlsxInflatedBytes) });
  });

  it('a header without rows gives an empty preview', async () => {
    const { review } = await previewOf('header-only');
    expect(review.counts).toEqual({ new: 0, update: 0, duplicate: 0, rejected: 0, rows: 0 });
  });

  it('text that looks like a formula is read as that text, in .xlsx and .csv alike', async () => {
    for (const id of ['formulas', 'formulas-csv']) {
      const { review } = await previewOf(id);
      for (const text of FORMULA_LIKE_TEXTS) expect(shownNames(review), `${id}: ${text}`).toContain(tidyName(text));
    }
  });
});

// ---------------------------------------------------------------- committing the formula files

/** As ImportPage.returnedRows builds them. */
function returnedRows(review: Review): ReturnedRow[] {
  return review.rows.flatMap((row): ReturnedRow[] => {
    if (row.kind === 'rejected') return [{ sheet: row.sheet, rowNumbers: row.rejected.rowNumbers, reason: row.rejected.reasons.map((r) => r.replace(/^Dòng \d+: /, '')).join(' ') }];
    if (row.kind === 'duplicate') return [{ sheet: row.sheet, rowNumbers: rowNumbersOf(row), reason: row.message.replace(/^Dòng \d+: /, '') }];
    return [];
  });
}

/** The tables an import writes; every other one must stay byte for byte as it was. */
const IMPORT_WRITES = ['members', 'facts', 'audit', 'imports'];

describe('the formula files imported for real', () => {
  it.each(['formulas', 'formulas-csv'])(
    '%s: every accepted name stored as plain text, the literal formula text kept, nothing evaluated; the rows sent back are text',
    async (id) => {
      const input = byId(id);
      const db = await freshDb();
      const target = await targetFor(db, 'members:elderly');
      const before = await snapshotTables(db.services.db);
      const outcome = await answerWithin(input.fileName, ANSWER_MS, () => importAsTheScreenDoes(db, input, target));
      if (outcome.kind !== 'preview') throw new Error(`${id}: ${outcome.kind}`);
      expect(outcome.review.counts.new, 'some rows are accepted').toBeGreaterThan(0);

      const done = await db.services.repos.imports.commit(
        { target, file: input.fileName, scopeLabel: 'Hội Người cao tuổi', items: outcome.read.items, updates: 'update', reviewed: outcome.review },
        db.officer.id,
      );
      if (!done.ok) throw new Error(done.message);
      expect(done.value.imported).toBe(outcome.review.counts.new);

      // each new record: plain strings, the name exactly what the preview showed
      const records = (await db.services.db.members.toArray()) as MemberRecord[];
      expect(records).toHaveLength(outcome.review.counts.new);
      const names = await nameCells(input);
      for (const record of records) {
        const rows = record.statusLog[0]?.source?.rows ?? [];
        const label = `${id}, row ${rows.join('+')}`;
        expect(harmlessTextProblems(record), label).toEqual([]);
        expect(typeof record.fullName, label).toBe('string');
        const cell = names.get(rows[0] ?? 0);
        if (typeof cell === 'string') expect(record.fullName, label).toBe(tidyName(cell));
      }
      const stored = records.map((r) => r.fullName);
      for (const text of FORMULA_LIKE_TEXTS) {
        const rejected = outcome.review.rows.some((r) => r.kind === 'rejected' && r.rejected.shown?.fullName === tidyName(text));
        expect(rejected || stored.includes(tidyName(text)), `${id}: ${text} is stored as its text or rejected`).toBe(true);
      }
      // '=1+1' typed as text never becomes 2
      expect(stored).not.toContain('2');

      // nothing else changed
      const after = await snapshotTables(db.services.db);
      for (const table of Object.keys(before)) if (!IMPORT_WRITES.includes(table)) expect(after[table], table).toStrictEqual(before[table]);

      // the rows sent back to the sender hold text and numbers, never a formula
      const returned = returnedRows(outcome.review);
      const bytes = await outcome.engine.returnedWorkbook(`CÁC DÒNG KHÔNG NHẬP ĐƯỢC — TỆP “${input.fileName}”`, returned);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes.slice().buffer);
      const kinds = new Set<number>();
      wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => kinds.add(cell.type))));
      expect(kinds.has(ExcelJS.ValueType.Formula)).toBe(false);
      expect(kinds.has(ExcelJS.ValueType.Hyperlink)).toBe(false);
    },
    TEST_MS,
  );
});

// ---------------------------------------------------------------- the report-template upload

/** What AddTemplateDialog.pick does with a picked file before it may be saved. */
async function checkTemplateAsTheDialogDoes(input: BadInput): Promise<{ ok: true; problems: readonly string[] } | { ok: false; message: string }> {
  const data = input.bytes.slice();
  const bytes = checkXlsxBytes(data);
  if (!bytes.ok) return { ok: false, message: bytes.message };
  const checked = await inspectTemplate(data, new Set(), []);
  if (!checked.ok) return { ok: false, message: checked.message };
  return { ok: true, problems: checked.value.problems.map((p) => p.message) };
}

describe('the report-template upload', () => {
  it.each(CORPUS.map((input) => [input.id, input] as const))(
    '%s: a Vietnamese error, or a workbook that opens; in time, nothing written',
    async (id, input) => {
      const db = shared;
      const before = await snapshotTables(db.services.db);
      const outcome = await answerWithin(`${input.fileName} as a template`, ANSWER_MS, () => checkTemplateAsTheDialogDoes(input));
      if (!outcome.ok) expectVietnamese(outcome.message, id);
      else {
        expect(input.opens && input.fileName.endsWith('.xlsx'), `${id}: not a workbook, yet accepted as a template`).toBe(true);
        for (const problem of outcome.problems) expectVietnamese(problem, id);
      }
      expect(await snapshotTables(db.services.db)).toStrictEqual(before);
    },
    TEST_MS,
  );

  it('a zip holding a text file has no sheet; the zip bomb is refused from what its zip says, by the dialog and by inspectTemplate alike', async () => {
    for (const [id, message] of [
      ['zip-with-text-file', NO_SHEET_MESSAGE],
      ['zip-bomb-xlsx', TOO_MUCH_INFLATED_MESSAGE],
    ] as const) {
      const input = byId(id);
      expect(await checkTemplateAsTheDialogDoes(input), id).toEqual({ ok: false, message });
      expect(await inspectTemplate(input.bytes.slice(), new Set(), []), id).toEqual({ ok: false, code: 'unreadable', message });
    }
  });
});

// ---------------------------------------------------------------- known defects

describe('what the corpus once found wrong', () => {
  // shared/text/normalize.ts tidyText drops the bidirectional controls (U+061C, U+200E/F, U+202A-E, U+2066-9) with the other invisibles
  it('an RTL override (U+202E) is dropped from names, and from the texts a rejection quotes', async () => {
    for (const id of ['control-chars-xlsx', 'control-chars-csv']) {
      const { review } = await previewOf(id);
      for (const row of review.rows) {
        if (row.kind === 'rejected') for (const reason of row.rejected.reasons) expect(vietnameseMessageProblem(reason), id).toBeUndefined();
        else expect(harmlessTextProblems(row.candidate.value), id).toEqual([]);
      }
    }
  });

  // shared/import/rows.ts readPerson keeps the raw text of 'note' and 'address', so fieldMessage quotes it instead of saying it is missing
  it('a 40,000-character note is rejected as too long, not as missing ("thiếu ghi chú")', async () => {
    const { review } = await previewOf('huge-cells');
    const reasons = review.rows.flatMap((r) => (r.kind === 'rejected' ? r.rejected.reasons : []));
    expect(reasons).not.toContain('Dòng 5: thiếu ghi chú');
    expect(reasons.join(' ')).toMatch(/Ghi chú[^.]*quá dài/);
    expect(reasons).toContain('Dòng 5: Ghi chú "Ghi chú rất dài. Ghi chú rất dài. Ghi chú rất dài. Ghi chú …" (40.000 ký tự): Ghi chú quá dài (tối đa 1000 ký tự).');
  });

  // shared/import/rows.ts quoteCell quotes at most 60 characters with the cell's length; import-core cuts any text to an Excel cell
  it('a rejection quotes at most a readable part of a huge cell, so the rows sent back fit in Excel cells (32,767 characters)', async () => {
    const { review, engine } = await previewOf('huge-cells');
    const reasons = review.rows.flatMap((r) => (r.kind === 'rejected' ? r.rejected.reasons : []));
    for (const reason of reasons) expect(reason.length, reason.slice(0, 60)).toBeLessThanOrEqual(1_000);
    expect(reasons.some((r) => /^Dòng \d+: Họ và tên "Nguyễn Văn [^"]{40,60}…" \(32\.767 ký tự\): Họ tên quá dài/.test(r)), reasons.join('\n')).toBe(true);
    const bytes = await engine.returnedWorkbook('CÁC DÒNG KHÔNG NHẬP ĐƯỢC', returnedRows(review));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.slice().buffer);
    const lengths: number[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => lengths.push(String(cell.value).length))));
    expect(Math.max(...lengths)).toBeLessThanOrEqual(32_767);
    // the 40,000-character cells the file held are sent back cut to what a cell holds
    expect(lengths.filter((n) => n === 32_767).length).toBeGreaterThanOrEqual(2);
  });
});

describe('the expectations', () => {
  it('every corpus input has its import outcome here', () => {
    expect(Object.keys(IMPORT_OUTCOME).sort()).toEqual(CORPUS.map((i) => i.id).sort());
  });
});
