/**
 * Tables read from a backup made by an older app version, brought up to the current
 * schema before they are restored — one step per schema version, like the database's own
 * upgrades (renderer/db/schema.ts). A step takes the tables of version N-1 and returns
 * those of version N.
 */
import { err, ok, type Result } from '../result';

export type SnapshotTables = Record<string, unknown[]>;

type Step = (tables: SnapshotTables) => SnapshotTables;

/** UPGRADES[n] turns version n-1 tables into version n tables. */
const UPGRADES: Readonly<Record<number, Step>> = {
  // v2 (2026-12-02) added `packages` (the data packages merged here) and `vault` (this PC's
  // backup key, never written to a file). A v1 backup has neither: packages start empty.
  2: (tables) => ({ ...tables, packages: tables.packages ?? [] }),
};

export const UPGRADE_MESSAGES = {
  newer: 'Bản sao lưu được tạo bởi phiên bản Sổ Đề án 06 mới hơn. Hãy cập nhật ứng dụng rồi khôi phục lại.',
  missing: 'Không chuyển được bản sao lưu cũ sang phiên bản này.',
} as const;

export function upgradeTables(
  tables: SnapshotTables,
  from: number,
  to: number,
): Result<SnapshotTables, keyof typeof UPGRADE_MESSAGES> {
  if (from > to) return err('newer', UPGRADE_MESSAGES.newer);
  let current = tables;
  for (let version = from + 1; version <= to; version++) {
    const step = UPGRADES[version];
    if (!step) return err('missing', UPGRADE_MESSAGES.missing);
    current = step(current);
  }
  return ok(current);
}
