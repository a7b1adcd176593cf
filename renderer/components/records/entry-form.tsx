/**
 * What every family's entry form does the same way around its own fields:
 * Enter saves (or takes a QR scan), a new entry starts with the name focused
 * and some values kept, a refusal or failure keeps everything typed, and the
 * footer says which keys do what.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import { Button } from '../ui/Button';
import { useToast } from '../ui/Toast';
import type { PersonCheck } from '../../../shared/domain/person';
import type { WriteResult } from '../../db/repositories/record-ops';
import type { IdentityAssist } from './identity';
import { describeWriteError } from '../../lib/write-error';

export type EntrySaveOptions<V extends FieldValues, R extends { fullName: string }> = {
  form: UseFormReturn<V>;
  assist: IdentityAssist;
  /** editing a record (saving closes) rather than entering new ones (saving starts the next) */
  editing: boolean;
  /** the person check of these values (for the ID confirmations) */
  personCheck: (values: V) => PersonCheck;
  write: (values: V) => Promise<WriteResult<R>>;
  /** the blank form for the next entry, keeping what the officer will type again */
  next: (values: V) => V;
  /** e.g. "Đã lưu tờ khai: …" */
  savedMessage: (record: R, editing: boolean) => string;
  afterSave: (values: V) => void;
  onClose: () => void;
  /** a duplicate refused by the repository; default: the message goes on the personal ID */
  onDuplicate?: (message: string, values: V) => void | Promise<void>;
  /** a save is about to start (clear messages of the previous attempt) */
  onAttempt?: () => void;
};

export function useEntrySave<V extends FieldValues, R extends { fullName: string }>(o: EntrySaveOptions<V, R>) {
  const toast = useToast();
  const [failure, setFailure] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [savedCount, setSavedCount] = useState(0);
  const { form, assist } = o;
  const { setFocus } = form;

  // After a save the next entry starts at the name. Done after the re-render:
  // react-hook-form drops its field refs on reset until the fields re-register.
  useEffect(() => {
    if (savedCount > 0) setFocus('fullName' as Path<V>);
  }, [savedCount, setFocus]);

  const save = form.handleSubmit(async (values) => {
    setFailure(undefined);
    o.onAttempt?.();
    if (assist.blocksSave(o.personCheck(values))) return;
    setSaving(true);
    try {
      const result = await o.write(values);
      if (!result.ok) {
        if (result.code !== 'duplicate') setFailure(result.message);
        else if (o.onDuplicate) await o.onDuplicate(result.message, values);
        else form.setError('personalId' as Path<V>, { type: 'duplicate', message: result.message });
        return;
      }
      o.afterSave(values);
      toast.show(o.savedMessage(result.value, o.editing));
      if (o.editing) {
        o.onClose();
        return;
      }
      setSavedCount((n) => n + 1);
      form.reset(o.next(values));
      assist.clear();
    } catch (e) {
      setFailure(describeWriteError(e));
    } finally {
      setSaving(false);
    }
  });

  /** Enter saves from any field but a button or text area; a QR scan is taken first. */
  const onEnter = (e: React.KeyboardEvent<HTMLFormElement>, onScanned?: () => void) => {
    if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
    if (assist.takeQrScan(e)) {
      onScanned?.();
      return;
    }
    const target = e.target as HTMLElement;
    if (target instanceof HTMLButtonElement || target instanceof HTMLTextAreaElement || target.id === 'confirm-id-flag') return;
    e.preventDefault();
    void save();
  };

  return { save, onEnter, failure, saving, savedCount };
}

/** The footer of an entry form: the keys, the count saved this session, close and save. */
export function EntryFooter({
  editing,
  savedCount,
  saving,
  unit,
  extraKeys,
  onSave,
  onClose,
}: {
  editing: boolean;
  savedCount: number;
  saving: boolean;
  /** what is saved: "người", "tờ khai", "trường hợp" */
  unit: string;
  /** other shortcuts, e.g. "Alt+N: thêm phương tiện" */
  extraKeys?: string;
  onSave: () => void;
  onClose: () => void;
}) {
  const keys = [extraKeys, editing ? 'Enter: lưu' : `Enter: lưu và nhập ${unit} tiếp theo`, 'Esc: đóng'].filter(Boolean).join(' · ');
  return (
    <>
      <span className="muted">
        {keys}
        {!editing && savedCount ? ` · Đã lưu ${savedCount} ${unit}` : ''}
      </span>
      <Button onClick={onClose}>Đóng</Button>
      <Button variant="primary" onClick={onSave} disabled={saving}>
        {saving ? 'Đang lưu…' : editing ? 'Lưu thay đổi' : 'Lưu (Enter)'}
      </Button>
    </>
  );
}

export function FormFailure({ failure }: { failure: string | undefined }): ReactNode {
  return failure ? (
    <p className="form-failure span-2" role="alert">
      {failure}
    </p>
  ) : null;
}
