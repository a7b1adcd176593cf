/**
 * An association's member list as it really arrives, imported through the UI in real
 * Chromium: title rows, a two-row header with "Năm sinh" split into Nam | Nữ, names typed
 * in TCVN3, a CCCD that lost its leading zero, a blank row, a duplicate, bad rows and a
 * total line. The officer maps one unknown column, previews, imports, downloads the
 * rejected rows and checks them; the list then shows the records, and nothing left the machine.
 */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { appFixture, completeWizard, foreignRequests, personalId, screenshot } from './harness';
import { encodeLegacy } from '../../shared/import/legacy-encoding';

const fixture = appFixture();

const A = personalId(1950, 'male', 1);
const B = personalId(1952, 'female', 2);
const C = personalId(1948, 'male', 3);

async function messyMemberList(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Hội NCT');
  const tcvn3 = (text: string) => encodeLegacy(text, 'tcvn3');
  const rows: (string | number | null)[][] = [
    ['CÔNG AN XÃ VĨNH HIỆP'],
    ['DANH SÁCH HỘI VIÊN HỘI NGƯỜI CAO TUỔI NĂM 2026'],
    [],
    ['STT', 'Họ và tên', 'Năm sinh', null, 'Số CCCD', 'Khu dân cư', 'Ghi chú'],
    [null, null, 'Nam', 'Nữ', null, null, null],
    [1, tcvn3('Nguyễn Văn An'), 1950, null, Number(A), 'Phú Bình', null],
    [2, tcvn3('Trần Thị Bình'), null, 1952, B, 'Tân Lập', 'Chi hội 2'],
    [null, ' ', null, null, null, null, null],
    [4, tcvn3('Lê Văn Cường'), 1948, null, C, 'Phú Bình', null],
    [5, tcvn3('Nguyễn Văn An'), 1950, null, A, 'Phú Bình', 'nhập trùng'],
    [6, null, 1949, null, personalId(1949, 'male', 4), 'Tân Lập', null],
    [7, tcvn3('Phạm Thị Dung'), 1960, 1960, personalId(1960, 'female', 5), 'Tân Lập', null],
    ['Tổng cộng', null, 4, 2, null, null, null],
  ];
  for (const row of rows) sheet.addRow(row);
  sheet.mergeCells('A1:G1');
  sheet.mergeCells('A2:G2');
  sheet.mergeCells('C4:D4');
  for (const c of ['A', 'B', 'E', 'F', 'G']) sheet.mergeCells(`${c}4:${c}5`);
  for (let r = 6; r <= 13; r++) sheet.getCell(`B${r}`).font = { name: '.VnTime' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('importing a member list from Excel', () => {
  it('maps, previews, imports and returns the rejected rows of a messy list', async () => {
    const app = await fixture.open();
    const { page } = app;
    await completeWizard(page);
    await page.getByRole('link', { name: 'Hội Người cao tuổi' }).click();
    await page.getByRole('link', { name: 'Nhập từ tệp Excel' }).click();
    await page.getByRole('heading', { name: /Bước 1/ }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Nhập vào' }).inputValue()).toBe('members:elderly');

    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Chọn tệp…' }).click()]);
    await chooser.setFiles({ name: 'DS hoi NCT thang 11.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await messyMemberList() });

    // step 2: TCVN3 names converted with before/after, the header found over two rows
    await page.getByRole('heading', { name: /Bước 2/ }).waitFor();
    await page.getByText('Cột B được gõ bằng').waitFor();
    expect(await page.locator('.import-legacy tbody tr').first().textContent()).toContain('Nguyễn Văn An');
    expect(await page.getByRole('combobox', { name: 'Cột C: Năm sinh / Nam' }).inputValue()).toBe('birthYearMale');
    expect(await page.getByRole('combobox', { name: 'Cột D: Năm sinh / Nữ' }).inputValue()).toBe('birthYearFemale');
    // the one column the synonyms do not know: the officer maps it
    const area = page.getByRole('combobox', { name: 'Cột F: Khu dân cư' });
    expect(await area.inputValue()).toBe('');
    await area.selectOption({ label: 'Thôn, tổ dân phố' });
    await screenshot(page, 'import-01-mapping');
    await page.getByRole('button', { name: 'Xem trước' }).click();

    // step 3: every data row in exactly one class
    await page.getByRole('heading', { name: /Bước 3/ }).waitFor();
    const counts = page.getByLabel('Số dòng theo loại');
    const count = async (label: string) => (await counts.locator('.summary-card', { hasText: label }).locator('.card-value').textContent()) ?? '';
    expect([await count('Mới'), await count('Trùng trong tệp'), await count('Bị từ chối'), await count('Tổng số dòng dữ liệu')]).toEqual(['3', '1', '2', '6']);
    await page.getByText('1 dòng trống, 1 dòng tổng cộng').waitFor();
    await screenshot(page, 'import-02-preview');

    await page.getByRole('button', { name: 'Nhập 3 dòng' }).click();
    await page.getByRole('heading', { name: /Bước 4/ }).waitFor();
    expect(await page.getByText('Đã nhập xong tệp').textContent()).toContain('3 dòng mới, cập nhật 0, bỏ qua 1, từ chối 2 — cộng lại 6 dòng dữ liệu');
    await screenshot(page, 'import-03-done');

    // the rows to send back, with their reasons
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải tệp các dòng không nhập được' }).click()]);
    expect(download.suggestedFilename()).toBe('DS hoi NCT thang 11 - dong khong nhap duoc.xlsx');
    const returned = new ExcelJS.Workbook();
    await returned.xlsx.readFile(await download.path());
    const lines = (returned.worksheets[0]?.getSheetValues() ?? []).slice(3).map((r) => (Array.isArray(r) ? r.slice(1) : []));
    expect(lines.map((l) => l[0])).toEqual([10, 11, 12]);
    expect(lines[0]?.at(-1)).toBe(`trùng số định danh ${A} với dòng 6.`);
    expect(String(lines[1]?.at(-1))).toMatch(/họ và tên/i);
    expect(String(lines[2]?.at(-1))).toMatch(/Nam.*Nữ|Nữ.*Nam/);

    // the list shows the imported members, hamlets matched, the lost zero restored
    await page.getByRole('link', { name: 'Mở danh sách đã nhập' }).click();
    await page.getByRole('heading', { name: 'Hội Người cao tuổi' }).waitFor();
    await expect.poll(() => page.locator('.result-line').textContent()).toContain('Tổng cộng: 3 hồ sơ');
    for (const name of ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường']) await page.getByText(name, { exact: true }).first().waitFor();
    await page.getByText(A).first().waitFor();
    await screenshot(page, 'import-04-list');

    expect(foreignRequests(app.requests, fixture.server().url)).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});
