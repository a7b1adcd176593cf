/**
 * IndexedDB schema, one constant per version. Never edit a released version:
 * add a new one with a dated changelog line and, when data must move, an
 * upgrade function in ./upgrades with its own test.
 *
 * Changelog
 * - v1 (2026-11-22): all four families (members, labour, vehicle declarations
 *   with their vehicles embedded, DC01 cases), catalogues, targets, settings,
 *   officers, hamlets and the append-only audit log. Progress history lives
 *   inside each record (statusLog / stateLog). `facts` mirrors each record's
 *   progress in a few fields, written in the same transaction, so figures over
 *   250,000 records read small rows instead of whole records (~5 s at that size).
 *   Report templates, report drafts and hand-overs (chốt số liệu) per period.
 *   Excel imports: the column mappings officers confirmed (by family and header
 *   layout) and one summary row per import.
 * - v2 (2026-12-02): `packages`, one row per data package (gói dữ liệu) merged here, so the
 *   same package is recognised the second time and the next merge from that PC knows when
 *   the two were last in step; `vault`, this PC's backup key (a non-extractable CryptoKey
 *   derived from the unit's passphrase) and its device id — local only, never backed up.
 *   No data moves: v1 databases open with both tables empty.
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
  /** a small projection of every record's progress, for the dashboard and the report */
  facts: 'id, scope',
  /** the superior unit's .xlsx forms */
  templates: 'id',
  /** the officer's text of each period's printed report */
  reportDrafts: 'periodTo',
  /** what was handed over for each period (chốt số liệu) */
  handovers: 'id, periodTo',
  /** confirmed column mappings, `${family}|${headerSignature}` */
  importMappings: 'id',
  /** one row per committed import: file, sheets, target, counts, officer */
  imports: 'id, at',
} as const;

export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  /** data packages merged into this database: id (the package's), when, from which PC */
  packages: 'id, at',
  /** this PC's backup key and device id; never in a backup or package */
  vault: 'key',
} as const;

export const CURRENT_VERSION = 2;

/** Tables that stay on this PC: never written to a backup, never replaced by a restore. */
export const LOCAL_ONLY_TABLES: readonly string[] = ['vault'];
