/**
 * DC01 cleaning cases: a case per flagged citizen record, in a category with
 * its own outcomes, moved pending → in progress → done (with an outcome).
 */
import type { Dc01Case, PersonFields } from '../../../shared/domain/types';
import type { Result } from '../../../shared/result';
import { applyDc01Change, DC01_STATE_LABELS, initialDc01, type Dc01Change } from '../../../shared/domain/dc01';
import { personSearchKeys } from '../../../shared/domain/person';
import { factOf } from '../facts';
import type { RepoContext } from './context';
import { createRecordOps, PERSON_FIELDS, type BulkResult, type Refusal, type WriteResult } from './record-ops';

export type Dc01Input = PersonFields & {
  categoryKey: string;
  householdNo: string;
  receivedDate: string;
  source: string;
  assigneeId: string;
  idFlagged: boolean;
};

const EDITABLE_FIELDS = [...PERSON_FIELDS, 'householdNo', 'source', 'assigneeId'] as const satisfies readonly (keyof Dc01Case)[];

export function createDc01Repo(ctx: RepoContext) {
  const { db } = ctx;
  const ops = createRecordOps<Dc01Case>(ctx, { table: db.dc01Cases, entity: 'dc01Cases', alsoRead: [db.dc01Categories], fact: factOf.dc01 });

  /** The same person twice in one category is one case too many. */
  const findSameId = async (categoryKey: string, personalId: string, excludeId?: string) => {
    if (!personalId) return undefined;
    const hits = await db.dc01Cases.where('personalId').equals(personalId).toArray();
    return hits.find((c) => c.categoryKey === categoryKey && !c.deletedAt && c.id !== excludeId);
  };
  const noDuplicate = async (c: Dc01Case): Promise<Refusal> => {
    const existing = await findSameId(c.categoryKey, c.personalId, c.id);
    return existing ? { code: 'duplicate', message: `Số định danh ${existing.personalId} đã có một trường hợp trong loại này (${existing.fullName}).` } : undefined;
  };

  return {
    findSameId,
    get: ops.get,
    getMany: ops.getMany,

    /** Every case of a category, deleted ones included, oldest received first. */
    async byCategory(categoryKey: string): Promise<Dc01Case[]> {
      const cases = await db.dc01Cases.where('categoryKey').equals(categoryKey).toArray();
      return cases.sort((a, b) => (a.receivedDate < b.receivedDate ? -1 : a.receivedDate > b.receivedDate ? 1 : a.createdAt < b.createdAt ? -1 : 1));
    },

    async create(input: Dc01Input, officerId: string): Promise<WriteResult<Dc01Case>> {
      return ops.create(
        ({ at }) => ({
          id: ctx.newId(),
          ...input,
          ...personSearchKeys(input, input.idFlagged),
          ...initialDc01(input.receivedDate, at, officerId),
          createdAt: at,
          createdBy: officerId,
          updatedAt: at,
          updatedBy: officerId,
        }),
        async (c) => ((await db.dc01Categories.get(c.categoryKey)) ? noDuplicate(c) : { code: 'missing_parent', message: 'Loại làm sạch không còn tồn tại.' }),
        officerId,
      );
    },

    async update(id: string, input: Omit<Dc01Input, 'categoryKey' | 'receivedDate'>, officerId: string): Promise<WriteResult<Dc01Case>> {
      return ops.update(id, (current) => ({ ...current, ...input, ...personSearchKeys(input, input.idFlagged) }), noDuplicate, EDITABLE_FIELDS, officerId);
    },

    /** One state change (and outcome) for a selection of one category, all or nothing. */
    async setState(ids: readonly string[], change: Dc01Change, officerId: string): Promise<Result<BulkResult, string>> {
      const categories = new Map((await db.dc01Categories.toArray()).map((c) => [c.key, c]));
      return ops.step(
        ids,
        (record, { today, at }) => {
          const category = categories.get(record.categoryKey);
          if (!category) return { ok: false, code: 'missing_parent', message: 'Loại làm sạch không còn tồn tại.' };
          const applied = applyDc01Change(record, change, category, { today, at, by: officerId });
          if (applied.ok) {
            // fields that no longer apply are dropped, not left stale
            const { outcomeKey: _o, hasCccd: _h, ...rest } = record;
            return { ok: true, value: { ...rest, ...applied.value } as Dc01Case };
          }
          return applied.code === 'same_state' ? { ok: false, skip: true } : { ok: false, code: applied.code, message: applied.message };
        },
        DC01_STATE_LABELS[change.state],
        officerId,
      );
    },

    async remove(id: string, officerId: string): Promise<WriteResult<Dc01Case>> {
      return ops.setDeleted(id, true, noDuplicate, officerId);
    },

    async restore(id: string, officerId: string): Promise<WriteResult<Dc01Case>> {
      return ops.setDeleted(id, false, noDuplicate, officerId);
    },
  };
}

export type Dc01Repo = ReturnType<typeof createDc01Repo>;
