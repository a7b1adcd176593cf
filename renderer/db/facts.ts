/**
 * Facts: the part of each record the figures need — its scope (which list,
 * family or DC01 category), hamlet, officer, deletion mark and dated history —
 * kept in its own small table beside the records. Repositories write a
 * record's fact in the same transaction as the record, so they never disagree;
 * the dashboard reads facts (a few dozen bytes each) instead of whole records.
 */
import type { Dc01Case, Dc01Event, IsoDate, LabourRecord, MemberRecord, ProgressStatus, VehicleDeclaration } from '../../shared/domain/types';

type FactBase = {
  readonly id: string;
  /** 'members:<listKey>' | 'labour' | 'vehicles' | 'dc01:<categoryKey>' */
  readonly scope: string;
  readonly hamletId: string;
  readonly createdBy: string;
  readonly deletedAt?: string;
};

export type ProgressFactRow = FactBase & {
  readonly kind: 'progress';
  /** vehicles in a declaration; 1 otherwise */
  readonly weight: number;
  readonly statusLog: readonly { readonly status: ProgressStatus; readonly date: IsoDate }[];
};

export type Dc01FactRow = FactBase & {
  readonly kind: 'dc01';
  readonly receivedDate: IsoDate;
  readonly assigneeId: string;
  readonly stateLog: readonly Dc01Event[];
};

export type FactRow = ProgressFactRow | Dc01FactRow;

/**
 * The facts of many records written at once (an import) in one row: IndexedDB's cost is per
 * row, and 50,000 tiny fact rows cost as much as the records themselves. A record's own row,
 * written by any later change to it, takes precedence over its entry in a bundle
 * (repositories/facts-repo.ts resolves them).
 */
export type FactBundleRow = {
  readonly id: string;
  readonly scope: typeof FACT_BUNDLE_SCOPE;
  readonly kind: 'bundle';
  readonly facts: readonly FactRow[];
};

export const FACT_BUNDLE_SCOPE = '~bundle';

export type StoredFactRow = FactRow | FactBundleRow;

export const scopeOf = {
  members: (listKey: string) => `members:${listKey}`,
  labour: () => 'labour',
  vehicles: () => 'vehicles',
  dc01: (categoryKey: string) => `dc01:${categoryKey}`,
};

const deletion = (r: { deletedAt?: string }) => (r.deletedAt ? { deletedAt: r.deletedAt } : {});

function progressFact(
  r: (MemberRecord | LabourRecord | VehicleDeclaration) & { id: string },
  scope: string,
  weight: number,
): ProgressFactRow {
  return {
    id: r.id,
    scope,
    kind: 'progress',
    hamletId: r.hamletId,
    createdBy: r.createdBy,
    ...deletion(r),
    weight,
    statusLog: r.statusLog.map((e) => ({ status: e.status, date: e.date })),
  };
}

export const factOf = {
  member: (r: MemberRecord): FactRow => progressFact(r, scopeOf.members(r.listKey), 1),
  labour: (r: LabourRecord): FactRow => progressFact(r, scopeOf.labour(), 1),
  declaration: (r: VehicleDeclaration): FactRow => progressFact(r, scopeOf.vehicles(), r.vehicles.length),
  dc01: (r: Dc01Case): FactRow => ({
    id: r.id,
    scope: scopeOf.dc01(r.categoryKey),
    kind: 'dc01',
    hamletId: r.hamletId,
    createdBy: r.createdBy,
    ...deletion(r),
    receivedDate: r.receivedDate,
    assigneeId: r.assigneeId,
    stateLog: r.stateLog,
  }),
};
