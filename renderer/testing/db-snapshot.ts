/**
 * Every table of a database, row by row, read in one transaction: what a test compares
 * before and after something that must not write (a refused file, a cancelled import).
 */
import type Dexie from 'dexie';

export type DbSnapshot = Record<string, unknown[]>;

export async function snapshotTables(db: Dexie): Promise<DbSnapshot> {
  const out: DbSnapshot = {};
  await db.transaction('r', db.tables, async () => {
    for (const table of db.tables) out[table.name] = await table.toArray();
  });
  return out;
}
