/**
 * The import's heavy steps behind one asynchronous interface: in a Web Worker in the
 * app (reading 50,000 rows takes seconds and the window must keep answering), on the
 * main thread in unit tests and in a browser without module workers. Both run ImportCore.
 */
import type { Result } from '../../../shared/result';
import type { TextEncoding } from '../../../shared/import/legacy-encoding';
import type { SheetReadError } from '../../excel/sheet-reader';
import { ImportCore, type ImportFile, type ReadOutcome, type ReadRequest, type ReturnedRow, type SheetOverview } from './import-core';

export interface ImportEngine {
  load(file: ImportFile): Promise<Result<SheetOverview[], SheetReadError>>;
  reanalyse(index: number, choices: readonly (readonly [number, TextEncoding])[]): Promise<SheetOverview>;
  read(request: ReadRequest): Promise<ReadOutcome>;
  returnedWorkbook(title: string, rows: readonly ReturnedRow[]): Promise<Uint8Array>;
  dispose(): void;
}

export type EngineMethod = Exclude<keyof ImportEngine, 'dispose'>;
export type EngineCall = { readonly id: number; readonly method: EngineMethod; readonly args: readonly unknown[] };
export type EngineReply = { readonly id: number; readonly ok: true; readonly value: unknown } | { readonly id: number; readonly ok: false; readonly message: string };

/** Runs one call on a core; what the worker does with each message. */
export async function runCall(core: ImportCore, call: EngineCall): Promise<unknown> {
  const a = call.args;
  switch (call.method) {
    case 'load':
      return core.load(a[0] as ImportFile);
    case 'reanalyse':
      return core.reanalyse(a[0] as number, a[1] as readonly (readonly [number, TextEncoding])[]);
    case 'read':
      return core.read(a[0] as ReadRequest);
    case 'returnedWorkbook':
      return core.returnedWorkbook(a[0] as string, a[1] as readonly ReturnedRow[]);
  }
}

export function createLocalEngine(): ImportEngine {
  const core = new ImportCore();
  return {
    load: (file) => core.load(file),
    reanalyse: async (index, choices) => core.reanalyse(index, choices),
    read: async (request) => core.read(request),
    returnedWorkbook: (title, rows) => core.returnedWorkbook(title, rows),
    dispose: () => undefined,
  };
}

const WORKER_LOST = 'Bộ đọc tệp dừng bất thường (có thể máy thiếu bộ nhớ). Đóng bớt chương trình khác rồi chọn lại tệp.';

export function createWorkerEngine(worker: Worker): ImportEngine {
  let next = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const failAll = (message: string) => {
    for (const p of pending.values()) p.reject(new Error(message));
    pending.clear();
  };
  worker.addEventListener('message', (e: MessageEvent<EngineReply>) => {
    const reply = e.data;
    const waiting = pending.get(reply.id);
    if (waiting === undefined) return;
    pending.delete(reply.id);
    if (reply.ok) waiting.resolve(reply.value);
    else waiting.reject(new Error(reply.message));
  });
  worker.addEventListener('error', () => failAll(WORKER_LOST));
  const call = <T>(method: EngineMethod, args: unknown[], transfer: Transferable[] = []): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, method, args } satisfies EngineCall, transfer);
    });
  return {
    load: (file) => {
      // the bytes move to the worker instead of being copied (a 50 MB file twice is too much)
      const transfer = 'bytes' in file ? [file.bytes.buffer as ArrayBuffer] : [];
      return call('load', ['bytes' in file ? { name: file.name, bytes: file.bytes } : file], transfer);
    },
    reanalyse: (index, choices) => call('reanalyse', [index, choices]),
    read: (request) => call('read', [request]),
    returnedWorkbook: (title, rows) => call('returnedWorkbook', [title, rows]),
    dispose: () => {
      failAll('Đã đóng bộ đọc tệp.');
      worker.terminate();
    },
  };
}

/** The worker engine where module workers exist, else the main-thread one. */
export function createImportEngine(): ImportEngine {
  if (typeof Worker === 'undefined') return createLocalEngine();
  try {
    return createWorkerEngine(new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'nhap-excel' }));
  } catch {
    return createLocalEngine();
  }
}
