/**
 * The desktop build's reader for a picked spreadsheet: a file (or any byte stream) into
 * the pure import model (shared/import/sheet-model.ts), reading an .xlsx as a STREAM with
 * exceljs's WorkbookReader: 100,000 rows × 20 columns peak at ~300 MB here instead of
 * ~830 MB for the in-memory reader (in Node; more in the renderer). A .csv is read whole
 * through the shared CSV reader, as in the browser.
 *
 * It gives exactly what the renderer's in-memory reader (renderer/excel/sheet-reader.ts)
 * gives for the same file, with the same codes and Vietnamese messages
 * (shared/import/read-errors.ts) and the same value rules (shared/import/excel-values.ts):
 * - `rowNumber` as Excel shows it; `cells[0]` is column A; trailing empty cells dropped;
 *   rows without any value left out; rows hidden in Excel marked `hidden`.
 * - Strings RAW (TCVN3's "ư" is U+00AD and must survive); rich text and hyperlinks → their
 *   text; formulas → their cached result (none → null); error values → their text.
 * - Date-formatted cells → `{ serialDate }` (the 1900 serial, also for 1904-dated books).
 * - Merged ranges in `merges` (Excel numbering); their cells other than the top-left → null.
 * - Sheets in the workbook's tab order, hidden and very hidden ones marked `hidden`.
 * Limits: READ_LIMITS (rows with content and columns with values per sheet, file size),
 * and Excel's own grid (1,048,576 rows, 16,384 cells a row) for rows and cells without
 * values. Reading stops as soon as a limit is passed, and the input is closed.
 *
 * What exceljs 4.4's streaming reader gets wrong, and this file mends around it:
 * - It ignores `<mergeCell>` and a row's `hidden`, and gives a formula's boolean result
 *   as 1/0 and its error result (#N/A) as nothing: a scanner reads those from the sheet's
 *   XML on its way into exceljs's parser (SheetScanner).
 * - It decodes each chunk as UTF-8 on its own: a Vietnamese letter split between two
 *   chunks became "��" (4 rows in 5,000 in a test). Every part is decoded here as a
 *   stream before exceljs sees it.
 * - Its zip reader (unzipper) reports the end when the INPUT ends, and exceljs then drops
 *   the entries still waiting (exceljs#3064): workbook.xml lost → "reading 'sheets'",
 *   sharedStrings.xml lost → every text cell empty. Only the real end is let through.
 * - It parses a sheet as soon as the shared strings and relations are known, even when
 *   workbook.xml or styles.xml come later in the zip (LibreOffice's order): names and date
 *   formats were then missing. Such sheets wait in exceljs's own temporary file until
 *   those parts are read.
 * - A date-formatted formula result stays a number; the in-memory reader makes it a Date.
 * These lean on exceljs internals (WorkbookReader's `_parse*` methods, `model`,
 * `properties`, `workbookRels`; WorksheetReader's `iterator`, `name`, `state`; the zip
 * stream it pipes into); a missing one is logged, and the tests fail if an update
 * changes them.
 *
 * Never throws for what is in the file: a broken zip, a truncated file (a file without a
 * zip's closing record is refused before reading), random bytes → 'corrupt'; a read that
 * moves no byte and no row for `stallMs` (30 s) → 'corrupt' as well. It rejects only when
 * the input itself cannot be read (the file vanished, a disk error).
 *
 * A file's central directory is read from its end before anything else: when its parts say
 * they inflate to more than streamInflatedLimit allows for its size (READ_LIMITS), it is
 * refused as too large, before exceljs inflates a byte.
 *
 * A sheet stored before the shared strings (Excel's own order) is inflated by exceljs into a
 * temporary file before it is parsed; those files are emptied and removed when the read ends,
 * even one stopped early (TemporaryFiles).
 *
 * What goes into them all together is held to the same inflated limit, for a zip that lies
 * about its sizes and for one read from a stream (whose directory comes last).
 *
 * Known limits: such a zip still has up to that limit (2 GB for a stream) inflated into a
 * temporary file before it is stopped. A stopped read leaves the descriptor `tmp` opened for
 * each temporary file open until the app quits (the file is emptied and gone). A stream
 * cut exactly before its central directory is only caught by the stall timeout.
 */
import { WriteStream } from 'node:fs';
import { once } from 'node:events';
import { open, rm, truncate, type FileHandle } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Row } from 'exceljs';
import { err, ok, type Err, type Result } from '../../../shared/result';
import { decodeCsvBytes, readCsvText } from '../../../shared/import/csv';
import { rawCellOf } from '../../../shared/import/excel-values';
import {
  READ_LIMITS,
  READ_MESSAGES,
  SIGNATURE_BYTES,
  streamInflatedLimit,
  workbookKind,
  zipDirectoryStart,
  zipInflatedSize,
  type SheetReadError,
} from '../../../shared/import/read-errors';
import type { MergeRange, RawCell, Sheet, SheetRow } from '../../../shared/import/sheet-model';

export type SheetStreamResult = Result<Sheet[], SheetReadError>;

export type SheetStreamOptions = {
  /** the largest .xlsx read (bytes); READ_LIMITS.xlsxStreamBytes */
  readonly maxBytes?: number;
  /**
   * the most the parts may inflate to (bytes): what the file's central directory says, and
   * what goes into exceljs's temporary files; streamInflatedLimit(size) for a file,
   * READ_LIMITS.xlsxStreamInflatedBytes for a stream
   */
  readonly maxInflatedBytes?: number;
  /** rows with content and columns with values per sheet; READ_LIMITS (tests lower them) */
  readonly limits?: { readonly rows: number; readonly columns: number };
  /** give up as 'corrupt' when no byte and no row moved for this long (ms) */
  readonly stallMs?: number;
};

/** Excel's own grid: no real sheet has more rows, or more cells in a row. */
const EXCEL_MAX_ROWS = 1_048_576;
const EXCEL_MAX_COLUMNS = 16_384;
/** No tag or text run of a real sheet comes near this (a cell holds 32,767 characters). */
const MAX_XML_RUN = 4 * 1024 * 1024;
/** The XML of one part (shared strings, styles…) read at most, in bytes once inflated. */
const MAX_PART_BYTES = 1024 * 1024 * 1024;
const DEFAULT_STALL_MS = 30_000;
/** A zip ends with this record (22 bytes and a comment of up to 65,535). */
const ZIP_END_SIGNATURE = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const ZIP_END_SEARCH = 22 + 65_535;
/**
 * The most of a file's end read for its central directory. An .xlsx lists a few dozen parts
 * (a few KB); a directory that starts further from the end is not an .xlsx's, and is left to
 * the zip reader.
 */
const MAX_DIRECTORY_BYTES = 16 * 1024 * 1024;

/**
 * Reads the .xlsx or .csv at `input` (a path or a byte stream) named `name` (the name
 * decides, with the first bytes, what kind of file it is, and goes into the messages).
 */
export async function readWorkbookStream(
  input: string | Readable,
  name: string,
  options: SheetStreamOptions = {},
): Promise<SheetStreamResult> {
  const source = typeof input === 'string' ? await ByteSource.ofFile(input) : new ByteSource(input, null);
  try {
    const head = await source.peek(SIGNATURE_BYTES);
    const kind = workbookKind(name, head, source.size ?? head.length);
    if (!kind.ok) return kind;
    if (kind.value === 'csv') return await readCsvStream(source, name);
    const maxBytes = options.maxBytes ?? READ_LIMITS.xlsxStreamBytes;
    if (source.size !== null && source.size > maxBytes) return err('too-large', READ_MESSAGES.tooManyBytes(name, maxBytes));
    if (source.zipEnd === false) return err('corrupt', READ_MESSAGES.corrupt(name));
    const maxInflated = options.maxInflatedBytes ?? (source.size === null ? READ_LIMITS.xlsxStreamInflatedBytes : streamInflatedLimit(source.size));
    // what the zip says it holds, before anything is inflated (a file only: a stream's directory comes last)
    if (source.inflated !== null && source.inflated > maxInflated) return err('too-large', READ_MESSAGES.tooMuchInflated(name, maxInflated));
    return await readXlsxStream(source, name, {
      maxBytes,
      maxInflated,
      limits: options.limits ?? READ_LIMITS,
      stallMs: options.stallMs ?? DEFAULT_STALL_MS,
    });
  } finally {
    source.destroy();
  }
}

// ---------------------------------------------------------------- the input

/** The input's bytes, with the first ones looked at before the rest is streamed on. */
class ByteSource {
  private readonly iterator: AsyncIterator<unknown>;
  private readonly pending: Buffer[] = [];
  /** why the input itself failed (not the file's content) */
  failure: { readonly error: unknown } | null = null;

  constructor(
    private readonly stream: Readable,
    readonly size: number | null,
    /** whether a zip's closing record is in the file's last bytes; null for a stream */
    readonly zipEnd: boolean | null = null,
    /** the bytes the zip's central directory says its parts inflate to; null when unknown (a stream) */
    readonly inflated: number | null = null,
  ) {
    this.iterator = stream[Symbol.asyncIterator]();
  }

  /**
   * Opens the file at `path`: its size first, so a huge file is refused without reading
   * it, and its last bytes, where every complete zip keeps its closing record (a
   * truncated file has none) and, just before it, its central directory: what its parts
   * say they inflate to, so a zip bomb is refused before exceljs inflates anything.
   */
  static async ofFile(path: string): Promise<ByteSource> {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      const tailLength = Math.min(size, ZIP_END_SEARCH);
      const tail = await readAt(handle, size - tailLength, tailLength);
      const zipEnd = tail.lastIndexOf(ZIP_END_SIGNATURE) >= 0;
      const inflated = zipEnd ? await declaredInflatedSize(handle, size, tail) : undefined;
      return new ByteSource(handle.createReadStream({ start: 0 }), size, zipEnd, inflated ?? null);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  private async next(): Promise<Buffer | null> {
    let step: IteratorResult<unknown>;
    try {
      step = await this.iterator.next();
    } catch (error) {
      this.failure ??= { error };
      throw error;
    }
    if (step.done) return null;
    const chunk: unknown = step.value;
    if (Buffer.isBuffer(chunk)) return chunk;
    return typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
  }

  /** The first `count` bytes (fewer when the input is shorter); they are streamed again by `chunks`. */
  async peek(count: number): Promise<Uint8Array> {
    let have = this.pending.reduce((n, b) => n + b.length, 0);
    while (have < count) {
      const chunk = await this.next();
      if (chunk === null) break;
      this.pending.push(chunk);
      have += chunk.length;
    }
    return new Uint8Array(Buffer.concat(this.pending).subarray(0, count));
  }

  async *chunks(): AsyncGenerator<Buffer> {
    while (this.pending.length > 0) {
      const chunk = this.pending.shift();
      if (chunk) yield chunk;
    }
    for (;;) {
      const chunk = await this.next();
      if (chunk === null) return;
      yield chunk;
    }
  }

  destroy(): void {
    this.stream.destroy();
  }
}

/** `length` bytes of the file from `position` (fewer only when the file ends first). */
async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let read = 0;
  while (read < length) {
    const { bytesRead } = await handle.read(buffer, read, length - read, position + read);
    if (bytesRead === 0) break;
    read += bytesRead;
  }
  return buffer.subarray(0, read);
}

/**
 * What the central directory of the zip in the file says its parts inflate to, read from the
 * file's end only: `tail`, its last bytes, holds the closing record, which says where the
 * directory starts; the directory is read from there to the end. Undefined when it cannot
 * be told (no readable directory, or one too far from the end): then the limits met while
 * reading still hold.
 */
async function declaredInflatedSize(handle: FileHandle, size: number, tail: Buffer): Promise<number | undefined> {
  const tailStart = size - tail.length;
  const start = zipDirectoryStart(tail, tailStart);
  if (start === undefined || start >= size) return undefined;
  if (start >= tailStart) return zipInflatedSize(tail, tailStart);
  if (size - start > MAX_DIRECTORY_BYTES) return undefined;
  return zipInflatedSize(await readAt(handle, start, size - start), start);
}

async function readCsvStream(source: ByteSource, name: string): Promise<SheetStreamResult> {
  if (source.size !== null && source.size > READ_LIMITS.csvBytes) return err('too-large', READ_MESSAGES.tooManyBytes(name, READ_LIMITS.csvBytes));
  const parts: Buffer[] = [];
  let total = 0;
  for await (const chunk of source.chunks()) {
    total += chunk.length;
    if (total > READ_LIMITS.csvBytes) return err('too-large', READ_MESSAGES.tooManyBytes(name, READ_LIMITS.csvBytes));
    parts.push(chunk);
  }
  const data = new Uint8Array(Buffer.concat(parts));
  return readCsvText(name, decodeCsvBytes(data, (label, opts) => new TextDecoder(label, opts)));
}

// ---------------------------------------------------------------- stopping

/** Thrown through exceljs's generators to stop reading; the outcome is in the guard. */
class StopReading extends Error {}

type Outcome = { readonly result: SheetStreamResult } | { readonly inputError: unknown };

/**
 * Watches one read: the first stop (a limit, a stall, the input failing) settles
 * `outcome`, which the read is raced against, since exceljs may wait forever on a
 * stream that has stopped.
 */
class ReadGuard {
  private last = Date.now();
  private settle: (outcome: Outcome) => void = () => undefined;
  private settled = false;
  readonly outcome = new Promise<Outcome>((resolve) => {
    this.settle = resolve;
  });
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    readonly fileName: string,
    readonly maxBytes: number,
    stallMs: number,
  ) {
    this.timer = setInterval(() => {
      if (Date.now() - this.last > stallMs) this.stop({ result: err('corrupt', READ_MESSAGES.corrupt(this.fileName)) });
    }, Math.max(10, Math.floor(stallMs / 4)));
    this.timer.unref();
  }

  touch(): void {
    this.last = Date.now();
  }

  stop(outcome: Outcome): void {
    if (this.settled) return;
    this.settled = true;
    this.settle(outcome);
  }

  /** Stops with `result` and unwinds whoever called. */
  fail(result: Err<SheetReadError>): never {
    this.stop({ result });
    throw new StopReading();
  }

  tooLarge(message: string): never {
    return this.fail(err('too-large', message));
  }

  corrupt(): never {
    return this.fail(err('corrupt', READ_MESSAGES.corrupt(this.fileName)));
  }

  close(): void {
    clearInterval(this.timer);
  }
}

// ---------------------------------------------------------------- .xlsx

type XlsxOptions = { readonly maxBytes: number; readonly maxInflated: number; readonly limits: { readonly rows: number; readonly columns: number }; readonly stallMs: number };

/** The WorkbookReader internals used here (exceljs 4.4, lib/stream/xlsx/workbook-reader.js). */
type WorkbookReaderInternals = {
  model?: { sheets?: readonly { readonly id: number }[] };
  properties?: { model?: { date1904?: boolean } };
  workbookRels?: unknown;
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Generator<unknown>;
};

/** The WorksheetReader internals used here (lib/stream/xlsx/worksheet-reader.js). */
type WorksheetReaderInternals = {
  iterator: AsyncIterable<unknown>;
  id: number | string;
  name: string;
  state?: string;
};

class InternalsChanged extends Error {}

function assertInternals(reader: object): asserts reader is WorkbookReaderInternals {
  const r = reader as Record<string, unknown>;
  for (const method of ['_parseRels', '_parseWorkbook', '_parseStyles', '_parseSharedStrings', '_parseWorksheet']) {
    if (typeof r[method] !== 'function') throw new InternalsChanged(`exceljs WorkbookReader has no ${method}: its streaming reader's internals changed`);
  }
}

function assertSheetInternals(worksheet: object): asserts worksheet is WorksheetReaderInternals {
  const w = worksheet as Record<string, unknown>;
  const iterator = w.iterator as Record<PropertyKey, unknown> | undefined;
  if (typeof iterator?.[Symbol.asyncIterator] !== 'function' || typeof w.name !== 'string') {
    throw new InternalsChanged("exceljs WorksheetReader has no iterator or name: its streaming reader's internals changed");
  }
}

async function readXlsxStream(source: ByteSource, name: string, options: XlsxOptions): Promise<SheetStreamResult> {
  const guard = new ReadGuard(name, options.maxBytes, options.stallMs);
  let bytes = 0;
  const counted = async function* (): AsyncGenerator<Buffer> {
    for await (const chunk of source.chunks()) {
      bytes += chunk.length;
      if (bytes > options.maxBytes) guard.tooLarge(READ_MESSAGES.tooManyBytes(name, options.maxBytes));
      guard.touch();
      yield chunk;
    }
  };
  const input = Readable.from(counted(), { objectMode: false });
  const temporary = new TemporaryFiles(guard, options.maxInflated);
  whenPipedIntoZip(input, (zip) => {
    keepEntriesUntilTheRealEnd(zip);
    temporary.watch(zip);
  });
  input.on('error', () => {
    // a limit already settled the guard; otherwise the input itself failed
    guard.stop(source.failure ? { inputError: source.failure.error } : { result: err('corrupt', READ_MESSAGES.corrupt(name)) });
  });
  const work = readWorkbook(input, name, options, guard).then(
    (result): Outcome => ({ result }),
    (error: unknown): Outcome | Promise<Outcome> => {
      if (source.failure) return { inputError: source.failure.error };
      // a limit: the guard holds the outcome
      if (error instanceof StopReading) return guard.outcome;
      // an exceljs update that changed its internals must not pass for a broken file unnoticed
      if (error instanceof InternalsChanged) console.error(error);
      return { result: err('corrupt', READ_MESSAGES.corrupt(name)) };
    },
  );
  try {
    // the guard's outcome wins: a limit or a stall may leave exceljs waiting forever
    const outcome = await Promise.race([guard.outcome, work]);
    if ('inputError' in outcome) throw outcome.inputError;
    return outcome.result;
  } finally {
    guard.close();
    input.destroy();
    await temporary.remove();
  }
}

async function readWorkbook(input: Readable, name: string, options: XlsxOptions, guard: ReadGuard): Promise<SheetStreamResult> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // a hyperlink cell's value is its shown text already
    hyperlinks: 'ignore',
    // the number formats tell date cells from numbers
    styles: 'cache',
    entries: 'ignore',
  });
  assertInternals(reader);
  const internals: WorkbookReaderInternals = reader;
  holdSheetsUntilReady(internals, guard);

  const read: { sheet: Sheet; id: number | string; order: number }[] = [];
  for await (const worksheet of reader) {
    const entry: object = worksheet;
    assertSheetInternals(entry);
    const scanner = new SheetScanner(entry.name, guard);
    entry.iterator = scanner.decode(entry.iterator);
    const builder = new SheetBuilder(entry.name, options.limits, guard, internals.properties?.model?.date1904 === true);
    for await (const row of worksheet) {
      guard.touch();
      builder.add(row, scanner);
    }
    const hidden = (entry.state ?? 'visible') !== 'visible';
    read.push({ sheet: builder.finish(scanner, hidden), id: entry.id, order: read.length });
  }
  if (read.length === 0) return err('corrupt', READ_MESSAGES.corrupt(name));
  // the tab order is workbook.xml's, whatever the order of the sheets in the zip
  const tabs = internals.model?.sheets ?? [];
  const tabOf = (id: number | string) => {
    const index = tabs.findIndex((t) => t.id === id);
    return index < 0 ? tabs.length : index;
  };
  read.sort((a, b) => tabOf(a.id) - tabOf(b.id) || a.order - b.order);
  const sheets = read.map((r) => r.sheet);
  if (sheets.every((s) => s.rows.length === 0)) return err('empty', READ_MESSAGES.empty(name));
  return ok(sheets);
}

/** Calls `use` with the zip reader (unzipper's Parse) exceljs pipes `input` into, before a byte reaches it. */
function whenPipedIntoZip(input: Readable, use: (zip: Readable) => void): void {
  const pipe = input.pipe.bind(input);
  input.pipe = <T extends NodeJS.WritableStream>(destination: T, options?: { end?: boolean }): T => {
    if (destination instanceof Readable) use(destination);
    return pipe(destination, options);
  };
}

/**
 * unzipper's Parse (which exceljs pipes the input into) says 'end' as soon as its INPUT is
 * finished, while the last entries may still wait in its buffer; exceljs stops at that
 * 'end' and silently skips them (exceljs#3064: workbook.xml lost → "reading 'sheets'";
 * sharedStrings.xml lost → every text cell empty). Only the real end of its output, after
 * the last entry was handed out, is let through.
 */
function keepEntriesUntilTheRealEnd(zip: Readable): void {
  const emit = zip.emit.bind(zip);
  zip.emit = (event: string | symbol, ...args: unknown[]): boolean => {
    if (event === 'end' && !zip.readableEnded) return false;
    return emit(event, ...args);
  };
}

/**
 * The temporary files exceljs writes the sheets it cannot parse yet into (a sheet stored
 * before the shared strings, as Excel stores it: WorkbookReader.parse, `tmp.file`). exceljs
 * removes one only once it has parsed it, so a read stopped early (a limit, a stall, a broken
 * file) left them behind until the app quits (`tmp`'s clean-up at exit). They are found as
 * exceljs pipes a zip entry into a file, and emptied and removed when the read ends, whatever
 * its outcome; one exceljs only creates after that (its `tmp.file` was under way when the
 * input failed) is removed as soon as it appears, and never written. What stays until the
 * app quits: the descriptor `tmp` opened for each, which exceljs never hands over (the file
 * is empty and gone by then).
 */
class TemporaryFiles {
  private readonly files: WriteStream[] = [];
  private written = 0;
  /** the read has ended: a file that appears now is removed at once */
  private ended = false;

  constructor(
    private readonly guard: ReadGuard,
    /** the most written into them all together: a zip that lies about its sizes stops here */
    private readonly maxBytes: number,
  ) {}

  /** Looks at every entry the zip reader hands out. */
  watch(zip: Readable): void {
    const emit = zip.emit.bind(zip);
    zip.emit = (event: string | symbol, ...args: unknown[]): boolean => {
      const entry = args[0];
      if (event === 'data' && entry instanceof Readable) this.watchEntry(entry);
      return emit(event, ...args);
    };
  }

  private watchEntry(entry: Readable): void {
    const pipe = entry.pipe.bind(entry);
    entry.pipe = <T extends NodeJS.WritableStream>(destination: T, options?: { end?: boolean }): T => {
      if (!(destination instanceof WriteStream)) return pipe(destination, options);
      if (this.ended) {
        void removeTemporaryFile(destination);
        return destination;
      }
      this.files.push(destination);
      // counted on the way in: past the limit the guard settles the read, and the file stops growing
      const counted = new Transform({
        transform: (chunk: Buffer, _encoding, done) => {
          this.written += chunk.length;
          this.guard.touch();
          if (this.written <= this.maxBytes) {
            done(null, chunk);
            return;
          }
          try {
            this.guard.tooLarge(READ_MESSAGES.tooMuchInflated(this.guard.fileName, this.maxBytes));
          } catch (stop) {
            done(stop as Error);
          }
        },
      });
      counted.on('error', () => destination.destroy());
      pipe(counted).pipe(destination, options);
      return destination;
    };
  }

  /** At the end of the read: removes every one, and from now on each that appears. */
  async remove(): Promise<void> {
    this.ended = true;
    await Promise.all(this.files.splice(0).map(removeTemporaryFile));
  }
}

/**
 * Stops writing a temporary file, empties it (its space comes back even while `tmp` keeps a
 * descriptor open) and removes it. Never fails: the file may be gone already (exceljs removes
 * the ones it parsed).
 */
async function removeTemporaryFile(file: WriteStream): Promise<void> {
  if (!file.closed) {
    // closed first: a stream still opening would create the file again after it was removed
    const closed = once(file, 'close').catch(() => undefined);
    file.destroy();
    await closed;
  }
  const path = typeof file.path === 'string' ? file.path : file.path.toString();
  await truncate(path, 0).catch(() => undefined);
  await rm(path, { force: true }).catch(() => undefined);
}

/**
 * Makes the reader parse a sheet only once workbook.xml (names, tab order, 1904 dates)
 * and styles.xml (date formats) are read, as well as the shared strings and relations it
 * already waits for: until then it sees no relations, so it puts the sheet into a
 * temporary file and parses it after the last part. Every part is decoded as a stream.
 */
function holdSheetsUntilReady(reader: WorkbookReaderInternals, guard: ReadGuard): void {
  let relations: unknown;
  let stylesRead = false;
  let released = false;
  Object.defineProperty(reader, 'workbookRels', {
    configurable: true,
    get: () => (released || (reader.model !== undefined && stylesRead) ? relations : undefined),
    set: (value: unknown) => {
      relations = value;
    },
  });
  const { _parseRels, _parseWorkbook, _parseStyles, _parseSharedStrings, _parseWorksheet } = reader;
  reader._parseRels = (entry) => _parseRels.call(reader, decodedPart(entry, guard));
  reader._parseWorkbook = (entry) => _parseWorkbook.call(reader, decodedPart(entry, guard));
  reader._parseStyles = async (entry) => {
    await _parseStyles.call(reader, decodedPart(entry, guard));
    stylesRead = true;
  };
  reader._parseSharedStrings = (entry) => _parseSharedStrings.call(reader, decodedPart(entry, guard));
  reader._parseWorksheet = (iterator, sheetNo) => {
    // called inline only once everything is ready, or for the held sheets after the last part
    released = true;
    return _parseWorksheet.call(reader, iterator, sheetNo);
  };
}

/** A zip part as text decoded across chunk boundaries, with a cap on its size. */
function decodedPart(entry: Readable, guard: ReadGuard): Readable {
  let bytes = 0;
  const decoded = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      guard.touch();
      if (bytes <= MAX_PART_BYTES) {
        done(null, chunk);
        return;
      }
      try {
        guard.tooLarge(READ_MESSAGES.tooManyBytes(guard.fileName, guard.maxBytes));
      } catch (stop) {
        done(stop as Error);
      }
    },
  });
  decoded.setEncoding('utf8');
  entry.on('error', (error: Error) => decoded.destroy(error));
  entry.pipe(decoded);
  return decoded;
}

// ---------------------------------------------------------------- one sheet's XML

const LT = '<';
const GT = '>';
const SLASH = 47;
/** what ends a tag's name: white space or the slash of `<c/>` */
const NAME_END = new Set([9, 10, 13, 32, SLASH]);

/** An attribute of a tag's text (`row r="3" hidden="1"` → attribute(…, HIDDEN) = '1'). */
function attribute(tag: string, pattern: RegExp): string | null {
  const match = pattern.exec(tag);
  return match ? (match[2] ?? null) : null;
}
const ATTR_R = /\sr\s*=\s*(["'])(.*?)\1/;
const ATTR_T = /\st\s*=\s*(["'])(.*?)\1/;
const ATTR_REF = /\sref\s*=\s*(["'])(.*?)\1/;
const ATTR_HIDDEN = /\shidden\s*=\s*(["'])(.*?)\1/;

/** "AB12" → { row: 12, column: 28 }; null when it is not a cell address. */
function cellAddress(text: string): { row: number; column: number } | null {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(text);
  if (!match?.[1] || !match[2]) return null;
  let column = 0;
  for (const ch of match[1].toUpperCase()) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(match[2]), column };
}

/** "A4:C5" (or a single "A4") → the range, Excel numbering. */
export function mergeRangeOf(ref: string): MergeRange | null {
  const [from, to = from] = ref.split(':');
  const a = from === undefined ? null : cellAddress(from);
  const b = to === undefined ? null : cellAddress(to);
  if (!a || !b) return null;
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.column, b.column),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.column, b.column),
  };
}

type TypedCell = { readonly ref: string; readonly type: 'b' | 'e'; formula: boolean; value: string | null };

/**
 * Reads the sheet's XML on its way into exceljs's parser: decodes it as UTF-8 across
 * chunk boundaries, and picks out what that parser drops — hidden rows, merged ranges,
 * boolean and error results of formulas — and stops at Excel's own grid limits before
 * the parser builds anything. It sees each chunk before the parser does, so what it
 * found for a row is known when the row comes out.
 */
export class SheetScanner {
  readonly hiddenRows = new Set<number>();
  readonly merges: MergeRange[] = [];
  /** formula cells whose cached result is a boolean or an error, by address ("B7") */
  readonly typedResults = new Map<string, boolean | { error: string }>();
  private carry = '';
  private textRun = 0;
  private rows = 0;
  private cellsInRow = 0;
  private cell: TypedCell | null = null;
  private captured: string | null = null;

  constructor(
    private readonly sheetName: string,
    private readonly guard: Pick<ReadGuard, 'fileName' | 'touch' | 'corrupt' | 'tooLarge'>,
  ) {}

  /** The parser's input, decoded and scanned. */
  decode(source: AsyncIterable<unknown>): AsyncGenerator<string> {
    const decoder = new TextDecoder('utf-8');
    const guard = this.guard;
    const scan = (text: string) => this.scan(text);
    return (async function* () {
      for await (const chunk of source) {
        guard.touch();
        const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
        scan(text);
        if (text !== '') yield text;
      }
      const rest = decoder.decode();
      scan(rest);
      if (rest !== '') yield rest;
    })();
  }

  private scan(text: string): void {
    let pos = 0;
    if (this.carry !== '') {
      // the end of the tag the last chunk stopped in; the chunk itself is scanned as it
      // is (searching a concatenation of the two was 100 times slower in V8)
      const gt = text.indexOf(GT);
      if (gt < 0) {
        this.carry += text;
        if (this.carry.length > MAX_XML_RUN) this.guard.corrupt();
        return;
      }
      const tag = this.carry + text.slice(0, gt);
      this.carry = '';
      this.textRun = 0;
      this.tag(tag, 1, tag.length);
      pos = gt + 1;
    }
    while (pos < text.length) {
      const lt = text.indexOf(LT, pos);
      if (lt < 0) {
        this.text(text, pos, text.length);
        return;
      }
      this.text(text, pos, lt);
      const gt = text.indexOf(GT, lt + 1);
      if (gt < 0) {
        this.carry = text.slice(lt);
        if (this.carry.length > MAX_XML_RUN) this.guard.corrupt();
        return;
      }
      this.textRun = 0;
      this.tag(text, lt + 1, gt);
      pos = gt + 1;
    }
  }

  private text(buf: string, from: number, to: number): void {
    if (to <= from) return;
    this.textRun += to - from;
    if (this.textRun > MAX_XML_RUN) this.guard.corrupt();
    if (this.captured !== null && this.captured.length < 100) this.captured += buf.slice(from, to);
  }

  private tag(buf: string, start: number, end: number): void {
    if (buf.charCodeAt(start) === SLASH) {
      const name = buf.slice(start + 1, end).trim();
      if (name === 'v') this.closeValue();
      else if (name === 'c') this.closeCell();
      return;
    }
    let nameEnd = start;
    while (nameEnd < end && !NAME_END.has(buf.charCodeAt(nameEnd))) nameEnd++;
    const name = buf.slice(start, nameEnd);
    const selfClosing = buf.charCodeAt(end - 1) === SLASH;
    switch (name) {
      case 'row':
        this.openRow(buf.slice(start, end));
        break;
      case 'c':
        this.openCell(buf.slice(start, end), selfClosing);
        break;
      case 'f':
        if (this.cell) this.cell.formula = true;
        break;
      case 'v':
        if (this.cell && !selfClosing) this.captured = '';
        break;
      case 'mergeCell':
        this.addMerge(buf.slice(start, end));
        break;
      default:
        break;
    }
  }

  private openRow(tag: string): void {
    this.rows += 1;
    if (this.rows > EXCEL_MAX_ROWS) this.guard.tooLarge(READ_MESSAGES.tooManyRows(this.guard.fileName, this.sheetName));
    this.cellsInRow = 0;
    const hidden = attribute(tag, ATTR_HIDDEN);
    if (hidden === '1' || hidden === 'true') {
      const rowNumber = Number(attribute(tag, ATTR_R));
      if (Number.isInteger(rowNumber)) this.hiddenRows.add(rowNumber);
    }
  }

  private openCell(tag: string, selfClosing: boolean): void {
    this.cellsInRow += 1;
    if (this.cellsInRow > EXCEL_MAX_COLUMNS) this.guard.tooLarge(READ_MESSAGES.tooManyColumns(this.guard.fileName, this.sheetName));
    this.cell = null;
    if (selfClosing) return;
    const type = attribute(tag, ATTR_T);
    if (type === 'b' || type === 'e') this.cell = { ref: attribute(tag, ATTR_R) ?? '', type, formula: false, value: null };
  }

  private closeValue(): void {
    if (this.cell && this.captured !== null) this.cell.value = this.captured;
    this.captured = null;
  }

  private closeCell(): void {
    const cell = this.cell;
    this.cell = null;
    this.captured = null;
    if (!cell?.formula || cell.value === null) return;
    this.typedResults.set(cell.ref, cell.type === 'b' ? Number.parseInt(cell.value, 10) !== 0 : { error: cell.value });
  }

  private addMerge(tag: string): void {
    const range = mergeRangeOf(attribute(tag, ATTR_REF) ?? '');
    if (!range) return;
    if (this.merges.length >= EXCEL_MAX_ROWS) this.guard.corrupt();
    this.merges.push(range);
  }
}

// ---------------------------------------------------------------- one sheet's rows

/** exceljs's rule for a date format: after dropping [..] and "..", a date or time letter is left. */
export function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  const bare = format.replace(/\[[^\]]*\]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]/.test(bare);
}

const MS_PER_DAY = 86_400_000;
const UNIX_EPOCH_SERIAL = 25_569;
const DAYS_1900_TO_1904 = 1_462;

/** A stored serial as exceljs's in-memory reader makes it a Date (1904-dated books shifted). */
function excelSerialAsDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - UNIX_EPOCH_SERIAL + (date1904 ? DAYS_1900_TO_1904 : 0)) * MS_PER_DAY));
}

type FormulaLike = { readonly formula?: unknown; readonly result?: unknown };

function isFormulaValue(value: unknown): value is FormulaLike {
  return typeof value === 'object' && value !== null && ('formula' in value || 'sharedFormula' in value);
}

/** The rows of one sheet as they stream by, into the model; merges applied at the end. */
class SheetBuilder {
  private readonly rows: { rowNumber: number; hidden: boolean; cells: RawCell[] }[] = [];

  constructor(
    private readonly sheetName: string,
    private readonly limits: { readonly rows: number; readonly columns: number },
    private readonly guard: ReadGuard,
    private readonly date1904: boolean,
  ) {}

  add(row: Row, scanner: SheetScanner): void {
    const rowNumber = row.number;
    if (!Number.isInteger(rowNumber) || rowNumber < 1 || rowNumber > EXCEL_MAX_ROWS) this.guard.corrupt();
    const cells: RawCell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      let value: unknown = cell.value;
      if (isFormulaValue(value)) {
        const typed = scanner.typedResults.get(cell.address);
        if (typed !== undefined) {
          scanner.typedResults.delete(cell.address);
          value = { ...value, result: typed };
        } else if (typeof value.result === 'number' && isDateFormat(cell.numFmt)) {
          // the in-memory reader makes a date-formatted formula result a Date too
          value = { ...value, result: excelSerialAsDate(value.result, this.date1904) };
        }
      }
      const raw = rawCellOf(value);
      if (raw === null) return;
      if (column > this.limits.columns) this.guard.tooLarge(READ_MESSAGES.tooManyColumns(this.guard.fileName, this.sheetName));
      while (cells.length < column - 1) cells.push(null);
      cells[column - 1] = raw;
    });
    const hidden = scanner.hiddenRows.delete(rowNumber);
    if (cells.length === 0) return;
    if (this.rows.length >= this.limits.rows) this.guard.tooLarge(READ_MESSAGES.tooManyRows(this.guard.fileName, this.sheetName));
    this.rows.push({ rowNumber, hidden, cells });
  }

  finish(scanner: SheetScanner, hidden: boolean): Sheet {
    const merges = [...scanner.merges].sort((a, b) => a.top - b.top || a.left - b.left);
    const rows = [...this.rows].sort((a, b) => a.rowNumber - b.rowNumber);
    for (const m of merges) {
      // the first row at or below the merge's top, by halving
      let low = 0;
      let high = rows.length;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if ((rows[mid]?.rowNumber ?? Infinity) < m.top) low = mid + 1;
        else high = mid;
      }
      for (let i = low; i < rows.length; i++) {
        const row = rows[i];
        if (!row || row.rowNumber > m.bottom) break;
        const last = Math.min(m.right, row.cells.length);
        for (let column = m.left; column <= last; column++) {
          if (row.rowNumber === m.top && column === m.left) continue;
          row.cells[column - 1] = null;
        }
      }
    }
    const kept: SheetRow[] = [];
    for (const row of rows) {
      while (row.cells.length > 0 && row.cells[row.cells.length - 1] === null) row.cells.pop();
      if (row.cells.length > 0) kept.push(row);
    }
    return { name: this.sheetName, ...(hidden ? { hidden } : {}), rows: kept, merges };
  }
}
