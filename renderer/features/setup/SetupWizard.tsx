/**
 * First run: the unit, its hamlets, and the first officer. Nothing is saved
 * until the last step, then all of it in one transaction.
 */
import { useState } from 'react';
import { Button } from '../../components/ui/Button';
import { Field } from '../../components/ui/Field';
import { useServices } from '../../context/services';
import { clearChangedErrors } from '../../lib/form-errors';
import { validateUnitSettings, type UnitSettingsErrors } from '../../../shared/settings/unit-settings';
import type { Officer, UnitSettings } from '../../../shared/domain/types';
import { checkOfficerInput, type OfficerErrors } from '../../db/repositories/officer-repo';
import { EMPTY_UNIT_DRAFT, UnitFields, type UnitDraft } from '../../components/unit/UnitFields';
import { checkPinConfirm, EMPTY_OFFICER_DRAFT, OfficerFields, type OfficerDraft } from '../../components/unit/OfficerFields';
import { parseHamletLines } from '../../components/unit/hamlet-lines';

const STEPS = ['Thông tin đơn vị', 'Thôn, tổ dân phố', 'Cán bộ sử dụng'] as const;

export function SetupWizard({ onDone }: { onDone: (officer: Officer) => void }) {
  const { repos } = useServices();
  const [step, setStep] = useState(0);
  const [unitDraft, setUnitDraft] = useState<UnitDraft>(EMPTY_UNIT_DRAFT);
  const [unitErrors, setUnitErrors] = useState<UnitSettingsErrors>({});
  const [unit, setUnit] = useState<UnitSettings | null>(null);
  const [hamletText, setHamletText] = useState('');
  const [hamletError, setHamletError] = useState<string>();
  const [officerDraft, setOfficerDraft] = useState<OfficerDraft>(EMPTY_OFFICER_DRAFT);
  const [officerErrors, setOfficerErrors] = useState<OfficerErrors & { pinConfirm?: string }>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();

  const hamlets = parseHamletLines(hamletText);

  const next = async () => {
    setFailure(undefined);
    if (step === 0) {
      const checked = validateUnitSettings(unitDraft);
      if (!checked.ok) {
        setUnitErrors(checked.errors ?? {});
        return;
      }
      setUnitErrors({});
      setUnit(checked.value);
      setStep(1);
    } else if (step === 1) {
      if (!hamlets.ok) {
        setHamletError(hamlets.message);
        return;
      }
      setHamletError(undefined);
      setStep(2);
    } else if (unit && hamlets.ok) {
      const errors: OfficerErrors & { pinConfirm?: string } = checkOfficerInput(officerDraft);
      const confirm = checkPinConfirm(officerDraft);
      if (confirm) errors.pinConfirm = confirm;
      setOfficerErrors(errors);
      if (Object.keys(errors).length) return;
      setBusy(true);
      try {
        const officer = await repos.officers.build(officerDraft);
        if (!officer.ok) {
          setFailure(officer.message);
          return;
        }
        await repos.setup.complete(unit, hamlets.value, officer.value);
        onDone(officer.value);
      } catch (e) {
        setFailure(`Không lưu được thiết lập: ${e instanceof Error ? e.message : String(e)}`);
      } finally {
        setBusy(false);
      }
    }
  };

  return (
    <div className="setup-screen">
      <form
        className="setup-card"
        onSubmit={(e) => {
          e.preventDefault();
          void next();
        }}
        aria-label="Thiết lập ban đầu"
      >
        <h1>Sổ Đề án 06 — Thiết lập ban đầu</h1>
        <ol className="steps">
          {STEPS.map((label, i) => (
            <li key={label} className={i === step ? 'current' : i < step ? 'done' : ''} aria-current={i === step ? 'step' : undefined}>
              <span className="step-no">{i + 1}</span> {label}
            </li>
          ))}
        </ol>
        {step === 0 ? (
          <>
            <p className="lead">Thông tin này in ở đầu báo cáo và trong tệp Excel gửi cấp trên. Có thể sửa lại trong mục Cài đặt.</p>
            <UnitFields
              draft={unitDraft}
              errors={unitErrors}
              onChange={(d) => {
                setUnitErrors(clearChangedErrors(unitErrors, unitDraft, d));
                setUnitDraft(d);
              }}
            />
          </>
        ) : null}
        {step === 1 ? (
          <>
            <p className="lead">Danh sách thôn, tổ dân phố của địa bàn — mỗi dòng một tên. Có thể bổ sung sau.</p>
            <Field label="Thôn / tổ dân phố" error={hamletError} hint={hamlets.ok ? `${hamlets.value.length} thôn/tổ dân phố` : undefined}>
              {(p) => (
                <textarea
                  {...p}
                  rows={10}
                  value={hamletText}
                  onChange={(e) => setHamletText(e.target.value)}
                  placeholder={'Thôn Phú Lộc\nThôn Phú Thạnh\nTổ dân phố 1'}
                />
              )}
            </Field>
          </>
        ) : null}
        {step === 2 ? (
          <>
            <p className="lead">Cán bộ đầu tiên sử dụng phần mềm. Mỗi lần mở phần mềm, cán bộ chọn tên mình và nhập mã PIN; mọi thao tác đều ghi tên người thực hiện.</p>
            <OfficerFields
              draft={officerDraft}
              errors={officerErrors}
              onChange={(d) => {
                setOfficerErrors(clearChangedErrors(officerErrors, officerDraft, d));
                setOfficerDraft(d);
              }}
            />
          </>
        ) : null}
        {failure ? (
          <p className="form-failure" role="alert">
            {failure}
          </p>
        ) : null}
        <div className="setup-actions">
          {step > 0 ? (
            <Button onClick={() => setStep(step - 1)} disabled={busy}>
              Quay lại
            </Button>
          ) : (
            <span />
          )}
          <Button variant="primary" type="submit" disabled={busy}>
            {step < 2 ? 'Tiếp tục' : busy ? 'Đang lưu…' : 'Hoàn tất'}
          </Button>
        </div>
      </form>
    </div>
  );
}
