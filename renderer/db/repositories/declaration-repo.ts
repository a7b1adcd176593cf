/**
 * Road vehicles (family `vehicles`): a declaration by one owner listing one
 * or more vehicles. A plate, frame number or engine number already in another
 * live declaration is refused, naming where it is.
 */
import type { PersonFields, Vehicle, VehicleDeclaration } from '../../../shared/domain/types';
import type { Result } from '../../../shared/result';
import { initialProgress, type ProgressChange } from '../../../shared/domain/progress';
import { personSearchKeys } from '../../../shared/domain/person';
import { declarationKeys } from '../../../shared/domain/vehicles';
import { factOf } from '../facts';
import type { RepoContext } from './context';
import { setProgress } from './progress-step';
import { createRecordOps, PERSON_FIELDS, inEntryOrder, type BulkResult, type Refusal, type WriteResult } from './record-ops';

export type DeclarationInput = PersonFields & { vehicles: Omit<Vehicle, 'id'>[]; idFlagged: boolean };

const EDITABLE_FIELDS = [...PERSON_FIELDS, 'vehicles'] as const satisfies readonly (keyof VehicleDeclaration)[];

const KEY_INDEXES = [
  ['plateKeys', 'Biển số'],
  ['frameKeys', 'Số khung'],
  ['engineKeys', 'Số máy'],
] as const;

export function createDeclarationRepo(ctx: RepoContext) {
  const { db } = ctx;
  const ops = createRecordOps<VehicleDeclaration>(ctx, { table: db.declarations, entity: 'declarations', fact: factOf.declaration });

  /** The first live declaration (other than this one) holding one of this one's plates, frames or engines. */
  const findClash = async (d: Pick<VehicleDeclaration, 'id' | 'plateKeys' | 'frameKeys' | 'engineKeys'>): Promise<Refusal> => {
    for (const [index, label] of KEY_INDEXES) {
      const keys = d[index];
      if (keys.length === 0) continue;
      const hits = await db.declarations.where(index).anyOf(keys).toArray();
      const other = hits.find((h) => !h.deletedAt && h.id !== d.id);
      if (!other) continue;
      const key = other[index].find((k) => keys.includes(k)) ?? '';
      const vehicle = other.vehicles.find((v) => declarationKeys([v])[index].includes(key));
      const shown = index === 'plateKeys' ? (vehicle?.plate ?? key) : key;
      return { code: 'duplicate', message: `${label} ${shown} đã có trong tờ khai của ${other.fullName}${other.personalId ? ` (${other.personalId})` : ''}.` };
    }
    return undefined;
  };

  const build = (input: DeclarationInput, current?: VehicleDeclaration): Omit<VehicleDeclaration, keyof ReturnType<typeof initialProgress> | 'id' | 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy'> => {
    const vehicles: Vehicle[] = input.vehicles.map((v, i) => ({ ...v, id: current?.vehicles[i]?.id ?? ctx.newId() }));
    const { idFlagged, vehicles: _v, ...person } = input;
    return { ...person, vehicles, ...declarationKeys(vehicles), ...personSearchKeys(person, idFlagged) };
  };

  return {
    findClash,
    get: ops.get,
    getMany: ops.getMany,

    /** Live declarations of the owner with this personal ID. */
    async byOwner(personalId: string, excludeId?: string): Promise<VehicleDeclaration[]> {
      if (!personalId) return [];
      const hits = await db.declarations.where('personalId').equals(personalId).toArray();
      return hits.filter((d) => !d.deletedAt && d.id !== excludeId);
    },

    async all(): Promise<VehicleDeclaration[]> {
      return inEntryOrder(await db.declarations.toArray());
    },

    async create(input: DeclarationInput, officerId: string): Promise<WriteResult<VehicleDeclaration>> {
      return ops.create(
        ({ at, today }) => ({
          id: ctx.newId(),
          ...build(input),
          ...initialProgress(today, at, officerId),
          createdAt: at,
          createdBy: officerId,
          updatedAt: at,
          updatedBy: officerId,
        }),
        findClash,
        officerId,
      );
    },

    async update(id: string, input: DeclarationInput, officerId: string): Promise<WriteResult<VehicleDeclaration>> {
      return ops.update(id, (current) => ({ ...current, ...build(input, current) }), findClash, EDITABLE_FIELDS, officerId);
    },

    async setStatus(ids: readonly string[], change: ProgressChange, officerId: string): Promise<Result<BulkResult, string>> {
      return setProgress(ops, ids, change, officerId);
    },

    async remove(id: string, officerId: string): Promise<WriteResult<VehicleDeclaration>> {
      return ops.setDeleted(id, true, findClash, officerId);
    },

    async restore(id: string, officerId: string): Promise<WriteResult<VehicleDeclaration>> {
      return ops.setDeleted(id, false, findClash, officerId);
    },
  };
}

export type DeclarationRepo = ReturnType<typeof createDeclarationRepo>;
