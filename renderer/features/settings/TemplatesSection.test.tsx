import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import ExcelJS from 'exceljs';
import { personalIdFor, setUpUnit, testServices, type RecordingApi } from '../../testing/fixtures';
import { renderSignedIn } from '../../testing/render';
import type { AppServices } from '../../context/services';
import type { Officer } from '../../../shared/domain/types';
import { ok } from '../../../shared/result';
import { SettingsPage } from './SettingsPage';

let services: AppServices & { api: RecordingApi };
let officer: Officer;

beforeEach(async () => {
  services = testServices();
  officer = await setUpUnit(services);
});

/** A small superior's form: cells → texts. */
async function xlsx(cells: Record<string, string>): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const [address, text] of Object.entries(cells)) ws.getCell(address).value = text;
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const picks = (name: string, data: Uint8Array) => {
  services.api.openFile = async () => ok({ opened: true as const, name, data });
};

// The key list below the templates is long; queries stay inside the part they test, or jsdom takes seconds per query.
const card = () => screen.getByText('Mẫu báo cáo cấp trên', { selector: 'h2' }).closest<HTMLElement>('.card')!;
const dialog = async (title: string) => (await screen.findByText(title, { selector: '.dialog h2' })).closest<HTMLElement>('[role="dialog"]')!;
const region = (label: string) => document.querySelector<HTMLElement>(`section[aria-label="${label}"]`);

async function openTab() {
  const user = userEvent.setup();
  renderSignedIn(<SettingsPage />, services, officer);
  await user.click(await screen.findByRole('tab', { name: 'Mẫu báo cáo cấp trên' }));
  await screen.findByText('Mẫu báo cáo cấp trên', { selector: 'h2' });
  return user;
}

const GOOD = {
  A1: '{{unit.name}}',
  C7: '{{members.elderly.approved}}',
  D7: '{{members.elderly.rate}}',
  A9: '{{#rows members.elderly}}{{item.stt}}',
  B9: '{{item.fullName}}',
};

describe('superior templates in Settings', () => {
  it('adds a template from a picked .xlsx, lists it with file, day and officer, and checks it against this period', async () => {
    const r = await services.repos.members.create(
      { listKey: 'elderly', memberKind: 'individual', idFlagged: false, fullName: 'Nguyễn Văn An', birthDate: '1950', sex: 'male', personalId: personalIdFor(1950, 'male', 1), oldId: '', phone: '', hamletId: '', address: '', note: '' },
      officer.id,
    );
    if (!r.ok) throw new Error(r.message);
    await services.repos.members.setStatus([r.value.id], { status: 'approved', date: '2026-11-22' }, officer.id);
    picks('Mau PC06 thang.xlsx', await xlsx(GOOD));
    const user = await openTab();
    expect(await within(card()).findByText('Chưa có mẫu nào.')).toBeInTheDocument();

    await user.click(within(card()).getByRole('button', { name: '+ Thêm mẫu' }));
    const add = await dialog('Thêm mẫu báo cáo cấp trên');
    await user.click(within(add).getByRole('button', { name: 'Chọn tệp…' }));
    // the name comes from the file; the check runs at once
    await waitFor(() => expect(within(add).getByRole('textbox', { name: /Tên mẫu/ })).toHaveValue('Mau PC06 thang'));
    expect(within(add).getByText('Mẫu hợp lệ: 3 ô số liệu, 1 bảng danh sách.')).toBeInTheDocument();
    await user.clear(within(add).getByRole('textbox', { name: /Tên mẫu/ }));
    await user.type(within(add).getByRole('textbox', { name: /Tên mẫu/ }), 'Mẫu PC06 hằng tháng{Enter}');

    const table = await within(card()).findByRole('table', { name: 'Các mẫu đã nạp' });
    const row = within(table).getByRole('row', { name: /Mẫu PC06 hằng tháng/ });
    expect(row).toHaveTextContent('Mau PC06 thang.xlsx');
    expect(row).toHaveTextContent('22/11/2026 09:00');
    expect(row).toHaveTextContent('Nguyễn Văn Hùng');
    expect((await services.repos.templates.list()).map((t) => [t.name, t.fileName, t.addedBy])).toEqual([['Mẫu PC06 hằng tháng', 'Mau PC06 thang.xlsx', officer.id]]);

    await user.click(within(row).getByRole('button', { name: 'Kiểm tra mẫu Mẫu PC06 hằng tháng' }));
    const result = await within(card()).findByRole('region', { name: 'Kết quả kiểm tra mẫu Mẫu PC06 hằng tháng' });
    expect(await within(result).findByText('Mẫu hợp lệ: 3 ô số liệu, 1 bảng danh sách.')).toBeInTheDocument();
    // which cell uses which key, with this period's value
    const cellsTable = within(result).getByRole('table', { name: 'Ô số liệu trong mẫu' });
    expect(within(cellsTable).getByRole('row', { name: /Sheet1!C7/ })).toHaveTextContent(/members\.elderly\.approved.*Hội Người cao tuổi.*1$/);
    expect(within(cellsTable).getByRole('row', { name: /Sheet1!D7/ })).toHaveTextContent(/chưa có số liệu/);
    expect(within(result).getByRole('table', { name: 'Bảng danh sách trong mẫu' })).toHaveTextContent('Sheet1!A9{{#rows members.elderly}}');
  });

  it('lists every problem of a template with its cell', async () => {
    await services.repos.templates.add({ name: 'Mẫu sai', fileName: 'sai.xlsx', data: await xlsx({ C7: '{{labour.aproved}}', B9: '{{item.fullName}}' }) }, officer.id);
    const user = await openTab();
    await user.click(await within(card()).findByRole('button', { name: 'Kiểm tra mẫu Mẫu sai' }));
    const result = await within(card()).findByRole('region', { name: 'Kết quả kiểm tra mẫu Mẫu sai' });
    expect(await within(result).findByText('Mẫu có 2 chỗ cần sửa.')).toBeInTheDocument();
    const problems = within(result).getByRole('table', { name: 'Chỗ cần sửa trong mẫu' });
    expect(within(problems).getByRole('row', { name: /Sheet1!C7/ })).toHaveTextContent('Không có mã số liệu "labour.aproved". Có phải {{labour.approved}}?');
    expect(within(problems).getByRole('row', { name: /Sheet1!B9/ })).toHaveTextContent(/chỉ dùng được trong dòng bảng/);
  });

  it('refuses an .xls with what to do, keeping nothing', async () => {
    picks('mau-cu.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    const user = await openTab();
    await user.click(within(card()).getByRole('button', { name: '+ Thêm mẫu' }));
    const add = await dialog('Thêm mẫu báo cáo cấp trên');
    await user.click(within(add).getByRole('button', { name: 'Chọn tệp…' }));
    expect(await within(add).findByText(/Excel cũ \(.xls\).*Lưu thành \(Save As\) → Excel Workbook \(\.xlsx\)/)).toBeInTheDocument();
    await user.click(within(add).getByRole('button', { name: 'Lưu mẫu' }));
    expect(within(add).getByRole('button', { name: 'Chọn tệp…' })).toHaveAccessibleDescription(/Chọn tệp mẫu .xlsx./);
    expect(await services.repos.templates.list()).toEqual([]);
  });

  it('renames and, after confirming, deletes a template', async () => {
    await services.repos.templates.add({ name: 'Mẫu A', fileName: 'a.xlsx', data: await xlsx(GOOD) }, officer.id);
    const user = await openTab();
    await user.click(await within(card()).findByRole('button', { name: 'Đổi tên mẫu Mẫu A' }));
    const rename = await dialog('Đổi tên mẫu — Mẫu A');
    await user.clear(within(rename).getByRole('textbox'));
    await user.type(within(rename).getByRole('textbox'), 'Mẫu B{Enter}');
    await waitFor(async () => expect((await services.repos.templates.list()).map((t) => t.name)).toEqual(['Mẫu B']));

    await user.click(await within(card()).findByRole('button', { name: 'Xóa mẫu Mẫu B' }));
    await user.click(within(await dialog('Xóa mẫu báo cáo cấp trên')).getByRole('button', { name: 'Hủy' }));
    expect(await services.repos.templates.list()).toHaveLength(1);
    await user.click(within(card()).getByRole('button', { name: 'Xóa mẫu Mẫu B' }));
    await user.click(within(await dialog('Xóa mẫu báo cáo cấp trên')).getByRole('button', { name: 'Xóa mẫu' }));
    expect(await within(card()).findByText('Chưa có mẫu nào.')).toBeInTheDocument();
    expect(await services.repos.templates.list()).toEqual([]);
  });

  it('lists every key with its value, searchable, and copies a key', async () => {
    const user = await openTab();
    const search = await screen.findByPlaceholderText(/Tìm theo mã hoặc nội dung/);
    expect(search).toHaveAccessibleName('Tìm mã số liệu');
    await waitFor(() => expect(region('Thông tin chung')).not.toBeNull());
    expect(within(region('Thông tin chung')!).getByText('{{unit.name}}').closest('tr')).toHaveTextContent('Công an xã Vĩnh Hiệp');
    expect(region('Hội Người cao tuổi')).not.toBeNull();
    expect(region('Bảng Hội Người cao tuổi')).toHaveTextContent('{{item.fullName}}');

    await user.type(search, 'nguoi cao tuoi ty le');
    expect(region('Thông tin chung')).toBeNull();
    await user.clear(search);
    await user.type(search, 'ty le');
    const elderly = region('Hội Người cao tuổi')!;
    expect(within(elderly).getAllByRole('row').slice(1).map((r) => within(r).getByText(/^\{\{/).textContent)).toEqual(['{{members.elderly.rate}}']);
    expect(within(elderly).getByRole('row', { name: /members\.elderly\.rate/ })).toHaveTextContent('chưa có số liệu');

    await user.click(within(elderly).getByRole('button', { name: 'Chép mã members.elderly.rate' }));
    expect(await navigator.clipboard.readText()).toBe('{{members.elderly.rate}}');
    expect(await screen.findByText('Đã chép {{members.elderly.rate}}')).toBeInTheDocument();
  });
});
