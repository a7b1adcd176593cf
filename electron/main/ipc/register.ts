/**
 * The one way to expose a DesktopApi method over IPC. Every handler:
 * (1) refuses callers other than the app's own window, (2) parses the payload
 * as `unknown` with the method's schema, (3) calls an injected service,
 * (4) turns any thrown error into an `io_error` value. It never throws across IPC.
 */
import type { z } from 'zod';
import {
  IPC_CHANNELS,
  IPC_REQUEST_SCHEMAS,
  type DesktopApi,
} from '../../../shared/ipc/contract';
import { err } from '../../../shared/result';
import { isTrustedPageUrl } from '../security';

export type DesktopMethod = keyof DesktopApi;
export type RequestOf<M extends DesktopMethod> = z.output<(typeof IPC_REQUEST_SCHEMAS)[M]>;
export type ResultOf<M extends DesktopMethod> = Awaited<ReturnType<DesktopApi[M]>>;

/** The part of an `IpcMainInvokeEvent` the sender check needs. */
export interface InvokeEventLike {
  readonly sender: unknown;
  readonly senderFrame: { readonly url: string } | null;
}

/** The part of `ipcMain` this module uses; the real `ipcMain` satisfies it. */
export interface IpcMainLike<E extends InvokeEventLike> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => Promise<unknown>): void;
}

export type SenderCheck<E extends InvokeEventLike> = (event: E) => boolean;
export type MethodHandler<M extends DesktopMethod, E> = (
  request: RequestOf<M>,
  event: E,
) => Promise<ResultOf<M>>;

export const FORBIDDEN_SENDER_MESSAGE =
  'Yêu cầu bị từ chối vì không xuất phát từ cửa sổ của ứng dụng.';
export const INVALID_REQUEST_MESSAGE =
  'Yêu cầu không hợp lệ. Vui lòng thử lại hoặc khởi động lại ứng dụng.';
export const IO_ERROR_MESSAGE =
  'Không thực hiện được thao tác trên máy tính. Vui lòng thử lại.';

/**
 * A sender is trusted only when it is the main window's own web contents AND
 * the calling frame shows a page of the app (app://bundle/…).
 */
export function createSenderCheck(
  getTrustedSender: () => unknown,
): SenderCheck<InvokeEventLike> {
  return (event) => {
    try {
      const trusted = getTrustedSender();
      if (trusted === null || trusted === undefined || event.sender !== trusted) return false;
      const url = event.senderFrame?.url;
      return typeof url === 'string' && isTrustedPageUrl(url);
    } catch {
      return false;
    }
  };
}

/** A check that throws (e.g. on a destroyed window) counts as a refusal. */
function passes<E>(check: (event: E) => boolean, event: E): boolean {
  try {
    return check(event);
  } catch {
    return false;
  }
}

export function registerHandler<M extends DesktopMethod, E extends InvokeEventLike>(
  ipcMain: IpcMainLike<E>,
  method: M,
  isTrustedSender: SenderCheck<E>,
  handler: MethodHandler<M, E>,
): void {
  const schema: z.ZodType = IPC_REQUEST_SCHEMAS[method];
  ipcMain.handle(IPC_CHANNELS[method], async (event, ...args) => {
    if (!passes(isTrustedSender, event)) return err('forbidden_sender', FORBIDDEN_SENDER_MESSAGE);

    // One argument at most: the request object (none for getAppInfo).
    const parsed = args.length > 1 ? null : schema.safeParse(args[0]);
    if (parsed === null || !parsed.success) return err('invalid_request', INVALID_REQUEST_MESSAGE);

    try {
      return await handler(parsed.data as RequestOf<M>, event);
    } catch (error) {
      console.error(`IPC handler "${method}" failed`, error);
      return err('io_error', IO_ERROR_MESSAGE);
    }
  });
}
