/** The one application window. */
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import { APP_INDEX_URL } from './protocol';

export const WINDOW_TITLE = 'Sổ Đề án 06';

export function buildWindowOptions(
  preloadPath: string,
  options: { readonly allowDevTools: boolean },
): BrowserWindowConstructorOptions {
  return {
    title: WINDOW_TITLE,
    width: 1366,
    height: 860,
    minWidth: 1100,
    minHeight: 700,
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: options.allowDevTools,
    },
  };
}

export function createMainWindow(
  preloadPath: string,
  options: { readonly allowDevTools: boolean },
): BrowserWindow {
  const window = new BrowserWindow(buildWindowOptions(preloadPath, options));
  window.once('ready-to-show', () => window.show());
  // The page <title> must not replace the Vietnamese window title.
  window.on('page-title-updated', (event) => event.preventDefault());
  window.loadURL(APP_INDEX_URL).catch((error: unknown) => {
    console.error('Failed to load the renderer bundle', error);
  });
  return window;
}
