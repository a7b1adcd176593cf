/**
 * Electron entry point (bundled to dist/electron/main.cjs).
 * Order matters: userData, the app:// scheme and the sandbox are set up
 * before `ready`; everything else after.
 */
import { app, ipcMain, protocol, session, type BrowserWindow } from 'electron';
import { registerIpcHandlers, createDesktopServices } from './ipc/handlers';
import { createSenderCheck } from './ipc/register';
import { installMenu } from './menu';
import { APP_USER_MODEL_ID, resolveBundlePaths, userDataPath } from './paths';
import { installAppProtocol, registerAppScheme } from './protocol';
import { hardenSession, hardenWebContents } from './security';
import { createAppInfoService } from './services/app-info';
import { createElectronFileServiceDeps, createFileService } from './services/files';
import { createPrintService } from './services/print';
import { createElectronExportDeps } from './services/export-dialogs';
import { createWorkbookExportService, type WorkbookExportService } from './services/workbook-export';
import { createMainWindow } from './window';

// Before anything touches userData: a fixed folder, whatever the product name.
app.setPath('userData', userDataPath(app.getPath('appData')));
app.enableSandbox();
registerAppScheme(protocol);

const bundlePaths = resolveBundlePaths(__dirname);
let mainWindow: BrowserWindow | null = null;
let exports: WorkbookExportService | null = null;

function openMainWindow(): void {
  mainWindow = createMainWindow(bundlePaths.preload, { allowDevTools: !app.isPackaged });
  mainWindow.on('closed', () => {
    mainWindow = null;
    // An export the closed window did not finish is dropped with its temporary file.
    void exports?.abortAll();
  });
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

function onReady(): void {
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  hardenSession(session.defaultSession);
  installAppProtocol(protocol, bundlePaths.rendererRoot);
  installMenu(app.isPackaged);

  exports = createWorkbookExportService(createElectronExportDeps(() => mainWindow));
  const files = createFileService(createElectronFileServiceDeps(() => mainWindow, exports.isChosenFolder));
  registerIpcHandlers(
    ipcMain,
    createSenderCheck(() => mainWindow?.webContents ?? null),
    createDesktopServices({
      appInfo: createAppInfoService(app),
      files,
      print: createPrintService(files.saveBytes),
      exports,
    }),
  );
  openMainWindow();
}

if (!app.requestSingleInstanceLock()) {
  // Another copy is running: it gets focused (second-instance) and this one leaves.
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('activate', () => {
    if (app.isReady() && mainWindow === null) openMainWindow();
  });
  // `.catch` after `.then` so an exception thrown inside onReady also ends
  // the process instead of leaving a windowless app running.
  app
    .whenReady()
    .then(onReady)
    .catch((error: unknown) => {
      console.error('Electron failed to start', error);
      app.quit();
    });
}
