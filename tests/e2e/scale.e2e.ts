/**
 * At realistic size (DOMAIN.md "Scale"): 250,000 records in the database,
 * 30,000 of them in one list. The list opens, counts, searches without tone
 * marks and scrolls to its end. Speed is measured by `npm run bench`, not here.
 */
import { describe, expect, it } from 'vitest';
import { screenshot, seederScript, appFixture } from './harness';

const fixture = appFixture();

describe('a list of 30,000 in a database of 250,000', () => {
  it('opens, counts, searches and scrolls', async () => {
    const app = await fixture.open({ bypassCSP: true });
    const { page } = app;
    await page.getByRole('form', { name: 'Thiết lập ban đầu' }).waitFor();
    const seeder = await seederScript();
    await page.addScriptTag({ content: seeder });
    const seeded = await page.evaluate(() => window.__soDeAn06Seed.seedMembers({ total: 250_000, listSize: 30_000 }));
    expect(seeded).toMatchObject({ elderly: 30_000, total: 250_000 });

    await page.reload();
    await page.getByLabel('Mã PIN').fill('2468');
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'Hội Người cao tuổi' }).click();
    await page.getByRole('heading', { name: 'Hội Người cao tuổi' }).waitFor();
    const resultLine = page.locator('.result-line');
    await expect.poll(() => resultLine.textContent(), { timeout: 30_000 }).toContain('Tổng cộng: 30.000 hồ sơ');
    await screenshot(page, '06-list-30000');

    // tone-insensitive search agrees with a brute-force count over the whole table
    await page.addScriptTag({ content: seeder });
    const expected = await page.evaluate(() => window.__soDeAn06Seed.fullScanSearch('tran thi dao', { listKey: 'elderly' }));
    expect(expected.hits).toBeGreaterThan(0);
    await page.getByRole('searchbox', { name: 'Tìm kiếm' }).fill('tran thi dao');
    await expect
      .poll(() => resultLine.textContent())
      .toContain(`Kết quả lọc: ${expected.hits.toLocaleString('vi-VN')} hồ sơ`);
    await page.getByRole('searchbox', { name: 'Tìm kiếm' }).fill('');
    await expect.poll(() => resultLine.textContent()).toContain('Tổng cộng: 30.000 hồ sơ');

    // keyboard to the last row: virtualised rows render where the officer is
    await page.getByRole('grid').focus();
    await page.keyboard.press('End');
    await page.getByRole('row').filter({ has: page.getByRole('gridcell', { name: '30000', exact: true }) }).waitFor();
    await screenshot(page, '07-list-30000-end');
    expect(app.errors).toEqual([]);
  });
});
