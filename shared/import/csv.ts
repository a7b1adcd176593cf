/**
 * A .csv as the import model (sheet-model.ts): one sheet named after the file, one row per
 * record as Excel shows it (a quoted line break stays inside its cell), every cell RAW
 * text (empty → null, trailing empties dropped). Shared by the browser's and the desktop's
 * readers; the bytes are decoded with the platform's TextDecoder, handed in, since shared/
 * sees neither the DOM nor Node.
 */
import { err, ok, type Err, type Result } from '../result';
import { READ_LIMITS, READ_MESSAGES, type SheetReadError } from './read-errors';
import type { RawCell, Sheet, SheetRow } from './sheet-model';

/** The WHATWG TextDecoder, as both the browser and Node have it. */
export type MakeTextDecoder = (label: string, options?: { fatal?: boolean }) => { decode(data: Uint8Array): string };

/** Decodes the bytes: UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1252 (Excel's "CSV" on an old PC). */
export function decodeCsvBytes(data: Uint8Array, makeDecoder: MakeTextDecoder): string {
  if (data[0] === 0xff && data[1] === 0xfe) return makeDecoder('utf-16le').decode(data);
  if (data[0] === 0xfe && data[1] === 0xff) return makeDecoder('utf-16be').decode(data);
  try {
    return makeDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    // Not UTF-8: the ANSI code page. TCVN3/VNI text keeps its bytes as Windows-1252
    // characters this way, which is what legacy-encoding.ts expects.
    return makeDecoder('windows-1252').decode(data);
  }
}

const SEPARATORS = [',', ';', '\t'] as const;
type Separator = (typeof SEPARATORS)[number];

/**
 * The separator: Excel's `sep=` hint line when there is one, else the candidate seen most
 * often outside quotes in the first lines (a title line with a comma does not outweigh
 * the separators of the table rows); a tie goes to the comma.
 */
export function detectSeparator(text: string): { separator: Separator; hintLength: number } {
  const hint = /^sep=([,;\t])[ \t]*(\r\n|\n|\r|$)/i.exec(text);
  if (hint) return { separator: hint[1] as Separator, hintLength: hint[0].length };
  const counts = new Map<string, number>(SEPARATORS.map((s) => [s, 0]));
  let inQuotes = false;
  let lines = 0;
  for (let i = 0; i < text.length && lines < 30; i++) {
    const ch = text.charAt(i);
    if (ch === '"') inQuotes = !inQuotes; // a doubled quote toggles twice: no change
    else if (inQuotes) continue;
    else if (ch === '\n') lines++;
    else if (counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best: Separator = ',';
  for (const s of SEPARATORS) if ((counts.get(s) ?? 0) > (counts.get(best) ?? 0)) best = s;
  return { separator: best, hintLength: 0 };
}

type CsvParse = { ok: true; records: string[][] } | { ok: false; kind: 'quote'; line: number } | { ok: false; kind: 'rows' | 'columns' };

/**
 * RFC 4180 with Excel's leniency: a field that starts with `"` runs to the closing quote
 * (separators and line breaks inside it are text, `""` is one quote, anything after the
 * closing quote is appended); a quote inside an unquoted field is an ordinary character.
 * Line breaks are \r\n, \n or \r. An unclosed quote is reported with the line it opened on.
 */
export function parseCsv(text: string, separator: string, limits: { rows: number; columns: number } = READ_LIMITS): CsvParse {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let started = false;
  let line = 1;
  let i = 0;
  const n = text.length;
  const endField = () => {
    fields.push(field);
    field = '';
    started = false;
  };
  while (i < n) {
    const ch = text[i];
    if (ch === '"' && !started) {
      const openedAt = line;
      started = true;
      i++;
      let closed = false;
      while (i < n) {
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        field += c;
        i++;
      }
      if (!closed) return { ok: false, kind: 'quote', line: openedAt };
      continue;
    }
    if (ch === separator) {
      endField();
      if (fields.length >= limits.columns) return { ok: false, kind: 'columns' };
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endField();
      records.push(fields);
      if (records.length > limits.rows) return { ok: false, kind: 'rows' };
      fields = [];
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      continue;
    }
    field += ch;
    started = true;
    i++;
  }
  if (started || fields.length > 0) {
    endField();
    records.push(fields);
  }
  if (records.some((r) => r.length > limits.columns)) return { ok: false, kind: 'columns' };
  if (records.length > limits.rows) return { ok: false, kind: 'rows' };
  return { ok: true, records };
}

/** The decoded text of the .csv `name` (a BOM is dropped) as its one sheet. */
export function readCsvText(name: string, decoded: string): Result<Sheet[], SheetReadError> {
  const text = decoded.startsWith('\uFEFF') ? decoded.slice(1) : decoded;
  const { separator, hintLength } = detectSeparator(text);
  const sheetName = name.replace(/\.[^.]*$/, '') || name;
  const parsed = parseCsv(text.slice(hintLength), separator);
  if (!parsed.ok) {
    const e: Err<SheetReadError> =
      parsed.kind === 'quote'
        ? err('corrupt', READ_MESSAGES.unclosedQuote(name, parsed.line + (hintLength > 0 ? 1 : 0)))
        : err('too-large', parsed.kind === 'rows' ? READ_MESSAGES.tooManyRows(name, sheetName) : READ_MESSAGES.tooManyColumns(name, sheetName));
    return e;
  }
  // Excel shows one row per record (a quoted line break stays inside its cell), the hint line not at all.
  const rows: SheetRow[] = [];
  parsed.records.forEach((record, index) => {
    const cells: RawCell[] = record.map((f) => (f === '' ? null : f));
    while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
    if (cells.length > 0) rows.push({ rowNumber: index + 1, hidden: false, cells });
  });
  if (rows.length === 0) return err('empty', READ_MESSAGES.empty(name));
  return ok([{ name: sheetName, rows, merges: [] }]);
}
