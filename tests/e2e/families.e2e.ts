/**
 * The other three families end to end in real Chromium on the built app: one
 * labour record, one vehicle declaration with two vehicles, DC01 cases in two
 * categories — each entered, moved on and resolved — and the dashboard's
 * figures following every step.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { completeWizard, foreignRequests, personalId, screenshot, appFixture } from './harness';

const fixture = appFixture();

const dialog = (page: Page, name: RegExp) => page.getByRole('dialog', { name });

/** The figures of a dashboard row, without its label and buttons. */
async function figuresOf(row: Locator): Promise<string[]> {
  return (await row.getByRole('cell').allTextContents()).slice(0, 6).map((t) => t.trim());
}

async function openDashboard(page: Page) {
  await page.getByRole('link', { name: 'Tổng quan' }).click();
  await page.getByRole('table', { name: 'Làm sạch dữ liệu DC01' }).waitFor();
}

/** Selects every row of the list on screen and sets one status for all of them. */
async function setStatusForAll(page: Page, status: string, expectedCount: number) {
  await page.getByRole('checkbox', { name: 'Chọn tất cả' }).check();
  await page.getByRole('button', { name: 'Cập nhật trạng thái…' }).click();
  const d = dialog(page, /Cập nhật trạng thái/);
  await d.getByLabel(status).check();
  await d.getByRole('button', { name: 'Áp dụng' }).click();
  await page.getByText(`Đã cập nhật "${status}" cho ${expectedCount} hồ sơ.`).waitFor();
}

describe('labour, vehicles and DC01, with the dashboard', () => {
  it('logs one of each, resolves them and sees the figures change', async () => {
    const app = await fixture.open();
    const { page } = app;
    await completeWizard(page);
    const labourRow = page.getByRole('row', { name: /Thông tin người lao động/ });
    await expect.poll(() => figuresOf(labourRow)).toEqual(['—', '0', '0', '0', '0', '0']);

    // --- labour: the employed questions appear only for "Có việc làm"
    await page.getByRole('link', { name: 'Người lao động' }).click();
    await page.getByRole('heading', { name: 'Thông tin người lao động' }).waitFor();
    await page.keyboard.press('F2');
    const labour = dialog(page, /Nhập phiếu thông tin người lao động/);
    await labour.getByLabel('Họ và tên').fill('Trần Văn Lực');
    await labour.getByLabel('Ngày sinh').fill('15/05/1990');
    await labour.getByLabel('Giới tính').selectOption('male');
    await labour.getByLabel('Số định danh cá nhân (CCCD)').fill(personalId(1990, 'male', 11));
    await labour.getByLabel('Thôn / tổ dân phố').selectOption({ label: 'Thôn Phú Bình' });
    expect(await labour.getByLabel('Vị thế việc làm').count()).toBe(0);
    await labour.getByLabel('Có việc làm').check();
    await labour.getByLabel('Vị thế việc làm').selectOption({ label: 'Làm công ăn lương' });
    await labour.getByLabel('Công việc cụ thể').fill('Công nhân may');
    await labour.getByLabel('Tên nơi làm việc').fill('Công ty May Khánh Hòa');
    await screenshot(page, '08-labour-form');
    await labour.getByLabel('Công việc cụ thể').press('Enter');
    await expect.poll(() => labour.getByLabel('Họ và tên').inputValue()).toBe('');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.result-line').textContent()).toContain('Tổng cộng: 1 hồ sơ');
    await setStatusForAll(page, 'Đã phê duyệt trên CSDLQG', 1);

    // --- vehicles: one owner, two vehicles, plates typed loosely
    await page.getByRole('link', { name: 'Phương tiện' }).click();
    await page.getByRole('heading', { name: 'Phương tiện giao thông' }).waitFor();
    await page.keyboard.press('F2');
    const declaration = dialog(page, /Nhập tờ khai phương tiện/);
    await declaration.getByLabel('Họ và tên').fill('Lê Thị Xuân');
    await declaration.getByLabel('Ngày sinh').fill('1985');
    await declaration.getByLabel('Giới tính').selectOption('female');
    await declaration.getByLabel('Số định danh chủ phương tiện').fill(personalId(1985, 'female', 22));
    const first = declaration.getByRole('group', { name: 'Phương tiện 1' });
    await first.getByLabel('Biển số').fill('79x1 23456');
    await first.getByLabel('Nhãn hiệu').fill('Honda');
    await first.getByLabel('Biển số').blur();
    await expect.poll(() => first.getByLabel('Biển số').inputValue()).toBe('79-X1 234.56');
    await page.keyboard.press('Alt+n');
    const second = declaration.getByRole('group', { name: 'Phương tiện 2' });
    await second.getByLabel(/^Loại/).selectOption('car');
    await second.getByLabel('Biển số').fill('79a12345');
    await second.getByLabel('Nhãn hiệu').fill('Toyota');
    await screenshot(page, '09-vehicle-form');
    await second.getByLabel('Nhãn hiệu').press('Enter');
    await expect.poll(() => declaration.getByLabel('Họ và tên').inputValue()).toBe('');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.result-line').textContent()).toContain('Tổng cộng: 1 hồ sơ');
    await page.getByRole('searchbox', { name: 'Tìm kiếm' }).fill('79A-123');
    await expect.poll(() => page.locator('.result-line').textContent()).toContain('Kết quả lọc: 1 hồ sơ');
    await page.getByRole('searchbox', { name: 'Tìm kiếm' }).fill('');
    await setStatusForAll(page, 'Đã nhập, chờ duyệt', 1);
    await screenshot(page, '10-vehicle-list');

    // --- the dashboard follows
    await openDashboard(page);
    await expect.poll(() => figuresOf(labourRow)).toEqual(['—', '1', '0', '1', '1', '0']);
    await expect.poll(() => figuresOf(page.getByRole('row', { name: /Phương tiện — tờ khai/ }))).toEqual(['—', '1', '1', '0', '0', '0']);
    await expect.poll(() => figuresOf(page.getByRole('row', { name: /Phương tiện — số xe/ }))).toEqual(['—', '2', '2', '0', '0', '0']);

    // --- DC01: two categories, cases entered then resolved
    await resolveDc01Cases(page);
    await openDashboard(page);
    await screenshot(page, '12-dashboard');
    // total, done, done in period, in progress, pending
    await expect.poll(() => figuresOf(page.getByRole('row', { name: /Thiếu trường thông tin/ }))).toEqual(['2', '1', '1', '0', '1', expect.any(String)]);
    await expect.poll(() => figuresOf(page.getByRole('row', { name: /Sai cấu trúc số định danh/ }))).toEqual(['1', '1', '1', '0', '0', expect.any(String)]);
    await page.getByRole('row', { name: /Thiếu trường thông tin/ }).getByRole('button', { name: /theo cán bộ/ }).click();
    await page.getByRole('table', { name: 'Thiếu trường thông tin theo cán bộ' }).waitFor();
    await screenshot(page, '13-dashboard-breakdown');

    // --- the DC01 catalogue is edited in Settings
    await page.getByRole('link', { name: 'Cài đặt' }).click();
    await page.getByRole('tab', { name: 'Loại làm sạch DC01' }).click();
    await page.getByText('Thiếu CMND 9 số').first().waitFor();
    await screenshot(page, '14-settings-dc01');

    // --- the audit log shows the day's work, read-only
    await page.getByRole('link', { name: 'Nhật ký thao tác' }).click();
    await page.getByRole('table', { name: 'Nhật ký thao tác' }).getByText('Trường hợp DC01').first().waitFor();
    await screenshot(page, '15-audit-log');

    expect(foreignRequests(app.requests, fixture.server().url)).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});

async function resolveDc01Cases(page: Page) {
  const addCase = async (fullName: string, id: string) => {
    await page.keyboard.press('F2');
    const form = dialog(page, /trường hợp/i);
    await form.getByLabel('Họ và tên').fill(fullName);
    await form.getByLabel('Số định danh cá nhân (CCCD)').fill(id);
    await form.getByLabel('Nguồn').fill('Công an tỉnh giao ngày 15/11/2026');
    await form.getByLabel('Họ và tên').press('Enter');
    await expect.poll(() => form.getByLabel('Họ và tên').inputValue()).toBe('');
    await page.keyboard.press('Escape');
  };

  await page.getByRole('link', { name: 'Thiếu trường thông tin' }).click();
  await page.getByRole('heading', { name: 'Thiếu trường thông tin' }).waitFor();
  await addCase('Phạm Văn Một', personalId(1970, 'male', 31));
  await addCase('Phạm Thị Hai', personalId(1972, 'female', 32));
  await page.getByRole('checkbox', { name: 'Chọn Phạm Văn Một' }).check();
  await page.getByRole('button', { name: 'Cập nhật kết quả…' }).click();
  let d = page.getByRole('dialog', { name: /Cập nhật kết quả/ });
  await d.getByLabel('Đã xử lý').check();
  await d.getByLabel('Xác nhận không có thông tin để cập nhật').check();
  await d.getByRole('button', { name: 'Áp dụng' }).click();
  await d.waitFor({ state: 'hidden' });
  await page.getByRole('row', { name: /Phạm Văn Một/ }).getByText('Xác nhận không có thông tin để cập nhật').waitFor();
  await screenshot(page, '11-dc01-worklist');

  await page.getByRole('link', { name: 'Sai cấu trúc số định danh' }).click();
  await page.getByRole('heading', { name: 'Sai cấu trúc số định danh' }).waitFor();
  await addCase('Võ Văn Ba', personalId(1980, 'male', 33));
  await page.getByRole('checkbox', { name: 'Chọn Võ Văn Ba' }).check();
  await page.getByRole('button', { name: 'Cập nhật kết quả…' }).click();
  d = page.getByRole('dialog', { name: /Cập nhật kết quả/ });
  await d.getByLabel('Đã xử lý').check();
  await d.getByLabel('Đã tạo yêu cầu hủy, xác lập lại số').check();
  await d.getByRole('button', { name: 'Áp dụng' }).click();
  // the CCCD question must be answered for this category
  await d.getByText('Ghi rõ công dân đã có thẻ CCCD hay chưa.').waitFor();
  await d.getByLabel('Đã có thẻ CCCD').check();
  await screenshot(page, '11b-dc01-result-dialog');
  await d.getByRole('button', { name: 'Áp dụng' }).click();
  await d.waitFor({ state: 'hidden' });
  await page.getByRole('row', { name: /Võ Văn Ba/ }).getByText('Đã tạo yêu cầu hủy, xác lập lại số').waitFor();
}
