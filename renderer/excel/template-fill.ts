/**
 * Fills the superior unit's own .xlsx form (mẫu của cấp trên) with a period's
 * figures and record lists, keeping everything else in it — styles, merges,
 * widths, heights, print setup, other text. The rules (placeholders, what a
 * cell becomes, where rows move) are in shared/report/template.ts; this file
 * only reads cells out of exceljs and writes the answers back.
 *
 * exceljs quirks handled here, found in its 4.4 source:
 * - `spliceRows`/`insertRow` leave `_merges` at the old addresses and re-merge
 *   moved cells only when `cell._value.constructor.name === 'MergeValue'` —
 *   in the minified browser build (dist/exceljs.min.js) that class is anonymous,
 *   so merges below an inserted row would stay behind. Record rows are therefore
 *   expanded here by rebuilding the sheet's rows and merges from its model.
 * - Merged cells other than the top-left one report the top-left cell's value;
 *   they are skipped when reading, or every placeholder would count twice.
 * - Cells read from a file share one style object per style id, so
 *   `cell.numFmt = …` would change every cell of that style: styles are replaced, never mutated.
 * - Shared formulas name their master cell by address; once rows move that
 *   address is wrong, so they become ordinary formulas before anything moves.
 * - A formula's cached result is stale once rows move or figures change:
 *   Excel is asked to recalculate on open.
 */
import { excelModule, loadWorkbook, type ExcelJSModule } from './load';
import type { Cell, Workbook, Worksheet } from 'exceljs';
import { err, ok, type Err, type Ok, type Result } from '../../shared/result';
import {
  analyzeTemplate,
  itemOf,
  mayHoldPlaceholder,
  parseSheetAddress,
  resolveCell,
  resolveItemCell,
  resolveRuns,
  rowMap,
  sheetAddress,
  shiftFormulaRows,
  type Resolved,
  type RowExpansion,
  type RowMap,
  type TemplateAnalysis,
  type TemplateCell,
  type TemplateItem,
  type TemplateProblem,
  type TemplateRowSetShape,
  type TemplateValues,
} from '../../shared/report/template';
import { reportValues, type ReportKey } from '../../shared/report/values';
import type { CellValue, NameLookup } from '../../shared/report/detail';
import type { Period } from '../../shared/settings/period';
import type { ReportTemplate } from '../../shared/domain/types';
import { formatCount } from '../../shared/format/numbers';
import { READ_LIMITS, zipInflatedSize } from '../../shared/import/read-errors';
import type { RowSet } from '../db/repositories/report-rows';

export type { ExcelJSModule } from './load';

/** A cell the fill wrote, with what it must read back as. */
export type FilledCell = {
  /** "Sheet1!C7" */
  readonly address: string;
  /** the key, or "members.elderly[3].fullName" in a table, or the keys of a text cell joined by ", " */
  readonly key: string;
  readonly value: number | string | Date | null;
};

export type FillRowSet = TemplateRowSetShape & {
  /** the set's records, cells in column order; omitted → `loadRows` */
  readonly rows?: readonly (readonly CellValue[])[];
};

export type FillInput = {
  readonly data: Uint8Array;
  readonly values: TemplateValues;
  readonly rowSets: readonly FillRowSet[];
  /** reads a set the template uses, when its `rows` are not given */
  readonly loadRows?: (setKey: string) => Promise<readonly (readonly CellValue[])[]>;
  readonly onProgress?: (message: string) => void;
  readonly excel?: ExcelJSModule;
};

export type WithProblems<E> = E & { readonly problems?: TemplateProblem[] };

export type FillOutput = {
  readonly data: Uint8Array<ArrayBuffer>;
  readonly filled: FilledCell[];
  /** things the officer should look at that do not stop the hand-over */
  readonly warnings: TemplateProblem[];
};

export const UNREADABLE_MESSAGE = 'Không đọc được tệp mẫu: tệp hỏng hoặc không phải tệp Excel .xlsx. Mở tệp bằng Excel, lưu lại dạng .xlsx rồi nạp lại.';
/** A zip that holds no worksheet (another file zipped and renamed, a damaged workbook). */
export const NO_SHEET_MESSAGE =
  'Tệp mẫu không có trang tính (sheet) nào nên không dùng làm mẫu được — có thể đây không phải tệp Excel .xlsx. Mở tệp bằng Excel, kiểm tra lại mẫu, lưu lại dạng .xlsx rồi nạp lại.';
/**
 * A template whose parts say they inflate to more than READ_LIMITS.xlsxInflatedBytes: the
 * import's READ_MESSAGES.tooMuchInflated speaks of a list to import in several files, which a
 * template is not.
 */
export const TOO_MUCH_INFLATED_MESSAGE =
  `Tệp mẫu chứa quá nhiều dữ liệu (giải nén ra hơn ${formatCount(Math.round(READ_LIMITS.xlsxInflatedBytes / 1024 / 1024))} MB), không giống một mẫu báo cáo. ` +
  'Có thể tệp bị định dạng thừa ở rất nhiều dòng, cột trống: chép riêng phần biểu mẫu sang một tệp mới, lưu dạng .xlsx rồi nạp lại.';

// ---------------------------------------------------------------- reading

/** The text of a cell: plain, rich text or a hyperlink's text; null for anything else. */
function cellText(cell: Cell): string | null {
  const v = cell.value;
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('hyperlink' in v) {
      const text: unknown = v.text;
      if (typeof text === 'string') return text;
      if (text && typeof text === 'object' && 'richText' in text && Array.isArray(text.richText)) {
        return (text.richText as { text: string }[]).map((r) => r.text).join('');
      }
    }
  }
  return null;
}

type Scan = { cells: TemplateCell[]; hasFormulas: boolean };

function scanWorkbook(excel: ExcelJSModule, workbook: Workbook): Scan {
  const cells: TemplateCell[] = [];
  let hasFormulas = false;
  for (const ws of workbook.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.type === excel.ValueType.Merge) return;
        if (cell.type === excel.ValueType.Formula) hasFormulas = true;
        cells.push({ sheet: ws.name, row: Number(cell.row), col: Number(cell.col), text: cellText(cell) });
      });
    });
  }
  return { cells, hasFormulas };
}

/**
 * A merge that runs from a record row into another row cannot be repeated per
 * record (each copy would be swallowed by the merge): only merges within the row are.
 */
function crossingMerges(workbook: Workbook, tables: TemplateAnalysis['tables']): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const t of tables) {
    const ws = workbook.getWorksheet(t.sheet);
    if (!ws) continue;
    for (const range of (ws as unknown as WorksheetInternals).model.merges) {
      const m = RANGE.exec(range);
      if (!m || m[4] === undefined) continue;
      const top = Number(m[2]);
      const bottom = Number(m[4]);
      if (top < bottom && top <= t.row && t.row <= bottom) {
        problems.push({
          address: `${t.sheet}!${range}`,
          key: `#rows ${t.set}`,
          message: `Ô gộp ${range} chạy qua dòng bảng (dòng ${t.row}) — trong dòng bảng chỉ gộp các ô cùng một dòng.`,
        });
      }
    }
  }
  return problems;
}

/** The analysis of a loaded workbook, merges included. */
function analyzeWorkbook(excel: ExcelJSModule, workbook: Workbook, validKeys: ReadonlySet<string>, rowSets: readonly TemplateRowSetShape[]) {
  const scan = scanWorkbook(excel, workbook);
  const analysis = analyzeTemplate(scan.cells, validKeys, rowSets);
  const merges = crossingMerges(workbook, analysis.tables);
  return { scan, analysis: merges.length ? { ...analysis, problems: [...analysis.problems, ...merges] } : analysis };
}

/**
 * A template's workbook, or why it cannot be one: a zip whose parts say they inflate to
 * more than READ_LIMITS.xlsxInflatedBytes is refused before exceljs inflates it (whole, into
 * memory); one exceljs cannot read, or that holds no worksheet, after.
 */
async function loadTemplate(excel: ExcelJSModule, data: Uint8Array): Promise<Result<Workbook, 'unreadable'>> {
  const inflated = zipInflatedSize(data);
  if (inflated !== undefined && inflated > READ_LIMITS.xlsxInflatedBytes) return err('unreadable', TOO_MUCH_INFLATED_MESSAGE);
  const workbook = await loadWorkbook(excel, data);
  if (!workbook) return err('unreadable', UNREADABLE_MESSAGE);
  if (workbook.worksheets.length === 0) return err('unreadable', NO_SHEET_MESSAGE);
  return ok(workbook);
}

/** What Settings shows for a template: its problems and what it uses, or why it cannot be read. */
export async function inspectTemplate(
  data: Uint8Array,
  validKeys: ReadonlySet<string>,
  rowSets: readonly TemplateRowSetShape[],
  excel?: ExcelJSModule,
): Promise<Result<TemplateAnalysis, 'unreadable'>> {
  const mod = await excelModule(excel);
  const workbook = await loadTemplate(mod, data);
  if (!workbook.ok) return workbook;
  return ok(analyzeWorkbook(mod, workbook.value, validKeys, rowSets).analysis);
}

// ---------------------------------------------------------------- moving rows

type CellModel = {
  address: string;
  type: number;
  formula?: string;
  ref?: string;
  shareType?: string;
  sharedFormula?: string;
  style?: unknown;
  [field: string]: unknown;
};
type RowModel = { number: number; cells: CellModel[]; [field: string]: unknown };

/** The parts of an exceljs worksheet its typings leave out. */
type WorksheetInternals = {
  model: { rows: RowModel[]; merges: string[] };
  _parseRows(model: { rows: RowModel[] }): void;
  _merges: Record<string, unknown>;
  mergeCellsWithoutStyle(range: string): void;
  conditionalFormattings?: { ref: string; rules: { formulae?: string[] }[] }[];
  dataValidations: { model: Record<string, { formulae?: unknown[] } | undefined> };
  rowBreaks?: { id: number }[];
  tables?: Record<string, unknown>;
};

type DefinedNamesInternals = { spliceRows(sheet: string, start: number, numDelete: number, numInsert: number): void };

type ImageAnchor = { nativeRow: number };

const RANGE = /^([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?$/;

function withRow(address: string, row: number): string {
  return address.replace(/\d+$/, String(row));
}

/** Shared formulas become ordinary ones: their master's address would be wrong once rows move. */
function unshareFormulas(excel: ExcelJSModule, workbook: Workbook): void {
  for (const ws of workbook.worksheets) {
    const shared: { cell: Cell; formula: string; result: unknown }[] = [];
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.type !== excel.ValueType.Formula) return;
        const v = cell.value as { sharedFormula?: string; shareType?: string; result?: unknown };
        if (v.sharedFormula !== undefined || v.shareType === 'shared') shared.push({ cell, formula: cell.formula, result: v.result });
      }),
    );
    // all formulas are read before any is changed: a clone reads its master's
    for (const s of shared) s.cell.value = { formula: s.formula, result: s.result } as Cell['value'];
  }
}

/** Shifts formulas on a sheet whose rows stay put but that refers to sheets that moved. */
function shiftFormulasInPlace(excel: ExcelJSModule, ws: Worksheet, maps: ReadonlyMap<string, RowMap>): void {
  ws.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (cell.type !== excel.ValueType.Formula) return;
      const v = cell.value as { formula?: string; result?: unknown };
      if (!v.formula) return;
      const moved = shiftFormulaRows(v.formula, ws.name, maps);
      if (moved !== v.formula) cell.value = { ...v, formula: moved } as Cell['value'];
    }),
  );
}

/**
 * Rebuilds a sheet with its record rows expanded: each record row copied
 * `count` times (values, styles, height, merges inside it), every row below
 * moved down, and merges, conditional formats, validations, page breaks,
 * images, print area and defined names moved with them.
 */
function expandSheet(
  excel: ExcelJSModule,
  workbook: Workbook,
  ws: Worksheet,
  expansions: readonly RowExpansion[],
  maps: ReadonlyMap<string, RowMap>,
): void {
  const internals = ws as unknown as WorksheetInternals;
  const map = maps.get(ws.name)!;
  const counts = new Map(expansions.map((e) => [e.row, e.count]));
  const model = internals.model;

  const cloneCell = (cell: CellModel, row: number, formulaMaps: ReadonlyMap<string, RowMap>): CellModel => {
    const address = withRow(cell.address, row);
    if (cell.type === excel.ValueType.Merge) return { address, type: excel.ValueType.Null, style: cell.style };
    const copy: CellModel = { ...cell, address };
    if (typeof cell.formula === 'string') copy.formula = shiftFormulaRows(cell.formula, ws.name, formulaMaps);
    if (typeof cell.ref === 'string') copy.ref = shiftFormulaRows(cell.ref, ws.name, formulaMaps);
    return copy;
  };

  const rows: RowModel[] = [];
  for (const row of [...model.rows].sort((a, b) => a.number - b.number)) {
    const count = counts.get(row.number);
    if (count === undefined) {
      const number = map(row.number, 'start');
      rows.push({ ...row, number, cells: row.cells.map((c) => cloneCell(c, number, maps)) });
      continue;
    }
    const first = map(row.number, 'start');
    for (let i = 0; i < count; i++) {
      // a formula in a record row that refers to its own row refers to its copy's row
      const own: RowMap = (r, edge) => (r === row.number ? first + i : map(r, edge));
      const cloneMaps = new Map(maps).set(ws.name, own);
      rows.push({ ...row, number: first + i, cells: row.cells.map((c) => cloneCell(c, first + i, cloneMaps)) });
    }
  }

  const merges: string[] = [];
  for (const range of model.merges) {
    const m = RANGE.exec(range);
    if (!m) continue;
    const [, c1, r1, c2 = c1, r2 = r1] = m;
    const top = Number(r1);
    const bottom = Number(r2);
    const count = counts.get(top);
    if (top === bottom && count !== undefined) {
      for (let i = 0; i < count; i++) merges.push(`${c1}${map(top, 'start') + i}:${c2}${map(top, 'start') + i}`);
    } else {
      merges.push(`${c1}${map(top, 'start')}:${c2}${map(bottom, 'end')}`);
    }
  }

  internals._parseRows({ rows });
  internals._merges = {};
  for (const range of merges) internals.mergeCellsWithoutStyle(range);

  const shift = (text: string) => shiftFormulaRows(text, ws.name, maps);
  if (internals.conditionalFormattings) {
    internals.conditionalFormattings = internals.conditionalFormattings.map((cf) => ({
      ...cf,
      ref: cf.ref.split(/\s+/).map(shift).join(' '),
      rules: cf.rules.map((rule) => (rule.formulae ? { ...rule, formulae: rule.formulae.map((f) => (typeof f === 'string' ? shift(f) : f)) } : rule)),
    }));
  }
  const validations: Record<string, { formulae?: unknown[] } | undefined> = {};
  for (const [address, validation] of Object.entries(internals.dataValidations.model)) {
    if (!validation) continue;
    const m = RANGE.exec(address);
    if (!m) continue;
    const row = Number(m[2]);
    const moved = validation.formulae
      ? { ...validation, formulae: validation.formulae.map((f) => (typeof f === 'string' ? shift(f) : f)) }
      : validation;
    const count = counts.get(row) ?? 1;
    for (let i = 0; i < count; i++) validations[`${m[1]}${map(row, 'start') + i}`] = moved;
  }
  internals.dataValidations.model = validations;
  if (internals.rowBreaks) internals.rowBreaks = internals.rowBreaks.map((b) => ({ ...b, id: map(b.id, 'end') }));
  for (const image of ws.getImages()) {
    const range = image.range as unknown as { tl?: ImageAnchor; br?: ImageAnchor };
    for (const anchor of [range.tl, range.br]) {
      if (anchor && typeof anchor.nativeRow === 'number') anchor.nativeRow = map(anchor.nativeRow + 1, 'start') - 1;
    }
  }
  const setup = ws.pageSetup;
  if (setup.printArea) setup.printArea = setup.printArea.split('&&').map(shift).join('&&');
  if (setup.printTitlesRow) setup.printTitlesRow = shift(setup.printTitlesRow);
  const names = workbook.definedNames as unknown as DefinedNamesInternals;
  for (const e of [...expansions].sort((a, b) => b.row - a.row)) {
    if (e.count > 1) names.spliceRows(ws.name, e.row + 1, 0, e.count - 1);
  }
}

// ---------------------------------------------------------------- writing values

const DATE_FORMAT = 'dd/mm/yyyy';

/** A number format that shows a date (not General, text, a number or a percentage). */
function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt || /^(general|@)$/i.test(numFmt)) return false;
  return /[dy]|m{1,4}(?![^[]*\])/i.test(numFmt.replace(/"[^"]*"|\[[^\]]*\]|\\./g, ''));
}

const utcDay = (iso: string) => new Date(`${iso}T00:00:00Z`);

type Original = { richText?: { text: string; font?: unknown }[]; hyperlink?: { hyperlink: string; tooltip?: string } };

function originalOf(cell: Cell): Original {
  const v = cell.value;
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    if ('richText' in v && Array.isArray(v.richText)) return { richText: v.richText };
    if ('hyperlink' in v && typeof v.hyperlink === 'string') {
      const tooltip = (v as { tooltip?: unknown }).tooltip;
      return { hyperlink: { hyperlink: v.hyperlink, ...(typeof tooltip === 'string' ? { tooltip } : {}) } };
    }
  }
  return {};
}

/** Writes what a cell became; returns what it must read back as. */
function write(cell: Cell, resolved: Resolved | { kind: 'runs'; runs: readonly { from: number; text: string }[] }, original: Original): FilledCell['value'] {
  switch (resolved.kind) {
    case 'number':
      cell.value = resolved.value;
      return resolved.value;
    case 'date': {
      const day = utcDay(resolved.value);
      cell.value = day;
      if (!isDateFormat(cell.numFmt)) cell.style = { ...cell.style, numFmt: DATE_FORMAT };
      return day;
    }
    case 'empty':
      cell.value = null;
      return null;
    case 'text':
      cell.value = original.hyperlink ? { text: resolved.value, ...original.hyperlink } : resolved.value;
      return resolved.value;
    case 'runs': {
      const runs = resolved.runs.filter((r) => r.text !== '').map((r) => ({ ...original.richText?.[r.from], text: r.text }));
      cell.value = runs.length ? ({ richText: runs } as Cell['value']) : null;
      return runs.length ? runs.map((r) => r.text).join('') : null;
    }
  }
}

function fillOne(cell: Cell, text: string, values: TemplateValues, item: TemplateItem | undefined): FilledCell['value'] {
  const original = originalOf(cell);
  if (original.richText) {
    return write(cell, resolveRuns(original.richText.map((r) => r.text), values, item), original);
  }
  return write(cell, item ? resolveItemCell(text, item, values) : resolveCell(text, values), original);
}

// ---------------------------------------------------------------- the fill

type FillFailure = WithProblems<Err<'template_invalid' | 'unreadable'>>;

function invalid(problems: TemplateProblem[]): FillFailure {
  return {
    ...err('template_invalid', `Mẫu có ${problems.length} chỗ dùng mã số liệu không có hoặc viết sai — chưa điền. Sửa mẫu theo danh sách dưới đây rồi nạp lại trong Cài đặt.`),
    problems,
  };
}

/**
 * Fills a template. Every unknown key, set or field is reported, with its cell,
 * before anything is written: then no file is made.
 */
export async function fillTemplate(input: FillInput): Promise<Ok<FillOutput> | FillFailure> {
  const excel = await excelModule(input.excel);
  input.onProgress?.('Đang đọc mẫu…');
  const loaded = await loadTemplate(excel, input.data);
  if (!loaded.ok) return loaded;
  const workbook = loaded.value;
  const { scan, analysis } = analyzeWorkbook(excel, workbook, new Set(input.values.keys()), input.rowSets);
  if (analysis.problems.length > 0) return invalid(analysis.problems);

  const sets = new Map(input.rowSets.map((s) => [s.key, s]));
  const records = new Map<string, readonly (readonly CellValue[])[]>();
  for (const key of analysis.usedSets) {
    const set = sets.get(key)!;
    if (set.rows) records.set(key, set.rows);
    else if (input.loadRows) records.set(key, await input.loadRows(key));
    else throw new Error(`Không có cách đọc danh sách ${key}`);
  }

  input.onProgress?.('Đang điền mẫu…');
  const tablesBySheet = new Map<string, Map<number, string>>();
  for (const t of analysis.tables) {
    let rows = tablesBySheet.get(t.sheet);
    if (!rows) tablesBySheet.set(t.sheet, (rows = new Map()));
    rows.set(t.row, t.set);
  }
  const expansionsBySheet = new Map<string, RowExpansion[]>();
  const maps = new Map<string, RowMap>();
  for (const [sheet, rows] of tablesBySheet) {
    const expansions = [...rows].map(([row, set]) => ({ row, count: Math.max(1, records.get(set)!.length) }));
    expansionsBySheet.set(sheet, expansions);
    if (expansions.some((e) => e.count > 1)) maps.set(sheet, rowMap(expansions));
  }

  const warnings: TemplateProblem[] = [];
  if (maps.size > 0) {
    unshareFormulas(excel, workbook);
    for (const ws of workbook.worksheets) {
      const expansions = expansionsBySheet.get(ws.name);
      if (maps.has(ws.name) && expansions) {
        const tables = (ws as unknown as WorksheetInternals).tables;
        if (tables && Object.keys(tables).length > 0) {
          warnings.push({
            address: `${ws.name}!A1`,
            key: '',
            message: `Trang "${ws.name}" có bảng định dạng sẵn (Format as Table) — ứng dụng không dời được bảng này khi thêm dòng; kiểm tra lại tệp sau khi điền.`,
          });
        }
        expandSheet(excel, workbook, ws, expansions, maps);
      } else {
        shiftFormulasInPlace(excel, ws, maps);
      }
    }
  }

  const filled: FilledCell[] = [];
  const itemsBySet = new Map<string, TemplateItem[]>();
  const identity: RowMap = (r) => r;
  for (const c of scan.cells) {
    const ws = workbook.getWorksheet(c.sheet)!;
    const map = maps.get(c.sheet) ?? identity;
    const table = tablesBySheet.get(c.sheet)?.get(c.row);
    if (table !== undefined) {
      const set = sets.get(table)!;
      const rows = records.get(table)!;
      const first = map(c.row, 'start');
      if (rows.length === 0) {
        // an empty list leaves its row once, every cell emptied
        const cell = ws.getCell(first, c.col);
        if (cell.value !== null) {
          cell.value = null;
          filled.push({ address: sheetAddress(c.sheet, first, c.col), key: `${table}[]`, value: null });
        }
        continue;
      }
      if (c.text === null || !mayHoldPlaceholder(c.text)) continue;
      const keys = placeholderKeys(c.text);
      let items = itemsBySet.get(table);
      if (!items) itemsBySet.set(table, (items = rows.map((record, i) => itemOf(set.columns, record, i + 1))));
      items.forEach((item, i) => {
        const value = fillOne(ws.getCell(first + i, c.col), c.text!, input.values, item);
        filled.push({ address: sheetAddress(c.sheet, first + i, c.col), key: `${table}[${i + 1}]${keys}`, value });
      });
      continue;
    }
    if (c.text === null || !mayHoldPlaceholder(c.text)) continue;
    const row = map(c.row, 'start');
    const value = fillOne(ws.getCell(row, c.col), c.text, input.values, undefined);
    filled.push({ address: sheetAddress(c.sheet, row, c.col), key: placeholderKeys(c.text).replace(/^\./, ''), value });
  }

  if (scan.hasFormulas || maps.size > 0) workbook.calcProperties.fullCalcOnLoad = true;
  input.onProgress?.('Đang ghi tệp…');
  const buffer = await workbook.xlsx.writeBuffer();
  return ok({ data: new Uint8Array(buffer as ArrayBuffer), filled, warnings });
}

/** ".fullName" for a table cell, ".labour.approved, period.to" style for others. */
function placeholderKeys(text: string): string {
  const names = [...text.matchAll(/\{\{\s*([^{}#]*?)\s*\}\}/g)].map((m) => m[1]!.replace(/^item\./, ''));
  return names.length ? `.${names.join(', ')}` : '';
}

// ---------------------------------------------------------------- self-check

function readBack(cell: Cell): number | string | Date | null {
  const v = cell.value;
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number' || typeof v === 'string' || v instanceof Date) return v;
  const text = cellText(cell);
  if (text !== null) return text === '' ? null : text;
  if (typeof v === 'object' && 'result' in v) {
    const result = v.result;
    return typeof result === 'number' || typeof result === 'string' || result instanceof Date ? result : null;
  }
  return String(v as boolean);
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const toSerial = (d: Date) => (d.getTime() - EXCEL_EPOCH) / 86_400_000;

function same(expected: FilledCell['value'], actual: FilledCell['value']): boolean {
  if (expected instanceof Date) {
    if (actual instanceof Date) return actual.getTime() === expected.getTime();
    return typeof actual === 'number' && actual === toSerial(expected);
  }
  return expected === actual;
}

function show(v: FilledCell['value']): string {
  if (v === null) return 'ô trống';
  if (v instanceof Date) return v.toISOString().slice(0, 10).split('-').reverse().join('/');
  if (typeof v === 'number') return String(v).replace('.', ',');
  return `"${v}"`;
}

/**
 * Reads a filled file back and compares every filled cell with the value it
 * should hold; also looks for any `{{…}}` left in the file. An empty list means the file is right.
 */
export async function verifyFilled(data: Uint8Array, filled: readonly FilledCell[], excel?: ExcelJSModule): Promise<TemplateProblem[]> {
  const mod = await excelModule(excel);
  const workbook = await loadWorkbook(mod, data);
  if (!workbook) return [{ address: '', key: '', message: 'Không đọc lại được tệp vừa điền.' }];
  const problems: TemplateProblem[] = [];
  for (const f of filled) {
    const at = parseSheetAddress(f.address);
    const ws = at && workbook.getWorksheet(at.sheet);
    if (!at || !ws) {
      problems.push({ address: f.address, key: f.key, message: `Không thấy ô ${f.address} trong tệp vừa điền.` });
      continue;
    }
    const actual = readBack(ws.getCell(at.row, at.col));
    if (!same(f.value, actual)) {
      problems.push({ address: f.address, key: f.key, message: `Ô ${f.address} (${f.key}) phải là ${show(f.value)} nhưng tệp ghi ${show(actual)}.` });
    }
  }
  for (const c of scanWorkbook(mod, workbook).cells) {
    if (c.text !== null && c.text.includes('{{')) {
      const address = sheetAddress(c.sheet, c.row, c.col);
      problems.push({ address, key: '', message: `Ô ${address} vẫn còn dấu chưa điền: "${c.text.slice(0, 60)}".` });
    }
  }
  return problems;
}

// ---------------------------------------------------------------- for the report hub

export type TemplateFillResult = WithProblems<
  Result<{ data: Uint8Array<ArrayBuffer>; filled: number; problems: TemplateProblem[] }, 'template_invalid' | 'self_check_failed' | 'unreadable'>
>;

/**
 * Fills a kept template with a period's report: `keys` from useReport, the row
 * sets from reportRowSets (only the sets the template uses are read). The file
 * is read back before it is returned; any difference fails with
 * 'self_check_failed' and the cells in `problems`. `problems` of a success are
 * warnings that do not stop the hand-over.
 */
export async function fillTemplateForPeriod(input: {
  template: ReportTemplate;
  keys: readonly ReportKey[];
  rowSets: readonly RowSet[];
  period: Period;
  names: NameLookup;
  onProgress?: (msg: string) => void;
  excel?: ExcelJSModule;
}): Promise<TemplateFillResult> {
  const { template, rowSets, period, names, onProgress } = input;
  const result = await fillTemplate({
    data: template.data,
    values: reportValues(input.keys),
    rowSets: rowSets.map((s) => ({ key: s.key, columns: s.columns })),
    loadRows: async (key) => {
      const set = rowSets.find((s) => s.key === key)!;
      onProgress?.(`Đang đọc danh sách ${set.label}…`);
      return set.read(period, names, (read) => onProgress?.(`Đang đọc danh sách ${set.label}: ${formatCount(read)} hồ sơ…`));
    },
    ...(onProgress ? { onProgress } : {}),
    ...(input.excel ? { excel: input.excel } : {}),
  });
  if (!result.ok) {
    if (result.code === 'template_invalid') {
      return { ...err('template_invalid', `Mẫu "${template.name}": ${result.message}`), problems: result.problems ?? [] };
    }
    return err(result.code, result.message);
  }
  onProgress?.('Đang kiểm tra lại tệp vừa điền…');
  const problems = await verifyFilled(result.value.data, result.value.filled, input.excel);
  if (problems.length > 0) {
    return {
      ...err(
        'self_check_failed',
        `Tự kiểm tra tệp điền từ mẫu "${template.name}" thấy ${problems.length} ô không khớp số liệu — chưa thể bàn giao tệp này. Báo lỗi cho người quản trị ứng dụng.`,
      ),
      problems,
    };
  }
  return ok({ data: result.value.data, filled: result.value.filled.length, problems: result.value.warnings });
}
