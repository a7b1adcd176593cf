import { beforeEach, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { personalIdFor, setUpUnit, testServices } from '../../testing/fixtures';
import { renderSignedIn } from '../../testing/render';
import type { Officer } from '../../../shared/domain/types';
import { ok } from '../../../shared/result';
import { SettingsPage } from './SettingsPage';
import { createVaultKey } from '../../backup/vault';

const FAST = { N: 2 ** 14, r: 8, p: 1 } as const;
const FIND = { timeout: 10_000 };

let services: ReturnType<typeof testServices>;
let officer: Officer;

beforeEach(async () => {
  services = testServices();
  officer = await setUpUnit(services);
});

const addMember = (n: number) =>
  services.repos.members.create(
    { listKey: 'elderly', memberKind: 'individual', idFlagged: false, fullName: `Lê Thị Mai ${n}`, birthDate: '1950', sex: 'female', personalId: personalIdFor(1950, 'female', n), oldId: '', phone: '', hamletId: '', address: '', note: '' },
    officer.id,
  );

describe('Cài đặt → Sao lưu và khôi phục', () => {
  it('sets the passphrase, backs up by hand, and restores a backup from the list after showing what it holds', async () => {
    const user = userEvent.setup();
    await addMember(1);
    renderSignedIn(<SettingsPage initialTab="backup" />, services, officer);
    expect(await screen.findByText(/dữ liệu/, { selector: '.status-warning' }, FIND)).toHaveTextContent('chưa được sao lưu');
    expect(screen.getByRole('button', { name: 'Sao lưu ngay' })).toBeDisabled();

    await user.type(screen.getByLabelText(/^Mật khẩu sao lưu/), 'ngắn');
    await user.type(screen.getByLabelText(/^Nhập lại mật khẩu/), 'ngắn');
    await user.click(screen.getByRole('button', { name: 'Đặt mật khẩu' }));
    expect(screen.getByLabelText(/^Mật khẩu sao lưu/)).toHaveAccessibleDescription(/ít nhất 8 ký tự/);
    await user.clear(screen.getByLabelText(/^Mật khẩu sao lưu/));
    await user.clear(screen.getByLabelText(/^Nhập lại mật khẩu/));
    await user.type(screen.getByLabelText(/^Mật khẩu sao lưu/), 'Vĩnh Hiệp 2026');
    await user.type(screen.getByLabelText(/^Nhập lại mật khẩu/), 'Vĩnh Hiệp 2026');
    await user.click(screen.getByRole('button', { name: 'Đặt mật khẩu' }));
    expect(await screen.findByText(/Đã đặt mật khẩu\. Bản sao lưu/, {}, FIND)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Sao lưu ngay' }));
    expect(await screen.findByText(/Đã sao lưu vào/, {}, FIND)).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'Các bản sao lưu' }, FIND);
    expect(within(table).getByText('Sao lưu tay')).toBeInTheDocument();
    expect(screen.getByText(/Lần sao lưu gần nhất/)).toHaveTextContent(/\(sao lưu tay\) — đã lưu vào sao-luu\/SoDeAn06_\d{8}-\d{6}_manual\.sdbak/);

    // a change after the backup, then the restore takes it back
    await addMember(2);
    expect(await services.db.members.count()).toBe(2);
    await user.click(within(table).getByRole('button', { name: /^Khôi phục bản/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Khôi phục từ bản sao lưu' }, FIND);
    expect(within(dialog).getByText('Công an xã Vĩnh Hiệp')).toBeInTheDocument();
    expect(within(dialog).getByText('Hội viên, danh sách hội: 1')).toBeInTheDocument();
    expect(within(dialog).getByText(/Nguyễn Văn Hùng/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Thay dữ liệu bằng bản này' }));
    expect(await screen.findByRole('dialog', { name: 'Khôi phục xong' }, FIND)).toHaveTextContent(/Ứng dụng cần mở lại/);
    expect(await services.db.members.count()).toBe(1);
    // the safety copy of the data before the restore is in the folder too
    expect(services.api.backups.map((b) => b.name.replace(/\d{8}-\d{6}/, 'T'))).toEqual(['SoDeAn06_T_manual.sdbak', 'SoDeAn06_T_safety.sdbak']);
  });

  it('asks for the passphrase of a backup made with another key, refuses a wrong one, then shows the file', async () => {
    const user = userEvent.setup();
    // another PC's backup, with its own key
    const other = testServices();
    const otherOfficer = await setUpUnit(other);
    await other.repos.backups.setVaultKey(await createVaultKey('mật khẩu máy cũ', FAST), otherOfficer.id, false);
    await other.backup.backup('manual', otherOfficer);
    const file = other.api.backups[0]!;
    services.api.openFile = async () => ok({ opened: true, name: file.name, data: file.data });

    renderSignedIn(<SettingsPage initialTab="backup" />, services, officer);
    await user.click(await screen.findByRole('button', { name: 'Khôi phục từ tệp sao lưu…' }, FIND));
    const ask = await screen.findByRole('dialog', { name: 'Nhập mật khẩu sao lưu' }, FIND);
    await user.type(within(ask).getByLabelText('Mật khẩu sao lưu'), 'sai rồi');
    await user.click(within(ask).getByRole('button', { name: 'Mở tệp' }));
    const again = await screen.findByRole('dialog', { name: 'Nhập mật khẩu sao lưu' }, FIND);
    expect(await within(again).findByRole('alert', {}, FIND)).toHaveTextContent(/Sai mật khẩu sao lưu/);
    await user.clear(within(again).getByLabelText('Mật khẩu sao lưu'));
    await user.type(within(again).getByLabelText('Mật khẩu sao lưu'), 'mật khẩu máy cũ');
    await user.click(within(again).getByRole('button', { name: 'Mở tệp' }));
    expect(await screen.findByRole('dialog', { name: 'Khôi phục từ bản sao lưu' }, FIND)).toHaveTextContent(/Cán bộ: 1/);
  });

  it('shows a foreign file’s message and changes nothing', async () => {
    const user = userEvent.setup();
    services.api.openFile = async () => ok({ opened: true, name: 'sao-luu-zalo.sdbak', data: new TextEncoder().encode('PK\u0003\u0004 not ours') });
    renderSignedIn(<SettingsPage initialTab="backup" />, services, officer);
    await user.click(await screen.findByRole('button', { name: 'Khôi phục từ tệp sao lưu…' }, FIND));
    const dialog = await screen.findByRole('dialog', { name: 'Không mở được tệp' }, FIND);
    expect(dialog).toHaveTextContent('Tệp này không phải bản sao lưu hay gói dữ liệu của Sổ Đề án 06.');
  });
});

describe('Cài đặt → Gói dữ liệu', () => {
  it('merges another PC’s package, lists it, and refuses it the second time', async () => {
    const user = userEvent.setup();
    const other = testServices();
    const otherOfficer = await setUpUnit(other);
    await other.repos.backups.setVaultKey(await createVaultKey('mật khẩu đơn vị', FAST), otherOfficer.id, false);
    for (let n = 10; n < 13; n++) {
      await other.repos.members.create(
        { listKey: 'elderly', memberKind: 'individual', idFlagged: false, fullName: `Phạm Văn Nam ${n}`, birthDate: '1948', sex: 'male', personalId: personalIdFor(1948, 'male', n), oldId: '', phone: '', hamletId: '', address: '', note: '' },
        otherOfficer.id,
      );
    }
    const exported = await other.backup.exportPackage({}, otherOfficer);
    expect(exported.ok).toBe(true);
    const file = other.api.saved.at(-1)!;
    services.api.openFile = async () => ok({ opened: true, name: file.name, data: file.bytes });

    renderSignedIn(<SettingsPage initialTab="packages" />, services, officer);
    const pick = async () => {
      await user.click(await screen.findByRole('button', { name: 'Chọn gói dữ liệu…' }, FIND));
      const ask = await screen.findByRole('dialog', { name: 'Nhập mật khẩu sao lưu' }, FIND);
      await user.type(within(ask).getByLabelText('Mật khẩu sao lưu'), 'mật khẩu đơn vị');
      await user.click(within(ask).getByRole('button', { name: 'Mở tệp' }));
      return screen.findByRole('dialog', { name: 'Nhập gói dữ liệu' }, FIND);
    };
    const preview = await pick();
    expect(preview).toHaveTextContent('Hội viên, danh sách hội: 3');
    await user.click(within(preview).getByRole('button', { name: 'Gộp vào dữ liệu máy này' }));
    const done = await screen.findByRole('dialog', { name: 'Đã gộp gói dữ liệu' }, FIND);
    expect(done).toHaveTextContent('3 hồ sơ mới, 0 cập nhật, 0 không đổi, 0 xung đột.');
    expect(done).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(await services.db.members.count()).toBe(3);
    const history = await screen.findByRole('table', { name: 'Các gói đã nhập' }, FIND);
    expect(within(history).getByText(file.name)).toBeInTheDocument();

    await user.click(within(await pick()).getByRole('button', { name: 'Gộp vào dữ liệu máy này' }));
    expect(await screen.findByRole('dialog', { name: 'Chưa gộp gói dữ liệu' }, FIND)).toHaveTextContent(/đã được nhập trước đây/);
    expect(await services.db.members.count()).toBe(3);
  });
});
