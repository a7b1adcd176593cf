/**
 * The built-in monthly workbook: what each sheet holds (pure data, `SheetSpec`)
 * and how a sheet is written into an exceljs worksheet — the same code for the
 * desktop build's streaming writer in the main process and the browser build's
 * in-memory workbook, given only the small part of the worksheet API both have.
 *
 * Styles are shared frozen objects: exceljs recognises a style object it has
 * seen before by identity, so 250,000 rows cost no style work per cell.
 */
import type { Period } from '../settings/period';
import { formatDay } from '../dates/partial-date';
import { asciiFold } from '../text/normalize';
import type { CellKind, CellValue } from './detail';
import type { ReportFigures } from './figures';
import type { ReportHeader } from './values';

// ---------------------------------------------------------------- the spec

/** How a column's cells look: the detail kinds, plus `rate` (a fraction shown as %) and `label` (wrapped text). */
export type ColumnKind = CellKind | 'rate' | 'label';

export type HeaderCell = { readonly text: string; readonly colSpan?: number; readonly rowSpan?: number };

export type SheetSpec = {
  readonly name: string;
  readonly landscape: boolean;
  readonly columns: readonly { readonly width: number; readonly kind: ColumnKind }[];
  /** the two header lines of the left block: superior unit, unit (bold) */
  readonly unitLines: readonly [string, string];
  readonly title: string;
  readonly subtitle: string;
  /** one or two header rows; spans as in HTML */
  readonly header: readonly (readonly HeaderCell[])[];
  /** prepend a running Stt column to body rows (detail sheets) */
  readonly numbered: boolean;
  /** columns frozen on the left when scrolling */
  readonly frozenColumns: number;
  /** body rows known up front (summary sheets); detail rows are added as they are read */
  readonly rows: readonly (readonly CellValue[])[];
  /** 0-based indexes into `rows` written bold (total lines) */
  readonly boldRows: readonly number[];
};

// ---------------------------------------------------------------- sheets of the monthly workbook

const upper = (s: string) => s.toLocaleUpperCase('vi-VN');

function unitLines(header: ReportHeader): [string, string] {
  return [upper(header.superiorName), upper(header.unitName)];
}

const asOf = (period: Period) => `(Số liệu lũy kế tính đến ngày ${formatDay(period.to)}; trong kỳ từ ngày ${formatDay(period.from)} đến ngày ${formatDay(period.to)})`;

const nullable = (n: number | undefined): CellValue => (n === undefined ? null : n);

/** "Tổng hợp": one row per list, labour, vehicle declarations and vehicles. */
export function summarySheet(figures: ReportFigures, header: ReportHeader): SheetSpec {
  const rows: CellValue[][] = [];
  const bold: number[] = [];
  const members = figures.progress.filter((r) => r.key.startsWith('members:'));
  const others = figures.progress.filter((r) => !r.key.startsWith('members:'));
  let stt = 0;
  const line = (label: string, unit: string, f: ReportFigures['progress'][number]['figures'], numbered = true): CellValue[] => [
    numbered ? ++stt : null,
    label,
    unit,
    nullable(f.target),
    f.received,
    f.receivedInPeriod,
    f.entered,
    f.approved,
    f.approvedInPeriod,
    f.failed,
    nullable(f.rate),
  ];
  for (const r of members) rows.push(line(r.label, r.unit, r.figures));
  if (members.length > 1) {
    const sum = (pick: (f: ReportFigures['progress'][number]['figures']) => number) => members.reduce((s, r) => s + pick(r.figures), 0);
    const allTargets = members.every((r) => r.figures.target !== undefined);
    const target = allTargets ? sum((f) => f.target ?? 0) : undefined;
    const approved = sum((f) => f.approved);
    bold.push(rows.length);
    rows.push(
      line(
        'Cộng các hội, đoàn thể',
        'hội viên',
        {
          target,
          received: sum((f) => f.received),
          receivedInPeriod: sum((f) => f.receivedInPeriod),
          entered: sum((f) => f.entered),
          approved,
          approvedInPeriod: sum((f) => f.approvedInPeriod),
          failed: sum((f) => f.failed),
          rate: target ? approved / target : undefined,
        },
        false,
      ),
    );
  }
  for (const r of others) rows.push(line(r.label, r.unit, r.figures));
  return {
    name: 'Tổng hợp',
    landscape: true,
    columns: [
      { width: 6, kind: 'count' },
      { width: 34, kind: 'label' },
      { width: 11, kind: 'label' },
      { width: 12, kind: 'count' },
      { width: 13, kind: 'count' },
      { width: 11, kind: 'count' },
      { width: 12, kind: 'count' },
      { width: 13, kind: 'count' },
      { width: 11, kind: 'count' },
      { width: 12, kind: 'count' },
      { width: 10, kind: 'rate' },
    ],
    unitLines: unitLines(header),
    title: 'BẢNG TỔNG HỢP KẾT QUẢ THU THẬP, CẬP NHẬT THÔNG TIN',
    subtitle: asOf(header.period),
    header: [
      [
        { text: 'Stt', rowSpan: 2 },
        { text: 'Nội dung', rowSpan: 2 },
        { text: 'Đơn vị tính', rowSpan: 2 },
        { text: 'Tổng số', rowSpan: 2 },
        { text: 'Số đã cung cấp hồ sơ cho Công an cấp xã', colSpan: 2 },
        { text: 'Đã nhập, chờ duyệt', rowSpan: 2 },
        { text: 'Số đã cập nhật, phê duyệt trên hệ thống CSDLQG về dân cư', colSpan: 2 },
        { text: 'Không cập nhật được', rowSpan: 2 },
        { text: 'Tỷ lệ %', rowSpan: 2 },
      ],
      [{ text: 'Lũy kế' }, { text: 'Trong kỳ' }, { text: 'Lũy kế' }, { text: 'Trong kỳ' }],
    ],
    numbered: false,
    frozenColumns: 2,
    rows,
    boldRows: bold,
  };
}

/** "DC01": one row per category — total, done by outcome, in progress, pending, rate. */
export function dc01Sheet(figures: ReportFigures, header: ReportHeader): SheetSpec {
  // One column per distinct outcome wording across the categories, in catalogue order.
  const outcomeLabels: string[] = [];
  for (const row of figures.dc01) {
    for (const o of row.category.outcomes) if (!outcomeLabels.includes(o.label)) outcomeLabels.push(o.label);
  }
  const rows: CellValue[][] = figures.dc01.map((row, i) => {
    const f = row.figures;
    const byLabel = outcomeLabels.map((label) => {
      const keys = row.category.outcomes.filter((o) => o.label === label).map((o) => o.key);
      return keys.length === 0 ? null : keys.reduce((s, k) => s + (f.byOutcome[k] ?? 0), 0);
    });
    return [i + 1, row.label, f.total, f.done, ...byLabel, f.inProgress, f.pending, nullable(f.rate)];
  });
  const n = outcomeLabels.length;
  return {
    name: 'DC01',
    landscape: true,
    columns: [
      { width: 6, kind: 'count' },
      { width: 32, kind: 'label' },
      { width: 11, kind: 'count' },
      { width: 10, kind: 'count' },
      ...outcomeLabels.map(() => ({ width: 11, kind: 'count' as const })),
      { width: 12, kind: 'count' },
      { width: 10, kind: 'count' },
      { width: 11, kind: 'rate' },
    ],
    unitLines: unitLines(header),
    title: 'KẾT QUẢ LÀM SẠCH DỮ LIỆU (PHÂN HỆ DC01 MỞ RỘNG)',
    subtitle: asOf(header.period),
    header: [
      [
        { text: 'Stt', rowSpan: 2 },
        { text: 'Chỉ tiêu làm sạch', rowSpan: 2 },
        { text: 'Tổng số trường hợp', rowSpan: 2 },
        { text: 'Đã xử lý', colSpan: n + 1 },
        { text: 'Đang rà soát, xác minh', rowSpan: 2 },
        { text: 'Chưa xử lý', rowSpan: 2 },
        { text: 'Tỷ lệ hoàn thành', rowSpan: 2 },
      ],
      [{ text: 'Cộng' }, ...outcomeLabels.map((text) => ({ text }))],
    ],
    numbered: false,
    frozenColumns: 2,
    rows,
    boldRows: [],
  };
}

/** A detail sheet (danh sách): its head; rows are added as they are read. */
export function detailSheet(
  set: { label: string; columns: readonly { header: string; width: number; kind: CellKind }[] },
  sheetName: string,
  header: ReportHeader,
): SheetSpec {
  return {
    name: sheetName,
    landscape: set.columns.length > 7,
    columns: [{ width: 6, kind: 'count' }, ...set.columns.map((c) => ({ width: c.width, kind: c.kind }))],
    unitLines: unitLines(header),
    title: `DANH SÁCH ${upper(set.label)}`,
    subtitle: `(Lũy kế tính đến ngày ${formatDay(header.period.to)})`,
    header: [[{ text: 'Stt' }, ...set.columns.map((c) => ({ text: c.header }))]],
    numbered: true,
    frozenColumns: 2,
    rows: [],
    boldRows: [],
  };
}

/** Excel refuses sheet names over 31 characters, with []:*?/\ in them, or repeated (case-insensitively). */
export function uniqueSheetName(wanted: string, taken: Set<string>): string {
  const cleaned = wanted.replace(/[[\]:*?/\\]/g, ' ').replace(/\s+/g, ' ').trim() || 'Danh sách';
  let name = cleaned.slice(0, 31).trim();
  for (let i = 2; taken.has(name.toLocaleLowerCase('vi-VN')); i++) {
    const suffix = ` (${i})`;
    name = cleaned.slice(0, 31 - suffix.length).trim() + suffix;
  }
  taken.add(name.toLocaleLowerCase('vi-VN'));
  return name;
}

/** "BaoCao_DA06_CAX-VinhHiep_2024-06.xlsx": unit and the period's month, ASCII only so every PC and mail client keeps it. */
export function reportFileName(unitName: string, period: Period, extension: 'xlsx' | 'pdf'): string {
  const words = asciiFold(unitName).split(/[^A-Za-z0-9]+/).filter(Boolean);
  const LEVEL: Record<string, string> = { 'cong an xa': 'CAX', 'cong an phuong': 'CAP', 'cong an thi tran': 'CATT' };
  const lower = words.map((w) => w.toLowerCase());
  let prefix = '';
  let rest = words;
  for (const [phrase, code] of Object.entries(LEVEL)) {
    const n = phrase.split(' ').length;
    if (lower.slice(0, n).join(' ') === phrase) {
      prefix = `${code}-`;
      rest = words.slice(n);
      break;
    }
  }
  const unit = prefix + rest.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  return `BaoCao_DA06_${unit || 'DonVi'}_${period.to.slice(0, 7)}.${extension}`;
}

// ---------------------------------------------------------------- writing a sheet

/** The part of an exceljs cell both writers have. */
export interface CellLike {
  value: unknown;
  style: unknown;
}
export interface RowLike {
  readonly number: number;
  height: number;
  getCell(column: number): CellLike;
  commit(): void;
}
/** The part of an exceljs worksheet (in-memory or streaming) both writers have. */
export interface WorksheetLike {
  addRow(values: unknown[]): RowLike;
  mergeCells(top: number, left: number, bottom: number, right: number): void;
  columns: unknown;
}

const FONT = 'Times New Roman';
const thin = { style: 'thin' } as const;
const BORDER = Object.freeze({ top: thin, left: thin, bottom: thin, right: thin });

function style(s: { size?: number; bold?: boolean; italic?: boolean; h?: 'left' | 'center' | 'right'; wrap?: boolean; numFmt?: string; border?: boolean }) {
  return Object.freeze({
    font: Object.freeze({ name: FONT, size: s.size ?? 12, ...(s.bold ? { bold: true } : {}), ...(s.italic ? { italic: true } : {}) }),
    alignment: Object.freeze({ horizontal: s.h ?? 'left', vertical: 'middle', ...(s.wrap ? { wrapText: true } : {}) }),
    ...(s.border === false ? {} : { border: BORDER }),
    ...(s.numFmt ? { numFmt: s.numFmt } : {}),
  });
}

const STYLES = {
  unit: style({ bold: false, h: 'center', border: false }),
  unitBold: style({ bold: true, h: 'center', border: false }),
  title: style({ size: 14, bold: true, h: 'center', wrap: true, border: false }),
  subtitle: style({ italic: true, h: 'center', wrap: true, border: false }),
  header: style({ bold: true, h: 'center', wrap: true }),
} as const;

const BODY: Record<ColumnKind, readonly [object, object]> = {
  text: [style({}), style({ bold: true })],
  label: [style({ wrap: true }), style({ wrap: true, bold: true })],
  id: [style({ h: 'center', numFmt: '@' }), style({ h: 'center', numFmt: '@', bold: true })],
  date: [style({ h: 'center', numFmt: 'dd/mm/yyyy' }), style({ h: 'center', numFmt: 'dd/mm/yyyy', bold: true })],
  birth: [style({ h: 'center', numFmt: 'dd/mm/yyyy' }), style({ h: 'center', numFmt: 'dd/mm/yyyy', bold: true })],
  count: [style({ h: 'right', numFmt: '#,##0' }), style({ h: 'right', numFmt: '#,##0', bold: true })],
  rate: [style({ h: 'right', numFmt: '0.00%' }), style({ h: 'right', numFmt: '0.00%', bold: true })],
};

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A cell's value as Excel should hold it: ISO days in date columns become real dates; everything else as given. */
export function excelValue(kind: ColumnKind, value: CellValue): unknown {
  if (value === null || value === '') return null;
  if ((kind === 'date' || kind === 'birth') && typeof value === 'string') {
    const m = ISO_DAY.exec(value);
    if (m) return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  }
  if (kind === 'id' && typeof value === 'number') return String(value);
  return value;
}

/** The options to create the worksheet with: frozen header, A4 print setup, page numbers. */
export function sheetOptions(spec: SheetSpec) {
  const headerEnd = headRowCount(spec);
  return {
    views: [{ state: 'frozen' as const, xSplit: spec.frozenColumns, ySplit: headerEnd }],
    pageSetup: {
      paperSize: 9,
      orientation: spec.landscape ? ('landscape' as const) : ('portrait' as const),
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: `${headerEnd - spec.header.length + 1}:${headerEnd}`,
    },
    headerFooter: { oddFooter: '&C&"Times New Roman"&10Trang &P/&N' },
  };
}

/** unit lines (2) + blank + title + subtitle + blank + header rows */
const TITLE_ROWS = 6;
function headRowCount(spec: SheetSpec): number {
  return TITLE_ROWS + spec.header.length;
}

/** Writes the title block, the header and the spec's own rows. Returns the number of body rows written. */
export function writeSheetHead(ws: WorksheetLike, spec: SheetSpec): number {
  const width = spec.columns.length;
  ws.columns = spec.columns.map((c) => ({ width: c.width }));
  const half = Math.max(2, Math.ceil(width / 2));
  const block = (text: string, s: object, merge: [number, number]) => {
    const row = ws.addRow([text]);
    row.getCell(1).style = s;
    ws.mergeCells(row.number, merge[0], row.number, merge[1]);
    row.commit();
    return row;
  };
  block(spec.unitLines[0], STYLES.unit, [1, half]);
  block(spec.unitLines[1], STYLES.unitBold, [1, half]);
  ws.addRow([]).commit();
  block(spec.title, STYLES.title, [1, width]).height = 22;
  block(spec.subtitle, STYLES.subtitle, [1, width]);
  ws.addRow([]).commit();

  // Header: place each cell at the next free column, honouring spans from the rows above.
  const first = TITLE_ROWS + 1;
  const covered = new Set<string>();
  const rows: RowLike[] = [];
  const merges: [number, number, number, number][] = [];
  spec.header.forEach((cells, r) => {
    const rowNumber = first + r;
    // Every column gets a value: exceljs reads an array whose first item is missing as 1-based.
    const values: unknown[] = new Array<unknown>(width).fill(null);
    let col = 1;
    for (const cell of cells) {
      while (covered.has(`${rowNumber}:${col}`)) col++;
      values[col - 1] = cell.text;
      const rowSpan = cell.rowSpan ?? 1;
      const colSpan = cell.colSpan ?? 1;
      for (let dr = 0; dr < rowSpan; dr++) for (let dc = 0; dc < colSpan; dc++) covered.add(`${rowNumber + dr}:${col + dc}`);
      if (rowSpan > 1 || colSpan > 1) merges.push([rowNumber, col, rowNumber + rowSpan - 1, col + colSpan - 1]);
      col += colSpan;
    }
    const row = ws.addRow(values);
    for (let c = 1; c <= width; c++) row.getCell(c).style = STYLES.header;
    row.height = spec.header.length > 1 && r === 0 ? 36 : 48;
    rows.push(row);
  });
  for (const [t, l, b, rr] of merges) ws.mergeCells(t, l, b, rr);
  for (const row of rows) row.commit();

  spec.rows.forEach((values, i) => writeBodyRow(ws, spec, values, i + 1, spec.boldRows.includes(i)));
  return spec.rows.length;
}

/** Points per line of 12 pt Times New Roman. */
const LINE_HEIGHT = 15;

/** How many lines `text` takes wrapped in a column `width` characters wide (words kept whole). */
export function wrappedLines(text: string, width: number): number {
  const room = Math.max(4, Math.floor(width * 1.05) - 1);
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/)) {
    if (word === '') continue;
    const need = used === 0 ? word.length : used + 1 + word.length;
    if (need <= room) used = need;
    else {
      lines += used === 0 ? 0 : 1;
      used = Math.min(word.length, room);
    }
  }
  return lines;
}

/** Appends one body row; `index` is its Stt (1-based) when the sheet is numbered. */
export function writeBodyRow(ws: WorksheetLike, spec: SheetSpec, values: readonly CellValue[], index: number, bold = false): void {
  const cells = spec.numbered ? [index, ...values] : values;
  const row = ws.addRow(cells.map((v, c) => excelValue(spec.columns[c]?.kind ?? 'text', v)));
  const variant = bold ? 1 : 0;
  let lines = 1;
  for (let c = 0; c < spec.columns.length; c++) {
    const column = spec.columns[c]!;
    row.getCell(c + 1).style = BODY[column.kind][variant];
    // Wrapped labels get the height they need: Excel and LibreOffice do not grow a row written without one.
    const value = cells[c];
    if (column.kind === 'label' && typeof value === 'string') lines = Math.max(lines, wrappedLines(value, column.width));
  }
  if (lines > 1) row.height = LINE_HEIGHT * lines + 3;
  row.commit();
}
