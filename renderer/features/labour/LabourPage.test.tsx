import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { personalIdFor, setUpUnit, testServices } from '../../testing/fixtures';
import { renderSignedIn } from '../../testing/render';
import type { AppServices } from '../../context/services';
import type { Officer } from '../../../shared/domain/types';
import { EMPTY_LABOUR_DRAFT, checkLabour } from '../../../shared/domain/labour';
import { LabourPage } from './LabourPage';

let services: AppServices;
let officer: Officer;

beforeEach(async () => {
  services = testServices();
  officer = await setUpUnit(services);
});

afterEach(() => {
  vi.restoreAllMocks();
});

type User = ReturnType<typeof userEvent.setup>;

const openForm = async (user: User) => {
  renderSignedIn(<LabourPage />, services, officer);
  await user.click(await screen.findByRole('button', { name: /Nhập phiếu lao động/ }));
  return screen.findByRole('dialog', { name: /Nhập phiếu thông tin người lao động/ });
};

const textbox = (dialog: HTMLElement, name: RegExp) => within(dialog).getByRole('textbox', { name });
const combobox = (dialog: HTMLElement, name: RegExp) => within(dialog).getByRole('combobox', { name });

const typeIdentity = async (user: User, dialog: HTMLElement, fullName: string, serial: number) => {
  await user.type(textbox(dialog, /Họ và tên/), fullName);
  await user.type(textbox(dialog, /Ngày sinh/), '12/03/1990');
  await user.selectOptions(combobox(dialog, /Giới tính/), 'male');
  await user.type(textbox(dialog, /Số định danh/), personalIdFor(1990, 'male', serial));
};

/** A stored record as the form would store it: an employed man born 1990. */
const addRecord = async (fullName: string, serial: number) => {
  const checked = checkLabour(
    {
      ...EMPTY_LABOUR_DRAFT,
      fullName,
      birthDate: '1990',
      sex: 'male',
      personalId: personalIdFor(1990, 'male', serial),
      economicStatus: 'employed',
      employmentPosition: 'employee',
      job: 'Công nhân may',
      hasLabourContract: 'yes',
    },
    { today: '2026-11-22' },
  );
  expect(checked.errors).toEqual({});
  const result = await services.repos.labour.create({ ...checked.value, idFlagged: false }, officer.id);
  if (!result.ok) throw new Error(result.message);
  return result.value;
};

describe('labour entry form', () => {
  it('shows only the questions of the chosen economic status and stores only those', async () => {
    const user = userEvent.setup();
    const dialog = await openForm(user);
    await typeIdentity(user, dialog, 'Trần Văn Bình', 1);
    expect(within(dialog).queryByRole('combobox', { name: /Vị thế việc làm/ })).not.toBeInTheDocument();

    await user.click(within(dialog).getByRole('radio', { name: 'Có việc làm' }));
    expect(combobox(dialog, /Vị thế việc làm/)).toBeInTheDocument();
    expect(textbox(dialog, /Công việc cụ thể/)).toBeInTheDocument();
    expect(combobox(dialog, /Có hợp đồng lao động/)).toBeInTheDocument();
    expect(combobox(dialog, /Tham gia BHXH/)).toBeInTheDocument();
    expect(textbox(dialog, /Tên nơi làm việc/)).toBeInTheDocument();
    expect(combobox(dialog, /Loại hình nơi làm việc/)).toBeInTheDocument();
    expect(textbox(dialog, /Địa chỉ nơi làm việc/)).toBeInTheDocument();
    expect(within(dialog).queryByRole('combobox', { name: /Thời gian thất nghiệp/ })).not.toBeInTheDocument();
    await user.selectOptions(combobox(dialog, /Vị thế việc làm/), 'employee');
    await user.type(textbox(dialog, /Công việc cụ thể/), 'Thợ hàn');
    await user.selectOptions(combobox(dialog, /Có hợp đồng lao động/), 'yes');

    await user.click(within(dialog).getByRole('radio', { name: 'Thất nghiệp' }));
    expect(within(dialog).queryByRole('combobox', { name: /Vị thế việc làm/ })).not.toBeInTheDocument();
    expect(within(dialog).queryByRole('textbox', { name: /Công việc cụ thể/ })).not.toBeInTheDocument();
    expect(within(dialog).queryByRole('combobox', { name: /Có hợp đồng lao động/ })).not.toBeInTheDocument();
    await user.selectOptions(combobox(dialog, /Thời gian thất nghiệp/), 'from_3_to_12_months');
    await user.click(within(dialog).getByRole('button', { name: /Lưu \(Enter\)/ }));

    await waitFor(async () => expect(await services.repos.labour.all()).toHaveLength(1));
    const [saved] = await services.repos.labour.all();
    expect(saved).toMatchObject({ fullName: 'Trần Văn Bình', economicStatus: 'unemployed', unemploymentDuration: 'from_3_to_12_months', ethnicity: 'kinh' });
    for (const gone of ['employmentPosition', 'job', 'hasLabourContract', 'hasSocialInsurance', 'workplaceName', 'workplaceType', 'workplaceAddress', 'inactiveReason']) {
      expect(saved).not.toHaveProperty(gone);
    }
  });

  it('refuses a person under 15 with the message at the birth date', async () => {
    const user = userEvent.setup();
    const dialog = await openForm(user);
    await user.type(textbox(dialog, /Họ và tên/), 'Nguyễn Văn Nhỏ');
    await user.type(textbox(dialog, /Ngày sinh/), '01/01/2015');
    await user.selectOptions(combobox(dialog, /Giới tính/), 'male');
    await user.type(textbox(dialog, /Số định danh/), personalIdFor(2015, 'male', 3));
    await user.click(within(dialog).getByRole('radio', { name: 'Không tham gia hoạt động kinh tế' }));
    await user.selectOptions(combobox(dialog, /Lý do không tham gia/), 'studying');
    await user.type(textbox(dialog, /Ghi chú/), '{Enter}');

    const birth = textbox(dialog, /Ngày sinh/);
    await waitFor(() => expect(birth).toHaveAttribute('aria-invalid', 'true'));
    expect(birth).toHaveAccessibleDescription(/chỉ dành cho người từ đủ 15 tuổi trở lên/);
    expect(await services.repos.labour.all()).toHaveLength(0);
  });

  it('asks for the economic status at the field before saving', async () => {
    const user = userEvent.setup();
    const dialog = await openForm(user);
    await typeIdentity(user, dialog, 'Lê Văn Cường', 4);
    await user.keyboard('{Enter}');
    const employed = within(dialog).getByRole('radio', { name: 'Có việc làm' });
    await waitFor(() => expect(employed).toHaveAttribute('aria-invalid', 'true'));
    expect(employed).toHaveAccessibleDescription('Chọn tình trạng hoạt động kinh tế.');
    expect(await services.repos.labour.all()).toHaveLength(0);
  });

  it('refuses the same personal ID twice and links to the existing record', async () => {
    const existing = await addRecord('Phạm Văn Dũng', 7);
    const user = userEvent.setup();
    const dialog = await openForm(user);
    await user.type(textbox(dialog, /Số định danh/), existing.personalId);
    const link = await within(dialog).findByRole('button', { name: /Mở hồ sơ Phạm Văn Dũng/ });
    expect(textbox(dialog, /Số định danh/)).toHaveAccessibleDescription(/đã có trong thông tin lao động/);

    // Saving anyway does nothing.
    await user.click(within(dialog).getByRole('radio', { name: 'Thất nghiệp' }));
    await user.selectOptions(combobox(dialog, /Thời gian thất nghiệp/), 'under_3_months');
    await user.click(within(dialog).getByRole('button', { name: /Lưu \(Enter\)/ }));
    expect(await services.repos.labour.all()).toHaveLength(1);

    await user.click(link);
    expect(await screen.findByRole('dialog', { name: /Hồ sơ: Phạm Văn Dũng/ })).toBeInTheDocument();
    expect(await services.repos.labour.all()).toHaveLength(1);
  });

  it('saves with Enter and is ready for the next person, keeping hamlet, ethnicity and addresses', async () => {
    const user = userEvent.setup();
    const dialog = await openForm(user);
    const hamlets = await services.repos.catalogue.hamlets();
    await typeIdentity(user, dialog, 'nguyễn  văn an', 11);
    await user.selectOptions(combobox(dialog, /Thôn/), hamlets[1]!.id);
    await user.type(textbox(dialog, /Số sổ BHXH/), '5612345678');
    await user.type(textbox(dialog, /Nơi thường trú/), 'Thôn Tân Lập, xã Vĩnh Hiệp');
    await user.type(textbox(dialog, /Nơi ở hiện tại/), 'Thôn Tân Lập, xã Vĩnh Hiệp');
    await user.selectOptions(combobox(dialog, /Dân tộc/), 'tay');
    await user.selectOptions(combobox(dialog, /Trình độ chuyên môn kỹ thuật/), 'college');
    await user.type(textbox(dialog, /Chuyên ngành đào tạo/), 'Kế toán');
    await user.click(within(dialog).getByRole('radio', { name: 'Có việc làm' }));
    await user.selectOptions(combobox(dialog, /Vị thế việc làm/), 'own_account');
    await user.type(textbox(dialog, /Công việc cụ thể/), 'Bán tạp hóa{Enter}');

    await waitFor(async () => expect(await services.repos.labour.all()).toHaveLength(1));
    const [saved] = await services.repos.labour.all();
    expect(saved).toMatchObject({
      fullName: 'Nguyễn Văn An',
      birthDate: '1990-03-12',
      hamletId: hamlets[1]!.id,
      socialInsuranceNo: '5612345678',
      ethnicity: 'tay',
      technicalQualification: 'college',
      fieldOfTraining: 'Kế toán',
      economicStatus: 'employed',
      employmentPosition: 'own_account',
      job: 'Bán tạp hóa',
      status: 'received',
      createdBy: officer.id,
    });
    expect(saved).not.toHaveProperty('hasLabourContract');

    await waitFor(() => expect(textbox(dialog, /Họ và tên/)).toHaveValue(''));
    await waitFor(() => expect(textbox(dialog, /Họ và tên/)).toHaveFocus());
    expect(textbox(dialog, /Số định danh/)).toHaveValue('');
    expect(within(dialog).queryByRole('combobox', { name: /Vị thế việc làm/ })).not.toBeInTheDocument();
    expect(within(dialog).getByRole('radio', { name: 'Có việc làm' })).not.toBeChecked();
    expect(combobox(dialog, /Thôn/)).toHaveValue(hamlets[1]!.id);
    expect(combobox(dialog, /Dân tộc/)).toHaveValue('tay');
    expect(textbox(dialog, /Nơi thường trú/)).toHaveValue('Thôn Tân Lập, xã Vĩnh Hiệp');
    expect(within(dialog).getByText(/Đã lưu 1 người/)).toBeInTheDocument();
    expect(await services.repos.settings.getLastHamletId()).toBe(hamlets[1]!.id);
  });

  it('fills the identity and the permanent address from a chip-card QR', async () => {
    const user = userEvent.setup();
    const dialog = await openForm(user);
    const id = personalIdFor(1985, 'female', 321);
    await user.type(textbox(dialog, /Họ và tên/), `${id}|225123456|Đỗ Thị Hoa|05061985|Nữ|Thôn Phú Bình, Vĩnh Hiệp, Khánh Hòa|10082021{Enter}`);
    await waitFor(() => expect(textbox(dialog, /Họ và tên/)).toHaveValue('Đỗ Thị Hoa'));
    expect(textbox(dialog, /Số định danh/)).toHaveValue(id);
    expect(textbox(dialog, /Ngày sinh/)).toHaveValue('05/06/1985');
    expect(combobox(dialog, /Giới tính/)).toHaveValue('female');
    expect(textbox(dialog, /Nơi thường trú/)).toHaveValue('Thôn Phú Bình, Vĩnh Hiệp, Khánh Hòa');
    expect(await services.repos.labour.all()).toHaveLength(0);
  });
});

describe('labour list', () => {
  it('shows the record and stores a status change made from the detail, with its history', async () => {
    // jsdom has no layout: give the virtual table a viewport so it renders its rows.
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(1200);
    const saved = await addRecord('Hoàng Văn Em', 21);
    const user = userEvent.setup();
    renderSignedIn(<LabourPage />, services, officer);
    expect(await screen.findByText(/Tổng cộng:/)).toHaveTextContent('Tổng cộng: 1 hồ sơ');
    const grid = screen.getByRole('grid', { name: /Thông tin người lao động/ });
    const row = await within(grid).findByRole('row', { name: /Hoàng Văn Em/ });
    expect(row).toHaveTextContent('Có việc làm');

    await user.dblClick(within(row).getByText('Hoàng Văn Em'));
    const detail = await screen.findByRole('dialog', { name: 'Hồ sơ: Hoàng Văn Em' });
    expect(detail).toHaveTextContent(/Tình trạng hoạt động kinh tếCó việc làm/);
    expect(detail).toHaveTextContent(/Vị thế việc làmLàm công ăn lương/);
    expect(detail).toHaveTextContent(/Có hợp đồng lao độngCó/);
    expect(detail).not.toHaveTextContent(/Thời gian thất nghiệp/);

    await user.click(within(detail).getByRole('button', { name: 'Cập nhật trạng thái' }));
    const status = await screen.findByRole('dialog', { name: 'Cập nhật trạng thái' });
    expect(within(status).getByRole('radio', { name: 'Đã nhập, chờ duyệt' })).toBeChecked();
    await user.click(within(status).getByRole('button', { name: 'Áp dụng' }));

    await waitFor(async () => expect((await services.repos.labour.get(saved.id))?.status).toBe('entered'));
    const stored = await services.repos.labour.get(saved.id);
    expect(stored?.statusLog.map((e) => e.status)).toEqual(['received', 'entered']);
    expect(stored?.statusLog[1]).toMatchObject({ date: '2026-11-22', by: officer.id });

    const back = await screen.findByRole('dialog', { name: 'Hồ sơ: Hoàng Văn Em' });
    const history = within(back).getByRole('region', { name: 'Lịch sử' });
    await waitFor(() => expect(history).toHaveTextContent('Đã nhập, chờ duyệt — ngày 22/11/2026'));
    expect(history).toHaveTextContent('Đã tiếp nhận hồ sơ — ngày 22/11/2026');
  });
});
