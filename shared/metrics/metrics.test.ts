import { describe, it, expect } from 'vitest';
import {
  dc01Breakdown,
  dc01Figures,
  dc01FiguresByCategory,
  progressBreakdown,
  progressFigures,
  type Dc01Fact,
  type Dc01Figures,
  type ProgressFact,
  type ProgressFigures,
} from './metrics';
import { DEFAULT_DC01_CATEGORIES } from '../domain/catalogues';
import type {
  Dc01Case,
  Dc01Category,
  Dc01Event,
  Dc01State,
  LabourRecord,
  MemberRecord,
  ProgressStatus,
  VehicleDeclaration,
} from '../domain/types';
import type { Period } from '../settings/period';

// Back-to-back periods with cut-off day 14.
const Q: Period = { from: '2024-03-15', to: '2024-04-14' };
const P: Period = { from: '2024-04-15', to: '2024-05-14' };
const N: Period = { from: '2024-05-15', to: '2024-06-14' };

type Fact = ProgressFact & { name: string; vehicles: number };

/** A record with its steps in recording order; the first step is when it was handed over. */
function rec(
  name: string,
  steps: Array<[ProgressStatus, string]>,
  opts: { hamletId?: string; createdBy?: string; deletedAt?: string; vehicles?: number } = {},
): Fact {
  return {
    name,
    statusLog: steps.map(([status, date]) => ({ status, date })),
    hamletId: opts.hamletId ?? '',
    createdBy: opts.createdBy ?? 'o1',
    vehicles: opts.vehicles ?? 1,
    ...(opts.deletedAt ? { deletedAt: opts.deletedAt } : {}),
  };
}

const figures = (
  f: Omit<ProgressFigures, 'target' | 'rate'> & Partial<Pick<ProgressFigures, 'target' | 'rate'>>,
): ProgressFigures => ({ target: undefined, rate: undefined, ...f });

// Hand-checked against P, Q and N in the comments: [counts in P] — why.
const A = rec('A', [['received', '2024-03-01']], { hamletId: 'h1', createdBy: 'o1' }); // received — before P
const B = rec('B', [['received', '2024-03-10'], ['entered', '2024-03-20'], ['approved', '2024-04-20']], {
  hamletId: 'h1',
  createdBy: 'o2',
}); // approved in P
const C = rec('C', [['received', '2024-04-16'], ['entered', '2024-04-20'], ['approved', '2024-05-14']], {
  hamletId: 'h1',
  createdBy: 'o1',
}); // received in P, approved on P's last day
const D = rec('D', [['received', '2024-04-20'], ['entered', '2024-05-10'], ['approved', '2024-05-15']], {
  hamletId: 'h1',
  createdBy: 'o2',
}); // approved the day after P ends → entered in P
const E = rec('E', [['received', '2024-05-15']], { hamletId: 'h3', createdBy: 'o1' }); // created after P
const F = rec('F', [['received', '2024-04-01'], ['approved', '2024-04-14']], { hamletId: 'h2', createdBy: 'o2' }); // approved in Q
const G = rec('G', [['received', '2024-04-15'], ['failed', '2024-04-30']], { hamletId: 'h2', createdBy: 'o1' }); // failed, P's first day
const H = rec(
  'H',
  [['received', '2024-03-01'], ['failed', '2024-04-10'], ['entered', '2024-04-20'], ['approved', '2024-05-01']],
  { hamletId: 'h2', createdBy: 'o2' },
); // failed in Q, then entered and approved in P
const I = rec('I', [['received', '2024-04-20'], ['approved', '2024-04-25']], {
  hamletId: 'h2',
  createdBy: 'o1',
  deletedAt: '2024-06-01T08:00:00.000Z',
}); // deleted after P ends → never counts
const J = rec('J', [['approved', '2024-03-01'], ['failed', '2024-04-20'], ['approved', '2024-05-05']], {
  createdBy: 'o2',
}); // imported approved, failed, approved again in P
const K = rec('K', [['received', '2024-04-18'], ['entered', '2024-05-20']], { createdBy: 'o1' }); // entered after P
const ALL = [A, B, C, D, E, F, G, H, I, J, K];

describe('progressFigures', () => {
  it.each<[string, Period, number | undefined, ProgressFigures]>([
    [
      'P',
      P,
      10,
      figures({ target: 10, received: 9, receivedInPeriod: 4, entered: 1, approved: 5, approvedInPeriod: 4, failed: 1, rate: 0.5 }),
    ],
    [
      'Q, the period before',
      Q,
      undefined,
      figures({ received: 5, receivedInPeriod: 1, entered: 1, approved: 2, approvedInPeriod: 1, failed: 1 }),
    ],
    [
      'N, the period after',
      N,
      8,
      figures({ target: 8, received: 10, receivedInPeriod: 1, entered: 1, approved: 6, approvedInPeriod: 1, failed: 1, rate: 0.75 }),
    ],
    [
      'a period ending before any record',
      { from: '2024-02-01', to: '2024-02-29' },
      100,
      figures({ target: 100, received: 0, receivedInPeriod: 0, entered: 0, approved: 0, approvedInPeriod: 0, failed: 0, rate: 0 }),
    ],
    [
      'a target of 0 gives no rate',
      P,
      0,
      figures({ target: 0, received: 9, receivedInPeriod: 4, entered: 1, approved: 5, approvedInPeriod: 4, failed: 1 }),
    ],
  ])('%s', (_name, period, target, expected) => {
    expect(progressFigures(ALL, period, target)).toEqual(expected);
  });

  it('back-to-back periods: what was received adds up, deletions never count', () => {
    const q = progressFigures(ALL, Q, undefined);
    const p = progressFigures(ALL, P, undefined);
    const n = progressFigures(ALL, N, undefined);
    expect(q.received + p.receivedInPeriod).toBe(p.received);
    expect(p.received + n.receivedInPeriod).toBe(n.received);
    // J was approved before Q, failed and was approved again within P: it counts in P's
    // approvals of the period, so approvals do not simply add up.
    expect(q.approved + p.approvedInPeriod).toBe(p.approved + 1);
  });

  it.each<[string, Fact, Period, Partial<ProgressFigures>]>([
    ['the day the record is handed over counts', rec('x', [['received', '2024-05-14']]), P, { received: 1, receivedInPeriod: 1 }],
    ['a record received the day after counts nowhere', rec('x', [['received', '2024-05-15']]), P, { received: 0 }],
    [
      'approved the day after the end is entered',
      rec('x', [['received', '2024-04-01'], ['entered', '2024-04-02'], ['approved', '2024-05-15']]),
      P,
      { received: 1, entered: 1, approved: 0 },
    ],
    [
      'approved, then failed after the end, is approved',
      rec('x', [['received', '2024-04-01'], ['approved', '2024-05-01'], ['failed', '2024-05-20']]),
      P,
      { approved: 1, approvedInPeriod: 1, failed: 0 },
    ],
    [
      'failed → entered → approved within the period',
      rec('x', [['received', '2024-03-01'], ['failed', '2024-04-16'], ['entered', '2024-04-17'], ['approved', '2024-04-18']]),
      P,
      { received: 1, receivedInPeriod: 0, approved: 1, approvedInPeriod: 1, failed: 0 },
    ],
    [
      'failed → entered within the period, approved after it',
      rec('x', [['received', '2024-03-01'], ['failed', '2024-04-16'], ['entered', '2024-05-14'], ['approved', '2024-05-20']]),
      P,
      { entered: 1, approved: 0, failed: 0 },
    ],
    [
      'approved before, failed within: failed',
      rec('x', [['received', '2024-03-01'], ['approved', '2024-03-20'], ['failed', '2024-05-01']]),
      P,
      { approved: 0, failed: 1 },
    ],
    [
      'equal dates: the later recording wins (approved then corrected back to entered)',
      rec('x', [['received', '2024-04-16'], ['approved', '2024-05-14'], ['entered', '2024-05-14']]),
      P,
      { received: 1, receivedInPeriod: 1, entered: 1, approved: 0 },
    ],
    [
      'equal dates: entered then approved on the same day',
      rec('x', [['received', '2024-04-16'], ['entered', '2024-05-14'], ['approved', '2024-05-14']]),
      P,
      { entered: 0, approved: 1, approvedInPeriod: 1 },
    ],
    [
      'imported as approved within the period',
      rec('x', [['approved', '2024-04-15']]),
      P,
      { received: 1, receivedInPeriod: 1, approved: 1, approvedInPeriod: 1 },
    ],
    [
      'deleted within the period',
      rec('x', [['received', '2024-04-16'], ['approved', '2024-04-20']], { deletedAt: '2024-04-30T08:00:00.000Z' }),
      P,
      { received: 0, receivedInPeriod: 0, approved: 0, approvedInPeriod: 0 },
    ],
    [
      'deleted after the period still never counts',
      rec('x', [['received', '2024-03-01']], { deletedAt: '2025-01-01T08:00:00.000Z' }),
      P,
      { received: 0 },
    ],
    ['an empty log counts nowhere', rec('x', []), P, { received: 0 }],
  ])('%s', (_name, record, period, expected) => {
    expect(progressFigures([record], period, undefined)).toMatchObject(expected);
  });

  it('no records: all zeros', () => {
    expect(progressFigures([], P, 5)).toEqual(
      figures({ target: 5, received: 0, receivedInPeriod: 0, entered: 0, approved: 0, approvedInPeriod: 0, failed: 0, rate: 0 }),
    );
  });

  describe('weights: vehicles instead of declarations', () => {
    const V = [
      rec('V1', [['received', '2024-04-01'], ['approved', '2024-04-20']], { vehicles: 2, hamletId: 'h1' }),
      rec('V2', [['received', '2024-04-16'], ['entered', '2024-05-01']], { vehicles: 3, hamletId: 'h1' }),
      rec('V3', [['received', '2024-05-15']], { vehicles: 1, hamletId: 'h2' }),
      rec('V4', [['received', '2024-04-16'], ['approved', '2024-04-17']], {
        vehicles: 5,
        hamletId: 'h2',
        deletedAt: '2024-04-18T00:00:00.000Z',
      }),
      rec('V5', [['received', '2024-04-01'], ['entered', '2024-04-10'], ['approved', '2024-05-20']], { vehicles: 4, hamletId: 'h2' }),
      rec('V6', [['received', '2024-04-20'], ['failed', '2024-04-21']], { vehicles: 0, hamletId: 'h2' }),
    ];

    it.each<[string, ((r: Fact) => number) | undefined, number, ProgressFigures]>([
      [
        'vehicles',
        (r) => r.vehicles,
        10,
        figures({ target: 10, received: 9, receivedInPeriod: 3, entered: 7, approved: 2, approvedInPeriod: 2, failed: 0, rate: 0.2 }),
      ],
      [
        'declarations',
        undefined,
        4,
        figures({ target: 4, received: 4, receivedInPeriod: 2, entered: 2, approved: 1, approvedInPeriod: 1, failed: 1, rate: 0.25 }),
      ],
    ])('counting %s', (_name, weight, target, expected) => {
      expect(progressFigures(V, P, target, weight)).toEqual(expected);
    });

    it('weights apply to breakdowns too', () => {
      expect(progressBreakdown(V, P, (r) => r.hamletId, (r) => r.vehicles)).toEqual(
        new Map([
          ['h1', figures({ received: 5, receivedInPeriod: 3, entered: 3, approved: 2, approvedInPeriod: 2, failed: 0 })],
          ['h2', figures({ received: 4, receivedInPeriod: 0, entered: 4, approved: 0, approvedInPeriod: 0, failed: 0 })],
        ]),
      );
    });
  });
});

describe('progressBreakdown', () => {
  it.each<[string, (r: Fact) => string, Array<[string, ProgressFigures]>]>([
    [
      'by hamlet',
      (r) => r.hamletId,
      [
        ['h1', figures({ received: 4, receivedInPeriod: 2, entered: 1, approved: 2, approvedInPeriod: 2, failed: 0 })],
        ['h2', figures({ received: 3, receivedInPeriod: 1, entered: 0, approved: 2, approvedInPeriod: 1, failed: 1 })],
        ['', figures({ received: 2, receivedInPeriod: 1, entered: 0, approved: 1, approvedInPeriod: 1, failed: 0 })],
      ],
    ],
    [
      'by officer',
      (r) => r.createdBy,
      [
        ['o1', figures({ received: 4, receivedInPeriod: 3, entered: 0, approved: 1, approvedInPeriod: 1, failed: 1 })],
        ['o2', figures({ received: 5, receivedInPeriod: 1, entered: 1, approved: 4, approvedInPeriod: 3, failed: 0 })],
      ],
    ],
  ])('%s, as of the end of P (no row for a key with nothing counted)', (_name, keyOf, rows) => {
    const result = progressBreakdown(ALL, P, keyOf);
    expect(result).toEqual(new Map(rows));
    expect(result.has('h3')).toBe(false);
  });

  it.each([Q, P, N])('rows add up to the total (%j)', (period) => {
    for (const keyOf of [(r: Fact) => r.hamletId, (r: Fact) => r.createdBy, (r: Fact) => r.name]) {
      const total = progressFigures(ALL, period, undefined);
      const sum = figures({ received: 0, receivedInPeriod: 0, entered: 0, approved: 0, approvedInPeriod: 0, failed: 0 });
      for (const row of progressBreakdown(ALL, period, keyOf).values()) {
        sum.received += row.received;
        sum.receivedInPeriod += row.receivedInPeriod;
        sum.entered += row.entered;
        sum.approved += row.approved;
        sum.approvedInPeriod += row.approvedInPeriod;
        sum.failed += row.failed;
      }
      expect(sum).toEqual(total);
    }
  });

  it('takes an explicit key type', () => {
    const rows = progressBreakdown<'in' | 'out'>(ALL, P, (r) => (r.hamletId === '' ? 'out' : 'in'));
    expect([...rows.keys()].sort()).toEqual(['in', 'out']);
    expect(rows.get('out')?.received).toBe(2);
  });
});

// ---------------------------------------------------------------- DC01

const MISSING_FIELDS = DEFAULT_DC01_CATEGORIES.find((c) => c.key === 'missing_fields') as Dc01Category;
const INVALID_ID = DEFAULT_DC01_CATEGORIES.find((c) => c.key === 'invalid_id') as Dc01Category;

type CaseFact = Dc01Fact & { categoryKey: string };

/** A case received (and logged pending) on `received`, then moved through `steps`. */
function dcase(
  received: string,
  steps: Array<[Dc01State, string, string?]>,
  opts: { assigneeId?: string; deletedAt?: string; categoryKey?: string } = {},
): CaseFact {
  const ev = (state: Dc01State, date: string, outcomeKey?: string): Dc01Event => ({
    state,
    ...(outcomeKey ? { outcomeKey } : {}),
    date,
    at: `${date}T10:00:00.000Z`,
    by: 'o1',
  });
  return {
    receivedDate: received,
    stateLog: [ev('pending', received), ...steps.map(([s, d, o]) => ev(s, d, o))],
    assigneeId: opts.assigneeId ?? 'a1',
    categoryKey: opts.categoryKey ?? 'missing_fields',
    ...(opts.deletedAt ? { deletedAt: opts.deletedAt } : {}),
  };
}

const dc01 = (f: Omit<Dc01Figures, 'rate'> & { rate?: number }): Dc01Figures => ({ rate: undefined, ...f });

const C1 = dcase('2024-03-01', [], { assigneeId: 'a1' }); // pending throughout
const C2 = dcase('2024-03-10', [['in_progress', '2024-04-01'], ['done', '2024-04-20', 'updated']], { assigneeId: 'a1' });
const C3 = dcase('2024-04-16', [['done', '2024-05-14', 'no_info']], { assigneeId: 'a1' }); // done on P's last day
const C4 = dcase('2024-04-20', [['in_progress', '2024-05-01'], ['done', '2024-05-15', 'updated']], { assigneeId: 'a1' }); // resolved after P
const C5 = dcase('2024-05-15', [], { assigneeId: 'a1' }); // received after P
const C6 = dcase('2024-04-01', [['done', '2024-04-10', 'updated']], { assigneeId: 'a2' }); // done in Q
const C7 = dcase('2024-04-20', [['done', '2024-04-25', 'updated']], { assigneeId: 'a2', deletedAt: '2024-04-26T00:00:00.000Z' });
const C8 = dcase('2024-03-01', [['done', '2024-04-01', 'updated'], ['done', '2024-04-20', 'no_info']], { assigneeId: 'a2' }); // outcome corrected in P
const C9 = dcase(
  '2024-03-01',
  [['done', '2024-04-01', 'updated'], ['in_progress', '2024-04-16'], ['done', '2024-05-01', 'updated']],
  { assigneeId: 'a2' },
); // reopened and resolved again in P
const CASES = [C1, C2, C3, C4, C5, C6, C7, C8, C9];

describe('dc01Figures', () => {
  it.each<[string, Period, Dc01Figures]>([
    [
      'P',
      P,
      dc01({ total: 7, pending: 1, inProgress: 1, done: 5, doneInPeriod: 3, byOutcome: { updated: 3, no_info: 2 }, rate: 5 / 7 }),
    ],
    [
      'Q, the period before',
      Q,
      dc01({ total: 5, pending: 1, inProgress: 1, done: 3, doneInPeriod: 3, byOutcome: { updated: 3, no_info: 0 }, rate: 0.6 }),
    ],
    [
      'N, the period after (C4 resolved, C5 received)',
      N,
      dc01({ total: 8, pending: 2, inProgress: 0, done: 6, doneInPeriod: 1, byOutcome: { updated: 4, no_info: 2 }, rate: 0.75 }),
    ],
    [
      'before any case: every outcome at 0, no rate',
      { from: '2024-01-01', to: '2024-01-31' },
      dc01({ total: 0, pending: 0, inProgress: 0, done: 0, doneInPeriod: 0, byOutcome: { updated: 0, no_info: 0 } }),
    ],
  ])('%s', (_name, period, expected) => {
    expect(dc01Figures(CASES, MISSING_FIELDS, period)).toEqual(expected);
  });

  it.each<[string, CaseFact, Partial<Dc01Figures>]>([
    [
      'resolved the day after the end is in progress',
      dcase('2024-04-01', [['in_progress', '2024-04-02'], ['done', '2024-05-15', 'updated']]),
      { total: 1, inProgress: 1, done: 0, byOutcome: { updated: 0, no_info: 0 } },
    ],
    [
      'resolved after the end straight from pending is pending',
      dcase('2024-04-01', [['done', '2024-06-01', 'no_info']]),
      { total: 1, pending: 1, done: 0 },
    ],
    [
      'reopened after the end is still done',
      dcase('2024-04-01', [['done', '2024-04-20', 'updated'], ['in_progress', '2024-05-20']]),
      { total: 1, done: 1, doneInPeriod: 1, inProgress: 0, byOutcome: { updated: 1, no_info: 0 } },
    ],
    [
      'outcome corrected after the end: the outcome as of the end counts',
      dcase('2024-04-01', [['done', '2024-04-20', 'updated'], ['done', '2024-05-20', 'no_info']]),
      { done: 1, byOutcome: { updated: 1, no_info: 0 } },
    ],
    [
      'equal dates: the later recording wins',
      dcase('2024-04-01', [['done', '2024-05-14', 'updated'], ['in_progress', '2024-05-14']]),
      { inProgress: 1, done: 0 },
    ],
    [
      'received on the last day counts',
      dcase('2024-05-14', []),
      { total: 1, pending: 1 },
    ],
    [
      'a log that starts after its received date is pending until then',
      { receivedDate: '2024-05-01', stateLog: [{ state: 'in_progress', date: '2024-05-20', at: '', by: 'o1' }], assigneeId: 'a1', categoryKey: 'missing_fields' },
      { total: 1, pending: 1, inProgress: 0 },
    ],
    [
      'deleted after the end still never counts',
      dcase('2024-04-01', [['done', '2024-04-20', 'updated']], { deletedAt: '2024-06-01T00:00:00.000Z' }),
      { total: 0, done: 0, rate: undefined },
    ],
    [
      'an outcome no longer in the catalogue keeps its count',
      dcase('2024-04-01', [['done', '2024-04-20', 'gone']]),
      { done: 1, byOutcome: { updated: 0, no_info: 0, gone: 1 } },
    ],
  ])('%s', (_name, c, expected) => {
    expect(dc01Figures([c], MISSING_FIELDS, P)).toMatchObject(expected);
  });

  it('byOutcome lists the category’s own outcomes', () => {
    expect(dc01Figures([], INVALID_ID, P).byOutcome).toEqual({ cancel_requested: 0 });
  });
});

describe('dc01Breakdown', () => {
  it('by assignee, as of the end of P', () => {
    expect(dc01Breakdown(CASES, MISSING_FIELDS, P, (c) => c.assigneeId)).toEqual(
      new Map([
        ['a1', dc01({ total: 4, pending: 1, inProgress: 1, done: 2, doneInPeriod: 2, byOutcome: { updated: 1, no_info: 1 }, rate: 0.5 })],
        ['a2', dc01({ total: 3, pending: 0, inProgress: 0, done: 3, doneInPeriod: 1, byOutcome: { updated: 2, no_info: 1 }, rate: 1 })],
      ]),
    );
  });

  it('has no row for a key with nothing counted', () => {
    const rows = dc01Breakdown([C5, C7], MISSING_FIELDS, P, (c) => c.assigneeId);
    expect(rows.size).toBe(0);
  });
});

describe('dc01FiguresByCategory', () => {
  it('every listed category gets a row, in one pass', () => {
    const cases: CaseFact[] = [
      ...CASES,
      dcase('2024-04-01', [['done', '2024-04-20', 'cancel_requested']], { categoryKey: 'invalid_id' }),
      dcase('2024-04-01', [['in_progress', '2024-04-20']], { categoryKey: 'invalid_id' }),
      dcase('2024-04-01', [['done', '2024-04-20', 'fixed']], { categoryKey: 'retired_category' }),
    ];
    const rows = dc01FiguresByCategory(cases, DEFAULT_DC01_CATEGORIES, P);
    expect([...rows.keys()]).toEqual([...DEFAULT_DC01_CATEGORIES.map((c) => c.key), 'retired_category']);
    expect(rows.get('missing_fields')).toEqual(dc01Figures(CASES, MISSING_FIELDS, P));
    expect(rows.get('invalid_id')).toEqual(
      dc01({ total: 2, pending: 0, inProgress: 1, done: 1, doneInPeriod: 1, byOutcome: { cancel_requested: 1 }, rate: 0.5 }),
    );
    expect(rows.get('prisoner')).toEqual(
      dc01({ total: 0, pending: 0, inProgress: 0, done: 0, doneInPeriod: 0, byOutcome: { updated: 0 } }),
    );
    expect(rows.get('retired_category')).toEqual(
      dc01({ total: 1, pending: 0, inProgress: 0, done: 1, doneInPeriod: 1, byOutcome: { fixed: 1 }, rate: 1 }),
    );
  });
});

describe('the stored records fit the facts (type-level)', () => {
  it('members, labour, vehicles and DC01 cases can be passed as they are', () => {
    const members: MemberRecord[] = [];
    const labour: LabourRecord[] = [];
    const declarations: VehicleDeclaration[] = [];
    const dc01Cases: Dc01Case[] = [];
    expect(progressFigures(members, P, undefined).received).toBe(0);
    expect(progressFigures(labour, P, 1).rate).toBe(0);
    expect(progressFigures(declarations, P, 1, (d) => d.vehicles.length).received).toBe(0);
    expect(progressBreakdown(members, P, (m) => m.listKey).size).toBe(0);
    expect(progressBreakdown(declarations, P, (d) => d.hamletId, (d) => d.vehicles.length).size).toBe(0);
    expect(dc01Figures(dc01Cases, MISSING_FIELDS, P).total).toBe(0);
    expect(dc01FiguresByCategory(dc01Cases, DEFAULT_DC01_CATEGORIES, P).size).toBe(DEFAULT_DC01_CATEGORIES.length);
    expect(dc01Breakdown(dc01Cases, MISSING_FIELDS, P, (c) => c.assigneeId).size).toBe(0);
  });
});
