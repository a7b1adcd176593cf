/**
 * Preload (sandboxed, bundled to dist/electron/preload.cjs): exposes exactly
 * the DesktopApi on `window.soDeAn06`, one method per capability, each
 * forwarding to its own IPC channel. Never exposes ipcRenderer or a generic send.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { DESKTOP_API_GLOBAL, IPC_CHANNELS } from '../../shared/ipc/channels';
import type {
  AppInfo,
  BackupFile,
  BackupFolders,
  BackupListing,
  BackupReadRequest,
  BackupWriteRequest,
  BackupWritten,
  ChosenFolder,
  ExportBeginRequest,
  ExportIdRequest,
  ExportRowsRequest,
  ExportSheetRequest,
  ExportStarted,
  WrittenFile,
  DesktopApi,
  IpcResult,
  OpenFileRequest,
  OpenedFile,
  OpenedSheets,
  PrintToPdfRequest,
  SaveFileRequest,
  SavedFile,
  ShowInFolderRequest,
} from '../../shared/ipc/contract';

const api = {
  getAppInfo: (): Promise<IpcResult<AppInfo>> => ipcRenderer.invoke(IPC_CHANNELS.getAppInfo),
  saveFile: (request: SaveFileRequest): Promise<IpcResult<SavedFile>> =>
    ipcRenderer.invoke(IPC_CHANNELS.saveFile, request),
  openFile: (request: OpenFileRequest): Promise<IpcResult<OpenedFile>> =>
    ipcRenderer.invoke(IPC_CHANNELS.openFile, request),
  openSheets: (request: OpenFileRequest): Promise<IpcResult<OpenedSheets>> =>
    ipcRenderer.invoke(IPC_CHANNELS.openSheets, request),
  printToPdf: (request: PrintToPdfRequest): Promise<IpcResult<SavedFile>> =>
    ipcRenderer.invoke(IPC_CHANNELS.printToPdf, request),
  showInFolder: (request: ShowInFolderRequest): Promise<IpcResult<null>> =>
    ipcRenderer.invoke(IPC_CHANNELS.showInFolder, request),
  chooseFolder: (): Promise<IpcResult<ChosenFolder>> => ipcRenderer.invoke(IPC_CHANNELS.chooseFolder),
  exportBegin: (request: ExportBeginRequest): Promise<IpcResult<ExportStarted>> =>
    ipcRenderer.invoke(IPC_CHANNELS.exportBegin, request),
  exportSheet: (request: ExportSheetRequest): Promise<IpcResult<null>> =>
    ipcRenderer.invoke(IPC_CHANNELS.exportSheet, request),
  exportRows: (request: ExportRowsRequest): Promise<IpcResult<null>> =>
    ipcRenderer.invoke(IPC_CHANNELS.exportRows, request),
  exportFinish: (request: ExportIdRequest): Promise<IpcResult<WrittenFile>> =>
    ipcRenderer.invoke(IPC_CHANNELS.exportFinish, request),
  exportAbort: (request: ExportIdRequest): Promise<IpcResult<null>> =>
    ipcRenderer.invoke(IPC_CHANNELS.exportAbort, request),
  backupWrite: (request: BackupWriteRequest): Promise<IpcResult<BackupWritten>> =>
    ipcRenderer.invoke(IPC_CHANNELS.backupWrite, request),
  backupList: (): Promise<IpcResult<BackupListing>> => ipcRenderer.invoke(IPC_CHANNELS.backupList),
  backupRead: (request: BackupReadRequest): Promise<IpcResult<BackupFile>> =>
    ipcRenderer.invoke(IPC_CHANNELS.backupRead, request),
  backupChooseSecondFolder: (): Promise<IpcResult<BackupFolders>> =>
    ipcRenderer.invoke(IPC_CHANNELS.backupChooseSecondFolder),
  backupClearSecondFolder: (): Promise<IpcResult<BackupFolders>> =>
    ipcRenderer.invoke(IPC_CHANNELS.backupClearSecondFolder),
  waitForExit: (): Promise<IpcResult<null>> => ipcRenderer.invoke(IPC_CHANNELS.waitForExit),
  exitReady: (): Promise<IpcResult<null>> => ipcRenderer.invoke(IPC_CHANNELS.exitReady),
} satisfies DesktopApi;

contextBridge.exposeInMainWorld(DESKTOP_API_GLOBAL, api);
