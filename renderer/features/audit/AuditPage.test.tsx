import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { personalIdFor, setUpUnit, testServices } from '../../testing/fixtures';
import { renderSignedIn } from '../../testing/render';
import type { AppServices } from '../../context/services';
import type { Officer } from '../../../shared/domain/types';
import { AuditPage } from './AuditPage';

let services: AppServices;
let officer: Officer;

beforeEach(async () => {
  services = testServices();
  officer = await setUpUnit(services);
});

describe('audit log', () => {
  it('lists who did what, newest first, filters it, and offers nothing to edit', async () => {
    expect((await services.repos.officers.verify(officer.id, '1234')).ok).toBe(true);
    const created = await services.repos.members.create(
      { listKey: 'elderly', memberKind: 'individual', idFlagged: false, fullName: 'Nguyễn Văn An', birthDate: '1950', sex: 'male', personalId: personalIdFor(1950, 'male', 1), oldId: '', phone: '', hamletId: '', address: '', note: '' },
      officer.id,
    );
    if (!created.ok) throw new Error(created.message);
    const { listKey: _l, ...input } = created.value;
    await services.repos.members.update(created.value.id, { ...input, phone: '0912345678' }, officer.id);
    await services.repos.members.remove(created.value.id, officer.id);

    const user = userEvent.setup();
    renderSignedIn(<AuditPage />, services, officer);
    const table = await screen.findByRole('table', { name: 'Nhật ký thao tác' });
    await waitFor(() => expect(within(table).getAllByRole('row').length).toBeGreaterThan(4));
    const rows = within(table).getAllByRole('row').slice(1);
    // newest first: the deletion, the edit (with its field), the creation, the sign-in…
    expect(rows[0]).toHaveTextContent(/Xóa.*Hội viên.*Nguyễn Văn An/);
    expect(rows[1]).toHaveTextContent(/Sửa.*Số điện thoại: → 0912345678/);
    expect(rows[2]).toHaveTextContent(/Tạo mới.*Hội viên/);
    expect(within(table).getByText('Đăng nhập')).toBeInTheDocument();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Thao tác' }), 'delete');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
    expect(screen.queryAllByRole('button', { name: /sửa|xóa|khôi phục/i })).toHaveLength(0);

    // a day before anything happened shows nothing
    await user.type(screen.getByRole('textbox', { name: 'Đến ngày' }), '21/11/2026');
    expect(await screen.findByText('Không có thao tác nào phù hợp.')).toBeInTheDocument();
  });
});
