/**
 * The IPC channel names and the preload's global, without the request schemas:
 * the sandboxed preload imports only this, so it does not bundle zod.
 */
import type { DesktopApi } from './contract';

/** One channel per capability. */
export const IPC_CHANNELS = {
  getAppInfo: 'app:get-info',
  saveFile: 'file:save',
  openFile: 'file:open',
  openSheets: 'file:open-sheets',
  printToPdf: 'print:to-pdf',
  showInFolder: 'file:show-in-folder',
  chooseFolder: 'file:choose-folder',
  exportBegin: 'export:begin',
  exportSheet: 'export:sheet',
  exportRows: 'export:rows',
  exportFinish: 'export:finish',
  exportAbort: 'export:abort',
  backupWrite: 'backup:write',
  backupList: 'backup:list',
  backupRead: 'backup:read',
  backupChooseSecondFolder: 'backup:choose-second-folder',
  backupClearSecondFolder: 'backup:clear-second-folder',
  waitForExit: 'app:wait-for-exit',
  exitReady: 'app:exit-ready',
} as const satisfies Record<keyof DesktopApi, string>;

/** The name under which the preload exposes the API on `window`. */
export const DESKTOP_API_GLOBAL = 'soDeAn06' as const;
