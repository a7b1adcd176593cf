/**
 * Bundles the Electron side into two self-contained CommonJS files:
 *   electron/main/main.ts       → dist/electron/main.cjs    (Node inside Electron)
 *   electron/preload/preload.ts → dist/electron/preload.cjs (sandboxed renderer)
 * Everything (shared/, zod) is inlined; only `electron` stays a require, so the
 * packaged app needs no node_modules at all. A sandboxed preload cannot load
 * node builtins either, which is why its platform is the browser.
 *
 * Run directly: `node build/scripts/build-electron.mjs`. The options builder is
 * exported so electron/build.test.ts bundles with exactly this configuration.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Electron 45 embeds Node 22 and Chromium 140; node20/chrome120 keep some slack for older Electron. */
const NODE_TARGET = 'node20';
const CHROME_TARGET = 'chrome120';

/**
 * @param {{ outDir?: string, root?: string }} [options]
 * @returns {{ main: import('esbuild').BuildOptions, preload: import('esbuild').BuildOptions }}
 */
export function electronBuildOptions({ outDir, root = REPO_ROOT } = {}) {
  const out = outDir ?? path.join(root, 'dist', 'electron');
  /** @type {import('esbuild').BuildOptions} */
  const common = {
    absWorkingDir: root,
    bundle: true,
    format: 'cjs',
    external: ['electron'],
    tsconfig: path.join(root, 'electron', 'tsconfig.json'),
    sourcemap: false,
    minify: false,
    legalComments: 'none',
    logLevel: 'warning',
    // Zod and React-free shared code only; nothing should need NODE_ENV, but
    // a dependency that checks it must see production.
    define: { 'process.env.NODE_ENV': '"production"' },
  };
  return {
    main: {
      ...common,
      entryPoints: [path.join(root, 'electron', 'main', 'main.ts')],
      outfile: path.join(out, 'main.cjs'),
      platform: 'node',
      target: NODE_TARGET,
    },
    preload: {
      ...common,
      entryPoints: [path.join(root, 'electron', 'preload', 'preload.ts')],
      outfile: path.join(out, 'preload.cjs'),
      // The sandbox's require knows only 'electron' (and a few polyfills):
      // bundling for the browser makes any accidental node builtin a build error.
      platform: 'browser',
      target: CHROME_TARGET,
    },
  };
}

/** @param {{ outDir?: string, root?: string }} [options] */
export async function buildElectron(options) {
  const { main, preload } = electronBuildOptions(options);
  await Promise.all([build(main), build(preload)]);
  return { main: String(main.outfile), preload: String(preload.outfile) };
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  try {
    const { main, preload } = await buildElectron();
    console.log(`Electron: ${path.relative(REPO_ROOT, main)}, ${path.relative(REPO_ROOT, preload)}`);
  } catch (error) {
    // esbuild has already printed the diagnostics.
    if (!(error instanceof Error && 'errors' in error)) console.error(error);
    process.exitCode = 1;
  }
}
