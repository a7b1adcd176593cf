import { describe, expect, it } from 'vitest';
import { READ_LIMITS, streamInflatedLimit, zipDirectoryStart, zipEntries, zipInflatedSize } from './read-errors';

type Entry = { readonly name: string; readonly size: number; readonly stored: number; readonly zip64?: boolean };

const u16 = (n: number) => [n & 0xff, (n >>> 8) & 0xff];
const u32 = (n: number) => [...u16(n & 0xffff), ...u16(Math.floor(n / 0x1_0000) & 0xffff)];
const u64 = (n: number) => [...u32(n % 0x1_0000_0000), ...u32(Math.floor(n / 0x1_0000_0000))];

/**
 * A zip's bytes with entries that SAY they inflate to `size` (their data is `stored` zero
 * bytes: only the directory is read), and a comment after the closing record.
 */
function zipOf(entries: readonly Entry[], comment = ''): Uint8Array {
  const out: number[] = [];
  const central: number[] = [];
  for (const e of entries) {
    const name = [...e.name].map((c) => c.charCodeAt(0));
    const extra = e.zip64 ? [...u16(0x0001), ...u16(8), ...u64(e.size)] : [];
    const sizes = [...u32(0), ...u32(e.stored), ...u32(e.zip64 ? 0xffffffff : e.size)];
    const offset = out.length;
    out.push(...u32(0x04034b50), ...u16(45), ...u16(0), ...u16(8), ...u32(0), ...sizes, ...u16(name.length), ...u16(extra.length), ...name, ...extra, ...new Array<number>(e.stored).fill(0));
    central.push(...u32(0x02014b50), ...u16(45), ...u16(45), ...u16(0), ...u16(8), ...u32(0), ...sizes, ...u16(name.length), ...u16(extra.length), ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(offset), ...name, ...extra);
  }
  const at = out.length;
  out.push(...central, ...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(entries.length), ...u16(entries.length), ...u32(central.length), ...u32(at), ...u16(comment.length));
  out.push(...[...comment].map((c) => c.charCodeAt(0)));
  return Uint8Array.from(out);
}

describe('zipInflatedSize', () => {
  it('adds up what every part of the central directory says it inflates to', () => {
    const zip = zipOf([
      { name: 'xl/workbook.xml', size: 620, stored: 3 },
      { name: 'xl/worksheets/sheet1.xml', size: 268_435_647, stored: 5 },
    ]);
    expect(zipInflatedSize(zip)).toBe(620 + 268_435_647);
  });

  it('finds the closing record behind a comment', () => {
    expect(zipInflatedSize(zipOf([{ name: 'a.xml', size: 1000, stored: 1 }], 'written by another tool'))).toBe(1000);
  });

  it('reads a Zip64 size (over 4 GB) from the extra field', () => {
    expect(zipInflatedSize(zipOf([{ name: 'xl/worksheets/sheet1.xml', size: 5 * 2 ** 32, stored: 2, zip64: true }]))).toBe(5 * 2 ** 32);
  });

  it('knows nothing of a file without a central directory: cut short, not a zip, empty', () => {
    const zip = zipOf([{ name: 'a.xml', size: 1000, stored: 50 }]);
    expect(zipInflatedSize(zip.slice(0, 60))).toBeUndefined();
    expect(zipInflatedSize(new TextEncoder().encode('{"app":"another"}'))).toBeUndefined();
    expect(zipInflatedSize(new Uint8Array(0))).toBeUndefined();
    // a closing record whose directory offset points elsewhere
    const broken = zip.slice();
    broken[zip.length - 6] = 0x7f;
    expect(zipInflatedSize(broken)).toBeUndefined();
  });
});

describe('the central directory read from the end of the file only', () => {
  const parts: Entry[] = [
    { name: '[Content_Types].xml', size: 1_200, stored: 400 },
    { name: 'xl/worksheets/sheet1.xml', size: 268_435_647, stored: 3_000 },
    { name: 'xl/sharedStrings.xml', size: 900, stored: 300 },
  ];

  /** What the stream reader does with a file: its last bytes, then from the directory on. */
  function fromTheEnd(zip: Uint8Array, tailLength: number) {
    const base = zip.length - tailLength;
    const start = zipDirectoryStart(zip.subarray(base), base);
    if (start === undefined) return undefined;
    return { start, entries: zipEntries(zip.subarray(start), start), inflated: zipInflatedSize(zip.subarray(start), start) };
  }

  it('finds where the directory starts, and reads it from there to the end as from the whole file', () => {
    const zip = zipOf(parts, 'x'.repeat(500));
    const whole = zipEntries(zip);
    expect(whole?.map((e) => e.name)).toEqual(parts.map((p) => p.name));
    expect(whole?.map((e) => e.inflatedSize)).toEqual(parts.map((p) => p.size));
    const read = fromTheEnd(zip, 600);
    expect(read?.start).toBe(zipDirectoryStart(zip));
    expect(read?.entries).toEqual(whole);
    expect(read?.inflated).toBe(1_200 + 268_435_647 + 900);
  });

  /** The zip with a Zip64 closing record (and its locator) before a closing record that points to them. */
  function withZip64End(zip: Uint8Array): Uint8Array {
    const end = zip.length - 22;
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const entries = view.getUint16(end + 10, true);
    const size = view.getUint32(end + 12, true);
    const offset = view.getUint32(end + 16, true);
    const record = [...u32(0x06064b50), ...u64(44), ...u16(45), ...u16(45), ...u32(0), ...u32(0), ...u64(entries), ...u64(entries), ...u64(size), ...u64(offset)];
    const locator = [...u32(0x07064b50), ...u32(0), ...u64(end), ...u32(1)];
    const closing = [...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(0xffff), ...u16(0xffff), ...u32(0xffffffff), ...u32(0xffffffff), ...u16(0)];
    return Uint8Array.from([...zip.subarray(0, end), ...record, ...locator, ...closing]);
  }

  it('reads a Zip64 directory, and a Zip64 size, from the end of the file', () => {
    const zip = withZip64End(zipOf([...parts, { name: 'xl/worksheets/sheet2.xml', size: 5 * 2 ** 32, stored: 2_000, zip64: true }]));
    const total = 1_200 + 268_435_647 + 900 + 5 * 2 ** 32;
    expect(zipInflatedSize(zip)).toBe(total);
    expect(fromTheEnd(zip, 300)?.inflated).toBe(total);
    // an end too short to hold the Zip64 record: nothing is known, nothing is guessed
    expect(fromTheEnd(zip, 60)).toBeUndefined();
  });

  it('knows nothing from an end without the closing record, or from bytes after the directory start', () => {
    const zip = zipOf(parts);
    expect(zipDirectoryStart(zip.subarray(0, zip.length - 10))).toBeUndefined();
    const start = zipDirectoryStart(zip) ?? 0;
    // the window must begin at or before the directory
    expect(zipEntries(zip.subarray(start + 1), start + 1)).toBeUndefined();
  });
});

describe('streamInflatedLimit', () => {
  it('allows what the in-memory reader allows, more only in proportion to the file, never over the cap', () => {
    expect(streamInflatedLimit(300_000)).toBe(READ_LIMITS.xlsxInflatedBytes);
    expect(streamInflatedLimit(10 * 1024 * 1024)).toBe(1000 * 1024 * 1024);
    expect(streamInflatedLimit(READ_LIMITS.xlsxStreamBytes)).toBe(READ_LIMITS.xlsxStreamInflatedBytes);
    // a 9 MB list of 73 MB inflated, and the largest file at a real workbook's 7 times, are read
    expect(streamInflatedLimit(9 * 1024 * 1024)).toBeGreaterThan(73 * 1024 * 1024);
    expect(streamInflatedLimit(250 * 1024 * 1024)).toBeGreaterThanOrEqual(7 * 250 * 1024 * 1024);
  });
});
