/**
 * The browser build's DesktopApi in jsdom: saving triggers a real <a download>
 * of the exact bytes, opening reads the picked file or reports a cancel, and
 * the rest degrades with Vietnamese messages instead of failing silently.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BACKUP_KEEP, MAX_TRANSFER_BYTES } from '../../shared/ipc/contract';
import {
  BROWSER_BACKUP_FOLDER,
  BROWSER_BACKUP_MESSAGES,
  createBrowserApi,
  SHOW_IN_FOLDER_UNSUPPORTED_MESSAGE,
  type BackupDirectoryHandle,
  type BackupFileHandle,
} from './browser-api';

const excel = [{ name: 'Tệp Excel', extensions: ['xlsx', 'xls'] }];

beforeEach(() => {
  // jsdom has no Blob URLs; record what would have been downloaded instead.
  URL.createObjectURL = vi.fn(() => 'blob:http://127.0.0.1/1234');
  URL.revokeObjectURL = vi.fn();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('saveFile', () => {
  it('downloads the exact bytes under the suggested name through a temporary link', async () => {
    vi.useFakeTimers();
    const clicked: { href: string; download: string; inDocument: boolean }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download, inDocument: document.body.contains(this) });
    });

    const data = new TextEncoder().encode('Sổ Đề án 06');
    const result = await createBrowserApi().saveFile({ suggestedName: 'bao-cao-thang-5.xlsx', filters: excel, data });

    // SHA-256 of the UTF-8 text 'Sổ Đề án 06', as `printf 'Sổ Đề án 06' | sha256sum` gives it
    expect(result).toEqual({
      ok: true,
      value: { saved: true, path: 'bao-cao-thang-5.xlsx', sha256: 'cf70e77b796bb708778c799941d72c564089d04812112b0cef84d3c6ca723e51', bytes: 17 },
    });
    expect(clicked).toEqual([{ href: 'blob:http://127.0.0.1/1234', download: 'bao-cao-thang-5.xlsx', inDocument: true }]);
    expect(document.querySelector('a')).toBeNull();

    const blob = vi.mocked(URL.createObjectURL).mock.calls[0]?.[0] as Blob;
    expect(blob.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    // Compared as plain arrays: jsdom's TextEncoder builds its Uint8Array in another realm.
    expect(Array.from(new Uint8Array(await blob.arrayBuffer()))).toEqual(Array.from(data));

    // The URL must outlive the click, or the browser may cancel the download.
    expect(URL.revokeObjectURL).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:http://127.0.0.1/1234');
  });

  it('refuses a name the desktop app would refuse, without downloading', async () => {
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const result = await createBrowserApi().saveFile({ suggestedName: '../x.xlsx', filters: excel, data: new Uint8Array() });
    expect(result).toMatchObject({ ok: false, code: 'invalid_request' });
    expect(click).not.toHaveBeenCalled();
  });
});

/** Starts openFile and returns the hidden input it put in the document. */
function startOpen() {
  const click = vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(() => undefined);
  const pending = createBrowserApi().openFile({ filters: excel });
  const input = document.querySelector<HTMLInputElement>('input[type=file]');
  if (!input) throw new Error('openFile did not create a file input');
  return { pending, input, click };
}

function pick(input: HTMLInputElement, files: unknown[]): void {
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  input.dispatchEvent(new Event('change'));
}

describe('openFile', () => {
  it('opens a picker limited to the requested extensions', async () => {
    const { pending, input, click } = startOpen();
    expect(input.accept).toBe('.xlsx,.xls');
    expect(input.hidden).toBe(true);
    expect(click).toHaveBeenCalledOnce();
    input.dispatchEvent(new Event('cancel'));
    await pending;
  });

  it('reads the picked file', async () => {
    const { pending, input } = startOpen();
    const bytes = new TextEncoder().encode('họ và tên');
    pick(input, [new File([bytes], 'danh-sach.xlsx')]);
    const result = await pending;
    expect(result).toEqual({ ok: true, value: { opened: true, name: 'danh-sach.xlsx', data: expect.any(Uint8Array) } });
    if (result.ok && result.value.opened) expect(new TextDecoder().decode(result.value.data)).toBe('họ và tên');
    expect(document.querySelector('input[type=file]')).toBeNull();
  });

  it('reports a dismissed picker as not opened', async () => {
    const { pending, input } = startOpen();
    input.dispatchEvent(new Event('cancel'));
    await expect(pending).resolves.toEqual({ ok: true, value: { opened: false } });
    expect(document.querySelector('input[type=file]')).toBeNull();
  });

  it('reports an empty selection as not opened', async () => {
    const { pending, input } = startOpen();
    pick(input, []);
    await expect(pending).resolves.toEqual({ ok: true, value: { opened: false } });
  });

  it('refuses a file above the transfer limit without reading it', async () => {
    const { pending, input } = startOpen();
    const arrayBuffer = vi.fn();
    pick(input, [{ name: 'lon.xlsx', size: MAX_TRANSFER_BYTES + 1, arrayBuffer }]);
    const result = await pending;
    expect(result).toMatchObject({ ok: false, code: 'too_large' });
    expect(result.ok ? '' : result.message).toMatch(/Tệp quá lớn/);
    expect(arrayBuffer).not.toHaveBeenCalled();
  });

  it('turns a read failure into io_error', async () => {
    const { pending, input } = startOpen();
    pick(input, [{ name: 'hong.xlsx', size: 10, arrayBuffer: () => Promise.reject(new DOMException('NotReadableError')) }]);
    await expect(pending).resolves.toMatchObject({ ok: false, code: 'io_error' });
  });
});

describe('openSheets', () => {
  const sheetsFilter = [{ name: 'Bảng tính', extensions: ['xlsx', 'csv'] }];

  /** Starts openSheets, picks `files` in its picker and returns the answer. */
  async function openSheetsPicking(files: unknown[] | 'cancel') {
    vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(() => undefined);
    const pending = createBrowserApi().openSheets({ filters: sheetsFilter });
    const input = document.querySelector<HTMLInputElement>('input[type=file]');
    if (!input) throw new Error('openSheets did not create a file input');
    expect(input.accept).toBe('.xlsx,.csv');
    if (files === 'cancel') input.dispatchEvent(new Event('cancel'));
    else pick(input, files);
    return pending;
  }

  it('reads the picked spreadsheet into sheets, in memory', async () => {
    const text = new TextEncoder().encode('Họ và tên;Năm sinh\r\nNguyễn Văn An;1985\r\n');
    expect(await openSheetsPicking([new File([text], 'ds.csv')])).toEqual({
      ok: true,
      value: {
        opened: true,
        name: 'ds.csv',
        sheets: [
          {
            name: 'ds',
            merges: [],
            rows: [
              { rowNumber: 1, hidden: false, cells: ['Họ và tên', 'Năm sinh'] },
              { rowNumber: 2, hidden: false, cells: ['Nguyễn Văn An', '1985'] },
            ],
          },
        ],
      },
    });
  });

  it('gives a file it cannot read as a value with the Vietnamese message, as the desktop build does', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    const result = await openSheetsPicking([new File([ole], 'cu.xls')]);
    expect(result).toMatchObject({ ok: true, value: { opened: true, name: 'cu.xls', error: { code: 'xls' } } });
    if (result.ok && result.value.opened && 'error' in result.value) expect(result.value.error.message).toContain('“cu.xls”');
  });

  it('reports a dismissed picker as not opened, and a refused request as invalid', async () => {
    await expect(openSheetsPicking('cancel')).resolves.toEqual({ ok: true, value: { opened: false } });
    await expect(createBrowserApi().openSheets({ filters: [{ name: 'x', extensions: ['.xlsx'] }] })).resolves.toMatchObject({
      ok: false,
      code: 'invalid_request',
    });
  });
});

describe('the rest of the API', () => {
  it('printToPdf opens the browser print dialog and reports nothing saved', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    await expect(createBrowserApi().printToPdf({ suggestedName: 'bao-cao' })).resolves.toEqual({
      ok: true,
      value: { saved: false },
    });
    expect(print).toHaveBeenCalledOnce();
  });

  it('showInFolder is unsupported, with a Vietnamese explanation', async () => {
    await expect(createBrowserApi().showInFolder({ path: 'bao-cao.xlsx' })).resolves.toEqual({
      ok: false,
      code: 'unsupported',
      message: SHOW_IN_FOLDER_UNSUPPORTED_MESSAGE,
    });
  });

  it('getAppInfo says it is the browser build', async () => {
    const result = await createBrowserApi({ version: '9.9.9' }).getAppInfo();
    expect(result).toEqual({ ok: true, value: { version: '9.9.9', shell: 'browser', platform: navigator.platform } });
  });
});

/**
 * A small in-memory Origin Private File System: what a writable writes becomes
 * the file's content only on close(), as in Chromium; move() refuses an existing
 * target unless `moveOverwrites`; `failWrites` makes every write throw.
 */
function memoryOpfs(options: { clock: () => number; move?: boolean; moveOverwrites?: boolean; failWrites?: () => Error }) {
  type Entry = { data: Uint8Array<ArrayBuffer>; lastModified: number };
  const notFound = () => new DOMException('not found', 'NotFoundError');
  const folder = (): BackupDirectoryHandle & { files: Map<string, Entry>; folders: Map<string, BackupDirectoryHandle> } => {
    const files = new Map<string, Entry>();
    const folders = new Map<string, BackupDirectoryHandle>();
    const fileHandle = (initialName: string): BackupFileHandle => {
      let name = initialName;
      const entry = () => files.get(name) ?? (() => { throw notFound(); })();
      const handle: BackupFileHandle = {
        async getFile() {
          const { data, lastModified } = entry();
          return new File([data], name, { lastModified });
        },
        async createWritable() {
          const chunks: Uint8Array[] = [];
          return {
            async write(data) {
              if (options.failWrites) throw options.failWrites();
              chunks.push(new Uint8Array(data));
            },
            async close() {
              const data = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
              let at = 0;
              for (const chunk of chunks) {
                data.set(chunk, at);
                at += chunk.byteLength;
              }
              files.set(name, { data, lastModified: options.clock() });
            },
            async abort() {
              chunks.length = 0;
            },
          };
        },
      };
      if (options.move !== false) {
        handle.move = async (newName) => {
          if (files.has(newName) && !options.moveOverwrites) throw new DOMException('exists', 'InvalidModificationError');
          files.set(newName, entry());
          files.delete(name);
          name = newName;
        };
      }
      return handle;
    };
    return {
      files,
      folders,
      async getDirectoryHandle(name, opts) {
        let found = folders.get(name);
        if (!found) {
          if (!opts?.create) throw notFound();
          found = folder();
          folders.set(name, found);
        }
        return found;
      },
      async getFileHandle(name, opts) {
        if (!files.has(name)) {
          if (!opts?.create) throw notFound();
          files.set(name, { data: new Uint8Array(), lastModified: options.clock() });
        }
        return fileHandle(name);
      },
      async removeEntry(name) {
        if (!files.delete(name) && !folders.delete(name)) throw notFound();
      },
      async *keys() {
        yield* [...files.keys(), ...folders.keys()];
      },
    };
  };
  const root = folder();
  const backups = async () => (await root.getDirectoryHandle('sao-luu', { create: true })) as ReturnType<typeof folder>;
  return { root, backups };
}

describe('backups in the browser’s private file system', () => {
  const NOW = Date.parse('2026-11-22T09:00:00Z');
  const setup = (options: Partial<Parameters<typeof memoryOpfs>[0]> = {}) => {
    const opfs = memoryOpfs({ clock: () => NOW, ...options });
    const api = createBrowserApi({ backupRoot: async () => opfs.root, now: () => NOW });
    const names = async () => [...(await opfs.backups()).files.keys()].sort();
    return { api, opfs, names };
  };
  const data = new Uint8Array([83, 68, 0, 1, 2, 255]);
  // printf 'SD\x00\x01\x02\xff' | sha256sum
  const DATA_SHA256 = '8e4de318de908663fef49f06da1bbfa71cc5e003bff4e7d1552138ac9ee3544c';

  it('writes the backup under its final name in sao-luu, through a temporary file that does not stay', async () => {
    const { api, names, opfs } = setup();
    const result = await api.backupWrite({ kind: 'manual', stamp: '20261122-090000', data });
    expect(result).toEqual({ ok: true, value: { path: 'SoDeAn06_20261122-090000_manual.sdbak', bytes: 6, sha256: DATA_SHA256, second: null } });
    expect(await names()).toEqual(['SoDeAn06_20261122-090000_manual.sdbak']);
    expect(Array.from((await opfs.backups()).files.get('SoDeAn06_20261122-090000_manual.sdbak')?.data ?? [])).toEqual(Array.from(data));
  });

  it('writes the final name directly where move() is missing, and replaces a backup of the same second', async () => {
    const { api, names, opfs } = setup({ move: false });
    await api.backupWrite({ kind: 'auto', stamp: '20261122-090000', data: new Uint8Array([1, 1, 1, 1]) });
    await api.backupWrite({ kind: 'auto', stamp: '20261122-090000', data: new Uint8Array([2]) });
    expect(await names()).toEqual(['SoDeAn06_20261122-090000_auto.sdbak']);
    expect(Array.from((await opfs.backups()).files.get('SoDeAn06_20261122-090000_auto.sdbak')?.data ?? [])).toEqual([2]);
  });

  it('replaces a backup of the same second even where move() refuses an existing name', async () => {
    const { api, names, opfs } = setup({ moveOverwrites: false });
    await api.backupWrite({ kind: 'auto', stamp: '20261122-090000', data: new Uint8Array([1, 1]) });
    expect(await api.backupWrite({ kind: 'auto', stamp: '20261122-090000', data: new Uint8Array([2]) })).toMatchObject({ ok: true });
    expect(await names()).toEqual(['SoDeAn06_20261122-090000_auto.sdbak']);
    expect(Array.from((await opfs.backups()).files.get('SoDeAn06_20261122-090000_auto.sdbak')?.data ?? [])).toEqual([2]);
  });

  it('leaves nothing behind when the browser’s storage is full, and says so', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { api, names } = setup({ failWrites: () => new DOMException('quota', 'QuotaExceededError') });
    expect(await api.backupWrite({ kind: 'auto', stamp: '20261122-090000', data })).toEqual({
      ok: false,
      code: 'io_error',
      message: BROWSER_BACKUP_MESSAGES.full,
    });
    expect(await names()).toEqual([]);
  });

  it(`keeps the ${BACKUP_KEEP} newest backups, drops stale temporary files, and leaves other files alone`, async () => {
    const { api, names, opfs } = setup();
    const folder = await opfs.backups();
    const old = Array.from({ length: 32 }, (_, i) => `SoDeAn06_202610${String(i % 28 + 1).padStart(2, '0')}-09${String(i).padStart(2, '0')}00_auto.sdbak`);
    for (const name of old) folder.files.set(name, { data: new Uint8Array([1]), lastModified: NOW });
    const stale = '.SoDeAn06_20261121-180000_auto.sdbak.0a1b2c3d.tmp';
    const fresh = '.SoDeAn06_20261122-085900_auto.sdbak.0a1b2c3e.tmp';
    folder.files.set(stale, { data: new Uint8Array(), lastModified: NOW - 2 * 60 * 60 * 1000 });
    folder.files.set(fresh, { data: new Uint8Array(), lastModified: NOW - 60 * 1000 });
    folder.files.set('ghi-chu.txt', { data: new Uint8Array(), lastModified: 0 });

    await api.backupWrite({ kind: 'auto', stamp: '20261122-090000', data });
    const left = await names();
    const backups = left.filter((n) => n.endsWith('.sdbak')).sort().reverse();
    const newestOld = [...old].sort().reverse().slice(0, BACKUP_KEEP - 1);
    expect(backups).toEqual(['SoDeAn06_20261122-090000_auto.sdbak', ...newestOld]);
    expect(left).toContain('ghi-chu.txt');
    expect(left).toContain(fresh);
    expect(left).not.toContain(stale);
  });

  it('lists the backups newest first and reads one back', async () => {
    let clock = NOW;
    const opfs = memoryOpfs({ clock: () => clock });
    const api = createBrowserApi({ backupRoot: async () => opfs.root, now: () => clock });
    await api.backupWrite({ kind: 'auto', stamp: '20261120-170000', data: new Uint8Array([1, 2]) });
    clock += 1000;
    await api.backupWrite({ kind: 'safety', stamp: '20261122-090000', data });
    (await opfs.backups()).files.set('ghi-chu.txt', { data: new Uint8Array(), lastModified: 0 });

    expect(await api.backupList()).toEqual({
      ok: true,
      value: {
        folders: { primary: BROWSER_BACKUP_FOLDER, second: null },
        entries: [
          { location: 'primary', name: 'SoDeAn06_20261122-090000_safety.sdbak', kind: 'safety', bytes: 6, modifiedAt: new Date(NOW + 1000).toISOString() },
          { location: 'primary', name: 'SoDeAn06_20261120-170000_auto.sdbak', kind: 'auto', bytes: 2, modifiedAt: new Date(NOW).toISOString() },
        ],
      },
    });
    const read = await api.backupRead({ location: 'primary', name: 'SoDeAn06_20261122-090000_safety.sdbak' });
    expect(read.ok && read.value.name).toBe('SoDeAn06_20261122-090000_safety.sdbak');
    expect(read.ok && Array.from(read.value.data)).toEqual(Array.from(data));
  });

  it('refuses to read a missing backup, another folder, or a name that is not a backup', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { api } = setup();
    expect(await api.backupRead({ location: 'primary', name: 'SoDeAn06_20261122-090000_auto.sdbak' })).toEqual({
      ok: false,
      code: 'io_error',
      message: BROWSER_BACKUP_MESSAGES.notFound,
    });
    expect(await api.backupRead({ location: 'second', name: 'SoDeAn06_20261122-090000_auto.sdbak' })).toMatchObject({ ok: false, code: 'invalid_request' });
    expect(await api.backupRead({ location: 'primary', name: '../SoDeAn06_20261122-090000_auto.sdbak' })).toMatchObject({ ok: false, code: 'invalid_request' });
    expect(await api.backupWrite({ kind: 'auto', stamp: '2026-11-22', data })).toMatchObject({ ok: false, code: 'invalid_request' });
  });

  it('has no second folder', async () => {
    const { api } = setup();
    expect(await api.backupChooseSecondFolder()).toEqual({
      ok: false,
      code: 'unsupported',
      message: 'Bản chạy trên trình duyệt chỉ lưu bản sao lưu trong bộ nhớ của trình duyệt; không chọn được thư mục thứ hai.',
    });
    expect(await api.backupClearSecondFolder()).toEqual({ ok: true, value: { primary: BROWSER_BACKUP_FOLDER, second: null } });
  });

  it('says in Vietnamese that backups are unsupported where there is no private file system', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    // jsdom has no navigator.storage.getDirectory
    for (const api of [createBrowserApi(), createBrowserApi({ backupRoot: () => Promise.reject(new DOMException('denied', 'SecurityError')) })]) {
      const expected = { ok: false, code: 'unsupported', message: BROWSER_BACKUP_MESSAGES.unavailable };
      expect(await api.backupWrite({ kind: 'auto', stamp: '20261122-090000', data })).toEqual(expected);
      expect(await api.backupList()).toEqual(expected);
      expect(await api.backupRead({ location: 'primary', name: 'SoDeAn06_20261122-090000_auto.sdbak' })).toEqual(expected);
    }
  });
});

describe('the exit handshake in the browser', () => {
  it('never asks for an exit backup; exitReady is accepted', async () => {
    vi.useFakeTimers();
    const api = createBrowserApi();
    let answered = false;
    void api.waitForExit().then(() => {
      answered = true;
    });
    await vi.advanceTimersByTimeAsync(24 * 60 * 60 * 1000);
    expect(answered).toBe(false);
    expect(await api.exitReady()).toEqual({ ok: true, value: null });
  });
});
