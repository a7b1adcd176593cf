/**
 * A plain table as an .xlsx workbook: a title line, a header row and one row
 * per record, with Vietnamese headers and sensible widths. The monthly
 * templates of the superior unit are built elsewhere; this is "the list I am
 * looking at, as Excel". exceljs is loaded on demand so the app starts fast.
 */
export type ExportColumn<T> = {
  header: string;
  width: number;
  value: (row: T, index: number) => string | number;
  /** keep as text even when it looks like a number (IDs with leading zeros) */
  text?: boolean;
};

export type TableExport<T> = {
  sheetName: string;
  title: string;
  subtitle?: string;
  columns: readonly ExportColumn<T>[];
  rows: readonly T[];
};

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
export function safeSheetName(name: string): string {
  const cleaned = name.replace(/[[\]:*?/\\]/g, ' ').trim();
  return (cleaned || 'Danh sach').slice(0, 31);
}

export async function buildTableWorkbook<T>(spec: TableExport<T>): Promise<Uint8Array<ArrayBuffer>> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Sổ Đề án 06';
  const sheet = workbook.addWorksheet(safeSheetName(spec.sheetName), {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'frozen', ySplit: spec.subtitle ? 3 : 2 }],
  });
  sheet.columns = spec.columns.map((c) => ({ width: c.width }));
  const font = { name: 'Times New Roman', size: 12 };

  const titleRow = sheet.addRow([spec.title]);
  titleRow.font = { ...font, bold: true, size: 14 };
  sheet.mergeCells(titleRow.number, 1, titleRow.number, spec.columns.length);
  titleRow.alignment = { horizontal: 'center' };
  if (spec.subtitle) {
    const sub = sheet.addRow([spec.subtitle]);
    sub.font = { ...font, italic: true };
    sheet.mergeCells(sub.number, 1, sub.number, spec.columns.length);
    sub.alignment = { horizontal: 'center' };
  }
  const header = sheet.addRow(spec.columns.map((c) => c.header));
  header.font = { ...font, bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };

  spec.rows.forEach((row, i) => {
    const line = sheet.addRow(spec.columns.map((c) => c.value(row, i)));
    line.font = font;
    spec.columns.forEach((c, j) => {
      if (c.text) line.getCell(j + 1).numFmt = '@';
    });
  });
  const thin = { style: 'thin' as const };
  for (let r = header.number; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    for (let c = 1; c <= spec.columns.length; c++) {
      row.getCell(c).border = { top: thin, left: thin, bottom: thin, right: thin };
    }
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
