import { Field } from '../../components/ui/Field';
import type { OfficerErrors, OfficerInput } from '../../db/repositories/officer-repo';

export type OfficerDraft = OfficerInput & { pinConfirm: string };
export const EMPTY_OFFICER_DRAFT: OfficerDraft = { fullName: '', title: '', pin: '', pinConfirm: '' };

export function OfficerFields({
  draft,
  errors,
  onChange,
  pinOptional,
}: {
  draft: OfficerDraft;
  errors: OfficerErrors & { pinConfirm?: string };
  onChange: (draft: OfficerDraft) => void;
  pinOptional?: boolean;
}) {
  const set = (key: keyof OfficerDraft) => (e: { target: { value: string } }) => onChange({ ...draft, [key]: e.target.value });
  return (
    <div className="form-grid">
      <Field label="Họ và tên cán bộ" required error={errors.fullName}>
        {(p) => <input {...p} value={draft.fullName} onChange={set('fullName')} autoComplete="off" />}
      </Field>
      <Field label="Cấp bậc, chức vụ" required error={errors.title} hint='Ví dụ: "Thượng úy – Phó Trưởng Công an xã"'>
        {(p) => <input {...p} value={draft.title} onChange={set('title')} autoComplete="off" />}
      </Field>
      <Field
        label={pinOptional ? 'Mã PIN mới (để trống nếu không đổi)' : 'Mã PIN đăng nhập'}
        required={!pinOptional}
        error={errors.pin}
        hint="4 đến 8 chữ số, chỉ cán bộ này biết."
      >
        {(p) => <input {...p} type="password" inputMode="numeric" value={draft.pin} onChange={set('pin')} autoComplete="new-password" />}
      </Field>
      <Field label="Nhập lại mã PIN" required={!pinOptional} error={errors.pinConfirm}>
        {(p) => (
          <input {...p} type="password" inputMode="numeric" value={draft.pinConfirm} onChange={set('pinConfirm')} autoComplete="new-password" />
        )}
      </Field>
    </div>
  );
}

export function checkPinConfirm(draft: OfficerDraft): string | undefined {
  return draft.pin !== draft.pinConfirm ? 'Hai lần nhập mã PIN không khớp.' : undefined;
}
