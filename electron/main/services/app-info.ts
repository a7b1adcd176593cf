/** What the renderer may know about the app it runs in. */
import type { AppInfo, IpcResult } from '../../../shared/ipc/contract';
import { ok } from '../../../shared/result';

export function createAppInfoService(
  app: { getVersion(): string },
  platform: string = process.platform,
) {
  async function getAppInfo(): Promise<IpcResult<AppInfo>> {
    return ok({ version: app.getVersion(), shell: 'desktop', platform });
  }
  return { getAppInfo };
}
