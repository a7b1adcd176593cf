import { describe, expect, it } from 'vitest';
import type { FamilyKey } from '../domain/types';
import { proposeMapping } from './columns';
import { findHeader } from './header';
import { classifyRows, readRows, type Candidate, type ImportTarget, type Rejected, type RowContext } from './rows';
import type { MergeRange, RawCell, Sheet } from './sheet-model';
import { sheetOf } from './testing';

const ctx: RowContext = {
  today: '2025-06-01',
  hamlets: [
    { id: 'h1', name: 'Thôn 1' },
    { id: 'h2', name: 'Thôn Đông' },
  ],
};

function run(sheet: Sheet, family: FamilyKey, target: ImportTarget, existing: ReadonlyMap<string, string> = new Map()) {
  const header = findHeader(sheet);
  if (!header.ok) throw new Error(header.message);
  const mapping = proposeMapping(header.value.columns, family);
  const read = readRows(sheet, header.value, mapping.columns, target, ctx);
  const classified = classifyRows(read.items, existing);
  return { header: header.value, mapping, read, ...classified };
}

const reasons = (items: readonly (Candidate | Rejected)[]): string[] =>
  items.flatMap((i) => (i.kind === 'rejected' ? i.reasons : []));

const MEMBERS: ImportTarget = { family: 'members', listKey: 'elderly', hasMemberKind: false };

describe('a messy member list', () => {
  const sheet = sheetOf(
    [
      /* 1 */ ['CÔNG AN XÃ HÒA BÌNH'],
      /* 2 */ ['DANH SÁCH HỘI VIÊN HỘI NGƯỜI CAO TUỔI'],
      /* 3 */ ['STT', 'HỌ VÀ TÊN', 'Năm sinh', null, 'Số CCCD', 'Thôn', 'Số điện thoại', 'Trạng thái'],
      /* 4 */ [null, null, 'Nam', 'Nữ', null, null, null, null],
      /* 5 */ [1, 'NGUYỄN VĂN AN', 1950, null, '001050012345', 'Thôn 1', '0912 345 678', 'Đã duyệt'],
      /* 6 */ [2, 'Tra\u0302\u0300n  Thị Bình ', null, '3/1952', 1152012345, 'thôn đông', 912345678, null],
      /* 7 */ [],
      /* 8 */ [4, 'Lê Văn Cường', 1948, null, '001048012345', 'Xóm Trại', null, 'Chờ duyệt'],
      /* 9 */ [5, null, 1949, null, '001049012345', 'Thôn 1', null, null],
      /* 10 */ ['STT', 'HỌ VÀ TÊN', 'Năm sinh', null, 'Số CCCD', 'Thôn', 'Số điện thoại', 'Trạng thái'],
      /* 11 */ [6, 'Phạm Văn Dũng', 1951, null, '0010890123', 'Thôn 1', null, null],
      /* 12 */ [7, 'Nguyễn Văn An', 1950, null, '001050012345', 'Thôn 1', null, null],
      /* 13 */ [8, 'Hoàng Thị Em', 1955, 1955, '001155012345', null, null, null],
      /* 14 */ [9, 'Vũ Văn Giang', 1940, null, '001040012345', null, null, null],
      /* 15 */ ['Tổng cộng', null, 6, 2, null, null, null, null],
    ],
    {
      merges: [
        { top: 1, left: 1, bottom: 1, right: 8 },
        { top: 2, left: 1, bottom: 2, right: 8 },
        { top: 3, left: 3, bottom: 3, right: 4 },
        ...[1, 2, 5, 6, 7, 8].map((c): MergeRange => ({ top: 3, left: c, bottom: 4, right: c })),
      ],
      hidden: [14],
    },
  );
  const result = run(sheet, 'members', MEMBERS, new Map([['001040012345', 'rec-40']]));

  it('finds the header and maps the split birth year', () => {
    expect(result.header).toMatchObject({ top: 3, bottom: 4, dataStart: 5 });
    expect(result.mapping.columns.map((c) => c.field)).toEqual([
      'stt',
      'fullName',
      'birthYearMale',
      'birthYearFemale',
      'personalId',
      'hamlet',
      'phone',
      'status',
    ]);
  });

  it('skips blank, repeated header and total rows, and counts every other row once', () => {
    expect(result.read.skipped).toEqual([
      { rowNumber: 7, why: 'blank' },
      { rowNumber: 10, why: 'header' },
      { rowNumber: 15, why: 'total' },
    ]);
    expect(result.read.dataRows).toBe(8);
    expect(result.counts).toEqual({ new: 3, update: 1, duplicate: 1, rejected: 3, rows: 8 });
  });

  it('says why each rejected row is refused, with its Excel row number', () => {
    expect(reasons(result.read.items)).toEqual([
      'Dòng 9: thiếu họ và tên',
      'Dòng 11: Số định danh cá nhân "0010890123": Số định danh phải gồm đúng 12 chữ số (đang có 10).',
      'Dòng 13: Năm sinh ghi ở cả cột Nam (1955) và cột Nữ (1955).',
    ]);
  });

  it('tidies values and notes every repair', () => {
    const byRow = new Map(result.rows.flatMap((r) => (r.kind === 'rejected' ? [] : [[r.candidate.rowNumbers[0], r]] as const)));
    const an = byRow.get(5);
    expect(an?.kind).toBe('new');
    expect(an && 'candidate' in an && an?.candidate.value).toMatchObject({
      family: 'members',
      person: { fullName: 'Nguyễn Văn An', birthDate: '1950', sex: 'male', hamletId: 'h1', phone: '0912345678' },
    });
    expect(an && 'candidate' in an && an?.candidate.status).toBe('approved');
    const binh = byRow.get(6);
    expect(binh && 'candidate' in binh && binh?.candidate).toMatchObject({
      personalId: '001152012345',
      value: { person: { fullName: 'Trần Thị Bình', birthDate: '1952-03', sex: 'female', hamletId: 'h2', phone: '0912345678' } },
      notes: ['Dòng 6: Đã thêm hai số 0 bị Excel làm mất ở đầu số định danh.', 'Dòng 6: Đã thêm số 0 bị Excel làm mất ở đầu số điện thoại.'],
    });
    const cuong = byRow.get(8);
    expect(cuong && 'candidate' in cuong && cuong?.candidate).toMatchObject({
      status: 'entered',
      value: { person: { hamletId: '', address: 'Xóm Trại' } },
      notes: ['Dòng 8: Thôn/tổ dân phố "Xóm Trại" không có trong danh mục: chưa gán thôn, đã giữ trong địa chỉ.'],
    });
    const dup = byRow.get(12);
    expect(dup).toMatchObject({ kind: 'duplicate', firstRow: 5, message: 'Dòng 12: trùng số định danh 001050012345 với dòng 5.' });
    const hidden = byRow.get(14);
    expect(hidden).toMatchObject({ kind: 'update', recordId: 'rec-40' });
    expect(hidden && 'candidate' in hidden && hidden?.candidate.notes).toContain('Dòng 14: dòng đang bị ẩn trong Excel, vẫn được nhập.');
  });
});

describe('members: sex and birth year from the personal ID, collectives', () => {
  it('takes a missing sex or birth year from the ID, with a note', () => {
    const sheet = sheetOf([
      ['Họ và tên', 'Số định danh', 'Ngày sinh'],
      ['Đỗ Thị Hoa', '001160012345', ''],
    ]);
    const { read } = run(sheet, 'members', MEMBERS);
    expect(read.items[0]).toMatchObject({
      kind: 'candidate',
      value: { person: { sex: 'female', birthDate: '1960' } },
      notes: ['Dòng 2: Không ghi giới tính: lấy theo số định danh (Nữ).', 'Dòng 2: Không ghi ngày sinh: lấy năm sinh 1960 theo số định danh.'],
    });
  });

  it('accepts a collective member of the Red Cross with a name only', () => {
    const sheet = sheetOf([
      ['Họ và tên', 'Cá nhân/tập thể', 'Năm sinh', 'Giới tính'],
      ['Trường THCS Hòa Bình', 'Tập thể', '', ''],
      ['Nguyễn Văn Tư', 'Cá nhân', '1970', 'Nam'],
      ['Công ty ABC', 'Cá nhân', '', ''],
    ]);
    const { read, counts } = run(sheet, 'members', { family: 'members', listKey: 'red_cross', hasMemberKind: true });
    expect(read.items[0]).toMatchObject({ kind: 'candidate', value: { memberKind: 'collective', person: { fullName: 'Trường THCS Hòa Bình' } } });
    expect(read.items[1]).toMatchObject({ kind: 'candidate', value: { memberKind: 'individual' } });
    expect(reasons(read.items)).toEqual(['Dòng 4: thiếu ngày sinh', 'Dòng 4: thiếu giới tính']);
    expect(counts).toEqual({ new: 2, update: 0, duplicate: 0, rejected: 1, rows: 3 });
  });

  it('reads a CSV-like sheet whose ID column holds CMND or CCCD', () => {
    const sheet = sheetOf([
      ['Stt', 'Họ tên', 'Ngày sinh', 'Giới tính', 'CCCD/CMND'],
      ['1', 'A Văn Một', '01.02.1950', 'Nam', '001050012345'],
      ['2', 'B Văn Hai', '1951', 'Nam', '212345678'],
      ['3', 'C Văn Ba', '1952', 'Nam', '2123'],
      ['4', 'D Văn Bốn', '1953', 'Nam', '212345678'],
    ]);
    const { read, rows } = run(sheet, 'members', MEMBERS);
    expect(read.items[0]).toMatchObject({ personalId: '001050012345', oldId: '', value: { person: { birthDate: '1950-02-01' } } });
    expect(read.items[1]).toMatchObject({ personalId: '', oldId: '212345678' });
    expect(reasons(read.items)).toEqual(['Dòng 4: Số giấy tờ 2123 có 4 chữ số: phải là 12 chữ số (CCCD) hoặc 9 chữ số (CMND).']);
    expect(rows[3]).toMatchObject({ kind: 'duplicate', message: 'Dòng 5: trùng số CMND 212345678 với dòng 3.' });
  });
});

describe('rows that hold no person', () => {
  it('skips a list title typed without merging, group rows and numbered rows left empty', () => {
    const sheet = sheetOf([
      /* 1 */ ['Stt', 'Họ và tên', 'Năm sinh', 'Giới tính', 'Số CCCD', 'Chức vụ'],
      /* 2 */ ['I', 'THÔN ĐÔNG'],
      /* 3 */ ['1', 'Nguyễn Văn An', '1950', 'Nam', '001050012345'],
      /* 4 */ ['DANH SÁCH HỘI VIÊN CHI HỘI THÔN HẠ'],
      /* 5 */ ['Stt', 'Họ và tên', 'Năm sinh', 'Giới tính', 'Số CCCD', 'Chức vụ'],
      /* 6 */ ['B.', 'Tổ 3'],
      /* 7 */ ['2', 'Lê Thị Bình', '1952', 'Nữ', '001152012345'],
      /* 8 */ ['3'],
      /* 9 */ [null, null, null, null, null, 'Hội viên danh dự'],
    ]);
    const { read, counts } = run(sheet, 'members', MEMBERS);
    expect(read.skipped).toEqual([
      { rowNumber: 2, why: 'title' },
      { rowNumber: 4, why: 'title' },
      { rowNumber: 5, why: 'header' },
      { rowNumber: 6, why: 'title' },
      { rowNumber: 8, why: 'blank' },
      { rowNumber: 9, why: 'title' },
    ]);
    expect(counts).toEqual({ new: 2, update: 0, duplicate: 0, rejected: 0, rows: 2 });
  });

  it('still reads a row with only a name, or a lettered row with an ID, and says what is missing', () => {
    const sheet = sheetOf([
      ['Stt', 'Họ và tên', 'Năm sinh', 'Giới tính', 'Số CCCD'],
      [null, 'Nguyễn Văn An'],
      ['A', null, null, null, '001050012345'],
    ]);
    const { read } = run(sheet, 'members', MEMBERS);
    expect(read.skipped).toEqual([]);
    expect(reasons(read.items)).toEqual(['Dòng 2: thiếu ngày sinh', 'Dòng 2: thiếu giới tính', 'Dòng 3: thiếu họ và tên']);
  });
});

describe('one message per problem', () => {
  it('reports a cell the reader refused once, not again from the family check', () => {
    const sheet = sheetOf([
      ['Họ và tên', 'Năm sinh', 'Giới tính', 'Điện thoại'],
      ['Nguyễn Văn Sai', '31/02/1950', 'Nam', '12345'],
    ]);
    expect(reasons(run(sheet, 'members', MEMBERS).read.items)).toEqual([
      'Dòng 2: Tháng 02/1950 không có ngày 31.',
      'Dòng 2: Số điện thoại "12345": Số điện thoại phải gồm 10 chữ số, bắt đầu bằng 0 (hoặc +84).',
    ]);
  });
});

describe('long cells', () => {
  const longName = 'Nguyễn Văn '.repeat(3000).slice(0, 32_767);

  it('rejects a note or an address over its limit as too long, quoting its start and its length — not as missing', () => {
    const sheet = sheetOf([
      ['Họ và tên', 'Năm sinh', 'Giới tính', 'Địa chỉ', 'Ghi chú'],
      ['Nguyễn Văn Một', 1950, 'Nam', 'Thôn 1', 'Ghi chú rất dài. '.repeat(2400).slice(0, 40_000)],
      ['Nguyễn Văn Hai', 1951, 'Nam', 'Số nhà 5, '.repeat(40), ''],
    ]);
    expect(reasons(run(sheet, 'members', MEMBERS).read.items)).toEqual([
      'Dòng 2: Ghi chú "Ghi chú rất dài. Ghi chú rất dài. Ghi chú rất dài. Ghi chú …" (40.000 ký tự): Ghi chú quá dài (tối đa 1000 ký tự).',
      'Dòng 3: Địa chỉ "Số nhà 5, Số nhà 5, Số nhà 5, Số nhà 5, Số nhà 5, Số nhà 5,…" (399 ký tự): Địa chỉ quá dài (tối đa 300 ký tự).',
    ]);
  });

  it('an unknown hamlet kept as the address is quoted when that address is too long', () => {
    const sheet = sheetOf([
      ['Họ và tên', 'Năm sinh', 'Giới tính', 'Thôn'],
      ['Nguyễn Văn Một', 1950, 'Nam', 'Xóm '.repeat(100)],
    ]);
    const [reason] = reasons(run(sheet, 'members', MEMBERS).read.items);
    expect(reason).toBe('Dòng 2: Địa chỉ "Xóm Xóm Xóm Xóm Xóm Xóm Xóm Xóm Xóm Xóm Xóm Xóm Xóm Xóm Xóm…" (399 ký tự): Địa chỉ quá dài (tối đa 300 ký tự).');
  });

  it('quotes at most 60 characters of a huge cell, with its length, so every reason stays short', () => {
    const sheet = sheetOf([
      ['Họ và tên', 'Năm sinh', 'Giới tính', 'Số định danh'],
      [longName, 1950, 'Nam', '001050012345'],
    ]);
    const [reason] = reasons(run(sheet, 'members', MEMBERS).read.items);
    expect(reason).toBe(`Dòng 2: Họ và tên "${longName.slice(0, 59)}…" (32.767 ký tự): Họ tên quá dài (tối đa 100 ký tự).`);
  });

  it('a cell of exactly 60 characters is quoted whole, one more is cut', () => {
    const sixty = `SHK ${'1'.repeat(56)}`;
    const sheet = sheetOf([
      ['Họ và tên', 'Năm sinh', 'Số định danh', 'Số hộ khẩu'],
      ['Nguyễn Văn Một', 1950, '001050012345', sixty],
      ['Nguyễn Văn Hai', 1951, '001051012345', `${sixty}2`],
    ]);
    const target: ImportTarget = { family: 'dc01', categoryKey: 'missing_cmnd', categories: [], defaultReceivedDate: '2025-05-01' };
    const [first, second] = reasons(run(sheet, 'dc01', target).read.items);
    expect(first).toContain(`"${sixty}":`);
    expect(second).toContain(`"${sixty.slice(0, 59)}…" (61 ký tự):`);
  });

  it('a vehicle field and the DC01 household number and source are quoted the same way, the source held to the form\'s 300 characters', () => {
    const vehicles = sheetOf([
      ['Họ và tên', 'Năm sinh', 'Giới tính', 'Số định danh', 'Loại xe', 'Biển số', 'Nhãn hiệu'],
      ['Nguyễn Văn Một', 1950, 'Nam', '001050012345', 'Mô tô', '59X1-12345', 'Honda '.repeat(20)],
    ]);
    expect(reasons(run(vehicles, 'vehicles', { family: 'vehicles' }).read.items)).toEqual([
      'Dòng 2: Nhãn hiệu "Honda Honda Honda Honda Honda Honda Honda Honda Honda Honda…" (119 ký tự): Nhãn hiệu quá dài (tối đa 100 ký tự).',
    ]);
    const dc01 = sheetOf([
      ['Họ và tên', 'Năm sinh', 'Số định danh', 'Số hộ khẩu', 'Nguồn'],
      ['Nguyễn Văn Một', 1950, '001050012345', '1'.repeat(31), 'Tổ công tác'],
      ['Nguyễn Văn Hai', 1951, '001051012345', '12', 'Tổ công tác số 3. '.repeat(20)],
      ['Nguyễn Văn Ba', 1952, '001052012345', '12', 'Tổ công tác số 3. '.repeat(16)],
    ]);
    const target: ImportTarget = { family: 'dc01', categoryKey: 'missing_cmnd', categories: [], defaultReceivedDate: '2025-05-01' };
    expect(reasons(run(dc01, 'dc01', target).read.items)).toEqual([
      `Dòng 2: Số hộ khẩu "${'1'.repeat(31)}": Số hộ khẩu quá dài (tối đa 30 ký tự).`,
      'Dòng 3: Nguồn "Tổ công tác số 3. Tổ công tác số 3. Tổ công tác số 3. Tổ cô…" (359 ký tự): Nguồn quá dài (tối đa 300 ký tự).',
    ]);
  });
});

describe('labour', () => {
  const header = [
    'Họ và tên',
    'Ngày sinh',
    'Giới tính',
    'Số định danh',
    'Dân tộc',
    'Tình trạng hoạt động kinh tế',
    'Vị thế việc làm',
    'Lý do không tham gia hoạt động kinh tế',
    'Mã số BHXH',
  ];
  it('validates with checkLabour: choices by label, required status, age 15+', () => {
    const sheet = sheetOf([
      header,
      ['Nguyễn Văn Lao', '2/3/1990', 'Nam', '001090012345', 'KINH', 'Có việc làm', 'Làm công ăn lương', '', 123456789],
      ['Trần Thị Động', '1995', 'Nữ', '001195012345', 'Tày', 'Không tham gia hoạt động kinh tế', '', 'Nội trợ', ''],
      ['Lê Văn Trẻ', '2015', 'Nam', '001215012345', 'Kinh', 'Không tham gia', '', 'Đang đi học', ''],
      ['Phạm Văn Thiếu', '1980', 'Nam', '001080012345', 'Kinhh', '', '', '', ''],
      ['Đinh Văn Không', '1980', 'Nam', '', 'Kinh', 'Thất nghiệp', '', '', ''],
    ]);
    const { read, counts } = run(sheet, 'labour', { family: 'labour' });
    expect(read.items[0]).toMatchObject({
      kind: 'candidate',
      value: {
        family: 'labour',
        labour: { ethnicity: 'kinh', economicStatus: 'employed', employmentPosition: 'employee', socialInsuranceNo: '0123456789', birthDate: '1990-03-02' },
      },
      notes: ['Dòng 2: Đã thêm số 0 bị Excel làm mất ở đầu mã số BHXH.'],
    });
    expect(read.items[1]).toMatchObject({ kind: 'candidate', value: { labour: { ethnicity: 'tay', economicStatus: 'inactive', inactiveReason: 'homemaker' } } });
    expect(reasons(read.items)).toEqual([
      'Dòng 4: Ngày sinh "2015": Phiếu thông tin người lao động chỉ dành cho người từ đủ 15 tuổi trở lên.',
      'Dòng 5: thiếu tình trạng hoạt động kinh tế',
      'Dòng 5: Dân tộc "Kinhh": Chọn dân tộc trong danh sách.',
      'Dòng 6: thiếu số định danh cá nhân',
      'Dòng 6: thiếu thời gian thất nghiệp',
    ]);
    expect(counts).toEqual({ new: 2, update: 0, duplicate: 0, rejected: 3, rows: 5 });
  });
});

describe('vehicles: continuation rows form one declaration', () => {
  const header = ['Stt', 'Họ tên chủ xe', 'Năm sinh', 'Giới tính', 'Số CCCD', 'Loại xe', 'Biển số', 'Số khung'];
  it('joins rows whose owner columns are blank', () => {
    const sheet = sheetOf([
      header,
      [1, 'Nguyễn Văn Xe', 1980, 'Nam', '001080012345', 'Xe máy', '59-X1 234.56', 'RLHJC1234'],
      [null, null, null, null, null, 'Ô tô', '30A-123.45', null],
      [null, null, null, null, null, 'Xe máy', '59X123456', null],
      [2, 'Trần Thị Ô', 1985, 'Nữ', '001185012345', 'Ô tô', '51A-999.99', null],
    ]);
    const { read, counts } = run(sheet, 'vehicles', { family: 'vehicles' });
    expect(read.items).toHaveLength(2);
    expect(read.items[0]?.rowNumbers).toEqual([2, 3, 4]);
    expect(reasons(read.items)).toEqual(['Dòng 2: (dòng 4) Biển số "59X123456": Biển số trùng với phương tiện thứ 1 trong tờ khai.']);
    expect(read.items[1]).toMatchObject({ kind: 'candidate', value: { vehicles: [{ kind: 'car', plate: '51A-999.99' }] } });
    expect(counts).toEqual({ new: 1, update: 0, duplicate: 0, rejected: 3, rows: 4 });
  });

  it('joins rows whose owner columns are merged from above', () => {
    const sheet = sheetOf(
      [
        header,
        [1, 'Nguyễn Văn Xe', 1980, 'Nam', '001080012345', 'Xe máy', '59-X1 234.56', null],
        [null, null, null, null, null, 'Ô tô', '30A-123.45', null],
      ],
      { merges: [1, 2, 3, 4, 5].map((c): MergeRange => ({ top: 2, left: c, bottom: 3, right: c })) },
    );
    const { read, counts } = run(sheet, 'vehicles', { family: 'vehicles' });
    expect(read.items).toEqual([
      expect.objectContaining({
        kind: 'candidate',
        rowNumbers: [2, 3],
        value: expect.objectContaining({ vehicles: [expect.objectContaining({ plate: '59-X1 234.56' }), expect.objectContaining({ plate: '30A-123.45' })] }),
      }),
    ]);
    expect(counts).toEqual({ new: 2, update: 0, duplicate: 0, rejected: 0, rows: 2 });
  });
});

describe('dc01', () => {
  it('takes the category from a column, or the target', () => {
    const sheet = sheetOf([
      ['Họ và tên', 'Năm sinh', 'Số định danh', 'Loại trường hợp', 'Ngày tiếp nhận'],
      ['Nguyễn Văn Một', 1950, '001050012345', 'Thiếu CMND 9 số', { serialDate: 45658 }],
      ['Nguyễn Văn Hai', 1951, '001051012345', 'Không biết', ''],
      ['Nguyễn Văn Ba', 1952, '001052012345', '', '1/1/2030'],
    ]);
    const target: ImportTarget = {
      family: 'dc01',
      categories: [{ key: 'missing_cmnd', label: 'Thiếu CMND 9 số' }],
      defaultReceivedDate: '2025-05-01',
    };
    const { read } = run(sheet, 'dc01', target);
    expect(read.items[0]).toMatchObject({ kind: 'candidate', value: { categoryKey: 'missing_cmnd', receivedDate: '2025-01-01' } });
    expect(reasons(read.items)).toEqual([
      'Dòng 3: Loại trường hợp "Không biết" không có trong danh mục DC01.',
      'Dòng 4: thiếu loại trường hợp DC01.',
      'Dòng 4: Ngày tiếp nhận không được ở tương lai.',
    ]);
  });

  it('names the received date when it cannot be read, so it is not taken for the birth date', () => {
    const sheet = sheetOf([
      ['Họ và tên', 'Năm sinh', 'Số định danh', 'Ngày nhận'],
      ['Nguyễn Văn Một', 1950, '001050012345', '15/11/26'],
    ]);
    const target: ImportTarget = { family: 'dc01', categoryKey: 'missing_cmnd', categories: [], defaultReceivedDate: '2025-05-01' };
    expect(reasons(run(sheet, 'dc01', target).read.items)).toEqual(['Dòng 2: Ngày tiếp nhận "15/11/26": Năm phải ghi đủ 4 chữ số, ví dụ 1950.']);
  });
});

// ---------------------------------------------------------------- property-style invariant

/** A small deterministic PRNG (mulberry32), so failures reproduce. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ['Nguyễn Văn An', 'TRẦN THỊ BÌNH', 'le van c', 'Phạm  Văn Dũng ', '', 'Tổng cộng', 'Cộng', 'Họ và tên', 'Công ty X'];
const IDS: RawCell[] = ['001050012345', 1050012345, '001155012345', '0010890123', 212345678, 12345678, '', null, 'abc', 1.5e11];
const BIRTHS: RawCell[] = [1950, '3/1952', '12.03.1948', { serialDate: 18264 }, '', null, '31/02/1950', 2030, 'x', 25000];
const STATUSES: RawCell[] = ['Đã duyệt', 'Chờ duyệt', '', null, 'OK', 'Không cập nhật được'];
const KINDS: RawCell[] = ['Xe máy', 'Ô tô', '', 'tàu'];
const PLATES: RawCell[] = ['59-X1 234.56', '30A-123.45', '', 'abc', '59X123456'];

function messySheet(random: () => number, family: FamilyKey): Sheet {
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const header: RawCell[] =
    family === 'vehicles'
      ? ['Stt', 'Họ và tên', 'Năm sinh', 'Giới tính', 'Số CCCD', 'Loại xe', 'Biển số']
      : family === 'labour'
        ? ['Stt', 'Họ và tên', 'Năm sinh', 'Giới tính', 'Số CCCD', 'Tình trạng hoạt động kinh tế', 'Lý do không tham gia']
        : ['Stt', 'Họ và tên', 'Năm sinh', 'Giới tính', 'Số CCCD', 'Trạng thái', 'CCCD/CMND'];
  const rows: RawCell[][] = [['DANH SÁCH'], header];
  const count = Math.floor(random() * 40);
  for (let i = 0; i < count; i++) {
    const shape = random();
    if (shape < 0.08) rows.push([]);
    else if (shape < 0.12) rows.push([...header]);
    else if (shape < 0.16) rows.push([null, null, null, null, null, pick(KINDS), pick(PLATES)]);
    else {
      const extra =
        family === 'vehicles'
          ? [pick(KINDS), pick(PLATES)]
          : family === 'labour'
            ? [pick(['Có việc làm', 'Không tham gia', '', 'Thất nghiệp']), pick(['Nội trợ', '', 'Đang đi học'])]
            : [pick(STATUSES), pick(IDS)];
      rows.push([random() < 0.8 ? i + 1 : null, pick(NAMES), pick(BIRTHS), pick(['Nam', 'Nữ', '', 'nam']), pick(IDS), ...extra]);
    }
  }
  const hidden = rows.map((_, i) => i + 1).filter(() => random() < 0.1);
  return sheetOf(rows, { hidden, merges: [{ top: 1, left: 1, bottom: 1, right: 7 }] });
}

describe('never a silent loss', () => {
  const targets: Record<FamilyKey, ImportTarget> = {
    members: MEMBERS,
    labour: { family: 'labour' },
    vehicles: { family: 'vehicles' },
    dc01: { family: 'dc01', categoryKey: 'missing_cmnd', categories: [], defaultReceivedDate: '2025-05-01' },
  };
  it.each<FamilyKey>(['members', 'labour', 'vehicles', 'dc01'])('%s: the counts add up to the rows read, for 150 generated sheets', (family) => {
    const random = prng(family.length * 7919);
    const seen = { new: 0, update: 0, duplicate: 0, rejected: 0, skipped: 0 };
    for (let round = 0; round < 150; round++) {
      const sheet = messySheet(random, family);
      const existing = new Map([['001050012345', 'rec-1']]);
      const { header, read, rows, counts } = run(sheet, family, targets[family], existing);
      const under = sheet.rows.filter((r) => r.rowNumber >= header.dataStart).length;
      // every row under the header is either skipped or a data row
      expect(read.dataRows + read.skipped.length).toBe(under);
      // every data row is in exactly one item
      const numbers = read.items.flatMap((i) => i.rowNumbers);
      expect(new Set(numbers).size).toBe(numbers.length);
      expect(numbers.length).toBe(read.dataRows);
      expect(counts.new + counts.update + counts.duplicate + counts.rejected).toBe(read.dataRows);
      expect(counts.rows).toBe(read.dataRows);
      expect(rows).toHaveLength(read.items.length);
      for (const k of ['new', 'update', 'duplicate', 'rejected'] as const) seen[k] += counts[k];
      seen.skipped += read.skipped.length;
      // every rejected row says why, with its Excel row number
      for (const item of read.items) {
        if (item.kind === 'rejected') {
          expect(item.reasons.length).toBeGreaterThan(0);
          for (const reason of item.reasons) expect(reason).toMatch(/^Dòng \d+: \S/);
        }
      }
    }
    // the generator reaches every outcome, so the invariant is tested on all of them
    expect(Object.values(seen).every((n) => n > 0)).toBe(true);
  });
});

describe('the lines under a list', () => {
  it('skips the place-and-date line and the signature block, but not people listed after a subtotal', () => {
    const sheet = sheetOf([
      /* 1 */ ['STT', 'Họ và tên', 'Năm sinh', 'Giới tính', 'Số CCCD'],
      /* 2 */ [1, 'Nguyễn Văn An', 1950, 'Nam', '001050012345'],
      /* 3 */ ['Cộng', null, null, null, null],
      /* 4 */ [2, 'Trần Thị Bình', 1952, 'Nữ', '001152012345'],
      /* 5 */ ['Tổng cộng', null, null, null, null],
      /* 6 */ [null, null, 'Vĩnh Hiệp, ngày 20 tháng 11 năm 2026', null, null],
      /* 7 */ [null, 'NGƯỜI LẬP DANH SÁCH', null, 'TM. BAN CHẤP HÀNH', null],
      /* 8 */ [null, 'Nguyễn Thị Thư', null, 'Trần Thị Chủ', null],
    ]);
    const { read, counts } = run(sheet, 'members', MEMBERS);
    expect(read.skipped).toEqual([
      { rowNumber: 3, why: 'total' },
      { rowNumber: 5, why: 'total' },
      { rowNumber: 6, why: 'footer' },
      { rowNumber: 7, why: 'footer' },
      { rowNumber: 8, why: 'footer' },
    ]);
    expect(counts).toMatchObject({ new: 2, rows: 2 });
  });
});

describe('people without any ID number', () => {
  it('are matched by name and date of birth, in the file and against the list', () => {
    const sheet = sheetOf([
      ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD'],
      [1, 'Đặng Thị Mai', '02/03/1940', 'Nữ', null],
      [2, 'ĐẶNG THỊ MAI', '02/03/1940', 'Nữ', null],
      [3, 'Lê Văn Tư', '1938', 'Nam', null],
      [4, 'Lê Văn Tư', '1939', 'Nam', null],
    ]);
    const { rows, counts } = run(sheet, 'members', MEMBERS, new Map([['ten:le van tu|1938', 'rec-tu']]));
    expect(counts).toMatchObject({ new: 2, update: 1, duplicate: 1, rows: 4 });
    expect(rows[1]).toMatchObject({ kind: 'duplicate', message: 'Dòng 3: trùng họ tên và ngày sinh (không có số định danh) với dòng 2.' });
    expect(rows[2]).toMatchObject({ kind: 'update', recordId: 'rec-tu' });
    // the same name born another year is someone else
    expect(rows[3]?.kind).toBe('new');
  });
});
