/** Which DesktopApi the app gets: the preload's when it is complete, the browser one otherwise. */
import { describe, expect, it, vi } from 'vitest';
import { DESKTOP_API_GLOBAL } from '../../shared/ipc/contract';
import { getDesktopApi, isDesktopApi } from './desktop-api';

function preloadApi() {
  return {
    getAppInfo: vi.fn(async () => ({ ok: true, value: { version: '1.0.0', shell: 'desktop', platform: 'win32' } })),
    saveFile: vi.fn(),
    openFile: vi.fn(),
    openSheets: vi.fn(),
    printToPdf: vi.fn(),
    showInFolder: vi.fn(),
    chooseFolder: vi.fn(),
    exportBegin: vi.fn(),
    exportSheet: vi.fn(),
    exportRows: vi.fn(),
    exportFinish: vi.fn(),
    exportAbort: vi.fn(),
    backupWrite: vi.fn(),
    backupList: vi.fn(),
    backupRead: vi.fn(),
    backupChooseSecondFolder: vi.fn(),
    backupClearSecondFolder: vi.fn(),
    waitForExit: vi.fn(),
    exitReady: vi.fn(),
  };
}

describe('getDesktopApi', () => {
  it('uses the API the Electron preload exposed', () => {
    const exposed = preloadApi();
    expect(getDesktopApi({ [DESKTOP_API_GLOBAL]: exposed })).toBe(exposed);
  });

  it('falls back to the browser implementation in a plain browser', async () => {
    const api = getDesktopApi({});
    await expect(api.getAppInfo()).resolves.toMatchObject({ ok: true, value: { shell: 'browser' } });
  });

  it('falls back when the exposed object is incomplete', async () => {
    const { showInFolder: _missing, ...partial } = preloadApi();
    const api = getDesktopApi({ [DESKTOP_API_GLOBAL]: partial });
    expect(api).not.toBe(partial);
    await expect(api.getAppInfo()).resolves.toMatchObject({ value: { shell: 'browser' } });
  });

  it('falls back when an older preload lacks the backup methods', () => {
    const { backupWrite: _a, exitReady: _b, ...older } = preloadApi();
    expect(isDesktopApi(older)).toBe(false);
  });

  it('reads window by default', () => {
    expect(isDesktopApi(getDesktopApi())).toBe(true);
  });
});

describe('isDesktopApi', () => {
  it.each([null, undefined, 'api', 42, {}, { getAppInfo: 'no' }])('rejects %s', (value) => {
    expect(isDesktopApi(value)).toBe(false);
  });
});
