/**
 * Labour information (family `labour`): one record per resident aged 15+;
 * the same personal ID twice is refused.
 */
import type { LabourRecord } from '../../../shared/domain/types';
import type { Result } from '../../../shared/result';
import type { LabourFields } from '../../../shared/domain/labour';
import { initialProgress, type ProgressChange } from '../../../shared/domain/progress';
import { personSearchKeys } from '../../../shared/domain/person';
import { factOf } from '../facts';
import type { RepoContext } from './context';
import { setProgress } from './progress-step';
import { createRecordOps, PERSON_FIELDS, inEntryOrder, type BulkResult, type Refusal, type WriteResult } from './record-ops';

export type LabourInput = LabourFields & { idFlagged: boolean };

/** Every field the officer can change; a status switch removes the fields of the old status. */
const EDITABLE_FIELDS = [
  ...PERSON_FIELDS,
  'socialInsuranceNo', 'permanentAddress', 'currentAddress', 'ethnicity', 'generalEducation',
  'technicalQualification', 'fieldOfTraining', 'economicStatus', 'employmentPosition', 'job',
  'hasLabourContract', 'hasSocialInsurance', 'workplaceName', 'workplaceType', 'workplaceAddress',
  'unemploymentDuration', 'inactiveReason', 'relationToHead',
] as const satisfies readonly (keyof LabourRecord)[];

/** Fields that only exist for one economic status; an edit replaces them wholesale. */
const STATUS_FIELDS = [
  'fieldOfTraining', 'employmentPosition', 'job', 'hasLabourContract', 'hasSocialInsurance',
  'workplaceName', 'workplaceType', 'workplaceAddress', 'unemploymentDuration', 'inactiveReason',
] as const;

export function createLabourRepo(ctx: RepoContext) {
  const { db } = ctx;
  const ops = createRecordOps<LabourRecord>(ctx, { table: db.labour, entity: 'labour', fact: factOf.labour });

  const findSameId = async (personalId: string, excludeId?: string) => {
    if (!personalId) return undefined;
    const hits = await db.labour.where('personalId').equals(personalId).toArray();
    return hits.find((r) => !r.deletedAt && r.id !== excludeId);
  };
  const noDuplicate = async (r: LabourRecord): Promise<Refusal> => {
    const existing = await findSameId(r.personalId, r.id);
    return existing ? { code: 'duplicate', message: `Số định danh ${existing.personalId} đã có phiếu thông tin lao động (${existing.fullName}).` } : undefined;
  };

  return {
    findSameId,
    get: ops.get,
    getMany: ops.getMany,

    /** Every record, deleted ones included, in entry order. */
    async all(): Promise<LabourRecord[]> {
      return inEntryOrder(await db.labour.toArray());
    },

    async create(input: LabourInput, officerId: string): Promise<WriteResult<LabourRecord>> {
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
        noDuplicate,
        officerId,
      );
    },

    async update(id: string, input: LabourInput, officerId: string): Promise<WriteResult<LabourRecord>> {
      return ops.update(
        id,
        (current) => {
          const base: Record<string, unknown> = { ...current };
          for (const f of STATUS_FIELDS) delete base[f];
          return { ...(base as LabourRecord), ...input, ...personSearchKeys(input, input.idFlagged) };
        },
        noDuplicate,
        EDITABLE_FIELDS,
        officerId,
      );
    },

    async setStatus(ids: readonly string[], change: ProgressChange, officerId: string): Promise<Result<BulkResult, string>> {
      return setProgress(ops, ids, change, officerId);
    },

    async remove(id: string, officerId: string): Promise<WriteResult<LabourRecord>> {
      return ops.setDeleted(id, true, noDuplicate, officerId);
    },

    async restore(id: string, officerId: string): Promise<WriteResult<LabourRecord>> {
      return ops.setDeleted(id, false, noDuplicate, officerId);
    },
  };
}

export type LabourRepo = ReturnType<typeof createLabourRepo>;
