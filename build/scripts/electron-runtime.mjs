/**
 * Finds the Electron executable the `electron` npm package downloaded, without
 * requiring the package: its index.js throws when the download never happened,
 * which is exactly the case we must handle gracefully (offline build machines).
 */
import path from 'node:path';
import { existsSync, readFileSync, statSync } from 'node:fs';

/**
 * @param {string} repoRoot folder holding node_modules/electron
 * @returns {string | null} absolute path of the executable, or null when it is not installed
 */
export function findElectronBinary(repoRoot) {
  const packageDir = path.join(repoRoot, 'node_modules', 'electron');
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  try {
    const relative = readFileSync(pathFile, 'utf8').trim();
    if (relative === '') return null;
    const distDir = path.join(packageDir, 'dist');
    const binary = path.resolve(distDir, relative);
    // path.txt is data from disk: do not let it point outside dist/.
    if (!binary.startsWith(distDir + path.sep)) return null;
    return statSync(binary).isFile() ? binary : null;
  } catch {
    return null;
  }
}
