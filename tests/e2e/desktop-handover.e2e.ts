/**
 * The desktop build's hand-over, as close as this machine allows without the
 * Electron binary: the app runs in Chromium with a DesktopApi whose methods
 * reach this Node process — the main process's own workbook export service
 * writes the .xlsx, and printToPdf prints the calling page as Electron's
 * printToPDF does (A4 unless the page's CSS says otherwise, backgrounds on).
 * The PDF must hold the report alone, not the screen around it. Then the main
 * process's backup service: a backup into `<userData>/sao-luu` and a second folder
 * (the "USB stick"), and a restore read back from the folder.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, appFixture, completeWizard, screenshot } from './harness';
import { createBackupService, nodeBackupServiceDeps } from '../../electron/main/services/backups';
import { createWorkbookExportService, randomSuffix } from '../../electron/main/services/workbook-export';
import { IPC_REQUEST_SCHEMAS } from '../../shared/ipc/contract';

const fixture = appFixture();
const usb = mkdtempSync(join(tmpdir(), 'sodean06-usb-'));
const userData = mkdtempSync(join(tmpdir(), 'sodean06-userdata-'));
const secondFolder = mkdtempSync(join(tmpdir(), 'sodean06-second-'));
afterAll(() => {
  rmSync(usb, { recursive: true, force: true });
  rmSync(userData, { recursive: true, force: true });
  rmSync(secondFolder, { recursive: true, force: true });
});

/**
 * window.soDeAn06 in the page: every method forwards its request, as JSON, to `__desktop` in Node,
 * and gets its answer back as JSON; bytes (a backup) cross as base64, since JSON would turn a
 * Uint8Array into an object of numbers. waitForExit stays pending: nobody closes this window.
 */
const PRELOAD = `
  const methods = ['getAppInfo', 'saveFile', 'openFile', 'openSheets', 'printToPdf', 'showInFolder', 'chooseFolder', 'exportBegin', 'exportSheet', 'exportRows', 'exportFinish', 'exportAbort', 'backupWrite', 'backupList', 'backupRead', 'backupChooseSecondFolder', 'backupClearSecondFolder', 'exitReady'];
  const toBase64 = (bytes) => {
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(text);
  };
  const encode = (request) => JSON.stringify(request, (_key, value) => (value instanceof Uint8Array ? { __bytes: toBase64(value) } : value));
  const decode = (json) => JSON.parse(json, (_key, value) =>
    value !== null && typeof value === 'object' && typeof value.__bytes === 'string' ? Uint8Array.from(atob(value.__bytes), (c) => c.charCodeAt(0)) : value);
  window.soDeAn06 = Object.fromEntries(methods.map((m) => [m, async (request) => decode(await window.__desktop(m, request === undefined ? '' : encode(request)))]));
  window.soDeAn06.waitForExit = () => new Promise(() => {});
`;

/** The page's JSON with base64 bytes, and back. */
const fromPage = (json: string): unknown =>
  json === ''
    ? undefined
    : JSON.parse(json, (_key, value: unknown) =>
        value !== null && typeof value === 'object' && '__bytes' in value && typeof value.__bytes === 'string'
          ? new Uint8Array(Buffer.from(value.__bytes, 'base64'))
          : value,
      );
const toPage = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (v instanceof Uint8Array ? { __bytes: Buffer.from(v).toString('base64') } : v));

describe('hand-over in the desktop build', () => {
  it('writes the workbook and the report PDF into the chosen folder; the PDF is the report alone; backs up and restores through main', async () => {
    const app = await fixture.open();
    const { page, context } = app;
    const shown: string[] = [];
    const exports = createWorkbookExportService({
      dialogs: { chooseSavePath: async () => undefined, chooseDirectory: async () => usb },
      documentsDir: () => usb,
      randomSuffix,
    });
    // main's folder dialog for the second backup folder picks the "USB stick"
    const backups = createBackupService(nodeBackupServiceDeps(userData, async () => secondFolder));
    await context.exposeFunction('__desktop', async (method: string, json: string) => toPage(await desktop(method, fromPage(json))));
    const desktop = async (method: string, request: unknown): Promise<unknown> => {
      const parsed = IPC_REQUEST_SCHEMAS[method as keyof typeof IPC_REQUEST_SCHEMAS].safeParse(request);
      if (!parsed.success) return { ok: false, code: 'invalid_request', message: 'invalid' };
      switch (method) {
        case 'getAppInfo':
          return { ok: true, value: { version: 'test', shell: 'desktop', platform: 'linux' } };
        case 'printToPdf': {
          const { suggestedName, folder } = parsed.data as { suggestedName: string; folder?: string };
          if (!folder || !exports.isChosenFolder(folder)) return { ok: false, code: 'invalid_request', message: 'folder' };
          const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
          const path = join(folder, suggestedName);
          writeFileSync(path, pdf);
          return { ok: true, value: { saved: true, path, sha256: createHash('sha256').update(pdf).digest('hex'), bytes: pdf.byteLength } };
        }
        case 'showInFolder':
          shown.push((parsed.data as { path: string }).path);
          return { ok: true, value: null };
        case 'exitReady':
          return { ok: true, value: null };
        default: {
          const service = (exports[method as 'exportRows'] ?? backups[method as 'backupRead']) as ((r: unknown) => Promise<unknown>) | undefined;
          return service ? service(parsed.data) : { ok: false, code: 'unsupported', message: method };
        }
      }
    };
    await context.addInitScript(PRELOAD);
    await page.reload();
    await completeWizard(page);

    await page.getByRole('link', { name: 'Báo cáo tháng' }).click();
    await page.getByRole('button', { name: 'Chọn thư mục và bàn giao…' }).click();
    const done = page.getByRole('dialog', { name: 'Đã bàn giao và chốt số liệu' });
    await done.waitFor({ timeout: 60_000 });
    await screenshot(page, '24-desktop-handover-done');
    const files = readdirSync(usb).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^BaoCao_DA06_CAX-VinhHiep_\d{4}-\d{2}\.pdf$/);
    expect(files[1]).toMatch(/^BaoCao_DA06_CAX-VinhHiep_\d{4}-\d{2}\.xlsx$/);
    // the folder is opened for the officer
    expect(shown).toEqual([join(usb, files[1]!)]);

    const text = execFileSync('pdftotext', ['-layout', join(usb, files[0]!), '-'], { encoding: 'utf8' });
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('BÁO CÁO');
    expect(text).toContain('Nơi nhận');
    // the screen around the report is not printed
    for (const screenText of ['Bàn giao cho cấp trên', 'Xuất bảng tổng hợp Excel', 'Nhật ký thao tác', 'Khóa máy']) expect(text).not.toContain(screenText);
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', join(usb, files[0]!), join(ARTIFACTS, '25-desktop-handover-pdf')]);
    await page.keyboard.press('Escape');

    // --- backups through the main process's service
    await page.getByRole('navigation', { name: 'Chức năng' }).getByRole('link', { name: 'Cài đặt' }).click();
    await page.getByRole('tab', { name: 'Sao lưu và khôi phục' }).click();
    await page.getByLabel(/^Mật khẩu sao lưu/).fill('Vĩnh Hiệp 2026');
    await page.getByLabel(/^Nhập lại mật khẩu/).fill('Vĩnh Hiệp 2026');
    await page.getByRole('button', { name: 'Đặt mật khẩu' }).click();
    await page.getByText('Đã đặt mật khẩu. Bản sao lưu').waitFor({ timeout: 30_000 });
    await page.getByText(join(userData, 'sao-luu')).waitFor();
    await page.getByRole('button', { name: 'Chọn thư mục…' }).click();
    await page.getByText(secondFolder).waitFor();
    await page.getByRole('button', { name: 'Sao lưu ngay' }).click();
    await page.getByText(/^Đã sao lưu vào .*_manual\.sdbak\.$/).waitFor({ timeout: 30_000 });
    const backupName = /^SoDeAn06_\d{8}-\d{6}_manual\.sdbak$/;
    // written whole under a temporary name and renamed: no temporary file is left, in either folder
    expect(readdirSync(join(userData, 'sao-luu'))).toEqual([expect.stringMatching(backupName)]);
    expect(readdirSync(secondFolder)).toEqual([expect.stringMatching(backupName)]);
    await screenshot(page, '26-desktop-backup');

    // the backup read back from the folder by main, shown, and restored after a safety copy
    await page.getByRole('table', { name: 'Các bản sao lưu' }).getByRole('row', { name: /Sao lưu tay.*Thư mục sao lưu/ }).getByRole('button').click();
    const preview = page.getByRole('dialog', { name: 'Khôi phục từ bản sao lưu' });
    await preview.getByText('Công an xã Vĩnh Hiệp').waitFor();
    await preview.getByRole('button', { name: 'Thay dữ liệu bằng bản này' }).click();
    await page.getByRole('dialog', { name: 'Khôi phục xong' }).waitFor({ timeout: 60_000 });
    expect(readdirSync(join(userData, 'sao-luu')).sort()).toEqual([expect.stringMatching(backupName), expect.stringMatching(/_safety\.sdbak$/)]);
    expect(app.errors).toEqual([]);
  });
});
