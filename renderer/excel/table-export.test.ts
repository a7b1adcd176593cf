// @vitest-environment node
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { buildTableWorkbook, safeSheetName } from './table-export';

type Row = { name: string; id: string; note: string };

const read = async (bytes: Uint8Array) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return wb.worksheets[0]!;
};

describe('table export', () => {
  it('writes a title, Vietnamese headers and the rows; IDs keep their leading zeros as text', async () => {
    const bytes = await buildTableWorkbook<Row>({
      sheetName: 'Hội Người cao tuổi',
      title: 'DANH SÁCH HỘI NGƯỜI CAO TUỔI',
      subtitle: 'Công an xã Vĩnh Hiệp',
      columns: [
        { header: 'Stt', width: 6, value: (_r, i) => i + 1 },
        { header: 'Họ và tên', width: 28, value: (r) => r.name },
        { header: 'Số định danh', width: 16, value: (r) => r.id, text: true },
      ],
      rows: [{ name: 'Nguyễn Thị Đào', id: '001150000001', note: '' }],
    });
    const sheet = await read(bytes);
    expect(sheet.name).toBe('Hội Người cao tuổi');
    expect(sheet.getCell('A1').value).toBe('DANH SÁCH HỘI NGƯỜI CAO TUỔI');
    expect(sheet.getRow(3).values).toEqual([undefined, 'Stt', 'Họ và tên', 'Số định danh']);
    expect(sheet.getCell('C4').value).toBe('001150000001');
    expect(sheet.getCell('C4').numFmt).toBe('@');
  });

  it('never writes typed text as a formula (=, +, -, @ stay text)', async () => {
    const hostile = ['=HYPERLINK("http://x","bấm")', '+1+1', '-2+3', '@SUM(A1)'];
    const bytes = await buildTableWorkbook<Row>({
      sheetName: 'x',
      title: 't',
      columns: [{ header: 'Ghi chú', width: 20, value: (r) => r.note }],
      rows: hostile.map((note) => ({ name: '', id: '', note })),
    });
    const sheet = await read(bytes);
    hostile.forEach((text, i) => {
      const cell = sheet.getCell(`A${i + 3}`);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(text);
    });
  });

  it.each([
    ['Hội Người cao tuổi', 'Hội Người cao tuổi'],
    ['a/b:c*d?e[f]g\\h', 'a b c d e f g h'],
    ['x'.repeat(40), 'x'.repeat(31)],
    ['  ', 'Danh sach'],
  ])('sheet name %j → %j', (input, expected) => {
    expect(safeSheetName(input)).toBe(expected);
  });
});
