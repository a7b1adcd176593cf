/**
 * Writing a file so that it is either whole on disk or not there: a NEW file (never
 * overwriting), flushed before it is closed — callers then rename it into place.
 */
import { open } from 'node:fs/promises';

export async function writeNewFileSynced(filePath: string, data: Uint8Array): Promise<void> {
  const handle = await open(filePath, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
