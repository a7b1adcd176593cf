import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setUpUnit, testServices } from '../testing/fixtures';
import { App } from './App';

afterEach(() => {
  vi.useRealTimers();
});

describe('the app on a shared PC', () => {
  it('locks itself after the idle time and gives back the half-typed form after the PIN', async () => {
    const services = testServices();
    const officer = await setUpUnit(services);
    const saved = await services.repos.settings.setIdleMinutes(1, officer.id);
    expect(saved.ok).toBe(true);
    const user = userEvent.setup();
    render(<App services={services} />);

    await user.type(await screen.findByLabelText('Mã PIN'), '1234{Enter}');
    // the PIN check is a deliberately slow hash
    await user.click(await screen.findByRole('link', { name: 'Hội Người cao tuổi' }, { timeout: 15_000 }));
    await user.click(await screen.findByRole('button', { name: /Nhập hội viên/ }));
    const form = await screen.findByRole('dialog', { name: /Nhập hội viên/ });
    // From here the clock is ours: typing restarts the idle timer under it.
    vi.useFakeTimers({ shouldAdvanceTime: true });
    await user.type(within(form).getByRole('textbox', { name: /Họ và tên/ }), 'Nguyễn Thị Đào');

    act(() => {
      vi.advanceTimersByTime(61_000);
    });
    const lock = await screen.findByRole('form', { name: 'Đăng nhập' });
    // Esc on the lock screen must not close the form underneath
    await user.keyboard('{Escape}');
    await user.type(within(lock).getByLabelText('Mã PIN'), '1234{Enter}');
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Đăng nhập' })).not.toBeInTheDocument(), { timeout: 15_000 });
    expect(within(screen.getByRole('dialog', { name: /Nhập hội viên/ })).getByRole('textbox', { name: /Họ và tên/ })).toHaveValue('Nguyễn Thị Đào');
  });

  it('refuses an idle time outside 1–120 minutes', async () => {
    const services = testServices();
    const officer = await setUpUnit(services);
    expect(await services.repos.settings.setIdleMinutes(0, officer.id)).toMatchObject({ ok: false, code: 'invalid' });
    expect(await services.repos.settings.setIdleMinutes(121, officer.id)).toMatchObject({ ok: false });
    expect(await services.repos.settings.getIdleMinutes()).toBe(10);
  });
});
