// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import ExcelJS from 'exceljs';
import {
  fillTemplate,
  fillTemplateForPeriod,
  inspectTemplate,
  NO_SHEET_MESSAGE,
  TOO_MUCH_INFLATED_MESSAGE,
  verifyFilled,
  type ExcelJSModule,
  type FillRowSet,
} from './template-fill';
import { zipOf } from '../../tests/fixtures/bad-inputs';
import { READ_LIMITS } from '../../shared/import/read-errors';
import type { ReportKey } from '../../shared/report/values';
import type { CellValue } from '../../shared/report/detail';
import type { RowSet } from '../db/repositories/report-rows';
import type { ReportTemplate } from '../../shared/domain/types';

/** The build the app bundles (package.json "browser"): minified, so class names are gone. */
const BROWSER_BUILD = 'exceljs/dist/exceljs.min.js';
const browserExcel = ((await import(/* @vite-ignore */ BROWSER_BUILD)) as { default: ExcelJSModule }).default;

const SHEET = 'Báo cáo';
const thin = { style: 'thin' as const };
const box = { top: thin, left: thin, bottom: thin, right: thin };
const times = { name: 'Times New Roman', size: 13 };

/** A superior's form as an officer would receive it: header, figures, a list, a signature block. */
async function buildTemplate(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET, {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 1.18, right: 0.59, top: 0.79, bottom: 0.79, header: 0.3, footer: 0.3 },
      printTitlesRow: '10:10',
      printArea: 'A1:H17',
    },
  });
  ws.columns = [6, 28, 12, 16, 12, 10, 10, 10].map((width) => ({ width }));

  ws.getCell('A1').value = '{{unit.superior}}';
  ws.mergeCells('A1:D1');
  ws.getCell('E1').value = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
  ws.getCell('E1').font = { ...times, bold: true };
  ws.mergeCells('E1:H1');
  ws.getCell('A2').value = '{{unit.name}}';
  ws.getCell('A2').font = { ...times, bold: true };
  ws.mergeCells('A2:D2');
  ws.getCell('A3').value = 'BÁO CÁO KẾT QUẢ THU THẬP, CẬP NHẬT DỮ LIỆU';
  ws.getCell('A3').font = { ...times, bold: true, size: 14 };
  ws.getCell('A3').alignment = { horizontal: 'center', vertical: 'middle' };
  ws.mergeCells('A3:H3');
  ws.getRow(3).height = 30;
  ws.getCell('A4').value = 'Tính đến ngày {{period.to}}';
  ws.getCell('A4').font = { ...times, italic: true };
  ws.mergeCells('A4:H4');

  ws.getRow(6).values = ['Stt', 'Nội dung', 'Tổng số', 'Đã phê duyệt', 'Tỷ lệ'];
  ws.getRow(7).values = [1, 'Thông tin người lao động', '{{labour.target}}', '{{labour.approved}}', '{{labour.rate}}'];
  for (const r of [6, 7]) for (let c = 1; c <= 5; c++) ws.getCell(r, c).border = box;
  ws.getCell('C7').numFmt = '#,##0';
  ws.getCell('D7').numFmt = '#,##0';
  ws.getCell('E7').numFmt = '0.00%';
  ws.getCell('B8').value = {
    richText: [
      { text: 'Đã phê duyệt ', font: { ...times, bold: true } },
      { text: '{{labour.approved}}', font: { ...times, italic: true } },
      { text: ' người ({{labour.rate}})' },
    ],
  };

  ws.getRow(10).values = ['Stt', 'Họ và tên', 'Ngày sinh', 'Số định danh', 'Ngày cập nhật', 'Ghi chú', '', 'Điểm'];
  ws.getRow(10).font = { ...times, bold: true };
  ws.getRow(11).values = [
    '{{#rows members.elderly}}{{item.stt}}',
    '{{item.fullName}}',
    '{{item.birthDate}}',
    '{{item.personalId}}',
    '{{item.statusDate}}',
    '{{item.note}}',
  ];
  ws.getCell('H11').value = { formula: 'A11*10' } as ExcelJS.CellFormulaValue;
  ws.getCell('C11').numFmt = 'd/m/yyyy';
  ws.mergeCells('F11:G11');
  ws.getRow(11).height = 20;
  for (let c = 1; c <= 8; c++) {
    ws.getCell(10, c).border = box;
    ws.getCell(11, c).border = box;
    ws.getCell(11, c).font = times;
  }
  ws.addConditionalFormatting({
    ref: 'A11:H11',
    rules: [{ type: 'expression', priority: 1, formulae: ['$H11>20'], style: { font: { color: { argb: 'FFFF0000' } } } }],
  });

  ws.getCell('A13').value = 'Cộng';
  ws.getCell('B13').value = { formula: 'COUNTA(B11:B11)' } as ExcelJS.CellFormulaValue;
  ws.getCell('C13').value = { formula: 'D7' } as ExcelJS.CellFormulaValue;

  ws.getCell('E15').value = '{{unit.place}}, ngày {{report.date}}';
  ws.getCell('E15').font = { ...times, italic: true };
  ws.mergeCells('E15:H15');
  ws.getCell('E16').value = 'TRƯỞNG CÔNG AN XÃ';
  ws.getCell('E16').font = { ...times, bold: true };
  ws.getCell('E16').alignment = { horizontal: 'center' };
  ws.mergeCells('E16:H16');
  ws.mergeCells('E17:H17');
  ws.getRow(17).height = 40;
  // a formula Excel stores once and shares along the row
  ws.getCell('A22').value = { formula: 'D7+1', shareType: 'shared', ref: 'A22:B22', result: 0 } as ExcelJS.CellFormulaValue;
  ws.getCell('B22').value = { sharedFormula: 'A22', result: 0 } as ExcelJS.CellSharedFormulaValue;

  const other = wb.addWorksheet('Ghi chú');
  other.getCell('A1').value = 'Số người trong danh sách:';
  other.getCell('B1').value = { formula: `'${SHEET}'!B13` } as ExcelJS.CellFormulaValue;

  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const values = new Map<string, number | string | null>([
  ['unit.superior', 'CÔNG AN TỈNH KHÁNH HÒA'],
  ['unit.name', 'CÔNG AN XÃ VĨNH HIỆP'],
  ['unit.place', 'Vĩnh Hiệp'],
  ['report.date', '22/12/2026'],
  ['period.to', '20/12/2026'],
  ['labour.target', null],
  ['labour.approved', 203797],
  ['labour.rate', 0.8418],
]);

const elderlyColumns = [
  { key: 'fullName', kind: 'text' },
  { key: 'birthDate', kind: 'birth' },
  { key: 'personalId', kind: 'id' },
  { key: 'statusDate', kind: 'date' },
  { key: 'note', kind: 'text' },
] as const;

const ELDERLY: CellValue[][] = [
  ['Nguyễn Thị Đào', '1950-03-12', '001150000001', '2026-12-03', 'Đã duyệt'],
  ['Trần Văn Bình', '1948', '056048000002', '2026-12-05', ''],
  ['Lê Thị Cúc', '03/1952', '056152000003', '2026-11-30', null],
];

const elderly = (rows: CellValue[][] = ELDERLY): FillRowSet => ({ key: 'members.elderly', columns: elderlyColumns, rows });

async function read(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.slice().buffer as ArrayBuffer);
  return wb;
}

const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('filling the superior unit’s template', () => {
  it.each([
    ['exceljs for Node', undefined],
    ['the browser build of exceljs', browserExcel],
  ])('fills figures and the list, moving everything below the list and keeping styles, merges and print setup (%s)', async (_build, excel) => {
    const template = await buildTemplate();
    const result = await fillTemplate({ data: template, values, rowSets: [elderly()], ...(excel ? { excel } : {}) });
    if (!result.ok) throw new Error(result.message);
    const wb = await read(result.value.data);
    const ws = wb.getWorksheet(SHEET)!;
    const original = (await read(template)).getWorksheet(SHEET)!;

    // figures: numbers stay numbers under the template's own formats; null → empty
    expect(ws.getCell('A1').value).toBe('CÔNG AN TỈNH KHÁNH HÒA');
    expect(ws.getCell('A2').value).toBe('CÔNG AN XÃ VĨNH HIỆP');
    expect(ws.getCell('A4').value).toBe('Tính đến ngày 20/12/2026');
    expect(ws.getCell('C7').value).toBeNull();
    expect(ws.getCell('D7').value).toBe(203797);
    expect(ws.getCell('D7').numFmt).toBe('#,##0');
    expect(ws.getCell('E7').value).toBe(0.8418);
    expect(ws.getCell('E7').numFmt).toBe('0.00%');
    expect(ws.getCell('B7').value).toBe('Thông tin người lao động');
    // rich text keeps its runs and fonts
    expect(ws.getCell('B8').value).toEqual({
      richText: [
        { text: 'Đã phê duyệt ', font: { ...times, bold: true } },
        { text: '203.797', font: { ...times, italic: true } },
        { text: ' người (84,18%)' },
      ],
    });

    // the list: one row per record, the marker gone, styles and height copied
    const rows = [11, 12, 13].map((r) => [1, 2, 3, 4, 5, 6].map((c) => ws.getCell(r, c).value));
    expect(rows).toEqual([
      [1, 'Nguyễn Thị Đào', utc('1950-03-12'), '001150000001', utc('2026-12-03'), 'Đã duyệt'],
      [2, 'Trần Văn Bình', '1948', '056048000002', utc('2026-12-05'), null],
      [3, 'Lê Thị Cúc', '03/1952', '056152000003', utc('2026-11-30'), null],
    ]);
    for (const r of [11, 12, 13]) {
      expect(ws.getRow(r).height).toBe(20);
      expect(ws.getCell(r, 3).numFmt).toBe('d/m/yyyy');
      expect(ws.getCell(r, 5).numFmt).toBe('dd/mm/yyyy');
      // the date format went to the date cells only, not to cells that shared their style
      expect(ws.getCell(r, 4).numFmt).toBeUndefined();
      for (let c = 1; c <= 8; c++) {
        expect(ws.getCell(r, c).border).toEqual(box);
        expect(ws.getCell(r, c).font).toEqual(times);
      }
      expect(ws.getCell(r, 8).value).toMatchObject({ formula: `A${r}*10` });
    }
    // the header row above did not take the record rows' number format
    expect(ws.getCell('E10').numFmt).toBeUndefined();

    // rows below moved down by 2, formulas following them
    expect(ws.getCell('A15').value).toBe('Cộng');
    expect(ws.getCell('B15').value).toMatchObject({ formula: 'COUNTA(B11:B13)' });
    expect(ws.getCell('C15').value).toMatchObject({ formula: 'D7' });
    expect(ws.getCell('E17').value).toBe('Vĩnh Hiệp, ngày 22/12/2026');
    expect(ws.getCell('E17').font).toEqual({ ...times, italic: true });
    expect(ws.getCell('E18').value).toBe('TRƯỞNG CÔNG AN XÃ');
    expect(ws.getCell('E18').alignment).toEqual({ horizontal: 'center' });
    expect(ws.getRow(19).height).toBe(40);
    expect(ws.getRow(17).height).not.toBe(40);
    expect(ws.getCell('A24').value).toMatchObject({ formula: 'D7+1' });
    expect(ws.getCell('B24').value).toMatchObject({ formula: 'E7+1' });
    expect(wb.getWorksheet('Ghi chú')!.getCell('B1').value).toMatchObject({ formula: `'${SHEET}'!B15` });
    for (const r of [13, 14]) expect(ws.getCell(r, 1).value).not.toBe('Cộng');

    // merges: above unchanged, in the record row repeated, below moved
    expect([...ws.model.merges].sort()).toEqual(['A1:D1', 'E1:H1', 'A2:D2', 'A3:H3', 'A4:H4', 'E17:H17', 'E18:H18', 'E19:H19', 'F11:G11', 'F12:G12', 'F13:G13'].sort());
    expect(ws.getCell('G12').isMerged).toBe(true);
    expect(ws.getCell('G12').master.address).toBe('F12');

    // untouched parts are as in the template
    expect(ws.getCell('A3').font).toEqual({ ...times, bold: true, size: 14 });
    expect(ws.getCell('A3').alignment).toEqual(original.getCell('A3').alignment);
    expect(ws.getRow(3).height).toBe(30);
    expect(ws.getCell('E1').value).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(ws.getCell('D6').border).toEqual(box);
    expect(ws.columns.map((c) => c.width)).toEqual([6, 28, 12, 16, 12, 10, 10, 10]);
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '10:10',
      printArea: 'A1:H19',
      margins: { left: 1.18, right: 0.59, top: 0.79, bottom: 0.79, header: 0.3, footer: 0.3 },
    });
    const internals = ws as unknown as { conditionalFormattings: { ref: string }[] };
    expect(internals.conditionalFormattings.map((cf) => cf.ref)).toEqual(['A11:H13']);

    // every filled cell is listed with its final address, and reads back the same
    expect(result.value.filled).toContainEqual({ address: `${SHEET}!D7`, key: 'labour.approved', value: 203797 });
    expect(result.value.filled).toContainEqual({ address: `${SHEET}!B13`, key: 'members.elderly[3].fullName', value: 'Lê Thị Cúc' });
    expect(result.value.filled).toContainEqual({ address: `${SHEET}!E17`, key: 'unit.place, report.date', value: 'Vĩnh Hiệp, ngày 22/12/2026' });
    expect(await verifyFilled(result.value.data, result.value.filled, excel)).toEqual([]);
  });

  it('an empty list keeps its row once, emptied, and nothing below moves', async () => {
    const result = await fillTemplate({ data: await buildTemplate(), values, rowSets: [elderly([])] });
    if (!result.ok) throw new Error(result.message);
    const ws = (await read(result.value.data)).getWorksheet(SHEET)!;
    for (let c = 1; c <= 8; c++) {
      expect(ws.getCell(11, c).value).toBeNull();
      expect(ws.getCell(11, c).border).toEqual(box);
    }
    expect(ws.getCell('A13').value).toBe('Cộng');
    expect(ws.getCell('B13').value).toMatchObject({ formula: 'COUNTA(B11:B11)' });
    expect(ws.getCell('E16').value).toBe('TRƯỞNG CÔNG AN XÃ');
    expect(ws.model.merges).toContain('E16:H16');
    expect(ws.pageSetup.printArea).toBe('A1:H17');
    expect(await verifyFilled(result.value.data, result.value.filled)).toEqual([]);
  });

  it('reports every unknown key, set and field with its cell and makes no file', async () => {
    const wb = await read(await buildTemplate());
    const ws = wb.getWorksheet(SHEET)!;
    ws.getCell('D7').value = '{{labour.aproved}}';
    ws.getCell('B11').value = '{{item.fullname}}';
    ws.getCell('C20').value = 'Ghi chú: {{item.note}}';
    wb.getWorksheet('Ghi chú')!.getCell('A3').value = '{{members.unknown.rate}}';
    const data = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const loadRows = vi.fn();

    const result = await fillTemplate({ data, values, rowSets: [elderly()], loadRows });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('template_invalid');
    expect('data' in result).toBe(false);
    expect(result.problems?.map((p) => [p.address, p.key])).toEqual([
      [`${SHEET}!D7`, 'labour.aproved'],
      [`${SHEET}!B11`, 'item.fullname'],
      [`${SHEET}!C20`, 'item.note'],
      ['Ghi chú!A3', 'members.unknown.rate'],
    ]);
    expect(loadRows).not.toHaveBeenCalled();
  });

  it('refuses a merge that runs from a record row into the next row', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('DS');
    ws.getRow(3).values = ['{{#rows members.elderly}}{{item.stt}}', '{{item.fullName}}'];
    ws.mergeCells('B3:B4');
    const data = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const result = await fillTemplate({ data, values, rowSets: [elderly()] });
    expect(result).toMatchObject({ ok: false, code: 'template_invalid' });
    expect(!result.ok && result.problems).toEqual([
      { address: 'DS!B3:B4', key: '#rows members.elderly', message: 'Ô gộp B3:B4 chạy qua dòng bảng (dòng 3) — trong dòng bảng chỉ gộp các ô cùng một dòng.' },
    ]);
  });

  it('the self-check catches a value that differs in the file', async () => {
    const result = await fillTemplate({ data: await buildTemplate(), values, rowSets: [elderly()] });
    if (!result.ok) throw new Error(result.message);
    const wb = await read(result.value.data);
    wb.getWorksheet(SHEET)!.getCell('D7').value = 203798;
    wb.getWorksheet(SHEET)!.getCell('D12').value = 56048000002;
    wb.getWorksheet(SHEET)!.getCell('A20').value = 'còn {{labour.failed}}';
    const tampered = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const problems = await verifyFilled(tampered, result.value.filled);
    expect(problems.map((p) => p.address)).toEqual([`${SHEET}!D7`, `${SHEET}!D12`, `${SHEET}!A20`]);
    expect(problems[0]!.message).toBe(`Ô ${SHEET}!D7 (labour.approved) phải là 203797 nhưng tệp ghi 203798.`);
  });

  it('a file that is not .xlsx is unreadable, not a crash', async () => {
    const result = await fillTemplate({ data: new TextEncoder().encode('not a workbook'), values, rowSets: [] });
    expect(result).toMatchObject({ ok: false, code: 'unreadable' });
    expect(await inspectTemplate(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]), new Set(), [])).toMatchObject({ ok: false, code: 'unreadable' });
  });

  it('a zip without a worksheet is no template', async () => {
    const text = zipOf([{ name: 'ghi-chu.txt', data: new TextEncoder().encode('Không phải bảng tính') }]);
    expect(await inspectTemplate(text, new Set(), [])).toEqual({ ok: false, code: 'unreadable', message: NO_SHEET_MESSAGE });
    expect(await fillTemplate({ data: text, values, rowSets: [] })).toEqual({ ok: false, code: 'unreadable', message: NO_SHEET_MESSAGE });
  });

  it('a zip whose parts say they inflate to more than READ_LIMITS.xlsxInflatedBytes is refused before exceljs reads it', async () => {
    const bomb = zipOf([
      { name: 'xl/workbook.xml', data: new TextEncoder().encode('<workbook/>') },
      // an empty DEFLATE block that says it inflates to the limit: with the workbook, more than it
      { name: 'xl/worksheets/sheet1.xml', deflated: new Uint8Array([3, 0]), size: READ_LIMITS.xlsxInflatedBytes, crc: 0 },
    ]);
    /** exceljs, as far as a test can tell: any use of it fails */
    const untouchable = new Proxy({} as ExcelJSModule, {
      get: (_target, key) => {
        if (key === 'then') return undefined;
        throw new Error(`exceljs was used: ${String(key)}`);
      },
    });
    expect(await inspectTemplate(bomb, new Set(), [], untouchable)).toEqual({ ok: false, code: 'unreadable', message: TOO_MUCH_INFLATED_MESSAGE });
    expect(await fillTemplate({ data: bomb, values, rowSets: [], excel: untouchable })).toEqual({ ok: false, code: 'unreadable', message: TOO_MUCH_INFLATED_MESSAGE });
    expect(TOO_MUCH_INFLATED_MESSAGE).toContain('hơn 200 MB');
  });

  it('inspecting says which cells use which keys and which lists', async () => {
    const result = await inspectTemplate(await buildTemplate(), new Set(values.keys()), [elderly()]);
    if (!result.ok) throw new Error(result.message);
    expect(result.value.problems).toEqual([]);
    expect(result.value.valueCells.map((c) => c.address)).toEqual(
      ['A1', 'A2', 'A4', 'C7', 'D7', 'E7', 'B8', 'E15'].map((a) => `${SHEET}!${a}`),
    );
    expect(result.value.tables).toEqual([{ sheet: SHEET, row: 11, address: `${SHEET}!A11`, set: 'members.elderly' }]);
  });
});

describe('fillTemplateForPeriod', () => {
  const key = (k: string, value: number | string | null): ReportKey => ({
    key: k,
    label: k,
    kind: typeof value === 'string' ? 'text' : k.endsWith('.rate') ? 'rate' : 'count',
    value,
    group: 'g',
  });
  const keys = [...values].map(([k, v]) => key(k, v));
  const rowSet = (k: string, rows: CellValue[][]): RowSet & { read: ReturnType<typeof vi.fn> } => ({
    key: k,
    label: k,
    table: 'members',
    columns: elderlyColumns.map((c) => ({ ...c, header: c.key, width: 10 })),
    read: vi.fn(async (_period, _names, onProgress?: (n: number) => void) => {
      onProgress?.(rows.length);
      return rows;
    }),
  });
  const period = { from: '2026-11-21', to: '2026-12-20' };
  const names = { hamletName: () => '', officerName: () => '' };

  it('reads only the lists the template uses, fills, checks itself and reports progress', async () => {
    const used = rowSet('members.elderly', ELDERLY);
    const unused = rowSet('labour', []);
    const template: ReportTemplate = {
      id: 't1',
      name: 'Mẫu PC06 tháng',
      fileName: 'mau.xlsx',
      data: (await buildTemplate()) as Uint8Array<ArrayBuffer>,
      addedAt: '2026-11-22T09:00:00.000Z',
      addedBy: 'o1',
    };
    const progress: string[] = [];
    const result = await fillTemplateForPeriod({ template, keys, rowSets: [used, unused], period, names, onProgress: (m) => progress.push(m) });
    if (!result.ok) throw new Error(`${result.message} ${JSON.stringify(result.problems)}`);
    expect(used.read).toHaveBeenCalledWith(period, names, expect.any(Function));
    expect(unused.read).not.toHaveBeenCalled();
    expect(result.value.problems).toEqual([]);
    expect(result.value.filled).toBeGreaterThan(3 * 6);
    expect(progress).toContain('Đang đọc danh sách members.elderly: 3 hồ sơ…');
    expect(progress.at(-1)).toBe('Đang kiểm tra lại tệp vừa điền…');
    const ws = (await read(result.value.data)).getWorksheet(SHEET)!;
    expect(ws.getCell('B12').value).toBe('Trần Văn Bình');
  });

  it('a template with unknown keys fails with the problems and the template’s name', async () => {
    const wb = await read(await buildTemplate());
    wb.getWorksheet(SHEET)!.getCell('D7').value = '{{labour.aproved}}';
    const template: ReportTemplate = {
      id: 't1',
      name: 'Mẫu PC06 tháng',
      fileName: 'mau.xlsx',
      data: new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer),
      addedAt: '2026-11-22T09:00:00.000Z',
      addedBy: 'o1',
    };
    const result = await fillTemplateForPeriod({ template, keys, rowSets: [rowSet('members.elderly', ELDERLY)], period, names });
    expect(result).toMatchObject({ ok: false, code: 'template_invalid', message: expect.stringContaining('Mẫu "Mẫu PC06 tháng"') });
    expect(result.problems).toEqual([expect.objectContaining({ address: `${SHEET}!D7`, key: 'labour.aproved' })]);
  });
});
