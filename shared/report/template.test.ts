import { describe, expect, it } from 'vitest';
import {
  analyzeTemplate,
  columnName,
  columnNumber,
  itemOf,
  parseRowsMarker,
  parseSheetAddress,
  resolveCell,
  resolveItemCell,
  resolveRuns,
  rowMap,
  scanPlaceholders,
  shiftFormulaRows,
  validateTemplate,
  type TemplateCell,
  type TemplateRowSetShape,
} from './template';

const values = new Map<string, number | string | null>([
  ['labour.approved', 203797],
  ['labour.rate', 0.8418],
  ['labour.target', null],
  ['members.elderly.approved', 20818],
  ['members.elderly.rate', 0.9064],
  ['period.to', '20/12/2026'],
  ['unit.name', 'Công an xã Vĩnh Hiệp'],
  ['report.number', '05/BC-CAX'],
]);
const validKeys = new Set(values.keys());

const elderly: TemplateRowSetShape = {
  key: 'members.elderly',
  columns: [
    { key: 'fullName', kind: 'text' },
    { key: 'birthDate', kind: 'birth' },
    { key: 'personalId', kind: 'id' },
    { key: 'statusDate', kind: 'date' },
    { key: 'count', kind: 'count' },
  ],
};
const item = itemOf(elderly.columns, ['Nguyễn Thị Đào', '1950', '056150000001', '2026-12-03', 2], 3);

describe('scanning placeholders', () => {
  it.each([
    ['{{labour.approved}}', [{ kind: 'value', key: 'labour.approved' }]],
    ['Tính đến ngày {{ period.to }}', [{ kind: 'value', key: 'period.to' }]],
    ['{{#rows members.elderly}}{{item.stt}}', [{ kind: 'rows', set: 'members.elderly' }, { kind: 'item', field: 'stt' }]],
    ['{{}}', [{ kind: 'invalid', reason: 'empty' }]],
    ['{{Tên đơn vị}}', [{ kind: 'invalid', reason: 'syntax' }]],
    ['{{#rows}}', [{ kind: 'invalid', reason: 'rows_without_set' }]],
    ['{{/rows}}', [{ kind: 'invalid', reason: 'syntax' }]],
    ['{{item.full name}}', [{ kind: 'invalid', reason: 'syntax' }]],
    ['Số {{labour.approved}', [{ kind: 'invalid', reason: 'unclosed' }]],
    ['labour.approved}} người', [{ kind: 'invalid', reason: 'stray_close' }]],
    ['Không có dấu nào', []],
  ])('%s', (text, expected) => {
    expect(scanPlaceholders(text)).toMatchObject(expected);
  });

  it.each([
    ['{{#rows members.elderly}}', 'members.elderly'],
    ['  {{#rows labour}} {{item.stt}}', 'labour'],
    ['{{item.stt}}{{#rows labour}}', undefined],
    ['Bảng {{#rows labour}}', undefined],
  ])('rows marker in %j', (text, set) => {
    expect(parseRowsMarker(text)?.set).toBe(set);
  });
});

describe('resolving a cell', () => {
  it.each([
    ['{{labour.approved}}', { kind: 'number', value: 203797 }],
    ['  {{ labour.approved }} ', { kind: 'number', value: 203797 }],
    ['{{labour.rate}}', { kind: 'number', value: 0.8418 }],
    ['{{labour.target}}', { kind: 'empty' }],
    ['{{unit.name}}', { kind: 'text', value: 'Công an xã Vĩnh Hiệp' }],
    ['Tính đến ngày {{period.to}}', { kind: 'text', value: 'Tính đến ngày 20/12/2026' }],
    ['Đã duyệt {{labour.approved}} ({{labour.rate}})', { kind: 'text', value: 'Đã duyệt 203.797 (84,18%)' }],
    ['Tổng số: {{labour.target}}', { kind: 'text', value: 'Tổng số: ' }],
    ['Số: {{report.number}}', { kind: 'text', value: 'Số: 05/BC-CAX' }],
    ['Không có dấu', { kind: 'text', value: 'Không có dấu' }],
  ])('%j', (text, expected) => {
    expect(resolveCell(text, values)).toEqual(expected);
  });

  it('throws rather than leaving an unknown key blank (the template is validated first)', () => {
    expect(() => resolveCell('{{labour.aproved}}', values)).toThrow(/labour.aproved/);
  });

  it.each([
    ['{{#rows members.elderly}}', { kind: 'empty' }],
    ['{{#rows members.elderly}}{{item.stt}}', { kind: 'number', value: 3 }],
    ['{{#rows members.elderly}} {{item.stt}}.', { kind: 'text', value: ' 3.' }],
    ['{{item.fullName}}', { kind: 'text', value: 'Nguyễn Thị Đào' }],
    ['{{item.birthDate}}', { kind: 'text', value: '1950' }],
    ['{{item.personalId}}', { kind: 'text', value: '056150000001' }],
    ['{{item.statusDate}}', { kind: 'date', value: '2026-12-03' }],
    ['Ngày {{item.statusDate}}', { kind: 'text', value: 'Ngày 03/12/2026' }],
    ['{{item.count}}', { kind: 'number', value: 2 }],
    ['{{item.fullName}} — {{unit.name}}', { kind: 'text', value: 'Nguyễn Thị Đào — Công an xã Vĩnh Hiệp' }],
  ])('record cell %j', (text, expected) => {
    expect(resolveItemCell(text, item, values)).toEqual(expected);
  });

  it('a complete birth date becomes a date; an id never becomes a number; an empty field an empty cell', () => {
    const other = itemOf(elderly.columns, ['B', '1950-03-12', '001089012345', null, null], 1);
    expect(resolveItemCell('{{item.birthDate}}', other, values)).toEqual({ kind: 'date', value: '1950-03-12' });
    expect(resolveItemCell('{{item.personalId}}', other, values)).toEqual({ kind: 'text', value: '001089012345' });
    expect(resolveItemCell('{{item.statusDate}}', other, values)).toEqual({ kind: 'empty' });
    expect(resolveItemCell('{{item.count}}', other, values)).toEqual({ kind: 'empty' });
  });

  it('rich text: one placeholder gives the value; several keep each run, joining runs a placeholder straddles', () => {
    expect(resolveRuns(['{{labour.', 'approved}}'], values)).toEqual({ kind: 'number', value: 203797 });
    expect(resolveRuns(['Tính đến ngày ', '{{period.to}}', ', số ', '{{labour.approved}}'], values)).toEqual({
      kind: 'runs',
      runs: [
        { from: 0, text: 'Tính đến ngày ' },
        { from: 1, text: '20/12/2026' },
        { from: 2, text: ', số ' },
        { from: 3, text: '203.797' },
      ],
    });
    expect(resolveRuns(['Ngày {{per', 'iod.to}} và ', '{{labour.rate}}'], values)).toEqual({
      kind: 'runs',
      runs: [
        { from: 0, text: 'Ngày 20/12/2026 và ' },
        { from: 2, text: '84,18%' },
      ],
    });
  });
});

const cell = (address: string, text: string | null, sheet = 'Sheet1'): TemplateCell => {
  const m = /^([A-Z]+)(\d+)$/.exec(address)!;
  return { sheet, row: Number(m[2]), col: columnNumber(m[1]!), text };
};

describe('validating a template', () => {
  it('accepts a template that uses only known keys, sets and fields, and says what it uses', () => {
    const analysis = analyzeTemplate(
      [
        cell('A1', '{{unit.name}}'),
        cell('C5', '{{labour.approved}}'),
        cell('D5', '{{labour.rate}}'),
        cell('A8', '{{#rows members.elderly}}{{item.stt}}'),
        cell('B8', '{{item.fullName}}'),
        cell('C8', '{{item.statusDate}}'),
        cell('A3', null),
        cell('A20', 'Người lập biểu'),
      ],
      validKeys,
      [elderly],
    );
    expect(analysis.problems).toEqual([]);
    expect(analysis.valueCells).toEqual([
      { address: 'Sheet1!A1', keys: ['unit.name'] },
      { address: 'Sheet1!C5', keys: ['labour.approved'] },
      { address: 'Sheet1!D5', keys: ['labour.rate'] },
    ]);
    expect(analysis.tables).toEqual([{ sheet: 'Sheet1', row: 8, address: 'Sheet1!A8', set: 'members.elderly' }]);
    expect(analysis.usedSets).toEqual(['members.elderly']);
  });

  it('a marker after blank cells still opens the row; a blank-looking first cell does not count', () => {
    const problems = validateTemplate([cell('A8', '  '), cell('B8', '{{#rows members.elderly}}'), cell('C8', '{{item.fullName}}')], validKeys, [elderly]);
    expect(problems).toEqual([]);
  });

  it('reports every unknown key, set, field and misplaced placeholder with its cell', () => {
    const problems = validateTemplate(
      [
        cell('C7', '{{labour.aproved}}'),
        cell('D7', 'Tổng {{no.such.key}} và {{unit.name}}'),
        cell('B2', '{{item.fullName}}', 'Trang 2'),
        cell('A9', '{{#rows members.elderlyy}}'),
        cell('B9', '{{item.whatever}}'),
        cell('A10', '{{#rows members.elderly}}'),
        cell('B10', '{{item.fullname}}'),
        cell('C10', '{{#rows labour}}'),
        cell('A11', 'x'),
        cell('B11', '{{#rows labour}}'),
        cell('A12', '{{Tên đơn vị}}'),
        cell('A13', '{{}}'),
      ],
      validKeys,
      [elderly],
    );
    expect(problems.map((p) => [p.address, p.key])).toEqual([
      ['Sheet1!C7', 'labour.aproved'],
      ['Sheet1!D7', 'no.such.key'],
      ['Trang 2!B2', 'item.fullName'],
      ['Sheet1!A9', '#rows members.elderlyy'],
      ['Sheet1!B10', 'item.fullname'],
      ['Sheet1!C10', '#rows labour'],
      ['Sheet1!B11', '#rows labour'],
      ['Sheet1!A12', 'Tên đơn vị'],
      ['Sheet1!A13', ''],
    ]);
    expect(problems[0]!.message).toBe('Không có mã số liệu "labour.aproved". Có phải {{labour.approved}}?');
    expect(problems[1]!.message).toMatch(/Không có mã số liệu "no.such.key"\. Xem Danh sách mã số liệu/);
    expect(problems[2]!.message).toMatch(/chỉ dùng được trong dòng bảng/);
    expect(problems[3]!.message).toBe('Không có danh sách "members.elderlyy". Có phải {{#rows members.elderly}}?');
    expect(problems[4]!.message).toBe('Danh sách "members.elderly" không có cột "fullname". Có phải {{item.fullName}}?');
    expect(problems[5]!.message).toMatch(/phải đứng đầu ô đầu tiên/);
  });
});

describe('moving rows', () => {
  const map = rowMap([
    { row: 8, count: 3 },
    { row: 12, count: 1 },
    { row: 15, count: 4 },
  ]);

  it.each([
    [7, 'start', 7],
    [8, 'start', 8],
    [8, 'end', 10],
    [9, 'start', 11],
    [12, 'end', 14],
    [15, 'start', 17],
    [15, 'end', 20],
    [16, 'start', 21],
  ] as const)('row %i (%s) → %i', (row, edge, expected) => {
    expect(map(row, edge)).toBe(expected);
  });

  const maps = new Map([['Sheet1', rowMap([{ row: 8, count: 3 }])]]);
  it.each([
    ['SUM(E8:E8)', 'SUM(E8:E10)'],
    ['SUM(E7:E9)+E12', 'SUM(E7:E11)+E14'],
    ['$E$9*2', '$E$11*2'],
    ['Sheet1!A9', 'Sheet1!A11'],
    ["'Sheet1'!A9:B20", "'Sheet1'!A11:B22"],
    ["Khác!A9+'Trang 2'!B9", "Khác!A9+'Trang 2'!B9"],
    ['"A9 giữ nguyên"&A9', '"A9 giữ nguyên"&A11'],
    ['LOG10(A9)', 'LOG10(A11)'],
    ['SUM(9:12)', 'SUM(11:14)'],
    ['SUM(A:A)', 'SUM(A:A)'],
  ])('%s → %s', (formula, expected) => {
    expect(shiftFormulaRows(formula, 'Sheet1', maps)).toBe(expected);
  });

  it('shifts references from another sheet to the moved one', () => {
    expect(shiftFormulaRows('Sheet1!C9+C9', 'Tổng hợp', maps)).toBe('Sheet1!C11+C9');
  });
});

describe('addresses', () => {
  it.each([
    [1, 'A'],
    [26, 'Z'],
    [27, 'AA'],
    [703, 'AAA'],
  ])('column %i is %s and back', (n, name) => {
    expect(columnName(n)).toBe(name);
    expect(columnNumber(name)).toBe(n);
  });

  it('parses sheet addresses, sheet names with "!" included', () => {
    expect(parseSheetAddress('Báo cáo!C7')).toEqual({ sheet: 'Báo cáo', row: 7, col: 3 });
    expect(parseSheetAddress('A!B!AA10')).toEqual({ sheet: 'A!B', row: 10, col: 27 });
    expect(parseSheetAddress('C7')).toBeUndefined();
  });
});
