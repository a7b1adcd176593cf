/**
 * The preload is the whole surface the page gets: exactly the DesktopApi
 * methods on window.soDeAn06, each a thin forwarder to its own channel.
 * Electron is mocked; the preload runs for real on import.
 */
import { describe, expect, it, vi } from 'vitest';
import { DESKTOP_API_GLOBAL, IPC_CHANNELS, type DesktopApi } from '../../shared/ipc/contract';

const electron = vi.hoisted(() => ({
  exposeInMainWorld: vi.fn(),
  invoke: vi.fn(async (...args: unknown[]) => ({ ok: true, value: { forwarded: args } })),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: electron.exposeInMainWorld },
  ipcRenderer: { invoke: electron.invoke, send: vi.fn(), on: vi.fn() },
}));

await import('./preload');
// Captured once, right after the preload ran: mock call records do not survive between tests.
const exposeCalls = [...electron.exposeInMainWorld.mock.calls];

// Written out by hand on purpose: adding a capability must be a visible change here.
const DESKTOP_API_KEYS = [
  'backupChooseSecondFolder',
  'backupClearSecondFolder',
  'backupList',
  'backupRead',
  'backupWrite',
  'chooseFolder',
  'exitReady',
  'exportAbort',
  'exportBegin',
  'exportFinish',
  'exportRows',
  'exportSheet',
  'getAppInfo',
  'openFile',
  'openSheets',
  'printToPdf',
  'saveFile',
  'showInFolder',
  'waitForExit',
];

function exposedApi(): Record<string, unknown> {
  expect(exposeCalls).toHaveLength(1);
  const [name, api] = exposeCalls[0] ?? [];
  expect(name).toBe(DESKTOP_API_GLOBAL);
  expect(name).toBe('soDeAn06');
  return api as Record<string, unknown>;
}

describe('preload', () => {
  it('exposes exactly the DesktopApi methods on window.soDeAn06, nothing else', () => {
    const api = exposedApi();
    expect(Object.keys(api).sort()).toEqual(DESKTOP_API_KEYS);
    expect(Object.keys(IPC_CHANNELS).sort()).toEqual(DESKTOP_API_KEYS);
    for (const key of DESKTOP_API_KEYS) expect(typeof api[key], key).toBe('function');
  });

  it('never hands out ipcRenderer or a generic send', () => {
    const values = Object.values(exposedApi());
    expect(values).not.toContainEqual(expect.objectContaining({ invoke: electron.invoke }));
    expect(Object.keys(exposedApi())).not.toContain('invoke');
    expect(Object.keys(exposedApi())).not.toContain('send');
  });

  const requests: { readonly [M in keyof DesktopApi]: Parameters<DesktopApi[M]> } = {
    getAppInfo: [],
    saveFile: [{ suggestedName: 'a.xlsx', filters: [], data: new Uint8Array([1]) }],
    openFile: [{ filters: [{ name: 'Excel', extensions: ['xlsx'] }] }],
    openSheets: [{ filters: [{ name: 'Bảng tính', extensions: ['xlsx', 'csv'] }] }],
    printToPdf: [{ suggestedName: 'bao-cao' }],
    showInFolder: [{ path: '/tmp/a.xlsx' }],
    chooseFolder: [],
    exportBegin: [{ suggestedName: 'a.xlsx', folder: '/media/usb' }],
    exportSheet: [{ exportId: 'abcdef12', sheet: { name: 'A', landscape: false, columns: [{ width: 5, kind: 'text' }], unitLines: ['', ''], title: '', subtitle: '', header: [[{ text: 'A' }]], numbered: false, frozenColumns: 0, rows: [], boldRows: [] } }],
    exportRows: [{ exportId: 'abcdef12', rows: [['x']] }],
    exportFinish: [{ exportId: 'abcdef12' }],
    exportAbort: [{ exportId: 'abcdef12' }],
    backupWrite: [{ kind: 'auto', stamp: '20261122-090000', data: new Uint8Array([1, 2, 3]) }],
    backupList: [],
    backupRead: [{ location: 'second', name: 'SoDeAn06_20261122-090000_auto.sdbak' }],
    backupChooseSecondFolder: [],
    backupClearSecondFolder: [],
    waitForExit: [],
    exitReady: [],
  };

  it.each(Object.keys(requests) as (keyof DesktopApi)[])(
    '%s forwards its request, and only it, to its own channel and returns the answer',
    async (method) => {
      electron.invoke.mockClear();
      const api = exposedApi() as unknown as DesktopApi;
      const args = requests[method];
      const call = api[method] as (...a: unknown[]) => Promise<unknown>;
      const result = await call(...args);
      expect(electron.invoke).toHaveBeenCalledExactlyOnceWith(IPC_CHANNELS[method], ...args);
      expect(result).toEqual({ ok: true, value: { forwarded: [IPC_CHANNELS[method], ...args] } });
    },
  );

  it('uses a distinct channel for every method', () => {
    expect(new Set(Object.values(IPC_CHANNELS)).size).toBe(DESKTOP_API_KEYS.length);
  });
});
