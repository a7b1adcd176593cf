/**
 * DC01 cleaning cases: a case is pending, then in progress, then done with one of
 * its category's outcomes. Every change is an appended, dated and attributed
 * event; the current state is the last event, and any past day's state can be
 * recomputed from the log (see dc01AsOf).
 */
import { err, ok, type Result } from '../result';
import { compareDay } from '../dates/partial-date';
import type { Dc01Case, Dc01Category, Dc01Event, Dc01State, ImportSource, IsoDate, IsoDateTime } from './types';

export const DC01_STATES: readonly Dc01State[] = ['pending', 'in_progress', 'done'];

/** Wording from the seed reports. */
export const DC01_STATE_LABELS: Readonly<Record<Dc01State, string>> = {
  pending: 'Chưa xử lý',
  in_progress: 'Đang rà soát, xác minh',
  done: 'Đã xử lý',
};

/** The category whose outcome records whether the person already has a CCCD card. */
export const DC01_CCCD_CATEGORY_KEY = 'invalid_id';

export type Dc01Change = {
  state: Dc01State;
  /** required for 'done', refused otherwise */
  outcomeKey?: string;
  /** category 'invalid_id' with an outcome only: whether the person already has a CCCD card */
  hasCccd?: boolean;
  note?: string;
  /** the day it happened; defaults to today in the UI */
  date: IsoDate;
};

export type Dc01StateFields = Pick<Dc01Case, 'state' | 'stateDate' | 'outcomeKey' | 'hasCccd' | 'stateLog'>;

export type Dc01ErrorCode =
  | 'same_state'
  | 'future_date'
  | 'before_previous'
  | 'missing_outcome'
  | 'unknown_outcome'
  | 'outcome_not_done'
  | 'missing_cccd';

/** The first event of a new case: pending since the day it was received. */
export function initialDc01(receivedDate: IsoDate, at: IsoDateTime, by: string, source?: ImportSource): Dc01StateFields {
  const event: Dc01Event = { state: 'pending', date: receivedDate, at, by, ...(source ? { source } : {}) };
  return { state: 'pending', stateDate: receivedDate, stateLog: [event] };
}

/** Whether the outcome of `category` records the CCCD question. */
export function dc01AsksCccd(category: Pick<Dc01Category, 'key'>): boolean {
  return category.key === DC01_CCCD_CATEGORY_KEY;
}

/** The Vietnamese label of an outcome, or the key itself when the catalogue no longer has it. */
export function dc01OutcomeLabel(category: Pick<Dc01Category, 'outcomes'>, outcomeKey: string): string {
  return category.outcomes.find((o) => o.key === outcomeKey)?.label ?? outcomeKey;
}

/**
 * Applies one state change. Returns the new state fields (the old log plus one
 * event) or a Vietnamese reason why the change is refused. Fields that do not
 * apply are left out (never set to undefined); a blank note is dropped.
 *
 * Done → done is a correction and is accepted when the outcome (or, for
 * 'invalid_id', the CCCD answer) differs; it is appended like any other change.
 */
export function applyDc01Change(
  current: Dc01StateFields,
  change: Dc01Change,
  category: Dc01Category,
  ctx: { today: IsoDate; at: IsoDateTime; by: string },
): Result<Dc01StateFields, Dc01ErrorCode> {
  const outcomeKey = change.outcomeKey?.trim() || undefined;
  const asksCccd = dc01AsksCccd(category);
  if (
    change.state === current.state &&
    outcomeKey === current.outcomeKey &&
    (!asksCccd || outcomeKey === undefined || change.hasCccd === current.hasCccd)
  ) {
    const outcome = outcomeKey === undefined ? '' : ` với kết quả "${dc01OutcomeLabel(category, outcomeKey)}"`;
    return err('same_state', `Trường hợp đã ở trạng thái "${DC01_STATE_LABELS[change.state]}"${outcome}.`);
  }
  if (compareDay(change.date, ctx.today) > 0) {
    return err('future_date', 'Ngày cập nhật trạng thái không được ở tương lai.');
  }
  if (compareDay(change.date, current.stateDate) < 0) {
    return err('before_previous', 'Ngày cập nhật không được trước ngày của trạng thái hiện tại.');
  }
  let hasCccd: boolean | undefined;
  if (change.state === 'done') {
    if (outcomeKey === undefined) return err('missing_outcome', 'Chọn kết quả xử lý.');
    if (!category.outcomes.some((o) => o.key === outcomeKey)) {
      return err('unknown_outcome', `Kết quả "${outcomeKey}" không thuộc loại "${category.label}".`);
    }
    if (asksCccd) {
      if (typeof change.hasCccd !== 'boolean') {
        return err('missing_cccd', 'Ghi rõ công dân đã có thẻ CCCD hay chưa.');
      }
      hasCccd = change.hasCccd;
    }
  } else if (outcomeKey !== undefined) {
    return err(
      'outcome_not_done',
      `Chỉ ghi kết quả khi trường hợp "${DC01_STATE_LABELS.done}"; trạng thái "${DC01_STATE_LABELS[change.state]}" không có kết quả.`,
    );
  }
  const note = change.note?.trim() || undefined;
  const event: Dc01Event = {
    state: change.state,
    ...(outcomeKey !== undefined ? { outcomeKey } : {}),
    ...(hasCccd !== undefined ? { hasCccd } : {}),
    ...(note !== undefined ? { note } : {}),
    date: change.date,
    at: ctx.at,
    by: ctx.by,
  };
  return ok({
    state: change.state,
    stateDate: change.date,
    ...(outcomeKey !== undefined ? { outcomeKey } : {}),
    ...(hasCccd !== undefined ? { hasCccd } : {}),
    stateLog: [...current.stateLog, event],
  });
}

/**
 * The state a case had at the end of `day`: the last event dated on or before
 * it, or undefined when the case did not exist yet. Events are kept in the
 * order they were recorded; for equal dates the later recording wins.
 */
export function dc01AsOf(log: readonly Dc01Event[], day: IsoDate): Dc01Event | undefined {
  let found: Dc01Event | undefined;
  for (const event of log) {
    if (event.date <= day) found = event;
  }
  return found;
}
