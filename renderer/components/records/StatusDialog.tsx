/** Sets one status on one record or on a whole selection, with its date and reason. */
import { useState } from 'react';
import { Button } from '../ui/Button';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import {
  FAIL_REASON_LABELS,
  FAIL_REASONS,
  PROGRESS_STATUS_LABELS,
  PROGRESS_STATUSES,
  type ProgressChange,
} from '../../../shared/domain/progress';
import { formatDay, parseDay } from '../../../shared/dates/partial-date';
import type { FailReason, IsoDate, ProgressStatus } from '../../../shared/domain/types';
import { formatCount } from '../../../shared/format/numbers';
import type { Result } from '../../../shared/result';
import { describeWriteError } from '../../lib/write-error';
import { ClosedPeriodWarning } from './ClosedPeriodWarning';

export function StatusDialog({
  count,
  today,
  initialStatus,
  onApply,
  onClose,
}: {
  count: number;
  today: IsoDate;
  initialStatus?: ProgressStatus;
  onApply: (change: ProgressChange) => Promise<Result<{ changed: number; skipped: number }, string>>;
  onClose: () => void;
}) {
  const [status, setStatus] = useState<ProgressStatus>(initialStatus ?? 'entered');
  const [dateText, setDateText] = useState(formatDay(today));
  const [reason, setReason] = useState<FailReason | ''>('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const apply = async () => {
    const date = parseDay(dateText);
    if (!date.ok) {
      setError(date.code === 'empty' ? 'Nhập ngày.' : date.message);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const result = await onApply({
        status,
        date: date.value,
        ...(status === 'failed' && reason ? { failReason: reason } : {}),
        ...(status === 'failed' && note.trim() ? { failNote: note } : {}),
      });
      if (!result.ok) setError(result.message);
      else onClose();
    } catch (e) {
      setError(describeWriteError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={count === 1 ? 'Cập nhật trạng thái' : `Cập nhật trạng thái cho ${formatCount(count)} hồ sơ`}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Hủy</Button>
          <Button variant="primary" onClick={() => void apply()} disabled={busy}>
            {busy ? 'Đang lưu…' : 'Áp dụng'}
          </Button>
        </>
      }
    >
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void apply();
        }}
      >
        <fieldset className="status-choices span-2">
          <legend>Trạng thái mới</legend>
          {PROGRESS_STATUSES.map((s) => (
            <label key={s} className={`status-choice status-${s}`}>
              <input type="radio" name="status" value={s} checked={status === s} onChange={() => setStatus(s)} />
              {PROGRESS_STATUS_LABELS[s]}
            </label>
          ))}
        </fieldset>
        <Field label="Ngày thực hiện" hint="Mặc định là hôm nay; có thể ghi lùi ngày đã làm thực tế.">
          {(p) => <input {...p} value={dateText} onChange={(e) => setDateText(e.target.value)} />}
        </Field>
        <ClosedPeriodWarning dateText={dateText} />
        {status === 'failed' ? (
          <>
            <Field label="Lý do không cập nhật được" required>
              {(p) => (
                <select {...p} value={reason} onChange={(e) => setReason(e.target.value as FailReason | '')}>
                  <option value="">— Chọn lý do —</option>
                  {FAIL_REASONS.map((r) => (
                    <option key={r} value={r}>
                      {FAIL_REASON_LABELS[r]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Ghi rõ" required={reason === 'other'} className="span-2">
              {(p) => <input {...p} value={note} onChange={(e) => setNote(e.target.value)} />}
            </Field>
          </>
        ) : null}
        {error ? (
          <p className="form-failure span-2" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
