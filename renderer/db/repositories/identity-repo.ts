/**
 * Looks a personal ID up across every family: the same elderly person is often
 * also a veteran, a vehicle owner or a DC01 case, so what is known pre-fills the form.
 */
import type { FamilyKey, PersonFields } from '../../../shared/domain/types';
import type { RepoContext } from './context';

export type IdentityHit = {
  family: FamilyKey;
  /** list key for members, category key for DC01 */
  groupKey: string;
  recordId: string;
  person: PersonFields;
  updatedAt: string;
};

export function createIdentityRepo(ctx: RepoContext) {
  const { db } = ctx;
  return {
    async findByPersonalId(personalId: string): Promise<IdentityHit[]> {
      if (!/^\d{12}$/.test(personalId)) return [];
      const [members, labour, declarations, cases] = await Promise.all([
        db.members.where('personalId').equals(personalId).toArray(),
        db.labour.where('personalId').equals(personalId).toArray(),
        db.declarations.where('personalId').equals(personalId).toArray(),
        db.dc01Cases.where('personalId').equals(personalId).toArray(),
      ]);
      const hits: IdentityHit[] = [
        ...members.map((r) => ({ family: 'members' as const, groupKey: r.listKey, recordId: r.id, person: r, updatedAt: r.updatedAt, deleted: r.deletedAt })),
        ...labour.map((r) => ({ family: 'labour' as const, groupKey: '', recordId: r.id, person: r, updatedAt: r.updatedAt, deleted: r.deletedAt })),
        ...declarations.map((r) => ({ family: 'vehicles' as const, groupKey: '', recordId: r.id, person: r, updatedAt: r.updatedAt, deleted: r.deletedAt })),
        ...cases.map((r) => ({ family: 'dc01' as const, groupKey: r.categoryKey, recordId: r.id, person: r, updatedAt: r.updatedAt, deleted: r.deletedAt })),
      ]
        .filter((h) => !h.deleted)
        .map(({ deleted: _d, ...h }) => h);
      // newest first: the most recently checked identity is the best guess
      return hits.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    },
  };
}

export type IdentityRepo = ReturnType<typeof createIdentityRepo>;
