import { describe, expect, it } from 'vitest';
import { DEFAULT_DC01_CATEGORIES, DEFAULT_MEMBER_LISTS } from '../domain/catalogues';
import type { Period } from '../settings/period';
import { groupFacts, reportFigures, type FactRow } from './figures';
import { reportKeys, reportValues, type ReportHeader } from './values';
import { dc01Sheet, reportFileName, summarySheet, uniqueSheetName, excelValue, wrappedLines } from './workbook';
import { birthCell, listedDc01, listedProgress } from './detail';
import { changesSince, formatFigure, handoverMessage, sentValues } from './handover';
import type { Dc01Case, MemberRecord, Target } from '../domain/types';

const PERIOD: Period = { from: '2026-10-21', to: '2026-11-20' };
const HEADER: ReportHeader = {
  unitName: 'Công an xã Vĩnh Hiệp',
  superiorName: 'Công an tỉnh Khánh Hòa',
  placeName: 'Vĩnh Hiệp',
  reportNumber: '05/BC-CAX',
  reportDate: '2026-11-21',
  period: PERIOD,
};

let n = 0;
type TestFact = FactRow & { id: string };
const progress = (scope: string, log: [string, string][], weight = 1, deletedAt?: string): TestFact => ({
  id: `f${++n}`,
  kind: 'progress',
  scope,
  weight,
  hamletId: 'h1',
  createdBy: 'o1',
  statusLog: log.map(([status, date]) => ({ status: status as 'received', date })),
  ...(deletedAt ? { deletedAt } : {}),
});
const dc01 = (category: string, receivedDate: string, log: [string, string, string?][]): TestFact => ({
  id: `d${++n}`,
  kind: 'dc01',
  scope: `dc01:${category}`,
  hamletId: 'h1',
  assigneeId: 'o1',
  receivedDate,
  stateLog: log.map(([state, date, outcomeKey]) => ({ state: state as 'done', date, at: `${date}T08:00:00.000Z`, by: 'o1', ...(outcomeKey ? { outcomeKey } : {}) })),
});

const FACTS: TestFact[] = [
  // elderly: 3 received (one in the period), 2 approved (one in the period), one deleted never counts
  progress('members:elderly', [['received', '2026-09-01'], ['approved', '2026-09-10']]),
  progress('members:elderly', [['received', '2026-09-01'], ['entered', '2026-10-01'], ['approved', '2026-11-02']]),
  progress('members:elderly', [['received', '2026-11-05']]),
  progress('members:elderly', [['received', '2026-11-05']], 1, '2026-11-06T00:00:00Z'),
  // veterans: 1 failed, 1 received after the period end (not counted)
  progress('members:veterans', [['received', '2026-10-25'], ['failed', '2026-11-01']]),
  progress('members:veterans', [['received', '2026-11-25']]),
  progress('labour', [['received', '2026-11-01'], ['entered', '2026-11-02']]),
  // vehicles: two declarations, 3 vehicles
  progress('vehicles', [['received', '2026-10-30'], ['approved', '2026-11-03']], 2),
  progress('vehicles', [['received', '2026-11-01']], 1),
  dc01('missing_fields', '2026-10-01', [['done', '2026-11-01', 'updated']]),
  dc01('missing_fields', '2026-10-01', [['done', '2026-10-15', 'no_info']]),
  dc01('missing_fields', '2026-10-01', [['in_progress', '2026-11-02']]),
  dc01('missing_fields', '2026-11-10', []),
  dc01('missing_cmnd', '2026-12-01', []),
];

const TARGETS: Target[] = [
  { id: 'members:elderly|2026-10-20', scope: 'members:elderly', periodFrom: '2026-09-21', periodTo: '2026-10-20', value: 4, updatedAt: '', updatedBy: '' },
  { id: 'members:veterans|2026-11-20', scope: 'members:veterans', periodFrom: '2026-10-21', periodTo: '2026-11-20', value: 10, updatedAt: '', updatedBy: '' },
  { id: 'vehicles:vehicles|2026-11-20', scope: 'vehicles:vehicles', periodFrom: '2026-10-21', periodTo: '2026-11-20', value: 6, updatedAt: '', updatedBy: '' },
];

const lists = DEFAULT_MEMBER_LISTS.map((l) => ({ ...l, hidden: l.key === 'youth' }));
const figures = (includeHidden = false) =>
  reportFigures(groupFacts(FACTS), { lists, categories: DEFAULT_DC01_CATEGORIES, targets: TARGETS, period: PERIOD, includeHidden });

describe('report keys', () => {
  const values = reportValues(reportKeys(figures(true), HEADER));

  it.each([
    ['unit.name', 'Công an xã Vĩnh Hiệp'],
    ['unit.superior', 'Công an tỉnh Khánh Hòa'],
    ['report.number', '05/BC-CAX'],
    ['report.date', '21/11/2026'],
    ['period.from', '21/10/2026'],
    ['period.to', '20/11/2026'],
    // an earlier period's target stays in force
    ['members.elderly.target', 4],
    ['members.elderly.received', 3],
    ['members.elderly.receivedInPeriod', 1],
    ['members.elderly.approved', 2],
    ['members.elderly.approvedInPeriod', 1],
    ['members.elderly.rate', 0.5],
    ['members.veterans.received', 1],
    ['members.veterans.failed', 1],
    ['members.veterans.rate', 0],
    ['members.farmers.received', 0],
    ['members.farmers.target', null],
    ['members.farmers.rate', null],
    // hidden lists still have keys
    ['members.youth.received', 0],
    ['labour.entered', 1],
    ['vehicles.declarations.received', 2],
    ['vehicles.vehicles.received', 3],
    ['vehicles.vehicles.approved', 2],
    ['vehicles.vehicles.rate', 2 / 6],
    ['dc01.missing_fields.total', 4],
    ['dc01.missing_fields.done', 2],
    ['dc01.missing_fields.doneInPeriod', 1],
    ['dc01.missing_fields.inProgress', 1],
    ['dc01.missing_fields.pending', 1],
    ['dc01.missing_fields.updated', 1],
    ['dc01.missing_fields.no_info', 1],
    ['dc01.missing_fields.rate', 0.5],
    ['dc01.missing_cmnd.total', 0],
    ['dc01.missing_cmnd.rate', null],
  ])('%s = %s', (key, value) => {
    expect(values.get(key)).toBe(value);
  });

  it('has no key for an unknown list, metric or category', () => {
    expect(values.has('members.unknown.received')).toBe(false);
    expect(values.has('labour.total')).toBe(false);
    expect(values.has('dc01.unknown.total')).toBe(false);
  });
});

describe('the built-in workbook sheets', () => {
  it('"Tổng hợp" has one row per visible list, a members total, then labour and vehicles', () => {
    const sheet = summarySheet(figures(), HEADER);
    const labels = sheet.rows.map((r) => r[1]);
    expect(labels).toEqual([
      'Hội Người cao tuổi',
      'Hội Cựu chiến binh',
      'Hội Nông dân',
      'Hội Chữ thập đỏ',
      'Hội Liên hiệp Phụ nữ',
      'Người có công',
      'Cộng các hội, đoàn thể',
      'Thông tin người lao động',
      'Phương tiện — tờ khai',
      'Phương tiện — số xe',
    ]);
    expect(sheet.boldRows).toEqual([6]);
    // [Stt, label, unit, target, received, in period, entered, approved, in period, failed, rate]
    expect(sheet.rows[0]).toEqual([1, 'Hội Người cao tuổi', 'hội viên', 4, 3, 1, 0, 2, 1, 0, 0.5]);
    // the total has no target (some lists have none) and so no rate; it is not numbered
    expect(sheet.rows[6]).toEqual([null, 'Cộng các hội, đoàn thể', 'hội viên', null, 4, 2, 0, 2, 1, 1, null]);
    expect(sheet.rows[9]).toEqual([9, 'Phương tiện — số xe', 'phương tiện', 6, 3, 3, 0, 2, 2, 0, 2 / 6]);
    expect(sheet.columns).toHaveLength(sheet.rows[0]!.length);
    expect(sheet.unitLines).toEqual(['CÔNG AN TỈNH KHÁNH HÒA', 'CÔNG AN XÃ VĨNH HIỆP']);
  });

  it('"DC01" has one column per outcome wording, blank where the category has no such outcome', () => {
    const sheet = dc01Sheet(figures(), HEADER);
    const outcomeHeader = sheet.header[1]!.map((c) => c.text);
    expect(outcomeHeader[0]).toBe('Cộng');
    expect(outcomeHeader).toContain('Đã cập nhật bổ sung thông tin');
    expect(outcomeHeader).toContain('Xác nhận không có thông tin để cập nhật');
    expect(new Set(outcomeHeader).size).toBe(outcomeHeader.length);
    const row = sheet.rows.find((r) => r[1] === 'Thiếu trường thông tin')!;
    const col = (label: string) => 4 + outcomeHeader.indexOf(label) - 1;
    expect(row.slice(0, 4)).toEqual([2, 'Thiếu trường thông tin', 4, 2]);
    expect(row[col('Đã cập nhật bổ sung thông tin')]).toBe(1);
    expect(row[col('Xác nhận không có thông tin để cập nhật')]).toBe(1);
    expect(row[col('Không có CMND 9 số')]).toBeNull();
    expect(row.slice(-3)).toEqual([1, 1, 0.5]);
    expect(sheet.columns).toHaveLength(row.length);
  });

  it.each([
    ['Công an xã Vĩnh Hiệp', 'BaoCao_DA06_CAX-VinhHiep_2026-11.xlsx'],
    ['Công an phường Phước Hải', 'BaoCao_DA06_CAP-PhuocHai_2026-11.xlsx'],
    ['Công an thị trấn Đắk Mâm', 'BaoCao_DA06_CATT-DakMam_2026-11.xlsx'],
    ['Đội Cảnh sát QLHC', 'BaoCao_DA06_DoiCanhSatQLHC_2026-11.xlsx'],
  ])('file name for %s', (unit, name) => {
    expect(reportFileName(unit, PERIOD, 'xlsx')).toBe(name);
  });

  it('sheet names fit Excel: 31 characters, no forbidden characters, unique', () => {
    const taken = new Set<string>(['tổng hợp']);
    expect(uniqueSheetName('Tổng hợp', taken)).toBe('Tổng hợp (2)');
    const long = uniqueSheetName('DC01 Sai lệch dữ liệu dân cư với dữ liệu Điện lực', taken);
    expect(long.length).toBeLessThanOrEqual(31);
    const again = uniqueSheetName('DC01 Sai lệch dữ liệu dân cư với dữ liệu Điện lực', taken);
    expect(again).not.toBe(long);
    expect(again.length).toBeLessThanOrEqual(31);
    expect(uniqueSheetName('Hội [A]/B', taken)).toBe('Hội A B');
  });

  it.each([
    ['Hội Người cao tuổi', 34, 1],
    ['Sai lệch dữ liệu dân cư với dữ liệu Điện lực', 32, 2],
    ['Bổ sung thông tin người hưởng lương hưu, trợ cấp BHXH', 32, 2],
    ['Thôi/hủy/tước, trở lại quốc tịch, nhập tịch', 20, 3],
  ])('"%s" wraps in %i characters to %i lines', (text, width, lines) => {
    expect(wrappedLines(text, width)).toBe(lines);
  });

  it.each([
    ['date', '2026-11-02', new Date(Date.UTC(2026, 10, 2))],
    ['birth', '1950', '1950'],
    ['birth', '1950-03-12', new Date(Date.UTC(1950, 2, 12))],
    ['id', 1089012345, '1089012345'],
    ['id', '001089012345', '001089012345'],
    ['text', '=1+1', '=1+1'],
    ['count', null, null],
    ['text', '', null],
  ] as const)('a %s cell holding %s is written as %s', (kind, value, expected) => {
    expect(excelValue(kind, value)).toEqual(expected);
  });
});

describe('which records the lists show', () => {
  const member = (log: [string, string][], deletedAt?: string) =>
    ({ statusLog: log.map(([status, date]) => ({ status, date, at: '', by: '' })), ...(deletedAt ? { deletedAt } : {}) }) as unknown as MemberRecord;

  it('lists a record with its status as of the period end', () => {
    expect(listedProgress(member([['received', '2026-11-01'], ['approved', '2026-11-25']]), PERIOD)).toMatchObject({ status: 'received', statusDate: '2026-11-01' });
    expect(listedProgress(member([['received', '2026-11-21']]), PERIOD)).toBeUndefined();
    expect(listedProgress(member([['received', '2026-11-01']], '2026-11-02T00:00:00Z'), PERIOD)).toBeUndefined();
  });

  it('lists a DC01 case received by the period end, pending until its first step', () => {
    const c = { receivedDate: '2026-11-01', stateLog: [{ state: 'done', outcomeKey: 'updated', date: '2026-11-22', at: '', by: '' }] } as unknown as Dc01Case;
    expect(listedDc01(c, PERIOD)).toMatchObject({ status: 'pending', statusDate: '2026-11-01', outcomeKey: undefined });
    expect(listedDc01(c, { from: '2026-11-21', to: '2026-12-20' })).toMatchObject({ status: 'done', outcomeKey: 'updated' });
    expect(listedDc01({ ...c, receivedDate: '2026-12-01' }, PERIOD)).toBeUndefined();
  });

  it.each([
    ['', null],
    ['1950', '1950'],
    ['1950-03', '03/1950'],
    ['1950-03-12', '1950-03-12'],
  ])('birth date %s is written as %s', (birth, cell) => {
    expect(birthCell(birth)).toBe(cell);
  });
});

describe('hand-over', () => {
  const keys = reportKeys(figures(), HEADER);

  it('records every figure, not the texts, and lists exactly what changed since', () => {
    const sent = sentValues(keys);
    expect(sent['members.elderly.received']).toBe(3);
    expect(sent['unit.name']).toBeUndefined();
    expect(changesSince(sent, keys)).toEqual([]);
    const changed = changesSince({ ...sent, 'members.elderly.received': 2, 'members.elderly.rate': 0.25 }, keys);
    expect(changed.map((c) => [c.group, c.label, formatFigure(c.kind, c.before), formatFigure(c.kind, c.after)])).toEqual([
      ['Hội Người cao tuổi', 'Số đã cung cấp hồ sơ (lũy kế)', '2', '3'],
      ['Hội Người cao tuổi', 'Tỷ lệ % (đã phê duyệt ÷ tổng số)', '25%', '50%'],
    ]);
  });

  it('drafts the message with the key figures, or says there are none', () => {
    const message = handoverMessage(figures(), HEADER, ['a.xlsx', 'b.pdf']);
    expect(message).toContain('- Hội Người cao tuổi: đã cung cấp hồ sơ 3; đã cập nhật, phê duyệt 2/4 (50%).');
    expect(message).toContain('- DC01 Thiếu trường thông tin: 4 trường hợp, đã xử lý 2 (50%), đang xác minh 1, chưa xử lý 1.');
    expect(message).toContain('Tệp gửi kèm: a.xlsx, b.pdf.');
    const empty = handoverMessage(reportFigures(groupFacts([]), { lists, categories: DEFAULT_DC01_CATEGORIES, targets: [], period: PERIOD }), HEADER, []);
    expect(empty).toContain('- Chưa phát sinh số liệu.');
  });
});
