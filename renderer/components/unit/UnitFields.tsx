/** The unit's settings fields, shared by the first-run wizard and the Settings screen. */
import { Field } from '../../components/ui/Field';
import { SUPERIOR_LEVEL_LABELS, type UnitSettingsErrors } from '../../../shared/settings/unit-settings';

export type UnitDraft = {
  unitName: string;
  superiorName: string;
  superiorLevel: string;
  placeName: string;
  reportNumberSuffix: string;
  cutoffDay: string;
};

export const EMPTY_UNIT_DRAFT: UnitDraft = {
  unitName: '',
  superiorName: '',
  superiorLevel: 'province',
  placeName: '',
  reportNumberSuffix: 'BC-CAX',
  cutoffDay: '20',
};

export function UnitFields({
  draft,
  errors,
  onChange,
}: {
  draft: UnitDraft;
  errors: UnitSettingsErrors;
  onChange: (draft: UnitDraft) => void;
}) {
  const set = (key: keyof UnitDraft) => (e: { target: { value: string } }) => onChange({ ...draft, [key]: e.target.value });
  return (
    <div className="form-grid">
      <Field label="Tên đơn vị" required error={errors.unitName} hint='Ví dụ: "Công an xã Vĩnh Hiệp"' className="span-2">
        {(p) => <input {...p} value={draft.unitName} onChange={set('unitName')} autoComplete="off" />}
      </Field>
      <Field label="Đơn vị cấp trên" required error={errors.superiorName} hint='Ví dụ: "Công an tỉnh Khánh Hòa"'>
        {(p) => <input {...p} value={draft.superiorName} onChange={set('superiorName')} autoComplete="off" />}
      </Field>
      <Field label="Cấp của đơn vị cấp trên" required error={errors.superiorLevel}>
        {(p) => (
          <select {...p} value={draft.superiorLevel} onChange={set('superiorLevel')}>
            {Object.entries(SUPERIOR_LEVEL_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Địa danh ghi ở dòng ngày tháng" required error={errors.placeName} hint='"Vĩnh Hiệp, ngày … tháng … năm …"'>
        {(p) => <input {...p} value={draft.placeName} onChange={set('placeName')} autoComplete="off" />}
      </Field>
      <Field label="Ký hiệu báo cáo" required error={errors.reportNumberSuffix} hint='"Số: 05/BC-CAX" — nhập phần sau dấu "/"'>
        {(p) => <input {...p} value={draft.reportNumberSuffix} onChange={set('reportNumberSuffix')} autoComplete="off" />}
      </Field>
      <Field label="Ngày chốt số liệu hằng tháng" required error={errors.cutoffDay} hint="Kỳ báo cáo kết thúc vào ngày này (1–28).">
        {(p) => <input {...p} value={draft.cutoffDay} onChange={set('cutoffDay')} inputMode="numeric" autoComplete="off" />}
      </Field>
    </div>
  );
}
