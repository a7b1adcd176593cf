/**
 * Keyboard-first entry of one declaration (tờ khai): the owner, then the owner's
 * vehicles, one row each. Alt+N adds a vehicle; Enter saves and starts the next
 * declaration (the hamlet is kept); Esc closes.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useFieldArray, useForm, type FieldErrors, type Resolver } from 'react-hook-form';
import { Button } from '../../components/ui/Button';
import { Dialog } from '../../components/ui/Dialog';
import { Field } from '../../components/ui/Field';
import { useToast } from '../../components/ui/Toast';
import { useServices } from '../../context/services';
import { useSession } from '../../context/session';
import { describeHit, IdentityFields, useIdentityAssist } from '../../components/records/identity';
import { EntryFooter, FormFailure, useEntrySave } from '../../components/records/entry-form';
import { EMPTY_PERSON_DRAFT, type PersonCheck } from '../../../shared/domain/person';
import {
  checkChassisNo,
  checkDeclaration,
  checkPlate,
  declarationKeys,
  declarationToDraft,
  EMPTY_VEHICLE_DRAFT,
  isVehicleKind,
  plateRequired,
  type DeclarationDraft,
  type VehicleDraft,
} from '../../../shared/domain/vehicles';
import { VEHICLE_KIND_LABELS } from '../../../shared/domain/catalogues';
import { isoDay } from '../../../shared/dates/partial-date';
import type { Dc01Category, Hamlet, MemberList, VehicleDeclaration } from '../../../shared/domain/types';

type FormValues = DeclarationDraft;

export type DeclarationFormProps = {
  hamlets: readonly Hamlet[];
  lists: readonly MemberList[];
  categories: readonly Dc01Category[];
  /** editing an existing declaration; absent = new entries */
  record?: VehicleDeclaration;
  initialHamletId: string;
  onClose: () => void;
  onOpenRecord: (id: string) => void;
};

const KIND_OPTIONS = Object.entries(VEHICLE_KIND_LABELS);

const VEHICLE_FIELDS: readonly { key: Exclude<keyof VehicleDraft, 'kind'>; label: string; placeholder?: string }[] = [
  { key: 'plate', label: 'Biển số', placeholder: '59-X1 234.56' },
  { key: 'brand', label: 'Nhãn hiệu', placeholder: 'Honda' },
  { key: 'model', label: 'Số loại', placeholder: 'Wave Alpha' },
  { key: 'colour', label: 'Màu sơn' },
  { key: 'frameNo', label: 'Số khung' },
  { key: 'engineNo', label: 'Số máy' },
];

type CodeField = 'plate' | 'frameNo' | 'engineNo';
const isCodeField = (k: keyof VehicleDraft): k is CodeField => k === 'plate' || k === 'frameNo' || k === 'engineNo';

/** Which vehicle field a refusal from the repository is about ("Biển số … đã có trong tờ khai của …"), and its key index. */
const CLASH_FIELDS = [
  ['Biển số', 'plate', 'plateKeys'],
  ['Số khung', 'frameNo', 'frameKeys'],
  ['Số máy', 'engineNo', 'engineKeys'],
] as const;

const newVehicle = (): VehicleDraft => ({ ...EMPTY_VEHICLE_DRAFT });

const blank = (hamletId: string): FormValues => ({ ...EMPTY_PERSON_DRAFT, hamletId, vehicles: [newVehicle()] });

/** checkDeclaration's messages as react-hook-form errors: owner fields, each vehicle's fields, the section. */
function declarationResolver(today: string): Resolver<FormValues> {
  return async (values) => {
    const check = checkDeclaration(values, { today });
    const errors: Record<string, unknown> = {};
    for (const [key, message] of Object.entries(check.errors)) {
      if (message) errors[key] = { type: 'validate', message };
    }
    const rows = check.vehicleErrors.map((e) => {
      const entries = Object.entries(e).filter(([, m]) => m);
      return entries.length ? Object.fromEntries(entries.map(([k, message]) => [k, { type: 'validate', message }])) : undefined;
    });
    if (rows.some(Boolean)) errors.vehicles = rows;
    const failed = Object.keys(errors).length > 0;
    return failed ? { values: {}, errors: errors as FieldErrors<FormValues> } : { values, errors: {} };
  };
}

export function DeclarationForm({ hamlets, lists, categories, record, initialHamletId, onClose, onOpenRecord }: DeclarationFormProps) {
  const { repos, clock } = useServices();
  const { officer } = useSession();
  const toast = useToast();
  const today = isoDay(clock());

  const form = useForm<FormValues>({
    defaultValues: record ? declarationToDraft(record) : blank(initialHamletId),
    mode: 'onTouched',
    reValidateMode: 'onChange',
    resolver: declarationResolver(today),
  });
  const { register, formState, setFocus, setValue, getValues, setError, trigger, watch, control } = form;
  const { fields: rows, append, remove } = useFieldArray({ control, name: 'vehicles' });
  const values = watch();
  const check = useMemo(() => checkDeclaration(values, { today }), [values, today]);
  const personCheck: PersonCheck = { errors: check.errors, idIssues: check.idIssues, value: check.value.person };
  const assist = useIdentityAssist(form, {
    personalId: check.value.person.personalId,
    idIssueCount: check.idIssues.length,
    recordId: record?.id,
    // One owner may have several declarations: the same ID is never refused here.
    findSame: async () => undefined,
    ignoreHit: (h) => h.family === 'vehicles' && h.recordId === record?.id,
    describe: (h) => describeHit(h, lists, categories),
    onScanned: (name) => toast.show(`Đã đọc thẻ CCCD: ${name}`),
  });
  const [owned, setOwned] = useState<{ personalId: string; declarations: VehicleDeclaration[] }>();
  const [clash, setClash] = useState<string>();
  const [focusRow, setFocusRow] = useState<{ index: number } | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  // After a row is removed, focus goes to the row that took its place (or the one
  // before it), or to "+ Thêm phương tiện" when none is left.
  useEffect(() => {
    if (!focusRow) return;
    if (focusRow.index >= 0) setFocus(`vehicles.${focusRow.index}.kind`);
    else addButton.current?.focus();
  }, [focusRow, setFocus]);

  // The owner's other declarations: allowed, but the officer may rather add the vehicles there.
  const ownerId = check.value.person.personalId;
  useEffect(() => {
    if (!ownerId) return;
    let live = true;
    void repos.declarations.byOwner(ownerId, record?.id).then((declarations) => {
      if (live) setOwned({ personalId: ownerId, declarations });
    });
    return () => {
      live = false;
    };
  }, [ownerId, record?.id, repos]);
  const otherDeclarations = owned && owned.personalId === ownerId ? owned.declarations : [];

  const addVehicle = () => {
    // useFieldArray focuses the new row's first field (its kind).
    append(newVehicle());
  };
  const removeVehicle = (index: number) => {
    remove(index);
    const left = rows.length - 1;
    setFocusRow({ index: left === 0 ? -1 : Math.min(index, left - 1) });
  };

  /** Shows the plate, frame and engine numbers the way they are stored, once the officer leaves them. */
  const tidyVehicle = (index: number, field: CodeField) => {
    const v = getValues(`vehicles.${index}`) as VehicleDraft | undefined;
    if (!v) return;
    const tidy =
      field === 'plate' ? checkPlate(v.plate, isVehicleKind(v.kind) ? v.kind : 'other') : checkChassisNo(v[field], field === 'frameNo' ? 'frame' : 'engine');
    if (tidy.ok) {
      const shown = typeof tidy.value === 'string' ? tidy.value : tidy.value.plate;
      if (shown !== v[field]) setValue(`vehicles.${index}.${field}`, shown, { shouldDirty: true });
    }
    // a message from an earlier check (another kind, an empty plate) must not outlive the fix
    void trigger(`vehicles.${index}.${field}`);
  };
  const kindChanged = (index: number) => {
    if (getValues(`vehicles.${index}.plate`)) tidyVehicle(index, 'plate');
  };

  /** Finds which vehicle and field a refusal is about, marks it there and goes to it. */
  const markClash = async (message: string, vehicles: readonly Parameters<typeof declarationKeys>[0][number][]) => {
    const about = CLASH_FIELDS.find(([label]) => message.startsWith(label));
    if (!about) return;
    const [, field, index] = about;
    for (const [i, v] of vehicles.entries()) {
      const keys = { plateKeys: [], frameKeys: [], engineKeys: [], [index]: declarationKeys([v])[index] };
      const refusal = await repos.declarations.findClash({ id: record?.id ?? '', ...keys });
      if (refusal) {
        setError(`vehicles.${i}.${field}`, { type: 'duplicate', message: refusal.message }, { shouldFocus: true });
        return;
      }
    }
  };

  const { save, onEnter, failure, saving, savedCount } = useEntrySave({
    form,
    assist,
    editing: Boolean(record),
    personCheck: (v) => {
      const c = checkDeclaration(v, { today });
      return { errors: c.errors, idIssues: c.idIssues, value: c.value.person };
    },
    write: (v) => {
      const checked = checkDeclaration(v, { today });
      const input = { ...checked.value.person, vehicles: checked.value.vehicles, idFlagged: checked.idIssues.length > 0 };
      return record ? repos.declarations.update(record.id, input, officer.id) : repos.declarations.create(input, officer.id);
    },
    next: (v) => blank(v.hamletId),
    savedMessage: (r, editing) => `${editing ? 'Đã lưu thay đổi' : 'Đã lưu tờ khai'}: ${r.fullName} (${r.vehicles.length} phương tiện)`,
    afterSave: (v) => void repos.settings.setLastHamletId(v.hamletId),
    onClose,
    onAttempt: () => setClash(undefined),
    // A plate, frame or engine number of another declaration: said at the top and on that vehicle's field.
    onDuplicate: async (message, v) => {
      setClash(message);
      await markClash(message, checkDeclaration(v, { today }).value.vehicles);
    },
  });

  const onKeyDown = (e: React.KeyboardEvent<HTMLFormElement>) => {
    if (e.altKey && !e.ctrlKey && !e.metaKey && (e.code === 'KeyN' || e.key.toLowerCase() === 'n')) {
      e.preventDefault();
      addVehicle();
      return;
    }
    onEnter(e);
  };

  const err = (k: 'note') => formState.errors[k]?.message;
  const vehicleErr = (index: number, k: keyof VehicleDraft) => formState.errors.vehicles?.[index]?.[k]?.message;
  const sectionError = rows.length === 0 && formState.isSubmitted ? check.errors.vehicles : undefined;

  return (
    <Dialog
      title={record ? `Sửa tờ khai — ${record.fullName}` : 'Nhập tờ khai phương tiện'}
      onClose={onClose}
      wide
      footer={
        <EntryFooter
          editing={Boolean(record)}
          savedCount={savedCount}
          saving={saving}
          unit="tờ khai"
          extraKeys="Alt+N: thêm phương tiện"
          onSave={() => void save()}
          onClose={onClose}
        />
      }
    >
      <form className="form-grid declaration-form" onKeyDown={onKeyDown} onSubmit={(e) => e.preventDefault()} noValidate>
        <h3 className="form-section-title span-2">Chủ phương tiện</h3>
        <IdentityFields
          form={form}
          assist={assist}
          check={personCheck}
          hamlets={hamlets}
          familyLabel="danh sách tờ khai phương tiện"
          onOpenRecord={onOpenRecord}
          nameLabel="Họ và tên chủ phương tiện"
          idRequired
          idLabel="Số định danh chủ phương tiện"
          afterId={
            otherDeclarations.length ? (
              <div className="notice notice-info span-2" role="status">
                Chủ phương tiện này đã có {otherDeclarations.length} tờ khai:{' '}
                {otherDeclarations.map((d, i) => (
                  <span key={d.id}>
                    {i > 0 ? '; ' : ''}
                    <button type="button" className="link" onClick={() => onOpenRecord(d.id)}>
                      Mở tờ khai {d.fullName} ({d.vehicles.map((v) => v.plate || VEHICLE_KIND_LABELS[v.kind]).join(', ')})
                    </button>
                  </span>
                ))}
                . Nếu chỉ bổ sung xe, có thể mở tờ khai đó và thêm phương tiện; hoặc tiếp tục nhập để lưu thành tờ khai mới.
              </div>
            ) : undefined
          }
        />

        <section className="vehicle-section span-2" aria-labelledby="vehicle-section-title">
          <div className="vehicle-section-header">
            <h3 id="vehicle-section-title" className="form-section-title">
              Phương tiện ({rows.length})
            </h3>
            <button ref={addButton} type="button" className="btn btn-secondary" onClick={addVehicle} title="Phím tắt: Alt+N">
              + Thêm phương tiện (Alt+N)
            </button>
          </div>
          {clash ? (
            <div className="notice notice-error vehicle-clash" role="alert">
              <strong>Không lưu được: </strong>
              {clash} Kiểm tra lại phương tiện này; dữ liệu đã nhập vẫn còn trên màn hình.
            </div>
          ) : null}
          {sectionError ? (
            <p className="field-error-text" role="alert">
              {sectionError}
            </p>
          ) : null}
          {rows.length === 0 && !sectionError ? <p className="muted">Chưa có phương tiện nào. Bấm + Thêm phương tiện (Alt+N).</p> : null}
          {rows.map((row, index) => {
            const kind = values.vehicles[index]?.kind ?? '';
            return (
              <fieldset key={row.id} className="vehicle-row">
                <legend>Phương tiện {index + 1}</legend>
                <Field label="Loại" required error={vehicleErr(index, 'kind')}>
                  {(p) => (
                    <select {...p} {...register(`vehicles.${index}.kind`, { onChange: () => kindChanged(index) })}>
                      {KIND_OPTIONS.map(([key, label]) => (
                        <option key={key} value={key}>
                          {label}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                {VEHICLE_FIELDS.map(({ key, label, placeholder }) => (
                  <Field key={key} label={label} required={key === 'plate' && plateRequired(kind)} error={vehicleErr(index, key)}>
                    {(p) => (
                      <input
                        {...p}
                        {...register(`vehicles.${index}.${key}`, isCodeField(key) ? { onBlur: () => tidyVehicle(index, key) } : {})}
                        className={isCodeField(key) ? 'code-input' : undefined}
                        placeholder={placeholder}
                        autoComplete="off"
                      />
                    )}
                  </Field>
                ))}
                <div className="vehicle-row-actions">
                  <Button variant="ghost" onClick={() => removeVehicle(index)} aria-label={`Xóa phương tiện ${index + 1}`}>
                    Xóa
                  </Button>
                </div>
              </fieldset>
            );
          })}
        </section>

        <Field label="Ghi chú" error={err('note')} className="span-2">
          {(p) => <input {...p} {...register('note')} autoComplete="off" />}
        </Field>
        <FormFailure failure={failure} />
      </form>
    </Dialog>
  );
}
