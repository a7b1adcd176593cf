/** Wires every DesktopApi method to its service, each through `registerHandler`. */
import type { FileService } from '../services/files';
import type { PdfPrintable, PrintService } from '../services/print';
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
  readonly files: Pick<FileService, 'saveFile' | 'openFile' | 'showInFolder'>;
  readonly print: PrintService;
}): DesktopServices<E> {
  return {
    getAppInfo: () => services.appInfo.getAppInfo(),
    saveFile: (request) => services.files.saveFile(request),
    openFile: (request) => services.files.openFile(request),
    printToPdf: (request, event) => services.print.printToPdf(request, event.sender),
    showInFolder: (request) => services.files.showInFolder(request),
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
  registerHandler(ipcMain, 'printToPdf', isTrustedSender, services.printToPdf);
  registerHandler(ipcMain, 'showInFolder', isTrustedSender, services.showInFolder);
}
