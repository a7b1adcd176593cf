/**
 * Electron entry point (bundled to dist/electron/main.cjs).
 * Order matters: userData, the app:// scheme and the sandbox are set up
 * before `ready`; everything else after.
 */
import { app, dialog, ipcMain, protocol, session, type BrowserWindow, type OpenDialogOptions } from 'electron';
import { registerIpcHandlers, createDesktopServices } from './ipc/handlers';
import { createSenderCheck } from './ipc/register';
import { installMenu } from './menu';
import { APP_USER_MODEL_ID, resolveBundlePaths, userDataPath } from './paths';
import { installAppProtocol, registerAppScheme } from './protocol';
import { hardenSession, hardenWebContents } from './security';
import { createAppInfoService } from './services/app-info';
import { createBackupService, nodeBackupServiceDeps, type FolderDialogOptions } from './services/backups';
import { createExitGate } from './services/exit-gate';
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

/**
 * Closing the window first lets the renderer take the exit backup; the gate then
 * destroys the window (no second 'close' event), or does so after a minute anyway.
 */
const exitGate = createExitGate({
  closeWindow: () => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.destroy();
  },
});

/** main's own folder dialog for the second backup folder, modal to the window. */
async function chooseBackupFolder(options: FolderDialogOptions): Promise<string | undefined> {
  const dialogOptions: OpenDialogOptions = { ...options, properties: ['openDirectory', 'createDirectory'] };
  const choice = mainWindow ? await dialog.showOpenDialog(mainWindow, dialogOptions) : await dialog.showOpenDialog(dialogOptions);
  return choice.canceled ? undefined : choice.filePaths[0];
}

function openMainWindow(): void {
  mainWindow = createMainWindow(bundlePaths.preload, { allowDevTools: !app.isPackaged });
  mainWindow.on('close', (event) => {
    if (exitGate.onCloseRequested() === 'wait') event.preventDefault();
  });
  // A crashed page never calls exitReady: do not hold the window for it.
  mainWindow.webContents.on('render-process-gone', () => exitGate.rendererGone());
  mainWindow.on('closed', () => {
    mainWindow = null;
    exitGate.rendererGone();
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
      backups: createBackupService(nodeBackupServiceDeps(app.getPath('userData'), chooseBackupFolder)),
      exitGate,
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
