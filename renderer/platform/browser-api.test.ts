/**
 * The browser build's DesktopApi in jsdom: saving triggers a real <a download>
 * of the exact bytes, opening reads the picked file or reports a cancel, and
 * the rest degrades with Vietnamese messages instead of failing silently.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_TRANSFER_BYTES } from '../../shared/ipc/contract';
import { createBrowserApi, SHOW_IN_FOLDER_UNSUPPORTED_MESSAGE } from './browser-api';

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
