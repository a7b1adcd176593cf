/**
 * Every earlier schema version, filled with data, opens in the current app with nothing
 * lost. One case per earlier version; add one when a version is added.
 */
import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { AppDatabase } from './database';
import { CURRENT_VERSION, SCHEMA_V1, SCHEMA_V2 } from './schema';
import { personalIdFor, setUpUnit, testServices } from '../testing/fixtures';

/** A realistic database, made by today's repositories: the rows an older app held look the same. */
async function filledRows(): Promise<Record<string, unknown[]>> {
  const services = testServices();
  const officer = await setUpUnit(services);
  const created = await services.repos.members.create(
    { listKey: 'elderly', memberKind: 'individual', idFlagged: false, fullName: 'Trần Văn Bảy', birthDate: '1948', sex: 'male', personalId: personalIdFor(1948, 'male', 7), oldId: '', phone: '', hamletId: '', address: '', note: '' },
    officer.id,
  );
  if (!created.ok) throw new Error(created.message);
  await services.repos.members.setStatus([created.value.id], { status: 'entered', date: '2026-11-22' }, officer.id);
  const rows: Record<string, unknown[]> = {};
  for (const table of services.db.tables) rows[table.name] = await table.toArray();
  services.db.close();
  return rows;
}

describe('schema migrations', () => {
  it('the current version is the last one declared', () => {
    expect(CURRENT_VERSION).toBe(2);
    expect(new AppDatabase('schema-probe').verno).toBe(2);
  });

  it('a version 1 database filled with data opens as version 2 with every row intact', async () => {
    const rows = await filledRows();
    const name = `v1-${Date.now()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    await v1.open();
    for (const table of Object.keys(SCHEMA_V1)) await v1.table(table).bulkAdd(rows[table] ?? []);
    expect(await v1.table('members').count()).toBe(1);
    v1.close();

    const current = new AppDatabase(name);
    await current.open();
    expect(current.verno).toBe(2);
    for (const table of Object.keys(SCHEMA_V1)) {
      expect(await current.table(table).toArray(), table).toEqual(rows[table] ?? []);
    }
    for (const table of Object.keys(SCHEMA_V2).filter((t) => !(t in SCHEMA_V1))) {
      expect(await current.table(table).count(), table).toBe(0);
    }
    // indexes of v1 still answer
    expect(await current.members.where('listKey').equals('elderly').count()).toBe(1);
    current.close();
  });
});
