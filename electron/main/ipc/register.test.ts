/**
 * The IPC boundary, driven through a fake ipcMain exactly as Electron would
 * call it: foreign senders and malformed payloads must come back as error
 * values without ever reaching a service, and nothing may throw across IPC.
 */
import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS, type DesktopApi } from '../../../shared/ipc/contract';
import { ok } from '../../../shared/result';
import { createDesktopServices, registerIpcHandlers, type PrintingInvokeEvent } from './handlers';
import { createSenderCheck, registerHandler, type IpcMainLike } from './register';

type FakeEvent = PrintingInvokeEvent;
type Listener = (event: FakeEvent, ...args: unknown[]) => Promise<unknown>;

const MAIN_WINDOW_CONTENTS = { id: 1, printToPDF: vi.fn(async () => new Uint8Array([37, 80, 68, 70])) };
const OTHER_CONTENTS = { id: 2, printToPDF: vi.fn(async () => new Uint8Array()) };
const APP_PAGE = 'app://bundle/index.html#/members';

function fakeIpcMain() {
  const listeners = new Map<string, Listener>();
  const ipcMain: IpcMainLike<FakeEvent> = {
    handle(channel, listener) {
      if (listeners.has(channel)) throw new Error(`second handler for ${channel}`);
      listeners.set(channel, listener);
    },
  };
  return { ipcMain, listeners };
}

function setup() {
  const services = {
    appInfo: { getAppInfo: vi.fn(async () => ok({ version: '1.2.3', shell: 'desktop' as const, platform: 'win32' })) },
    files: {
      saveFile: vi.fn(async () => ok({ saved: true as const, path: 'C:\\Users\\a\\Documents\\x.xlsx' })),
      openFile: vi.fn(async () => ok({ opened: false as const })),
      openSheets: vi.fn(async () =>
        ok({ opened: true as const, name: 'ds.xls', error: { code: 'xls' as const, message: 'Tệp “ds.xls” là tệp Excel đời cũ (.xls)…' } }),
      ),
      showInFolder: vi.fn(async () => ok(null)),
    },
    print: { printToPdf: vi.fn(async () => ok({ saved: false as const })) },
    exports: {
      chooseFolder: vi.fn(async () => ok({ chosen: false as const })),
      exportBegin: vi.fn(async () => ok({ started: false as const })),
      exportSheet: vi.fn(async () => ok(null)),
      exportRows: vi.fn(async () => ok(null)),
      exportFinish: vi.fn(async () => ok({ path: '/usb/a.xlsx', sha256: 'ab', bytes: 1 })),
      exportAbort: vi.fn(async () => ok(null)),
    },
    backups: {
      backupWrite: vi.fn(async () => ok({ path: '/data/sao-luu/SoDeAn06_20261122-090000_auto.sdbak', bytes: 3, sha256: 'ab', second: null })),
      backupList: vi.fn(async () => ok({ folders: { primary: '/data/sao-luu', second: null }, entries: [] })),
      backupRead: vi.fn(async () => ok({ name: 'SoDeAn06_20261122-090000_auto.sdbak', data: new Uint8Array([1]) })),
      backupChooseSecondFolder: vi.fn(async () => ok({ primary: '/data/sao-luu', second: '/media/usb' })),
      backupClearSecondFolder: vi.fn(async () => ok({ primary: '/data/sao-luu', second: null })),
    },
    exitGate: {
      waitForExit: vi.fn(async () => ok(null)),
      exitReady: vi.fn(async () => ok(null)),
    },
  };
  const { ipcMain, listeners } = fakeIpcMain();
  registerIpcHandlers(
    ipcMain,
    createSenderCheck(() => MAIN_WINDOW_CONTENTS),
    createDesktopServices<FakeEvent>(services),
  );
  const invoke = (method: keyof DesktopApi, event: FakeEvent, ...args: unknown[]): Promise<unknown> => {
    const listener = listeners.get(IPC_CHANNELS[method]);
    if (!listener) throw new Error(`no handler for ${method}`);
    return listener(event, ...args);
  };
  const serviceCalls = (): number =>
    services.appInfo.getAppInfo.mock.calls.length +
    services.files.saveFile.mock.calls.length +
    services.files.openFile.mock.calls.length +
    services.files.openSheets.mock.calls.length +
    services.files.showInFolder.mock.calls.length +
    services.print.printToPdf.mock.calls.length +
    Object.values(services.exports).reduce((n, f) => n + f.mock.calls.length, 0) +
    Object.values(services.backups).reduce((n, f) => n + f.mock.calls.length, 0) +
    Object.values(services.exitGate).reduce((n, f) => n + f.mock.calls.length, 0);
  return { services, listeners, invoke, serviceCalls };
}

const EXPORT_ID = '0f8e4c52-2f0d-4c55-9a51-0c1f2d3e4b5a';
const SHEET = {
  name: 'Tổng hợp',
  landscape: true,
  columns: [{ width: 6, kind: 'count' }],
  unitLines: ['CÔNG AN TỈNH KHÁNH HÒA', 'CÔNG AN XÃ VĨNH HIỆP'],
  title: 'BẢNG TỔNG HỢP',
  subtitle: '',
  header: [[{ text: 'Stt' }]],
  numbered: false,
  frozenColumns: 0,
  rows: [[1]],
  boldRows: [],
};

const trusted: FakeEvent = { sender: MAIN_WINDOW_CONTENTS, senderFrame: { url: APP_PAGE } };

const VALID_REQUESTS: { readonly [M in keyof DesktopApi]: unknown[] } = {
  getAppInfo: [],
  saveFile: [{ suggestedName: 'bao-cao.xlsx', filters: [{ name: 'Excel', extensions: ['xlsx'] }], data: new Uint8Array([1, 2, 3]) }],
  openFile: [{ filters: [{ name: 'Excel', extensions: ['xlsx', 'xls'] }] }],
  openSheets: [{ filters: [{ name: 'Bảng tính', extensions: ['xlsx', 'csv'] }] }],
  printToPdf: [{ suggestedName: 'Báo cáo tháng 5' }],
  showInFolder: [{ path: '/home/canbo/bao-cao.xlsx' }],
  chooseFolder: [],
  exportBegin: [{ suggestedName: 'BaoCao.xlsx' }],
  exportSheet: [{ exportId: EXPORT_ID, sheet: SHEET }],
  exportRows: [{ exportId: EXPORT_ID, rows: [['Nguyễn Văn A', 1, null]] }],
  exportFinish: [{ exportId: EXPORT_ID }],
  exportAbort: [{ exportId: EXPORT_ID }],
  backupWrite: [{ kind: 'auto', stamp: '20261122-090000', data: new Uint8Array([1, 2, 3]) }],
  backupList: [],
  backupRead: [{ location: 'primary', name: 'SoDeAn06_20261122-090000_auto.sdbak' }],
  backupChooseSecondFolder: [],
  backupClearSecondFolder: [],
  waitForExit: [],
  exitReady: [],
};
const METHODS = Object.keys(VALID_REQUESTS) as (keyof DesktopApi)[];

describe('registerIpcHandlers', () => {
  it('registers exactly one handler per DesktopApi channel', () => {
    const { listeners } = setup();
    expect([...listeners.keys()].sort()).toEqual(Object.values(IPC_CHANNELS).sort());
  });

  it('serves the main window showing an app page', async () => {
    const { invoke, services } = setup();
    for (const method of METHODS) {
      const result = await invoke(method, trusted, ...VALID_REQUESTS[method]);
      expect(result, method).toMatchObject({ ok: true });
    }
    expect(services.files.saveFile).toHaveBeenCalledWith(VALID_REQUESTS.saveFile[0]);
    expect(services.files.openSheets).toHaveBeenCalledWith(VALID_REQUESTS.openSheets[0]);
    // printToPdf prints the calling window, not some other one.
    expect(services.print.printToPdf).toHaveBeenCalledWith(VALID_REQUESTS.printToPdf[0], MAIN_WINDOW_CONTENTS);
  });
});

describe('sender check', () => {
  const foreignEvents: [string, FakeEvent][] = [
    ['another web contents', { sender: OTHER_CONTENTS, senderFrame: { url: APP_PAGE } }],
    ['the main window showing a web page', { sender: MAIN_WINDOW_CONTENTS, senderFrame: { url: 'https://example.com/' } }],
    ['the main window showing a file:// page', { sender: MAIN_WINDOW_CONTENTS, senderFrame: { url: 'file:///C:/index.html' } }],
    ['a look-alike host', { sender: MAIN_WINDOW_CONTENTS, senderFrame: { url: 'app://bundle.evil/index.html' } }],
    ['a destroyed frame', { sender: MAIN_WINDOW_CONTENTS, senderFrame: null }],
  ];

  it.each(foreignEvents)('rejects %s on every channel without calling a service', async (_name, event) => {
    const { invoke, serviceCalls } = setup();
    for (const method of METHODS) {
      const result = await invoke(method, event, ...VALID_REQUESTS[method]);
      expect(result, method).toMatchObject({ ok: false, code: 'forbidden_sender' });
    }
    expect(serviceCalls()).toBe(0);
  });

  it('rejects everything while there is no main window', async () => {
    const check = createSenderCheck(() => null);
    expect(check({ sender: null, senderFrame: { url: APP_PAGE } })).toBe(false);
    expect(check(trusted)).toBe(false);
  });

  it('treats a failing window lookup as untrusted instead of throwing', () => {
    const check = createSenderCheck(() => {
      throw new Error('Object has been destroyed');
    });
    expect(check(trusted)).toBe(false);
  });
});

describe('a sender check that throws', () => {
  it('counts as a refusal, not a crash', async () => {
    const { ipcMain, listeners } = fakeIpcMain();
    const service = vi.fn(async () => ok({ opened: false as const }));
    registerHandler(ipcMain, 'openFile', () => {
      throw new Error('Object has been destroyed');
    }, service);
    const listener = listeners.get(IPC_CHANNELS.openFile);
    await expect(listener?.(trusted, ...VALID_REQUESTS.openFile)).resolves.toMatchObject({ code: 'forbidden_sender' });
    expect(service).not.toHaveBeenCalled();
  });
});

describe('payload validation', () => {
  const name = 'bao-cao.xlsx';
  const filters = [{ name: 'Excel', extensions: ['xlsx'] }];
  const invalid: [keyof DesktopApi, string, unknown[]][] = [
    ['getAppInfo', 'an unexpected argument', [{}]],
    ['saveFile', 'no payload', []],
    ['saveFile', 'null', [null]],
    ['saveFile', 'a string', ['bao-cao.xlsx']],
    ['saveFile', 'bytes as a plain array', [{ suggestedName: name, filters, data: [1, 2, 3] }]],
    ['saveFile', 'a name with a folder', [{ suggestedName: '..\\..\\Windows\\x.xlsx', filters, data: new Uint8Array() }]],
    ['saveFile', 'a name with a slash', [{ suggestedName: '../x.xlsx', filters, data: new Uint8Array() }]],
    ['saveFile', 'a bad extension filter', [{ suggestedName: name, filters: [{ name: 'x', extensions: ['*'] }], data: new Uint8Array() }]],
    ['saveFile', 'two arguments', [{ suggestedName: name, filters, data: new Uint8Array() }, 'extra']],
    ['openFile', 'missing filters', [{}]],
    ['openFile', 'an extension with a dot', [{ filters: [{ name: 'Excel', extensions: ['.xlsx'] }] }]],
    ['openSheets', 'a path instead of filters', [{ path: '/home/canbo/ds.xlsx' }]],
    ['openSheets', 'six filters', [{ filters: Array.from({ length: 6 }, () => ({ name: 'x', extensions: ['xlsx'] })) }]],
    ['printToPdf', 'an empty name', [{ suggestedName: '' }]],
    ['printToPdf', 'a number', [{ suggestedName: 42 }]],
    ['showInFolder', 'an empty path', [{ path: '' }]],
    ['showInFolder', 'an array', [['/etc/passwd']]],
    ['backupWrite', 'an unknown kind', [{ kind: 'daily', stamp: '20261122-090000', data: new Uint8Array([1]) }]],
    ['backupWrite', 'a stamp with a folder in it', [{ kind: 'auto', stamp: '../../x', data: new Uint8Array([1]) }]],
    ['backupWrite', 'no bytes', [{ kind: 'auto', stamp: '20261122-090000', data: new Uint8Array() }]],
    ['backupWrite', 'bytes as a plain array', [{ kind: 'auto', stamp: '20261122-090000', data: [1, 2] }]],
    ['backupRead', 'a path-traversal name', [{ location: 'primary', name: '../SoDeAn06_20261122-090000_auto.sdbak' }]],
    ['backupRead', 'a Windows path', [{ location: 'primary', name: '..\\..\\so-de-an-06\\backup-settings.json' }]],
    ['backupRead', 'a name that is not a backup', [{ location: 'primary', name: 'backup-settings.json' }]],
    ['backupRead', 'an unknown location', [{ location: 'C:\\', name: 'SoDeAn06_20261122-090000_auto.sdbak' }]],
    ['backupList', 'an unexpected argument', [{ folder: '/etc' }]],
    ['backupChooseSecondFolder', 'a folder chosen by the page', ['/media/usb']],
    ['waitForExit', 'an unexpected argument', [1]],
    ['exitReady', 'an unexpected argument', [{}]],
  ];

  it.each(invalid)('%s: rejects %s with invalid_request', async (method, _what, args) => {
    const { invoke, serviceCalls } = setup();
    const result = await invoke(method, trusted, ...args);
    expect(result).toMatchObject({ ok: false, code: 'invalid_request' });
    expect((result as { message: string }).message).toMatch(/không hợp lệ/);
    expect(serviceCalls()).toBe(0);
  });

  it('checks the sender before looking at the payload', async () => {
    const { invoke } = setup();
    const foreign: FakeEvent = { sender: OTHER_CONTENTS, senderFrame: { url: APP_PAGE } };
    expect(await invoke('saveFile', foreign, 'garbage')).toMatchObject({ code: 'forbidden_sender' });
  });
});

describe('openSheets', () => {
  it('hands a file the reader refused back as a value, with its message, not as an IPC error', async () => {
    const { invoke } = setup();
    expect(await invoke('openSheets', trusted, ...VALID_REQUESTS.openSheets)).toEqual({
      ok: true,
      value: { opened: true, name: 'ds.xls', error: { code: 'xls', message: 'Tệp “ds.xls” là tệp Excel đời cũ (.xls)…' } },
    });
  });
});

describe('backups and the exit handshake', () => {
  it('reach their services with the parsed request', async () => {
    const { invoke, services } = setup();
    expect(await invoke('backupRead', trusted, ...VALID_REQUESTS.backupRead)).toMatchObject({ ok: true, value: { name: 'SoDeAn06_20261122-090000_auto.sdbak' } });
    expect(services.backups.backupRead).toHaveBeenCalledWith(VALID_REQUESTS.backupRead[0]);
    expect(services.backups.backupWrite).not.toHaveBeenCalled();
    await invoke('exitReady', trusted);
    expect(services.exitGate.exitReady).toHaveBeenCalledOnce();
    expect(services.exitGate.waitForExit).not.toHaveBeenCalled();
  });
});

describe('failures inside a service', () => {
  it('become an io_error value instead of a rejected invoke', async () => {
    const { invoke, services } = setup();
    services.files.openFile.mockRejectedValueOnce(new Error('EIO: disk failure'));
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await expect(invoke('openFile', trusted, ...VALID_REQUESTS.openFile)).resolves.toMatchObject({
      ok: false,
      code: 'io_error',
    });
    spy.mockRestore();
  });
});
