import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import ExcelJS from 'exceljs';
import { personalIdFor, setUpUnit, testServices, type RecordingApi } from '../../testing/fixtures';
import { renderSignedIn } from '../../testing/render';
import type { AppServices } from '../../context/services';
import type { Officer } from '../../../shared/domain/types';
import { ok } from '../../../shared/result';
import { ImportPage } from './ImportPage';

let services: AppServices & { api: RecordingApi };
let officer: Officer;

const A = personalIdFor(1950, 'male', 1);
const B = personalIdFor(1952, 'female', 2);

/** A member list as an association sends it: a title, a semicolon CSV with a BOM, a duplicate, a bad row, a total. */
const CSV = [
  'DANH SÁCH HỘI VIÊN HỘI NGƯỜI CAO TUỔI;;;;',
  'STT;Họ tên;Năm sinh;Giới tính;Số CCCD;Ghi chú thêm',
  `1;Nguyễn Văn An;1950;Nam;${A};`,
  `2;Trần Thị Bình;1952;Nữ;${B};cũ`,
  `3;Nguyễn Văn An;1950;Nam;${A};`,
  '4;;1949;Nam;;',
  ';Tổng cộng;;;;',
].join('\r\n');

beforeEach(async () => {
  services = testServices();
  officer = await setUpUnit(services);
  services.api.openFile = async () => ok({ opened: true, name: 'hoi nct.csv', data: new TextEncoder().encode(`\uFEFF${CSV}`) });
});

describe('ImportPage', () => {
  it('takes a messy list from file to records: mapping confirmed, rows previewed, imported, returned rows downloadable', async () => {
    const user = userEvent.setup();
    renderSignedIn(<ImportPage initialTarget="members:elderly" />, services, officer);
    await user.click(await screen.findByRole('button', { name: 'Chọn tệp…' }));

    // step 2: the columns, proposed from the headers
    await screen.findByRole('heading', { name: /Bước 2/ }, { timeout: 10_000 });
    expect(screen.getByText('hoi nct.csv')).toBeTruthy();
    const note = screen.getByRole('combobox', { name: 'Cột F: Ghi chú thêm' }) as HTMLSelectElement;
    expect(note.value).toBe('note');
    await user.selectOptions(note, '');
    await user.click(screen.getByRole('button', { name: 'Xem trước' }));

    // step 3: every row classified, the counts add up
    await screen.findByRole('heading', { name: /Bước 3/ }, { timeout: 10_000 });
    const counts = screen.getByLabelText('Số dòng theo loại');
    expect(within(counts).getByText('Mới').nextSibling?.textContent).toBe('2');
    expect(within(counts).getByText('Trùng trong tệp').nextSibling?.textContent).toBe('1');
    expect(within(counts).getByText('Bị từ chối').nextSibling?.textContent).toBe('1');
    expect(within(counts).getByText('Tổng số dòng dữ liệu').nextSibling?.textContent).toBe('4');
    expect(screen.getByText(/1 dòng tổng cộng/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Nhập 2 dòng' }));

    // step 4: the summary, the records, the remembered mapping, the returned rows
    await screen.findByRole('heading', { name: /Bước 4/ }, { timeout: 10_000 });
    expect(screen.getByText(/Đã nhập xong tệp/).textContent).toContain('2 dòng mới, cập nhật 0, bỏ qua 1, từ chối 1 — cộng lại 4 dòng dữ liệu');
    const members = (await services.repos.members.byList('elderly')).map((m) => [m.fullName, m.personalId, m.note]);
    expect(members).toEqual([
      ['Nguyễn Văn An', A, ''],
      ['Trần Thị Bình', B, ''],
    ]);
    const mappings = await services.db.importMappings.toArray();
    expect(mappings).toHaveLength(1);
    expect(mappings[0]?.fields[5]).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Tải tệp các dòng không nhập được' }));
    await waitFor(() => expect(services.api.saved).toHaveLength(1), { timeout: 10_000 });
    const saved = services.api.saved[0];
    expect(saved?.name).toBe('hoi nct - dong khong nhap duoc.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(saved?.bytes ?? []).buffer);
    const sheet = workbook.worksheets[0];
    const rows = (sheet?.getSheetValues() ?? []).slice(2).map((r) => (Array.isArray(r) ? r.slice(1) : []));
    expect(rows[0]).toEqual(['Dòng trong tệp', 'STT', 'Họ tên', 'Năm sinh', 'Giới tính', 'Số CCCD', 'Ghi chú thêm', 'Lý do']);
    expect(rows[1]?.[0]).toBe(5);
    expect(rows[1]?.[7]).toBe(`trùng số định danh ${A} với dòng 3.`);
    expect(rows[2]?.[0]).toBe(6);
    expect(String(rows[2]?.[7])).toMatch(/họ và tên/i);
  });

  it('asks for the target before a file, and shows a clear message for an old .xls', async () => {
    const user = userEvent.setup();
    services.api.openFile = async () => ok({ opened: true, name: 'cu.xls', data: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]) });
    renderSignedIn(<ImportPage />, services, officer);
    await user.click(await screen.findByRole('button', { name: 'Chọn tệp…' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Chọn nơi nhập/);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Nhập vào' }), 'labour');
    await user.click(screen.getByRole('button', { name: 'Chọn tệp…' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/\.xls/), { timeout: 10_000 });
    expect(screen.getByRole('alert').textContent).toMatch(/Lưu thành/);
  });
});
