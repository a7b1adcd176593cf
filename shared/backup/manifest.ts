/**
 * What a backup or data package holds, sealed as its own small ciphertext so the
 * restore and merge screens can show it (unit, date, counts) before reading the body.
 */
import { z } from 'zod';
import { FILE_KINDS } from './format';
import { formatCount } from '../format/numbers';

export const MANIFEST_SCHEMA = z.object({
  /** a random id: a package merged twice is recognised by it */
  id: z.string().min(1).max(64),
  kind: z.enum(FILE_KINDS),
  /** app version that wrote it */
  app: z.string().max(40),
  /** the database schema version of the tables inside */
  schemaVersion: z.number().int().min(1),
  createdAt: z.string().max(40),
  /** the officer who made it (name), or '' for an automatic backup before sign-in */
  createdBy: z.string().max(200),
  /** which PC made it */
  deviceId: z.string().max(64),
  unit: z.object({ unitName: z.string().max(300), placeName: z.string().max(300) }),
  /** rows per table */
  counts: z.record(z.string(), z.number().int().min(0)),
  /** a package of one period holds the records changed in it */
  period: z.object({ from: z.string().max(10), to: z.string().max(10) }).optional(),
  /** for a backup: automatic, by hand, or the safety copy before a restore */
  backupKind: z.enum(['auto', 'manual', 'safety']).optional(),
});
export type Manifest = z.infer<typeof MANIFEST_SCHEMA>;

/** The tables a person recognises, in the order the screens show them. */
export const COUNTED_TABLES: readonly (readonly [table: string, label: string])[] = [
  ['members', 'Hội viên, danh sách hội'],
  ['labour', 'Thông tin lao động'],
  ['declarations', 'Tờ khai phương tiện'],
  ['dc01Cases', 'Trường hợp DC01'],
  ['officers', 'Cán bộ'],
  ['audit', 'Dòng nhật ký'],
];

export function countLines(counts: Readonly<Record<string, number>>): string[] {
  return COUNTED_TABLES.map(([table, label]) => `${label}: ${formatCount(counts[table] ?? 0)}`);
}
