/**
 * Keyboard-first entry of one labour information form (phiếu thu thập thông tin về người
 * lao động, TT 01/2022/TT-BLĐTBXH), questions in the order of the paper form. Only the
 * questions of the chosen economic status are shown, and only those are stored.
 * Enter saves and starts the next person (hamlet, ethnicity and addresses are kept —
 * the next person is usually from the same household); Esc closes.
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
import {
  checkLabour,
  ECONOMIC_STATUSES,
  EMPLOYMENT_POSITIONS,
  EMPTY_LABOUR_DRAFT,
  ETHNICITIES,
  GENERAL_EDUCATION_LEVELS,
  INACTIVE_REASONS,
  isTrainedQualification,
  labourFieldsFor,
  labourToDraft,
  RELATIONS_TO_HEAD,
  TECHNICAL_QUALIFICATIONS,
  UNEMPLOYMENT_DURATIONS,
  WORKPLACE_TYPES,
  type ChoiceList,
  type LabourDraft,
} from '../../../shared/domain/labour';
import { isoDay } from '../../../shared/dates/partial-date';
import type { Dc01Category, Hamlet, LabourRecord, MemberList } from '../../../shared/domain/types';
import '../../styles/labour.css';

/** The form's questions as the officer reads them (also used by the detail view). */
export const LABOUR_LABELS = {
  socialInsuranceNo: 'Số sổ BHXH',
  permanentAddress: 'Nơi thường trú',
  currentAddress: 'Nơi ở hiện tại',
  ethnicity: 'Dân tộc',
  relationToHead: 'Quan hệ với chủ hộ',
  generalEducation: 'Trình độ giáo dục phổ thông',
  technicalQualification: 'Trình độ chuyên môn kỹ thuật',
  fieldOfTraining: 'Chuyên ngành đào tạo',
  economicStatus: 'Tình trạng hoạt động kinh tế',
  employmentPosition: 'Vị thế việc làm',
  job: 'Công việc cụ thể',
  hasLabourContract: 'Có hợp đồng lao động',
  hasSocialInsurance: 'Tham gia BHXH',
  workplaceName: 'Tên nơi làm việc',
  workplaceType: 'Loại hình nơi làm việc',
  workplaceAddress: 'Địa chỉ nơi làm việc',
  unemploymentDuration: 'Thời gian thất nghiệp',
  inactiveReason: 'Lý do không tham gia hoạt động kinh tế',
} as const satisfies Partial<Record<keyof LabourDraft, string>>;

export type LabourFormProps = {
  hamlets: readonly Hamlet[];
  lists: readonly MemberList[];
  categories: readonly Dc01Category[];
  /** editing an existing record; absent = new entries */
  record?: LabourRecord;
  initialHamletId: string;
  onClose: () => void;
  onOpenRecord: (id: string) => void;
};

export function LabourForm({ hamlets, lists, categories, record, initialHamletId, onClose, onOpenRecord }: LabourFormProps) {
  const { repos, clock } = useServices();
  const { officer } = useSession();
  const toast = useToast();
  const today = isoDay(clock());

  const blank = (keep: Pick<LabourDraft, 'hamletId' | 'ethnicity' | 'permanentAddress' | 'currentAddress'>): LabourDraft => ({
    ...EMPTY_LABOUR_DRAFT,
    ...keep,
  });
  const form = useForm<LabourDraft>({
    defaultValues: record
      ? labourToDraft(record)
      : blank({ hamletId: initialHamletId, ethnicity: EMPTY_LABOUR_DRAFT.ethnicity, permanentAddress: '', currentAddress: '' }),
    mode: 'onTouched',
    reValidateMode: 'onChange',
    resolver: resolverFrom<LabourDraft>((v) => checkLabour(v, { today }).errors),
  });
  const { register, formState, setValue, getValues, watch } = form;
  const values = watch();
  const check = useMemo(() => checkLabour(values, { today }), [values, today]);
  const assist = useIdentityAssist(form, {
    personalId: check.value.personalId,
    idIssueCount: check.idIssues.length,
    recordId: record?.id,
    findSame: (id) => repos.labour.findSameId(id, record?.id),
    ignoreHit: (h) => h.family === 'labour',
    describe: (h) => describeHit(h, lists, categories),
    onScanned: (name) => toast.show(`Đã đọc thẻ CCCD: ${name}`),
  });
  const { save, onEnter, failure, saving, savedCount } = useEntrySave({
    form,
    assist,
    editing: Boolean(record),
    personCheck: (v) => checkLabour(v, { today }),
    // checkLabour's value holds only the questions of the chosen status.
    write: (v) => {
      const checked = checkLabour(v, { today });
      const input = { ...checked.value, idFlagged: checked.idIssues.length > 0 };
      return record ? repos.labour.update(record.id, input, officer.id) : repos.labour.create(input, officer.id);
    },
    next: (v) => blank({ hamletId: v.hamletId, ethnicity: v.ethnicity, permanentAddress: v.permanentAddress, currentAddress: v.currentAddress }),
    savedMessage: (r, editing) => `${editing ? 'Đã lưu thay đổi' : 'Đã lưu'}: ${r.fullName}`,
    afterSave: (v) => void repos.settings.setLastHamletId(v.hamletId),
    onClose,
  });

  // The card's address is the permanent residence: fill it when still empty.
  const onKeyDown = (e: React.KeyboardEvent<HTMLFormElement>) =>
    onEnter(e, () => {
      const address = getValues('address');
      if (address && !getValues('permanentAddress')) setValue('permanentAddress', address, { shouldDirty: true, shouldValidate: true });
    });

  const err = (k: keyof LabourDraft) => formState.errors[k]?.message;
  const statusFields = new Set(labourFieldsFor(values.economicStatus));
  const trained = isTrainedQualification(values.technicalQualification);

  const text = (name: keyof typeof LABOUR_LABELS & keyof LabourDraft, options?: { span?: boolean; hint?: string; numeric?: boolean }) => (
    <Field label={LABOUR_LABELS[name]} error={err(name)} className={options?.span ? 'span-2' : ''} {...(options?.hint ? { hint: options.hint } : {})}>
      {(p) => <input {...p} {...register(name)} autoComplete="off" {...(options?.numeric ? { inputMode: 'numeric' as const } : {})} />}
    </Field>
  );
  const choice = (name: keyof typeof LABOUR_LABELS & keyof LabourDraft, list: ChoiceList, options?: { required?: boolean; span?: boolean }) => (
    <Field label={LABOUR_LABELS[name]} error={err(name)} required={options?.required ?? false} className={options?.span ? 'span-2' : ''}>
      {(p) => (
        <select {...p} {...register(name)}>
          <option value="">—</option>
          {list.map((c) => (
            <option key={c.key} value={c.key}>
              {c.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  const yesNo = (name: 'hasLabourContract' | 'hasSocialInsurance') => (
    <Field label={LABOUR_LABELS[name]} error={err(name)}>
      {(p) => (
        <select {...p} {...register(name)}>
          <option value="">—</option>
          <option value="yes">Có</option>
          <option value="no">Không</option>
        </select>
      )}
    </Field>
  );
  const statusError = err('economicStatus');

  return (
    <Dialog
      title={record ? 'Sửa phiếu thông tin người lao động' : 'Nhập phiếu thông tin người lao động'}
      onClose={onClose}
      wide
      footer={<EntryFooter editing={Boolean(record)} savedCount={savedCount} saving={saving} unit="người" onSave={() => void save()} onClose={onClose} />}
    >
      <form className="form-grid labour-form" onKeyDown={onKeyDown} onSubmit={(e) => e.preventDefault()} noValidate>
        <IdentityFields
          form={form}
          assist={assist}
          check={check}
          hamlets={hamlets}
          familyLabel="thông tin lao động"
          onOpenRecord={onOpenRecord}
          idRequired
        />

        <h3 className="labour-section span-2">Thông tin lao động</h3>
        {text('socialInsuranceNo', { hint: '10 chữ số (nếu có)', numeric: true })}
        {text('permanentAddress')}
        {text('currentAddress')}
        {choice('ethnicity', ETHNICITIES)}
        {choice('relationToHead', RELATIONS_TO_HEAD)}
        {choice('generalEducation', GENERAL_EDUCATION_LEVELS)}
        {choice('technicalQualification', TECHNICAL_QUALIFICATIONS)}
        {trained ? text('fieldOfTraining', { hint: 'Ví dụ: Kế toán, Điện dân dụng' }) : <div aria-hidden="true" />}

        <fieldset
          className={`labour-status span-2${statusError ? ' field-error' : ''}`}
          aria-describedby={statusError ? 'labour-status-msg' : undefined}
        >
          <legend>
            {LABOUR_LABELS.economicStatus}
            <span className="required" aria-hidden="true">
              {' '}
              *
            </span>
          </legend>
          <div className="status-choices">
            {ECONOMIC_STATUSES.map((s) => (
              <label key={s.key} className="status-choice">
                <input
                  type="radio"
                  value={s.key}
                  aria-invalid={Boolean(statusError)}
                  aria-describedby={statusError ? 'labour-status-msg' : undefined}
                  {...register('economicStatus')}
                />
                {s.label}
              </label>
            ))}
          </div>
          {statusError ? (
            <div id="labour-status-msg" className="field-message" role="alert">
              {statusError}
            </div>
          ) : null}
        </fieldset>

        {statusFields.has('employmentPosition') ? (
          <>
            {choice('employmentPosition', EMPLOYMENT_POSITIONS, { required: true })}
            {text('job')}
            {yesNo('hasLabourContract')}
            {yesNo('hasSocialInsurance')}
            {text('workplaceName')}
            {choice('workplaceType', WORKPLACE_TYPES)}
            {text('workplaceAddress', { span: true })}
          </>
        ) : null}
        {statusFields.has('unemploymentDuration') ? choice('unemploymentDuration', UNEMPLOYMENT_DURATIONS, { required: true, span: true }) : null}
        {statusFields.has('inactiveReason') ? choice('inactiveReason', INACTIVE_REASONS, { required: true, span: true }) : null}

        <Field label="Ghi chú" error={err('note')} className="span-2">
          {(p) => <input {...p} {...register('note')} autoComplete="off" />}
        </Field>
        <FormFailure failure={failure} />
      </form>
    </Dialog>
  );
}
