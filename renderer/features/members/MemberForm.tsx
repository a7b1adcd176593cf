/**
 * Keyboard-first entry of one member, in the order of the paper lists.
 * Enter saves and starts the next one (the hamlet is kept); Esc closes.
 */
import { useEffect, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Dialog } from '../../components/ui/Dialog';
import { Field } from '../../components/ui/Field';
import { useToast } from '../../components/ui/Toast';
import { useServices } from '../../context/services';
import { useSession } from '../../context/session';
import { describeHit, IdentityFields, resolverFrom, useIdentityAssist } from '../../components/records/identity';
import { EntryFooter, FormFailure, useEntrySave } from '../../components/records/entry-form';
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
  const { register, formState, watch } = form;
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
  const { save, onEnter, failure, saving, savedCount } = useEntrySave({
    form,
    assist,
    editing: Boolean(record),
    personCheck: (v) => checkPerson(v, rulesFor(v.memberKind)),
    write: (v) => {
      const checked = checkPerson(v, rulesFor(v.memberKind));
      const input = {
        ...checked.value,
        memberKind: list.hasMemberKind ? v.memberKind : ('individual' as const),
        idFlagged: checked.idIssues.length > 0,
      };
      return record ? repos.members.update(record.id, input, officer.id) : repos.members.create({ ...input, listKey: list.key }, officer.id);
    },
    next: (v) => blank(v.hamletId, v.memberKind),
    savedMessage: (r, editing) => `${editing ? 'Đã lưu thay đổi' : 'Đã lưu'}: ${r.fullName}`,
    afterSave: (v) => void repos.settings.setLastHamletId(v.hamletId),
    onClose,
  });

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

  const err = (k: keyof FormValues) => formState.errors[k]?.message;
  const collective = values.memberKind === 'collective';

  return (
    <Dialog
      title={record ? `Sửa hồ sơ — ${list.label}` : `Nhập hội viên — ${list.label}`}
      onClose={onClose}
      wide
      footer={<EntryFooter editing={Boolean(record)} savedCount={savedCount} saving={saving} unit="người" onSave={() => void save()} onClose={onClose} />}
    >
      <form className="form-grid member-form" onKeyDown={(e) => onEnter(e)} onSubmit={(e) => e.preventDefault()} noValidate>
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
        <FormFailure failure={failure} />
      </form>
    </Dialog>
  );
}
