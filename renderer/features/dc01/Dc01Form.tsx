/**
 * Keyboard-first entry of one DC01 case into a fixed category. Cases arrive as
 * the upper level lists them, often incomplete, so only the name is required
 * of the person. Enter saves and starts the next case, keeping the received
 * date, the source, the officer in charge and the hamlet; Esc closes.
 */
import { useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { Dialog } from '../../components/ui/Dialog';
import { Field } from '../../components/ui/Field';
import { useToast } from '../../components/ui/Toast';
import { useServices } from '../../context/services';
import { useSession } from '../../context/session';
import { describeHit, IdentityFields, resolverFrom, useIdentityAssist } from '../../components/records/identity';
import { EntryFooter, FormFailure, useEntrySave } from '../../components/records/entry-form';
import { checkPerson, EMPTY_PERSON_DRAFT, personToDraft, type PersonCheck, type PersonDraft } from '../../../shared/domain/person';
import { compareDay, formatDay, isoDay, parseDay } from '../../../shared/dates/partial-date';
import { tidyText } from '../../../shared/text/normalize';
import type { Dc01Case, Dc01Category, Hamlet, IsoDate, MemberList, Officer } from '../../../shared/domain/types';

type CaseDraft = { householdNo: string; receivedDate: string; source: string; assigneeId: string };
type FormValues = PersonDraft & CaseDraft;

const MAX_HOUSEHOLD_NO = 30;
const MAX_SOURCE = 300;

type CaseCheck = {
  person: PersonCheck;
  errors: Partial<Record<keyof FormValues, string>>;
  value: { householdNo: string; receivedDate: IsoDate; source: string; assigneeId: string };
};

/** The person as received (birth date and sex may be missing) and the case's own fields. */
export function checkDc01Case(v: FormValues, today: IsoDate, editing: boolean): CaseCheck {
  const person = checkPerson(v, { today, requireSex: false });
  const errors: CaseCheck['errors'] = { ...person.errors };
  // an empty birth date is allowed: the upper level's list does not always give one
  if (!tidyText(v.birthDate)) delete errors.birthDate;

  let receivedDate = '';
  if (!editing) {
    const parsed = parseDay(v.receivedDate);
    if (!parsed.ok) errors.receivedDate = parsed.code === 'empty' ? 'Nhập ngày tiếp nhận (dd/mm/yyyy).' : parsed.message;
    else if (compareDay(parsed.value, today) > 0) errors.receivedDate = 'Ngày tiếp nhận không được ở tương lai.';
    else receivedDate = parsed.value;
  }
  const householdNo = tidyText(v.householdNo);
  if (householdNo.length > MAX_HOUSEHOLD_NO) errors.householdNo = `Số hộ khẩu quá dài (tối đa ${MAX_HOUSEHOLD_NO} ký tự).`;
  const source = tidyText(v.source);
  if (source.length > MAX_SOURCE) errors.source = `Nguồn quá dài (tối đa ${MAX_SOURCE} ký tự).`;
  return { person, errors, value: { householdNo, receivedDate, source, assigneeId: v.assigneeId } };
}

export type Dc01FormProps = {
  category: Dc01Category;
  categories: readonly Dc01Category[];
  lists: readonly MemberList[];
  hamlets: readonly Hamlet[];
  officers: readonly Officer[];
  /** editing an existing case; absent = new entries */
  record?: Dc01Case;
  initialHamletId: string;
  onClose: () => void;
  onOpenRecord: (id: string) => void;
};

export function Dc01Form({ category, categories, lists, hamlets, officers, record, initialHamletId, onClose, onOpenRecord }: Dc01FormProps) {
  const { repos, clock } = useServices();
  const { officer } = useSession();
  const toast = useToast();
  const today = isoDay(clock());
  const editing = Boolean(record);

  const blank = (keep: Pick<FormValues, 'hamletId' | 'receivedDate' | 'source' | 'assigneeId'>): FormValues => ({ ...EMPTY_PERSON_DRAFT, householdNo: '', ...keep });
  const form = useForm<FormValues>({
    defaultValues: record
      ? { ...personToDraft(record), householdNo: record.householdNo, receivedDate: formatDay(record.receivedDate), source: record.source, assigneeId: record.assigneeId }
      : blank({ hamletId: initialHamletId, receivedDate: formatDay(today), source: '', assigneeId: officer.id }),
    mode: 'onTouched',
    reValidateMode: 'onChange',
    resolver: resolverFrom<FormValues>((v) => checkDc01Case(v, today, editing).errors),
  });
  const { register, formState, watch } = form;
  const values = watch();
  const check = useMemo(() => checkDc01Case(values, today, editing), [values, today, editing]);
  const assist = useIdentityAssist(form, {
    personalId: check.person.value.personalId,
    idIssueCount: check.person.idIssues.length,
    recordId: record?.id,
    findSame: (id) => repos.dc01.findSameId(category.key, id, record?.id),
    ignoreHit: (h) => h.family === 'dc01' && h.groupKey === category.key,
    describe: (h) => describeHit(h, lists, categories),
    onScanned: (name) => toast.show(`Đã đọc thẻ CCCD: ${name}`),
  });
  const { save, onEnter, failure, saving, savedCount } = useEntrySave({
    form,
    assist,
    editing,
    personCheck: (v) => checkDc01Case(v, today, editing).person,
    write: (v) => {
      const checked = checkDc01Case(v, today, editing);
      const { receivedDate, ...caseFields } = checked.value;
      const input = { ...checked.person.value, ...caseFields, idFlagged: checked.person.idIssues.length > 0 };
      return record ? repos.dc01.update(record.id, input, officer.id) : repos.dc01.create({ ...input, categoryKey: category.key, receivedDate }, officer.id);
    },
    next: (v) => blank({ hamletId: v.hamletId, receivedDate: v.receivedDate, source: v.source, assigneeId: v.assigneeId }),
    savedMessage: (r, isEdit) => `${isEdit ? 'Đã lưu thay đổi' : 'Đã lưu trường hợp'}: ${r.fullName}`,
    afterSave: (v) => void repos.settings.setLastHamletId(v.hamletId),
    onClose,
  });

  const err = (k: keyof FormValues) => formState.errors[k]?.message;
  const assigneeOptions = officers.filter((o) => o.active || o.id === values.assigneeId);

  return (
    <Dialog
      title={record ? `Sửa trường hợp — ${category.label}` : `Nhập trường hợp — ${category.label}`}
      onClose={onClose}
      wide
      footer={<EntryFooter editing={editing} savedCount={savedCount} saving={saving} unit="trường hợp" onSave={() => void save()} onClose={onClose} />}
    >
      <form className="form-grid dc01-form" onKeyDown={(e) => onEnter(e)} onSubmit={(e) => e.preventDefault()} noValidate>
        <IdentityFields
          form={form}
          assist={assist}
          check={check.person}
          hamlets={hamlets}
          familyLabel="loại làm sạch này"
          onOpenRecord={onOpenRecord}
          birthRequired={false}
          sexRequired={false}
        />
        <Field label="Số hộ khẩu" error={err('householdNo')}>
          {(p) => <input {...p} {...register('householdNo')} autoComplete="off" />}
        </Field>
        <Field
          label="Ngày tiếp nhận"
          required={!record}
          error={err('receivedDate')}
          hint={record ? 'Không sửa được sau khi đã nhập.' : 'dd/mm/yyyy — mặc định hôm nay'}
        >
          {(p) => <input {...p} {...register('receivedDate')} autoComplete="off" placeholder="dd/mm/yyyy" disabled={Boolean(record)} />}
        </Field>
        <Field label="Nguồn" error={err('source')} hint="Ví dụ: Công an tỉnh giao ngày 05/11/2026">
          {(p) => <input {...p} {...register('source')} autoComplete="off" />}
        </Field>
        <Field label="Cán bộ phụ trách" error={err('assigneeId')}>
          {(p) => (
            <select {...p} {...register('assigneeId')}>
              <option value="">— Chưa phân công —</option>
              {assigneeOptions.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.fullName}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Ghi chú" error={err('note')} className="span-2">
          {(p) => <input {...p} {...register('note')} autoComplete="off" />}
        </Field>
        <FormFailure failure={failure} />
      </form>
    </Dialog>
  );
}
