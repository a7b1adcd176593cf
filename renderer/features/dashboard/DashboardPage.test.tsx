import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { personalIdFor, setUpUnit, testServices } from '../../testing/fixtures';
import { renderSignedIn } from '../../testing/render';
import type { AppServices } from '../../context/services';
import type { Officer } from '../../../shared/domain/types';
import { DashboardPage } from './DashboardPage';

let services: AppServices;
let officer: Officer;

beforeEach(async () => {
  services = testServices();
  officer = await setUpUnit(services);
});

const member = async (fullName: string, serial: number, hamletId = '') => {
  const r = await services.repos.members.create(
    { listKey: 'elderly', memberKind: 'individual', idFlagged: false, fullName, birthDate: '1950', sex: 'male', personalId: personalIdFor(1950, 'male', serial), oldId: '', phone: '', hamletId, address: '', note: '' },
    officer.id,
  );
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

const cells = (row: HTMLElement) => within(row).getAllByRole('cell').map((c) => c.textContent);

describe('dashboard', () => {
  it('shows each list as of the period end, with the target and rate, and follows new work', async () => {
    const [hamlet] = await services.repos.catalogue.hamlets();
    const a = await member('Nguyễn Văn An', 1, hamlet!.id);
    await member('Trần Văn Bình', 2);
    await member('Lê Văn Cường', 3);
    await services.repos.members.setStatus([a.id], { status: 'entered', date: '2026-11-22' }, officer.id);
    await services.repos.members.setStatus([a.id], { status: 'approved', date: '2026-11-22' }, officer.id);
    await services.repos.targets.set('members:elderly', { from: '2026-11-21', to: '2026-12-20' }, 10, officer.id);

    const user = userEvent.setup();
    renderSignedIn(<DashboardPage />, services, officer);
    const row = await screen.findByRole('row', { name: /Hội Người cao tuổi/ });
    // target, received, entered, approved, approved in period, failed
    expect(cells(row).slice(0, 6)).toEqual(['10', '3', '0', '1', '1', '0']);
    expect(within(row).getByRole('meter', { name: /Tỷ lệ phê duyệt Hội Người cao tuổi/ })).toHaveAttribute('aria-valuenow', '10');
    expect(row).toHaveTextContent('10%');

    // new work shows up without leaving the screen
    await member('Phạm Văn Dũng', 4);
    await waitFor(() => expect(cells(screen.getByRole('row', { name: /Hội Người cao tuổi/ }))[1]).toBe('4'));

    // by hamlet, on demand
    await user.click(within(screen.getByRole('row', { name: /Hội Người cao tuổi/ })).getByRole('button', { name: /theo thôn/ }));
    const byHamlet = await screen.findByRole('table', { name: 'Hội Người cao tuổi theo thôn' });
    expect(within(byHamlet).getByRole('row', { name: /Thôn Phú Bình/ })).toHaveTextContent(/1\s*0\s*1\s*1\s*0/);
    expect(within(byHamlet).getByRole('row', { name: /Chưa ghi thôn/ })).toBeInTheDocument();

    // the previous period ended before any of this was received
    await user.selectOptions(screen.getByRole('combobox', { name: 'Kỳ báo cáo' }), '2026-11-20');
    await waitFor(() => expect(cells(screen.getByRole('row', { name: /Hội Người cao tuổi/ })).slice(1, 4)).toEqual(['0', '0', '0']));
  });

  it('counts DC01 cases by state, with the completion rate', async () => {
    const mk = async (serial: number) => {
      const r = await services.repos.dc01.create(
        { categoryKey: 'missing_fields', fullName: `Người ${serial}`, birthDate: '', sex: '', personalId: personalIdFor(1960, 'male', serial), oldId: '', phone: '', hamletId: '', address: '', note: '', householdNo: '', receivedDate: '2026-11-22', source: 'Công an tỉnh giao', assigneeId: officer.id, idFlagged: false },
        officer.id,
      );
      if (!r.ok) throw new Error(r.message);
      return r.value;
    };
    const one = await mk(1);
    await mk(2);
    await services.repos.dc01.setState([one.id], { state: 'done', outcomeKey: 'no_info', date: '2026-11-22' }, officer.id);
    renderSignedIn(<DashboardPage />, services, officer);
    const row = await screen.findByRole('row', { name: /Thiếu trường thông tin/ });
    // total, done, done in period, in progress, pending
    expect(cells(row).slice(0, 5)).toEqual(['2', '1', '1', '0', '1']);
    expect(row).toHaveTextContent('50%');
  });
});
