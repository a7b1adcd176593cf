/**
 * Moves one case or a selection to a state: pending, in progress, or done with
 * one of the category's outcomes (and, for a wrong ID structure, whether the
 * person already has a CCCD card). Dated — today unless the officer writes the
 * day it was really done — with an optional note. Enter applies, Esc cancels.
 */
import { useEffect, useRef, useState } from 'react';
import { Button } from '../../components/ui/Button';
import { Dialog } from '../../components/ui/Dialog';
import { ClosedPeriodWarning } from '../../components/records/ClosedPeriodWarning';
import { Field } from '../../components/ui/Field';
import { DC01_STATE_LABELS, DC01_STATES, dc01AsksCccd, type Dc01Change } from '../../../shared/domain/dc01';
import { formatDay, parseDay } from '../../../shared/dates/partial-date';
import { formatCount } from '../../../shared/format/numbers';
import type { Dc01Category, Dc01State, IsoDate } from '../../../shared/domain/types';
import type { Result } from '../../../shared/result';

export type Dc01StateInitial = { state: Dc01State; outcomeKey?: string | undefined; hasCccd?: boolean | undefined };

export function Dc01StateDialog({
  category,
  count,
  today,
  initial,
  onApply,
  onClose,
}: {
  category: Dc01Category;
  count: number;
  today: IsoDate;
  initial: Dc01StateInitial;
  onApply: (change: Dc01Change) => Promise<Result<{ changed: number; skipped: number }, string>>;
  onClose: () => void;
}) {
  const onlyOutcome = category.outcomes.length === 1 ? category.outcomes[0]?.key : undefined;
  const [state, setState] = useState<Dc01State>(initial.state);
  const [outcomeKey, setOutcomeKey] = useState(initial.outcomeKey ?? onlyOutcome ?? '');
  const [hasCccd, setHasCccd] = useState<boolean | undefined>(initial.hasCccd);
  const [note, setNote] = useState('');
  const [dateText, setDateText] = useState(formatDay(today));
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const asksCccd = dc01AsksCccd(category);
  const done = state === 'done';
  const formRef = useRef<HTMLFormElement>(null);

  // Start on the chosen state (the dialog itself focuses the first radio); arrows change it.
  useEffect(() => {
    formRef.current?.querySelector<HTMLInputElement>('input[name="dc01-state"]:checked')?.focus();
  }, []);

  const apply = async () => {
    const date = parseDay(dateText);
    if (!date.ok) {
      setError(date.code === 'empty' ? 'Nhập ngày cập nhật.' : date.message);
      return;
    }
    // The same rules as the repository, said before the whole selection is tried.
    if (done && !outcomeKey) {
      setError('Chọn kết quả xử lý.');
      return;
    }
    if (done && asksCccd && hasCccd === undefined) {
      setError('Ghi rõ công dân đã có thẻ CCCD hay chưa.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const result = await onApply({
        state,
        date: date.value,
        ...(done ? { outcomeKey } : {}),
        ...(done && asksCccd && hasCccd !== undefined ? { hasCccd } : {}),
        ...(note.trim() ? { note } : {}),
      });
      if (!result.ok) setError(result.message);
      else onClose();
    } catch (e) {
      setError(`Không lưu được: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLFormElement>) => {
    if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
    if (e.target instanceof HTMLButtonElement || e.target instanceof HTMLTextAreaElement) return;
    e.preventDefault();
    void apply();
  };

  return (
    <Dialog
      title={count === 1 ? 'Cập nhật kết quả' : `Cập nhật kết quả cho ${formatCount(count)} trường hợp`}
      onClose={onClose}
      footer={
        <>
          <span className="muted">Enter: áp dụng · Esc: hủy</span>
          <Button onClick={onClose}>Hủy</Button>
          <Button variant="primary" onClick={() => void apply()} disabled={busy}>
            {busy ? 'Đang lưu…' : 'Áp dụng'}
          </Button>
        </>
      }
    >
      <form ref={formRef} className="form-grid" onKeyDown={onKeyDown} onSubmit={(e) => e.preventDefault()} noValidate>
        <fieldset className="status-choices span-2">
          <legend>Trạng thái</legend>
          {DC01_STATES.map((s) => (
            <label key={s} className="status-choice">
              <input type="radio" name="dc01-state" value={s} checked={state === s} onChange={() => setState(s)} />
              {DC01_STATE_LABELS[s]}
            </label>
          ))}
        </fieldset>
        {done ? (
          <fieldset className="status-choices span-2">
            <legend>Kết quả xử lý — {category.label}</legend>
            {category.outcomes.map((o) => (
              <label key={o.key} className="status-choice">
                <input type="radio" name="dc01-outcome" value={o.key} checked={outcomeKey === o.key} onChange={() => setOutcomeKey(o.key)} />
                {o.label}
              </label>
            ))}
          </fieldset>
        ) : null}
        {done && asksCccd ? (
          <fieldset className="status-choices span-2">
            <legend>Công dân đã có thẻ CCCD chưa?</legend>
            <label className="status-choice">
              <input type="radio" name="dc01-cccd" checked={hasCccd === true} onChange={() => setHasCccd(true)} />
              Đã có thẻ CCCD
            </label>
            <label className="status-choice">
              <input type="radio" name="dc01-cccd" checked={hasCccd === false} onChange={() => setHasCccd(false)} />
              Chưa có thẻ CCCD
            </label>
          </fieldset>
        ) : null}
        <Field label="Ngày cập nhật" hint="dd/mm/yyyy — mặc định là hôm nay; có thể ghi lùi ngày đã làm thực tế.">
          {(p) => <input {...p} value={dateText} onChange={(e) => setDateText(e.target.value)} autoComplete="off" />}
        </Field>
        <Field label="Ghi chú">
          {(p) => <input {...p} value={note} onChange={(e) => setNote(e.target.value)} autoComplete="off" />}
        </Field>
        <ClosedPeriodWarning dateText={dateText} />
        {error ? (
          <p className="form-failure span-2" role="alert">
            {error}
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}
