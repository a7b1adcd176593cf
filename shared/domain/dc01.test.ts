import { describe, it, expect } from 'vitest';
import {
  applyDc01Change,
  DC01_STATE_LABELS,
  DC01_STATES,
  dc01AsksCccd,
  dc01AsOf,
  dc01OutcomeLabel,
  initialDc01,
  type Dc01Change,
  type Dc01ErrorCode,
  type Dc01StateFields,
} from './dc01';
import { DEFAULT_DC01_CATEGORIES } from './catalogues';
import type { Dc01Category, Dc01Event, Dc01State } from './types';

const TODAY = '2024-04-12';
const AT = '2024-04-12T09:30:00.000Z';
const ctx = { today: TODAY, at: AT, by: 'officer-2' };

function category(key: string): Dc01Category {
  const c = DEFAULT_DC01_CATEGORIES.find((x) => x.key === key);
  if (!c) throw new Error(key);
  return c;
}
const MISSING_FIELDS = category('missing_fields');
const INVALID_ID = category('invalid_id');
const ELECTRICITY = category('electricity_mismatch');

/** A case received on 2024-04-01 by officer-1, then moved through `steps`. */
function caseThrough(cat: Dc01Category, ...steps: Array<Omit<Dc01Change, 'date'> & { date: string }>): Dc01StateFields {
  let s = initialDc01('2024-04-01', '2024-04-01T08:00:00.000Z', 'officer-1');
  for (const step of steps) {
    const r = applyDc01Change(s, step, cat, { today: TODAY, at: `${step.date}T10:00:00.000Z`, by: 'officer-1' });
    if (!r.ok) throw new Error(`fixture step ${step.state} ${step.date}: ${r.code}`);
    s = r.value;
  }
  return s;
}

describe('labels', () => {
  it('every state has the seed reports’ wording', () => {
    expect(Object.keys(DC01_STATE_LABELS).sort()).toEqual([...DC01_STATES].sort());
    expect(DC01_STATE_LABELS).toEqual({
      pending: 'Chưa xử lý',
      in_progress: 'Đang rà soát, xác minh',
      done: 'Đã xử lý',
    });
  });

  it('outcome labels come from the category, unknown keys show as is', () => {
    expect(dc01OutcomeLabel(MISSING_FIELDS, 'no_info')).toBe('Xác nhận không có thông tin để cập nhật');
    expect(dc01OutcomeLabel(MISSING_FIELDS, 'gone')).toBe('gone');
  });

  it.each([
    ['invalid_id', true],
    ['missing_fields', false],
    ['missing_cmnd', false],
  ])('%s asks for the CCCD: %s', (key, expected) => {
    expect(dc01AsksCccd({ key })).toBe(expected);
  });
});

describe('initialDc01', () => {
  it('is pending since the received date, with one dated and attributed event', () => {
    const s = initialDc01('2024-03-05', AT, 'officer-1');
    expect(s).toEqual({
      state: 'pending',
      stateDate: '2024-03-05',
      stateLog: [{ state: 'pending', date: '2024-03-05', at: AT, by: 'officer-1' }],
    });
    expect(Object.keys(s).sort()).toEqual(['state', 'stateDate', 'stateLog']);
  });
});

describe('applyDc01Change — accepted changes', () => {
  it.each<[string, Dc01Category, Dc01StateFields, Dc01Change, Partial<Dc01StateFields>, Dc01Event]>([
    [
      'pending → in progress',
      MISSING_FIELDS,
      caseThrough(MISSING_FIELDS),
      { state: 'in_progress', date: '2024-04-05' },
      { state: 'in_progress', stateDate: '2024-04-05' },
      { state: 'in_progress', date: '2024-04-05', at: AT, by: 'officer-2' },
    ],
    [
      'pending → done, same day as receipt',
      MISSING_FIELDS,
      caseThrough(MISSING_FIELDS),
      { state: 'done', outcomeKey: 'updated', date: '2024-04-01' },
      { state: 'done', stateDate: '2024-04-01', outcomeKey: 'updated' },
      { state: 'done', outcomeKey: 'updated', date: '2024-04-01', at: AT, by: 'officer-2' },
    ],
    [
      'in progress → done on today, with a trimmed note',
      ELECTRICITY,
      caseThrough(ELECTRICITY, { state: 'in_progress', date: '2024-04-03' }),
      { state: 'done', outcomeKey: 'never_resident', note: '  Hỏi trưởng thôn  ', date: TODAY },
      { state: 'done', stateDate: TODAY, outcomeKey: 'never_resident' },
      { state: 'done', outcomeKey: 'never_resident', note: 'Hỏi trưởng thôn', date: TODAY, at: AT, by: 'officer-2' },
    ],
    [
      'invalid_id done, already has a CCCD',
      INVALID_ID,
      caseThrough(INVALID_ID),
      { state: 'done', outcomeKey: 'cancel_requested', hasCccd: true, date: '2024-04-10' },
      { state: 'done', stateDate: '2024-04-10', outcomeKey: 'cancel_requested', hasCccd: true },
      { state: 'done', outcomeKey: 'cancel_requested', hasCccd: true, date: '2024-04-10', at: AT, by: 'officer-2' },
    ],
    [
      'invalid_id done, no CCCD yet (false is kept)',
      INVALID_ID,
      caseThrough(INVALID_ID),
      { state: 'done', outcomeKey: 'cancel_requested', hasCccd: false, date: '2024-04-10' },
      { state: 'done', stateDate: '2024-04-10', outcomeKey: 'cancel_requested', hasCccd: false },
      { state: 'done', outcomeKey: 'cancel_requested', hasCccd: false, date: '2024-04-10', at: AT, by: 'officer-2' },
    ],
    [
      'hasCccd outside invalid_id is ignored',
      MISSING_FIELDS,
      caseThrough(MISSING_FIELDS),
      { state: 'done', outcomeKey: 'no_info', hasCccd: true, date: '2024-04-10' },
      { state: 'done', stateDate: '2024-04-10', outcomeKey: 'no_info' },
      { state: 'done', outcomeKey: 'no_info', date: '2024-04-10', at: AT, by: 'officer-2' },
    ],
    [
      'hasCccd on invalid_id without an outcome is ignored',
      INVALID_ID,
      caseThrough(INVALID_ID),
      { state: 'in_progress', hasCccd: true, date: '2024-04-10' },
      { state: 'in_progress', stateDate: '2024-04-10' },
      { state: 'in_progress', date: '2024-04-10', at: AT, by: 'officer-2' },
    ],
    [
      'done → done with another outcome (a correction)',
      MISSING_FIELDS,
      caseThrough(MISSING_FIELDS, { state: 'done', outcomeKey: 'updated', date: '2024-04-05' }),
      { state: 'done', outcomeKey: 'no_info', date: '2024-04-06' },
      { state: 'done', stateDate: '2024-04-06', outcomeKey: 'no_info' },
      { state: 'done', outcomeKey: 'no_info', date: '2024-04-06', at: AT, by: 'officer-2' },
    ],
    [
      'invalid_id done → done correcting the CCCD answer',
      INVALID_ID,
      caseThrough(INVALID_ID, { state: 'done', outcomeKey: 'cancel_requested', hasCccd: false, date: '2024-04-05' }),
      { state: 'done', outcomeKey: 'cancel_requested', hasCccd: true, date: '2024-04-05' },
      { state: 'done', stateDate: '2024-04-05', outcomeKey: 'cancel_requested', hasCccd: true },
      { state: 'done', outcomeKey: 'cancel_requested', hasCccd: true, date: '2024-04-05', at: AT, by: 'officer-2' },
    ],
    [
      'done → in progress (reopened) drops the outcome and the CCCD answer',
      INVALID_ID,
      caseThrough(INVALID_ID, { state: 'done', outcomeKey: 'cancel_requested', hasCccd: true, date: '2024-04-05' }),
      { state: 'in_progress', note: '   ', date: '2024-04-08' },
      { state: 'in_progress', stateDate: '2024-04-08' },
      { state: 'in_progress', date: '2024-04-08', at: AT, by: 'officer-2' },
    ],
    [
      'in progress → pending',
      MISSING_FIELDS,
      caseThrough(MISSING_FIELDS, { state: 'in_progress', date: '2024-04-05' }),
      { state: 'pending', date: '2024-04-05' },
      { state: 'pending', stateDate: '2024-04-05' },
      { state: 'pending', date: '2024-04-05', at: AT, by: 'officer-2' },
    ],
  ])('%s', (_name, cat, before, change, fields, event) => {
    const snapshot = structuredClone(before);
    const r = applyDc01Change(before, change, cat, ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // exactly these keys: no undefined properties
    expect(r.value).toEqual({ ...fields, stateLog: [...before.stateLog, event] });
    expect(Object.keys(r.value).sort()).toEqual([...Object.keys(fields), 'stateLog'].sort());
    expect(Object.keys(r.value.stateLog.at(-1) ?? {}).sort()).toEqual(Object.keys(event).sort());
    // append-only, input untouched
    expect(before).toEqual(snapshot);
    expect(r.value.stateLog).not.toBe(before.stateLog);
    expect(r.value.stateLog.slice(0, -1)).toEqual(before.stateLog);
  });

  it('keeps the whole history of a case', () => {
    const s = caseThrough(
      MISSING_FIELDS,
      { state: 'in_progress', date: '2024-04-02' },
      { state: 'done', outcomeKey: 'updated', date: '2024-04-04' },
      { state: 'done', outcomeKey: 'no_info', date: '2024-04-06' },
    );
    expect(s.stateLog.map((e) => [e.state, e.outcomeKey, e.date, e.by])).toEqual([
      ['pending', undefined, '2024-04-01', 'officer-1'],
      ['in_progress', undefined, '2024-04-02', 'officer-1'],
      ['done', 'updated', '2024-04-04', 'officer-1'],
      ['done', 'no_info', '2024-04-06', 'officer-1'],
    ]);
  });
});

describe('applyDc01Change — refused changes', () => {
  const doneUpdated = caseThrough(MISSING_FIELDS, { state: 'done', outcomeKey: 'updated', date: '2024-04-05' });
  it.each<[string, Dc01Category, Dc01StateFields, Dc01Change, Dc01ErrorCode, string]>([
    [
      'pending → pending',
      MISSING_FIELDS,
      caseThrough(MISSING_FIELDS),
      { state: 'pending', date: '2024-04-05' },
      'same_state',
      'Trường hợp đã ở trạng thái "Chưa xử lý".',
    ],
    [
      'in progress → in progress',
      MISSING_FIELDS,
      caseThrough(MISSING_FIELDS, { state: 'in_progress', date: '2024-04-02' }),
      { state: 'in_progress', note: 'lần 2', date: '2024-04-05' },
      'same_state',
      'Trường hợp đã ở trạng thái "Đang rà soát, xác minh".',
    ],
    [
      'done → done with the same outcome',
      MISSING_FIELDS,
      doneUpdated,
      { state: 'done', outcomeKey: 'updated', date: '2024-04-06' },
      'same_state',
      'Trường hợp đã ở trạng thái "Đã xử lý" với kết quả "Đã cập nhật bổ sung thông tin".',
    ],
    [
      'invalid_id done → done with the same outcome and CCCD answer',
      INVALID_ID,
      caseThrough(INVALID_ID, { state: 'done', outcomeKey: 'cancel_requested', hasCccd: true, date: '2024-04-05' }),
      { state: 'done', outcomeKey: 'cancel_requested', hasCccd: true, date: '2024-04-06' },
      'same_state',
      'Trường hợp đã ở trạng thái "Đã xử lý" với kết quả "Đã tạo yêu cầu hủy, xác lập lại số".',
    ],
    [
      'a date after today',
      MISSING_FIELDS,
      caseThrough(MISSING_FIELDS),
      { state: 'in_progress', date: '2024-04-13' },
      'future_date',
      'Ngày cập nhật trạng thái không được ở tương lai.',
    ],
    [
      'a date before the received date',
      MISSING_FIELDS,
      caseThrough(MISSING_FIELDS),
      { state: 'in_progress', date: '2024-03-31' },
      'before_previous',
      'Ngày cập nhật không được trước ngày của trạng thái hiện tại.',
    ],
    [
      'a date before the current state date',
      MISSING_FIELDS,
      caseThrough(MISSING_FIELDS, { state: 'in_progress', date: '2024-04-08' }),
      { state: 'done', outcomeKey: 'updated', date: '2024-04-07' },
      'before_previous',
      'Ngày cập nhật không được trước ngày của trạng thái hiện tại.',
    ],
    [
      'done without an outcome',
      MISSING_FIELDS,
      caseThrough(MISSING_FIELDS),
      { state: 'done', date: '2024-04-05' },
      'missing_outcome',
      'Chọn kết quả xử lý.',
    ],
    [
      'done with a blank outcome',
      MISSING_FIELDS,
      caseThrough(MISSING_FIELDS),
      { state: 'done', outcomeKey: '  ', date: '2024-04-05' },
      'missing_outcome',
      'Chọn kết quả xử lý.',
    ],
    [
      'done with an outcome of another category',
      MISSING_FIELDS,
      caseThrough(MISSING_FIELDS),
      { state: 'done', outcomeKey: 'no_cmnd', date: '2024-04-05' },
      'unknown_outcome',
      'Kết quả "no_cmnd" không thuộc loại "Thiếu trường thông tin".',
    ],
    [
      'pending with an outcome',
      MISSING_FIELDS,
      caseThrough(MISSING_FIELDS, { state: 'in_progress', date: '2024-04-02' }),
      { state: 'pending', outcomeKey: 'updated', date: '2024-04-05' },
      'outcome_not_done',
      'Chỉ ghi kết quả khi trường hợp "Đã xử lý"; trạng thái "Chưa xử lý" không có kết quả.',
    ],
    [
      'in progress with an outcome',
      MISSING_FIELDS,
      caseThrough(MISSING_FIELDS),
      { state: 'in_progress', outcomeKey: 'updated', date: '2024-04-05' },
      'outcome_not_done',
      'Chỉ ghi kết quả khi trường hợp "Đã xử lý"; trạng thái "Đang rà soát, xác minh" không có kết quả.',
    ],
    [
      'invalid_id done without the CCCD answer',
      INVALID_ID,
      caseThrough(INVALID_ID),
      { state: 'done', outcomeKey: 'cancel_requested', date: '2024-04-05' },
      'missing_cccd',
      'Ghi rõ công dân đã có thẻ CCCD hay chưa.',
    ],
  ])('%s', (_name, cat, before, change, code, message) => {
    const snapshot = structuredClone(before);
    expect(applyDc01Change(before, change, cat, ctx)).toEqual({ ok: false, code, message });
    expect(before).toEqual(snapshot);
  });

  it('same state is reported before a bad date', () => {
    const r = applyDc01Change(caseThrough(MISSING_FIELDS), { state: 'pending', date: '2030-01-01' }, MISSING_FIELDS, ctx);
    expect(r.ok || r.code).toBe('same_state');
  });
});

describe('dc01AsOf', () => {
  const ev = (state: Dc01State, date: string, at: string, outcomeKey?: string): Dc01Event => ({
    state,
    ...(outcomeKey ? { outcomeKey } : {}),
    date,
    at,
    by: 'officer-1',
  });
  // recorded in this order; two steps share 2024-04-05 (typed in at different times)
  const log: Dc01Event[] = [
    ev('pending', '2024-03-20', '2024-03-20T08:00:00.000Z'),
    ev('in_progress', '2024-04-05', '2024-04-05T08:00:00.000Z'),
    ev('done', '2024-04-05', '2024-04-05T15:00:00.000Z', 'updated'),
    ev('done', '2024-05-02', '2024-05-03T08:00:00.000Z', 'no_info'),
  ];

  it.each<[string, Dc01State | undefined, string | undefined]>([
    ['2024-03-19', undefined, undefined], // before the case existed
    ['2024-03-20', 'pending', undefined], // the day itself counts
    ['2024-04-04', 'pending', undefined],
    ['2024-04-05', 'done', 'updated'], // equal dates: the later recording wins
    ['2024-05-01', 'done', 'updated'],
    ['2024-05-02', 'done', 'no_info'],
    ['2025-01-01', 'done', 'no_info'],
  ])('as of %s → %s %s', (day, state, outcome) => {
    const e = dc01AsOf(log, day);
    expect(e?.state).toBe(state);
    expect(e?.outcomeKey).toBe(outcome);
  });

  it('returns the event itself and handles an empty log', () => {
    expect(dc01AsOf(log, '2024-04-10')).toBe(log[2]);
    expect(dc01AsOf([], '2024-04-10')).toBeUndefined();
  });
});
