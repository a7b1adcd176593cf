/**
 * The report's rows — and the dashboard's: one per member list, labour,
 * vehicles (declarations and vehicles) and DC01 category, each computed by the
 * shared metrics functions from the records' facts as of the period end. The
 * dashboard, the built-in workbook, the superior's template and the printed
 * report all read these rows, so they can never disagree. Facts are grouped by
 * scope in one pass, so 250,000 of them cost one loop plus the metrics' own loop.
 */
import {
  dc01Breakdown,
  dc01Figures,
  progressBreakdown,
  progressFigures,
  type Dc01Fact,
  type Dc01Figures,
  type ProgressFact,
  type ProgressFigures,
} from '../metrics/metrics';
import type { Period } from '../settings/period';
import type { Dc01Category, MemberList, Target, TargetScope } from '../domain/types';

/** A record's fact as the figures read it (the renderer's `facts` table rows fit). */
export type ProgressFactRow = ProgressFact & {
  readonly kind: 'progress';
  /** 'members:<listKey>' | 'labour' | 'vehicles' */
  readonly scope: string;
  /** vehicles in a declaration; 1 otherwise */
  readonly weight: number;
};
export type Dc01FactRow = Dc01Fact & { readonly kind: 'dc01'; /** 'dc01:<categoryKey>' */ readonly scope: string; readonly hamletId: string };
export type FactRow = ProgressFactRow | Dc01FactRow;

/** The target in force for `period`: its own, else the latest one before it. */
export function targetFor(targets: readonly Target[], scope: TargetScope, period: Period): Target | undefined {
  let best: Target | undefined;
  for (const t of targets) {
    if (t.scope !== scope || t.periodTo > period.to) continue;
    if (!best || t.periodTo > best.periodTo) best = t;
  }
  return best;
}

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

export type ReportFigures = { progress: ProgressRow[]; dc01: Dc01Row[] };

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

export function reportFigures(
  grouped: GroupedFacts,
  input: {
    lists: readonly MemberList[];
    categories: readonly Dc01Category[];
    targets: readonly Target[];
    period: Period;
    /** also rows for hidden lists and categories (a template may still ask for them) */
    includeHidden?: boolean;
  },
): ReportFigures {
  const { lists, categories, targets, period } = input;
  const shown = (x: { hidden: boolean }) => input.includeHidden === true || !x.hidden;
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
    ...lists.filter(shown).map((l) => row(`members:${l.key}`, l.label, `members:${l.key}`, `members:${l.key}`, false, 'hội viên')),
    row('labour', 'Thông tin người lao động', 'labour', TARGET_SCOPES.labour, false, 'người'),
    row('declarations', 'Phương tiện — tờ khai', 'vehicles', TARGET_SCOPES.declarations, false, 'tờ khai'),
    row('vehicles', 'Phương tiện — số xe', 'vehicles', TARGET_SCOPES.vehicles, true, 'phương tiện'),
  ];
  const dc01 = categories
    .filter(shown)
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

/** The rows of `figures` for lists and categories that are not hidden (the tables and prose show these). */
export function visibleRows(figures: ReportFigures, lists: readonly MemberList[]): ReportFigures {
  const hidden = new Set(lists.filter((l) => l.hidden).map((l) => `members:${l.key}`));
  return { progress: figures.progress.filter((r) => !hidden.has(r.key)), dc01: figures.dc01.filter((r) => !r.category.hidden) };
}
