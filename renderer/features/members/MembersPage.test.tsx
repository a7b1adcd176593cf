import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { personalIdFor, setUpUnit, testServices } from '../../testing/fixtures';
import { renderSignedIn } from '../../testing/render';
import type { AppServices } from '../../context/services';
import type { Officer } from '../../../shared/domain/types';
import { MembersPage } from './MembersPage';

let services: AppServices;
let officer: Officer;

beforeEach(async () => {
  services = testServices();
  officer = await setUpUnit(services);
});

const openForm = async (user: ReturnType<typeof userEvent.setup>) => {
  renderSignedIn(<MembersPage listKey="elderly" />, services, officer);
  await user.click(await screen.findByRole('button', { name: /Nhập hội viên/ }));
  return screen.findByRole('dialog', { name: /Nhập hội viên/ });
};

const textbox = (dialog: HTMLElement, name: RegExp) => within(dialog).getByRole('textbox', { name });

describe('member entry form', () => {
  it('shows a Vietnamese message at the field for an impossible birth date', async () => {
    const user = userEvent.setup();
    const dialog = await openForm(user);
    await user.type(textbox(dialog, /Họ và tên/), 'Nguyễn Văn An');
    await user.type(textbox(dialog, /Ngày sinh/), '31/02/1950');
    await user.tab();
    const birth = textbox(dialog, /Ngày sinh/);
    await waitFor(() => expect(birth).toHaveAttribute('aria-invalid', 'true'));
    expect(birth).toHaveAccessibleDescription(/ngày|tháng/i);
    expect(await services.repos.members.byList('elderly')).toHaveLength(0);
  });

  it('saves with Enter, starts the next entry and keeps the hamlet', async () => {
    const user = userEvent.setup();
    const dialog = await openForm(user);
    const hamlets = await services.repos.catalogue.hamlets();
    await user.type(textbox(dialog, /Họ và tên/), 'nguyễn  thị đào');
    await user.type(textbox(dialog, /Ngày sinh/), '12/03/1950');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: /Giới tính/ }), 'female');
    await user.type(textbox(dialog, /Số định danh/), personalIdFor(1950, 'female', 7));
    await user.selectOptions(within(dialog).getByRole('combobox', { name: /Thôn/ }), hamlets[1]!.id);
    await user.type(textbox(dialog, /Ghi chú/), '{Enter}');

    await waitFor(async () => expect(await services.repos.members.byList('elderly')).toHaveLength(1));
    const [saved] = await services.repos.members.byList('elderly');
    expect(saved).toMatchObject({ fullName: 'Nguyễn Thị Đào', birthDate: '1950-03-12', sex: 'female', hamletId: hamlets[1]!.id, createdBy: officer.id });
    await waitFor(() => expect(textbox(dialog, /Họ và tên/)).toHaveValue(''));
    await waitFor(() => expect(textbox(dialog, /Họ và tên/)).toHaveFocus(), { onTimeout: (e) => new Error(`${e.message}\nfocused: ${document.activeElement?.outerHTML.slice(0, 200)}`) });
    expect(within(dialog).getByRole('combobox', { name: /Thôn/ })).toHaveValue(hamlets[1]!.id);
  });

  it('fills the identity fields from a chip-card QR typed into the name field', async () => {
    const user = userEvent.setup();
    const dialog = await openForm(user);
    const id = personalIdFor(1948, 'male', 123);
    await user.type(textbox(dialog, /Họ và tên/), `${id}|225123456|Lê Văn Tám|05061948|Nam|Thôn Phú Bình, Vĩnh Hiệp, Khánh Hòa|10082021{Enter}`);
    await waitFor(() => expect(textbox(dialog, /Họ và tên/)).toHaveValue('Lê Văn Tám'));
    expect(textbox(dialog, /Số định danh/)).toHaveValue(id);
    expect(textbox(dialog, /CMND/)).toHaveValue('225123456');
    expect(textbox(dialog, /Ngày sinh/)).toHaveValue('05/06/1948');
    expect(within(dialog).getByRole('combobox', { name: /Giới tính/ })).toHaveValue('male');
    expect(textbox(dialog, /Địa chỉ/)).toHaveValue('Thôn Phú Bình, Vĩnh Hiệp, Khánh Hòa');
    // The scan fills the form; it does not save it.
    expect(await services.repos.members.byList('elderly')).toHaveLength(0);
  });

  it('saves a structurally wrong ID only after the officer confirms, and flags it', async () => {
    const user = userEvent.setup();
    const dialog = await openForm(user);
    await user.type(textbox(dialog, /Họ và tên/), 'Trần Văn Bình');
    await user.type(textbox(dialog, /Ngày sinh/), '1950');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: /Giới tính/ }), 'male');
    // born 1950 but the ID says 1962
    await user.type(textbox(dialog, /Số định danh/), personalIdFor(1962, 'male', 5));
    await user.keyboard('{Enter}');
    const confirm = await within(dialog).findByRole('checkbox', { name: /vẫn lưu số định danh này/ });
    await waitFor(() => expect(confirm).toHaveFocus());
    expect(await services.repos.members.byList('elderly')).toHaveLength(0);

    await user.click(confirm);
    await user.click(within(dialog).getByRole('button', { name: /Lưu \(Enter\)/ }));
    await waitFor(async () => expect(await services.repos.members.byList('elderly')).toHaveLength(1));
    const [saved] = await services.repos.members.byList('elderly');
    expect(saved?.idFlagged).toBe(true);
  });

  it('refuses the same personal ID in the same list and links to the existing record', async () => {
    const id = personalIdFor(1950, 'female', 1);
    await services.repos.members.create(
      { listKey: 'elderly', memberKind: 'individual', idFlagged: false, fullName: 'Nguyễn Thị Đào', birthDate: '1950', sex: 'female', personalId: id, oldId: '', phone: '', hamletId: '', address: '', note: '' },
      officer.id,
    );
    const user = userEvent.setup();
    const dialog = await openForm(user);
    await user.type(textbox(dialog, /Số định danh/), id);
    const link = await within(dialog).findByRole('button', { name: /Mở hồ sơ Nguyễn Thị Đào/ });
    await user.click(link);
    expect(await screen.findByRole('dialog', { name: /Hồ sơ: Nguyễn Thị Đào/ })).toBeInTheDocument();
    expect(await services.repos.members.byList('elderly')).toHaveLength(1);
  });

  it('pre-fills identity fields from another list that knows the ID', async () => {
    const id = personalIdFor(1950, 'male', 42);
    await services.repos.members.create(
      { listKey: 'veterans', memberKind: 'individual', idFlagged: false, fullName: 'Phạm Văn Cường', birthDate: '1950-01-02', sex: 'male', personalId: id, oldId: '', phone: '0912345678', hamletId: '', address: 'Thôn Tân Lập', note: '' },
      officer.id,
    );
    const user = userEvent.setup();
    const dialog = await openForm(user);
    await user.type(textbox(dialog, /Số định danh/), id);
    await waitFor(() => expect(textbox(dialog, /Họ và tên/)).toHaveValue('Phạm Văn Cường'));
    expect(textbox(dialog, /điện thoại/)).toHaveValue('0912345678');
    expect(within(dialog).getByText(/Hội Cựu chiến binh/)).toBeInTheDocument();
  });
});

describe('a full disk', () => {
  it('says so in Vietnamese and keeps what was typed', async () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const create = vi.spyOn(services.repos.members, 'create').mockRejectedValueOnce(quota);
    const user = userEvent.setup();
    const dialog = await openForm(user);
    await user.type(textbox(dialog, /Họ và tên/), 'Nguyễn Văn An');
    await user.type(textbox(dialog, /Ngày sinh/), '1950');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: /Giới tính/ }), 'male');
    await user.type(textbox(dialog, /Ngày sinh/), '{Enter}');
    expect(await within(dialog).findByText(/Ổ đĩa máy tính đã đầy/)).toHaveAttribute('role', 'alert');
    expect(textbox(dialog, /Họ và tên/)).toHaveValue('Nguyễn Văn An');
    expect(create).toHaveBeenCalledTimes(1);
    expect(await services.repos.members.byList('elderly')).toHaveLength(0);
  });
});

describe('dialogs', () => {
  it('Esc closes the topmost dialog even when the focus has left it', async () => {
    const user = userEvent.setup();
    await openForm(user);
    (document.activeElement as HTMLElement | null)?.blur();
    expect(document.activeElement).toBe(document.body);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });
});

describe('member list', () => {
  const add = (fullName: string, serial: number, status?: 'entered') =>
    services.repos.members
      .create(
        { listKey: 'elderly', memberKind: 'individual', idFlagged: false, fullName, birthDate: '1950', sex: 'male', personalId: personalIdFor(1950, 'male', serial), oldId: '', phone: '', hamletId: '', address: '', note: '' },
        officer.id,
      )
      .then(async (r) => {
        if (r.ok && status) await services.repos.members.setStatus([r.value.id], { status, date: '2026-11-22' }, officer.id);
      });

  it('searches without tone marks and counts what the filters show', async () => {
    await add('Nguyễn Văn An', 1, 'entered');
    await add('Đỗ Văn Đức', 2);
    await add('Lê Thị Nguyệt', 3);
    const user = userEvent.setup();
    renderSignedIn(<MembersPage listKey="elderly" />, services, officer);
    expect(await screen.findByText(/Tổng cộng:/)).toHaveTextContent('Tổng cộng: 3 hồ sơ');

    await user.type(screen.getByRole('searchbox', { name: 'Tìm kiếm' }), 'nguyen van a');
    await waitFor(() => expect(screen.getByText(/Kết quả lọc:/)).toHaveTextContent('Kết quả lọc: 1 hồ sơ'));

    await user.clear(screen.getByRole('searchbox', { name: 'Tìm kiếm' }));
    await user.type(screen.getByRole('searchbox', { name: 'Tìm kiếm' }), 'do van d');
    await waitFor(() => expect(screen.getByText(/Kết quả lọc:/)).toHaveTextContent('Kết quả lọc: 1 hồ sơ'));

    await user.clear(screen.getByRole('searchbox', { name: 'Tìm kiếm' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Trạng thái' }), 'received');
    await waitFor(() => expect(screen.getByText(/Kết quả lọc:/)).toHaveTextContent('Kết quả lọc: 2 hồ sơ'));
  });

  it('exports the rows on screen to an Excel file through the desktop API', async () => {
    await add('Nguyễn Văn An', 1);
    const user = userEvent.setup();
    renderSignedIn(<MembersPage listKey="elderly" />, services, officer);
    expect(await screen.findByText(/Tổng cộng:/)).toHaveTextContent('Tổng cộng: 1 hồ sơ');
    await user.click(screen.getByRole('button', { name: 'Xuất Excel' }));
    const api = services.api as unknown as { saved: { name: string; bytes: Uint8Array }[] };
    await waitFor(() => expect(api.saved).toHaveLength(1), { timeout: 10_000 });
    expect(api.saved[0]?.name).toMatch(/^Hội Người cao tuổi 22-11-2026\.xlsx$/);
    // xlsx files are zip archives
    expect(Array.from(api.saved[0]!.bytes.slice(0, 2))).toEqual([0x50, 0x4b]);
  });
});
