/** Wires every DesktopApi method to its service, each through `registerHandler`. */
import type { BackupService } from '../services/backups';
import type { ExitGate } from '../services/exit-gate';
import type { FileService } from '../services/files';
import type { PdfPrintable, PrintService } from '../services/print';
import type { WorkbookExportService } from '../services/workbook-export';
import {
  registerHandler,
  type DesktopMethod,
  type InvokeEventLike,
  type IpcMainLike,
  type MethodHandler,
  type ResultOf,
  type SenderCheck,
} from './register';

export type DesktopServices<E> = { readonly [M in DesktopMethod]: MethodHandler<M, E> };

/** The caller's web contents must be printable for printToPdf; `IpcMainInvokeEvent` is. */
export type PrintingInvokeEvent = InvokeEventLike & { readonly sender: PdfPrintable };

export function createDesktopServices<E extends PrintingInvokeEvent>(services: {
  readonly appInfo: { getAppInfo(): Promise<ResultOf<'getAppInfo'>> };
  readonly files: Pick<FileService, 'saveFile' | 'openFile' | 'openSheets' | 'showInFolder'>;
  readonly print: PrintService;
  readonly exports: Omit<WorkbookExportService, 'abortAll' | 'isChosenFolder'>;
  readonly backups: BackupService;
  readonly exitGate: Pick<ExitGate, 'waitForExit' | 'exitReady'>;
}): DesktopServices<E> {
  return {
    getAppInfo: () => services.appInfo.getAppInfo(),
    saveFile: (request) => services.files.saveFile(request),
    openFile: (request) => services.files.openFile(request),
    openSheets: (request) => services.files.openSheets(request),
    printToPdf: (request, event) => services.print.printToPdf(request, event.sender),
    showInFolder: (request) => services.files.showInFolder(request),
    chooseFolder: () => services.exports.chooseFolder(),
    exportBegin: (request) => services.exports.exportBegin(request),
    exportSheet: (request) => services.exports.exportSheet(request),
    exportRows: (request) => services.exports.exportRows(request),
    exportFinish: (request) => services.exports.exportFinish(request),
    exportAbort: (request) => services.exports.exportAbort(request),
    backupWrite: (request) => services.backups.backupWrite(request),
    backupList: () => services.backups.backupList(),
    backupRead: (request) => services.backups.backupRead(request),
    backupChooseSecondFolder: () => services.backups.backupChooseSecondFolder(),
    backupClearSecondFolder: () => services.backups.backupClearSecondFolder(),
    waitForExit: () => services.exitGate.waitForExit(),
    exitReady: () => services.exitGate.exitReady(),
  };
}

export function registerIpcHandlers<E extends InvokeEventLike>(
  ipcMain: IpcMainLike<E>,
  isTrustedSender: SenderCheck<E>,
  services: DesktopServices<E>,
): void {
  registerHandler(ipcMain, 'getAppInfo', isTrustedSender, services.getAppInfo);
  registerHandler(ipcMain, 'saveFile', isTrustedSender, services.saveFile);
  registerHandler(ipcMain, 'openFile', isTrustedSender, services.openFile);
  registerHandler(ipcMain, 'openSheets', isTrustedSender, services.openSheets);
  registerHandler(ipcMain, 'printToPdf', isTrustedSender, services.printToPdf);
  registerHandler(ipcMain, 'showInFolder', isTrustedSender, services.showInFolder);
  registerHandler(ipcMain, 'chooseFolder', isTrustedSender, services.chooseFolder);
  registerHandler(ipcMain, 'exportBegin', isTrustedSender, services.exportBegin);
  registerHandler(ipcMain, 'exportSheet', isTrustedSender, services.exportSheet);
  registerHandler(ipcMain, 'exportRows', isTrustedSender, services.exportRows);
  registerHandler(ipcMain, 'exportFinish', isTrustedSender, services.exportFinish);
  registerHandler(ipcMain, 'exportAbort', isTrustedSender, services.exportAbort);
  registerHandler(ipcMain, 'backupWrite', isTrustedSender, services.backupWrite);
  registerHandler(ipcMain, 'backupList', isTrustedSender, services.backupList);
  registerHandler(ipcMain, 'backupRead', isTrustedSender, services.backupRead);
  registerHandler(ipcMain, 'backupChooseSecondFolder', isTrustedSender, services.backupChooseSecondFolder);
  registerHandler(ipcMain, 'backupClearSecondFolder', isTrustedSender, services.backupClearSecondFolder);
  registerHandler(ipcMain, 'waitForExit', isTrustedSender, services.waitForExit);
  registerHandler(ipcMain, 'exitReady', isTrustedSender, services.exitReady);
}
