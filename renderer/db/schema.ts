/**
 * IndexedDB schema, one constant per version. Never edit a released version:
 * add a new one with a dated changelog line and, when data must move, an
 * upgrade function in ./upgrades with its own test.
 *
 * Changelog
 * - v1 (2026-11-22): all four families (members, labour, vehicle declarations
 *   with their vehicles embedded, DC01 cases), catalogues, targets, settings,
 *   officers, hamlets and the append-only audit log. Progress history lives
 *   inside each record (statusLog / stateLog) so metrics need one table read.
 */
export const DB_NAME = 'so-de-an-06';

export const SCHEMA_V1 = {
  settings: 'key',
  officers: 'id',
  hamlets: 'id, order',
  memberLists: 'key, order',
  dc01Categories: 'key, order',
  targets: 'id, scope, periodTo',
  members: 'id, listKey, personalId, oldId, *nameWords, updatedAt',
  labour: 'id, personalId, oldId, *nameWords, updatedAt',
  declarations: 'id, personalId, *plateKeys, *frameKeys, *engineKeys, *nameWords, updatedAt',
  dc01Cases: 'id, categoryKey, [categoryKey+state], personalId, *nameWords, updatedAt',
  audit: 'id, at, [entity+recordId], officerId, action',
} as const;

export const CURRENT_VERSION = 1;
