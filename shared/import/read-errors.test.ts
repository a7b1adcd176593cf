import { describe, expect, it } from 'vitest';
import { zipInflatedSize } from './read-errors';

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
