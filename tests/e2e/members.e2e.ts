/**
 * The first day of a new officer, end to end in real Chromium on the built app:
 * first-run wizard → member entry by keyboard and by a chip-card QR scan typed
 * as keystrokes → a status change on a selection → reload and sign in again →
 * restart the browser → everything is still there, and nothing went to the network.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { completeWizard, signIn, foreignRequests, personalId, screenshot, appFixture } from './harness';

const fixture = appFixture();


const dialog = (page: Page, name: RegExp) => page.getByRole('dialog', { name });
const resultLine = (page: Page) => page.locator('.result-line');

async function openElderly(page: Page) {
  await page.getByRole('link', { name: 'Hội Người cao tuổi' }).click();
  await page.getByRole('heading', { name: 'Hội Người cao tuổi' }).waitFor();
}

describe('association members, first day', () => {
  it('sets up the unit, logs members, tracks progress and keeps everything across restarts', async () => {
    let app = await fixture.open();
    const { page } = app;

    // --- first-run wizard: it refuses to go on without the unit's name
    await page.getByRole('form', { name: 'Thiết lập ban đầu' }).waitFor();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await expect(page.getByText('Nhập tên đơn vị, ví dụ "Công an xã Vĩnh Hiệp".').isVisible()).resolves.toBe(true);
    await completeWizard(page, { screenshotAs: '01-wizard-unit' });
    await openElderly(page);

    // --- first member by keyboard: F2 opens the form, Enter saves and starts the next
    await page.keyboard.press('F2');
    const form = dialog(page, /Nhập hội viên/);
    await form.waitFor();
    await page.keyboard.type('Nguyễn Thị Đào');
    await page.keyboard.press('Tab');
    await page.keyboard.type('12/03/1950');
    await page.keyboard.press('Tab');
    await form.getByLabel('Giới tính').selectOption('female');
    await form.getByLabel('Số định danh cá nhân (CCCD)').fill(personalId(1962, 'female', 1));
    await form.getByLabel('Thôn / tổ dân phố').selectOption({ label: 'Thôn Tân Lập' });
    await form.getByLabel('Số định danh cá nhân (CCCD)').press('Enter');
    // the birth year in the ID does not match: the officer must confirm
    await form.getByText('Số định danh có vẻ sai cấu trúc').waitFor();
    await screenshot(page, '02-member-form-validation');
    await form.getByLabel('Số định danh cá nhân (CCCD)').fill(personalId(1950, 'female', 1));
    await form.getByLabel('Số định danh cá nhân (CCCD)').press('Enter');
    await expect.poll(() => form.getByLabel('Họ và tên').inputValue()).toBe('');
    // the hamlet is kept for the next entry
    await expect(form.getByLabel('Thôn / tổ dân phố').locator('option:checked').textContent()).resolves.toBe('Thôn Tân Lập');

    // --- second member from a chip-card QR scanner typing into the name field
    const scanned = personalId(1948, 'male', 123);
    await form.getByLabel('Họ và tên').focus();
    await page.keyboard.type(`${scanned}|225123456|LÊ VĂN TÁM|05061948|Nam|Thôn Phú Bình, Vĩnh Hiệp, Nha Trang, Khánh Hòa|10082021`, { delay: 2 });
    await page.keyboard.press('Enter');
    await expect.poll(() => form.getByLabel('Số định danh cá nhân (CCCD)').inputValue()).toBe(scanned);
    expect(await form.getByLabel('Họ và tên').inputValue()).toBe('Lê Văn Tám');
    expect(await form.getByLabel('Ngày sinh').inputValue()).toBe('05/06/1948');
    await page.keyboard.press('Enter');
    await expect.poll(() => form.getByLabel('Họ và tên').inputValue()).toBe('');

    // --- third member, year of birth only
    await page.keyboard.type('Đỗ Văn Đức');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1955');
    await form.getByLabel('Giới tính').selectOption('male');
    await form.getByLabel('Ghi chú').fill('Chưa có CCCD');
    await form.getByLabel('Ghi chú').press('Enter');
    await expect.poll(() => form.getByLabel('Họ và tên').inputValue()).toBe('');
    await page.keyboard.press('Escape');
    await expect.poll(() => resultLine(page).textContent()).toContain('Tổng cộng: 3 hồ sơ');

    // --- search ignores tone marks
    await page.getByRole('searchbox', { name: 'Tìm kiếm' }).fill('do van duc');
    await expect.poll(() => resultLine(page).textContent()).toContain('Kết quả lọc: 1 hồ sơ');
    await page.getByRole('searchbox', { name: 'Tìm kiếm' }).fill('');

    // --- two records move to "entered" in one step
    await page.getByRole('checkbox', { name: 'Chọn Nguyễn Thị Đào' }).check();
    await page.getByRole('checkbox', { name: 'Chọn Lê Văn Tám' }).check();
    await page.getByRole('button', { name: 'Cập nhật trạng thái…' }).click();
    const statusDialog = dialog(page, /Cập nhật trạng thái cho 2 hồ sơ/);
    await statusDialog.getByLabel('Đã nhập, chờ duyệt').check();
    await statusDialog.getByRole('button', { name: 'Áp dụng' }).click();
    await page.getByText('Đã cập nhật "Đã nhập, chờ duyệt" cho 2 hồ sơ.').waitFor();
    await screenshot(page, '03-member-list');

    // --- the list as Excel: the production bundle's exceljs works in the browser
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Xuất Excel' }).click();
    const file = await (await download).path();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0]!;
    const names = sheet.getColumn(2).values.map(String);
    expect(names).toEqual(expect.arrayContaining(['Họ và tên', 'Nguyễn Thị Đào', 'Lê Văn Tám', 'Đỗ Văn Đức']));

    // --- one of them is approved from its record
    await page.getByRole('row', { name: /Lê Văn Tám/ }).dblclick();
    const detail = dialog(page, /Hồ sơ: Lê Văn Tám/);
    await detail.getByRole('button', { name: 'Cập nhật trạng thái' }).click();
    const single = dialog(page, /^Cập nhật trạng thái$/);
    await single.getByLabel('Đã phê duyệt trên CSDLQG').check();
    await single.getByRole('button', { name: 'Áp dụng' }).click();
    await detail.getByText('Đã phê duyệt trên CSDLQG — ngày').waitFor();
    await screenshot(page, '04-member-detail');
    await page.keyboard.press('Escape');

    // --- the association's target for the period, then the rate on the list
    await page.getByRole('link', { name: 'Cài đặt' }).click();
    await page.getByRole('tab', { name: 'Tổng số (chỉ tiêu)' }).click();
    await page.getByLabel('Tổng số Hội Người cao tuổi').fill('1.200');
    await page.getByLabel('Tổng số Hội Người cao tuổi').press('Enter');
    await page.getByText('Nhập cho kỳ này').waitFor();
    await screenshot(page, '05-settings-targets');
    await page.getByRole('link', { name: 'Hội Người cao tuổi' }).click();
    await page.getByText('Đã duyệt 1 — đạt 0,08%').waitFor();

    // --- reload: the lock screen, then everything is there
    await page.reload();
    await signIn(page);
    await page.getByRole('heading', { name: 'Hội Người cao tuổi' }).waitFor();
    await expect.poll(() => resultLine(page).textContent()).toContain('Tổng cộng: 3 hồ sơ');
    await expect(page.getByRole('button', { name: /Đã nhập, chờ duyệt/ }).textContent()).resolves.toContain('1');
    await expect(page.getByRole('button', { name: /Đã phê duyệt trên CSDLQG/ }).textContent()).resolves.toContain('1');

    // --- restart the browser on the same profile
    expect(app.errors).toEqual([]);
    const requestsBefore = [...app.requests];
    app = await fixture.reopen();
    await signIn(app.page);
    await openElderly(app.page);
    await expect.poll(() => resultLine(app.page).textContent()).toContain('Tổng cộng: 3 hồ sơ');
    expect(await app.page.getByRole('row', { name: /Đỗ Văn Đức/ }).textContent()).toContain('Đã tiếp nhận hồ sơ');

    // --- a second tab on the same list sees a status change made in the first
    const other = await app.context.newPage();
    await other.goto(fixture.server().url);
    await signIn(other);
    await openElderly(other);
    await app.page.getByRole('checkbox', { name: 'Chọn Đỗ Văn Đức' }).check();
    await app.page.getByRole('button', { name: 'Cập nhật trạng thái…' }).click();
    const change = dialog(app.page, /Cập nhật trạng thái/);
    await change.getByLabel('Đã nhập, chờ duyệt').check();
    await change.getByRole('button', { name: 'Áp dụng' }).click();
    await expect.poll(() => other.getByRole('row', { name: /Đỗ Văn Đức/ }).textContent()).toContain('Đã nhập, chờ duyệt');
    await other.close();

    // --- nothing left the machine
    expect(foreignRequests([...requestsBefore, ...app.requests], fixture.server().url)).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});
