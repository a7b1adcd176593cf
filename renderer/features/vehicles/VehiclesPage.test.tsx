import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { personalIdFor, setUpUnit, testServices } from '../../testing/fixtures';
import { renderSignedIn } from '../../testing/render';
import type { AppServices } from '../../context/services';
import type { Officer, Vehicle } from '../../../shared/domain/types';
import { VehiclesPage } from './VehiclesPage';

let services: AppServices;
let officer: Officer;

beforeEach(async () => {
  services = testServices();
  officer = await setUpUnit(services);
});

type User = ReturnType<typeof userEvent.setup>;

const openForm = async (user: User) => {
  renderSignedIn(<VehiclesPage />, services, officer);
  await user.click(await screen.findByRole('button', { name: /Nhập tờ khai/ }));
  return screen.findByRole('dialog', { name: /Nhập tờ khai/ });
};

const textbox = (scope: HTMLElement, name: RegExp) => within(scope).getByRole('textbox', { name });
const vehicleRow = (dialog: HTMLElement, n: number) => within(dialog).getByRole('group', { name: `Phương tiện ${n}` });

const typeOwner = async (user: User, dialog: HTMLElement, fullName: string, serial: number) => {
  await user.type(textbox(dialog, /Họ và tên/), fullName);
  await user.type(textbox(dialog, /Ngày sinh/), '15/08/1980');
  await user.selectOptions(within(dialog).getByRole('combobox', { name: /Giới tính/ }), 'male');
  await user.type(textbox(dialog, /Số định danh/), personalIdFor(1980, 'male', serial));
};

const vehicle = (v: Partial<Vehicle>): Omit<Vehicle, 'id'> => ({
  kind: 'motorbike',
  plate: '',
  brand: '',
  model: '',
  colour: '',
  frameNo: '',
  engineNo: '',
  ...v,
});

const declare = async (fullName: string, serial: number, vehicles: Omit<Vehicle, 'id'>[]) => {
  const result = await services.repos.declarations.create(
    {
      fullName,
      birthDate: '1975',
      sex: 'female',
      personalId: personalIdFor(1975, 'female', serial),
      oldId: '',
      phone: '',
      hamletId: '',
      address: '',
      note: '',
      vehicles,
      idFlagged: false,
    },
    officer.id,
  );
  if (!result.ok) throw new Error(result.message);
  return result.value;
};

describe('declaration entry form', () => {
  it('saves an owner with a motorbike and a car, plates normalised and keyed', async () => {
    const user = userEvent.setup();
    const dialog = await openForm(user);
    await typeOwner(user, dialog, 'trần văn  bình', 1);

    const first = vehicleRow(dialog, 1);
    expect(within(first).getByRole('combobox', { name: /Loại/ })).toHaveValue('motorbike');
    await user.type(textbox(first, /Biển số/), '59x1 23456');
    await user.type(textbox(first, /Nhãn hiệu/), 'Honda');
    // leaving the plate shows it the way it is stored
    expect(textbox(first, /Biển số/)).toHaveValue('59-X1 234.56');

    // Alt+N adds a row and puts the cursor on its first field
    await user.keyboard('{Alt>}n{/Alt}');
    const second = vehicleRow(dialog, 2);
    await waitFor(() => expect(within(second).getByRole('combobox', { name: /Loại/ })).toHaveFocus());
    await user.selectOptions(within(second).getByRole('combobox', { name: /Loại/ }), 'car');
    await user.type(textbox(second, /Biển số/), '30a12345');
    await user.type(textbox(second, /Nhãn hiệu/), 'Toyota');
    await user.type(textbox(second, /Số loại/), 'Vios');
    await user.type(textbox(second, /Số khung/), 'rl4bt9f30k1234567');
    await user.keyboard('{Enter}');

    await waitFor(async () => expect(await services.repos.declarations.all()).toHaveLength(1));
    const [saved] = await services.repos.declarations.all();
    expect(saved).toMatchObject({ fullName: 'Trần Văn Bình', personalId: personalIdFor(1980, 'male', 1), createdBy: officer.id });
    expect(saved?.vehicles).toMatchObject([
      { kind: 'motorbike', plate: '59-X1 234.56', brand: 'Honda' },
      { kind: 'car', plate: '30A-123.45', brand: 'Toyota', model: 'Vios', frameNo: 'RL4BT9F30K1234567' },
    ]);
    expect(saved?.plateKeys).toEqual(['59X123456', '30A12345']);
    expect(saved?.frameKeys).toEqual(['RL4BT9F30K1234567']);

    // the next declaration starts at the name, with one empty vehicle row
    await waitFor(() => expect(textbox(dialog, /Họ và tên/)).toHaveValue(''));
    await waitFor(() => expect(textbox(dialog, /Họ và tên/)).toHaveFocus());
    expect(within(dialog).getAllByRole('group', { name: /^Phương tiện \d+$/ })).toHaveLength(1);
    expect(textbox(vehicleRow(dialog, 1), /Biển số/)).toHaveValue('');
  });

  it("shows a malformed plate's message at that vehicle's plate and saves nothing", async () => {
    const user = userEvent.setup();
    const dialog = await openForm(user);
    await typeOwner(user, dialog, 'Lê Văn Cường', 2);
    await user.type(textbox(vehicleRow(dialog, 1), /Biển số/), '59-X1 23');
    await user.tab();
    const plate = textbox(vehicleRow(dialog, 1), /Biển số/);
    await waitFor(() => expect(plate).toHaveAttribute('aria-invalid', 'true'));
    expect(plate).toHaveAccessibleDescription(/Biển số không đúng dạng/);

    await user.click(plate);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(plate).toHaveFocus());
    expect(await services.repos.declarations.all()).toHaveLength(0);
  });

  it("refuses a plate already in another owner's declaration, naming the owner and keeping the typed data", async () => {
    await declare('Phạm Thị Dung', 9, [vehicle({ plate: '59-X1 234.56' })]);
    const user = userEvent.setup();
    const dialog = await openForm(user);
    await typeOwner(user, dialog, 'Võ Văn Em', 3);
    const first = vehicleRow(dialog, 1);
    await user.type(textbox(first, /Nhãn hiệu/), 'Yamaha');
    await user.type(textbox(first, /Biển số/), '59X1-23456{Enter}');

    const alert = await within(dialog).findByText(/đã có trong tờ khai của Phạm Thị Dung/, { selector: '.vehicle-clash' });
    expect(alert).toHaveAttribute('role', 'alert');
    await waitFor(() => expect(textbox(first, /Biển số/)).toHaveAttribute('aria-invalid', 'true'));
    expect(textbox(first, /Biển số/)).toHaveAccessibleDescription(/Phạm Thị Dung/);
    expect(await services.repos.declarations.all()).toHaveLength(1);
    expect(textbox(dialog, /Họ và tên/)).toHaveValue('Võ Văn Em');
    expect(textbox(first, /Nhãn hiệu/)).toHaveValue('Yamaha');
    expect(textbox(first, /Biển số/)).toHaveValue('59X1-23456');
  });

  it('stores only the remaining vehicle after a row is removed with the keyboard', async () => {
    const user = userEvent.setup();
    const dialog = await openForm(user);
    await typeOwner(user, dialog, 'Đặng Văn Phúc', 4);
    await user.type(textbox(vehicleRow(dialog, 1), /Biển số/), '59-X1 111.11');
    await user.click(within(dialog).getByRole('button', { name: /Thêm phương tiện/ }));
    await user.type(textbox(vehicleRow(dialog, 2), /Biển số/), '59-X1 222.22');

    // from the last field of the first vehicle, Tab reaches its "Xóa" button
    await user.click(textbox(vehicleRow(dialog, 1), /Số máy/));
    await user.tab();
    expect(within(vehicleRow(dialog, 1)).getByRole('button', { name: 'Xóa phương tiện 1' })).toHaveFocus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(within(dialog).getAllByRole('group', { name: /^Phương tiện \d+$/ })).toHaveLength(1));
    expect(textbox(vehicleRow(dialog, 1), /Biển số/)).toHaveValue('59-X1 222.22');
    await waitFor(() => expect(within(vehicleRow(dialog, 1)).getByRole('combobox', { name: /Loại/ })).toHaveFocus());

    await user.click(within(dialog).getByRole('button', { name: /Lưu \(Enter\)/ }));
    await waitFor(async () => expect(await services.repos.declarations.all()).toHaveLength(1));
    const [saved] = await services.repos.declarations.all();
    expect(saved?.vehicles.map((v) => v.plate)).toEqual(['59-X1 222.22']);
    expect(saved?.plateKeys).toEqual(['59X122222']);
  });

  it("points to the owner's existing declaration without refusing the same owner", async () => {
    const existing = await declare('Phạm Thị Dung', 9, [vehicle({ plate: '59-X1 234.56' })]);
    const user = userEvent.setup();
    const dialog = await openForm(user);
    await user.type(textbox(dialog, /Số định danh/), existing.personalId);
    // pre-filled from the existing declaration, and a link to it
    await waitFor(() => expect(textbox(dialog, /Họ và tên/)).toHaveValue('Phạm Thị Dung'));
    expect(await within(dialog).findByRole('button', { name: /Mở tờ khai Phạm Thị Dung \(59-X1 234\.56\)/ })).toBeInTheDocument();
    await user.type(textbox(vehicleRow(dialog, 1), /Biển số/), '59-X1 999.99{Enter}');
    await waitFor(async () => expect(await services.repos.declarations.byOwner(existing.personalId)).toHaveLength(2));
  });
});

describe('declaration list', () => {
  it('finds a declaration by a plate fragment and counts its vehicles', async () => {
    await declare('Nguyễn Thị Hoa', 1, [vehicle({ plate: '59-X1 234.56' }), vehicle({ plate: '59-X1 888.88' })]);
    await declare('Trương Văn Khải', 2, [vehicle({ kind: 'car', plate: '30A-123.45' })]);
    const user = userEvent.setup();
    renderSignedIn(<VehiclesPage />, services, officer);
    expect(await screen.findByText(/Tổng cộng:/)).toHaveTextContent('Tổng cộng: 2 hồ sơ');
    const card = () => screen.getByText('Phương tiện', { selector: '.card-label' }).closest('.summary-card');
    expect(card()).toHaveTextContent('Phương tiện3trong 2 tờ khai');

    await user.type(screen.getByRole('searchbox', { name: 'Tìm kiếm' }), 'x1 888');
    await waitFor(() => expect(screen.getByText(/Kết quả lọc:/)).toHaveTextContent('Kết quả lọc: 1 hồ sơ'));
    expect(card()).toHaveTextContent('Phương tiện2trong 1 tờ khai');

    await user.clear(screen.getByRole('searchbox', { name: 'Tìm kiếm' }));
    await user.type(screen.getByRole('searchbox', { name: 'Tìm kiếm' }), '30A-123');
    await waitFor(() => expect(screen.getByText(/Kết quả lọc:/)).toHaveTextContent('Kết quả lọc: 1 hồ sơ'));
    expect(card()).toHaveTextContent('Phương tiện1trong 1 tờ khai');
  });
});
