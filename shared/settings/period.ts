/**
 * Reporting periods are not calendar months: a unit reports up to a cut-off
 * day of each month ("từ 21/10 đến 20/11"). A period is [from, to], both inclusive.
 */
import type { IsoDate } from '../domain/types';
import { addDays } from '../dates/partial-date';

export type Period = { readonly from: IsoDate; readonly to: IsoDate };

const pad = (n: number): string => String(n).padStart(2, '0');
const day = (y: number, m: number, d: number): IsoDate => {
  // normalise month overflow/underflow (m may be 0 or 13)
  const date = new Date(Date.UTC(y, m - 1, d));
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
};

/** Cut-off days are limited to 1–28 so every month has one. */
export const MIN_CUTOFF_DAY = 1;
export const MAX_CUTOFF_DAY = 28;

/** The period that contains `today`. */
export function periodContaining(today: IsoDate, cutoffDay: number): Period {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const endMonth = d <= cutoffDay ? m : m + 1;
  const to = day(y, endMonth, cutoffDay);
  const from = day(y, endMonth - 1, cutoffDay + 1);
  return { from, to };
}

/** The period just before `period`, for the same cut-off day. */
export function previousPeriod(period: Period, cutoffDay: number): Period {
  return periodContaining(addDays(period.from, -1), cutoffDay);
}

/** "tháng 11/2026": the month a period is named after is the month of its end. */
export function periodMonthLabel(period: Period): string {
  const [y, m] = period.to.split('-');
  return `tháng ${Number(m)}/${y}`;
}

/** The period containing `today` and the `count - 1` before it, newest first (for period pickers). */
export function recentPeriods(today: IsoDate, cutoffDay: number, count: number): Period[] {
  const periods: Period[] = [];
  let period = periodContaining(today, cutoffDay);
  for (let i = 0; i < count; i++) {
    periods.push(period);
    period = previousPeriod(period, cutoffDay);
  }
  return periods;
}

/** Days after a cut-off during which the report defaults to the period just ended (reports are often handed in a few days late). */
export const REPORTING_GRACE_DAYS = 7;

/**
 * The period a report is most likely being made for on `today`: the one just
 * ended while today is within REPORTING_GRACE_DAYS after its cut-off, else the
 * period under way. `periods` are newest first (recentPeriods).
 */
export function defaultReportPeriod(periods: readonly Period[], today: IsoDate): Period | undefined {
  const [current, previous] = periods;
  if (current && previous && today > previous.to && today <= addDays(previous.to, REPORTING_GRACE_DAYS)) return previous;
  return current;
}
