import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import ExcelJS from 'exceljs';
import { personalIdFor, setUpUnit, testServices, type RecordingApi } from '../../testing/fixtures';
import { renderSignedIn } from '../../testing/render';
import type { AppServices } from '../../context/services';
import type { Officer } from '../../../shared/domain/types';
import { ReportPage } from './ReportPage';
import { PASSWORD_HINT } from './HandoverCard';
import { sha256Hex } from '../../excel/memory-export';
import * as encryption from '../../../shared/excel/office-encryption';

// The real encryption, watched: which bytes and which password each Excel file was encrypted with.
vi.mock('../../../shared/excel/office-encryption', async (original) => {
  const actual = await original<typeof encryption>();
  return { ...actual, encryptWorkbook: vi.fn(actual.encryptWorkbook) };
});

let services: AppServices & { api: RecordingApi };
let officer: Officer;

beforeEach(async () => {
  services = testServices();
  officer = await setUpUnit(services);
});

const member = async (fullName: string, serial: number, personalId = personalIdFor(1950, 'male', serial)) => {
  const r = await services.repos.members.create(
    { listKey: 'elderly', memberKind: 'individual', idFlagged: false, fullName, birthDate: '1950-03-12', sex: 'male', personalId, oldId: '', phone: '', hamletId: '', address: '', note: '' },
    officer.id,
  );
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

async function readWorkbook(bytes: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

/** The records are dated 22/11/2026, in the period under way; the hub opens on the period just ended. */
async function chooseCurrentPeriod(user: ReturnType<typeof userEvent.setup>) {
  const select = await screen.findByRole('combobox', { name: 'Kỳ báo cáo' });
  expect(select).toHaveValue('2026-11-20');
  await user.selectOptions(select, '2026-12-20');
}

describe('report hub', () => {
  it('exports the monthly workbook: the summary figures and the list with its records', async () => {
    const a = await member('Nguyễn Văn An', 1, '001050000001');
    await member('Trần Văn Bình', 2);
    await services.repos.members.setStatus([a.id], { status: 'entered', date: '2026-11-22' }, officer.id);
    await services.repos.members.setStatus([a.id], { status: 'approved', date: '2026-11-22' }, officer.id);
    await services.repos.targets.set('members:elderly', { from: '2026-11-21', to: '2026-12-20' }, 4, officer.id);

    const user = userEvent.setup();
    renderSignedIn(<ReportPage />, services, officer);
    await chooseCurrentPeriod(user);
    await user.click(await screen.findByRole('button', { name: 'Xuất bảng tổng hợp Excel' }));
    await waitFor(() => expect(services.api.saved).toHaveLength(1));
    expect(services.api.saved[0]!.name).toBe('BaoCao_DA06_CAX-VinhHiep_2026-12.xlsx');

    const workbook = await readWorkbook(services.api.saved[0]!.bytes);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'DC01', 'Hội Người cao tuổi']);
    const summary = workbook.getWorksheet('Tổng hợp')!;
    // two header rows: the spans of the first, "Lũy kế | Trong kỳ" under the two that span
    expect(summary.getCell('E7').value).toBe('Số đã cung cấp hồ sơ cho Công an cấp xã');
    expect(summary.getCell('F7').master.address).toBe('E7');
    expect([summary.getCell('E8').value, summary.getCell('F8').value, summary.getCell('H8').value, summary.getCell('I8').value]).toEqual(['Lũy kế', 'Trong kỳ', 'Lũy kế', 'Trong kỳ']);
    expect(summary.getCell('A8').master.address).toBe('A7');
    // row 9 (after the title block and two header rows): Hội Người cao tuổi
    expect(summary.getRow(9).values).toEqual([undefined, 1, 'Hội Người cao tuổi', 'hội viên', 4, 2, 2, 0, 1, 1, 0, 0.25]);
    const list = workbook.getWorksheet('Hội Người cao tuổi')!;
    expect(list.getCell('A4').value).toBe('DANH SÁCH HỘI NGƯỜI CAO TUỔI');
    expect(list.getCell('B8').value).toBe('Nguyễn Văn An');
    expect(list.getCell('C8').value).toEqual(new Date(Date.UTC(1950, 2, 12)));
    expect(list.getCell('E8').value).toBe('001050000001');
    expect(list.getCell('B9').value).toBe('Trần Văn Bình');
    expect(list.rowCount).toBe(9);
    await waitFor(() => expect(screen.getByText(/Đã lưu bảng tổng hợp/)).toBeInTheDocument());
  });

  it('hands over, closes the period, and lists what changed since the version sent', async () => {
    const a = await member('Nguyễn Văn An', 1);
    await member('Trần Văn Bình', 2);
    const user = userEvent.setup();
    renderSignedIn(<ReportPage />, services, officer);
    await chooseCurrentPeriod(user);
    expect(await screen.findByText('Chưa chốt số liệu')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Chọn thư mục và bàn giao…' }));
    const done = await screen.findByRole('dialog', { name: 'Đã bàn giao và chốt số liệu' });
    expect(within(done).getByText('BaoCao_DA06_CAX-VinhHiep_2026-12.xlsx')).toBeInTheDocument();
    const message = (within(done).getByRole('textbox', { name: 'Nội dung gửi kèm' }) as HTMLTextAreaElement).value;
    expect(message).toContain('Kính gửi: Công an tỉnh Khánh Hòa.');
    expect(message).toContain('- Hội Người cao tuổi: đã cung cấp hồ sơ 2; đã cập nhật, phê duyệt 0.');
    expect(message).toContain('Tệp gửi kèm: BaoCao_DA06_CAX-VinhHiep_2026-12.xlsx.');

    const [handover] = await services.repos.handovers.all();
    expect(handover).toMatchObject({ periodTo: '2026-12-20', by: officer.id });
    expect(handover!.files).toEqual([{ name: 'BaoCao_DA06_CAX-VinhHiep_2026-12.xlsx', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), bytes: services.api.saved[0]!.bytes.byteLength }]);
    expect(handover!.values['members.elderly.received']).toBe(2);
    expect(handover!.values['report.date']).toBeUndefined();
    // no password asked for: a plain .xlsx (a zip)
    expect([...services.api.saved[0]!.bytes.subarray(0, 2)]).toEqual([0x50, 0x4b]);
    expect(within(done).queryByText(/mật khẩu/)).toBeNull();
    await user.click(within(done).getByRole('button', { name: 'Xong' }));
    expect(await screen.findByText(/Đã chốt số liệu và bàn giao ngày 22\/11\/2026/)).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: /Số liệu đã thay đổi/ })).toBeNull();

    // a later edit changes the closed period's figures
    await services.repos.members.setStatus([a.id], { status: 'entered', date: '2026-11-22' }, officer.id);
    const changes = await screen.findByRole('region', { name: /Số liệu đã thay đổi so với bản gửi ngày 22\/11\/2026/ });
    expect(within(changes).getByRole('row', { name: /Hội Người cao tuổi Đã nhập, chờ duyệt 0 1/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Bàn giao lại (bản điều chỉnh)…' })).toBeInTheDocument();
  });

  it('hands over with a password to open the Excel files: checked before the folder is chosen, and kept nowhere', async () => {
    await member('Nguyễn Văn An', 1);
    const form = new ExcelJS.Workbook();
    form.addWorksheet('Báo cáo').getCell('A1').value = 'Đơn vị: {{unit.name}}';
    const template = await services.repos.templates.add({ name: 'Mẫu PC06', fileName: 'moi.xlsx', data: new Uint8Array(await form.xlsx.writeBuffer()) }, officer.id);
    if (!template.ok) throw new Error(template.message);
    const encryptWorkbook = vi.mocked(encryption.encryptWorkbook);
    encryptWorkbook.mockClear();

    const user = userEvent.setup();
    renderSignedIn(<ReportPage />, services, officer);
    await chooseCurrentPeriod(user);
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Mẫu báo cáo của cấp trên' }), template.value.id);
    expect(screen.queryByLabelText(/^Mật khẩu mở tệp Excel/)).toBeNull();
    await user.click(screen.getByRole('checkbox', { name: 'Đặt mật khẩu mở tệp Excel' }));
    expect(screen.getByLabelText(/^Mật khẩu mở tệp Excel/)).toHaveAccessibleDescription(expect.stringContaining(PASSWORD_HINT));
    const handOver = screen.getByRole('button', { name: 'Chọn thư mục và bàn giao…' });

    await user.type(screen.getByLabelText(/^Mật khẩu mở tệp Excel/), '12345');
    await user.click(handOver);
    expect(await screen.findByText('Mật khẩu phải có ít nhất 6 ký tự.')).toBeInTheDocument();
    await user.type(screen.getByLabelText(/^Mật khẩu mở tệp Excel/), '6');
    await user.type(screen.getByLabelText(/^Nhập lại mật khẩu/), '123457');
    await user.click(handOver);
    expect(await screen.findByText('Hai lần nhập mật khẩu không khớp.')).toBeInTheDocument();
    expect(screen.queryByText('Mật khẩu phải có ít nhất 6 ký tự.')).toBeNull();
    expect(services.api.saved).toHaveLength(0);

    await user.clear(screen.getByLabelText(/^Nhập lại mật khẩu/));
    await user.type(screen.getByLabelText(/^Nhập lại mật khẩu/), '123456');
    await user.click(handOver);
    const done = await screen.findByRole('dialog', { name: 'Đã bàn giao và chốt số liệu' }, { timeout: 15_000 });

    // both Excel files, the workbook and the filled form, are Excel-encrypted with the password typed
    expect(services.api.saved.map((f) => f.name)).toEqual(['BaoCao_DA06_CAX-VinhHiep_2026-12.xlsx', 'Mau_PC06_BaoCao_DA06_CAX-VinhHiep_2026-12.xlsx']);
    for (const file of services.api.saved) expect([...file.bytes.subarray(0, 8)]).toEqual(encryption.OLE_SIGNATURE);
    expect(encryptWorkbook.mock.calls.map(([plain, password]) => [plain.subarray(0, 2), password])).toEqual([
      [new Uint8Array([0x50, 0x4b]), '123456'],
      [new Uint8Array([0x50, 0x4b]), '123456'],
    ]);
    expect(within(done).getByText(/Các tệp Excel đã được đặt mật khẩu mở/)).toHaveTextContent(PASSWORD_HINT);

    // what was recorded is the encrypted files; the audit says a password was set, and nothing keeps the password
    const [handover] = await services.repos.handovers.all();
    expect(handover!.files.map((f) => f.sha256)).toEqual(await Promise.all(services.api.saved.map((f) => sha256Hex(new Uint8Array(f.bytes)))));
    const audit = await services.db.audit.toArray();
    expect(audit.find((a) => a.entity === 'handovers')?.summary).toContain('(tệp Excel có đặt mật khẩu mở)');
    for (const table of services.db.tables) expect(JSON.stringify(await table.toArray())).not.toContain('123456');
    expect(JSON.stringify({ ...localStorage, ...sessionStorage })).not.toContain('123456');
    await user.click(within(done).getByRole('button', { name: 'Xong' }));
    expect(screen.getByLabelText(/^Mật khẩu mở tệp Excel/)).toHaveValue('');
    expect(screen.getByLabelText(/^Nhập lại mật khẩu/)).toHaveValue('');
  });

  it("fills the superior's template: unknown keys are listed with their cells and nothing is saved; a good template is saved filled", async () => {
    await member('Nguyễn Văn An', 1);
    const template = async (cells: Record<string, string>) => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Báo cáo');
      for (const [address, text] of Object.entries(cells)) sheet.getCell(address).value = text;
      sheet.getCell('B3').numFmt = '#,##0';
      return new Uint8Array(await workbook.xlsx.writeBuffer());
    };
    const bad = await services.repos.templates.add({ name: 'Mẫu PC06 cũ', fileName: 'cu.xlsx', data: await template({ A1: '{{unit.name}}', B3: '{{members.elderly.recieved}}' }) }, officer.id);
    const good = await services.repos.templates.add({ name: 'Mẫu PC06', fileName: 'moi.xlsx', data: await template({ A1: 'Đơn vị: {{unit.name}}', B3: '{{members.elderly.received}}' }) }, officer.id);
    if (!bad.ok || !good.ok) throw new Error('templates not added');

    const user = userEvent.setup();
    renderSignedIn(<ReportPage />, services, officer);
    await chooseCurrentPeriod(user);
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Mẫu báo cáo của cấp trên' }), bad.value.id);
    await user.click(screen.getByRole('button', { name: 'Điền mẫu và lưu' }));
    const alert = await screen.findByRole('alert', undefined, { timeout: 10_000 });
    expect(alert).toHaveTextContent('Báo cáo!B3');
    expect(alert).toHaveTextContent('members.elderly.recieved');
    expect(services.api.saved).toHaveLength(0);

    await user.selectOptions(screen.getByRole('combobox', { name: 'Mẫu báo cáo của cấp trên' }), good.value.id);
    await user.click(screen.getByRole('button', { name: 'Điền mẫu và lưu' }));
    await waitFor(() => expect(services.api.saved).toHaveLength(1), { timeout: 10_000 });
    expect(services.api.saved[0]!.name).toBe('Mau_PC06_BaoCao_DA06_CAX-VinhHiep_2026-12.xlsx');
    const filled = (await readWorkbook(services.api.saved[0]!.bytes)).getWorksheet('Báo cáo')!;
    expect(filled.getCell('A1').value).toBe('Đơn vị: Công an xã Vĩnh Hiệp');
    expect(filled.getCell('B3').value).toBe(1);
    expect(filled.getCell('B3').numFmt).toBe('#,##0');
  });
});
