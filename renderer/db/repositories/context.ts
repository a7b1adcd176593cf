/**
 * What every repository needs: the database and a clock. Both are passed in —
 * no hidden singleton — so tests use a fresh fake-indexeddb and a fixed time.
 */
import type { AppDatabase } from '../database';
import { createChangeFeed, type ChangeFeed } from '../change-feed';
import type { AuditEntry } from '../../../shared/domain/types';
import { isoDay } from '../../../shared/dates/partial-date';

export type Clock = () => Date;

export type RepoContext = {
  readonly db: AppDatabase;
  readonly clock: Clock;
  /** random UUIDs; injectable for deterministic tests */
  readonly newId: () => string;
  /** announces committed changes to big lists on screen */
  readonly changes: ChangeFeed;
};

export function createRepoContext(db: AppDatabase, clock: Clock = () => new Date()): RepoContext {
  return { db, clock, newId: () => crypto.randomUUID(), changes: createChangeFeed(`${db.name}:changes`) };
}

export function nowStamp(ctx: RepoContext): { at: string; today: string } {
  const now = ctx.clock();
  return { at: now.toISOString(), today: isoDay(now) };
}

/** Appends to the audit log. Call inside the transaction of the change it records. */
export async function appendAudit(
  ctx: RepoContext,
  entry: Omit<AuditEntry, 'id' | 'at'> & { at?: string },
): Promise<void> {
  await ctx.db.audit.add({ ...entry, id: ctx.newId(), at: entry.at ?? ctx.clock().toISOString() });
}

/** field → [before, after] for the fields that differ. */
export function diffFields<T extends object>(
  before: T,
  after: T,
  fields: readonly (keyof T & string)[],
): Record<string, readonly [unknown, unknown]> {
  const changes: Record<string, readonly [unknown, unknown]> = {};
  for (const f of fields) {
    if (JSON.stringify(before[f]) !== JSON.stringify(after[f])) changes[f] = [before[f], after[f]];
  }
  return changes;
}
