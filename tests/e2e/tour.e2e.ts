/**
 * Nothing leaves the machine: one browser session tours the whole app on the built
 * web bundle — first-run setup, entry (a member and a labour record), an Excel import,
 * the list's Excel export, the printed monthly report, and a backup plus a data package —
 * while every request the browser context makes (pages and workers alike) is recorded.
 * Every step is checked to have really happened, and then every request is checked to
 * have gone to the local server or stayed in the page (data:, blob:).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Download, Page } from 'playwright-core';
import { ARTIFACTS, appFixture, completeWizard, foreignRequests, personalId, screenshot } from './harness';

const fixture = appFixture();

const dialog = (page: Page, name: RegExp) => page.getByRole('dialog', { name });
const resultLine = (page: Page) => page.locator('.result-line');

/** The members the import brings in: name, birth date, sex, ID, hamlet. */
const IMPORTED: readonly (readonly [string, string, 'Nam' | 'Nữ', string, string])[] = [
  ['Phan Văn Bảy', '02/01/1951', 'Nam', personalId(1951, 'male', 101), 'Thôn Phú Bình'],
  ['Võ Thị Cúc', '14/02/1953', 'Nữ', personalId(1953, 'female', 102), 'Thôn Tân Lập'],
  ['Huỳnh Văn Dũng', '20/03/1947', 'Nam', personalId(1947, 'male', 103), 'Tổ dân phố 3'],
  ['Đặng Thị Én', '05/04/1956', 'Nữ', personalId(1956, 'female', 104), 'Thôn Phú Bình'],
  ['Bùi Văn Giàu', '30/05/1949', 'Nam', personalId(1949, 'male', 105), 'Thôn Tân Lập'],
];

async function memberList(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Hội NCT');
  sheet.addRow(['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Thôn']);
  IMPORTED.forEach((member, i) => sheet.addRow([i + 1, ...member]));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Runs `click` and returns the download it starts. */
async function downloadOf(page: Page, click: () => Promise<void>): Promise<Download> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return download;
}

/** Where a URL went: its origin, or the in-page scheme (data:, blob: with its origin). */
function destination(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol === 'data:') return 'data:';
  if (parsed.protocol === 'blob:') return `blob:${new URL(parsed.pathname).origin}`;
  return parsed.origin;
}

describe('a full tour of the app', () => {
  it('sets up, enters, imports, exports, prints and backs up without a single request leaving the machine', async () => {
    const app = await fixture.open();
    const { page, context } = app;
    // the context sees the requests of every page and worker; the failed ones are kept apart too
    const contextRequests: string[] = [];
    const failed: string[] = [];
    const sockets: string[] = [];
    context.on('request', (r) => contextRequests.push(r.url()));
    context.on('requestfailed', (r) => failed.push(r.url()));
    page.on('websocket', (ws) => sockets.push(ws.url()));
    const serverUrl = fixture.server().url;
    const serverOrigin = new URL(serverUrl).origin;
    // the harness loaded the app before these listeners existed: load it again under them
    await page.reload();

    // --- 1. setup: the first-run wizard
    await completeWizard(page);

    // --- 2. entry: one member of the elderly association, one labour record
    await page.getByRole('link', { name: 'Hội Người cao tuổi' }).click();
    await page.getByRole('heading', { name: 'Hội Người cao tuổi' }).waitFor();
    await page.keyboard.press('F2');
    const memberForm = dialog(page, /Nhập hội viên/);
    await memberForm.getByLabel('Họ và tên').fill('Nguyễn Thị Đào');
    await memberForm.getByLabel('Ngày sinh').fill('12/03/1950');
    await memberForm.getByLabel('Giới tính').selectOption('female');
    await memberForm.getByLabel('Số định danh cá nhân (CCCD)').fill(personalId(1950, 'female', 1));
    await memberForm.getByLabel('Thôn / tổ dân phố').selectOption({ label: 'Thôn Tân Lập' });
    await memberForm.getByLabel('Số định danh cá nhân (CCCD)').press('Enter');
    await expect.poll(() => memberForm.getByLabel('Họ và tên').inputValue()).toBe('');
    await page.keyboard.press('Escape');
    await expect.poll(() => resultLine(page).textContent()).toContain('Tổng cộng: 1 hồ sơ');

    await page.getByRole('link', { name: 'Người lao động' }).click();
    await page.getByRole('heading', { name: 'Thông tin người lao động' }).waitFor();
    await page.keyboard.press('F2');
    const labourForm = dialog(page, /Nhập phiếu thông tin người lao động/);
    await labourForm.getByLabel('Họ và tên').fill('Trần Văn Lực');
    await labourForm.getByLabel('Ngày sinh').fill('15/05/1990');
    await labourForm.getByLabel('Giới tính').selectOption('male');
    await labourForm.getByLabel('Số định danh cá nhân (CCCD)').fill(personalId(1990, 'male', 11));
    await labourForm.getByLabel('Thôn / tổ dân phố').selectOption({ label: 'Thôn Phú Bình' });
    await labourForm.getByLabel('Có việc làm').check();
    await labourForm.getByLabel('Vị thế việc làm').selectOption({ label: 'Làm công ăn lương' });
    await labourForm.getByLabel('Công việc cụ thể').fill('Công nhân may');
    await labourForm.getByLabel('Công việc cụ thể').press('Enter');
    await expect.poll(() => labourForm.getByLabel('Họ và tên').inputValue()).toBe('');
    await page.keyboard.press('Escape');
    await expect.poll(() => resultLine(page).textContent()).toContain('Tổng cộng: 1 hồ sơ');

    // --- 3. import: five members from an .xlsx through the Import page, to its summary
    await page.getByRole('link', { name: 'Nhập từ Excel' }).click();
    await page.getByRole('heading', { name: /Bước 1/ }).waitFor();
    await page.getByRole('combobox', { name: 'Nhập vào' }).selectOption('members:elderly');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Chọn tệp…' }).click()]);
    await chooser.setFiles({ name: 'DS hoi NCT.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await memberList() });
    await page.getByRole('heading', { name: /Bước 2/ }).waitFor();
    await page.getByRole('button', { name: 'Xem trước' }).click();
    await page.getByRole('heading', { name: /Bước 3/ }).waitFor();
    await page.getByRole('button', { name: 'Nhập 5 dòng' }).click();
    await page.getByRole('heading', { name: /Bước 4/ }).waitFor();
    expect(await page.getByText('Đã nhập xong tệp').textContent()).toContain('5 dòng mới, cập nhật 0, bỏ qua 0, từ chối 0 — cộng lại 5 dòng dữ liệu');

    // --- 4. export: the association's list as Excel, holding the entered and the imported members
    await page.getByRole('link', { name: 'Mở danh sách đã nhập' }).click();
    await page.getByRole('heading', { name: 'Hội Người cao tuổi' }).waitFor();
    await expect.poll(() => resultLine(page).textContent()).toContain('Tổng cộng: 6 hồ sơ');
    const listFile = await downloadOf(page, () => page.getByRole('button', { name: 'Xuất Excel' }).click());
    expect(listFile.suggestedFilename()).toMatch(/ \d{2}-\d{2}-\d{4}\.xlsx$/);
    await page.getByText('Đã xuất 6 dòng ra').waitFor();
    const list = new ExcelJS.Workbook();
    await list.xlsx.readFile(await listFile.path());
    const names = list.worksheets[0]?.getColumn(2).values.map(String) ?? [];
    expect(names).toEqual(expect.arrayContaining(['Nguyễn Thị Đào', ...IMPORTED.map(([name]) => name)]));

    // --- 5. print: the monthly report's print view, its print button, and the page as Chromium prints it
    await page.getByRole('link', { name: 'Báo cáo tháng' }).click();
    await page.getByRole('link', { name: 'Xem, in và lưu PDF' }).click();
    await page.getByText('BÁO CÁO', { exact: true }).first().waitFor();
    // headless Chromium has no print dialog: note each call and the title the PDF would be named after
    await page.evaluate(() => {
      const printed: string[] = [];
      Object.assign(window, { __tourPrinted: printed });
      window.print = () => void printed.push(document.title);
    });
    await page.getByRole('button', { name: 'In báo cáo' }).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __tourPrinted: string[] }).__tourPrinted)).toEqual([
      expect.stringMatching(/^BaoCao_DA06_CAX-VinhHiep_\d{4}-\d{2}$/),
    ]);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    const pdfFile = join(ARTIFACTS, 'tour-report.pdf');
    writeFileSync(pdfFile, pdf);
    const printedText = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
    expect(printedText).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(printedText).toContain('CÔNG AN XÃ VĨNH HIỆP');

    // --- 6. backup: the unit's passphrase, a backup now, then a data package
    await page.getByRole('link', { name: 'Cài đặt' }).click();
    await page.getByRole('tab', { name: 'Sao lưu và khôi phục' }).click();
    await page.getByLabel(/^Mật khẩu sao lưu/).fill('hoa phượng nở đỏ sân trường');
    await page.getByLabel(/^Nhập lại mật khẩu/).fill('hoa phượng nở đỏ sân trường');
    await page.getByRole('button', { name: 'Đặt mật khẩu' }).click();
    await page.getByText('Đã đặt mật khẩu. Bản sao lưu và gói dữ liệu được mã hóa bằng mật khẩu này.').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Sao lưu ngay' }).click();
    const backupToast = page.getByText(/^Đã sao lưu vào .+\./);
    await backupToast.waitFor({ timeout: 30_000 });
    await page.getByRole('table', { name: 'Các bản sao lưu' }).getByRole('row', { name: /Sao lưu tay/ }).waitFor();
    await screenshot(page, 'tour-backup');

    await page.getByRole('tab', { name: 'Gói dữ liệu' }).click();
    const packageFile = await downloadOf(page, () => page.getByRole('button', { name: 'Xuất gói dữ liệu…' }).click());
    expect(packageFile.suggestedFilename()).toMatch(/^Goi du lieu Cong-an-xa-Vinh-Hiep \d{4}-\d{2}-\d{2}\.sdgoi$/);
    await page.getByText(/^Đã lưu gói dữ liệu: /).waitFor();

    // --- nothing left the machine
    const all = [...new Set([...app.requests, ...contextRequests, ...failed, ...sockets])];
    const perDestination: Record<string, number> = {};
    for (const url of contextRequests) perDestination[destination(url)] = (perDestination[destination(url)] ?? 0) + 1;
    console.info(`tour: ${contextRequests.length} requests in the context, ${app.requests.length} on the page, ${failed.length} failed, ${sockets.length} sockets`, perDestination);
    // the recorders did record: the app's reload and its import worker, as the context saw them
    expect(contextRequests).toContain(`${serverOrigin}/`);
    expect(contextRequests.some((u) => u.startsWith(serverOrigin) && u.includes('import.worker'))).toBe(true);
    expect(foreignRequests(all, serverUrl)).toEqual([]);
    expect([...new Set(all.map(destination))].filter((d) => ![serverOrigin, 'data:', `blob:${serverOrigin}`].includes(d))).toEqual([]);
    expect(sockets).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});
