/**
 * How `npm start` decides between the desktop app and the web fallback:
 * only a real executable named by node_modules/electron/path.txt counts.
 */
import os from 'node:os';
import path from 'node:path';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../build/scripts/electron-runtime.mjs';

let repo: string;
let packageDir: string;
beforeEach(async () => {
  repo = await mkdtemp(path.join(os.tmpdir(), 'sodean06-runtime-'));
  packageDir = path.join(repo, 'node_modules', 'electron');
  await mkdir(path.join(packageDir, 'dist'), { recursive: true });
});
afterEach(() => rm(repo, { recursive: true, force: true }));

describe('findElectronBinary', () => {
  it('finds the executable named by path.txt', async () => {
    await writeFile(path.join(packageDir, 'path.txt'), 'electron.exe');
    await writeFile(path.join(packageDir, 'dist', 'electron.exe'), 'MZ');
    expect(findElectronBinary(repo)).toBe(path.join(packageDir, 'dist', 'electron.exe'));
  });

  it('reports nothing when the download never happened (no path.txt)', () => {
    expect(findElectronBinary(repo)).toBeNull();
  });

  it('reports nothing when path.txt names a missing file', async () => {
    await writeFile(path.join(packageDir, 'path.txt'), 'electron');
    expect(findElectronBinary(repo)).toBeNull();
  });

  it('reports nothing when path.txt points outside dist/', async () => {
    await writeFile(path.join(repo, 'evil'), '#!/bin/sh');
    await writeFile(path.join(packageDir, 'path.txt'), '../../../evil');
    expect(findElectronBinary(repo)).toBeNull();
  });

  it('reports nothing when there is no electron package at all', async () => {
    await rm(packageDir, { recursive: true });
    expect(findElectronBinary(repo)).toBeNull();
  });

  it('reports nothing in this repository, where the binary could not be downloaded', () => {
    // Guards the web fallback exercised by `npm start` here; if Electron ever gets
    // installed on this machine this expectation simply documents the change.
    const here = path.resolve(import.meta.dirname, '..');
    const found = findElectronBinary(here);
    expect(found === null || found.startsWith(path.join(here, 'node_modules', 'electron', 'dist'))).toBe(true);
  });
});
