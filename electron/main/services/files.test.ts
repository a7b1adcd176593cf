/**
 * Saving and opening files on a real temporary folder. The point that matters
 * most to the officer: a failed save never leaves a half-written file behind,
 * and an existing file is either untouched or fully replaced.
 */
import path from 'node:path';
import os from 'node:os';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import ExcelJS from 'exceljs';
import { MAX_TRANSFER_BYTES } from '../../../shared/ipc/contract';

// files.ts wires the real dialogs from 'electron'; these tests inject fakes instead.
vi.mock('electron', () => ({ app: {}, dialog: {}, shell: {} }));
const { createFileService, nodeFileSystem, writeFileAtomic } = await import('./files');
type FileSystem = typeof nodeFileSystem;
type FileServiceDeps = Parameters<typeof createFileService>[0];

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sodean06-files-'));
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

const bytes = (text: string) => new TextEncoder().encode(text);

/** Like the real file system, but writing stops half way with the given error. */
function failingHalfWay(code: string): FileSystem {
  return {
    ...nodeFileSystem,
    async writeNewFile(filePath, data) {
      await nodeFileSystem.writeNewFile(filePath, data.subarray(0, Math.floor(data.length / 2)));
      throw Object.assign(new Error(`${code}: simulated`), { code });
    },
  };
}

describe('writeFileAtomic', () => {
  it('writes the bytes and leaves only the target', async () => {
    const target = path.join(dir, 'bao-cao.xlsx');
    await writeFileAtomic(nodeFileSystem, target, bytes('đầy đủ'), 'abc');
    expect(await readFile(target, 'utf8')).toBe('đầy đủ');
    expect(await readdir(dir)).toEqual(['bao-cao.xlsx']);
  });

  it('replaces an existing file completely', async () => {
    const target = path.join(dir, 'bao-cao.xlsx');
    await writeFile(target, 'bản cũ dài hơn bản mới rất nhiều');
    await writeFileAtomic(nodeFileSystem, target, bytes('mới'), 'abc');
    expect(await readFile(target, 'utf8')).toBe('mới');
  });

  it('leaves no partial file when writing fails, and no target', async () => {
    const target = path.join(dir, 'bao-cao.xlsx');
    await expect(writeFileAtomic(failingHalfWay('ENOSPC'), target, bytes('0123456789'), 'abc')).rejects.toThrow(
      'ENOSPC',
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it('keeps the old file intact when the final rename fails', async () => {
    const target = path.join(dir, 'bao-cao.xlsx');
    await writeFile(target, 'bản cũ');
    const lockedTarget: FileSystem = {
      ...nodeFileSystem,
      rename: async () => {
        throw Object.assign(new Error('EBUSY: file is open in Excel'), { code: 'EBUSY' });
      },
    };
    await expect(writeFileAtomic(lockedTarget, target, bytes('bản mới'), 'abc')).rejects.toThrow('EBUSY');
    expect(await readFile(target, 'utf8')).toBe('bản cũ');
    expect(await readdir(dir)).toEqual(['bao-cao.xlsx']);
  });

  it('never overwrites an unrelated file that happens to have the temporary name', async () => {
    const target = path.join(dir, 'bao-cao.xlsx');
    await writeFile(`${target}.tmp-abc`, 'không phải của ứng dụng');
    await expect(writeFileAtomic(nodeFileSystem, target, bytes('x'), 'abc')).rejects.toThrow('EEXIST');
    expect(await readFile(`${target}.tmp-abc`, 'utf8')).toBe('không phải của ứng dụng');
    await expect(readFile(target)).rejects.toThrow();
  });
});

function deps(overrides: Partial<FileServiceDeps> & { savePath?: string; openPath?: string }): FileServiceDeps {
  return {
    dialogs: {
      showSaveDialog: vi.fn(async () =>
        overrides.savePath ? { canceled: false, filePath: overrides.savePath } : { canceled: true },
      ),
      showOpenDialog: vi.fn(async () =>
        overrides.openPath ? { canceled: false, filePaths: [overrides.openPath] } : { canceled: true, filePaths: [] },
      ),
    },
    fs: nodeFileSystem,
    showItemInFolder: vi.fn(),
    documentsDir: () => dir,
    randomSuffix: () => 'r4nd0m',
    ...overrides,
  };
}

const excel = [{ name: 'Tệp Excel', extensions: ['xlsx'] }];

describe('createFileService().saveFile', () => {
  it('asks where to save, in Vietnamese, starting in Documents with the suggested name', async () => {
    const d = deps({});
    await createFileService(d).saveFile({ suggestedName: 'bao-cao.xlsx', filters: excel, data: bytes('x') });
    expect(d.dialogs.showSaveDialog).toHaveBeenCalledWith({
      title: 'Lưu tệp',
      buttonLabel: 'Lưu',
      defaultPath: path.join(dir, 'bao-cao.xlsx'),
      filters: excel,
    });
  });

  it('reports a cancelled dialog as not saved and writes nothing', async () => {
    const result = await createFileService(deps({})).saveFile({ suggestedName: 'a.xlsx', filters: excel, data: bytes('x') });
    expect(result).toEqual({ ok: true, value: { saved: false } });
    expect(await readdir(dir)).toEqual([]);
  });

  it('writes the file where the officer chose', async () => {
    const target = path.join(dir, 'tháng 5.xlsx');
    const result = await createFileService(deps({ savePath: target })).saveFile({
      suggestedName: 'a.xlsx',
      filters: excel,
      data: bytes('nội dung'),
    });
    const sha256 = createHash('sha256').update(bytes('nội dung')).digest('hex');
    expect(result).toEqual({ ok: true, value: { saved: true, path: target, sha256, bytes: bytes('nội dung').byteLength } });
    expect(await readFile(target, 'utf8')).toBe('nội dung');
  });

  it('saves into a folder without asking only when the officer chose that folder', async () => {
    const usb = path.join(dir, 'usb');
    await mkdir(usb);
    const d = deps({ isChosenFolder: (f) => path.resolve(f) === usb });
    const service = createFileService(d);
    const refused = await service.saveFile({ suggestedName: 'a.xlsx', filters: excel, data: bytes('x'), folder: dir });
    expect(refused).toMatchObject({ ok: false, code: 'invalid_request' });
    const saved = await service.saveFile({ suggestedName: '../a.xlsx', filters: excel, data: bytes('x'), folder: usb });
    expect(saved).toMatchObject({ ok: true, value: { saved: true, path: path.join(usb, 'a.xlsx') } });
    expect(d.dialogs.showSaveDialog).not.toHaveBeenCalled();
    expect(await readdir(dir)).toEqual(['usb']);
  });

  it('turns a failed write into a Vietnamese io_error and leaves no partial file', async () => {
    const target = path.join(dir, 'a.xlsx');
    const service = createFileService(deps({ savePath: target, fs: failingHalfWay('EACCES') }));
    const result = await service.saveFile({ suggestedName: 'a.xlsx', filters: excel, data: bytes('0123456789') });
    expect(result).toMatchObject({ ok: false, code: 'io_error' });
    expect(result.ok ? '' : result.message).toMatch(/Không ghi được tệp/);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('createFileService().openFile', () => {
  it('reads the chosen file', async () => {
    const source = path.join(dir, 'danh-sach.xlsx');
    await writeFile(source, 'dữ liệu');
    const result = await createFileService(deps({ openPath: source })).openFile({ filters: excel });
    expect(result).toEqual({ ok: true, value: { opened: true, name: 'danh-sach.xlsx', data: expect.any(Uint8Array) } });
    if (result.ok && result.value.opened) expect(new TextDecoder().decode(result.value.data)).toBe('dữ liệu');
  });

  it('reports a cancelled dialog as not opened', async () => {
    expect(await createFileService(deps({})).openFile({ filters: excel })).toEqual({ ok: true, value: { opened: false } });
  });

  it('refuses files above the transfer limit without reading them', async () => {
    const source = path.join(dir, 'lon.xlsx');
    await writeFile(source, 'x');
    const readSpy = vi.fn(nodeFileSystem.readFile);
    const fs: FileSystem = { ...nodeFileSystem, fileSize: async () => MAX_TRANSFER_BYTES + 1, readFile: readSpy };
    const result = await createFileService(deps({ openPath: source, fs })).openFile({ filters: excel });
    expect(result).toMatchObject({ ok: false, code: 'too_large' });
    expect(readSpy).not.toHaveBeenCalled();
  });

  it('reports a file that disappeared as io_error', async () => {
    const result = await createFileService(deps({ openPath: path.join(dir, 'mat.xlsx') })).openFile({ filters: excel });
    expect(result).toMatchObject({ ok: false, code: 'io_error' });
  });
});

describe('createFileService().openSheets', () => {
  const sheetsFilter = [{ name: 'Bảng tính', extensions: ['xlsx', 'csv'] }];

  it('streams the chosen workbook into sheets', async () => {
    const source = path.join(dir, 'lao-dong.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Danh sách').addRow(['Nguyễn Văn An', 1985]);
    await wb.xlsx.writeFile(source);
    const d = deps({ openPath: source });
    const result = await createFileService(d).openSheets({ filters: sheetsFilter });
    expect(result).toEqual({
      ok: true,
      value: {
        opened: true,
        name: 'lao-dong.xlsx',
        sheets: [{ name: 'Danh sách', rows: [{ rowNumber: 1, hidden: false, cells: ['Nguyễn Văn An', 1985] }], merges: [] }],
      },
    });
    expect(d.dialogs.showOpenDialog).toHaveBeenCalledWith({
      title: 'Mở tệp',
      buttonLabel: 'Mở',
      defaultPath: dir,
      filters: sheetsFilter,
      properties: ['openFile'],
    });
  });

  it('gives a file it cannot read as a value with the Vietnamese message', async () => {
    const source = path.join(dir, 'cu.xls');
    await writeFile(source, new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    const result = await createFileService(deps({ openPath: source })).openSheets({ filters: sheetsFilter });
    expect(result).toMatchObject({ ok: true, value: { opened: true, name: 'cu.xls', error: { code: 'xls' } } });
    if (result.ok && result.value.opened && 'error' in result.value) expect(result.value.error.message).toContain('“cu.xls”');
  });

  it('reports a cancelled dialog as not opened, without reading', async () => {
    const readSheets = vi.fn();
    expect(await createFileService(deps({ readSheets })).openSheets({ filters: sheetsFilter })).toEqual({ ok: true, value: { opened: false } });
    expect(readSheets).not.toHaveBeenCalled();
  });

  it('reports a file that disappeared, or a disk that fails, as io_error', async () => {
    const gone = await createFileService(deps({ openPath: path.join(dir, 'mat.xlsx') })).openSheets({ filters: sheetsFilter });
    expect(gone).toMatchObject({ ok: false, code: 'io_error' });
    const source = path.join(dir, 'a.xlsx');
    await writeFile(source, 'x');
    const readSheets = vi.fn(async () => {
      throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
    });
    const failed = await createFileService(deps({ openPath: source, readSheets })).openSheets({ filters: sheetsFilter });
    expect(failed).toMatchObject({ ok: false, code: 'io_error' });
    expect(readSheets).toHaveBeenCalledWith(source, 'a.xlsx');
  });
});

describe('createFileService().showInFolder', () => {
  it('shows an existing absolute path', async () => {
    const file = path.join(dir, 'a.xlsx');
    await writeFile(file, 'x');
    const d = deps({});
    expect(await createFileService(d).showInFolder({ path: file })).toEqual({ ok: true, value: null });
    expect(d.showItemInFolder).toHaveBeenCalledWith(file);
  });

  it.each(['a.xlsx', '../a.xlsx'])('refuses the relative path %s', async (relative) => {
    const d = deps({});
    expect(await createFileService(d).showInFolder({ path: relative })).toMatchObject({ ok: false, code: 'io_error' });
    expect(d.showItemInFolder).not.toHaveBeenCalled();
  });
});
