/// <reference lib="webworker" />
/**
 * The import's Web Worker: one ImportCore per worker (one per import screen), answering
 * the engine's calls in order. Errors go back as messages, never as an unhandled throw.
 */
import { ImportCore } from './import-core';
import { runCall, type EngineCall, type EngineReply } from './engine';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const core = new ImportCore();

scope.addEventListener('message', (e: MessageEvent<EngineCall>) => {
  const call = e.data;
  runCall(core, call).then(
    (value) => {
      const transfer = value instanceof Uint8Array ? [value.buffer as ArrayBuffer] : [];
      scope.postMessage({ id: call.id, ok: true, value } satisfies EngineReply, transfer);
    },
    (error: unknown) => {
      scope.postMessage({ id: call.id, ok: false, message: error instanceof Error ? error.message : String(error) } satisfies EngineReply);
    },
  );
});
