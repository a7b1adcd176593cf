import { describe, expect, it } from 'vitest';
import { findHeader, isNumberingRow } from './header';
import { sheetOf } from './testing';

describe('findHeader', () => {
  it('skips title rows and finds a one-row header', () => {
    const sheet = sheetOf(
      [
        ['CÔNG AN XÃ HÒA BÌNH'],
        ['DANH SÁCH HỘI VIÊN HỘI NGƯỜI CAO TUỔI'],
        [],
        ['STT', 'HỌ VÀ TÊN', 'Ngày sinh', 'Số CCCD', 'Thôn'],
        [1, 'Nguyễn Văn A', '1/2/1950', '001050012345', 'Thôn 1'],
      ],
      { merges: [{ top: 2, left: 1, bottom: 2, right: 5 }] },
    );
    const header = findHeader(sheet);
    expect(header.ok && header.value).toMatchObject({ top: 4, bottom: 4, dataStart: 5 });
    expect(header.ok && header.value.columns.map((c) => c.text)).toEqual(['STT', 'HỌ VÀ TÊN', 'Ngày sinh', 'Số CCCD', 'Thôn']);
  });

  it('joins a merged parent "Năm sinh" with its "Nam | Nữ" children', () => {
    const sheet = sheetOf(
      [
        ['DANH SÁCH'],
        ['Stt', 'Họ tên', 'Năm sinh', null, 'CCCD/CMND'],
        [null, null, 'Nam', 'Nữ', null],
        [1, 'Trần Thị B', null, 1952, '001152012345'],
      ],
      {
        merges: [
          { top: 2, left: 1, bottom: 3, right: 1 },
          { top: 2, left: 2, bottom: 3, right: 2 },
          { top: 2, left: 3, bottom: 2, right: 4 },
          { top: 2, left: 5, bottom: 3, right: 5 },
        ],
      },
    );
    const header = findHeader(sheet);
    if (!header.ok) throw new Error(header.message);
    expect(header.value).toMatchObject({ top: 2, bottom: 3, dataStart: 4 });
    expect(header.value.columns.map((c) => c.parts)).toEqual([['Stt'], ['Họ tên'], ['Năm sinh', 'Nam'], ['Năm sinh', 'Nữ'], ['CCCD/CMND']]);
    expect(header.value.columns[2]?.text).toBe('Năm sinh / Nam');
  });

  it('reads a two-row header without merges (CSV) and a column-number row', () => {
    const sheet = sheetOf([
      ['Stt', 'Họ và tên', 'Năm sinh', '', 'Số định danh'],
      ['', '', 'Nam', 'Nữ', ''],
      ['(1)', '(2)', '(3)', '(4)', '(5)'],
      ['1', 'Lê Văn C', '1960', '', '001060012345'],
    ]);
    const header = findHeader(sheet);
    if (!header.ok) throw new Error(header.message);
    expect(header.value).toMatchObject({ top: 1, bottom: 2, numberingRow: 3, dataStart: 4 });
    expect(header.value.columns[3]?.parts).toEqual(['Năm sinh', 'Nữ']);
  });

  it('does not take the first data row for a second header row', () => {
    const sheet = sheetOf([
      ['Stt', 'Họ và tên', 'Ngày sinh'],
      [1, 'Nguyễn Văn A', '1950'],
    ]);
    const header = findHeader(sheet);
    expect(header.ok && header.value).toMatchObject({ top: 1, bottom: 1, dataStart: 2 });
  });

  it('starts at the merged parent row when the child row names more columns', () => {
    const sheet = sheetOf(
      [
        ['Stt', 'Thông tin hội viên', null, null],
        [null, 'Họ và tên', 'Ngày sinh', 'Số CCCD'],
        [1, 'A', '1950', '001050012345'],
      ],
      { merges: [{ top: 1, left: 1, bottom: 2, right: 1 }, { top: 1, left: 2, bottom: 1, right: 4 }] },
    );
    const header = findHeader(sheet);
    expect(header.ok && header.value).toMatchObject({ top: 1, bottom: 2, dataStart: 3 });
    expect(header.ok && header.value.columns[1]?.text).toBe('Thông tin hội viên / Họ và tên');
  });

  it('fails with a Vietnamese message when no header is in rows 1–15', () => {
    const rows = Array.from({ length: 16 }, (_, i) => [`dòng ${i + 1}`]);
    rows.push(['Họ và tên', 'Ngày sinh']);
    const header = findHeader(sheetOf(rows, { name: 'Trang 1' }));
    expect(header.ok).toBe(false);
    expect(!header.ok && header.message).toContain('15 dòng đầu của trang "Trang 1"');
  });
});

describe('isNumberingRow', () => {
  it.each([
    [['1', '2', '3', '4'], true],
    [['(1)', '(2)', '', '(4)'], true],
    [['1', '2'], false],
    [['1', 'Nguyễn Văn A', '1950'], false],
    [['3', '2', '1'], false],
  ])('%j → %s', (texts, expected) => {
    expect(isNumberingRow(texts)).toBe(expected);
  });
});
