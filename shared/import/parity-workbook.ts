/**
 * Test data (not used by the app): one labour-like workbook with everything a reader can
 * get wrong, and the exact Sheet[] both readers must give for it — the browser's
 * in-memory reader (renderer/excel/sheet-reader.test.ts) and the desktop's streaming
 * reader (electron/main/services/sheet-stream.test.ts). Written against a minimal
 * workbook interface that exceljs's Workbook fits, since shared/ cannot import exceljs.
 */
import type { Sheet } from './sheet-model';

export type ParityCellLike = { value: unknown; numFmt: string };
export type ParitySheetLike = {
  getCell(address: string): ParityCellLike;
  mergeCells(range: string): void;
  getRow(rowNumber: number): { hidden: boolean };
};
export type ParityWorkbookLike = {
  addWorksheet(name: string, options?: { state?: 'visible' | 'hidden' | 'veryHidden' }): ParitySheetLike;
};

const DAY = 'dd/mm/yyyy';

/** TCVN3 (.VnTime) "Lê Văn Hưng" as Excel stores it: "ư" is U+00AD; the spaces are the officer's. */
export const TCVN3_NAME = '  L\u00aa V\u00a8n H\u00adng  ';

/** Fills `workbook` (a new exceljs Workbook) with the parity sheets. */
export function buildParityWorkbook(workbook: ParityWorkbookLike): void {
  const ws = workbook.addWorksheet('Danh sách');
  const set = (address: string, value: unknown, numFmt?: string) => {
    const cell = ws.getCell(address);
    cell.value = value;
    if (numFmt !== undefined) cell.numFmt = numFmt;
  };
  // two title rows
  set('A1', 'CÔNG AN XÃ HÒA BÌNH');
  ws.mergeCells('A1:D1');
  set('A2', 'DANH SÁCH NGƯỜI TRONG ĐỘ TUỔI LAO ĐỘNG');
  ws.mergeCells('A2:H2');
  // a header over rows 4–5, the birth year split into Nam | Nữ
  set('A4', 'Stt');
  ws.mergeCells('A4:A5');
  set('B4', 'Họ và tên');
  ws.mergeCells('B4:B5');
  set('C4', 'Năm sinh');
  ws.mergeCells('C4:D4');
  set('C5', 'Nam');
  set('D5', 'Nữ');
  set('E4', 'Số CCCD');
  ws.mergeCells('E4:E5');
  set('F4', 'Ngày cấp');
  ws.mergeCells('F4:F5');
  set('G4', 'Nơi ở');
  ws.mergeCells('G4:G5');
  set('H4', 'Ghi chú');
  ws.mergeCells('H4:H5');
  // a man: a CCCD that lost its leading zeros, a real date, rich text, a formula's text
  set('A6', 1);
  set('B6', 'Nguyễn Văn An');
  set('C6', 1985);
  set('E6', 1090000123);
  set('F6', new Date(Date.UTC(2021, 2, 15)), DAY);
  set('G6', { richText: [{ text: 'Thôn 1, ', font: { bold: true } }, { text: 'xã Hòa Bình' }] });
  set('H6', { formula: '"đã "&"đối chiếu"', result: 'đã đối chiếu' });
  // a woman: the CCCD typed as text, a date typed as text, a hyperlink
  set('A7', 2);
  set('B7', 'Trần Thị Bình');
  set('D7', 1990);
  set('E7', '001190000456');
  set('F7', '15/03/2021');
  set('G7', { text: 'Thôn 2', hyperlink: 'https://example.com/thon-2' });
  // a name in TCVN3, a date made by a formula, a formula without a cached result
  set('A8', 3);
  set('B8', TCVN3_NAME);
  set('C8', 1970);
  set('E8', 34190000789);
  set('F8', { formula: 'DATE(2019,12,31)', result: new Date(Date.UTC(2019, 11, 31)) }, DAY);
  set('H8', { formula: 'NOW()' });
  // a hidden row with a boolean, an error value, and formulas giving a boolean and an error
  set('A9', 4);
  set('B9', 'Hàng ẩn');
  set('C9', true);
  set('D9', { error: '#N/A' });
  set('E9', { formula: 'E8=E8', result: true });
  set('F9', { formula: 'VLOOKUP(B9,K:L,2,0)', result: { error: '#N/A' } });
  ws.getRow(9).hidden = true;
  // a total row; a cell with a format only, far right
  set('A11', 'Tổng cộng');
  ws.mergeCells('A11:B11');
  set('E11', { formula: 'COUNT(A6:A9)', result: 4 });
  set('J12', null, DAY);

  workbook.addWorksheet('Danh mục', { state: 'hidden' }).getCell('A1').value = 'Thôn 1';
  workbook.addWorksheet('Ẩn hẳn', { state: 'veryHidden' }).getCell('B2').value = 0.5;
}

/** The Excel 1900 serials of the dates above. */
const MAR_15_2021 = 44270;
const DEC_31_2019 = 43830;

/** What both readers give for the parity workbook. */
export const PARITY_SHEETS: readonly Sheet[] = [
  {
    name: 'Danh sách',
    rows: [
      { rowNumber: 1, hidden: false, cells: ['CÔNG AN XÃ HÒA BÌNH'] },
      { rowNumber: 2, hidden: false, cells: ['DANH SÁCH NGƯỜI TRONG ĐỘ TUỔI LAO ĐỘNG'] },
      { rowNumber: 4, hidden: false, cells: ['Stt', 'Họ và tên', 'Năm sinh', null, 'Số CCCD', 'Ngày cấp', 'Nơi ở', 'Ghi chú'] },
      { rowNumber: 5, hidden: false, cells: [null, null, 'Nam', 'Nữ'] },
      {
        rowNumber: 6,
        hidden: false,
        cells: [1, 'Nguyễn Văn An', 1985, null, 1090000123, { serialDate: MAR_15_2021 }, 'Thôn 1, xã Hòa Bình', 'đã đối chiếu'],
      },
      { rowNumber: 7, hidden: false, cells: [2, 'Trần Thị Bình', null, 1990, '001190000456', '15/03/2021', 'Thôn 2'] },
      { rowNumber: 8, hidden: false, cells: [3, TCVN3_NAME, 1970, null, 34190000789, { serialDate: DEC_31_2019 }] },
      { rowNumber: 9, hidden: true, cells: [4, 'Hàng ẩn', true, '#N/A', true, '#N/A'] },
      { rowNumber: 11, hidden: false, cells: ['Tổng cộng', null, null, null, 4] },
    ],
    merges: [
      { top: 1, left: 1, bottom: 1, right: 4 },
      { top: 2, left: 1, bottom: 2, right: 8 },
      { top: 4, left: 1, bottom: 5, right: 1 },
      { top: 4, left: 2, bottom: 5, right: 2 },
      { top: 4, left: 3, bottom: 4, right: 4 },
      { top: 4, left: 5, bottom: 5, right: 5 },
      { top: 4, left: 6, bottom: 5, right: 6 },
      { top: 4, left: 7, bottom: 5, right: 7 },
      { top: 4, left: 8, bottom: 5, right: 8 },
      { top: 11, left: 1, bottom: 11, right: 2 },
    ],
  },
  { name: 'Danh mục', hidden: true, rows: [{ rowNumber: 1, hidden: false, cells: ['Thôn 1'] }], merges: [] },
  { name: 'Ẩn hẳn', hidden: true, rows: [{ rowNumber: 2, hidden: false, cells: [null, 0.5] }], merges: [] },
];
