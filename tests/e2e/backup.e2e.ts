/**
 * Backups, restore and data packages as an officer uses them, in real Chromium (the browser
 * build keeps backups in its private storage), and every multi-record change cut off by
 * closing the window half-way: after reopening, the database is exactly as before.
 *
 * One profile is "this PC" (40,000 members); a second profile is another PC of the same
 * unit that sends a data package of 30,000 members.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { appFixture, foreignRequests, newProfileDir, openApp, personalId, screenshot, seederScript, signIn } from './harness';

const fixture = appFixture();
const otherPc = newProfileDir();
afterAll(() => otherPc.remove());

const PASSPHRASE = 'Vĩnh Hiệp giữ dữ liệu 2026';
const LONG = { timeout: 120_000 };
let seeder = '';

type Digest = Record<string, { count: number; sha256: string }>;

async function digest(page: Page): Promise<Digest> {
  await page.addScriptTag({ content: seeder });
  return page.evaluate(() => window.__soDeAn06Seed.digestDatabase());
}

/**
 * After the merge this PC also knows the other PC's officer (a login of the same unit):
 * the lock screen then asks which officer; ours is the first.
 */
async function signInHere(page: Page): Promise<void> {
  await page.getByRole('form', { name: 'Đăng nhập' }).waitFor(LONG);
  const officer = page.getByLabel('Cán bộ');
  if ((await officer.locator('option').count()) > 2) await officer.selectOption({ index: 1 });
  await signIn(page);
}

const without = (d: Digest, ...tables: string[]) => Object.fromEntries(Object.entries(d).filter(([t]) => !tables.includes(t)));

async function setPassphrase(page: Page): Promise<void> {
  await page.getByLabel(/^Mật khẩu sao lưu/).fill(PASSPHRASE);
  await page.getByLabel(/^Nhập lại mật khẩu/).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Đặt mật khẩu' }).click();
  await page.getByText('Đã đặt mật khẩu. Bản sao lưu').waitFor(LONG);
}

async function openSettingsTab(page: Page, tab: string): Promise<void> {
  await page.getByRole('link', { name: 'Cài đặt' }).click();
  await page.getByRole('tab', { name: tab }).click();
}

/** Picks the package, types the passphrase of the other PC's key, and waits for its preview. */
async function openPackage(page: Page, path: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Chọn gói dữ liệu…' }).click()]);
  await chooser.setFiles(path);
  const ask = page.getByRole('dialog', { name: 'Nhập mật khẩu sao lưu' });
  await ask.getByLabel('Mật khẩu sao lưu').fill(PASSPHRASE);
  await ask.getByRole('button', { name: 'Mở tệp' }).click();
  await page.getByRole('dialog', { name: 'Nhập gói dữ liệu' }).waitFor(LONG);
}

/** Closes the window the moment `busy` shows, as a power cut or a killed app would, and reopens. */
async function closeWhile(page: Page, busy: ReturnType<Page['getByText']>) {
  await busy.waitFor(LONG);
  await page.close({ runBeforeUnload: false });
  const again = await fixture.reopen({ bypassCSP: true });
  await again.page.getByRole('form', { name: 'Đăng nhập' }).waitFor(LONG);
  return again;
}

describe('backups, restore and data packages', () => {
  let packagePath = '';

  it('another PC of the unit exports a data package of 30,000 members', async () => {
    seeder = await seederScript();
    const other = await openApp(fixture.server().url, otherPc.dir, { bypassCSP: true });
    try {
      const { page } = other;
      await page.getByRole('form', { name: 'Thiết lập ban đầu' }).waitFor();
      await page.addScriptTag({ content: seeder });
      await page.evaluate(() => window.__soDeAn06Seed.seedMembers({ total: 30_000, listSize: 30_000, seed: 11, idPrefix: 'pc2' }));
      await page.reload();
      await signIn(page);
      await openSettingsTab(page, 'Sao lưu và khôi phục');
      await setPassphrase(page);
      await page.getByRole('tab', { name: 'Gói dữ liệu' }).click();
      const [download] = await Promise.all([page.waitForEvent('download', LONG), page.getByRole('button', { name: 'Xuất gói dữ liệu…' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^Goi du lieu Cong-an-xa-Vinh-Hiep \d{4}-\d{2}-\d{2}\.sdgoi$/);
      packagePath = `${otherPc.dir}/goi.sdgoi`;
      await download.saveAs(packagePath);
      expect(foreignRequests(other.requests, fixture.server().url)).toEqual([]);
      expect(other.errors).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('backs up by hand and restores a backup; a restore cut off half-way changes nothing', async () => {
    const app = await fixture.open({ bypassCSP: true });
    let { page } = app;
    await page.getByRole('form', { name: 'Thiết lập ban đầu' }).waitFor();
    await page.addScriptTag({ content: seeder });
    const seeded = await page.evaluate(() => window.__soDeAn06Seed.seedMembers({ total: 40_000, listSize: 2_000 }));
    await page.reload();
    await signIn(page);

    // the side bar says nothing is backed up yet, and leads to where to fix it
    await page.getByRole('status').filter({ hasText: 'Chưa đặt mật khẩu sao lưu' }).click();
    await page.getByRole('tab', { name: 'Sao lưu và khôi phục', selected: true }).waitFor();
    await setPassphrase(page);
    const before = await digest(page);
    await page.getByRole('button', { name: 'Sao lưu ngay' }).click();
    await page.getByText(/^Đã sao lưu vào .*SoDeAn06_\d{8}-\d{6}_manual\.sdbak/).waitFor(LONG);
    const backups = page.getByRole('table', { name: 'Các bản sao lưu' });
    await expect.poll(() => backups.getByRole('row').count()).toBe(2);
    await screenshot(page, 'backup-01-settings');

    // more work after the backup…
    await page.addScriptTag({ content: seeder });
    await page.evaluate((officerId) => window.__soDeAn06Seed.seedFamilies({ officerId, labour: 30, dc01: 8, today: '2026-11-22' }), seeded.officerId);
    expect((await digest(page)).labour?.count).toBe(30);

    // …and the restore takes it back, after showing what the file holds
    await backups.getByRole('row', { name: /Sao lưu tay/ }).getByRole('button', { name: /^Khôi phục bản/ }).click();
    const preview = page.getByRole('dialog', { name: 'Khôi phục từ bản sao lưu' });
    await preview.getByText('Hội viên, danh sách hội: 40.000').waitFor();
    await preview.getByText('Công an xã Vĩnh Hiệp').waitFor();
    await screenshot(page, 'backup-02-restore-preview');
    await preview.getByRole('button', { name: 'Thay dữ liệu bằng bản này' }).click();
    const done = page.getByRole('dialog', { name: 'Khôi phục xong' });
    await page.getByText('Đang ghi dữ liệu').waitFor(LONG);
    const writing = Date.now();
    await done.waitFor(LONG);
    // how long the transaction runs: the cut-off below lands inside it
    console.log(`restore: writing 40,000 members took ${Date.now() - writing} ms`);
    await screenshot(page, 'backup-03-restored');
    await done.getByRole('button', { name: 'Mở lại ứng dụng' }).click();
    await signIn(page);
    const restored = await digest(page);
    expect(without(restored, 'audit')).toEqual(without(before, 'audit'));
    // the restore's own line, and the sign-in after it
    expect(restored.audit?.count).toBe((before.audit?.count ?? 0) + 2);

    // the same restore again, with the window closed while it writes
    await page.addScriptTag({ content: seeder });
    await page.evaluate((officerId) => window.__soDeAn06Seed.seedFamilies({ officerId, labour: 12, dc01: 0, today: '2026-11-22', from: 500 }), seeded.officerId);
    const beforeCut = await digest(page);
    await backups.getByRole('row', { name: /Sao lưu tay/ }).getByRole('button', { name: /^Khôi phục bản/ }).click();
    await preview.getByRole('button', { name: 'Thay dữ liệu bằng bản này' }).click();
    ({ page } = await closeWhile(page, page.getByText('Đang ghi dữ liệu')));
    expect(await digest(page)).toEqual(beforeCut);
    expect(foreignRequests(app.requests, fixture.server().url)).toEqual([]);
  });

  it('merges the other PC’s package: cut off half-way it changes nothing; merged, a second time it changes nothing', async () => {
    let { page } = await fixture.reopen({ bypassCSP: true });
    await signIn(page);
    await openSettingsTab(page, 'Gói dữ liệu');
    await openPackage(page, packagePath);
    const preview = page.getByRole('dialog', { name: 'Nhập gói dữ liệu' });
    await preview.getByText('Hội viên, danh sách hội: 30.000').waitFor();
    await screenshot(page, 'backup-04-package-preview');
    const beforeMerge = await digest(page);
    await preview.getByRole('button', { name: 'Gộp vào dữ liệu máy này' }).click();
    ({ page } = await closeWhile(page, page.getByText('Đang ghi hồ sơ vào máy')));
    expect(await digest(page)).toEqual(beforeMerge);

    await signIn(page);
    await openSettingsTab(page, 'Gói dữ liệu');
    await openPackage(page, packagePath);
    await page.getByRole('dialog', { name: 'Nhập gói dữ liệu' }).getByRole('button', { name: 'Gộp vào dữ liệu máy này' }).click();
    const merged = page.getByRole('dialog', { name: 'Đã gộp gói dữ liệu' });
    await page.getByText('Đang ghi hồ sơ vào máy').waitFor(LONG);
    const writing = Date.now();
    await merged.waitFor(LONG);
    console.log(`package merge: writing 30,000 members took ${Date.now() - writing} ms`);
    await merged.getByText('30.000 hồ sơ mới, 0 cập nhật, 0 không đổi, 0 xung đột.').waitFor();
    await screenshot(page, 'backup-05-package-merged');
    await page.keyboard.press('Escape');
    const afterMerge = await digest(page);
    expect(afterMerge.members?.count).toBe((beforeMerge.members?.count ?? 0) + 30_000);

    await openPackage(page, packagePath);
    await page.getByRole('dialog', { name: 'Nhập gói dữ liệu' }).getByRole('button', { name: 'Gộp vào dữ liệu máy này' }).click();
    await page.getByRole('dialog', { name: 'Chưa gộp gói dữ liệu' }).getByText(/đã được nhập trước đây/).waitFor();
    expect(await digest(page)).toEqual(afterMerge);
  });

  it('an Excel import cut off while it writes changes nothing', async () => {
    let { page } = await fixture.reopen({ bypassCSP: true });
    await signInHere(page);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('DS');
    sheet.addRow(['STT', 'Họ và tên', 'Năm sinh', 'Số CCCD', 'Ghi chú']);
    // names may not hold digits: letters stand in for the number
    const letters = (n: number): string => (n < 26 ? '' : letters(Math.floor(n / 26) - 1)) + String.fromCharCode(97 + (n % 26));
    for (let i = 1; i <= 20_000; i++) sheet.addRow([i, `Hoàng Văn Tư ${letters(i)}`, 1940 + (i % 30), personalId(1940 + (i % 30), 'male', 800_000 + i), '']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());

    await page.getByRole('link', { name: 'Hội Người cao tuổi' }).click();
    await page.getByRole('link', { name: 'Nhập từ tệp Excel' }).click();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Chọn tệp…' }).click()]);
    await chooser.setFiles({ name: 'DS 20000.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
    await page.getByRole('heading', { name: /Bước 2/ }).waitFor(LONG);
    await page.getByRole('button', { name: 'Xem trước' }).click();
    await page.getByRole('heading', { name: /Bước 3/ }).waitFor(LONG);
    const before = await digest(page);
    await page.getByRole('button', { name: 'Nhập 20.000 dòng' }).click();
    ({ page } = await closeWhile(page, page.getByRole('heading', { name: 'Đang nhập…' })));
    expect(await digest(page)).toEqual(before);
  });
});
