/**
 * Association members (family `members`). Every write runs in one transaction
 * with its audit entry; status changes append to the record's statusLog;
 * deletion is a mark that can be undone.
 */
import type { MemberKind, MemberRecord, PersonFields } from '../../../shared/domain/types';
import { err, ok, type Result } from '../../../shared/result';
import { applyProgress, initialProgress, type ProgressChange } from '../../../shared/domain/progress';
import { personSearchKeys } from '../../../shared/domain/person';
import { appendAudit, diffFields, nowStamp, type RepoContext } from './context';

export type MemberInput = PersonFields & {
  listKey: string;
  memberKind: MemberKind;
  /** the officer confirmed saving a structurally wrong personal ID */
  idFlagged: boolean;
};

export type MemberWriteError = 'duplicate_id' | 'not_found' | 'deleted' | 'list_missing';

const EDITABLE_FIELDS = [
  'fullName',
  'birthDate',
  'sex',
  'personalId',
  'oldId',
  'phone',
  'hamletId',
  'address',
  'note',
  'memberKind',
  'idFlagged',
] as const satisfies readonly (keyof MemberRecord)[];

export type BulkStatusResult = { changed: number; skipped: number };

export function createMemberRepo(ctx: RepoContext) {
  const { db } = ctx;

  /** Another live record of the same list with this personal ID. */
  const findSameId = async (listKey: string, personalId: string, excludeId?: string) => {
    if (!personalId) return undefined;
    const hits = await db.members.where('personalId').equals(personalId).toArray();
    return hits.find((m) => m.listKey === listKey && !m.deletedAt && m.id !== excludeId);
  };

  const duplicateError = (existing: MemberRecord) =>
    err(
      'duplicate_id' as const,
      `Số định danh ${existing.personalId} đã có trong danh sách này (${existing.fullName}).`,
    );

  return {
    findSameId,

    /** Live records of the list with the same name and birth date (a warning, not a refusal). */
    async findSameNameBirth(
      listKey: string,
      searchName: string,
      birthDate: string,
      excludeId?: string,
    ): Promise<MemberRecord[]> {
      const firstWord = searchName.split(' ')[0];
      if (!firstWord || !birthDate) return [];
      const hits = await db.members.where('nameWords').equals(firstWord).toArray();
      return hits.filter(
        (m) =>
          m.listKey === listKey &&
          !m.deletedAt &&
          m.id !== excludeId &&
          m.searchName === searchName &&
          m.birthDate === birthDate,
      );
    },

    async get(id: string): Promise<MemberRecord | undefined> {
      return db.members.get(id);
    },

    async getMany(ids: readonly string[]): Promise<(MemberRecord | undefined)[]> {
      return db.members.bulkGet([...ids]);
    },

    /**
     * Every record of the list, deleted ones included (the view filters them),
     * in the order they were entered — the order of the paper list.
     */
    async byList(listKey: string): Promise<MemberRecord[]> {
      const records = await db.members.where('listKey').equals(listKey).toArray();
      return records.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
    },

    async create(input: MemberInput, officerId: string): Promise<Result<MemberRecord, MemberWriteError>> {
      const { at, today } = nowStamp(ctx);
      return announce(await db.transaction('rw', [db.members, db.memberLists, db.audit], async () => {
        if (!(await db.memberLists.get(input.listKey))) {
          return err('list_missing', 'Danh sách hội không còn tồn tại.');
        }
        const existing = await findSameId(input.listKey, input.personalId);
        if (existing) return duplicateError(existing);
        const record: MemberRecord = {
          id: ctx.newId(),
          ...input,
          ...personSearchKeys(input, input.idFlagged),
          ...initialProgress(today, at, officerId),
          createdAt: at,
          createdBy: officerId,
          updatedAt: at,
          updatedBy: officerId,
        };
        await db.members.add(record);
        await appendAudit(ctx, {
          at,
          officerId,
          action: 'create',
          entity: 'members',
          recordId: record.id,
          summary: `${record.fullName} — ${input.listKey}`,
        });
        return ok(record);
      }));
    },

    async update(
      id: string,
      input: Omit<MemberInput, 'listKey'>,
      officerId: string,
    ): Promise<Result<MemberRecord, MemberWriteError>> {
      const { at } = nowStamp(ctx);
      return announce(await db.transaction('rw', [db.members, db.audit], async () => {
        const current = await db.members.get(id);
        if (!current) return err('not_found', 'Không tìm thấy hồ sơ.');
        if (current.deletedAt) return err('deleted', 'Hồ sơ đã bị xóa; khôi phục trước khi sửa.');
        const existing = await findSameId(current.listKey, input.personalId, id);
        if (existing) return duplicateError(existing);
        const next: MemberRecord = {
          ...current,
          ...input,
          ...personSearchKeys(input, input.idFlagged),
          updatedAt: at,
          updatedBy: officerId,
        };
        const changes = diffFields(current, next, EDITABLE_FIELDS);
        if (Object.keys(changes).length === 0) return ok(current);
        await db.members.put(next);
        await appendAudit(ctx, { at, officerId, action: 'update', entity: 'members', recordId: id, changes });
        return ok(next);
      }));
    },

    /**
     * One status change for a selection, all or nothing. Records already in the
     * requested status are skipped; any other refusal cancels the whole change.
     */
    async setStatus(
      ids: readonly string[],
      change: ProgressChange,
      officerId: string,
    ): Promise<Result<BulkStatusResult, string>> {
      const { at, today } = nowStamp(ctx);
      const result = await db.transaction('rw', [db.members, db.audit], async () => {
        const records = await db.members.bulkGet([...ids]);
        const updated: MemberRecord[] = [];
        let skipped = 0;
        for (const [i, record] of records.entries()) {
          if (!record || record.deletedAt) return err('not_found', `Hồ sơ thứ ${i + 1} không còn tồn tại.`);
          const applied = applyProgress(record, change, { today, at, by: officerId });
          if (!applied.ok) {
            if (applied.code === 'same_status') {
              skipped++;
              continue;
            }
            return err(applied.code, `${record.fullName}: ${applied.message}`);
          }
          updated.push({ ...record, ...applied.value, updatedAt: at, updatedBy: officerId });
        }
        await db.members.bulkPut(updated);
        await db.audit.bulkAdd(
          updated.map((r) => ({
            id: ctx.newId(),
            at,
            officerId,
            action: 'status' as const,
            entity: 'members',
            recordId: r.id,
            summary: change.status,
          })),
        );
        return ok({ changed: updated.length, skipped, ids: updated.map((r) => r.id) });
      });
      if (!result.ok) return result;
      ctx.changes.emit('members', result.value.ids);
      return ok({ changed: result.value.changed, skipped: result.value.skipped });
    },

    async remove(id: string, officerId: string): Promise<Result<MemberRecord, MemberWriteError>> {
      return setDeleted(id, officerId, true);
    },

    async restore(id: string, officerId: string): Promise<Result<MemberRecord, MemberWriteError>> {
      return setDeleted(id, officerId, false);
    },
  };

  async function setDeleted(
    id: string,
    officerId: string,
    deleted: boolean,
  ): Promise<Result<MemberRecord, MemberWriteError>> {
    const { at } = nowStamp(ctx);
    return announce(await db.transaction('rw', [db.members, db.audit], async () => {
      const current = await db.members.get(id);
      if (!current) return err('not_found', 'Không tìm thấy hồ sơ.');
      if (!deleted) {
        const existing = await findSameId(current.listKey, current.personalId, id);
        if (existing) {
          return err(
            'duplicate_id',
            `Không khôi phục được: số định danh ${current.personalId} đã được nhập lại (${existing.fullName}).`,
          );
        }
      }
      const { deletedAt: _a, deletedBy: _b, ...rest } = current;
      const next: MemberRecord = deleted
        ? { ...rest, deletedAt: at, deletedBy: officerId, updatedAt: at, updatedBy: officerId }
        : { ...rest, updatedAt: at, updatedBy: officerId };
      await db.members.put(next);
      await appendAudit(ctx, {
        at,
        officerId,
        action: deleted ? 'delete' : 'undelete',
        entity: 'members',
        recordId: id,
        summary: current.fullName,
      });
      return ok(next);
    }));
  }

  /** Tells the lists on screen, once the transaction has committed. */
  function announce<E extends string>(result: Result<MemberRecord, E>): Result<MemberRecord, E> {
    if (result.ok) ctx.changes.emit('members', [result.value.id]);
    return result;
  }
}

export type MemberRepo = ReturnType<typeof createMemberRepo>;
