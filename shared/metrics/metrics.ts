/**
 * The figures of the dashboard and of the monthly report, computed from the
 * records and their history as of the end of a period ("lũy kế, tính đến ngày")
 * and within it ("trong kỳ"). One function family, so the screen and the
 * exported report can never disagree.
 *
 * A record's state on a day is the last event of its log dated on or before
 * that day (recording order breaks ties), so events dated after the period end
 * never count. Deleted records never count, whenever they were deleted.
 *
 * These run over a quarter of a million records: one pass, no sorting, no
 * allocation per record; ISO dates are compared as strings.
 */
import type { Dc01Category, Dc01Event, IsoDate, ProgressEvent } from '../domain/types';
import { progressAsOf } from '../domain/progress';
import { dc01AsOf } from '../domain/dc01';
import { rateOf } from '../format/numbers';
import type { Period } from '../settings/period';

// ---------------------------------------------------------------- progress (members, labour, vehicles)

/** What the figures need of a collected record; MemberRecord, LabourRecord and VehicleDeclaration fit. */
export type ProgressFact = {
  statusLog: readonly Pick<ProgressEvent, 'status' | 'date'>[];
  deletedAt?: string | undefined;
  hamletId: string;
  createdBy: string;
};

export type ProgressFigures = {
  /** the denominator entered by hand ("Tổng số"); undefined when none */
  target: number | undefined;
  /** handed to the police by the end of the period, whatever their status now ("Số đã cung cấp hồ sơ") */
  received: number;
  /** of `received`, first recorded within the period */
  receivedInPeriod: number;
  /** status 'entered' at the end of the period */
  entered: number;
  /** status 'approved' at the end of the period ("Số đã cập nhật, phê duyệt") */
  approved: number;
  /** of `approved`, approved within the period */
  approvedInPeriod: number;
  /** status 'failed' at the end of the period */
  failed: number;
  /** approved ÷ target; undefined without a target */
  rate: number | undefined;
};

type ProgressCounts = Omit<ProgressFigures, 'target' | 'rate'>;

const emptyProgressCounts = (): ProgressCounts => ({
  received: 0,
  receivedInPeriod: 0,
  entered: 0,
  approved: 0,
  approvedInPeriod: 0,
  failed: 0,
});

/**
 * The day the record was last moved to approved among the events dated on or
 * before `to` (the first event of the final run of 'approved' events), or
 * undefined. Only called for records approved as of `to`.
 */
function approvedSince(log: ProgressFact['statusLog'], to: IsoDate): IsoDate | undefined {
  let since: IsoDate | undefined;
  let previousApproved = false;
  for (const event of log) {
    if (event.date > to) continue;
    const isApproved = event.status === 'approved';
    if (isApproved && !previousApproved) since = event.date;
    previousApproved = isApproved;
  }
  return since;
}

/** Adds one record, as of `period.to`, into `c`. */
function addProgress(c: ProgressCounts, r: ProgressFact, period: Period, w: number): void {
  if (r.deletedAt) return;
  const first = r.statusLog[0];
  if (first === undefined || first.date > period.to) return;
  // progressAsOf reads only `status` and `date`, which every fact has.
  const last = progressAsOf(r.statusLog as readonly ProgressEvent[], period.to) ?? first;
  c.received += w;
  if (first.date >= period.from) c.receivedInPeriod += w;
  switch (last.status) {
    case 'entered':
      c.entered += w;
      break;
    case 'approved': {
      c.approved += w;
      const since = approvedSince(r.statusLog, period.to);
      if (since !== undefined && since >= period.from) c.approvedInPeriod += w;
      break;
    }
    case 'failed':
      c.failed += w;
      break;
    case 'received':
      break;
  }
}

/**
 * The figures of one list (or labour, or vehicles) as of the end of `period`.
 * `weight` makes a record count more than once, e.g. a vehicle declaration
 * counting its vehicles: `(d) => d.vehicles.length`.
 */
export function progressFigures<R extends ProgressFact = ProgressFact>(
  records: readonly R[],
  period: Period,
  target: number | undefined,
  weight?: (r: R) => number,
): ProgressFigures {
  const c = emptyProgressCounts();
  if (weight) {
    for (const r of records) addProgress(c, r, period, weight(r));
  } else {
    for (const r of records) addProgress(c, r, period, 1);
  }
  return { target, ...c, rate: rateOf(c.approved, target) };
}

/**
 * The same figures split by a key, e.g. by hamlet (`(r) => r.hamletId`) or by
 * officer (`(r) => r.createdBy`). Rows have no target (and so no rate). Only
 * keys of records that count as of the end of the period get a row.
 */
export function progressBreakdown<K extends string, R extends ProgressFact = ProgressFact>(
  records: readonly R[],
  period: Period,
  keyOf: (r: R) => K,
  weight?: (r: R) => number,
): Map<K, ProgressFigures> {
  const rows = new Map<K, ProgressFigures>();
  for (const r of records) {
    if (r.deletedAt) continue;
    const first = r.statusLog[0];
    if (first === undefined || first.date > period.to) continue;
    const key = keyOf(r);
    let row = rows.get(key);
    if (row === undefined) {
      row = { target: undefined, ...emptyProgressCounts(), rate: undefined };
      rows.set(key, row);
    }
    addProgress(row, r, period, weight ? weight(r) : 1);
  }
  return rows;
}

// ---------------------------------------------------------------- DC01 cases

/** What the figures need of a DC01 case; Dc01Case fits. */
export type Dc01Fact = {
  receivedDate: IsoDate;
  stateLog: readonly Dc01Event[];
  deletedAt?: string | undefined;
  assigneeId: string;
};

export type Dc01Figures = {
  /** cases received by the end of the period */
  total: number;
  pending: number;
  inProgress: number;
  done: number;
  /** of `done`, resolved within the period */
  doneInPeriod: number;
  /**
   * done cases by outcome: every outcome key of the category (0 when none), plus
   * any key a case was resolved with that the catalogue no longer lists, so the
   * values always add up to `done`
   */
  byOutcome: Record<string, number>;
  /** done ÷ total; undefined when there are no cases */
  rate: number | undefined;
};

type Dc01Counts = Omit<Dc01Figures, 'rate'>;

function emptyDc01Counts(category: Pick<Dc01Category, 'outcomes'>): Dc01Counts {
  const byOutcome: Record<string, number> = {};
  for (const o of category.outcomes) byOutcome[o.key] = 0;
  return { total: 0, pending: 0, inProgress: 0, done: 0, doneInPeriod: 0, byOutcome };
}

/** The day the case was last moved to done among the events dated on or before `to`. */
function doneSince(log: readonly Dc01Event[], to: IsoDate): IsoDate | undefined {
  let since: IsoDate | undefined;
  let previousDone = false;
  for (const event of log) {
    if (event.date > to) continue;
    const isDone = event.state === 'done';
    if (isDone && !previousDone) since = event.date;
    previousDone = isDone;
  }
  return since;
}

/** Adds one case, as of `period.to`, into `c`. */
function addDc01(c: Dc01Counts, d: Dc01Fact, period: Period): void {
  if (d.deletedAt || d.receivedDate > period.to) return;
  c.total += 1;
  // A case with no event yet on that day (a log dated after its receipt) is pending.
  const last = dc01AsOf(d.stateLog, period.to);
  switch (last?.state) {
    case 'in_progress':
      c.inProgress += 1;
      break;
    case 'done': {
      c.done += 1;
      const since = doneSince(d.stateLog, period.to);
      if (since !== undefined && since >= period.from) c.doneInPeriod += 1;
      const key = last.outcomeKey;
      if (key !== undefined) c.byOutcome[key] = (c.byOutcome[key] ?? 0) + 1;
      break;
    }
    default:
      c.pending += 1;
  }
}

const withDc01Rate = (c: Dc01Counts): Dc01Figures => ({ ...c, rate: rateOf(c.done, c.total) });

/**
 * The DC01 table row of one category as of the end of `period`. `cases` are
 * that category's cases (the caller filters; see dc01FiguresByCategory to do
 * every category in one pass).
 */
export function dc01Figures(cases: readonly Dc01Fact[], category: Dc01Category, period: Period): Dc01Figures {
  const c = emptyDc01Counts(category);
  for (const d of cases) addDc01(c, d, period);
  return withDc01Rate(c);
}

/**
 * Every category's row in one pass over all cases. Each category of
 * `categories` gets a row (zeros when it has no cases); a case whose category
 * is not listed gets a row keyed by its category with no predefined outcomes.
 */
export function dc01FiguresByCategory(
  cases: readonly (Dc01Fact & { categoryKey: string })[],
  categories: readonly Dc01Category[],
  period: Period,
): Map<string, Dc01Figures> {
  const counts = new Map<string, Dc01Counts>();
  for (const category of categories) counts.set(category.key, emptyDc01Counts(category));
  for (const d of cases) {
    let c = counts.get(d.categoryKey);
    if (c === undefined) {
      c = emptyDc01Counts({ outcomes: [] });
      counts.set(d.categoryKey, c);
    }
    addDc01(c, d, period);
  }
  const rows = new Map<string, Dc01Figures>();
  for (const [key, c] of counts) rows.set(key, withDc01Rate(c));
  return rows;
}

/**
 * One category's figures split by a key, e.g. by officer (`(d) => d.assigneeId`).
 * Only keys of cases received by the end of the period get a row.
 */
export function dc01Breakdown<K extends string, C extends Dc01Fact = Dc01Fact>(
  cases: readonly C[],
  category: Dc01Category,
  period: Period,
  keyOf: (d: C) => K,
): Map<K, Dc01Figures> {
  const counts = new Map<K, Dc01Counts>();
  for (const d of cases) {
    if (d.deletedAt || d.receivedDate > period.to) continue;
    const key = keyOf(d);
    let c = counts.get(key);
    if (c === undefined) {
      c = emptyDc01Counts(category);
      counts.set(key, c);
    }
    addDc01(c, d, period);
  }
  const rows = new Map<K, Dc01Figures>();
  for (const [key, c] of counts) rows.set(key, withDc01Rate(c));
  return rows;
}
