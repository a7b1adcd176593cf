/**
 * The superior unit's own Excel form (mẫu của cấp trên), as pure rules: which
 * `{{…}}` placeholders a cell holds, whether the template only asks for figures
 * and lists the app has, what each cell becomes once filled, and how rows move
 * when a `{{#rows <set>}}` row becomes one row per record. The exceljs adapter
 * (renderer/excel/template-fill.ts) reads cells into this model and writes the
 * answers back, so everything here is testable without a workbook.
 *
 * Placeholders:
 * - `{{key}}` — a report key (values.ts). A cell that holds exactly one key
 *   (spaces around allowed) receives the value itself: a number stays a number
 *   so the template's number format applies (rates are fractions, 0.9064, for a
 *   `%` format); inside other text it is written Vietnamese style (22.966, 90,64%).
 *   No figure (null) → an empty cell, or nothing inside text.
 * - `{{#rows <set>}}` at the start of a row's first non-empty cell makes the row
 *   a record row: it is repeated once per record of the set (members.<list>,
 *   labour, vehicles, dc01.<category>) and the marker itself disappears. A set
 *   with no records leaves the row once with every cell emptied (formats and
 *   borders kept), so the table keeps one ruled empty line and nothing below moves.
 * - `{{item.<field>}}` in a record row — a column of the set, or `stt` (1, 2, …).
 */
import { formatDay } from '../dates/partial-date';
import { formatCount, formatRate } from '../format/numbers';
import type { CellKind, CellValue } from './detail';
import type { ReportValue } from './values';

// ---------------------------------------------------------------- the model

/** A non-empty cell of the template. */
export type TemplateCell = {
  readonly sheet: string;
  /** 1-based */
  readonly row: number;
  /** 1-based */
  readonly col: number;
  /** the cell's text (rich text joined); null for a value that is not text (a number, a date, a formula) */
  readonly text: string | null;
};

export type TemplateProblem = {
  /** "Sheet1!C7" */
  readonly address: string;
  /** the placeholder as written, without braces: "labour.aproved", "item.fullname", "#rows members.xyz" */
  readonly key: string;
  /** Vietnamese, shown to the officer as is */
  readonly message: string;
};

/** What a `{{#rows}}` table may use: the set's key and its columns. */
export type TemplateRowSetShape = {
  readonly key: string;
  readonly columns: readonly { readonly key: string; readonly kind: CellKind }[];
};

/** The figures by key: a count, a rate (fraction), a text, or null for no figure. */
export type TemplateValues = ReadonlyMap<string, ReportValue>;

// ---------------------------------------------------------------- addresses

/** 1 → A, 27 → AA. */
export function columnName(col: number): string {
  let name = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** A → 1, AA → 27. */
export function columnNumber(name: string): number {
  let n = 0;
  for (const ch of name.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export const cellAddress = (row: number, col: number): string => `${columnName(col)}${row}`;

/** "Sheet1!C7" — how problems and filled cells are named to the officer. */
export const sheetAddress = (sheet: string, row: number, col: number): string => `${sheet}!${cellAddress(row, col)}`;

/** "Sheet1!C7" → sheet, row, col; the sheet name may itself hold "!". */
export function parseSheetAddress(address: string): { sheet: string; row: number; col: number } | undefined {
  const at = address.lastIndexOf('!');
  const m = /^([A-Z]{1,3})(\d+)$/.exec(address.slice(at + 1));
  if (at < 0 || !m) return undefined;
  return { sheet: address.slice(0, at), row: Number(m[2]), col: columnNumber(m[1]!) };
}

// ---------------------------------------------------------------- placeholders

type Span = { readonly raw: string; readonly start: number; readonly end: number };

export type InvalidReason = 'empty' | 'syntax' | 'rows_without_set' | 'unclosed' | 'stray_close';

export type Token =
  | (Span & { readonly kind: 'value'; readonly key: string })
  | (Span & { readonly kind: 'item'; readonly field: string })
  | (Span & { readonly kind: 'rows'; readonly set: string })
  | (Span & { readonly kind: 'invalid'; readonly reason: InvalidReason; readonly inner: string });

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
const KEY = /^[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*$/;
const FIELD = /^[A-Za-z0-9_]+$/;

function classify(inner: string, span: Span): Token {
  const t = inner.trim();
  if (t === '') return { ...span, kind: 'invalid', reason: 'empty', inner: t };
  if (t.startsWith('#')) {
    if (/^#rows$/i.test(t)) return { ...span, kind: 'invalid', reason: 'rows_without_set', inner: t };
    const m = /^#rows\s+(\S+)$/.exec(t);
    if (m && KEY.test(m[1]!)) return { ...span, kind: 'rows', set: m[1]! };
    return { ...span, kind: 'invalid', reason: 'syntax', inner: t };
  }
  if (t.startsWith('item.')) {
    const field = t.slice('item.'.length);
    return FIELD.test(field) ? { ...span, kind: 'item', field } : { ...span, kind: 'invalid', reason: 'syntax', inner: t };
  }
  return KEY.test(t) ? { ...span, kind: 'value', key: t } : { ...span, kind: 'invalid', reason: 'syntax', inner: t };
}

/** Text between placeholders that still holds "{{" or "}}" is a placeholder written wrong. */
function strays(text: string, from: number, to: number, into: Token[]): void {
  const gap = text.slice(from, to);
  const open = gap.indexOf('{{');
  if (open >= 0) {
    const start = from + open;
    const raw = text.slice(start, Math.min(to, start + 40));
    into.push({ raw, start, end: start + raw.length, kind: 'invalid', reason: 'unclosed', inner: raw.slice(2).trim() });
    return;
  }
  const close = gap.indexOf('}}');
  if (close >= 0) {
    const start = from + close;
    const raw = text.slice(Math.max(from, start - 38), start + 2);
    into.push({ raw, start, end: start + 2, kind: 'invalid', reason: 'stray_close', inner: raw.slice(0, -2).trim() });
  }
}

/** Every `{{…}}` in `text`, in order, including ones written wrong. */
export function scanPlaceholders(text: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    strays(text, last, m.index, tokens);
    tokens.push(classify(m[1]!, { raw: m[0], start: m.index, end: m.index + m[0].length }));
    last = m.index + m[0].length;
  }
  strays(text, last, text.length, tokens);
  return tokens;
}

/** Cheap test before scanning: most cells of a form hold no placeholder. */
export const mayHoldPlaceholder = (text: string): boolean => text.includes('{{') || text.includes('}}');

/** The set of a `{{#rows <set>}}` marker that opens `text` (spaces before allowed). */
export function parseRowsMarker(text: string): { set: string } | undefined {
  const first = scanPlaceholders(text)[0];
  if (!first || first.kind !== 'rows' || text.slice(0, first.start).trim() !== '') return undefined;
  return { set: first.set };
}

// ---------------------------------------------------------------- filling a cell

/** What a cell becomes. A `date` is an ISO day, to be written as a real date. */
export type Resolved =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'date'; readonly value: string }
  | { readonly kind: 'empty' };

/** One record of a `{{#rows}}` table: `stt` and its fields with their kinds. */
export type TemplateItem = {
  readonly stt: number;
  readonly fields: ReadonlyMap<string, { readonly kind: CellKind; readonly value: CellValue }>;
};

/** A record row (cells in column order) as an item. */
export function itemOf(columns: TemplateRowSetShape['columns'], row: readonly CellValue[], stt: number): TemplateItem {
  const fields = new Map<string, { kind: CellKind; value: CellValue }>();
  columns.forEach((c, i) => fields.set(c.key, { kind: c.kind, value: row[i] ?? null }));
  return { stt, fields };
}

/** A rate key: its value is a fraction. Only the `rate` metric is one (values.ts never names an outcome "rate"). */
export const isRateKey = (key: string): boolean => key.endsWith('.rate');

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function valueOf(values: TemplateValues, key: string): ReportValue {
  const value = values.get(key);
  // validateTemplate runs first; reaching here with an unknown key is a bug, never a blank cell
  if (value === undefined) throw new Error(`Mã số liệu không có: ${key}`);
  return value;
}

function itemField(item: TemplateItem | undefined, field: string): { kind: CellKind; value: CellValue } {
  if (!item) throw new Error(`{{item.${field}}} ngoài dòng bảng`);
  if (field === 'stt') return { kind: 'count', value: item.stt };
  const found = item.fields.get(field);
  if (!found) throw new Error(`Danh sách không có cột ${field}`);
  return found;
}

function valueText(key: string, value: ReportValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  return isRateKey(key) ? formatRate(value) : formatCount(value);
}

function itemText(kind: CellKind, value: CellValue): string {
  if (value === null || value === '') return '';
  if (typeof value === 'number') return kind === 'count' ? formatCount(value) : String(value);
  if ((kind === 'date' || kind === 'birth') && ISO_DAY.test(value)) return formatDay(value);
  return value;
}

function valueCell(value: ReportValue): Resolved {
  if (value === null || value === '') return { kind: 'empty' };
  return typeof value === 'number' ? { kind: 'number', value } : { kind: 'text', value };
}

function itemCell(kind: CellKind, value: CellValue): Resolved {
  if (value === null || value === '') return { kind: 'empty' };
  switch (kind) {
    case 'count':
      return typeof value === 'number' ? { kind: 'number', value } : { kind: 'text', value };
    case 'date':
    case 'birth':
      return typeof value === 'string' && ISO_DAY.test(value) ? { kind: 'date', value } : { kind: 'text', value: String(value) };
    default:
      // 'id' keeps leading zeros: never a number
      return { kind: 'text', value: String(value) };
  }
}

type Context = { values: TemplateValues; item?: TemplateItem | undefined };

function tokenText(token: Token, ctx: Context): string {
  switch (token.kind) {
    case 'rows':
      return '';
    case 'value':
      return valueText(token.key, valueOf(ctx.values, token.key));
    case 'item': {
      const f = itemField(ctx.item, token.field);
      return itemText(f.kind, f.value);
    }
    default:
      return token.raw;
  }
}

function substitute(text: string, tokens: readonly Token[], replace: (t: Token) => string): string {
  let out = '';
  let at = 0;
  for (const t of tokens) {
    out += text.slice(at, t.start) + replace(t);
    at = t.end;
  }
  return out + text.slice(at);
}

function resolveWith(text: string, ctx: Context): Resolved {
  const tokens = scanPlaceholders(text);
  if (tokens.length === 0) return text === '' ? { kind: 'empty' } : { kind: 'text', value: text };
  const kept = tokens.filter((t) => t.kind !== 'rows');
  const only = kept.length === 1 ? kept[0]! : undefined;
  if (only && substitute(text, tokens, (t) => (t.kind === 'rows' ? '' : t.raw)).trim() === only.raw) {
    if (only.kind === 'value') return valueCell(valueOf(ctx.values, only.key));
    if (only.kind === 'item') {
      const f = itemField(ctx.item, only.field);
      return itemCell(f.kind, f.value);
    }
  }
  const out = substitute(text, tokens, (t) => tokenText(t, ctx));
  return out === '' ? { kind: 'empty' } : { kind: 'text', value: out };
}

/** A cell outside record rows. */
export function resolveCell(text: string, values: TemplateValues): Resolved {
  return resolveWith(text, { values });
}

/** A cell of a record row, for one record. */
export function resolveItemCell(text: string, item: TemplateItem, values: TemplateValues): Resolved {
  return resolveWith(text, { values, item });
}

/**
 * A rich-text cell: the runs' texts (their fonts stay with the adapter). When
 * the cell holds exactly one placeholder the result is a single value as for a
 * plain cell; otherwise each run is filled on its own, and runs that a
 * placeholder straddles are joined first (taking the first one's font).
 */
export function resolveRuns(
  runs: readonly string[],
  values: TemplateValues,
  item?: TemplateItem,
): Resolved | { readonly kind: 'runs'; readonly runs: readonly { readonly from: number; readonly text: string }[] } {
  const ctx: Context = { values, item };
  const joined = runs.join('');
  const whole = resolveWith(joined, ctx);
  if (whole.kind !== 'text') return whole;
  // group runs so that no placeholder crosses a group boundary
  const ends: number[] = [];
  let offset = 0;
  for (const r of runs) ends.push((offset += r.length));
  const runAt = (pos: number) => {
    let i = 0;
    while (i + 1 < ends.length && ends[i]! <= pos) i++;
    return i;
  };
  const joinWithNext = new Array<boolean>(runs.length).fill(false);
  for (const t of scanPlaceholders(joined)) {
    for (let i = runAt(t.start); i < runAt(t.end - 1); i++) joinWithNext[i] = true;
  }
  const groups: { from: number; text: string }[] = [];
  for (let i = 0; i < runs.length; ) {
    let j = i;
    let text = runs[i]!;
    while (joinWithNext[j] && j + 1 < runs.length) text += runs[++j]!;
    groups.push({ from: i, text: substitute(text, scanPlaceholders(text), (t) => tokenText(t, ctx)) });
    i = j + 1;
  }
  return { kind: 'runs', runs: groups };
}

// ---------------------------------------------------------------- checking a template

export type TemplateTable = {
  readonly sheet: string;
  readonly row: number;
  /** the marker cell, "Sheet1!A9" */
  readonly address: string;
  readonly set: string;
};

export type TemplateAnalysis = {
  readonly problems: TemplateProblem[];
  /** cells outside record rows that hold at least one figure, with the keys they use */
  readonly valueCells: { readonly address: string; readonly keys: readonly string[] }[];
  readonly tables: TemplateTable[];
  /** every key used (in order of first use) — outside and inside tables */
  readonly usedKeys: string[];
  /** every known set a table uses */
  readonly usedSets: string[];
};

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The closest known name, when one is close enough to be the intended one. */
function suggestion(wrong: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = wrong.toLowerCase();
  for (const k of known) {
    const d = k.toLowerCase() === lower ? 0 : editDistance(lower, k.toLowerCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(wrong.length / 6)) ? best : undefined;
}

const didYouMean = (s: string | undefined, wrap: (s: string) => string) => (s ? ` Có phải ${wrap(s)}?` : '');

function invalidMessage(t: Extract<Token, { kind: 'invalid' }>): string {
  switch (t.reason) {
    case 'empty':
      return 'Có "{{}}" trống: ghi mã số liệu vào giữa hoặc xóa đi.';
    case 'rows_without_set':
      return `"${t.raw}" thiếu tên danh sách, ví dụ {{#rows members.elderly}}.`;
    case 'unclosed':
      return `"${t.raw}…" mở bằng "{{" nhưng không đóng bằng "}}".`;
    case 'stray_close':
      return `Có "}}" không có "{{" mở đầu: "${t.raw}".`;
    default:
      return `"${t.raw}" không phải mã số liệu hợp lệ (mã chỉ gồm chữ không dấu, số, dấu chấm, gạch dưới — xem Danh sách mã số liệu trong Cài đặt).`;
  }
}

type Row = { sheet: string; row: number; cells: TemplateCell[] };

function rowsOf(cells: readonly TemplateCell[]): Row[] {
  const rows = new Map<string, Row>();
  for (const c of cells) {
    const id = `${c.sheet}\u0000${c.row}`;
    let r = rows.get(id);
    if (!r) rows.set(id, (r = { sheet: c.sheet, row: c.row, cells: [] }));
    r.cells.push(c);
  }
  for (const r of rows.values()) r.cells.sort((a, b) => a.col - b.col);
  return [...rows.values()];
}

const isBlank = (c: TemplateCell) => c.text !== null && c.text.trim() === '';

/**
 * Every problem of a template against the keys and sets the app has, with the
 * cell it is in, and what the template uses. A template with problems is never filled.
 */
export function analyzeTemplate(
  cells: readonly TemplateCell[],
  validKeys: ReadonlySet<string>,
  rowSets: readonly TemplateRowSetShape[],
): TemplateAnalysis {
  const problems: TemplateProblem[] = [];
  const valueCells: { address: string; keys: string[] }[] = [];
  const tables: TemplateTable[] = [];
  const usedKeys = new Set<string>();
  const usedSets = new Set<string>();
  const sets = new Map(rowSets.map((s) => [s.key, s]));

  for (const row of rowsOf(cells)) {
    const first = row.cells.find((c) => !isBlank(c));
    const marker = first?.text != null ? parseRowsMarker(first.text) : undefined;
    const set = marker ? sets.get(marker.set) : undefined;
    if (marker && first) {
      const address = sheetAddress(row.sheet, row.row, first.col);
      if (set) {
        tables.push({ sheet: row.sheet, row: row.row, address, set: set.key });
        usedSets.add(set.key);
      } else {
        const near = suggestion(marker.set, sets.keys());
        problems.push({
          address,
          key: `#rows ${marker.set}`,
          message: `Không có danh sách "${marker.set}".${didYouMean(near, (s) => `{{#rows ${s}}}`)}`,
        });
      }
    }
    for (const cell of row.cells) {
      if (cell.text === null || !mayHoldPlaceholder(cell.text)) continue;
      const address = sheetAddress(row.sheet, row.row, cell.col);
      const keys: string[] = [];
      scanPlaceholders(cell.text).forEach((t, i) => {
        switch (t.kind) {
          case 'invalid':
            problems.push({ address, key: t.inner, message: invalidMessage(t) });
            break;
          case 'rows':
            if (!(cell === first && i === 0)) {
              problems.push({
                address,
                key: `#rows ${t.set}`,
                message: `"${t.raw}" phải đứng đầu ô đầu tiên có nội dung của dòng (dòng ${row.row}).`,
              });
            }
            break;
          case 'item': {
            if (!marker) {
              problems.push({
                address,
                key: `item.${t.field}`,
                message: `"${t.raw}" chỉ dùng được trong dòng bảng — dòng có {{#rows …}} ở ô đầu tiên.`,
              });
            } else if (set && t.field !== 'stt' && !set.columns.some((c) => c.key === t.field)) {
              const near = suggestion(t.field, ['stt', ...set.columns.map((c) => c.key)]);
              problems.push({
                address,
                key: `item.${t.field}`,
                message: `Danh sách "${set.key}" không có cột "${t.field}".${didYouMean(near, (s) => `{{item.${s}}}`)}`,
              });
            }
            break;
          }
          case 'value':
            if (validKeys.has(t.key)) {
              keys.push(t.key);
              usedKeys.add(t.key);
            } else {
              const near = suggestion(t.key, validKeys);
              problems.push({
                address,
                key: t.key,
                message: `Không có mã số liệu "${t.key}".${near ? didYouMean(near, (s) => `{{${s}}}`) : ' Xem Danh sách mã số liệu trong Cài đặt.'}`,
              });
            }
            break;
        }
      });
      if (keys.length > 0 && !marker) valueCells.push({ address, keys });
    }
  }
  return { problems, valueCells, tables, usedKeys: [...usedKeys], usedSets: [...usedSets] };
}

/** Just the problems. */
export function validateTemplate(
  cells: readonly TemplateCell[],
  validKeys: ReadonlySet<string>,
  rowSets: readonly TemplateRowSetShape[],
): TemplateProblem[] {
  return analyzeTemplate(cells, validKeys, rowSets).problems;
}

// ---------------------------------------------------------------- moving rows

/** A record row that becomes `count` rows (at least 1: an empty set keeps the row). */
export type RowExpansion = { readonly row: number; readonly count: number };

export type RowEdge = 'start' | 'end';

/**
 * Where an old row lands: rows below a record row move down by its extra
 * rows. A range's last row that is a record row stretches to its last copy,
 * as Excel does when rows are inserted inside a range.
 */
export type RowMap = (row: number, edge: RowEdge) => number;

export function rowMap(expansions: readonly RowExpansion[]): RowMap {
  const sorted = [...expansions].sort((a, b) => a.row - b.row);
  return (row, edge) => {
    let moved = row;
    for (const e of sorted) {
      if (e.row < row) moved += e.count - 1;
      else if (e.row === row && edge === 'end') moved += e.count - 1;
      else break;
    }
    return moved;
  };
}

const MAX_ROW = 1_048_576;

/** 'Sheet 1' → "'Sheet 1'"; Excel quotes names that are not plain words. */
export function quoteSheet(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

// A sheet prefix, then a cell (A1), a cell range (A1:B5) or a row range (5:9).
const REFERENCE =
  /(?<![\p{L}\p{N}_.$])((?:'(?:[^']|'')+'|[\p{L}_][\p{L}\p{N}_.]*)!)?(?:(\$?[A-Z]{1,3}\$?)(\d+)(?::(\$?[A-Z]{1,3}\$?)(\d+))?|(\$?)(\d+):(\$?)(\d+))(?![\p{L}\p{N}_(!])/gu;
const STRING_LITERAL = /"(?:[^"]|"")*"/g;

/**
 * Moves the row numbers of a formula's references (or a defined name's, a
 * print area's, a validation's) after rows were expanded. `maps` gives, per
 * sheet name, where its rows went; a reference without a sheet is on `ownSheet`.
 * Texts in quotes are left alone.
 */
export function shiftFormulaRows(formula: string, ownSheet: string, maps: ReadonlyMap<string, RowMap>): string {
  const shift = (part: string) =>
    part.replace(REFERENCE, (whole, prefix: string | undefined, c1?: string, r1?: string, c2?: string, r2?: string, d1?: string, rr1?: string, d2?: string, rr2?: string) => {
      const sheet = prefix ? prefix.slice(0, -1).replace(/^'(.*)'$/, '$1').replace(/''/g, "'") : ownSheet;
      const map = maps.get(sheet);
      if (!map) return whole;
      const move = (row: string, edge: RowEdge) => {
        const n = Number(row);
        return n >= 1 && n <= MAX_ROW ? String(map(n, edge)) : row;
      };
      if (c1 !== undefined && r1 !== undefined) {
        return c2 !== undefined && r2 !== undefined
          ? `${prefix ?? ''}${c1}${move(r1, 'start')}:${c2}${move(r2, 'end')}`
          : `${prefix ?? ''}${c1}${move(r1, 'start')}`;
      }
      return `${prefix ?? ''}${d1 ?? ''}${move(rr1!, 'start')}:${d2 ?? ''}${move(rr2!, 'end')}`;
    });
  let out = '';
  let at = 0;
  for (const m of formula.matchAll(STRING_LITERAL)) {
    out += shift(formula.slice(at, m.index)) + m[0];
    at = m.index + m[0].length;
  }
  return out + shift(formula.slice(at));
}
