/**
 * The database side of backups, restores and data packages: reading a consistent snapshot,
 * replacing everything in one transaction, merging a package in one transaction, and this
 * PC's vault (backup key, device id, last backup). Sealing and files are renderer/backup.
 */
import type { Table } from 'dexie';
import type { AppDatabase, PackageLog } from '../database';
import { LOCAL_ONLY_TABLES } from '../schema';
import { appendAudit, type RepoContext } from './context';
import { factOf, type FactRow } from '../facts';
import { err, ok, type Result } from '../../../shared/result';
import { matchHamlets, mergeRecord, missingRows, type Conflict, type MergeableRecord } from '../../../shared/backup/merge';
import { searchKey } from '../../../shared/text/normalize';
import { FORMAT_MESSAGES } from '../../../shared/backup/format';
import type { SnapshotTables } from '../../../shared/backup/upgrade';
import type { Dc01Case, Hamlet, LabourRecord, MemberRecord, VehicleDeclaration } from '../../../shared/domain/types';
import type { VaultKey } from '../../backup/vault';
import { encodeFrame } from '../../backup/frames';

/** Rows per frame and per read: small enough to keep pages modest, big enough to be quick. */
const PAGE = 5000;

const VAULT_KEY = 'backupKey';
const DEVICE_KEY = 'deviceId';
const LAST_BACKUP_KEY = 'lastBackup';

export type LastBackup = {
  readonly at: string;
  readonly kind: 'auto' | 'manual' | 'safety';
  readonly ok: boolean;
  /** where it went, or why it failed */
  readonly detail: string;
  /** the second copy's failure (USB stick missing…), if any */
  readonly secondError?: string;
};

/** The four families a package carries, with how each record's facts are made. */
const FAMILIES = [
  { table: 'members', fact: (r: unknown) => factOf.member(r as MemberRecord) },
  { table: 'labour', fact: (r: unknown) => factOf.labour(r as LabourRecord) },
  { table: 'declarations', fact: (r: unknown) => factOf.declaration(r as VehicleDeclaration) },
  { table: 'dc01Cases', fact: (r: unknown) => factOf.dc01(r as Dc01Case) },
] as const;
type FamilyTable = (typeof FAMILIES)[number]['table'];
/** Small tables a package carries so its records make sense on the other PC; rows missing here are added. */
const CATALOGUES = ['hamlets', 'memberLists', 'dc01Categories', 'officers', 'audit'] as const;

export const RESTORE_MESSAGES = {
  damaged: FORMAT_MESSAGES.damaged,
  unknown_table: 'Bản sao lưu có dữ liệu lạ mà phiên bản này không hiểu. Không khôi phục gì.',
} as const;

export type RestoreSummary = { readonly tables: number; readonly rows: number };

export type MergeSummary = {
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly conflicts: readonly Conflict[];
  /** rows this PC lacked, by table (hamlets, lists, categories, officers, audit lines) */
  readonly catalogueRows: Readonly<Record<string, number>>;
};

export type PackageScope = { readonly period?: { readonly from: string; readonly to: string } };

function backedUpTables(db: AppDatabase): Table[] {
  return db.tables.filter((t) => !LOCAL_ONLY_TABLES.includes(t.name));
}

/** Every row of a table, page by page in primary-key order (inside the caller's transaction). */
async function* pages(table: Table): AsyncGenerator<unknown[]> {
  let last: unknown;
  for (;;) {
    const page: unknown[] =
      last === undefined
        ? await table.orderBy(':id').limit(PAGE).toArray()
        : await table.where(':id').above(last).limit(PAGE).toArray();
    if (page.length === 0) return;
    yield page;
    if (page.length < PAGE) return;
    last = keyOf(table, page[page.length - 1]);
  }
}

function keyOf(table: Table, row: unknown): unknown {
  const path = table.schema.primKey.keyPath;
  return typeof path === 'string' ? (row as Record<string, unknown>)[path] : undefined;
}

/** Inclusive day range on an ISO date-time. */
const inPeriod = (at: string | undefined, period: { from: string; to: string }) =>
  typeof at === 'string' && at.slice(0, 10) >= period.from && at.slice(0, 10) <= period.to;

export function createBackupRepo(ctx: RepoContext) {
  const { db } = ctx;
  const vaultGet = async <T>(key: string) => (await db.vault.get(key))?.value as T | undefined;

  return {
    async vaultKey(): Promise<VaultKey | undefined> {
      return vaultGet<VaultKey>(VAULT_KEY);
    },
    /** The unit's passphrase was set or changed: the new key is kept on this PC (not extractable). */
    async setVaultKey(vault: VaultKey, officerId: string, changed: boolean): Promise<void> {
      await db.transaction('rw', db.vault, db.audit, async () => {
        await db.vault.put({ key: VAULT_KEY, value: vault });
        await appendAudit(ctx, {
          officerId,
          action: 'settings',
          entity: 'settings',
          recordId: 'backupPassphrase',
          summary: changed ? 'Đổi mật khẩu sao lưu' : 'Đặt mật khẩu sao lưu',
        });
      });
    },
    /** This PC's id, made once: packages name the PC they came from. */
    async deviceId(): Promise<string> {
      return db.transaction('rw', db.vault, async () => {
        const existing = await vaultGet<string>(DEVICE_KEY);
        if (existing) return existing;
        const id = ctx.newId();
        await db.vault.put({ key: DEVICE_KEY, value: id });
        return id;
      });
    },
    async lastBackup(): Promise<LastBackup | undefined> {
      return vaultGet<LastBackup>(LAST_BACKUP_KEY);
    },
    async recordBackup(last: LastBackup, officerId: string): Promise<void> {
      await db.transaction('rw', db.vault, db.audit, async () => {
        await db.vault.put({ key: LAST_BACKUP_KEY, value: last });
        if (last.ok) {
          await appendAudit(ctx, {
            officerId,
            action: 'backup',
            entity: 'database',
            recordId: last.kind,
            summary: `${last.kind === 'auto' ? 'Sao lưu tự động' : last.kind === 'manual' ? 'Sao lưu' : 'Bản sao lưu an toàn trước khi khôi phục'}: ${last.detail}`,
          });
        }
      });
    },

    /**
     * Every backed-up table as encoded frames, read in ONE read-only transaction so the
     * backup is a consistent picture even while another window writes. Returns row counts.
     */
    async snapshotFrames(): Promise<{ frames: Uint8Array[]; counts: Record<string, number> }> {
      const tables = backedUpTables(db);
      const frames: Uint8Array[] = [];
      const counts: Record<string, number> = {};
      await db.transaction('r', tables, async () => {
        for (const table of tables) {
          counts[table.name] = 0;
          for await (const rows of pages(table)) {
            frames.push(encodeFrame({ table: table.name, rows }));
            counts[table.name] = (counts[table.name] ?? 0) + rows.length;
          }
        }
      });
      return { frames, counts };
    },

    /** The records (all, or changed in a period) and the catalogues a package carries. */
    async packageFrames(scope: PackageScope): Promise<{ frames: Uint8Array[]; counts: Record<string, number> }> {
      const tables = [...FAMILIES.map((f) => db.table(f.table)), ...CATALOGUES.map((name) => db.table(name))];
      const frames: Uint8Array[] = [];
      const counts: Record<string, number> = {};
      await db.transaction('r', tables, async () => {
        for (const table of tables) {
          counts[table.name] = 0;
          const isFamily = FAMILIES.some((f) => f.table === table.name);
          for await (const page of pages(table)) {
            const rows =
              scope.period && (isFamily || table.name === 'audit')
                ? page.filter((r) => inPeriod((r as { updatedAt?: string; at?: string }).updatedAt ?? (r as { at?: string }).at, scope.period!))
                : page;
            if (rows.length === 0) continue;
            frames.push(encodeFrame({ table: table.name, rows }));
            counts[table.name] = (counts[table.name] ?? 0) + rows.length;
          }
        }
      });
      return { frames, counts };
    },

    /**
     * Replaces every backed-up table with `tables` in ONE transaction: either all of it is
     * restored, or (an error, the window closed) nothing changed. This PC's vault stays.
     */
    async replaceAll(
      tables: SnapshotTables,
      officerId: string,
      summary: string,
      onProgress?: (written: number, total: number) => void,
    ): Promise<Result<RestoreSummary, keyof typeof RESTORE_MESSAGES>> {
      const targets = backedUpTables(db);
      const known = new Set(targets.map((t) => t.name));
      for (const name of Object.keys(tables)) {
        if (!known.has(name)) return err('unknown_table', RESTORE_MESSAGES.unknown_table);
      }
      for (const table of targets) {
        for (const row of tables[table.name] ?? []) {
          if (typeof row !== 'object' || row === null || keyOf(table, row) === undefined) {
            return err('damaged', RESTORE_MESSAGES.damaged);
          }
        }
      }
      let rows = 0;
      const total = targets.reduce((sum, t) => sum + (tables[t.name]?.length ?? 0), 0);
      await db.transaction('rw', targets, async () => {
        for (const table of targets) {
          await table.clear();
          const incoming = tables[table.name] ?? [];
          for (let i = 0; i < incoming.length; i += PAGE) {
            const page = incoming.slice(i, i + PAGE);
            await table.bulkAdd(page);
            rows += page.length;
            onProgress?.(rows, total);
          }
        }
        await appendAudit(ctx, { officerId, action: 'restore', entity: 'database', recordId: 'restore', summary });
      });
      return ok({ tables: targets.length, rows });
    },

    /** A data package left this PC: who, which file, how many records. */
    async recordPackageExport(packageId: string, officerId: string, summary: string): Promise<void> {
      await db.transaction('rw', db.audit, () => appendAudit(ctx, { officerId, action: 'export', entity: 'package', recordId: packageId, summary }));
    },

    async packageSeen(packageId: string): Promise<PackageLog | undefined> {
      return db.packages.get(packageId);
    },

    /**
     * Merges a package's tables in ONE transaction (records by id, history merged, newest
     * wins, conflicts listed; catalogue rows this PC lacks are added) and logs the package,
     * so the same package the second time is recognised and changes nothing.
     */
    async mergePackage(
      tables: SnapshotTables,
      source: { id: string; deviceId: string; exportedAt: string; fileName: string },
      officerId: string,
      onProgress?: (merged: number, total: number) => void,
    ): Promise<Result<MergeSummary, 'damaged' | 'already'>> {
      for (const family of FAMILIES) {
        for (const row of tables[family.table] ?? []) {
          const r = row as Partial<MergeableRecord> | null;
          if (typeof r !== 'object' || r === null || typeof r.id !== 'string' || typeof r.updatedAt !== 'string' || typeof r.createdAt !== 'string') {
            return err('damaged', RESTORE_MESSAGES.damaged);
          }
        }
      }
      const familyTables = FAMILIES.map((f) => db.table(f.table));
      const catalogueTables = CATALOGUES.map((name) => db.table(name));
      const changed: Partial<Record<FamilyTable, string[]>> = {};
      let added = 0;
      let updated = 0;
      let unchanged = 0;
      const catalogueRows: Record<string, number> = {};
      const conflicts: Conflict[] = [];
      const total = FAMILIES.reduce((sum, f) => sum + (tables[f.table]?.length ?? 0), 0);
      const outcome = await db.transaction('rw', [...familyTables, ...catalogueTables, db.facts, db.packages], async () => {
        if (await db.packages.get(source.id)) return 'already' as const;
        const previous = (await db.packages.toArray())
          .filter((p) => p.deviceId === source.deviceId)
          .map((p) => p.exportedAt)
          .sort()
          .pop();
        // the same hamlets under this PC's ids: records are pointed at them
        const hamlets = matchHamlets(await db.hamlets.toArray(), (tables.hamlets ?? []) as Hamlet[], searchKey);
        if (hamlets.missing.length > 0) {
          const last = (await db.hamlets.orderBy('order').last())?.order ?? 0;
          await db.hamlets.bulkAdd(hamlets.missing.map((h, i) => ({ ...h, order: last + 1 + i })));
          catalogueRows.hamlets = hamlets.missing.length;
        }
        const localHamlet = (record: MergeableRecord): MergeableRecord => {
          const hamletId = (record as { hamletId?: string }).hamletId;
          const mapped = hamletId ? hamlets.idMap.get(hamletId) : undefined;
          return mapped === undefined ? record : ({ ...record, hamletId: mapped } as MergeableRecord);
        };
        for (const catalogue of catalogueTables) {
          const incoming = tables[catalogue.name] ?? [];
          if (incoming.length === 0 || catalogue.name === 'hamlets') continue;
          const localKeys = new Set((await catalogue.toCollection().primaryKeys()).map(String));
          let missing = missingRows(localKeys, incoming, (row) => String(keyOf(catalogue, row)));
          // Another PC's officers name who did what; they do not get a login here until
          // someone turns them on in Settings → Cán bộ.
          if (catalogue.name === 'officers') missing = missing.map((o) => ({ ...(o as object), active: false }));
          if (missing.length > 0) await catalogue.bulkAdd(missing);
          if (missing.length > 0) catalogueRows[catalogue.name] = missing.length;
        }
        for (const family of FAMILIES) {
          const table = db.table<MergeableRecord, string>(family.table);
          const incoming = ((tables[family.table] ?? []) as MergeableRecord[]).map(localHamlet);
          for (let i = 0; i < incoming.length; i += PAGE) {
            const page = incoming.slice(i, i + PAGE);
            const locals = await table.bulkGet(page.map((r) => r.id));
            const puts: MergeableRecord[] = [];
            page.forEach((record, j) => {
              const result = mergeRecord(locals[j], record, previous);
              if (result.kind === 'new') added++;
              else if (result.kind === 'updated') updated++;
              else unchanged++;
              if (result.kind !== 'unchanged') puts.push(result.record);
              if (result.kind !== 'new' && result.conflict) conflicts.push(result.conflict);
            });
            if (puts.length > 0) {
              await table.bulkPut(puts);
              await db.facts.bulkPut(puts.map((r) => family.fact(r) as FactRow));
              (changed[family.table] ??= []).push(...puts.map((r) => r.id));
            }
            onProgress?.(added + updated + unchanged, total);
          }
        }
        const at = ctx.clock().toISOString();
        await db.packages.add({
          id: source.id,
          at,
          by: officerId,
          fileName: source.fileName,
          deviceId: source.deviceId,
          exportedAt: source.exportedAt,
          added,
          updated,
          unchanged,
          conflicts,
        });
        await appendAudit(ctx, {
          officerId,
          action: 'import',
          entity: 'package',
          recordId: source.id,
          summary: `Nhập gói dữ liệu "${source.fileName}": ${added} hồ sơ mới, ${updated} cập nhật, ${unchanged} không đổi, ${conflicts.length} xung đột`,
        });
        return 'merged' as const;
      });
      if (outcome === 'already') return err('already', 'Gói dữ liệu này đã được nhập trước đây. Không có gì thay đổi.');
      for (const [table, ids] of Object.entries(changed)) ctx.changes.emit(table, ids);
      return ok({ added, updated, unchanged, conflicts, catalogueRows });
    },

    async packageHistory(): Promise<PackageLog[]> {
      return db.packages.orderBy('at').reverse().toArray();
    },
  };
}

export type BackupRepo = ReturnType<typeof createBackupRepo>;
