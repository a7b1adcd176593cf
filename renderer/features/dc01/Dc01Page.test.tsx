import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { personalIdFor, setUpUnit, testServices } from '../../testing/fixtures';
import { renderSignedIn } from '../../testing/render';
import type { AppServices } from '../../context/services';
import type { Dc01Input } from '../../db/repositories/dc01-repo';
import type { Dc01Case, Officer } from '../../../shared/domain/types';
import { Dc01Page } from './Dc01Page';

let services: AppServices;
let officer: Officer;

// jsdom lays nothing out: give the grid a screen's height so its virtual rows render.
const clientSize = ['clientHeight', 'clientWidth'] as const;
beforeAll(() => {
  for (const k of clientSize) {
    Object.defineProperty(HTMLElement.prototype, k, {
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains('grid-scroll') ? (k === 'clientHeight' ? 600 : 1200) : 0;
      },
    });
  }
});
afterAll(() => {
  // the stubs shadow jsdom's getters on Element.prototype; removing them restores those
  for (const k of clientSize) delete (HTMLElement.prototype as unknown as Record<string, unknown>)[k];
});

beforeEach(async () => {
  services = testServices();
  officer = await setUpUnit(services);
});

const add = async (fullName: string, serial: number, over: Partial<Dc01Input> = {}): Promise<Dc01Case> => {
  const r = await services.repos.dc01.create(
    {
      categoryKey: 'missing_cmnd',
      householdNo: '',
      receivedDate: '2026-11-01',
      source: 'Công an tỉnh giao ngày 01/11/2026',
      assigneeId: officer.id,
      idFlagged: false,
      fullName,
      birthDate: '1950',
      sex: 'male',
      personalId: personalIdFor(1950, 'male', serial),
      oldId: '',
      phone: '',
      hamletId: '',
      address: '',
      note: '',
      ...over,
    },
    officer.id,
  );
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

const done = async (c: Dc01Case, outcomeKey: string) => {
  const r = await services.repos.dc01.setState([c.id], { state: 'done', outcomeKey, date: '2026-11-20' }, officer.id);
  if (!r.ok) throw new Error(r.message);
};

/** The names in the grid, top to bottom. */
const namesInGrid = () =>
  within(screen.getByRole('grid'))
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('gridcell')[2]?.textContent);

/** A figure card: its label, then its value. */
const card = (label: RegExp) => screen.getByRole('button', { name: label });

const renderPage = (categoryKey = 'missing_cmnd') => renderSignedIn(<Dc01Page categoryKey={categoryKey} />, services, officer);

describe('DC01 worklist', () => {
  it('shows pending cases first, oldest received first, and counts by state and outcome', async () => {
    await add('Nguyễn Văn An', 1, { receivedDate: '2026-11-05' });
    const b = await add('Trần Văn Bình', 2, { receivedDate: '2026-10-01' });
    await add('Lê Văn Cường', 3, { receivedDate: '2026-11-03' });
    const d = await add('Phạm Văn Dũng', 4, { receivedDate: '2026-10-02' });
    await done(b, 'updated');
    await done(d, 'no_cmnd');
    renderPage();

    expect(await screen.findByRole('heading', { name: 'Thiếu CMND 9 số' })).toBeInTheDocument();
    await waitFor(() => expect(namesInGrid()).toEqual(['Lê Văn Cường', 'Nguyễn Văn An', 'Trần Văn Bình', 'Phạm Văn Dũng']));
    expect(card(/^Tổng số trường hợp/)).toHaveTextContent('Tổng số trường hợp4');
    expect(card(/^Chưa xử lý/)).toHaveTextContent('Chưa xử lý2');
    expect(card(/^Đang rà soát/)).toHaveTextContent('0');
    expect(card(/^Đã xử lý/)).toHaveTextContent('Đã xử lý2');
    expect(card(/^Đã cập nhật bổ sung/)).toHaveTextContent('Đã cập nhật bổ sung1');
    expect(card(/^Không có CMND 9 số/)).toHaveTextContent('Không có CMND 9 số1');
    expect(screen.getByText('Tỷ lệ hoàn thành').parentElement).toHaveTextContent('50%');

    // the outcome card filters the list to the cases with that outcome
    const user = userEvent.setup();
    await user.click(card(/^Không có CMND 9 số/));
    await waitFor(() => expect(namesInGrid()).toEqual(['Phạm Văn Dũng']));
    expect(screen.getByText(/Kết quả lọc:/)).toHaveTextContent('Kết quả lọc: 1 trường hợp');
  });

  it('sets "done" with an outcome on a selection: state, outcome and history for each, and the counts follow', async () => {
    const a = await add('Nguyễn Văn An', 1, { receivedDate: '2026-11-05' });
    const b = await add('Trần Văn Bình', 2, { receivedDate: '2026-11-01' });
    const c = await add('Lê Văn Cường', 3, { receivedDate: '2026-11-02' });
    const user = userEvent.setup();
    renderPage();
    await waitFor(() => expect(namesInGrid()).toHaveLength(3));

    await user.click(screen.getByRole('checkbox', { name: 'Chọn Nguyễn Văn An' }));
    await user.click(screen.getByRole('checkbox', { name: 'Chọn Trần Văn Bình' }));
    await user.click(screen.getByRole('button', { name: 'Cập nhật kết quả…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cập nhật kết quả cho 2 trường hợp' });
    expect(within(dialog).getByRole('radio', { name: 'Đã xử lý' })).toBeChecked();
    // "done" needs an outcome
    await user.click(within(dialog).getByRole('button', { name: 'Áp dụng' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Chọn kết quả xử lý.');

    await user.click(within(dialog).getByRole('radio', { name: 'Không có CMND 9 số' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Ghi chú' }), 'Đã xác minh tại nhà');
    const date = within(dialog).getByRole('textbox', { name: /Ngày cập nhật/ });
    expect(date).toHaveValue('22/11/2026');
    await user.clear(date);
    await user.type(date, '21/11/2026{Enter}');

    expect(await screen.findByText('Đã cập nhật 2 trường hợp.')).toBeInTheDocument();
    for (const id of [a.id, b.id]) {
      const stored = await services.repos.dc01.get(id);
      expect(stored).toMatchObject({ state: 'done', outcomeKey: 'no_cmnd', stateDate: '2026-11-21' });
      expect(stored?.stateLog.map((e) => [e.state, e.outcomeKey, e.date, e.note, e.by])).toEqual([
        ['pending', undefined, stored?.receivedDate, undefined, officer.id],
        ['done', 'no_cmnd', '2026-11-21', 'Đã xác minh tại nhà', officer.id],
      ]);
    }
    expect((await services.repos.dc01.get(c.id))?.state).toBe('pending');
    await waitFor(() => expect(card(/^Chưa xử lý/)).toHaveTextContent('Chưa xử lý1'));
    expect(card(/^Đã xử lý/)).toHaveTextContent('Đã xử lý2');
    expect(card(/^Không có CMND 9 số/)).toHaveTextContent('Không có CMND 9 số2');
    expect(screen.getByText('Tỷ lệ hoàn thành').parentElement).toHaveTextContent('66,67%');
    // what is left to do comes first
    expect(namesInGrid()).toEqual(['Lê Văn Cường', 'Trần Văn Bình', 'Nguyễn Văn An']);
  });

  it('refuses "done" in the wrong-ID category without the CCCD answer, and changes nothing', async () => {
    const a = await add('Nguyễn Văn An', 1, { categoryKey: 'invalid_id' });
    const user = userEvent.setup();
    renderPage('invalid_id');
    await waitFor(() => expect(namesInGrid()).toHaveLength(1));

    await user.click(screen.getByRole('checkbox', { name: 'Chọn Nguyễn Văn An' }));
    await user.click(screen.getByRole('button', { name: 'Cập nhật kết quả…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cập nhật kết quả' });
    // the only outcome is chosen already; the CCCD question is not
    expect(within(dialog).getByRole('radio', { name: 'Đã tạo yêu cầu hủy, xác lập lại số' })).toBeChecked();
    expect(within(dialog).getByRole('group', { name: 'Công dân đã có thẻ CCCD chưa?' })).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Áp dụng' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Ghi rõ công dân đã có thẻ CCCD hay chưa.');
    const unchanged = await services.repos.dc01.get(a.id);
    expect(unchanged).toMatchObject({ state: 'pending' });
    expect(unchanged?.stateLog).toHaveLength(1);
    expect(unchanged?.hasCccd).toBeUndefined();

    await user.click(within(dialog).getByRole('radio', { name: 'Chưa có thẻ CCCD' }));
    await user.click(within(dialog).getByRole('button', { name: 'Áp dụng' }));
    await waitFor(async () => expect(await services.repos.dc01.get(a.id)).toMatchObject({ state: 'done', outcomeKey: 'cancel_requested', hasCccd: false }));
    await waitFor(() => expect(namesInGrid()).toHaveLength(1));
    expect(within(screen.getByRole('grid')).getByText('Đã tạo yêu cầu hủy, xác lập lại số — chưa có thẻ CCCD')).toBeInTheDocument();
  });

  it('enters a case with its received date, source and officer in charge, and refuses the same ID twice in the category', async () => {
    const second = await services.repos.officers.add({ fullName: 'Trần Thị Mai', title: 'Trung úy - Cán bộ', pin: '5678' }, officer.id);
    if (!second.ok) throw new Error(second.message);
    const user = userEvent.setup();
    renderPage();
    await screen.findByRole('heading', { name: 'Thiếu CMND 9 số' });
    await user.keyboard('{F2}');
    const dialog = await screen.findByRole('dialog', { name: 'Nhập trường hợp — Thiếu CMND 9 số' });
    const box = (name: RegExp) => within(dialog).getByRole('textbox', { name });
    expect(box(/Ngày tiếp nhận/)).toHaveValue('22/11/2026');
    expect(within(dialog).getByRole('combobox', { name: 'Cán bộ phụ trách' })).toHaveValue(officer.id);

    const id = personalIdFor(1962, 'female', 77);
    // neither birth date nor sex: cases arrive as the upper level lists them
    await user.type(box(/Họ và tên/), 'võ thị hoa');
    await user.type(box(/Số định danh/), id);
    await user.clear(box(/Ngày tiếp nhận/));
    await user.type(box(/Ngày tiếp nhận/), '23/11/2026');
    await user.type(box(/Nguồn/), 'Công an tỉnh giao ngày 15/11/2026');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Cán bộ phụ trách' }), second.value.id);
    await user.keyboard('{Enter}');
    // the received date cannot be in the future
    await waitFor(() => expect(box(/Ngày tiếp nhận/)).toHaveAccessibleDescription('Ngày tiếp nhận không được ở tương lai.'));
    expect(await services.repos.dc01.byCategory('missing_cmnd')).toHaveLength(0);

    await user.clear(box(/Ngày tiếp nhận/));
    await user.type(box(/Ngày tiếp nhận/), '15/11/2026{Enter}');
    await waitFor(async () => expect(await services.repos.dc01.byCategory('missing_cmnd')).toHaveLength(1));
    const [saved] = await services.repos.dc01.byCategory('missing_cmnd');
    expect(saved).toMatchObject({
      categoryKey: 'missing_cmnd',
      fullName: 'Võ Thị Hoa',
      birthDate: '',
      sex: '',
      personalId: id,
      receivedDate: '2026-11-15',
      source: 'Công an tỉnh giao ngày 15/11/2026',
      assigneeId: second.value.id,
      state: 'pending',
      stateDate: '2026-11-15',
      createdBy: officer.id,
    });

    // the next entry keeps the received date, the source and the officer in charge
    await waitFor(() => expect(box(/Họ và tên/)).toHaveValue(''));
    await waitFor(() => expect(box(/Họ và tên/)).toHaveFocus());
    expect(box(/Ngày tiếp nhận/)).toHaveValue('15/11/2026');
    expect(box(/Nguồn/)).toHaveValue('Công an tỉnh giao ngày 15/11/2026');
    expect(within(dialog).getByRole('combobox', { name: 'Cán bộ phụ trách' })).toHaveValue(second.value.id);

    await user.type(box(/Họ và tên/), 'Võ Thị Hoa B');
    await user.type(box(/Số định danh/), id);
    expect(await within(dialog).findByText(/Không thể lưu trùng: số định danh này đã có trong loại làm sạch này/)).toBeInTheDocument();
    await user.keyboard('{Enter}');
    expect(await services.repos.dc01.byCategory('missing_cmnd')).toHaveLength(1);
    await user.click(within(dialog).getByRole('button', { name: 'Mở hồ sơ Võ Thị Hoa' }));
    expect(await screen.findByRole('dialog', { name: 'Trường hợp: Võ Thị Hoa' })).toBeInTheDocument();
  });

  it('walks from case to case in the detail with PageDown and PageUp', async () => {
    await add('Nguyễn Văn An', 1, { receivedDate: '2026-11-05' });
    await add('Trần Văn Bình', 2, { receivedDate: '2026-11-01' });
    await add('Lê Văn Cường', 3, { receivedDate: '2026-11-03' });
    const user = userEvent.setup();
    renderPage();
    await waitFor(() => expect(namesInGrid()).toEqual(['Trần Văn Bình', 'Lê Văn Cường', 'Nguyễn Văn An']));

    await user.dblClick(within(screen.getByRole('grid')).getByText('Trần Văn Bình'));
    const first = await screen.findByRole('dialog', { name: 'Trường hợp: Trần Văn Bình' });
    expect(within(first).getByText('Trường hợp 1/3 · PageDown / PageUp')).toBeInTheDocument();
    expect(within(first).getByRole('button', { name: '‹ Trước' })).toBeDisabled();
    await waitFor(() => expect(within(first).getByRole('button', { name: 'Cập nhật kết quả' })).toHaveFocus());

    await user.keyboard('{PageDown}');
    expect(await screen.findByRole('dialog', { name: 'Trường hợp: Lê Văn Cường' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Trường hợp tiếp theo ›' }));
    const last = await screen.findByRole('dialog', { name: 'Trường hợp: Nguyễn Văn An' });
    expect(within(last).getByRole('button', { name: 'Trường hợp tiếp theo ›' })).toBeDisabled();
    await user.keyboard('{PageDown}');
    expect(screen.getByRole('dialog', { name: 'Trường hợp: Nguyễn Văn An' })).toBeInTheDocument();
    await user.keyboard('{PageUp}');
    expect(await screen.findByRole('dialog', { name: 'Trường hợp: Lê Văn Cường' })).toBeInTheDocument();

    // marking a case done from the detail comes back to it, and the walk goes on in the same order
    await user.keyboard('{Enter}');
    const stateDialog = await screen.findByRole('dialog', { name: 'Cập nhật kết quả' });
    expect(within(stateDialog).getByRole('radio', { name: 'Đang rà soát, xác minh' })).toBeChecked();
    await user.keyboard('{Enter}');
    const back = await screen.findByRole('dialog', { name: 'Trường hợp: Lê Văn Cường' });
    await waitFor(() => expect(within(back).getByText(/Đang rà soát, xác minh — ngày 22\/11\/2026/, { selector: '.history-text' })).toBeInTheDocument());
    await user.keyboard('{PageDown}');
    expect(await screen.findByRole('dialog', { name: 'Trường hợp: Nguyễn Văn An' })).toBeInTheDocument();
  });
});
