/**
 * The main window is created with the hardened webPreferences and loads the
 * bundle through app://, never file:// or a dev server. Electron is mocked:
 * only the constructor arguments and the loaded URL matter here.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const created: { options: unknown; loadURL: ReturnType<typeof vi.fn> }[] = [];
  class FakeBrowserWindow {
    readonly loadURL = vi.fn(async (_url: string) => undefined);
    readonly once = vi.fn();
    readonly on = vi.fn();
    constructor(options: unknown) {
      created.push({ options, loadURL: this.loadURL });
    }
  }
  return { created, BrowserWindow: FakeBrowserWindow };
});
vi.mock('electron', () => ({ BrowserWindow: electron.BrowserWindow }));

const { buildWindowOptions, createMainWindow, WINDOW_TITLE } = await import('./window');

describe('buildWindowOptions', () => {
  it('isolates and sandboxes the renderer explicitly', () => {
    const { webPreferences } = buildWindowOptions('/app/dist/electron/preload.cjs', { allowDevTools: false });
    expect(webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
  });

  it('enables devtools only when asked (unpackaged builds)', () => {
    expect(buildWindowOptions('p', { allowDevTools: true }).webPreferences?.devTools).toBe(true);
  });

  it('has the Vietnamese product name as title', () => {
    expect(buildWindowOptions('p', { allowDevTools: false }).title).toBe('Sổ Đề án 06');
    expect(WINDOW_TITLE).toBe('Sổ Đề án 06');
  });
});

describe('createMainWindow', () => {
  beforeEach(() => {
    electron.created.length = 0;
  });

  it('constructs the window with those options and loads app://bundle/index.html', () => {
    createMainWindow('/app/dist/electron/preload.cjs', { allowDevTools: false });
    expect(electron.created).toHaveLength(1);
    const [window] = electron.created;
    expect(window?.options).toEqual(buildWindowOptions('/app/dist/electron/preload.cjs', { allowDevTools: false }));
    expect(window?.loadURL).toHaveBeenCalledExactlyOnceWith('app://bundle/index.html');
  });
});
