/** The status step shared by the three collected families (members, labour, vehicles). */
import type { ProgressFields } from '../../../shared/domain/types';
import type { Result } from '../../../shared/result';
import { applyProgress, PROGRESS_STATUS_LABELS, type ProgressChange } from '../../../shared/domain/progress';
import type { BulkResult, RecordOps, TrackedRecord } from './record-ops';

/**
 * A record with its new progress fields. A reason for failure belongs to the
 * failed status only: moving on from it drops the old reason and note.
 */
export function withProgress<T extends ProgressFields>(record: T, progress: ProgressFields): T {
  const { failReason: _r, failNote: _n, ...rest } = record;
  return { ...rest, ...progress } as T;
}

/** One status change for a selection, all or nothing; records already in that status are skipped. */
export function setProgress<T extends TrackedRecord & ProgressFields>(
  ops: RecordOps<T>,
  ids: readonly string[],
  change: ProgressChange,
  officerId: string,
): Promise<Result<BulkResult, string>> {
  return ops.step(
    ids,
    (record, { today, at }) => {
      const applied = applyProgress(record, change, { today, at, by: officerId });
      if (applied.ok) return { ok: true, value: withProgress(record, applied.value) };
      return applied.code === 'same_status' ? { ok: false, skip: true } : { ok: false, code: applied.code, message: applied.message };
    },
    PROGRESS_STATUS_LABELS[change.status],
    officerId,
  );
}
