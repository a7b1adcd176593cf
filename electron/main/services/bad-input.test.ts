/**
 * The bad-input corpus (tests/fixtures/bad-inputs.ts) through the desktop's streaming reader
 * as the main process reads a picked spreadsheet (files.ts: readWorkbookStream(path, name)),
 * each file written to a temporary folder under the name it is picked by. Every one must end
 * as a Vietnamese error value, or as sheets of plain cells in which nothing that looks like a
 * formula was evaluated — within a time limit, without an exception escaping.
 */
import path from 'node:path';
import os from 'node:os';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerWithin, badInputs, FORMULA_LIKE_TEXTS, vietnameseMessageProblem, type BadInput } from '../../../tests/fixtures/bad-inputs';
import { READ_MESSAGES, streamInflatedLimit, type SheetReadError } from '../../../shared/import/read-errors';
import type { RawCell, Sheet } from '../../../shared/import/sheet-model';
import { readWorkbookStream } from './sheet-stream';

const CORPUS = await badInputs();

const ANSWER_MS = 20_000;
const TEST_MS = ANSWER_MS + 5_000;

/** How the streaming reader answers each input: refused with this code, or sheets. */
const STREAM_OUTCOME: Readonly<Record<string, SheetReadError | 'sheets'>> = {
  'truncated-xlsx': 'corrupt',
  'random-bytes-xlsx': 'corrupt',
  'zip-with-text-file': 'corrupt',
  // refused from what its central directory says it inflates to (streamInflatedLimit), before exceljs inflates a byte
  'zip-bomb-xlsx': 'too-large',
  'pdf-renamed-xlsx': 'corrupt',
  'png-renamed-xlsx': 'corrupt',
  'empty-file': 'empty',
  'xls-renamed-xlsx': 'encrypted',
  'huge-cells': 'sheets',
  formulas: 'sheets',
  'formulas-csv': 'sheets',
  'control-chars-xlsx': 'sheets',
  'control-chars-csv': 'sheets',
  'ten-thousand-columns': 'too-large',
  'header-only': 'sheets',
  'csv-broken-quotes-nul': 'corrupt',
  'foreign-backup-renamed-xlsx': 'corrupt',
  'foreign-backup-json': 'unsupported',
  'foreign-backup-binary': 'unsupported',
};

/** The temporary files exceljs made in this process (the `tmp` package names them tmp-<pid>-…). */
const ownTemporaryFiles = async () => (await readdir(os.tmpdir())).filter((f) => f.startsWith(`tmp-${process.pid}-`));

let dir: string;
let temporaryBefore: readonly string[];
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sodean06-bad-input-'));
  temporaryBefore = await ownTemporaryFiles();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  // should the last test fail: a test worker never quits cleanly, so `tmp` would not remove them
  const own = await ownTemporaryFiles();
  await Promise.all(own.map((f) => rm(path.join(os.tmpdir(), f), { force: true })));
});

async function fileOf(input: BadInput): Promise<string> {
  const folder = await mkdtemp(path.join(dir, `${input.id}-`));
  const file = path.join(folder, input.fileName);
  await writeFile(file, input.bytes);
  return file;
}

/** A cell of the import model: text, a number, a yes/no, a date serial — never an exceljs object. */
function isPlainCell(cell: RawCell): boolean {
  if (cell === null || typeof cell === 'string' || typeof cell === 'number' || typeof cell === 'boolean') return true;
  return Object.keys(cell).join() === 'serialDate' && typeof cell.serialDate === 'number';
}

/** Column B (the names) of the first sheet, by Excel row. */
const namesOf = (sheets: readonly Sheet[]) => new Map((sheets[0]?.rows ?? []).map((r) => [r.rowNumber, r.cells[1] ?? null]));

describe('the desktop streaming reader on bad input files', () => {
  it.each(CORPUS.map((input) => [input.id, input] as const))(
    '%s: a Vietnamese error, or sheets of plain cells, in time',
    async (id, input) => {
      const file = await fileOf(input);
      const result = await answerWithin(`readWorkbookStream(${input.fileName})`, ANSWER_MS, () => readWorkbookStream(file, input.fileName));
      if (!result.ok) {
        expect(vietnameseMessageProblem(result.message), id).toBeUndefined();
        expect(result.code, id).toBe(STREAM_OUTCOME[id]);
        return;
      }
      expect(STREAM_OUTCOME[id], id).toBe('sheets');
      expect(input.opens, `${id}: not a spreadsheet, yet it was read`).toBe(true);
      for (const sheet of result.value) for (const row of sheet.rows) for (const cell of row.cells) expect(isPlainCell(cell), `${id} ${sheet.name}!${row.rowNumber}: ${JSON.stringify(cell)}`).toBe(true);
    },
    TEST_MS,
  );

  it('every corpus input has its outcome here', () => {
    expect(Object.keys(STREAM_OUTCOME).sort()).toEqual(CORPUS.map((i) => i.id).sort());
  });

  it('the zip bomb is refused from what its zip says it holds, for the size it weighs', async () => {
    const input = CORPUS.find((i) => i.id === 'zip-bomb-xlsx');
    if (input === undefined) throw new Error('no zip bomb');
    const file = await fileOf(input);
    const limit = streamInflatedLimit((await stat(file)).size);
    expect(await readWorkbookStream(file, input.fileName)).toEqual({ ok: false, code: 'too-large', message: READ_MESSAGES.tooMuchInflated(input.fileName, limit) });
  });

  it('no read left a temporary file of exceljs behind (a sheet stored before the shared strings goes through one)', async () => {
    expect((await ownTemporaryFiles()).filter((f) => !temporaryBefore.includes(f))).toEqual([]);
  });
});

describe('formulas read by the streaming reader', () => {
  const read = async (id: string) => {
    const input = CORPUS.find((i) => i.id === id);
    if (input === undefined) throw new Error(`no bad input ${id}`);
    const result = await readWorkbookStream(await fileOf(input), input.fileName);
    if (!result.ok) throw new Error(result.message);
    return namesOf(result.value);
  };

  it('a formula cell gives the result Excel cached (nothing when none); text that looks like a formula stays that text', async () => {
    const names = await read('formulas');
    // =1+1 cached as 2; =HYPERLINK(…) cached as "bấm"; a formula without a cached result; a link cell's text
    expect([3, 4, 5, 6].map((row) => names.get(row) ?? null)).toEqual([2, 'bấm', null, 'Trần Văn Liên Kết']);
    expect(FORMULA_LIKE_TEXTS.map((_, i) => names.get(8 + i))).toEqual([...FORMULA_LIKE_TEXTS]);
  });

  it('a CSV cell that starts with =, +, - or @ is text, as written', async () => {
    const names = await read('formulas-csv');
    expect(FORMULA_LIKE_TEXTS.map((_, i) => names.get(2 + i))).toEqual([...FORMULA_LIKE_TEXTS]);
  });
});
