/**
 * "Back up on exit": when the officer closes the window, the renderer gets a
 * moment to take the exit backup before the window goes away.
 *
 * The renderer calls waitForExit once when it starts; that call stays pending.
 * The window's 'close' event asks onCloseRequested(): while a renderer waits,
 * its call is answered (the renderer starts the backup) and the close is held
 * ('wait': the caller prevents the default). The renderer calls exitReady when
 * done — or failed — and the gate closes the window. If exitReady never comes
 * (a hung page), the window is closed anyway after `timeoutMs`: exiting never
 * hangs. No Electron import, so it is tested with fake timers.
 */
import type { IpcResult } from '../../../shared/ipc/contract';
import { ok } from '../../../shared/result';

export const EXIT_BACKUP_TIMEOUT_MS = 60_000;

export type CloseDecision = 'close-now' | 'wait';

export interface ExitGateOptions {
  /** Closes the window for good, without another 'close' event (BrowserWindow.destroy). */
  closeWindow(): void;
  readonly timeoutMs?: number;
  readonly setTimeout?: (callback: () => void, ms: number) => unknown;
  readonly clearTimeout?: (handle: unknown) => void;
}

export type ExitGate = ReturnType<typeof createExitGate>;

export function createExitGate(options: ExitGateOptions) {
  const timeoutMs = options.timeoutMs ?? EXIT_BACKUP_TIMEOUT_MS;
  const schedule = options.setTimeout ?? ((callback: () => void, ms: number) => globalThis.setTimeout(callback, ms));
  const cancel = options.clearTimeout ?? ((handle: unknown) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>));

  /** running: normal work · exiting: the renderer is taking the exit backup · closing: the window may go */
  let state: 'running' | 'exiting' | 'closing' = 'running';
  /**
   * Every pending waitForExit. Usually one; after a reload (menu "Tải lại") the
   * old page's call is still pending beside the new page's, and answering both is harmless.
   */
  let waiters: ((result: IpcResult<null>) => void)[] = [];
  let timer: unknown;

  function allowClose(): void {
    if (state === 'closing') return;
    state = 'closing';
    if (timer !== undefined) cancel(timer);
    timer = undefined;
    options.closeWindow();
  }

  function waitForExit(): Promise<IpcResult<null>> {
    return new Promise((resolve) => {
      // While exiting or closing the answer has already been given: this call never matters.
      if (state === 'running') waiters.push(resolve);
    });
  }

  function onCloseRequested(): CloseDecision {
    if (state === 'closing') return 'close-now';
    // A second click on the close button while the backup runs: keep waiting, no second backup.
    if (state === 'exiting') return 'wait';
    // No renderer listens (not started yet, or crashed): nothing to wait for.
    if (waiters.length === 0) return 'close-now';
    state = 'exiting';
    const answered = waiters;
    waiters = [];
    for (const resolve of answered) resolve(ok(null));
    timer = schedule(() => {
      timer = undefined;
      console.error(`The exit backup did not finish within ${timeoutMs} ms; closing anyway`);
      allowClose();
    }, timeoutMs);
    return 'wait';
  }

  /** The renderer's exit backup is done or failed. Ignored unless the window is being closed. */
  async function exitReady(): Promise<IpcResult<null>> {
    if (state === 'exiting') allowClose();
    return ok(null);
  }

  /**
   * The page is gone (renderer crashed, window closed): its pending call can never
   * answer. While exiting, close at once; otherwise start over for the next page or window.
   */
  function rendererGone(): void {
    waiters = [];
    if (state === 'exiting') allowClose();
    else state = 'running';
  }

  return { waitForExit, exitReady, onCloseRequested, rendererGone, state: () => state };
}
