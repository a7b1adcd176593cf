/**
 * Backups, restores and data packages, end to end: the snapshot from the database
 * (repositories/backup-repo.ts), sealed with the unit's key (./vault.ts), written by the
 * platform (main process in the desktop build, the browser's private storage otherwise).
 * Every step that can fail returns a value with a Vietnamese message; nothing is replaced
 * or merged until the whole file has been authenticated and read.
 */
import { format } from 'date-fns';
import { err, ok, type Result } from '../../shared/result';
import type { BackupKind, BackupWritten, DesktopApi, SavedFile } from '../../shared/ipc/contract';
import { PACKAGE_EXTENSION } from '../../shared/ipc/contract';
import type { FileKind, SealedFile } from '../../shared/backup/format';
import type { Manifest } from '../../shared/backup/manifest';
import { upgradeTables, type SnapshotTables } from '../../shared/backup/upgrade';
import { asciiFold } from '../../shared/text/normalize';
import type { Repositories } from '../db/repositories';
import type { Clock } from '../db/repositories/context';
import { CURRENT_VERSION } from '../db/schema';
import type { MergeSummary, PackageScope, RestoreSummary } from '../db/repositories/backup-repo';
import { decodeFrames } from './frames';
import { openBody, openManifest, readLayout, sealFile, unlock, type VaultKey } from './vault';

/** The audit's officer for what the app does by itself (automatic backups). */
export const SYSTEM_OFFICER_ID = 'system';

export const BACKUP_MESSAGES = {
  no_key: 'Chưa đặt mật khẩu sao lưu. Vào Cài đặt → Sao lưu để đặt mật khẩu của đơn vị; khi đó dữ liệu mới được sao lưu.',
  write_failed: 'Không ghi được bản sao lưu.',
  safety_failed: 'Không tạo được bản sao lưu an toàn của dữ liệu hiện tại, nên chưa khôi phục gì.',
  own_package: 'Gói dữ liệu này được tạo trên chính máy này nên không cần nhập.',
} as const;

export type Officerish = { readonly id: string; readonly fullName: string } | undefined;

/** A file read and unlocked, with what it holds; its body is not read yet. */
export type Inspected = { readonly file: SealedFile; readonly vault: VaultKey; readonly manifest: Manifest };

export type BackupService = ReturnType<typeof createBackupService>;

export function createBackupService(deps: { repos: Repositories; api: DesktopApi; clock: Clock }) {
  const { repos, api, clock } = deps;
  const backups = repos.backups;

  async function manifestFor(kind: FileKind, counts: Record<string, number>, officer: Officerish, extra: Partial<Manifest> = {}): Promise<Manifest> {
    const [info, unit, deviceId] = await Promise.all([api.getAppInfo(), repos.settings.getUnit(), backups.deviceId()]);
    return {
      id: crypto.randomUUID(),
      kind,
      app: info.ok ? info.value.version : '',
      schemaVersion: CURRENT_VERSION,
      createdAt: clock().toISOString(),
      createdBy: officer?.fullName ?? '',
      deviceId,
      unit: { unitName: unit?.unitName ?? '', placeName: unit?.placeName ?? '' },
      counts,
      ...extra,
    };
  }

  async function sealBackup(kind: BackupKind, vault: VaultKey, officer: Officerish): Promise<Uint8Array<ArrayBuffer>> {
    const { frames, counts } = await backups.snapshotFrames();
    return sealFile(vault, 'backup', await manifestFor('backup', counts, officer, { backupKind: kind }), frames);
  }

  /** The whole database to the backup folder(s). `vault` overrides this PC's key (a safety copy before the first restore). */
  async function backup(kind: BackupKind, officer: Officerish, vault?: VaultKey): Promise<Result<BackupWritten, 'no_key' | 'write_failed'>> {
    const key = vault ?? (await backups.vaultKey());
    if (!key) return err('no_key', BACKUP_MESSAGES.no_key);
    const at = clock();
    let written: Result<BackupWritten, string>;
    try {
      const data = await sealBackup(kind, key, officer);
      written = await api.backupWrite({ kind, stamp: format(at, 'yyyyMMdd-HHmmss'), data });
    } catch (error) {
      written = err('io_error', error instanceof Error && /quota/i.test(error.message) ? 'Bộ nhớ của máy đã đầy.' : BACKUP_MESSAGES.write_failed);
    }
    const secondError = written.ok && written.value.second && 'error' in written.value.second ? written.value.second.error : undefined;
    await backups.recordBackup(
      {
        at: at.toISOString(),
        kind,
        ok: written.ok,
        detail: written.ok ? written.value.path : written.message,
        ...(secondError ? { secondError } : {}),
      },
      officer?.id ?? SYSTEM_OFFICER_ID,
    );
    if (!written.ok) return err('write_failed', `${BACKUP_MESSAGES.write_failed} ${written.message}`);
    return ok(written.value);
  }

  /** Reads a file's layout, unlocks it (this PC's key, else the passphrase) and opens its manifest. */
  async function inspect(bytes: Uint8Array, expected: FileKind, passphrase?: string): Promise<Result<Inspected, string>> {
    const layout = readLayout(bytes, expected);
    if (!layout.ok) return layout;
    const own = await backups.vaultKey();
    const unlocked = await unlock(layout.value, passphrase, own);
    if (!unlocked.ok) return unlocked;
    const manifest = await openManifest(layout.value, unlocked.value);
    if (!manifest.ok) return manifest;
    return ok({ file: layout.value, vault: unlocked.value, manifest: manifest.value });
  }

  /** The body's tables, brought up to this version's schema. */
  async function readTables(inspected: Inspected): Promise<Result<SnapshotTables, string>> {
    const body = await openBody(inspected.file, inspected.vault);
    if (!body.ok) return body;
    const frames = decodeFrames(body.value);
    if (!frames.ok) return frames;
    const tables: SnapshotTables = {};
    for (const frame of frames.value) (tables[frame.table] ??= []).push(...frame.rows);
    return upgradeTables(tables, inspected.manifest.schemaVersion, CURRENT_VERSION);
  }

  /**
   * Replaces all data with the backup's: first a safety backup of what is here now (refused
   * if that fails), then the whole file is read and checked, then one transaction.
   */
  async function restore(
    inspected: Inspected,
    officer: Officerish,
    onStage?: (stage: 'safety' | 'reading' | 'writing', written?: { rows: number; total: number }) => void,
  ): Promise<Result<RestoreSummary, string>> {
    onStage?.('safety');
    const own = await backups.vaultKey();
    const safety = await backup('safety', officer, own ?? inspected.vault);
    if (!safety.ok) return err('safety_failed', `${BACKUP_MESSAGES.safety_failed} ${safety.message}`);
    onStage?.('reading');
    const tables = await readTables(inspected);
    if (!tables.ok) return tables;
    onStage?.('writing');
    const m = inspected.manifest;
    const restored = await backups.replaceAll(
      tables.value,
      officer?.id ?? SYSTEM_OFFICER_ID,
      `Khôi phục bản sao lưu ngày ${format(new Date(m.createdAt), 'dd/MM/yyyy HH:mm')} của ${m.unit.unitName || 'đơn vị'} (bản an toàn: ${safety.value.path})`,
      (rows, total) => onStage?.('writing', { rows, total }),
    );
    if (restored.ok && !own) await backups.setVaultKey(inspected.vault, officer?.id ?? SYSTEM_OFFICER_ID, false);
    return restored;
  }

  /** All data, or what changed in one period, sealed into one file the officer saves. */
  async function exportPackage(scope: PackageScope, officer: Officerish): Promise<Result<SavedFile & { counts: Record<string, number> }, string>> {
    const vault = await backups.vaultKey();
    if (!vault) return err('no_key', BACKUP_MESSAGES.no_key);
    const { frames, counts } = await backups.packageFrames(scope);
    const manifest = await manifestFor('package', counts, officer, scope.period ? { period: scope.period } : {});
    const data = await sealFile(vault, 'package', manifest, frames);
    const unit = asciiFold(manifest.unit.unitName).replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'don-vi';
    const when = scope.period ? `${scope.period.from}_${scope.period.to}` : format(clock(), 'yyyy-MM-dd');
    const saved = await api.saveFile({
      suggestedName: `Goi du lieu ${unit} ${when}.${PACKAGE_EXTENSION}`,
      filters: [{ name: 'Gói dữ liệu Sổ Đề án 06', extensions: [PACKAGE_EXTENSION] }],
      data,
    });
    if (!saved.ok) return saved;
    if (saved.value.saved) {
      const records = ['members', 'labour', 'declarations', 'dc01Cases'].reduce((sum, t) => sum + (counts[t] ?? 0), 0);
      const what = scope.period ? `hồ sơ thay đổi từ ${scope.period.from} đến ${scope.period.to}` : 'toàn bộ hồ sơ';
      await backups.recordPackageExport(manifest.id, officer?.id ?? SYSTEM_OFFICER_ID, `Xuất gói dữ liệu "${saved.value.path}": ${what}, ${records} hồ sơ`);
    }
    return ok({ ...saved.value, counts });
  }

  /** Merges a package's records here in one transaction; the same package twice changes nothing. */
  async function mergePackage(
    inspected: Inspected,
    fileName: string,
    officer: Officerish,
    onStage?: (stage: 'reading' | 'writing', merged?: { rows: number; total: number }) => void,
  ): Promise<Result<MergeSummary, string>> {
    const m = inspected.manifest;
    if (m.deviceId === (await backups.deviceId())) return err('own_package', BACKUP_MESSAGES.own_package);
    if (await backups.packageSeen(m.id)) return err('already', 'Gói dữ liệu này đã được nhập trước đây. Không có gì thay đổi.');
    onStage?.('reading');
    const tables = await readTables(inspected);
    if (!tables.ok) return tables;
    onStage?.('writing');
    return backups.mergePackage(
      tables.value,
      { id: m.id, deviceId: m.deviceId, exportedAt: m.createdAt, fileName },
      officer?.id ?? SYSTEM_OFFICER_ID,
      (rows, total) => onStage?.('writing', { rows, total }),
    );
  }

  return { backup, inspect, restore, exportPackage, mergePackage, readTables };
}

