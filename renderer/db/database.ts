import { Dexie, type Table } from 'dexie';
import type {
  AuditEntry,
  Dc01Case,
  Dc01Category,
  Hamlet,
  FamilyKey,
  Handover,
  ImportLog,
  LabourRecord,
  MemberList,
  MemberRecord,
  Officer,
  ReportDraft,
  ReportTemplate,
  Target,
  VehicleDeclaration,
} from '../../shared/domain/types';
import type { SavedMapping } from '../../shared/import/columns';
import type { Conflict } from '../../shared/backup/merge';
import { DB_NAME, SCHEMA_V1, SCHEMA_V2 } from './schema';
import type { StoredFactRow } from './facts';
import { DEFAULT_DC01_CATEGORIES, DEFAULT_MEMBER_LISTS } from '../../shared/domain/catalogues';

/** A column mapping an officer confirmed, kept for the next file with the same headers. */
export type StoredMapping = SavedMapping & { readonly id: string; readonly family: FamilyKey; savedAt: string };

export type SettingRow = { key: string; value: unknown };

/** One data package merged here: what it held, what changed, and the conflicts shown to the officer. */
export type PackageLog = {
  readonly id: string;
  /** when it was merged here */
  readonly at: string;
  readonly by: string;
  readonly fileName: string;
  /** the PC that made it, and when */
  readonly deviceId: string;
  readonly exportedAt: string;
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly conflicts: readonly Conflict[];
};

/** This PC's secrets and identity: the backup key, the device id. */
export type VaultRow = { key: string; value: unknown };

export class AppDatabase extends Dexie {
  settings!: Table<SettingRow, string>;
  officers!: Table<Officer, string>;
  hamlets!: Table<Hamlet, string>;
  memberLists!: Table<MemberList, string>;
  dc01Categories!: Table<Dc01Category, string>;
  targets!: Table<Target, string>;
  members!: Table<MemberRecord, string>;
  labour!: Table<LabourRecord, string>;
  declarations!: Table<VehicleDeclaration, string>;
  dc01Cases!: Table<Dc01Case, string>;
  audit!: Table<AuditEntry, string>;
  facts!: Table<StoredFactRow, string>;
  templates!: Table<ReportTemplate, string>;
  reportDrafts!: Table<ReportDraft, string>;
  handovers!: Table<Handover, string>;
  importMappings!: Table<StoredMapping, string>;
  imports!: Table<ImportLog, string>;
  packages!: Table<PackageLog, string>;
  vault!: Table<VaultRow, string>;

  constructor(name: string = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2);
    this.on('populate', (tx) => {
      // Default catalogues for a brand-new database (DOMAIN.md).
      void tx.table('memberLists').bulkAdd(DEFAULT_MEMBER_LISTS.map((l) => ({ ...l })));
      void tx.table('dc01Categories').bulkAdd(
        DEFAULT_DC01_CATEGORIES.map((c) => ({ ...c, outcomes: c.outcomes.map((o) => ({ ...o })) })),
      );
    });
  }
}

export function openDatabase(name?: string): AppDatabase {
  return new AppDatabase(name);
}
