/**
 * The desktop's streaming reader on real files in a temporary folder. The parity workbook
 * (shared/import/parity-workbook.ts) must come out exactly as the in-memory reader gives
 * it (renderer/excel/sheet-reader.test.ts checks the same literal); hand-made zips cover
 * what exceljs's own writer never produces (LibreOffice's part order, another tab order),
 * and broken or absurd files must end as a Vietnamese error value, never as a hang.
 */
import path from 'node:path';
import os from 'node:os';
import { createReadStream, readdirSync, watch } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { PassThrough, Readable } from 'node:stream';
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildParityWorkbook, PARITY_SHEETS, TCVN3_NAME } from '../../../shared/import/parity-workbook';
import { READ_LIMITS, READ_MESSAGES, streamInflatedLimit, zipInflatedSize } from '../../../shared/import/read-errors';
import type { Sheet } from '../../../shared/import/sheet-model';
import { isDateFormat, mergeRangeOf, readWorkbookStream, SheetScanner } from './sheet-stream';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sodean06-sheet-stream-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fileOf(name: string, data: Uint8Array | string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, data);
  return file;
}

async function workbookFile(name: string, fill: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  return fileOf(name, new Uint8Array(await wb.xlsx.writeBuffer()));
}

function sheetsOf(result: Awaited<ReturnType<typeof readWorkbookStream>>): Sheet[] {
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.value;
}

/** A zip of these parts in this order, deflated (what unzipper and Excel read). */
function zipOf(parts: readonly (readonly [string, string])[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of parts) {
    const data = Buffer.from(text, 'utf8');
    const packed = deflateRawSync(data);
    const fileName = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, packed);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

type HandSheet = { readonly file: number; readonly name: string; readonly state?: string; readonly xml: string };

/** The parts of a workbook written by hand: `tabs` in tab order, each stored as xl/worksheets/sheet<file>.xml. */
function handParts(tabs: readonly HandSheet[], strings: readonly string[]) {
  const sheetList = tabs
    .map((t) => `<sheet name="${t.name}" sheetId="${t.file}"${t.state ? ` state="${t.state}"` : ''} r:id="rId${t.file}"/>`)
    .join('');
  const rels = tabs
    .map((t) => `<Relationship Id="rId${t.file}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${t.file}.xml"/>`)
    .join('');
  return {
    contentTypes: ['[Content_Types].xml', `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`] as const,
    rootRels: ['_rels/.rels', `${XML}<Relationships xmlns="${PKG_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`] as const,
    workbook: ['xl/workbook.xml', `${XML}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>${sheetList}</sheets></workbook>`] as const,
    workbookRels: ['xl/_rels/workbook.xml.rels', `${XML}<Relationships xmlns="${PKG_NS}">${rels}</Relationships>`] as const,
    styles: [
      'xl/styles.xml',
      `${XML}<styleSheet xmlns="${MAIN_NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>` +
        '<fonts count="1"><font><sz val="11"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills>' +
        '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>' +
        '<cellXfs count="2"><xf numFmtId="0" xfId="0"/><xf numFmtId="164" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>',
    ] as const,
    sharedStrings: [
      'xl/sharedStrings.xml',
      `${XML}<sst xmlns="${MAIN_NS}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t xml:space="preserve">${s}</t></si>`).join('')}</sst>`,
    ] as const,
    sheets: tabs.map((t) => [`xl/worksheets/sheet${t.file}.xml`, `${XML}<worksheet xmlns="${MAIN_NS}">${t.xml}</worksheet>`] as const),
  };
}

describe('readWorkbookStream: what the in-memory reader gives', () => {
  it('reads the parity workbook exactly as the in-memory reader does (path and stream)', async () => {
    const file = await workbookFile('lao-dong.xlsx', (wb) => buildParityWorkbook(wb));
    expect(sheetsOf(await readWorkbookStream(file, 'lao-dong.xlsx'))).toEqual(PARITY_SHEETS);
    expect(sheetsOf(await readWorkbookStream(createReadStream(file), 'lao-dong.xlsx'))).toEqual(PARITY_SHEETS);
  });

  it('keeps Vietnamese letters whole where a chunk of the zip ends inside one', async () => {
    const names = Array.from({ length: 4000 }, (_, i) => `Nguyễn Thị Hường ${i} — Đặng Văn Ước`);
    const file = await workbookFile('dai.xlsx', (wb) => {
      const ws = wb.addWorksheet('Danh sách');
      names.forEach((n, i) => {
        // shared strings in column A, a formula's text result (stored in the sheet itself) in column B
        ws.getCell(i + 1, 1).value = n;
        ws.getCell(i + 1, 2).value = { formula: `"ấp "&${i}`, result: `ấp Ưu Đàm ${i}` };
      });
    });
    const [sheet] = sheetsOf(await readWorkbookStream(file, 'dai.xlsx'));
    expect(sheet?.rows.map((r) => r.cells)).toEqual(names.map((n, i) => [n, `ấp Ưu Đàm ${i}`]));
  });

  it('turns dates of a 1904-dated workbook into the same 1900 serials', async () => {
    const file = await workbookFile('mac.xlsx', (wb) => {
      wb.properties.date1904 = true;
      const cell = wb.addWorksheet('S').getCell('A1');
      cell.value = new Date(Date.UTC(2021, 2, 15));
      cell.numFmt = 'dd/mm/yyyy';
    });
    expect(sheetsOf(await readWorkbookStream(file, 'mac.xlsx'))[0]?.rows).toEqual([{ rowNumber: 1, hidden: false, cells: [{ serialDate: 44270 }] }]);
  });

  it('reads parts in LibreOffice order (shared strings first, workbook.xml last) with their names, tab order and dates', async () => {
    const p = handParts(
      [
        { file: 2, name: 'Đoàn viên', xml: '<sheetData><row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" s="1"><v>44270</v></c></row></sheetData>' },
        {
          file: 1,
          name: 'Danh mục',
          state: 'hidden',
          xml:
            '<sheetData><row r="2" hidden="true"><c r="A2" t="s"><v>0</v></c><c r="B2" t="b"><f>1=1</f><v>1</v></c>' +
            '<c r="C2" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="D2" s="1"><f>B1+1</f><v>44271</v></c></row>' +
            '<row r="3"><c r="A3" t="inlineStr"><is><t>Hà Nội</t></is></c><c r="B3" t="s"><v>1</v></c></row></sheetData>' +
            '<mergeCells count="1"><mergeCell ref="A3:B4"/></mergeCells>',
        },
      ],
      ['Thôn Đông', 'Lê Thị Hoa'],
    );
    const bytes = zipOf([p.rootRels, p.workbookRels, p.sharedStrings, ...p.sheets, p.styles, p.workbook, p.contentTypes]);
    const file = await fileOf('libre.xlsx', bytes);
    // the lost-entry race of exceljs's zip reading showed up in about one read in four
    for (let i = 0; i < 4; i++) {
      expect(sheetsOf(await readWorkbookStream(file, 'libre.xlsx'))).toEqual([
        { name: 'Đoàn viên', rows: [{ rowNumber: 1, hidden: false, cells: ['Lê Thị Hoa', { serialDate: 44270 }] }], merges: [] },
        {
          name: 'Danh mục',
          hidden: true,
          rows: [
            { rowNumber: 2, hidden: true, cells: ['Thôn Đông', true, '#DIV/0!', { serialDate: 44271 }] },
            { rowNumber: 3, hidden: false, cells: ['Hà Nội'] },
          ],
          merges: [{ top: 3, left: 1, bottom: 4, right: 2 }],
        },
      ]);
    }
  });

  it('reads a .csv like the in-memory reader (raw Windows-1252 text for legacy encodings)', async () => {
    const bytes = Buffer.concat([Buffer.from('sep=;\nHọ tên;Năm sinh\n'.normalize('NFC'), 'utf8')]);
    const file = await fileOf('ds.csv', bytes);
    expect(sheetsOf(await readWorkbookStream(file, 'ds.csv'))).toEqual([
      { name: 'ds', rows: [{ rowNumber: 1, hidden: false, cells: ['Họ tên', 'Năm sinh'] }], merges: [] },
    ]);
    const legacy = await fileOf('cu.csv', Buffer.from([0x48, 0xad, 0x6e, 0x67, 0x3b, 0x78]));
    expect(sheetsOf(await readWorkbookStream(legacy, 'cu.csv'))[0]?.rows[0]?.cells).toEqual(['H\u00adng', 'x']);
  });

  it('keeps the TCVN3 soft hyphen and the spaces around a name', async () => {
    const file = await workbookFile('tcvn3.xlsx', (wb) => {
      wb.addWorksheet('S').getCell('A1').value = TCVN3_NAME;
    });
    expect(sheetsOf(await readWorkbookStream(file, 'tcvn3.xlsx'))[0]?.rows[0]?.cells).toEqual([TCVN3_NAME]);
  });
});

describe('readWorkbookStream: files it cannot read', () => {
  const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array<number>(504).fill(0)]);

  it.each([
    ['danh-sach.xls', ole, 'xls', 'Excel Workbook (.xlsx)'],
    ['danh-sach.xlsx', ole, 'encrypted', 'mật khẩu'],
    ['danh-sach.xlsx', Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919 + 13) % 256)), 'corrupt', 'bị hỏng'],
    ['danh-sach.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8, 9]), 'corrupt', 'bị hỏng'],
    ['danh-sach.xlsx', Buffer.alloc(0), 'empty', 'không có dữ liệu'],
    ['danh-sach.txt', Buffer.from('a,b'), 'unsupported', '(.xlsx) hoặc tệp CSV (.csv)'],
  ] as const)('%s (%#) → %s, from a path and from a stream', async (name, data, code, phrase) => {
    const file = await fileOf(`bad-${code}-${name}`, data);
    for (const input of [file, Readable.from([data])]) {
      const result = await readWorkbookStream(input, name);
      expect(result).toMatchObject({ ok: false, code });
      if (!result.ok) expect(result.message).toContain(phrase);
      if (!result.ok) expect(result.message).toContain(`“${name}”`);
    }
  });

  it('says a workbook whose sheets hold no value is empty', async () => {
    const file = await workbookFile('trong.xlsx', (wb) => {
      wb.addWorksheet('Trống').getCell('C3').numFmt = 'dd/mm/yyyy';
    });
    expect(await readWorkbookStream(file, 'trong.xlsx')).toMatchObject({ ok: false, code: 'empty' });
  });

  it('says a truncated file is corrupt wherever it was cut, without hanging', async () => {
    const full = await readFile(await workbookFile('day-du.xlsx', (wb) => buildParityWorkbook(wb)));
    const cuts = Array.from({ length: 12 }, (_, i) => Math.floor(((i + 1) * full.length) / 13));
    for (const cut of cuts) {
      const part = full.subarray(0, cut);
      const file = await fileOf(`cut-${cut}.xlsx`, part);
      expect(await readWorkbookStream(file, 'cut.xlsx'), `path cut at ${cut}`).toMatchObject({ ok: false, code: 'corrupt' });
      // from a stream the end record cannot be looked at first: exceljs itself must fail
      expect(await readWorkbookStream(Readable.from([part]), 'cut.xlsx', { stallMs: 2000 }), `stream cut at ${cut}`).toMatchObject({
        ok: false,
        code: 'corrupt',
      });
    }
  }, 60_000);

  it('gives up on an input that stops sending, and closes it', async () => {
    const full = await readFile(await workbookFile('cham.xlsx', (wb) => buildParityWorkbook(wb)));
    const stalled = new PassThrough();
    stalled.write(full.subarray(0, 2000)); // and never more, never an end
    const result = await readWorkbookStream(stalled, 'cham.xlsx', { stallMs: 100 });
    expect(result).toMatchObject({ ok: false, code: 'corrupt' });
    expect(stalled.destroyed).toBe(true);
  });

  it('refuses a file over the size limit without reading it', async () => {
    const file = await workbookFile('lon.xlsx', (wb) => buildParityWorkbook(wb));
    const result = await readWorkbookStream(file, 'lon.xlsx', { maxBytes: 1000 });
    expect(result).toMatchObject({ ok: false, code: 'too-large' });
    // and a stream over the limit, once it has passed it
    expect(await readWorkbookStream(createReadStream(file), 'lon.xlsx', { maxBytes: 1000 })).toMatchObject({ ok: false, code: 'too-large' });
  });

  it('refuses a sheet with a value beyond the column limit', async () => {
    const file = await workbookFile('rong.xlsx', (wb) => {
      const ws = wb.addWorksheet('Rộng');
      ws.getCell(1, 1).value = 'a';
      ws.getCell(2, READ_LIMITS.columns + 1).value = 'b';
    });
    const result = await readWorkbookStream(file, 'rong.xlsx');
    expect(result).toMatchObject({ ok: false, code: 'too-large' });
    if (!result.ok) expect(result.message).toContain('“Rộng”');
    if (!result.ok) expect(result.message).toContain('300 cột');
  });

  it('refuses a row with more cells than Excel allows, even empty ones, before exceljs builds them', async () => {
    const cells = Array.from({ length: 16_385 }, (_, i) => `<c r="${columnName(i + 1)}1" s="1"/>`).join('');
    const p = handParts([{ file: 1, name: 'Quá rộng', xml: `<sheetData><row r="1">${cells}</row></sheetData>` }], []);
    const file = await fileOf('qua-rong.xlsx', zipOf([p.contentTypes, p.rootRels, p.workbook, p.workbookRels, p.styles, p.sharedStrings, ...p.sheets]));
    expect(await readWorkbookStream(file, 'qua-rong.xlsx')).toMatchObject({ ok: false, code: 'too-large' });
  });

  it('stops at the row limit and closes the input instead of reading a huge sheet to its end', async () => {
    const rows = 300_000;
    const xml = Array.from({ length: rows }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>0</v></c></row>`).join('');
    const p = handParts([{ file: 1, name: 'Vô tận', xml: `<sheetData>${xml}</sheetData>` }], ['Nguyễn Văn A']);
    const bytes = zipOf([p.contentTypes, p.rootRels, p.workbook, p.workbookRels, p.styles, p.sharedStrings, ...p.sheets]);
    let sent = 0;
    const input = Readable.from(
      (function* () {
        for (let at = 0; at < bytes.length; at += 16 * 1024) {
          const chunk = bytes.subarray(at, at + 16 * 1024);
          sent += chunk.length;
          yield chunk;
        }
      })(),
    );
    const result = await readWorkbookStream(input, 'vo-tan.xlsx', { limits: { rows: 1000, columns: 300 } });
    expect(result).toMatchObject({ ok: false, code: 'too-large' });
    if (!result.ok) expect(result.message).toContain('“Vô tận”');
    expect(sent).toBeLessThan(bytes.length / 4);
    expect(input.destroyed).toBe(true);
    // the same sheet stored before the shared strings (Excel's order) also ends at the limit
    const excelOrder = await fileOf('vo-tan.xlsx', zipOf([p.contentTypes, p.rootRels, p.workbook, p.workbookRels, ...p.sheets, p.styles, p.sharedStrings]));
    expect(await readWorkbookStream(excelOrder, 'vo-tan.xlsx', { limits: { rows: 1000, columns: 300 } })).toMatchObject({ ok: false, code: 'too-large' });
  }, 30_000);
});

/** The temporary files exceljs made in this process (the `tmp` package names them tmp-<pid>-…). */
const ownTemporaryFiles = () => new Set(readdirSync(os.tmpdir()).filter((f) => f.startsWith(`tmp-${process.pid}-`)));

/** A stream of `bytes` in 4 KB chunks that notes, as it goes, every temporary file of this process it saw. */
function watchedInput(bytes: Buffer, seen: Set<string>): Readable {
  return Readable.from(
    (function* () {
      for (let at = 0; at < bytes.length; at += 4 * 1024) {
        for (const f of ownTemporaryFiles()) seen.add(f);
        yield bytes.subarray(at, at + 4 * 1024);
      }
    })(),
  );
}

/** A sheet of `rows` rows of one shared string, each part whole (about 55 bytes of XML a row). */
function longSheetParts(rows: number) {
  const xml = Array.from({ length: rows }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>0</v></c></row>`).join('');
  return handParts([{ file: 1, name: 'Dài', xml: `<sheetData>${xml}</sheetData>` }], ['Nguyễn Văn A']);
}

describe('readWorkbookStream: what a zip says it inflates to, and the temporary files', () => {
  it('refuses a file whose parts say they inflate to more than its size allows, before reading it', async () => {
    const p = longSheetParts(100_000);
    // LibreOffice's order: exceljs writes no temporary file, so only the directory can have told
    const bytes = zipOf([p.contentTypes, p.rootRels, p.sharedStrings, p.styles, p.workbookRels, ...p.sheets, p.workbook]);
    const inflated = zipInflatedSize(bytes) ?? 0;
    expect(inflated).toBeGreaterThan(5_000_000);
    const file = await fileOf('phinh.xlsx', bytes);
    const limit = inflated - 1;
    expect(await readWorkbookStream(file, 'phình.xlsx', { maxInflatedBytes: limit })).toEqual({ ok: false, code: 'too-large', message: READ_MESSAGES.tooMuchInflated('phình.xlsx', limit) });
    // one byte more and it is read
    expect(sheetsOf(await readWorkbookStream(file, 'phình.xlsx', { maxInflatedBytes: inflated }))[0]?.rows).toHaveLength(100_000);
  }, 30_000);

  it('holds a file to streamInflatedLimit of its size by default: a zip bomb is refused from its directory', async () => {
    // 5 MB of one repeated row deflates to a few KB: far beyond 100 times its size, but not
    // beyond READ_LIMITS.xlsxInflatedBytes, which any file may inflate to
    const p = longSheetParts(100_000);
    const file = await fileOf('nen-chat.xlsx', zipOf([p.contentTypes, p.rootRels, p.workbook, p.workbookRels, p.styles, p.sharedStrings, ...p.sheets]));
    expect(streamInflatedLimit(1000)).toBe(READ_LIMITS.xlsxInflatedBytes);
    expect(sheetsOf(await readWorkbookStream(file, 'nen-chat.xlsx'))[0]?.rows).toHaveLength(100_000);
  }, 30_000);

  it('removes the temporary files of a read stopped early, and of one that ends well', async () => {
    const before = ownTemporaryFiles();
    // Excel's order: the sheet is inflated into a temporary file before the shared strings come
    const p = longSheetParts(300_000);
    const excelOrder = zipOf([p.contentTypes, p.rootRels, p.workbook, p.workbookRels, ...p.sheets, p.styles, p.sharedStrings]);
    const seen = new Set<string>();
    const result = await readWorkbookStream(watchedInput(excelOrder, seen), 'vo-tan.xlsx', { limits: { rows: 1000, columns: 300 } });
    expect(result).toMatchObject({ ok: false, code: 'too-large' });
    expect([...seen].filter((f) => !before.has(f)).length, 'a temporary file was written').toBeGreaterThan(0);
    expect([...ownTemporaryFiles()].filter((f) => !before.has(f))).toEqual([]);

    // exceljs's own writer stores the sheets first too
    const file = await workbookFile('lao-dong-2.xlsx', (wb) => buildParityWorkbook(wb));
    expect(sheetsOf(await readWorkbookStream(file, 'lao-dong-2.xlsx'))).toEqual(PARITY_SHEETS);
    expect([...ownTemporaryFiles()].filter((f) => !before.has(f))).toEqual([]);
  }, 30_000);

  it('stops writing a temporary file at the inflated limit, for a zip read as a stream (whose directory comes last)', async () => {
    const before = ownTemporaryFiles();
    const p = longSheetParts(100_000);
    const excelOrder = zipOf([p.contentTypes, p.rootRels, p.workbook, p.workbookRels, ...p.sheets, p.styles, p.sharedStrings]);
    const limit = 1024 * 1024;
    // a stream's directory is not read first: this is the temporary file's count speaking
    expect(await readWorkbookStream(Readable.from([excelOrder]), 'phinh.xlsx', { maxInflatedBytes: limit })).toEqual({
      ok: false,
      code: 'too-large',
      message: READ_MESSAGES.tooMuchInflated('phinh.xlsx', limit),
    });
    expect([...ownTemporaryFiles()].filter((f) => !before.has(f))).toEqual([]);
  }, 30_000);

  it('removes a temporary file exceljs only creates after the input failed', async () => {
    const before = ownTemporaryFiles();
    const created = new Set<string>();
    const watcher = watch(os.tmpdir(), (_event, name) => {
      if (typeof name === 'string' && name.startsWith(`tmp-${process.pid}-`)) created.add(name);
    });
    const full = await readFile(await workbookFile('dia-hong-2.xlsx', (wb) => buildParityWorkbook(wb)));
    const failing = Readable.from(
      (function* () {
        yield full.subarray(0, 3000);
        throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
      })(),
    );
    await expect(readWorkbookStream(failing, 'dia-hong.xlsx')).rejects.toMatchObject({ code: 'EIO' });
    // exceljs's tmp.file may still be under way when the read has answered: the file goes as it appears
    try {
      await vi.waitFor(
        () => {
          expect(created.size, 'exceljs made a temporary file').toBeGreaterThan(0);
          expect([...ownTemporaryFiles()].filter((f) => !before.has(f))).toEqual([]);
        },
        { timeout: 5000, interval: 20 },
      );
    } finally {
      watcher.close();
    }
  });
});

describe('readWorkbookStream: an input that cannot be read', () => {
  it('rejects for a file that is not there (not the file content’s fault)', async () => {
    await expect(readWorkbookStream(path.join(dir, 'khong-co.xlsx'), 'khong-co.xlsx')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('rejects with the stream’s own error when reading it fails half way', async () => {
    const full = await readFile(await workbookFile('dia-hong.xlsx', (wb) => buildParityWorkbook(wb)));
    const failing = Readable.from(
      (function* () {
        yield full.subarray(0, 3000);
        throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
      })(),
    );
    await expect(readWorkbookStream(failing, 'dia-hong.xlsx')).rejects.toMatchObject({ code: 'EIO' });
  });
});

describe('the pieces', () => {
  it('reads merge references', () => {
    expect(mergeRangeOf('A4:C5')).toEqual({ top: 4, left: 1, bottom: 5, right: 3 });
    expect(mergeRangeOf('AB10:Z2')).toEqual({ top: 2, left: 26, bottom: 10, right: 28 });
    expect(mergeRangeOf('B2')).toEqual({ top: 2, left: 2, bottom: 2, right: 2 });
    expect(mergeRangeOf('nonsense')).toBeNull();
  });

  it('finds hidden rows, merges and typed formula results wherever the chunks split the XML', async () => {
    const xml =
      '<worksheet><sheetData><row r="2" spans="1:3" hidden="1"><c r="A2" t="b"><f>TRUE()</f><v>1</v></c>' +
      '<c r="B2" t="e"><f>NA()</f><v>#N/A</v></c><c r="C2" t="e"><v>#REF!</v></c><c r="D2" t="inlineStr"><is><t>Hà Nội</t></is></c></row>' +
      "<row r='3' hidden='true'><c r='A3' t='b'><f>1=2</f><v>0</v></c></row><row r=\"4\"/></sheetData>" +
      '<mergeCells count="2"><mergeCell ref="A1:C1"/><mergeCell ref="B3:B4"/></mergeCells></worksheet>';
    const guard = { fileName: 'a.xlsx', touch: vi.fn(), corrupt: vi.fn(), tooLarge: vi.fn() } as never;
    const bytes = Buffer.from(xml, 'utf8');
    for (const size of [1, 2, 7, bytes.length]) {
      const scanner = new SheetScanner('S', guard);
      // byte chunks: "à" and "ộ" are split between two of them
      const chunks = Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));
      let passed = '';
      for await (const text of scanner.decode(Readable.from(chunks))) passed += text;
      expect(passed, `chunks of ${size}`).toBe(xml);
      expect([...scanner.hiddenRows]).toEqual([2, 3]);
      expect(scanner.merges).toEqual([
        { top: 1, left: 1, bottom: 1, right: 3 },
        { top: 3, left: 2, bottom: 4, right: 2 },
      ]);
      // only formula results: a plain error or boolean cell exceljs reads right itself
      expect([...scanner.typedResults]).toEqual([
        ['A2', true],
        ['B2', { error: '#N/A' }],
        ['A3', false],
      ]);
    }
  });

  it('tells date formats as exceljs does', () => {
    expect(isDateFormat('dd/mm/yyyy')).toBe(true);
    expect(isDateFormat('[$-42A]d mmmm yyyy')).toBe(true);
    expect(isDateFormat('h:mm')).toBe(true);
    expect(isDateFormat('#,##0')).toBe(false);
    expect(isDateFormat('0" ngày"')).toBe(false);
    expect(isDateFormat('[Red]0.00')).toBe(false);
    expect(isDateFormat(undefined)).toBe(false);
  });

  it('logs nothing for ordinary broken files', async () => {
    const spy = vi.spyOn(console, 'error');
    await readWorkbookStream(Readable.from([Buffer.from('PK\u0003\u0004 not really a zip at all')]), 'x.xlsx');
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });
});

function columnName(n: number): string {
  let name = '';
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26)) name = String.fromCharCode(65 + ((rest - 1) % 26)) + name;
  return name;
}
