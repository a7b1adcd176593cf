import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setUpUnit, testServices } from '../../testing/fixtures';
import { renderSignedIn } from '../../testing/render';
import { ok } from '../../../shared/result';
import { StatusDialog } from './StatusDialog';

describe('a change dated inside a closed period', () => {
  it('is allowed, with a warning that it alters the figures already sent', async () => {
    const services = testServices();
    const officer = await setUpUnit(services);
    await services.repos.handovers.record({ period: { from: '2026-10-21', to: '2026-11-20' }, files: [], values: {} }, officer.id);
    const user = userEvent.setup();
    let applied = 0;
    renderSignedIn(
      <StatusDialog count={1} today="2026-11-22" onApply={async () => ((applied += 1), ok({ changed: 1, skipped: 0 }))} onClose={() => undefined} />,
      services,
      officer,
    );
    const date = await screen.findByRole('textbox', { name: /Ngày thực hiện/ });
    expect(screen.queryByRole('note')).toBeNull();
    await user.clear(date);
    await user.type(date, '15/11/2026');
    expect(await screen.findByRole('note')).toHaveTextContent(
      'Kỳ báo cáo đến ngày 20/11/2026 đã chốt số liệu và gửi cấp trên ngày 22/11/2026. Thay đổi ghi ngày 15/11/2026 làm số liệu đã gửi khác đi',
    );
    await user.click(screen.getByRole('button', { name: 'Áp dụng' }));
    expect(applied).toBe(1);
  });
});
