/**
 * Every messy fixture file (tests/fixtures/make-fixtures.ts) end to end through the pure
 * import pipeline: bytes → sheets → legacy columns and header → mapping → rows → review
 * against an empty database, with the exact outcome each fixture states. A new fixture is
 * a new row.
 *
 * Never a silent loss: every row under a sheet's header is skipped for a stated reason or
 * read, and every row read ends up new, an update, a duplicate or rejected with a reason —
 * the four counts add up to the rows read.
 */
import { describe, expect, it } from 'vitest';
import { READ_MESSAGES } from './sheet-reader';
import { FIXTURES, type FixtureSpec, type SheetExpectation } from '../../tests/fixtures/make-fixtures';
import { importFixture, reviewTogether, type SheetImport } from '../../tests/fixtures/pipeline';
import { SKIP_LABELS, type SkipReason } from '../../shared/import/rows';
import type { Review } from '../../shared/import/plan';

const DATA = FIXTURES.filter((f) => 'sheets' in f.expected);
const BROKEN = FIXTURES.filter((f) => 'error' in f.expected);

async function sheetsOf(spec: FixtureSpec): Promise<SheetImport[]> {
  const result = await importFixture(spec);
  if (!result.ok) throw new Error(`${spec.file}: ${result.message}`);
  return result.value;
}

type Read = Extract<SheetImport, { proposal: object }>;
type Expected = Extract<SheetExpectation, { header: object }>;

const rejectedReasons = (review: Review): string[] => review.rows.flatMap((r) => (r.kind === 'rejected' ? r.rejected.reasons : []));
const duplicateMessages = (review: Review): string[] => review.rows.flatMap((r) => (r.kind === 'duplicate' ? [r.message] : []));

function skippedByReason(got: Read): Partial<Record<SkipReason, number[]>> {
  const out: Partial<Record<SkipReason, number[]>> = {};
  for (const s of got.read.skipped) (out[s.why] ??= []).push(s.rowNumber);
  return out;
}

function checkSheet(got: Read, want: Expected): void {
  const { top, bottom, numberingRow, dataStart } = got.header;
  expect({ top, bottom, numberingRow, dataStart }).toEqual({ numberingRow: undefined, ...want.header });
  // KNOWN defects (see the fixture's `known`): it states the correct outcome, which the pipeline does not reach yet.
  if (want.known !== undefined) return;
  expect(got.proposal.columns.map((c) => c.field)).toEqual(want.fields);
  expect(Object.fromEntries(got.analysis.legacy.map((c) => [c.column, c.encoding]))).toEqual(want.legacy ?? {});
  expect(skippedByReason(got)).toEqual(want.skipped);
  expect(got.read.dataRows).toBe(want.dataRows);
  expect(got.review.counts).toEqual(want.counts);
  expect(rejectedReasons(got.review)).toEqual(want.rejected);
  expect(duplicateMessages(got.review)).toEqual(want.duplicates);
  const notes = got.review.rows.flatMap((r) => (r.kind === 'rejected' ? [] : r.candidate.notes));
  for (const note of want.notes) expect(notes).toContain(note);
  for (const [row, value] of Object.entries(want.values ?? {})) {
    const found = got.review.rows.find((r) => r.kind !== 'rejected' && r.candidate.rowNumbers[0] === Number(row));
    expect(found, `no candidate starts at row ${row}`).toBeDefined();
    if (found && found.kind !== 'rejected') expect(found.candidate.value, `row ${row}`).toMatchObject(value as object);
  }
}

/** The invariant, from the sheet itself: no row under the header is lost. */
function checkNothingLost(got: Read): void {
  const under = got.sheet.rows.filter((r) => r.rowNumber >= got.header.dataStart).map((r) => r.rowNumber);
  const skipped = got.read.skipped.map((s) => s.rowNumber);
  const read = got.read.items.flatMap((i) => i.rowNumbers);
  // every row under the header is skipped or read, exactly once
  expect([...skipped, ...read].sort((a, b) => a - b)).toEqual(under);
  expect(read).toHaveLength(got.read.dataRows);
  // the four counts add up to the rows read
  const { counts } = got.review;
  expect(counts.new + counts.update + counts.duplicate + counts.rejected).toBe(counts.rows);
  expect(counts.rows).toBe(got.read.dataRows);
  // every rejected row says why, with its Excel row number; every skipped row has a label
  for (const row of got.review.rows) {
    if (row.kind !== 'rejected') continue;
    expect(row.rejected.reasons.length).toBeGreaterThan(0);
    for (const reason of row.rejected.reasons) expect(reason).toMatch(/^Dòng \d+: \S/);
  }
  for (const s of got.read.skipped) expect(SKIP_LABELS[s.why]).toBeTruthy();
}

describe('messy fixture files: import end to end', () => {
  it.each(DATA.map((f) => [f.file, f] as const))('%s', async (_file, spec) => {
    if (!('sheets' in spec.expected)) throw new Error('not a data fixture');
    const sheets = await sheetsOf(spec);
    expect(sheets.map((s) => s.sheet.name)).toEqual(spec.expected.sheets.map((s) => s.sheet));
    spec.expected.sheets.forEach((want, i) => {
      const got = sheets[i];
      if (got === undefined) throw new Error(`missing sheet ${want.sheet}`);
      if ('noHeader' in want) {
        expect(got.header, `sheet ${want.sheet}`).toBeUndefined();
        expect(got.analysis.problem).toContain(`trang "${want.sheet}"`);
        return;
      }
      if (got.header === undefined) throw new Error(`${spec.file} / ${want.sheet}: ${got.analysis.problem ?? ''}`);
      checkNothingLost(got);
      checkSheet(got, want);
    });
    const together = spec.expected.together;
    if (together !== undefined) {
      const review = reviewTogether(sheets, together.sheets, spec);
      expect(review.counts).toEqual(together.counts);
      const perSheet = together.sheets.map((name) => {
        const found = sheets.find((s) => s.sheet.name === name);
        return found?.header === undefined ? 0 : found.review.counts.rows;
      });
      expect(review.counts.rows).toBe(perSheet.reduce((a, b) => a + b, 0));
      expect(review.rows.flatMap((r) => (r.kind === 'duplicate' ? [[r.sheet, r.message]] : []))).toEqual(together.duplicates);
    }
  });
});

describe('messy fixture files: refused with a Vietnamese message', () => {
  it.each(BROKEN.map((f) => [f.file, f] as const))('%s', async (_file, spec) => {
    if (!('error' in spec.expected)) throw new Error('not a broken fixture');
    const result = await importFixture(spec);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe(spec.expected.error);
    if (spec.expected.error !== 'too-large') expect(result.message).toBe(READ_MESSAGES[spec.expected.error](spec.file));
  });
});

describe('the fixtures themselves', () => {
  it('have distinct file names and cover every family and every way a file is refused here', () => {
    expect(new Set(FIXTURES.map((f) => f.file)).size).toBe(FIXTURES.length);
    expect(new Set(DATA.map((f) => f.family))).toEqual(new Set(['members', 'labour', 'vehicles', 'dc01']));
    expect(new Set(BROKEN.map((f) => 'error' in f.expected && f.expected.error))).toEqual(new Set(['xls', 'encrypted', 'corrupt', 'empty']));
  });

  it('are built the same way every time (an .xlsx differs only in its zip timestamps)', async () => {
    for (const spec of FIXTURES) {
      if ('sheets' in spec.expected && spec.file.endsWith('.xlsx')) {
        const [a, b] = await Promise.all([importFixture(spec), importFixture(spec)]);
        expect(a.ok && a.value.map((s) => s.sheet), spec.file).toEqual(b.ok && b.value.map((s) => s.sheet));
      } else if (!('error' in spec.expected && spec.expected.error === 'corrupt')) {
        expect(await spec.build(), spec.file).toEqual(await spec.build());
      }
    }
  });
});
