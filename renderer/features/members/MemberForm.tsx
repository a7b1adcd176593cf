/**
 * Keyboard-first entry of one member, in the order of the paper lists.
 * Enter saves and starts the next one (the hamlet is kept); Esc closes.
 */
import { useEffect, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Button } from '../../components/ui/Button';
import { Dialog } from '../../components/ui/Dialog';
import { Field } from '../../components/ui/Field';
import { useToast } from '../../components/ui/Toast';
import { useServices } from '../../context/services';
import { useSession } from '../../context/session';
import { describeHit, IdentityFields, resolverFrom, useIdentityAssist } from '../../components/records/identity';
import { checkPerson, EMPTY_PERSON_DRAFT, personToDraft, type PersonDraft } from '../../../shared/domain/person';
import { isoDay } from '../../../shared/dates/partial-date';
import { searchKey } from '../../../shared/text/normalize';
import type { Dc01Category, Hamlet, MemberKind, MemberList, MemberRecord } from '../../../shared/domain/types';

type FormValues = PersonDraft & { memberKind: MemberKind };

export type MemberFormProps = {
  list: MemberList;
  lists: readonly MemberList[];
  categories: readonly Dc01Category[];
  hamlets: readonly Hamlet[];
  /** editing an existing record; absent = new entries */
  record?: MemberRecord;
  initialHamletId: string;
  onClose: () => void;
  onOpenRecord: (id: string) => void;
};

export function MemberForm({ list, lists, categories, hamlets, record, initialHamletId, onClose, onOpenRecord }: MemberFormProps) {
  const { repos, clock } = useServices();
  const { officer } = useSession();
  const toast = useToast();
  const today = isoDay(clock());
  const rulesFor = (kind: MemberKind) => ({ today, organisation: kind === 'collective' });

  const blank = (hamletId: string, memberKind: MemberKind): FormValues => ({ ...EMPTY_PERSON_DRAFT, hamletId, memberKind });
  const form = useForm<FormValues>({
    defaultValues: record ? { ...personToDraft(record), memberKind: record.memberKind } : blank(initialHamletId, 'individual'),
    mode: 'onTouched',
    reValidateMode: 'onChange',
    resolver: resolverFrom<FormValues>((v) => checkPerson(v, rulesFor(v.memberKind)).errors),
  });
  const { register, handleSubmit, formState, reset, setFocus, watch } = form;
  const values = watch();
  const check = useMemo(() => checkPerson(values, rulesFor(values.memberKind)), [values, today]); // eslint-disable-line react-hooks/exhaustive-deps
  const assist = useIdentityAssist(form, {
    personalId: check.value.personalId,
    idIssueCount: check.idIssues.length,
    recordId: record?.id,
    findSame: (id) => repos.members.findSameId(list.key, id, record?.id),
    ignoreHit: (h) => h.family === 'members' && h.groupKey === list.key,
    describe: (h) => describeHit(h, lists, categories),
    onScanned: (name) => toast.show(`Đã đọc thẻ CCCD: ${name}`),
  });
  const [sameNameBirth, setSameNameBirth] = useState<MemberRecord[]>([]);
  const [failure, setFailure] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [savedCount, setSavedCount] = useState(0);

  // After a save the next entry starts at the name. Done after the re-render:
  // react-hook-form drops its field refs on reset until the fields re-register.
  useEffect(() => {
    if (savedCount > 0) setFocus('fullName');
  }, [savedCount, setFocus]);

  const nameKey = searchKey(check.value.fullName);
  const birth = check.value.birthDate;
  useEffect(() => {
    let live = true;
    if (!nameKey || !birth) {
      setSameNameBirth([]);
      return;
    }
    void repos.members.findSameNameBirth(list.key, nameKey, birth, record?.id).then((found) => {
      if (live) setSameNameBirth(found);
    });
    return () => {
      live = false;
    };
  }, [nameKey, birth, list.key, record?.id, repos]);

  const save = handleSubmit(async (vals) => {
    setFailure(undefined);
    const checked = checkPerson(vals, rulesFor(vals.memberKind));
    if (assist.blocksSave(checked)) return;
    setSaving(true);
    try {
      const input = {
        ...checked.value,
        memberKind: list.hasMemberKind ? vals.memberKind : ('individual' as const),
        idFlagged: checked.idIssues.length > 0,
      };
      const result = record
        ? await repos.members.update(record.id, input, officer.id)
        : await repos.members.create({ ...input, listKey: list.key }, officer.id);
      if (!result.ok) {
        if (result.code === 'duplicate') form.setError('personalId', { type: 'duplicate', message: result.message });
        else setFailure(result.message);
        return;
      }
      void repos.settings.setLastHamletId(vals.hamletId);
      if (record) {
        toast.show(`Đã lưu thay đổi: ${result.value.fullName}`);
        onClose();
        return;
      }
      toast.show(`Đã lưu: ${result.value.fullName}`);
      setSavedCount((n) => n + 1);
      reset(blank(vals.hamletId, vals.memberKind));
      assist.clear();
    } catch (e) {
      setFailure(`Không lưu được: ${e instanceof Error ? e.message : String(e)}. Dữ liệu đã nhập vẫn còn trên màn hình.`);
    } finally {
      setSaving(false);
    }
  });

  const onKeyDown = (e: React.KeyboardEvent<HTMLFormElement>) => {
    if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
    if (assist.takeQrScan(e)) return;
    const target = e.target as HTMLElement;
    if (target instanceof HTMLButtonElement || target instanceof HTMLTextAreaElement || target.id === 'confirm-id-flag') return;
    e.preventDefault();
    void save();
  };

  const err = (k: keyof FormValues) => formState.errors[k]?.message;
  const collective = values.memberKind === 'collective';

  return (
    <Dialog
      title={record ? `Sửa hồ sơ — ${list.label}` : `Nhập hội viên — ${list.label}`}
      onClose={onClose}
      wide
      footer={
        <>
          <span className="muted">
            {record ? 'Enter: lưu · Esc: đóng' : `Enter: lưu và nhập người tiếp theo · Esc: đóng${savedCount ? ` · Đã lưu ${savedCount} người` : ''}`}
          </span>
          <Button onClick={onClose}>Đóng</Button>
          <Button variant="primary" onClick={() => void save()} disabled={saving}>
            {saving ? 'Đang lưu…' : record ? 'Lưu thay đổi' : 'Lưu (Enter)'}
          </Button>
        </>
      }
    >
      <form className="form-grid member-form" onKeyDown={onKeyDown} onSubmit={(e) => e.preventDefault()} noValidate>
        <IdentityFields
          form={form}
          assist={assist}
          check={check}
          hamlets={hamlets}
          familyLabel={`danh sách ${list.label}`}
          onOpenRecord={onOpenRecord}
          nameLabel={collective ? 'Tên tập thể' : 'Họ và tên'}
          birthRequired={!collective}
          sexRequired={!collective}
          birthWarning={
            sameNameBirth.length ? (
              <span>
                Đã có người cùng họ tên và ngày sinh trong danh sách này:{' '}
                {sameNameBirth.map((m) => (
                  <button key={m.id} type="button" className="link" onClick={() => onOpenRecord(m.id)}>
                    {m.fullName} ({m.personalId || 'chưa có số định danh'})
                  </button>
                ))}
                . Kiểm tra để tránh nhập trùng.
              </span>
            ) : undefined
          }
        />
        {list.hasMemberKind ? (
          <Field label="Cá nhân / tập thể" error={err('memberKind')}>
            {(p) => (
              <select {...p} {...register('memberKind')}>
                <option value="individual">Cá nhân</option>
                <option value="collective">Tập thể</option>
              </select>
            )}
          </Field>
        ) : null}
        <Field label="Ghi chú" error={err('note')} className={list.hasMemberKind ? '' : 'span-2'}>
          {(p) => <input {...p} {...register('note')} autoComplete="off" />}
        </Field>
        {failure ? (
          <p className="form-failure span-2" role="alert">
            {failure}
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}
