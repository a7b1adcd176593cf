import { describe, it, expect } from 'vitest';
import {
  recentPeriods,
  defaultReportPeriod,
  MAX_CUTOFF_DAY,
  MIN_CUTOFF_DAY,
  periodContaining,
  periodMonthLabel,
  previousPeriod,
  type Period,
} from './period';
import { addDays } from '../dates/partial-date';

describe('periodContaining', () => {
  it.each<[string, number, string, string]>([
    // [today, cut-off day, from, to]
    // around the cut-off day: the cut-off day itself closes the period
    ['2024-11-19', 20, '2024-10-21', '2024-11-20'],
    ['2024-11-20', 20, '2024-10-21', '2024-11-20'],
    ['2024-11-21', 20, '2024-11-21', '2024-12-20'],
    ['2024-11-01', 20, '2024-10-21', '2024-11-20'],
    ['2024-11-30', 20, '2024-11-21', '2024-12-20'],
    // the seeds' "từ 10/5/2024 đến 04/6/2024"-style short cut-offs
    ['2024-06-04', 4, '2024-05-05', '2024-06-04'],
    ['2024-06-05', 4, '2024-06-05', '2024-07-04'],
    // year boundary, December → January
    ['2024-12-20', 20, '2024-11-21', '2024-12-20'],
    ['2024-12-21', 20, '2024-12-21', '2025-01-20'],
    ['2024-12-31', 20, '2024-12-21', '2025-01-20'],
    ['2025-01-01', 20, '2024-12-21', '2025-01-20'],
    ['2025-01-20', 20, '2024-12-21', '2025-01-20'],
    ['2025-01-21', 20, '2025-01-21', '2025-02-20'],
    // cut-off 28 around February (non-leap 2025)
    ['2025-01-28', 28, '2024-12-29', '2025-01-28'],
    ['2025-01-29', 28, '2025-01-29', '2025-02-28'],
    ['2025-01-31', 28, '2025-01-29', '2025-02-28'],
    ['2025-02-28', 28, '2025-01-29', '2025-02-28'],
    ['2025-03-01', 28, '2025-03-01', '2025-03-28'],
    ['2025-03-28', 28, '2025-03-01', '2025-03-28'],
    ['2025-03-29', 28, '2025-03-29', '2025-04-28'],
    // cut-off 28 around February (leap 2024): 29/02 opens the March period
    ['2024-02-28', 28, '2024-01-29', '2024-02-28'],
    ['2024-02-29', 28, '2024-02-29', '2024-03-28'],
    ['2024-03-01', 28, '2024-02-29', '2024-03-28'],
    // cut-off 28 over the year boundary
    ['2024-12-29', 28, '2024-12-29', '2025-01-28'],
    ['2024-12-28', 28, '2024-11-29', '2024-12-28'],
    // cut-off 1: the period starts on the 2nd
    ['2025-01-01', 1, '2024-12-02', '2025-01-01'],
    ['2025-01-02', 1, '2025-01-02', '2025-02-01'],
    ['2025-03-01', 1, '2025-02-02', '2025-03-01'],
    ['2024-12-31', 1, '2024-12-02', '2025-01-01'],
  ])('%s, cut-off %i → %s … %s', (today, cutoff, from, to) => {
    const p = periodContaining(today, cutoff);
    expect(p).toEqual({ from, to });
    expect(p.from <= today && today <= p.to).toBe(true);
  });

  it.each([1, 4, 15, 20, 27, 28])('cut-off %i: consecutive days fall in contiguous periods over two years', (cutoff) => {
    let day = '2023-12-01';
    let current = periodContaining(day, cutoff);
    let periods = 1;
    while (day < '2025-12-31') {
      day = addDays(day, 1);
      const p = periodContaining(day, cutoff);
      expect(p.from <= day && day <= p.to).toBe(true);
      expect(p.to.slice(8)).toBe(String(cutoff).padStart(2, '0'));
      if (p.from !== current.from) {
        expect(p.from).toBe(addDays(current.to, 1));
        expect(p.from).toBe(day);
        periods++;
      } else {
        expect(p).toEqual(current);
      }
      current = p;
    }
    expect(periods).toBeGreaterThanOrEqual(24);
  });

  it('cut-off days are limited to 1–28', () => {
    expect([MIN_CUTOFF_DAY, MAX_CUTOFF_DAY]).toEqual([1, 28]);
  });
});

describe('previousPeriod', () => {
  it.each<[Period, number, Period]>([
    [{ from: '2024-10-21', to: '2024-11-20' }, 20, { from: '2024-09-21', to: '2024-10-20' }],
    [{ from: '2025-01-21', to: '2025-02-20' }, 20, { from: '2024-12-21', to: '2025-01-20' }],
    [{ from: '2024-12-21', to: '2025-01-20' }, 20, { from: '2024-11-21', to: '2024-12-20' }],
    [{ from: '2025-03-01', to: '2025-03-28' }, 28, { from: '2025-01-29', to: '2025-02-28' }],
    [{ from: '2025-01-29', to: '2025-02-28' }, 28, { from: '2024-12-29', to: '2025-01-28' }],
    [{ from: '2024-02-29', to: '2024-03-28' }, 28, { from: '2024-01-29', to: '2024-02-28' }],
    [{ from: '2025-01-02', to: '2025-02-01' }, 1, { from: '2024-12-02', to: '2025-01-01' }],
  ])('%j, cut-off %i → %j', (period, cutoff, expected) => {
    const prev = previousPeriod(period, cutoff);
    expect(prev).toEqual(expected);
    expect(addDays(prev.to, 1)).toBe(period.from);
  });
});

describe('periodMonthLabel', () => {
  it.each<[Period, string]>([
    [{ from: '2026-10-21', to: '2026-11-20' }, 'tháng 11/2026'],
    [{ from: '2024-12-21', to: '2025-01-20' }, 'tháng 1/2025'],
    [{ from: '2024-11-21', to: '2024-12-20' }, 'tháng 12/2024'],
    [{ from: '2025-01-29', to: '2025-02-28' }, 'tháng 2/2025'],
    [{ from: '2024-03-13', to: '2024-04-12' }, 'tháng 4/2024'],
  ])('%j → %s', (period, label) => {
    expect(periodMonthLabel(period)).toBe(label);
  });

  it('names a period after the month of its end', () => {
    expect(periodMonthLabel(periodContaining('2024-12-25', 20))).toBe('tháng 1/2025');
  });
});

describe('recentPeriods', () => {
  it('lists the current period and the ones before it, newest first, across a year', () => {
    expect(recentPeriods('2026-01-05', 20, 3)).toEqual([
      { from: '2025-12-21', to: '2026-01-20' },
      { from: '2025-11-21', to: '2025-12-20' },
      { from: '2025-10-21', to: '2025-11-20' },
    ]);
  });
});

describe('defaultReportPeriod', () => {
  const periods = recentPeriods('2026-11-23', 20, 3);
  it.each([
    ['2026-11-21', '2026-11-20'],
    ['2026-11-23', '2026-11-20'],
    ['2026-11-27', '2026-11-20'],
    ['2026-11-28', '2026-12-20'],
    ['2026-12-15', '2026-12-20'],
  ])('on %s the report is for the period ending %s', (today, to) => {
    expect(defaultReportPeriod(recentPeriods(today, 20, 3), today)?.to).toBe(to);
  });
  it('has nothing to offer without periods', () => {
    expect(defaultReportPeriod([], '2026-11-23')).toBeUndefined();
    expect(periods).toHaveLength(3);
  });
});
