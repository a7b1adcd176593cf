/**
 * Association members (family `members`): one record per person per list.
 * The same personal ID twice in one list is refused; in different lists it is
 * normal (the same elderly person is often a veteran too).
 */
import type { MemberKind, MemberRecord, PersonFields } from '../../../shared/domain/types';
import type { Result } from '../../../shared/result';
import { initialProgress, type ProgressChange } from '../../../shared/domain/progress';
import { personSearchKeys } from '../../../shared/domain/person';
import type { RepoContext } from './context';
import { factOf } from '../facts';
import { setProgress } from './progress-step';
import { createRecordOps, PERSON_FIELDS, inEntryOrder, type BulkResult, type Refusal, type WriteResult } from './record-ops';

export type MemberInput = PersonFields & {
  listKey: string;
  memberKind: MemberKind;
  /** the officer confirmed saving a structurally wrong personal ID */
  idFlagged: boolean;
};

const EDITABLE_FIELDS = [...PERSON_FIELDS, 'memberKind'] as const satisfies readonly (keyof MemberRecord)[];

export function createMemberRepo(ctx: RepoContext) {
  const { db } = ctx;
  const ops = createRecordOps<MemberRecord>(ctx, {
    table: db.members,
    entity: 'members',
    alsoRead: [db.memberLists],
    fact: factOf.member,
  });

  /** Another live record of the same list with this personal ID. */
  const findSameId = async (listKey: string, personalId: string, excludeId?: string) => {
    if (!personalId) return undefined;
    const hits = await db.members.where('personalId').equals(personalId).toArray();
    return hits.find((m) => m.listKey === listKey && !m.deletedAt && m.id !== excludeId);
  };

  const noDuplicate = async (r: MemberRecord): Promise<Refusal> => {
    const existing = await findSameId(r.listKey, r.personalId, r.id);
    return existing
      ? { code: 'duplicate', message: `số định danh ${existing.personalId} đã có trong danh sách này (${existing.fullName}).` }
      : undefined;
  };

  return {
    findSameId,
    get: ops.get,
    getMany: ops.getMany,

    /** Live records of the list with the same name and birth date (a warning, not a refusal). */
    async findSameNameBirth(listKey: string, searchName: string, birthDate: string, excludeId?: string): Promise<MemberRecord[]> {
      const firstWord = searchName.split(' ')[0];
      if (!firstWord || !birthDate) return [];
      const hits = await db.members.where('nameWords').equals(firstWord).toArray();
      return hits.filter(
        (m) => m.listKey === listKey && !m.deletedAt && m.id !== excludeId && m.searchName === searchName && m.birthDate === birthDate,
      );
    },

    /**
     * Every record of the list, deleted ones included (the view filters them),
     * in the order they were entered — the order of the paper list.
     */
    async byList(listKey: string): Promise<MemberRecord[]> {
      return inEntryOrder(await db.members.where('listKey').equals(listKey).toArray());
    },

    async create(input: MemberInput, officerId: string): Promise<WriteResult<MemberRecord>> {
      return ops.create(
        ({ at, today }) => ({
          id: ctx.newId(),
          ...input,
          ...personSearchKeys(input, input.idFlagged),
          ...initialProgress(today, at, officerId),
          createdAt: at,
          createdBy: officerId,
          updatedAt: at,
          updatedBy: officerId,
        }),
        async (r) => ((await db.memberLists.get(r.listKey)) ? withCapital(await noDuplicate(r)) : { code: 'missing_parent', message: 'Danh sách hội không còn tồn tại.' }),
        officerId,
      );
    },

    async update(id: string, input: Omit<MemberInput, 'listKey'>, officerId: string): Promise<WriteResult<MemberRecord>> {
      return ops.update(
        id,
        (current) => ({ ...current, ...input, ...personSearchKeys(input, input.idFlagged) }),
        async (r) => withCapital(await noDuplicate(r)),
        EDITABLE_FIELDS,
        officerId,
      );
    },

    async setStatus(ids: readonly string[], change: ProgressChange, officerId: string): Promise<Result<BulkResult, string>> {
      return setProgress(ops, ids, change, officerId);
    },

    async remove(id: string, officerId: string): Promise<WriteResult<MemberRecord>> {
      return ops.setDeleted(id, true, noDuplicate, officerId);
    },

    async restore(id: string, officerId: string): Promise<WriteResult<MemberRecord>> {
      return ops.setDeleted(id, false, async (r) => {
        const refusal = await noDuplicate(r);
        return refusal && { ...refusal, message: `${refusal.message.replace(/ đã có trong danh sách này/, ' đã được nhập lại')}` };
      }, officerId);
    },
  };
}

/** Refusals read as the end of a sentence; on their own they start with a capital. */
function withCapital(refusal: Refusal): Refusal {
  return refusal && { ...refusal, message: refusal.message.charAt(0).toUpperCase() + refusal.message.slice(1) };
}

export type MemberRepo = ReturnType<typeof createMemberRepo>;
