/** Types for build-electron.mjs, so electron/build.test.ts can reuse the exact build configuration. */
import type { BuildOptions } from 'esbuild';

export declare const REPO_ROOT: string;

export interface ElectronBuildTarget {
  /** Where main.cjs and preload.cjs go; dist/electron by default. */
  readonly outDir?: string;
  /** Repository root holding electron/ and shared/. */
  readonly root?: string;
}

export declare function electronBuildOptions(options?: ElectronBuildTarget): {
  main: BuildOptions;
  preload: BuildOptions;
};

export declare function buildElectron(options?: ElectronBuildTarget): Promise<{ main: string; preload: string }>;
