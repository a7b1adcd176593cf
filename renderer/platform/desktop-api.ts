/**
 * The one place the renderer looks for the Electron preload's API. Inside
 * Electron it is `window.soDeAn06`; in a plain browser (or when the preload
 * failed to load) the browser implementation takes over, so the app always
 * has a working DesktopApi.
 */
import { DESKTOP_API_GLOBAL, type DesktopApi } from '../../shared/ipc/contract';
import { createBrowserApi } from './browser-api';

const DESKTOP_API_METHODS = [
  'getAppInfo',
  'saveFile',
  'openFile',
  'openSheets',
  'printToPdf',
  'showInFolder',
  'chooseFolder',
  'exportBegin',
  'exportSheet',
  'exportRows',
  'exportFinish',
  'exportAbort',
  'backupWrite',
  'backupList',
  'backupRead',
  'backupChooseSecondFolder',
  'backupClearSecondFolder',
  'waitForExit',
  'exitReady',
] as const;

// Compile-time guard: adding a method to DesktopApi without listing it here fails to build.
type UnlistedMethod = Exclude<keyof DesktopApi, (typeof DESKTOP_API_METHODS)[number]>;
const everyMethodListed: [UnlistedMethod] extends [never] ? true : never = true;
void everyMethodListed;

/** True when `value` has every DesktopApi method as a function. */
export function isDesktopApi(value: unknown): value is DesktopApi {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return DESKTOP_API_METHODS.every((method) => typeof candidate[method] === 'function');
}

/** `host` defaults to the page's window; tests pass a stand-in. */
export function getDesktopApi(host: object = window): DesktopApi {
  const exposed: unknown = (host as Record<string, unknown>)[DESKTOP_API_GLOBAL];
  return isDesktopApi(exposed) ? exposed : createBrowserApi();
}
