/**
 * What every family's records share: create and edit with a duplicate check,
 * a step (status or state) applied to a selection all or nothing, deletion as
 * an undoable mark — each in one transaction with its audit entries, and
 * announced on the change feed once committed.
 */
import type { Table } from 'dexie';
import type { ImportSource, Stamp } from '../../../shared/domain/types';
import { err, ok, type Result } from '../../../shared/result';
import { appendAudit, diffFields, nowStamp, type RepoContext } from './context';
import type { FactRow } from '../facts';

export type TrackedRecord = Stamp & { readonly id: string; fullName: string };

export type WriteError = 'duplicate' | 'not_found' | 'deleted' | 'missing_parent';
export type WriteResult<T> = Result<T, WriteError>;
/** A reason a write is refused, in Vietnamese, or nothing when it may go ahead. */
export type Refusal = { code: WriteError; message: string } | undefined;
export type BulkResult = { changed: number; skipped: number };
/** The whole next record, 'skip' when it is already there, or why it cannot move. */
export type StepOutcome<T> = { ok: true; value: T } | { ok: false; skip: true } | { ok: false; skip?: false; code: string; message: string };

/** The identity fields every family's record has, as an edit's audit compares them. */
export const PERSON_FIELDS = ['fullName', 'birthDate', 'sex', 'personalId', 'oldId', 'phone', 'hamletId', 'address', 'note', 'idFlagged'] as const;

/** The Excel row a record was imported from (records of one import share their creation time). */
function importRow(r: object): number {
  const log = 'statusLog' in r ? r.statusLog : 'stateLog' in r ? r.stateLog : undefined;
  const first = Array.isArray(log) ? (log[0] as { source?: ImportSource } | undefined) : undefined;
  return first?.source?.rows[0] ?? 0;
}

/** Lists are shown in the order records were entered, as on the paper list (an import: the file's order). */
export function inEntryOrder<T extends Stamp>(records: T[]): T[] {
  return records.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : importRow(a) - importRow(b)));
}

export function createRecordOps<T extends TrackedRecord>(
  ctx: RepoContext,
  spec: {
    table: Table<T, string>;
    /** the table name, used in the audit log and on the change feed */
    entity: string;
    /** other tables a create/update reads inside its transaction (catalogues) */
    alsoRead?: readonly Table[];
    /** the record's row in `facts`, written with it */
    fact: (record: T) => FactRow;
  },
) {
  const { db } = ctx;
  const { table, entity } = spec;
  const tables = [table, db.audit, db.facts, ...(spec.alsoRead ?? [])];
  const save = async (record: T) => {
    await table.put(record);
    await db.facts.put(spec.fact(record));
  };

  const announce = <R extends { id: string }, E extends string>(result: Result<R, E>): Result<R, E> => {
    if (result.ok) ctx.changes.emit(entity, [result.value.id]);
    return result;
  };

  return {
    async get(id: string): Promise<T | undefined> {
      return table.get(id);
    },

    async getMany(ids: readonly string[]): Promise<(T | undefined)[]> {
      return table.bulkGet([...ids]);
    },

    /** Adds a record built inside the transaction, after `check` found nothing against it. */
    async create(build: (stamp: { at: string; today: string }) => T, check: (record: T) => Promise<Refusal>, officerId: string): Promise<WriteResult<T>> {
      const stamp = nowStamp(ctx);
      return announce(
        await db.transaction('rw', tables, async () => {
          const record = build(stamp);
          const refusal = await check(record);
          if (refusal) return err(refusal.code, refusal.message);
          await table.add(record);
          await db.facts.put(spec.fact(record));
          await appendAudit(ctx, { at: stamp.at, officerId, action: 'create', entity, recordId: record.id, summary: record.fullName });
          return ok(record);
        }),
      );
    },

    /** Replaces the editable fields; the audit entry keeps each field's before and after. */
    async update(
      id: string,
      next: (current: T, stamp: { at: string; today: string }) => T,
      check: (record: T) => Promise<Refusal>,
      fields: readonly (keyof T & string)[],
      officerId: string,
    ): Promise<WriteResult<T>> {
      const stamp = nowStamp(ctx);
      return announce(
        await db.transaction('rw', tables, async () => {
          const current = await table.get(id);
          if (!current) return err('not_found', 'Không tìm thấy hồ sơ.');
          if (current.deletedAt) return err('deleted', 'Hồ sơ đã bị xóa; khôi phục trước khi sửa.');
          const record = { ...next(current, stamp), updatedAt: stamp.at, updatedBy: officerId };
          const changes = diffFields(current, record, fields);
          if (Object.keys(changes).length === 0) return ok(current);
          const refusal = await check(record);
          if (refusal) return err(refusal.code, refusal.message);
          await save(record);
          await appendAudit(ctx, { at: stamp.at, officerId, action: 'update', entity, recordId: id, changes });
          return ok(record);
        }),
      );
    },

    /**
     * One step for a selection, all or nothing. Records already there are
     * skipped; any other refusal cancels the whole change and names the record.
     */
    async step(
      ids: readonly string[],
      apply: (record: T, stamp: { at: string; today: string }) => StepOutcome<T>,
      summary: string,
      officerId: string,
    ): Promise<Result<BulkResult, string>> {
      const stamp = nowStamp(ctx);
      const result = await db.transaction('rw', tables, async () => {
        const records = await table.bulkGet([...ids]);
        const updated: T[] = [];
        let skipped = 0;
        for (const [i, record] of records.entries()) {
          if (!record || record.deletedAt) return err('not_found', `Hồ sơ thứ ${i + 1} không còn tồn tại.`);
          const outcome = apply(record, stamp);
          if (!outcome.ok) {
            if (outcome.skip) {
              skipped++;
              continue;
            }
            return err(outcome.code, `${record.fullName}: ${outcome.message}`);
          }
          updated.push({ ...outcome.value, updatedAt: stamp.at, updatedBy: officerId });
        }
        await table.bulkPut(updated);
        await db.facts.bulkPut(updated.map(spec.fact));
        await db.audit.bulkAdd(
          updated.map((r) => ({ id: ctx.newId(), at: stamp.at, officerId, action: 'status' as const, entity, recordId: r.id, summary: `${summary} — ${r.fullName}` })),
        );
        return ok({ changed: updated.length, skipped, ids: updated.map((r) => r.id) });
      });
      if (!result.ok) return result;
      ctx.changes.emit(entity, result.value.ids);
      return ok({ changed: result.value.changed, skipped: result.value.skipped });
    },

    /** Marks a record deleted, or takes the mark away after `restoreCheck` found no conflict. */
    async setDeleted(id: string, deleted: boolean, restoreCheck: (record: T) => Promise<Refusal>, officerId: string): Promise<WriteResult<T>> {
      const { at } = nowStamp(ctx);
      return announce(
        await db.transaction('rw', tables, async () => {
          const current = await table.get(id);
          if (!current) return err('not_found', 'Không tìm thấy hồ sơ.');
          if (!deleted) {
            const refusal = await restoreCheck(current);
            if (refusal) return err(refusal.code, `Không khôi phục được: ${refusal.message}`);
          }
          const { deletedAt: _a, deletedBy: _b, ...rest } = current;
          const next = (deleted ? { ...rest, deletedAt: at, deletedBy: officerId, updatedAt: at, updatedBy: officerId } : { ...rest, updatedAt: at, updatedBy: officerId }) as T;
          await save(next);
          await appendAudit(ctx, { at, officerId, action: deleted ? 'delete' : 'undelete', entity, recordId: id, summary: current.fullName });
          return ok(next);
        }),
      );
    },
  };
}

export type RecordOps<T extends TrackedRecord> = ReturnType<typeof createRecordOps<T>>;
