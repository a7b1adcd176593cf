import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setUpUnit, testServices } from '../../testing/fixtures';
import { renderSignedIn } from '../../testing/render';
import type { AppServices } from '../../context/services';
import type { Officer } from '../../../shared/domain/types';
import { SettingsPage } from './SettingsPage';

let services: AppServices;
let officer: Officer;

beforeEach(async () => {
  services = testServices();
  officer = await setUpUnit(services);
});

describe('settings', () => {
  it('saves the unit, refusing a cut-off day outside 1–28 with a message at the field', async () => {
    const user = userEvent.setup();
    renderSignedIn(<SettingsPage />, services, officer);
    const cutoff = await screen.findByRole('textbox', { name: /Ngày chốt số liệu/ });
    await user.clear(cutoff);
    await user.type(cutoff, '31');
    await user.click(screen.getByRole('button', { name: 'Lưu thông tin đơn vị' }));
    expect(cutoff).toHaveAccessibleDescription(/từ 1 đến 28/);
    expect((await services.repos.settings.getUnit())?.cutoffDay).toBe(20);

    await user.clear(cutoff);
    await user.type(cutoff, '25');
    await user.click(screen.getByRole('button', { name: 'Lưu thông tin đơn vị' }));
    await waitFor(async () => expect((await services.repos.settings.getUnit())?.cutoffDay).toBe(25));
  });

  it('adds, renames and hides a member list; a duplicate name is refused', async () => {
    const user = userEvent.setup();
    renderSignedIn(<SettingsPage />, services, officer);
    await user.click(await screen.findByRole('tab', { name: 'Danh sách hội' }));
    const newName = await screen.findByRole('textbox', { name: 'Tên danh sách mới' });
    await user.type(newName, 'Hội Khuyến học{Enter}');
    await waitFor(async () => expect((await services.repos.catalogue.memberLists()).map((l) => l.label)).toContain('Hội Khuyến học'));

    await user.type(newName, 'hội khuyến HỌC{Enter}');
    expect(await screen.findByText('"hội khuyến HỌC" đã có trong danh mục.')).toBeInTheDocument();

    const rename = screen.getByRole('textbox', { name: 'Tên danh sách: Hội Khuyến học' });
    await user.clear(rename);
    await user.type(rename, 'Hội Khuyến học xã{Enter}');
    const row = (await screen.findByDisplayValue('Hội Khuyến học xã')).closest('tr')!;
    await user.click(within(row).getByRole('button', { name: 'Ẩn' }));
    await waitFor(async () => {
      const list = (await services.repos.catalogue.memberLists()).find((l) => l.label === 'Hội Khuyến học xã');
      expect(list?.hidden).toBe(true);
    });
  });

  it('enters a target for a period; a later period without its own uses it and says so', async () => {
    const user = userEvent.setup();
    renderSignedIn(<SettingsPage />, services, officer);
    await user.click(await screen.findByRole('tab', { name: 'Tổng số (chỉ tiêu)' }));
    const period = await screen.findByRole('combobox', { name: 'Kỳ báo cáo' });
    // today is 22/11/2026 and the cut-off the 20th: the current period is "tháng 12/2026"
    expect(period).toHaveDisplayValue(/tháng 12\/2026 \(21\/11\/2026 – 20\/12\/2026\)/);
    await user.selectOptions(period, '2026-11-20');
    await user.type(screen.getByRole('textbox', { name: 'Tổng số Hội Người cao tuổi' }), '1.250{Enter}');
    await waitFor(async () =>
      expect((await services.repos.targets.all()).map((t) => [t.scope, t.value, t.periodFrom, t.periodTo])).toEqual([
        ['members:elderly', 1250, '2026-10-21', '2026-11-20'],
      ]),
    );

    await user.selectOptions(period, '2026-12-20');
    const row = (await screen.findByRole('textbox', { name: 'Tổng số Hội Người cao tuổi' })).closest('tr')!;
    expect(within(row).getByRole('textbox')).toHaveValue('1.250');
    expect(within(row).getByText('Theo số của kỳ tháng 11/2026')).toBeInTheDocument();

    await user.clear(within(row).getByRole('textbox'));
    await user.type(within(row).getByRole('textbox'), 'abc{Enter}');
    expect(await screen.findByText(/Tổng số là số nguyên không âm/)).toBeInTheDocument();
  });

  it('adds an officer only when both PINs match', async () => {
    const user = userEvent.setup();
    renderSignedIn(<SettingsPage />, services, officer);
    await user.click(await screen.findByRole('tab', { name: 'Cán bộ' }));
    await user.click(await screen.findByRole('button', { name: '+ Thêm cán bộ' }));
    const dialog = await screen.findByRole('dialog', { name: 'Thêm cán bộ' });
    await user.type(within(dialog).getByRole('textbox', { name: /Họ và tên cán bộ/ }), 'Trần Thị Mai');
    await user.type(within(dialog).getByRole('textbox', { name: /Cấp bậc, chức vụ/ }), 'Trung úy - Cán bộ');
    await user.type(within(dialog).getByLabelText(/Mã PIN đăng nhập/), '5678');
    await user.type(within(dialog).getByLabelText(/Nhập lại mã PIN/), '5679{Enter}');
    expect(await within(dialog).findByText('Hai lần nhập mã PIN không khớp.')).toBeInTheDocument();
    await user.clear(within(dialog).getByLabelText(/Nhập lại mã PIN/));
    await user.type(within(dialog).getByLabelText(/Nhập lại mã PIN/), '5678{Enter}');
    await waitFor(async () => expect((await services.repos.officers.list()).map((o) => o.fullName)).toContain('Trần Thị Mai'));
  }, 30_000);
});
