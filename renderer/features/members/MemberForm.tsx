/**
 * Keyboard-first entry of one member, in the order of the paper lists.
 * Enter saves and starts the next one (the hamlet is kept); Esc closes.
 * A chip-card QR scan typed into any field fills the identity fields.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useForm, type Resolver } from 'react-hook-form';
import { Button } from '../../components/ui/Button';
import { Dialog } from '../../components/ui/Dialog';
import { Field } from '../../components/ui/Field';
import { useToast } from '../../components/ui/Toast';
import { useServices } from '../../context/services';
import { useSession } from '../../context/session';
import { checkPerson, EMPTY_PERSON_DRAFT, personToDraft, type PersonDraft } from '../../../shared/domain/person';
import { formatPartialDate, isoDay } from '../../../shared/dates/partial-date';
import { searchKey } from '../../../shared/text/normalize';
import type { Dc01Category, Hamlet, MemberKind, MemberList, MemberRecord } from '../../../shared/domain/types';
import type { IdentityHit } from '../../db/repositories/identity-repo';
import { extractQrFromFieldValue } from './qr-scan';
import { FAMILY_LABELS } from './family-labels';

type FormValues = PersonDraft & { memberKind: MemberKind };

const FIELD_ORDER: readonly (keyof FormValues)[] = [
  'fullName',
  'birthDate',
  'sex',
  'personalId',
  'oldId',
  'phone',
  'hamletId',
  'address',
  'memberKind',
  'note',
];

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

  const resolver: Resolver<FormValues> = (values) => {
    const { errors } = checkPerson(values, rulesFor(values.memberKind));
    const entries = Object.entries(errors).map(([k, message]) => [k, { type: 'validate', message }]);
    return { values: entries.length ? {} : values, errors: Object.fromEntries(entries) };
  };

  const blank = (hamletId: string, memberKind: MemberKind): FormValues => ({
    ...EMPTY_PERSON_DRAFT,
    hamletId,
    memberKind,
  });
  const form = useForm<FormValues>({
    defaultValues: record ? { ...personToDraft(record), memberKind: record.memberKind } : blank(initialHamletId, 'individual'),
    mode: 'onTouched',
    reValidateMode: 'onChange',
    resolver,
  });
  const { register, handleSubmit, formState, setValue, getValues, reset, setFocus, watch } = form;
  const values = watch();
  const check = useMemo(() => checkPerson(values, rulesFor(values.memberKind)), [values, today]); // eslint-disable-line react-hooks/exhaustive-deps
  const [confirmFlag, setConfirmFlag] = useState(record?.idFlagged ?? false);
  const [flagPrompt, setFlagPrompt] = useState(false);
  const [sameId, setSameId] = useState<MemberRecord>();
  const [hits, setHits] = useState<IdentityHit[]>([]);
  const [prefilled, setPrefilled] = useState<string>();
  const [sameNameBirth, setSameNameBirth] = useState<MemberRecord[]>([]);
  const [failure, setFailure] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [savedCount, setSavedCount] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  // After a save the next entry starts at the name. Done after the re-render:
  // react-hook-form drops its field refs on reset until the fields re-register.
  useEffect(() => {
    if (savedCount > 0) setFocus('fullName');
  }, [savedCount, setFocus]);

  const personalId = check.value.personalId;
  useEffect(() => {
    let live = true;
    if (!personalId) {
      setSameId(undefined);
      setHits([]);
      return;
    }
    void Promise.all([
      repos.members.findSameId(list.key, personalId, record?.id),
      repos.identity.findByPersonalId(personalId),
    ]).then(([same, found]) => {
      if (!live) return;
      setSameId(same);
      setHits(found.filter((h) => h.recordId !== record?.id && !(h.family === 'members' && h.groupKey === list.key)));
    });
    return () => {
      live = false;
    };
  }, [personalId, list.key, record?.id, repos]);

  // Pre-fill the empty identity fields from the newest record elsewhere with this ID.
  useEffect(() => {
    const hit = hits[0];
    if (!hit || record) return;
    const filled: string[] = [];
    const current = getValues();
    const source = personToDraft(hit.person);
    for (const key of ['fullName', 'birthDate', 'sex', 'oldId', 'phone', 'hamletId', 'address'] as const) {
      if (!current[key] && source[key]) {
        setValue(key, source[key], { shouldValidate: true });
        filled.push(key);
      }
    }
    if (filled.length) setPrefilled(describeHit(hit, lists, categories));
  }, [hits, record, getValues, setValue, lists, categories]);

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

  const idIssues = check.idIssues;
  useEffect(() => {
    if (idIssues.length === 0) setFlagPrompt(false);
  }, [idIssues.length]);

  const save = handleSubmit(async (vals) => {
    setFailure(undefined);
    const checked = checkPerson(vals, rulesFor(vals.memberKind));
    if (checked.idIssues.length > 0 && !confirmFlag) {
      setFlagPrompt(true);
      document.getElementById('confirm-id-flag')?.focus();
      return;
    }
    if (sameId) {
      setFocus('personalId');
      return;
    }
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
      setConfirmFlag(false);
      setFlagPrompt(false);
      setPrefilled(undefined);
    } catch (e) {
      setFailure(`Không lưu được: ${e instanceof Error ? e.message : String(e)}. Dữ liệu đã nhập vẫn còn trên màn hình.`);
    } finally {
      setSaving(false);
    }
  });

  const onKeyDown = (e: React.KeyboardEvent<HTMLFormElement>) => {
    if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
    const target = e.target as HTMLElement;
    if (target instanceof HTMLInputElement && target.type !== 'checkbox') {
      const scanned = extractQrFromFieldValue(target.value);
      if (scanned) {
        e.preventDefault();
        const { qr, before } = scanned;
        const fieldName = target.name as keyof FormValues;
        if (FIELD_ORDER.includes(fieldName)) setValue(fieldName, before);
        const opts = { shouldValidate: true, shouldTouch: true, shouldDirty: true };
        setValue('personalId', qr.personalId, opts);
        setValue('oldId', qr.oldId, opts);
        setValue('fullName', qr.fullName, opts);
        setValue('birthDate', qr.birthDate ? formatPartialDate(qr.birthDate) : '', opts);
        if (qr.sex) setValue('sex', qr.sex, opts);
        setValue('address', qr.address, opts);
        toast.show(`Đã đọc thẻ CCCD: ${qr.fullName}`);
        setFocus('hamletId');
        return;
      }
    }
    if (target instanceof HTMLButtonElement || target instanceof HTMLTextAreaElement) return;
    if (target.id === 'confirm-id-flag') return;
    e.preventDefault();
    void save();
  };

  const err = (k: keyof FormValues) => formState.errors[k]?.message;
  const hamletOptions = hamlets.filter((h) => !h.hidden || h.id === values.hamletId);

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
      <form ref={formRef} className="form-grid member-form" onKeyDown={onKeyDown} onSubmit={(e) => e.preventDefault()} noValidate>
        <p className="form-tip span-2">Có thể quét mã QR trên thẻ CCCD gắn chip vào bất kỳ ô nào để điền tự động.</p>
        <Field label={values.memberKind === 'collective' ? 'Tên tập thể' : 'Họ và tên'} required error={err('fullName')} className="span-2">
          {(p) => <input {...p} {...register('fullName')} autoComplete="off" autoFocus />}
        </Field>
        <Field
          label="Ngày sinh"
          required={values.memberKind !== 'collective'}
          error={err('birthDate')}
          hint="dd/mm/yyyy, mm/yyyy hoặc chỉ năm sinh"
          warning={
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
        >
          {(p) => <input {...p} {...register('birthDate')} autoComplete="off" placeholder="12/03/1950" />}
        </Field>
        <Field label="Giới tính" required={values.memberKind !== 'collective'} error={err('sex')}>
          {(p) => (
            <select {...p} {...register('sex')}>
              <option value="">—</option>
              <option value="male">Nam</option>
              <option value="female">Nữ</option>
            </select>
          )}
        </Field>
        <Field
          label="Số định danh cá nhân (CCCD)"
          error={
            err('personalId') ??
            (sameId ? `Số định danh này đã có trong danh sách ${list.label} (${sameId.fullName}).` : undefined)
          }
          warning={
            idIssues.length ? (
              <div className="id-issues">
                <strong>Số định danh có vẻ sai cấu trúc:</strong>
                <ul>
                  {idIssues.map((i) => (
                    <li key={i.code}>{i.message}</li>
                  ))}
                </ul>
              </div>
            ) : undefined
          }
          hint="12 chữ số"
        >
          {(p) => <input {...p} {...register('personalId')} autoComplete="off" inputMode="numeric" />}
        </Field>
        <Field label="Số CMND cũ (9 số)" error={err('oldId')}>
          {(p) => <input {...p} {...register('oldId')} autoComplete="off" inputMode="numeric" />}
        </Field>
        {sameId ? (
          <div className="notice notice-error span-2" role="alert">
            Không thể lưu trùng: số định danh này đã có trong danh sách.{' '}
            <button type="button" className="link" onClick={() => onOpenRecord(sameId.id)}>
              Mở hồ sơ {sameId.fullName}
            </button>
          </div>
        ) : null}
        {idIssues.length ? (
          <label className={`confirm-flag span-2${flagPrompt && !confirmFlag ? ' attention' : ''}`}>
            <input
              id="confirm-id-flag"
              type="checkbox"
              checked={confirmFlag}
              onChange={(e) => setConfirmFlag(e.target.checked)}
            />
            Tôi đã đối chiếu giấy tờ, vẫn lưu số định danh này (hồ sơ sẽ được đánh dấu để làm sạch sau).
          </label>
        ) : null}
        {prefilled ? (
          <div className="notice notice-info span-2">
            Số định danh này đã có trong {prefilled}. Các ô còn trống đã được điền sẵn — kiểm tra lại trước khi lưu.
          </div>
        ) : null}
        <Field label="Số điện thoại" error={err('phone')}>
          {(p) => <input {...p} {...register('phone')} autoComplete="off" inputMode="tel" />}
        </Field>
        <Field label="Thôn / tổ dân phố" error={err('hamletId')}>
          {(p) => (
            <select {...p} {...register('hamletId')}>
              <option value="">—</option>
              {hamletOptions.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Địa chỉ" error={err('address')} className="span-2">
          {(p) => <input {...p} {...register('address')} autoComplete="off" />}
        </Field>
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

function describeHit(hit: IdentityHit, lists: readonly MemberList[], categories: readonly Dc01Category[]): string {
  if (hit.family === 'members') {
    return `danh sách ${lists.find((l) => l.key === hit.groupKey)?.label ?? hit.groupKey} (${hit.person.fullName})`;
  }
  if (hit.family === 'dc01') {
    return `${FAMILY_LABELS.dc01} – ${categories.find((c) => c.key === hit.groupKey)?.label ?? hit.groupKey} (${hit.person.fullName})`;
  }
  return `${FAMILY_LABELS[hit.family]} (${hit.person.fullName})`;
}
