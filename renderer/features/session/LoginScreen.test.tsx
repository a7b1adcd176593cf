import { beforeEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setUpUnit, testServices } from '../../testing/fixtures';
import { ServicesProvider } from '../../context/services';
import type { Officer } from '../../../shared/domain/types';
import { lockoutSeconds } from '../../db/repositories/officer-repo';
import { LoginScreen } from './LoginScreen';

const FIND = { timeout: 10_000 };
let services: ReturnType<typeof testServices>;
let officer: Officer;

beforeEach(async () => {
  services = testServices();
  officer = await setUpUnit(services);
});

const show = (onLogin: (o: Officer) => void = () => undefined) =>
  render(
    <ServicesProvider services={services}>
      <LoginScreen unitName="Công an xã Vĩnh Hiệp" onLogin={onLogin} />
    </ServicesProvider>,
  );

describe('lock screen', () => {
  it('waits longer after each wrong PIN past the third, and a reload does not reset the count', async () => {
    expect([1, 2, 3, 4, 5, 10].map(lockoutSeconds)).toEqual([0, 0, 5, 10, 20, 300]);
    const user = userEvent.setup();
    const view = show();
    const pin = await screen.findByLabelText('Mã PIN', {}, FIND);
    for (const attempt of ['0000', '1111']) {
      await user.type(pin, attempt);
      await user.keyboard('{Enter}');
      await waitFor(() => expect(pin).toHaveValue(''), FIND);
      expect(screen.getByText('Mã PIN không đúng.')).toBeInTheDocument();
    }
    await user.type(pin, '2222');
    await user.keyboard('{Enter}');
    expect(await screen.findByText('Mã PIN không đúng. Thử lại sau 5 giây.', {}, FIND)).toBeInTheDocument();

    // the page is reloaded: the wait still applies, even with the right PIN
    view.unmount();
    let signedIn: Officer | undefined;
    show((o) => (signedIn = o));
    expect(await services.repos.officers.loginWait()).toBeGreaterThan(0);
    const right = await services.repos.officers.verify(officer.id, '1234');
    expect(right.ok === false && right.message).toMatch(/Thử lại sau \d+ giây/);
    expect(signedIn).toBeUndefined();
  });

  it('signs in with the right PIN and clears the count', async () => {
    await services.repos.officers.verify(officer.id, '0000');
    const user = userEvent.setup();
    let signedIn: Officer | undefined;
    show((o) => (signedIn = o));
    await user.type(await screen.findByLabelText('Mã PIN', {}, FIND), '1234');
    await user.keyboard('{Enter}');
    await expect.poll(() => signedIn?.id, FIND).toBe(officer.id);
    expect(await services.db.vault.get('loginThrottle')).toMatchObject({ value: { failures: 0, lockedUntil: 0 } });
  });
});
