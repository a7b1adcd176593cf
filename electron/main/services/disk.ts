/**
 * Writing a file so that it is either whole on disk or not there: a NEW file (never
 * overwriting), flushed before it is closed — callers then rename it into place.
 */
import { open } from 'node:fs/promises';
import { errorCode } from './write-errors';

/** The few file operations an atomic write needs (tests pass failing ones). */
export type AtomicWriteFileSystem = {
  writeNewFile(filePath: string, data: Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  remove(filePath: string): Promise<void>;
};

export async function writeNewFileSynced(filePath: string, data: Uint8Array): Promise<void> {
  const handle = await open(filePath, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * `data` into `target` through the flushed NEW file `temporary`, renamed into place when
 * complete: a crash or a full disk never leaves a half-written `target`, and on failure the
 * temporary file goes too — unless it was somebody else's (EEXIST), which is left alone.
 */
export async function writeThroughTemporary(fs: AtomicWriteFileSystem, temporary: string, target: string, data: Uint8Array): Promise<void> {
  try {
    await fs.writeNewFile(temporary, data);
    await fs.rename(temporary, target);
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') await fs.remove(temporary).catch(() => undefined);
    throw error;
  }
}
