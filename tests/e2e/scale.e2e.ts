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

    // One status for all 30,000, and the browser dies while it is being written:
    // after a restart the list is either exactly as before or entirely changed.
    const countOf = async (p: typeof page, label: string) =>
      Number(((await p.getByRole('button', { name: new RegExp(label) }).locator('.card-value').textContent()) ?? '').replace(/\D/g, ''));
    const enteredBefore = await countOf(page, 'Đã nhập, chờ duyệt');
    await page.getByRole('checkbox', { name: 'Chọn tất cả' }).check();
    await page.getByRole('button', { name: 'Cập nhật trạng thái…' }).click();
    const statusDialog = page.getByRole('dialog', { name: /Cập nhật trạng thái cho 30\.000 hồ sơ/ });
    await statusDialog.getByLabel('Đã nhập, chờ duyệt').check();
    await statusDialog.getByRole('button', { name: 'Áp dụng' }).click();
    await page.waitForTimeout(150);
    await page.close({ runBeforeUnload: false });

    const again = await fixture.reopen();
    await again.page.getByLabel('Mã PIN').fill('2468');
    await again.page.keyboard.press('Enter');
    await again.page.getByRole('link', { name: 'Hội Người cao tuổi' }).click();
    await expect.poll(() => again.page.locator('.result-line').textContent(), { timeout: 30_000 }).toContain('Tổng cộng: 30.000 hồ sơ');
    const enteredAfter = await countOf(again.page, 'Đã nhập, chờ duyệt');
    console.log(`status change interrupted by closing the page: "entered" ${enteredBefore} → ${enteredAfter} (all or nothing)`);
    expect([enteredBefore, 30_000]).toContain(enteredAfter);
    // the facts the dashboard counts moved with the records, or not at all
    await again.page.getByRole('link', { name: 'Tổng quan' }).click();
    const row = again.page.getByRole('row', { name: /Hội Người cao tuổi/ });
    await expect.poll(async () => (await row.getByRole('cell').nth(2).textContent())?.replace(/\D/g, '')).toBe(String(enteredAfter));
  });
});
