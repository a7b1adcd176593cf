import { describe, it, expect } from 'vitest';
import {
  applyProgress,
  FAIL_REASON_LABELS,
  FAIL_REASONS,
  hasReached,
  initialProgress,
  PROGRESS_STATUS_LABELS,
  PROGRESS_STATUSES,
  progressAsOf,
  type ProgressChange,
  type ProgressErrorCode,
} from './progress';
import type { ProgressEvent, ProgressFields, ProgressStatus } from './types';

const TODAY = '2024-04-12';
const AT = '2024-04-12T09:30:00.000Z';
const ctx = { today: TODAY, at: AT, by: 'officer-2' };

/** A record received on 2024-04-01 by officer-1, then moved through `steps`. */
function progressThrough(...steps: Array<[ProgressStatus, string]>): ProgressFields {
  let p = initialProgress('2024-04-01', '2024-04-01T08:00:00.000Z', 'officer-1');
  for (const [status, date] of steps) {
    const r = applyProgress(
      p,
      status === 'failed' ? { status, date, failReason: 'moved_away' } : { status, date },
      { today: TODAY, at: `${date}T10:00:00.000Z`, by: 'officer-1' },
    );
    if (!r.ok) throw new Error(`fixture step ${status} ${date}: ${r.code}`);
    p = r.value;
  }
  return p;
}

describe('labels', () => {
  it('every status and every fail reason has a Vietnamese label', () => {
    expect(Object.keys(PROGRESS_STATUS_LABELS).sort()).toEqual([...PROGRESS_STATUSES].sort());
    expect(Object.keys(FAIL_REASON_LABELS).sort()).toEqual([...FAIL_REASONS].sort());
    expect(FAIL_REASON_LABELS.deceased).toBe('Đã chết');
    expect(PROGRESS_STATUS_LABELS.approved).toBe('Đã phê duyệt trên CSDLQG');
  });
});

describe('initialProgress', () => {
  it('defaults to received, with one dated and attributed event', () => {
    expect(initialProgress('2024-03-05', '2024-04-12T09:30:00.000Z', 'officer-1')).toEqual({
      status: 'received',
      statusDate: '2024-03-05',
      statusLog: [{ status: 'received', date: '2024-03-05', at: '2024-04-12T09:30:00.000Z', by: 'officer-1' }],
    });
  });

  it.each(['received', 'entered', 'approved'] as const)('can start at %s (imports)', (status) => {
    const p = initialProgress('2024-03-05', AT, 'officer-1', status);
    expect(p.status).toBe(status);
    expect(p.statusDate).toBe('2024-03-05');
    expect(p.statusLog).toEqual([{ status, date: '2024-03-05', at: AT, by: 'officer-1' }]);
    expect(p).not.toHaveProperty('failReason');
  });
});

describe('applyProgress — accepted changes', () => {
  it.each<[ProgressStatus, ProgressChange]>([
    ['received', { status: 'entered', date: '2024-04-05' }],
    ['received', { status: 'approved', date: '2024-04-12' }],
    ['received', { status: 'entered', date: '2024-04-01' }], // same day as the previous step
    ['received', { status: 'failed', date: '2024-04-10', failReason: 'deceased' }],
  ])('from %s: %j', (_from, change) => {
    const before = progressThrough();
    const r = applyProgress(before, change, ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.status).toBe(change.status);
    expect(r.value.statusDate).toBe(change.date);
    expect(r.value.statusLog).toHaveLength(2);
    expect(r.value.statusLog[1]).toEqual({
      status: change.status,
      date: change.date,
      at: AT,
      by: 'officer-2',
      ...(change.failReason ? { failReason: change.failReason } : {}),
    });
  });

  it('appends to the log without touching the previous events or the input', () => {
    const before = progressThrough(['entered', '2024-04-03']);
    const snapshot = structuredClone(before);
    const r = applyProgress(before, { status: 'approved', date: '2024-04-10' }, ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(before).toEqual(snapshot);
    expect(r.value.statusLog).not.toBe(before.statusLog);
    expect(r.value.statusLog.slice(0, 2)).toEqual(before.statusLog);
    expect(r.value.statusLog.map((e) => [e.status, e.date, e.by])).toEqual([
      ['received', '2024-04-01', 'officer-1'],
      ['entered', '2024-04-03', 'officer-1'],
      ['approved', '2024-04-10', 'officer-2'],
    ]);
  });

  it('failed keeps the reason and the trimmed note on the fields and on the event', () => {
    const r = applyProgress(
      progressThrough(['entered', '2024-04-02']),
      { status: 'failed', date: '2024-04-11', failReason: 'other', failNote: '  Sai họ tên trên phiếu  ' },
      ctx,
    );
    expect(r).toEqual({
      ok: true,
      value: {
        status: 'failed',
        statusDate: '2024-04-11',
        failReason: 'other',
        failNote: 'Sai họ tên trên phiếu',
        statusLog: [
          expect.objectContaining({ status: 'received' }),
          expect.objectContaining({ status: 'entered' }),
          {
            status: 'failed',
            date: '2024-04-11',
            at: AT,
            by: 'officer-2',
            failReason: 'other',
            failNote: 'Sai họ tên trên phiếu',
          },
        ],
      },
    });
  });

  it.each([undefined, '', '   '])('a blank note %j on a non-"other" reason is dropped', (failNote) => {
    const r = applyProgress(
      progressThrough(),
      { status: 'failed', date: '2024-04-11', failReason: 'wrong_info', ...(failNote === undefined ? {} : { failNote }) },
      ctx,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).not.toHaveProperty('failNote');
    expect(r.value.statusLog.at(-1)).not.toHaveProperty('failNote');
    expect(r.value.failReason).toBe('wrong_info');
  });

  it('failed → failed is allowed (the reason can be corrected), as a new event', () => {
    const failed = progressThrough(['failed', '2024-04-05']);
    const r = applyProgress(failed, { status: 'failed', date: '2024-04-06', failReason: 'deceased' }, ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.failReason).toBe('deceased');
    expect(r.value.statusLog.map((e) => e.failReason)).toEqual([undefined, 'moved_away', 'deceased']);
  });

  it('leaving failed clears the reason and note from the fields but keeps them in the log', () => {
    const failed = applyProgress(
      progressThrough(),
      { status: 'failed', date: '2024-04-05', failReason: 'other', failNote: 'Đi làm xa' },
      ctx,
    );
    if (!failed.ok) throw new Error(failed.code);
    const r = applyProgress(
      failed.value,
      // a reason passed with a non-failed status is ignored
      { status: 'entered', date: '2024-04-08', failReason: 'deceased', failNote: 'x' },
      ctx,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.status).toBe('entered');
    expect(r.value).not.toHaveProperty('failReason');
    expect(r.value).not.toHaveProperty('failNote');
    expect(r.value.statusLog[2]).toEqual({ status: 'entered', date: '2024-04-08', at: AT, by: 'officer-2' });
    expect(r.value.statusLog[1]).toMatchObject({ failReason: 'other', failNote: 'Đi làm xa' });
  });
});

describe('applyProgress — refused changes', () => {
  it.each<[string, ProgressFields, ProgressChange, ProgressErrorCode, string]>([
    [
      'received → received',
      progressThrough(),
      { status: 'received', date: '2024-04-05' },
      'same_status',
      'Hồ sơ đã ở trạng thái "Đã tiếp nhận hồ sơ".',
    ],
    [
      'entered → entered',
      progressThrough(['entered', '2024-04-02']),
      { status: 'entered', date: '2024-04-05' },
      'same_status',
      'Hồ sơ đã ở trạng thái "Đã nhập, chờ duyệt".',
    ],
    [
      'approved → approved',
      progressThrough(['approved', '2024-04-02']),
      { status: 'approved', date: '2024-04-05' },
      'same_status',
      'Hồ sơ đã ở trạng thái "Đã phê duyệt trên CSDLQG".',
    ],
    [
      'a date after today',
      progressThrough(),
      { status: 'entered', date: '2024-04-13' },
      'future_date',
      'Ngày cập nhật trạng thái không được ở tương lai.',
    ],
    [
      'a date next year',
      progressThrough(),
      { status: 'approved', date: '2025-01-01' },
      'future_date',
      'Ngày cập nhật trạng thái không được ở tương lai.',
    ],
    [
      'a date before the received date',
      progressThrough(),
      { status: 'entered', date: '2024-03-31' },
      'before_previous',
      'Ngày cập nhật không được trước ngày của trạng thái hiện tại.',
    ],
    [
      'a date before the current status date',
      progressThrough(['entered', '2024-04-08']),
      { status: 'approved', date: '2024-04-07' },
      'before_previous',
      'Ngày cập nhật không được trước ngày của trạng thái hiện tại.',
    ],
    [
      'failed without a reason',
      progressThrough(),
      { status: 'failed', date: '2024-04-05' },
      'missing_reason',
      'Chọn lý do không cập nhật được.',
    ],
    [
      'failed "other" without a note',
      progressThrough(),
      { status: 'failed', date: '2024-04-05', failReason: 'other' },
      'missing_note',
      'Lý do "Khác": ghi rõ lý do.',
    ],
    [
      'failed "other" with a blank note',
      progressThrough(),
      { status: 'failed', date: '2024-04-05', failReason: 'other', failNote: ' \t ' },
      'missing_note',
      'Lý do "Khác": ghi rõ lý do.',
    ],
  ])('%s → %s', (_name, before, change, code, message) => {
    const snapshot = structuredClone(before);
    expect(applyProgress(before, change, ctx)).toEqual({ ok: false, code, message });
    expect(before).toEqual(snapshot);
  });

  it('same status is reported before a bad date', () => {
    const r = applyProgress(progressThrough(), { status: 'received', date: '2030-01-01' }, ctx);
    expect(r.ok || r.code).toBe('same_status');
  });
});

describe('progressAsOf', () => {
  const ev = (status: ProgressStatus, date: string, at: string): ProgressEvent => ({
    status,
    date,
    at,
    by: 'officer-1',
  });
  // recorded in this order; two steps share 2024-04-05 (typed in at different times)
  const log: ProgressEvent[] = [
    ev('received', '2024-03-20', '2024-03-20T08:00:00.000Z'),
    ev('entered', '2024-04-05', '2024-04-05T08:00:00.000Z'),
    ev('approved', '2024-04-05', '2024-04-05T15:00:00.000Z'),
    ev('failed', '2024-05-02', '2024-05-03T08:00:00.000Z'),
  ];

  it.each<[string, ProgressStatus | undefined]>([
    ['2024-03-19', undefined], // before the record existed
    ['2024-03-20', 'received'], // the day itself counts
    ['2024-04-04', 'received'],
    ['2024-04-05', 'approved'], // equal dates: the later recording wins
    ['2024-04-30', 'approved'],
    ['2024-05-02', 'failed'],
    ['2025-01-01', 'failed'],
  ])('as of %s → %s', (day, status) => {
    expect(progressAsOf(log, day)?.status).toBe(status);
  });

  it('returns the event itself and handles an empty log', () => {
    expect(progressAsOf(log, '2024-04-10')).toBe(log[2]);
    expect(progressAsOf([], '2024-04-10')).toBeUndefined();
  });

  it('recomputes past figures from a log built by applyProgress', () => {
    const p = progressThrough(['entered', '2024-04-03'], ['approved', '2024-04-09']);
    expect(['2024-03-31', '2024-04-01', '2024-04-03', '2024-04-08', '2024-04-09'].map((d) => progressAsOf(p.statusLog, d)?.status)).toEqual([
      undefined,
      'received',
      'entered',
      'entered',
      'approved',
    ]);
  });
});

describe('hasReached', () => {
  it.each<[ProgressStatus, 'entered' | 'approved', boolean]>([
    ['received', 'entered', false],
    ['entered', 'entered', true],
    ['approved', 'entered', true],
    ['failed', 'entered', false],
    ['received', 'approved', false],
    ['entered', 'approved', false],
    ['approved', 'approved', true],
    ['failed', 'approved', false],
  ])('%s has reached %s: %s', (status, target, expected) => {
    expect(hasReached(status, target)).toBe(expected);
  });
});
