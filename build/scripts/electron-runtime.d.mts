/** Types for electron-runtime.mjs. */
export declare function findElectronBinary(repoRoot: string): string | null;
