// @vitest-environment node
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { cellGrid, cellText, type Sheet } from '../../shared/import/sheet-model';
import { buildParityWorkbook, PARITY_SHEETS } from '../../shared/import/parity-workbook';
import { dateToExcelSerial, detectSeparator, parseCsv, readWorkbookFile, READ_LIMITS, type ExcelJSModule } from './sheet-reader';

/** The build the app bundles (package.json "browser"): minified, class names gone. */
const BROWSER_BUILD = 'exceljs/dist/exceljs.min.js';
const browserExcel = ((await import(/* @vite-ignore */ BROWSER_BUILD)) as { default: ExcelJSModule }).default;

const excel = ExcelJS as unknown as ExcelJSModule;

async function bytesOf(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function sheetNamed(sheets: readonly Sheet[], name: string): Sheet {
  const sheet = sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

function rowCells(sheet: Sheet, rowNumber: number) {
  return sheet.rows.find((r) => r.rowNumber === rowNumber)?.cells;
}

/** A vehicle list as it arrives: title rows, a header over two rows, an owner merged over three vehicles. */
async function vehicleList(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Phương tiện');
  ws.getCell('A1').value = 'CÔNG AN XÃ HÒA BÌNH';
  ws.mergeCells('A1:C1');
  ws.getCell('A2').value = 'DANH SÁCH PHƯƠNG TIỆN';
  ws.mergeCells('A2:E2');
  // header, rows 4–5
  ws.getCell('A4').value = 'Stt';
  ws.mergeCells('A4:A5');
  ws.getCell('B4').value = 'Chủ xe';
  ws.mergeCells('B4:C4');
  ws.getCell('B5').value = 'Họ và tên';
  ws.getCell('C5').value = 'Số CCCD';
  ws.getCell('D4').value = 'Biển số';
  ws.mergeCells('D4:D5');
  ws.getCell('E4').value = 'Ngày đăng ký';
  ws.mergeCells('E4:E5');
  // data: one owner, three vehicles
  ws.getCell('A6').value = 1;
  ws.getCell('B6').value = 'Nguyễn Văn An';
  ws.mergeCells('B6:B8');
  ws.getCell('C6').value = 1234567890; // a CCCD that lost its leading zeros
  ws.mergeCells('C6:C8');
  ws.getCell('D6').value = '29A-123.45';
  ws.getCell('D7').value = '29B1-678.90';
  ws.getCell('D8').value = '29C-111.11';
  ws.getCell('E6').value = new Date(Date.UTC(2024, 2, 15));
  ws.getCell('E6').numFmt = 'dd/mm/yyyy';
  // rich text, a hyperlink and a formula with a cached result
  ws.getCell('A9').value = 2;
  ws.getCell('B9').value = { richText: [{ text: 'Trần ', font: { bold: true } }, { text: 'Thị Bình' }] };
  ws.getCell('C9').value = { text: '001090000123', hyperlink: 'mailto:x@example.com' };
  ws.getCell('D9').value = { formula: '"30A-"&"555.55"', result: '30A-555.55' };
  ws.getCell('A10').value = 3;
  ws.getCell('B10').value = 'Hàng ẩn';
  ws.getRow(10).hidden = true;
  ws.getCell('A12').value = 'Tổng cộng';
  ws.getCell('D12').value = { formula: 'COUNTA(D6:D10)', result: 5 };

  const hidden = wb.addWorksheet('Danh mục', { state: 'hidden' });
  hidden.getCell('A1').value = 'Thôn 1';
  return bytesOf(wb);
}

describe('readWorkbookFile: .xlsx', () => {
  it.each([
    ['node build', excel],
    ['browser build', browserExcel],
  ])('reads title rows, a two-row merged header and merged owner cells (%s)', async (_label, module) => {
    const result = await readWorkbookFile('xe.xlsx', await vehicleList(), { excel: module });
    if (!result.ok) throw new Error(result.message);
    expect(result.value.map((s) => [s.name, s.hidden ?? false])).toEqual([
      ['Phương tiện', false],
      ['Danh mục', true],
    ]);
    const sheet = sheetNamed(result.value, 'Phương tiện');
    expect(sheet.rows.map((r) => r.rowNumber)).toEqual([1, 2, 4, 5, 6, 7, 8, 9, 10, 12]);
    expect(rowCells(sheet, 1)).toEqual(['CÔNG AN XÃ HÒA BÌNH']);
    expect(rowCells(sheet, 4)).toEqual(['Stt', 'Chủ xe', null, 'Biển số', 'Ngày đăng ký']);
    expect(rowCells(sheet, 5)).toEqual([null, 'Họ và tên', 'Số CCCD']);
    // only the top-left cell of a merge keeps the value; the number stays a number
    expect(rowCells(sheet, 6)).toEqual([1, 'Nguyễn Văn An', 1234567890, '29A-123.45', { serialDate: 45366 }]);
    expect(rowCells(sheet, 7)).toEqual([null, null, null, '29B1-678.90']);
    expect(rowCells(sheet, 8)).toEqual([null, null, null, '29C-111.11']);
    expect(cellText(rowCells(sheet, 6)?.[4])).toBe('15/03/2024');
    expect(rowCells(sheet, 9)).toEqual([2, 'Trần Thị Bình', '001090000123', '30A-555.55']);
    expect(sheet.rows.filter((r) => r.hidden).map((r) => r.rowNumber)).toEqual([10]);
    expect(rowCells(sheet, 12)).toEqual(['Tổng cộng', null, null, 5]);
    expect(sheet.merges).toEqual([
      { top: 1, left: 1, bottom: 1, right: 3 },
      { top: 2, left: 1, bottom: 2, right: 5 },
      { top: 4, left: 1, bottom: 5, right: 1 },
      { top: 4, left: 2, bottom: 4, right: 3 },
      { top: 4, left: 4, bottom: 5, right: 4 },
      { top: 4, left: 5, bottom: 5, right: 5 },
      { top: 6, left: 2, bottom: 8, right: 2 },
      { top: 6, left: 3, bottom: 8, right: 3 },
    ]);
    // the pure layer can fill the merge back in
    const grid = cellGrid(sheet);
    expect(grid.value(8, 1)).toBe('Nguyễn Văn An');
    expect(grid.coveredFromAbove(8, 1)).toBe(true);
    expect(sheetNamed(result.value, 'Danh mục').rows).toEqual([{ rowNumber: 1, hidden: false, cells: ['Thôn 1'] }]);
  });

  it.each([
    ['node build', excel],
    ['browser build', browserExcel],
  ])('reads the parity workbook exactly as the desktop streaming reader does (%s)', async (_label, module) => {
    // electron/main/services/sheet-stream.test.ts expects the same literal from the streaming reader
    const wb = new ExcelJS.Workbook();
    buildParityWorkbook(wb);
    const result = await readWorkbookFile('lao-dong.xlsx', await bytesOf(wb), { excel: module });
    if (!result.ok) throw new Error(result.message);
    expect(result.value).toEqual(PARITY_SHEETS);
  });

  it('keeps raw strings untouched (legacy TCVN3 soft hyphen, double spaces)', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('S').getCell('A1').value = '  Tr\u00a7n V\u00a8n H\u00adng  ';
    const result = await readWorkbookFile('a.xlsx', await bytesOf(wb), { excel });
    if (!result.ok) throw new Error(result.message);
    expect(result.value[0]?.rows[0]?.cells).toEqual(['  Tr\u00a7n V\u00a8n H\u00adng  ']);
  });

  it('turns dates into Excel 1900 serials, exactly', () => {
    expect(dateToExcelSerial(new Date(Date.UTC(1900, 2, 1)))).toBe(61);
    expect(dateToExcelSerial(new Date(Date.UTC(2024, 2, 15)))).toBe(45366);
    expect(dateToExcelSerial(new Date(Date.UTC(2024, 2, 15, 12)))).toBe(45366.5);
  });

  it('says a workbook without any cell is empty', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Trống');
    const result = await readWorkbookFile('trong.xlsx', await bytesOf(wb), { excel });
    expect(result).toMatchObject({ ok: false, code: 'empty' });
  });

  it('refuses a sheet wider than the column limit', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Rộng');
    ws.getCell(1, 1).value = 'a';
    ws.getCell(2, READ_LIMITS.columns + 1).value = 'b';
    const result = await readWorkbookFile('rong.xlsx', await bytesOf(wb), { excel });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('too-large');
    expect(result.message).toContain('“Rộng”');
    expect(result.message).toContain('300 cột');
  });
});

function utf8(text: string, bom = false): Uint8Array {
  const body = new TextEncoder().encode(text);
  if (!bom) return body;
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}

describe('readWorkbookFile: .csv', () => {
  it('reads UTF-8 with a BOM, semicolons and a quoted line break', async () => {
    const text = 'DANH SÁCH HỘI VIÊN, xã Hòa Bình\r\n\r\nStt;Họ và tên;Địa chỉ;Ghi chú\r\n1;Nguyễn Văn An;"Thôn 1;\r\nxã A";"nói ""có"""\r\n2;Lê Thị Bình;Thôn 2, xã A;\r\n';
    const result = await readWorkbookFile('hoi-vien.csv', utf8(text, true));
    if (!result.ok) throw new Error(result.message);
    expect(result.value).toEqual([
      {
        name: 'hoi-vien',
        merges: [],
        rows: [
          { rowNumber: 1, hidden: false, cells: ['DANH SÁCH HỘI VIÊN, xã Hòa Bình'] },
          { rowNumber: 3, hidden: false, cells: ['Stt', 'Họ và tên', 'Địa chỉ', 'Ghi chú'] },
          { rowNumber: 4, hidden: false, cells: ['1', 'Nguyễn Văn An', 'Thôn 1;\r\nxã A', 'nói "có"'] },
          { rowNumber: 5, hidden: false, cells: ['2', 'Lê Thị Bình', 'Thôn 2, xã A'] },
        ],
      },
    ]);
  });

  it('reads commas without a BOM or a final line break, all cells as text', async () => {
    const result = await readWorkbookFile('ds.CSV', utf8('Họ tên,Số CCCD,Năm sinh\nTrần Văn C,001090000123,1950\n"Phạm, D",,"03/1950"'));
    if (!result.ok) throw new Error(result.message);
    expect(result.value[0]?.rows.map((r) => r.cells)).toEqual([
      ['Họ tên', 'Số CCCD', 'Năm sinh'],
      ['Trần Văn C', '001090000123', '1950'],
      ['Phạm, D', null, '03/1950'],
    ]);
  });

  it('follows an Excel sep= line and reads non-UTF-8 bytes as Windows-1252 (legacy text stays raw)', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('sep=;\nA;B\n'), 0x48, 0xad, 0x6e, 0x67, 0x3b, 0x78]);
    const result = await readWorkbookFile('cu.csv', bytes);
    if (!result.ok) throw new Error(result.message);
    expect(result.value[0]?.rows).toEqual([
      { rowNumber: 1, hidden: false, cells: ['A', 'B'] },
      { rowNumber: 2, hidden: false, cells: ['H\u00adng', 'x'] },
    ]);
  });

  it('reports an unclosed quote with its line instead of swallowing the rest', async () => {
    const result = await readWorkbookFile('hong.csv', utf8('a,b\n1,"x\n2,y\n'));
    expect(result).toMatchObject({ ok: false, code: 'corrupt' });
    if (!result.ok) expect(result.message).toContain('dòng 2');
  });

  it('detects the separator outside quotes and caps rows and columns', () => {
    expect(detectSeparator('"a;b;c;d",x,y\n1,2,3').separator).toBe(',');
    expect(detectSeparator('Tiêu đề, có dấu phẩy\na;b;c\n1;2;3').separator).toBe(';');
    expect(detectSeparator('a\tb\tc\n1\t2\t3').separator).toBe('\t');
    expect(parseCsv('a\nb\nc\n', ',', { rows: 2, columns: 5 })).toEqual({ ok: false, kind: 'rows' });
    expect(parseCsv('a,b,c', ',', { rows: 2, columns: 2 })).toEqual({ ok: false, kind: 'columns' });
    expect(parseCsv('a,b\rc,"d""e"x', ',', { rows: 5, columns: 5 })).toEqual({ ok: true, records: [['a', 'b'], ['c', 'd"ex']] });
  });
});

describe('readWorkbookFile: files it cannot read', () => {
  const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array<number>(504).fill(0)]);

  it.each([
    ['danh-sach.xls', ole, 'xls', 'Excel Workbook (.xlsx)'],
    ['danh-sach.xlsx', ole, 'encrypted', 'mật khẩu'],
    ['danh-sach.xlsx', Uint8Array.from({ length: 2000 }, (_, i) => (i * 7919 + 13) % 256), 'corrupt', 'bị hỏng'],
    ['danh-sach.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8, 9]), 'corrupt', 'bị hỏng'],
    ['danh-sach.xlsx', new Uint8Array(0), 'empty', 'không có dữ liệu'],
    ['danh-sach.csv', utf8('\n\r\n', true), 'empty', 'không có dữ liệu'],
    ['danh-sach.txt', utf8('a,b'), 'unsupported', '(.xlsx) hoặc tệp CSV (.csv)'],
  ] as const)('%s (%#) → %s', async (name, data, code, phrase) => {
    const result = await readWorkbookFile(name, data, { excel });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe(code);
    expect(result.message).toContain(phrase);
    expect(result.message).toContain(`“${name}”`);
  });
});
