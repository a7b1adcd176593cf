/**
 * The month's report from a seeded database, in real Chromium: the built-in
 * workbook and the printed report (as a PDF), each checked against the figures
 * the dashboard shows; then the hand-over closes the period, a later change
 * shows up as a difference from the version sent.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { ARTIFACTS, appFixture, screenshot, seederScript } from './harness';

const fixture = appFixture();

/** The dashboard row's cells as numbers: target, received, entered, approved, approved in period, failed. */
async function dashboardRow(page: Page, name: RegExp): Promise<number[]> {
  const row = page.getByRole('row', { name });
  const texts = await row.getByRole('cell').allTextContents();
  return texts.slice(0, 6).map((t) => Number(t.replace(/\D/g, '') || 'NaN'));
}

describe('the monthly report', () => {
  it('exports the workbook and the printed report with the dashboard figures, then hands over and closes the period', async () => {
    const app = await fixture.open({ bypassCSP: true });
    const { page } = app;
    page.setDefaultTimeout(60_000);
    await page.getByRole('form', { name: 'Thiết lập ban đầu' }).waitFor();
    await page.addScriptTag({ content: await seederScript() });
    const seeded = await page.evaluate(() => window.__soDeAn06Seed.seedMembers({ total: 3_000, listSize: 1_200 }));
    const today = await page.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    await page.evaluate(({ officerId, today }) => window.__soDeAn06Seed.seedFamilies({ officerId, labour: 60, dc01: 40, today }), { officerId: seeded.officerId, today });

    await page.reload();
    await page.getByLabel('Mã PIN').fill('2468');
    await page.keyboard.press('Enter');
    await page.getByRole('table', { name: 'Làm sạch dữ liệu DC01' }).waitFor();
    const elderly = await dashboardRow(page, /Hội Người cao tuổi/);
    const labour = await dashboardRow(page, /Thông tin người lao động/);
    expect(elderly[1]).toBe(1_200);
    expect(labour[1]).toBe(60);
    const dc01Cells = (await page.getByRole('row', { name: /Thiếu trường thông tin/ }).getByRole('cell').allTextContents()).map((t) => t.replace(/\D/g, ''));
    // the dashboard shows the period under way; the hub opens on the one just ended when the cut-off was days ago
    const periodTo = await page.getByRole('combobox', { name: 'Kỳ báo cáo' }).inputValue();

    // 1. the built-in workbook
    await page.getByRole('link', { name: 'Báo cáo tháng' }).click();
    await page.getByRole('heading', { name: /Báo cáo tháng/ }).waitFor();
    await page.getByRole('combobox', { name: 'Kỳ báo cáo' }).selectOption(periodTo);
    await screenshot(page, '20-report-hub');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất bảng tổng hợp Excel' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^BaoCao_DA06_CAX-VinhHiep_\d{4}-\d{2}\.xlsx$/);
    const file = join(ARTIFACTS, download.suggestedFilename());
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const summary = workbook.getWorksheet('Tổng hợp')!;
    const rowOf = (label: string) => summary.getRows(1, summary.rowCount)!.find((r) => r.getCell(2).value === label)!;
    const xlsxFigures = (label: string) => [4, 5, 7, 8, 9, 10].map((c) => rowOf(label).getCell(c).value ?? NaN);
    // target (none entered), received, entered, approved, approved in period, failed — as on the dashboard
    expect(xlsxFigures('Hội Người cao tuổi').slice(1)).toEqual(elderly.slice(1));
    expect(xlsxFigures('Thông tin người lao động').slice(1)).toEqual(labour.slice(1));
    const dcRow = workbook.getWorksheet('DC01')!.getRows(1, 40)!.find((r) => r.getCell(2).value === 'Thiếu trường thông tin')!;
    expect([dcRow.getCell(3).value, dcRow.getCell(4).value]).toEqual([Number(dc01Cells[0]), Number(dc01Cells[1])]);
    const list = workbook.getWorksheet('Hội Người cao tuổi')!;
    expect(list.rowCount - 7).toBe(1_200);
    expect(typeof list.getCell('E8').value).toBe('string');
    expect(workbook.getWorksheet('Lao động') ?? workbook.getWorksheet('Thông tin người lao động')).toBeDefined();
    expect(app.errors).toEqual([]);

    // 2. the printed report, as Chromium prints it to PDF
    await page.getByRole('link', { name: 'Xem, in và lưu PDF' }).click();
    await page.getByText('BÁO CÁO', { exact: true }).first().waitFor();
    await screenshot(page, '21-report-print-preview');
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    const pdfFile = join(ARTIFACTS, 'bao-cao.pdf');
    writeFileSync(pdfFile, pdf);
    const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('CÔNG AN XÃ VĨNH HIỆP');
    expect(text).toContain((1_200).toLocaleString('vi-VN'));
    expect(text).toMatch(/Nơi nhận/);
    expect(readFileSync(pdfFile).subarray(0, 5).toString()).toBe('%PDF-');
    expect(app.errors).toEqual([]);

    // 3. hand-over closes the period; a later change is listed against the version sent
    await page.getByRole('link', { name: 'Báo cáo tháng' }).click();
    await page.getByRole('combobox', { name: 'Kỳ báo cáo' }).selectOption(periodTo);
    const downloads: string[] = [];
    page.on('download', (d) => downloads.push(d.suggestedFilename()));
    await page.getByRole('button', { name: 'Chọn thư mục và bàn giao…' }).click();
    const done = page.getByRole('dialog', { name: 'Đã bàn giao và chốt số liệu' });
    await done.waitFor();
    await screenshot(page, '22-report-handover-done');
    expect(downloads[0]).toMatch(/^BaoCao_DA06_CAX-VinhHiep_\d{4}-\d{2}\.xlsx$/);
    await done.getByRole('button', { name: 'Xong' }).click();
    await page.getByText(/Đã chốt số liệu và bàn giao ngày/).waitFor();

    // three more labour records arrive after the hand-over, written as the labour screen writes them
    await page.addScriptTag({ content: await seederScript() });
    await page.evaluate(({ officerId, today }) => window.__soDeAn06Seed.seedFamilies({ officerId, labour: 3, dc01: 0, today, from: 1000 }), { officerId: seeded.officerId, today });
    await page.getByRole('link', { name: 'Tổng quan' }).click();
    await page.getByRole('link', { name: 'Báo cáo tháng' }).click();
    await page.getByRole('combobox', { name: 'Kỳ báo cáo' }).selectOption(periodTo);
    const changes = page.getByRole('region', { name: /Số liệu đã thay đổi so với bản gửi ngày/ });
    await changes.waitFor();
    await expect.poll(() => changes.getByRole('row', { name: /Thông tin người lao động Số đã cung cấp hồ sơ \(lũy kế\) 60 63/ }).count()).toBe(1);
    await screenshot(page, '23-report-changes-since-sent');
    expect(app.errors).toEqual([]);
  });
});
