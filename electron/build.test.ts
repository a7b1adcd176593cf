/**
 * Bundles the Electron side with the real build configuration into a
 * temporary folder and checks what the packaged app depends on: `electron`
 * is the only module left to require (plus node builtins in main), and the
 * bundles actually run when given a fake `electron`.
 */
import path from 'node:path';
import os from 'node:os';
import vm from 'node:vm';
import { builtinModules, createRequire } from 'node:module';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildElectron, electronBuildOptions } from '../build/scripts/build-electron.mjs';
import { DESKTOP_API_GLOBAL, IPC_CHANNELS } from '../shared/ipc/contract';

const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Every module name the bundle passes to require() as a string literal. */
function requiredModules(code: string): string[] {
  return [...code.matchAll(/\brequire\(\s*(["'`])([^"'`]+)\1\s*\)/g)].map((match) => match[2] ?? '');
}

/** Runs a CommonJS bundle in a fresh context where `require` only knows what we give it. */
function runCommonJs(code: string, filename: string, modules: Record<string, unknown>): void {
  const realRequire = createRequire(filename);
  const sandboxRequire = (id: string): unknown => {
    if (id in modules) return modules[id];
    if (NODE_BUILTINS.has(id)) return realRequire(id);
    throw new Error(`unexpected require("${id}")`);
  };
  const module = { exports: {} };
  const wrapper = vm.runInThisContext(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, {
    filename,
  }) as (...args: unknown[]) => void;
  wrapper(module.exports, sandboxRequire, module, filename, path.dirname(filename));
}

let outDir: string;
let mainCode: string;
let preloadCode: string;

beforeAll(async () => {
  outDir = await mkdtemp(path.join(os.tmpdir(), 'sodean06-build-'));
  const built = await buildElectron({ outDir });
  mainCode = await readFile(built.main, 'utf8');
  preloadCode = await readFile(built.preload, 'utf8');
}, 60_000);
afterAll(() => rm(outDir, { recursive: true, force: true }));

describe('electron build configuration', () => {
  it('targets CommonJS with electron kept external', () => {
    const { main, preload } = electronBuildOptions({ outDir: '/out' });
    for (const options of [main, preload]) {
      expect(options.format).toBe('cjs');
      expect(options.bundle).toBe(true);
      expect(options.external).toEqual(['electron']);
    }
    expect(main.platform).toBe('node');
    expect(main.outfile).toBe(path.join('/out', 'main.cjs'));
    expect(preload.outfile).toBe(path.join('/out', 'preload.cjs'));
  });

  it('writes main.cjs and preload.cjs', async () => {
    expect((await stat(path.join(outDir, 'main.cjs'))).size).toBeGreaterThan(1000);
    expect((await stat(path.join(outDir, 'preload.cjs'))).size).toBeGreaterThan(100);
  });

  it('leaves only electron and node builtins to require in main.cjs', () => {
    const required = requiredModules(mainCode);
    expect(required).toContain('electron');
    expect(required.filter((name) => name !== 'electron' && !NODE_BUILTINS.has(name))).toEqual([]);
    // zod and shared/ are inlined, not looked up in node_modules at run time.
    expect(mainCode).not.toMatch(/require\(["']zod/);
  });

  it('leaves only electron to require in preload.cjs (the sandbox has nothing else)', () => {
    expect(new Set(requiredModules(preloadCode))).toEqual(new Set(['electron']));
  });

  it('keeps the preload free of the request schemas (validation happens in main)', () => {
    // zod in the preload cost ~750 KB parsed on every window start, for nothing
    expect(preloadCode).not.toMatch(/ZodError|zod/i);
    expect(preloadCode.length).toBeLessThan(20_000);
  });

  it('produces a preload that exposes the API when run with a fake electron', () => {
    const exposed: [string, Record<string, unknown>][] = [];
    const invoke = vi.fn(async () => ({ ok: true }));
    runCommonJs(preloadCode, path.join(outDir, 'preload.cjs'), {
      electron: {
        contextBridge: { exposeInMainWorld: (name: string, api: Record<string, unknown>) => exposed.push([name, api]) },
        ipcRenderer: { invoke },
      },
    });
    expect(exposed.map(([name]) => name)).toEqual([DESKTOP_API_GLOBAL]);
    const api = exposed[0]?.[1] ?? {};
    expect(Object.keys(api).sort()).toEqual(Object.keys(IPC_CHANNELS).sort());
    void (api.printToPdf as (request: unknown) => Promise<unknown>)({ suggestedName: 'x' });
    expect(invoke).toHaveBeenCalledWith(IPC_CHANNELS.printToPdf, { suggestedName: 'x' });
  });

  it('produces a main that pins userData and registers app:// before quitting as a second instance', () => {
    const calls: string[] = [];
    const app = {
      getPath: (name: string) => `/home/canbo/.config`.concat(name === 'appData' ? '' : `/${name}`),
      setPath: (name: string, value: string) => calls.push(`setPath ${name} ${value}`),
      enableSandbox: () => calls.push('enableSandbox'),
      requestSingleInstanceLock: () => false,
      quit: () => calls.push('quit'),
      on: () => app,
    };
    const protocol = {
      registerSchemesAsPrivileged: (schemes: { scheme: string }[]) =>
        calls.push(`scheme ${schemes.map((s) => s.scheme).join()}`),
    };
    runCommonJs(mainCode, path.join(outDir, 'main.cjs'), { electron: { app, protocol } });
    expect(calls).toEqual([
      `setPath userData ${path.join('/home/canbo/.config', 'so-de-an-06')}`,
      'enableSandbox',
      'scheme app',
      'quit',
    ]);
  });
});
