/**
 * The dashboard's rows: one per member list, labour, vehicles (declarations
 * and vehicles) and DC01 category, each computed by the shared metrics
 * functions from the facts as of the period end. Facts are grouped by scope
 * in one pass, so 250,000 of them cost one loop plus the metrics' own loop.
 */
import { dc01Breakdown, dc01Figures, progressBreakdown, progressFigures, type Dc01Figures, type ProgressFigures } from '../../../shared/metrics/metrics';
import { targetFor } from '../../db/repositories/target-repo';
import type { Dc01FactRow, FactRow, ProgressFactRow } from '../../db/facts';
import type { Period } from '../../../shared/settings/period';
import type { Dc01Category, MemberList, Target } from '../../../shared/domain/types';

export const TARGET_SCOPES = {
  labour: 'labour',
  declarations: 'vehicles:declarations',
  vehicles: 'vehicles:vehicles',
} as const;

export type ProgressRow = {
  key: string;
  label: string;
  /** the facts' scope this row counts */
  scope: string;
  /** counts vehicles rather than declarations */
  byWeight: boolean;
  unit: string;
  figures: ProgressFigures;
};

export type Dc01Row = { key: string; label: string; scope: string; category: Dc01Category; figures: Dc01Figures };

export type DashboardFigures = { progress: ProgressRow[]; dc01: Dc01Row[] };

export type GroupedFacts = { progress: Map<string, ProgressFactRow[]>; dc01: Map<string, Dc01FactRow[]> };

export function groupFacts(facts: readonly FactRow[]): GroupedFacts {
  const progress = new Map<string, ProgressFactRow[]>();
  const dc01 = new Map<string, Dc01FactRow[]>();
  for (const f of facts) {
    if (f.kind === 'progress') {
      const list = progress.get(f.scope);
      if (list) list.push(f);
      else progress.set(f.scope, [f]);
    } else {
      const list = dc01.get(f.scope);
      if (list) list.push(f);
      else dc01.set(f.scope, [f]);
    }
  }
  return { progress, dc01 };
}

const weight = (f: ProgressFactRow) => f.weight;
const NO_FACTS: never[] = [];

export function dashboardFigures(
  grouped: GroupedFacts,
  input: { lists: readonly MemberList[]; categories: readonly Dc01Category[]; targets: readonly Target[]; period: Period },
): DashboardFigures {
  const { lists, categories, targets, period } = input;
  const target = (scope: string) => targetFor(targets, scope, period)?.value;
  const row = (key: string, label: string, scope: string, targetScope: string, byWeight: boolean, unit: string): ProgressRow => ({
    key,
    label,
    scope,
    byWeight,
    unit,
    figures: progressFigures(grouped.progress.get(scope) ?? NO_FACTS, period, target(targetScope), byWeight ? weight : undefined),
  });
  const progress: ProgressRow[] = [
    ...lists.filter((l) => !l.hidden).map((l) => row(`members:${l.key}`, l.label, `members:${l.key}`, `members:${l.key}`, false, 'hội viên')),
    row('labour', 'Thông tin người lao động', 'labour', TARGET_SCOPES.labour, false, 'người'),
    row('declarations', 'Phương tiện — tờ khai', 'vehicles', TARGET_SCOPES.declarations, false, 'tờ khai'),
    row('vehicles', 'Phương tiện — số xe', 'vehicles', TARGET_SCOPES.vehicles, true, 'phương tiện'),
  ];
  const dc01 = categories
    .filter((c) => !c.hidden)
    .map((c) => {
      const scope = `dc01:${c.key}`;
      return { key: scope, label: c.label, scope, category: c, figures: dc01Figures(grouped.dc01.get(scope) ?? NO_FACTS, c, period) };
    });
  return { progress, dc01 };
}

export type BreakdownBy = 'hamlet' | 'officer';

/** One row's figures split by hamlet or by officer (who entered it; for DC01, who is in charge). */
export function progressRowBreakdown(grouped: GroupedFacts, row: ProgressRow, period: Period, by: BreakdownBy): Map<string, ProgressFigures> {
  return progressBreakdown(grouped.progress.get(row.scope) ?? NO_FACTS, period, (f) => (by === 'hamlet' ? f.hamletId : f.createdBy), row.byWeight ? weight : undefined);
}

export function dc01RowBreakdown(grouped: GroupedFacts, row: Dc01Row, period: Period, by: BreakdownBy): Map<string, Dc01Figures> {
  return dc01Breakdown(grouped.dc01.get(row.scope) ?? NO_FACTS, row.category, period, (f) => (by === 'hamlet' ? f.hamletId : f.assigneeId));
}
