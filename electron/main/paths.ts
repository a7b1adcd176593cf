/**
 * Fixed names and the layout of the built app: dist/electron/main.cjs and
 * preload.cjs side by side, the renderer in dist/renderer.
 */
import path from 'node:path';

/**
 * userData lives in `<appData>/so-de-an-06` whatever the product is called,
 * so renaming the product never orphans the officer's database.
 */
export const USER_DATA_DIR_NAME = 'so-de-an-06';
export const APP_USER_MODEL_ID = 'vn.congan.sodean06';

export type BundlePaths = { readonly preload: string; readonly rendererRoot: string };

/** `bundleDir` is the folder holding main.cjs (its `__dirname`). */
export function resolveBundlePaths(bundleDir: string): BundlePaths {
  return {
    preload: path.join(bundleDir, 'preload.cjs'),
    rendererRoot: path.resolve(bundleDir, '..', 'renderer'),
  };
}

export function userDataPath(appDataDir: string): string {
  return path.join(appDataDir, USER_DATA_DIR_NAME);
}
