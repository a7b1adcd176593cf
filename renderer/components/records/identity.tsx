/**
 * The identity block every family's form starts with — name, birth date, sex,
 * personal ID, old ID, phone, hamlet, address — and the help around it:
 * - a chip-card QR typed by a USB scanner into any field fills the block;
 * - a structurally wrong personal ID can be saved only after the officer
 *   confirms (the record is flagged for cleaning);
 * - the same ID already in this family's list is refused with a link to it;
 * - an ID known from any other list or family pre-fills the empty fields.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { FieldValues, Path, PathValue, UseFormReturn } from 'react-hook-form';
import { Field } from '../ui/Field';
import { useServices } from '../../context/services';
import { extractQrFromFieldValue } from '../../lib/qr-scan';
import { personToDraft, type PersonCheck, type PersonDraft } from '../../../shared/domain/person';
import { formatPartialDate } from '../../../shared/dates/partial-date';
import type { Dc01Category, FamilyKey, Hamlet, MemberList } from '../../../shared/domain/types';
import type { IdentityHit } from '../../db/repositories/identity-repo';

export const FAMILY_LABELS: Readonly<Record<FamilyKey, string>> = {
  members: 'Hội viên',
  labour: 'Thông tin người lao động',
  vehicles: 'Phương tiện (chủ phương tiện)',
  dc01: 'Làm sạch dữ liệu DC01',
};

export type SameRecord = { id: string; fullName: string };

export function describeHit(hit: IdentityHit, lists: readonly MemberList[], categories: readonly Dc01Category[]): string {
  if (hit.family === 'members') return `danh sách ${lists.find((l) => l.key === hit.groupKey)?.label ?? hit.groupKey} (${hit.person.fullName})`;
  if (hit.family === 'dc01') return `${FAMILY_LABELS.dc01} – ${categories.find((c) => c.key === hit.groupKey)?.label ?? hit.groupKey} (${hit.person.fullName})`;
  return `${FAMILY_LABELS[hit.family]} (${hit.person.fullName})`;
}

const PREFILL_KEYS = ['fullName', 'birthDate', 'sex', 'oldId', 'phone', 'hamletId', 'address'] as const;
const TOUCH = { shouldValidate: true, shouldTouch: true, shouldDirty: true } as const;

export type IdentityAssist = {
  sameRecord: SameRecord | undefined;
  prefilledFrom: string | undefined;
  confirmFlag: boolean;
  setConfirmFlag: (v: boolean) => void;
  flagPrompt: boolean;
  /** true when saving must wait: an unconfirmed structural ID issue (focuses the checkbox) or a duplicate */
  blocksSave: (check: PersonCheck) => boolean;
  /** after a save, for the next entry */
  clear: () => void;
  /** Enter in a field: true when it was a QR scan and the block was filled */
  takeQrScan: (e: React.KeyboardEvent) => boolean;
};

export function useIdentityAssist<V extends FieldValues & PersonDraft>(
  form: UseFormReturn<V>,
  options: {
    personalId: string;
    idIssueCount: number;
    recordId: string | undefined;
    /** the same ID already in this family's list (refused) */
    findSame: (personalId: string) => Promise<SameRecord | undefined>;
    /** hits that are this very list or record and must not pre-fill */
    ignoreHit: (hit: IdentityHit) => boolean;
    describe: (hit: IdentityHit) => string;
    onScanned: (name: string) => void;
  },
): IdentityAssist {
  const { repos } = useServices();
  const { personalId, idIssueCount, recordId, findSame, ignoreHit, describe, onScanned } = options;
  const [lookup, setLookup] = useState<{ personalId: string; same: SameRecord | undefined }>();
  const [prefilledFrom, setPrefilledFrom] = useState<string>();
  const [confirmFlag, setConfirmFlag] = useState(false);
  const [prompted, setPrompted] = useState(false);
  const { getValues, setValue, setFocus } = form;
  const set = (key: keyof PersonDraft, value: string) => setValue(key as Path<V>, value as PathValue<V, Path<V>>, TOUCH);
  // results for another ID than the one now typed are stale
  const sameRecord = lookup && lookup.personalId === personalId ? lookup.same : undefined;
  const flagPrompt = prompted && idIssueCount > 0;

  useEffect(() => {
    if (!personalId) return;
    let live = true;
    void Promise.all([findSame(personalId), repos.identity.findByPersonalId(personalId)]).then(([same, found]) => {
      if (!live) return;
      setLookup({ personalId, same });
      // Pre-fill the empty identity fields from the newest record elsewhere with this ID.
      const hit = found.find((h) => h.recordId !== recordId && !ignoreHit(h));
      if (!hit || recordId) return;
      const current = getValues();
      const source = personToDraft(hit.person);
      let filled = false;
      for (const key of PREFILL_KEYS) {
        if (!current[key] && source[key]) {
          setValue(key as Path<V>, source[key] as PathValue<V, Path<V>>, { shouldValidate: true });
          filled = true;
        }
      }
      if (filled) setPrefilledFrom(describe(hit));
    });
    return () => {
      live = false;
    };
    // the lookups depend only on the ID and the record being edited
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [personalId, recordId, repos]);

  return {
    sameRecord,
    prefilledFrom,
    confirmFlag,
    setConfirmFlag,
    flagPrompt,
    blocksSave(check) {
      if (check.idIssues.length > 0 && !confirmFlag) {
        setPrompted(true);
        document.getElementById('confirm-id-flag')?.focus();
        return true;
      }
      if (sameRecord) {
        setFocus('personalId' as Path<V>);
        return true;
      }
      return false;
    },
    clear() {
      setConfirmFlag(false);
      setPrompted(false);
      setPrefilledFrom(undefined);
    },
    takeQrScan(e) {
      const target = e.target;
      if (!(target instanceof HTMLInputElement) || target.type === 'checkbox') return false;
      const scanned = extractQrFromFieldValue(target.value);
      if (!scanned) return false;
      e.preventDefault();
      const { qr, before } = scanned;
      // the field keeps what it held before the scanner typed into it
      if (target.name) setValue(target.name as Path<V>, before as PathValue<V, Path<V>>);
      set('personalId', qr.personalId);
      set('oldId', qr.oldId);
      set('fullName', qr.fullName);
      set('birthDate', qr.birthDate ? formatPartialDate(qr.birthDate) : '');
      if (qr.sex) set('sex', qr.sex);
      set('address', qr.address);
      onScanned(qr.fullName);
      setFocus('hamletId' as Path<V>);
      return true;
    },
  };
}

/** The identity fields in the order of the paper forms. */
export function IdentityFields<V extends FieldValues & PersonDraft>({
  form,
  assist,
  check,
  hamlets,
  familyLabel,
  onOpenRecord,
  nameLabel = 'Họ và tên',
  birthRequired = true,
  sexRequired = true,
  idRequired = false,
  idLabel = 'Số định danh cá nhân (CCCD)',
  birthWarning,
  afterId,
}: {
  form: UseFormReturn<V>;
  assist: IdentityAssist;
  check: PersonCheck;
  hamlets: readonly Hamlet[];
  /** "danh sách Hội Người cao tuổi", "thông tin lao động"… for the duplicate message */
  familyLabel: string;
  onOpenRecord: (id: string) => void;
  nameLabel?: string;
  birthRequired?: boolean;
  sexRequired?: boolean;
  idRequired?: boolean;
  idLabel?: string;
  birthWarning?: ReactNode;
  afterId?: ReactNode;
}) {
  const { register, formState, watch } = form;
  const reg = (name: keyof PersonDraft) => register(name as Path<V>);
  const err = (name: keyof PersonDraft): string | undefined => {
    const e = formState.errors[name as keyof typeof formState.errors];
    return typeof e?.message === 'string' ? e.message : undefined;
  };
  const hamletId = watch('hamletId' as Path<V>) as string;
  const hamletOptions = hamlets.filter((h) => !h.hidden || h.id === hamletId);
  const { sameRecord, prefilledFrom, confirmFlag, setConfirmFlag, flagPrompt } = assist;
  const idIssues = check.idIssues;

  return (
    <>
      <p className="form-tip span-2">Có thể quét mã QR trên thẻ CCCD gắn chip vào bất kỳ ô nào để điền tự động.</p>
      <Field label={nameLabel} required error={err('fullName')} className="span-2">
        {(p) => <input {...p} {...reg('fullName')} autoComplete="off" autoFocus />}
      </Field>
      <Field label="Ngày sinh" required={birthRequired} error={err('birthDate')} hint="dd/mm/yyyy, mm/yyyy hoặc chỉ năm sinh" warning={birthWarning}>
        {(p) => <input {...p} {...reg('birthDate')} autoComplete="off" placeholder="12/03/1950" />}
      </Field>
      <Field label="Giới tính" required={sexRequired} error={err('sex')}>
        {(p) => (
          <select {...p} {...reg('sex')}>
            <option value="">—</option>
            <option value="male">Nam</option>
            <option value="female">Nữ</option>
          </select>
        )}
      </Field>
      <Field
        label={idLabel}
        required={idRequired}
        error={err('personalId') ?? (sameRecord ? `Số định danh này đã có trong ${familyLabel} (${sameRecord.fullName}).` : undefined)}
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
        {(p) => <input {...p} {...reg('personalId')} autoComplete="off" inputMode="numeric" />}
      </Field>
      <Field label="Số CMND cũ (9 số)" error={err('oldId')}>
        {(p) => <input {...p} {...reg('oldId')} autoComplete="off" inputMode="numeric" />}
      </Field>
      {sameRecord ? (
        <div className="notice notice-error span-2" role="alert">
          Không thể lưu trùng: số định danh này đã có trong {familyLabel}.{' '}
          <button type="button" className="link" onClick={() => onOpenRecord(sameRecord.id)}>
            Mở hồ sơ {sameRecord.fullName}
          </button>
        </div>
      ) : null}
      {idIssues.length ? (
        <label className={`confirm-flag span-2${flagPrompt && !confirmFlag ? ' attention' : ''}`}>
          <input id="confirm-id-flag" type="checkbox" checked={confirmFlag} onChange={(e) => setConfirmFlag(e.target.checked)} />
          Tôi đã đối chiếu giấy tờ, vẫn lưu số định danh này (hồ sơ sẽ được đánh dấu để làm sạch sau).
        </label>
      ) : null}
      {prefilledFrom ? (
        <div className="notice notice-info span-2">
          Số định danh này đã có trong {prefilledFrom}. Các ô còn trống đã được điền sẵn — kiểm tra lại trước khi lưu.
        </div>
      ) : null}
      {afterId}
      <Field label="Số điện thoại" error={err('phone')}>
        {(p) => <input {...p} {...reg('phone')} autoComplete="off" inputMode="tel" />}
      </Field>
      <Field label="Thôn / tổ dân phố" error={err('hamletId')}>
        {(p) => (
          <select {...p} {...reg('hamletId')}>
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
        {(p) => <input {...p} {...reg('address')} autoComplete="off" />}
      </Field>
    </>
  );
}

/** react-hook-form resolver from a check function returning field errors. */
export function resolverFrom<V extends FieldValues>(errorsOf: (values: V) => Partial<Record<string, string>>) {
  return async (values: V) => {
    const errors = errorsOf(values);
    const entries = Object.entries(errors)
      .filter(([, m]) => m)
      .map(([k, message]) => [k, { type: 'validate', message }]);
    return { values: entries.length ? {} : values, errors: Object.fromEntries(entries) };
  };
}
