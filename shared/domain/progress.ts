/**
 * Progress of a collected record (members, labour, vehicle declarations):
 * received → entered → approved, or failed with a reason. Every step is an
 * appended, dated and attributed event; the current status is the last event.
 */
import { err, ok, type Result } from '../result';
import { compareDay } from '../dates/partial-date';
import { rowRanges } from '../format/numbers';
import type {
  FailReason,
  ImportSource,
  IsoDate,
  IsoDateTime,
  ProgressEvent,
  ProgressFields,
  ProgressStatus,
} from './types';

export const PROGRESS_STATUSES: readonly ProgressStatus[] = ['received', 'entered', 'approved', 'failed'];

/** Wording from the seed reports' table columns. */
export const PROGRESS_STATUS_LABELS: Readonly<Record<ProgressStatus, string>> = {
  received: 'Đã tiếp nhận hồ sơ',
  entered: 'Đã nhập, chờ duyệt',
  approved: 'Đã phê duyệt trên CSDLQG',
  failed: 'Không cập nhật được',
};

export const FAIL_REASONS: readonly FailReason[] = [
  'no_population_data',
  'wrong_info',
  'entered_elsewhere',
  'moved_away',
  'deceased',
  'form_wrong',
  'other',
];

export const FAIL_REASON_LABELS: Readonly<Record<FailReason, string>> = {
  no_population_data: 'Không có thông tin trên dữ liệu dân cư',
  wrong_info: 'Sai thông tin cần điều chỉnh',
  entered_elsewhere: 'Đã nhập tại nơi thường trú khác',
  moved_away: 'Chuyển đi nơi khác',
  deceased: 'Đã chết',
  form_wrong: 'Phiếu khai sai, đang thu thập lại',
  other: 'Khác',
};

export type ProgressChange = {
  status: ProgressStatus;
  /** the day it happened; defaults to today in the UI */
  date: IsoDate;
  failReason?: FailReason;
  failNote?: string;
};

export type ProgressErrorCode =
  | 'same_status'
  | 'future_date'
  | 'before_previous'
  | 'missing_reason'
  | 'missing_note';

/** The first event of a new record; an imported one names its file and may start further on. */
export function initialProgress(
  date: IsoDate,
  at: IsoDateTime,
  by: string,
  status: ProgressStatus = 'received',
  extra: Pick<ProgressEvent, 'source' | 'failReason' | 'failNote'> = {},
): ProgressFields {
  const event: ProgressEvent = { status, date, at, by, ...extra };
  const { source: _source, ...reason } = extra;
  return { status, statusDate: date, ...reason, statusLog: [event] };
}

/**
 * Applies one status change. Returns the new progress fields (the old log plus
 * one event) or a Vietnamese reason why the change is refused.
 */
export function applyProgress(
  current: ProgressFields,
  change: ProgressChange,
  ctx: { today: IsoDate; at: IsoDateTime; by: string },
): Result<ProgressFields, ProgressErrorCode> {
  if (change.status === current.status && change.status !== 'failed') {
    return err('same_status', `Hồ sơ đã ở trạng thái "${PROGRESS_STATUS_LABELS[change.status]}".`);
  }
  if (compareDay(change.date, ctx.today) > 0) {
    return err('future_date', 'Ngày cập nhật trạng thái không được ở tương lai.');
  }
  if (compareDay(change.date, current.statusDate) < 0) {
    return err(
      'before_previous',
      'Ngày cập nhật không được trước ngày của trạng thái hiện tại.',
    );
  }
  let failReason: FailReason | undefined;
  let failNote: string | undefined;
  if (change.status === 'failed') {
    if (!change.failReason) return err('missing_reason', 'Chọn lý do không cập nhật được.');
    failReason = change.failReason;
    failNote = change.failNote?.trim() || undefined;
    if (failReason === 'other' && !failNote) {
      return err('missing_note', 'Lý do "Khác": ghi rõ lý do.');
    }
  }
  const event: ProgressEvent = {
    status: change.status,
    date: change.date,
    at: ctx.at,
    by: ctx.by,
    ...(failReason ? { failReason } : {}),
    ...(failNote ? { failNote } : {}),
  };
  return ok({
    status: change.status,
    statusDate: change.date,
    ...(failReason ? { failReason } : {}),
    ...(failNote ? { failNote } : {}),
    statusLog: [...current.statusLog, event],
  });
}

/**
 * The status a record had at the end of `day`: the last event dated on or
 * before it, or undefined when the record did not exist yet. Events are kept
 * in the order they were recorded; for equal dates the later recording wins.
 */
export function progressAsOf(log: readonly ProgressEvent[], day: IsoDate): ProgressEvent | undefined {
  let found: ProgressEvent | undefined;
  for (const event of log) {
    if (compareDay(event.date, day) <= 0) found = event;
  }
  return found;
}

/** Statuses that mean the record has at least reached `status` in the normal flow. */
export function hasReached(status: ProgressStatus, target: 'entered' | 'approved'): boolean {
  if (target === 'approved') return status === 'approved';
  return status === 'entered' || status === 'approved';
}

/** "Nhập từ tệp “DS.xlsx”, trang Hội NCT, dòng 12" — where an imported record came from. */
export function importSourceText(source: ImportSource): string {
  return `Nhập từ tệp “${source.file}”, trang ${source.sheet}, dòng ${rowRanges(source.rows)}`;
}
