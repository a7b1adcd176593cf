/**
 * Workbook exports streamed to a real temporary folder with exceljs's
 * streaming writer, then read back: what the superior unit opens in Excel.
 */
import path from 'node:path';
import os from 'node:os';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import ExcelJS from 'exceljs';
import * as CFB from 'cfb';
import type { SheetSpec } from '../../../shared/report/workbook';
import { OLE_SIGNATURE } from '../../../shared/excel/office-encryption';

vi.mock('electron', () => ({ app: {}, dialog: {}, shell: {} }));
const { createWorkbookExportService, FOLDER_NOT_CHOSEN_MESSAGE } = await import('./workbook-export');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sodean06-export-'));
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

function service(choice: { save?: string; folder?: string } = {}) {
  return createWorkbookExportService({
    dialogs: { chooseSavePath: async () => choice.save, chooseDirectory: async () => choice.folder },
    documentsDir: () => dir,
    randomSuffix: () => 'r4nd0m',
  });
}

const SUMMARY: SheetSpec = {
  name: 'Tổng hợp',
  landscape: true,
  columns: [
    { width: 6, kind: 'count' },
    { width: 30, kind: 'label' },
    { width: 12, kind: 'count' },
    { width: 10, kind: 'rate' },
  ],
  unitLines: ['CÔNG AN TỈNH KHÁNH HÒA', 'CÔNG AN XÃ VĨNH HIỆP'],
  title: 'BẢNG TỔNG HỢP',
  subtitle: '(tính đến ngày 20/11/2026)',
  header: [[{ text: 'Stt' }, { text: 'Nội dung' }, { text: 'Tổng số' }, { text: 'Tỷ lệ %' }]],
  numbered: false,
  frozenColumns: 2,
  rows: [
    [1, 'Hội Người cao tuổi', 22966, 0.9064],
    [2, 'Thông tin người lao động', 242089, null],
  ],
  boldRows: [1],
};

const DETAIL: SheetSpec = {
  name: 'Hội Người cao tuổi',
  landscape: false,
  columns: [
    { width: 6, kind: 'count' },
    { width: 26, kind: 'text' },
    { width: 12, kind: 'birth' },
    { width: 16, kind: 'id' },
    { width: 12, kind: 'date' },
  ],
  unitLines: ['CÔNG AN TỈNH KHÁNH HÒA', 'CÔNG AN XÃ VĨNH HIỆP'],
  title: 'DANH SÁCH HỘI NGƯỜI CAO TUỔI',
  subtitle: '(Lũy kế tính đến ngày 20/11/2026)',
  header: [[{ text: 'Stt' }, { text: 'Họ và tên' }, { text: 'Ngày sinh' }, { text: 'Số định danh' }, { text: 'Ngày cập nhật' }]],
  numbered: true,
  frozenColumns: 2,
  rows: [],
  boldRows: [],
};

async function readBack(file: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

describe('workbook export, streamed to disk', () => {
  it('writes every sheet and row page by page, with IDs as text, real dates and the print setup', async () => {
    const target = path.join(dir, 'BaoCao.xlsx');
    const exports = service({ save: target });
    const begun = await exports.exportBegin({ suggestedName: 'BaoCao.xlsx' });
    expect(begun).toMatchObject({ ok: true, value: { started: true } });
    const exportId = begun.ok && begun.value.started ? begun.value.exportId : '';
    expect(await exports.exportSheet({ exportId, sheet: SUMMARY })).toEqual({ ok: true, value: null });
    expect(await exports.exportSheet({ exportId, sheet: DETAIL })).toEqual({ ok: true, value: null });
    expect(await exports.exportRows({ exportId, rows: [['Nguyễn Văn An', '1950', '001089012345', '2026-11-02']] })).toMatchObject({ ok: true });
    expect(await exports.exportRows({ exportId, rows: [['=HYPERLINK("x")', '1951-03-12', '079190000001', '2026-11-03']] })).toMatchObject({ ok: true });
    const finished = await exports.exportFinish({ exportId });
    expect(finished.ok).toBe(true);
    if (!finished.ok) return;

    const bytes = await readFile(target);
    expect(finished.value).toEqual({ path: target, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.byteLength });
    expect(await readdir(dir)).toEqual(['BaoCao.xlsx']);
    // without a password: a plain .xlsx (a zip)
    expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);

    const workbook = await readBack(target);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Hội Người cao tuổi']);
    const summary = workbook.getWorksheet('Tổng hợp')!;
    // title block: 2 unit lines, blank, title, subtitle, blank, then the header on row 7
    expect(summary.getCell('A1').value).toBe('CÔNG AN TỈNH KHÁNH HÒA');
    expect(summary.getCell('A2').font.bold).toBe(true);
    expect(summary.getCell('A4').value).toBe('BẢNG TỔNG HỢP');
    expect(summary.getCell('A4').isMerged).toBe(true);
    expect(summary.getCell('D4').master.address).toBe('A4');
    expect(summary.getCell('B7').value).toBe('Nội dung');
    expect(summary.getRow(7).values).toEqual([undefined, 'Stt', 'Nội dung', 'Tổng số', 'Tỷ lệ %']);
    expect(summary.getCell('C8').value).toBe(22966);
    expect(summary.getCell('C8').numFmt).toBe('#,##0');
    expect(summary.getCell('D8').value).toBe(0.9064);
    expect(summary.getCell('D8').numFmt).toBe('0.00%');
    expect(summary.getCell('D9').value).toBeNull();
    expect(summary.getCell('B9').font.bold).toBe(true);
    expect(summary.getCell('B8').font.name).toBe('Times New Roman');
    expect(summary.getCell('B8').border.left?.style).toBe('thin');
    expect(summary.pageSetup.orientation).toBe('landscape');
    expect(summary.pageSetup.paperSize).toBe(9);
    expect(summary.pageSetup.fitToWidth).toBe(1);
    expect(summary.pageSetup.printTitlesRow).toBe('7:7');
    expect(summary.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 7 });

    const detail = workbook.getWorksheet('Hội Người cao tuổi')!;
    expect(detail.getRow(8).values).toEqual([undefined, 1, 'Nguyễn Văn An', '1950', '001089012345', new Date(Date.UTC(2026, 10, 2))]);
    expect(detail.getCell('D8').numFmt).toBe('@');
    expect(detail.getCell('E8').numFmt).toBe('dd/mm/yyyy');
    // a formula-looking text stays text; a complete birth date is a date
    expect(detail.getCell('B9').value).toBe('=HYPERLINK("x")');
    expect(detail.getCell('C9').value).toEqual(new Date(Date.UTC(1951, 2, 12)));
    expect(detail.getCell('A9').value).toBe(2);
  });

  it('with a password, the file saved is Excel-encrypted (an OLE file), its checksum that of the encrypted bytes', async () => {
    const target = path.join(dir, 'BaoCao.xlsx');
    const exports = service({ save: target });
    const begun = await exports.exportBegin({ suggestedName: 'BaoCao.xlsx', password: 'matkhau2026' });
    const exportId = begun.ok && begun.value.started ? begun.value.exportId : '';
    await exports.exportSheet({ exportId, sheet: DETAIL });
    // two full pages: far more than exceljs's zip buffers before it writes out (plain, ~200 KB would be on the disk by now)
    for (let page = 0; page < 2; page++) {
      const rows = Array.from({ length: 10000 }, (_, i) => [`Nguyễn Văn ${page}-${i}`, '1950', String(1e11 + i), '2026-11-02']);
      expect(await exports.exportRows({ exportId, rows })).toMatchObject({ ok: true });
    }
    // nothing of the plain workbook reaches the disk (a USB stick keeps deleted files readable): the temporary file stays empty
    const [temporary] = await readdir(dir);
    expect(temporary).toMatch(/^BaoCao\.xlsx\.tmp-/);
    expect((await readFile(path.join(dir, temporary!))).byteLength).toBe(0);

    const finished = await exports.exportFinish({ exportId });
    expect(finished.ok).toBe(true);
    if (!finished.ok) return;
    const bytes = await readFile(target);
    expect([...bytes.subarray(0, 8)]).toEqual(OLE_SIGNATURE);
    expect(finished.value).toEqual({ path: target, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.byteLength });
    expect(await readdir(dir)).toEqual(['BaoCao.xlsx']);
    const container = CFB.read(bytes, { type: 'buffer' });
    const info = Buffer.from(CFB.find(container, '/EncryptionInfo')!.content as Uint8Array);
    expect([...info.subarray(0, 4)]).toEqual([4, 0, 4, 0]);
    expect(info.toString('latin1')).toContain('<p:encryptedKey spinCount="100000"');
    const encryptedPackage = Buffer.from(CFB.find(container, '/EncryptedPackage')!.content as Uint8Array);
    // the plain size, then the workbook padded to whole AES blocks
    const plainSize = Number(encryptedPackage.readBigUInt64LE(0));
    expect(plainSize).toBeGreaterThan(1000);
    expect(encryptedPackage.byteLength).toBe(8 + Math.ceil(plainSize / 16) * 16);
    await expect(readBack(target)).rejects.toThrow();
  });

  it('an aborted export with a password leaves nothing behind either', async () => {
    const exports = service({ save: path.join(dir, 'a.xlsx') });
    const begun = await exports.exportBegin({ suggestedName: 'a.xlsx', password: 'matkhau2026' });
    const exportId = begun.ok && begun.value.started ? begun.value.exportId : '';
    await exports.exportSheet({ exportId, sheet: SUMMARY });
    await exports.exportAbort({ exportId });
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a row that does not fit the sheet, and a page is all or nothing', async () => {
    const exports = service({ save: path.join(dir, 'a.xlsx') });
    const begun = await exports.exportBegin({ suggestedName: 'a.xlsx' });
    const exportId = begun.ok && begun.value.started ? begun.value.exportId : '';
    expect(await exports.exportRows({ exportId, rows: [['x']] })).toMatchObject({ ok: false, code: 'invalid_request' });
    await exports.exportSheet({ exportId, sheet: DETAIL });
    expect(await exports.exportRows({ exportId, rows: [['A', '', '', ''], ['B']] })).toMatchObject({ ok: false, code: 'invalid_request' });
    await exports.exportRows({ exportId, rows: [['C', '', '', '']] });
    await exports.exportFinish({ exportId });
    const detail = (await readBack(path.join(dir, 'a.xlsx'))).getWorksheet(DETAIL.name)!;
    expect(detail.getCell('B8').value).toBe('C');
    expect(detail.getCell('A8').value).toBe(1);
    expect(detail.rowCount).toBe(8);
  });

  it('an aborted export leaves nothing behind, and its id is dead', async () => {
    const exports = service({ save: path.join(dir, 'a.xlsx') });
    const begun = await exports.exportBegin({ suggestedName: 'a.xlsx' });
    const exportId = begun.ok && begun.value.started ? begun.value.exportId : '';
    await exports.exportSheet({ exportId, sheet: SUMMARY });
    expect(await exports.exportAbort({ exportId })).toEqual({ ok: true, value: null });
    expect(await readdir(dir)).toEqual([]);
    expect(await exports.exportFinish({ exportId })).toMatchObject({ ok: false, code: 'invalid_request' });
  });

  it('abortAll drops unfinished exports when the window closes', async () => {
    const exports = service({ save: path.join(dir, 'a.xlsx') });
    await exports.exportBegin({ suggestedName: 'a.xlsx' });
    await exports.abortAll();
    expect(await readdir(dir)).toEqual([]);
  });

  it('a cancelled save dialog starts nothing', async () => {
    expect(await service({}).exportBegin({ suggestedName: 'a.xlsx' })).toEqual({ ok: true, value: { started: false } });
    expect(await readdir(dir)).toEqual([]);
  });

  it('writes into a folder only after the officer chose it in the folder dialog', async () => {
    const usb = path.join(dir, 'usb');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(usb);
    const exports = service({ folder: usb });
    expect(await exports.exportBegin({ suggestedName: 'a.xlsx', folder: usb })).toEqual({
      ok: false,
      code: 'invalid_request',
      message: FOLDER_NOT_CHOSEN_MESSAGE,
    });
    expect(await exports.chooseFolder()).toEqual({ ok: true, value: { chosen: true, path: usb } });
    const begun = await exports.exportBegin({ suggestedName: '../../a.xlsx', folder: usb });
    const exportId = begun.ok && begun.value.started ? begun.value.exportId : '';
    await exports.exportSheet({ exportId, sheet: SUMMARY });
    const finished = await exports.exportFinish({ exportId });
    // the name's folder part is dropped: the file lands in the chosen folder
    expect(finished).toMatchObject({ ok: true, value: { path: path.join(usb, 'a.xlsx') } });
  });

  it('a folder it cannot write to gets a Vietnamese message and no file', async () => {
    const exports = service({ save: path.join(dir, 'missing-folder', 'a.xlsx') });
    const begun = await exports.exportBegin({ suggestedName: 'a.xlsx' });
    expect(begun).toMatchObject({ ok: false, code: 'io_error' });
    expect(begun.ok ? '' : begun.message).toMatch(/Không lưu được tệp|Không ghi được tệp/);
  });
});
