/**
 * Settings: the unit, its hamlets, its officers, the member lists and their
 * targets. Each section saves on its own so a mistake in one never blocks
 * another; every change is written with the officer who made it.
 */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Button } from '../../components/ui/Button';
import { Card } from '../../components/ui/Card';
import { useToast } from '../../components/ui/Toast';
import { useServices } from '../../context/services';
import { clearChangedErrors } from '../../lib/form-errors';
import { useSession } from '../../context/session';
import { validateUnitSettings, type UnitSettingsErrors } from '../../../shared/settings/unit-settings';
import type { UnitSettings } from '../../../shared/domain/types';
import { UnitFields, type UnitDraft } from '../../components/unit/UnitFields';
import { CatalogueSection } from './CatalogueSection';
import { OfficersSection } from './OfficersSection';
import { TargetsSection } from './TargetsSection';
import { Dc01CategoriesSection } from './Dc01CategoriesSection';
import { TemplatesSection } from './TemplatesSection';
import { BackupSection } from './BackupSection';
import { PackageSection } from './PackageSection';

const TABS = [
  ['unit', 'Đơn vị'],
  ['hamlets', 'Thôn, tổ dân phố'],
  ['officers', 'Cán bộ'],
  ['lists', 'Danh sách hội'],
  ['targets', 'Tổng số (chỉ tiêu)'],
  ['dc01', 'Loại làm sạch DC01'],
  ['templates', 'Mẫu báo cáo cấp trên'],
  ['backup', 'Sao lưu và khôi phục'],
  ['packages', 'Gói dữ liệu'],
] as const;
export type SettingsTab = (typeof TABS)[number][0];
type Tab = SettingsTab;
export const isSettingsTab = (value: string): value is SettingsTab => TABS.some(([key]) => key === value);

export function SettingsPage({ initialTab = 'unit' }: { initialTab?: SettingsTab }) {
  const { repos } = useServices();
  const unit = useLiveQuery(() => repos.settings.getUnit(), [repos]);
  const [tab, setTab] = useState<Tab>(initialTab);
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">Cài đặt</h1>
      </header>
      <div className="tabs" role="tablist" aria-label="Mục cài đặt">
        {TABS.map(([key, label]) => (
          <button
            key={key}
            type="button"
            role="tab"
            id={`tab-${key}`}
            aria-selected={tab === key}
            aria-controls={`panel-${key}`}
            className={tab === key ? 'tab active' : 'tab'}
            onClick={() => setTab(key)}
          >
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="settings-panel">
        {tab === 'unit' ? unit ? <UnitSection key={JSON.stringify(unit)} unit={unit} /> : null : null}
        {tab === 'hamlets' ? <CatalogueSection kind="hamlets" /> : null}
        {tab === 'officers' ? <OfficersSection /> : null}
        {tab === 'lists' ? <CatalogueSection kind="lists" /> : null}
        {tab === 'targets' && unit ? <TargetsSection unit={unit} /> : null}
        {tab === 'dc01' ? <Dc01CategoriesSection /> : null}
        {tab === 'templates' ? <TemplatesSection /> : null}
        {tab === 'backup' ? <BackupSection /> : null}
        {tab === 'packages' ? <PackageSection /> : null}
      </div>
    </section>
  );
}

function UnitSection({ unit }: { unit: UnitSettings }) {
  const { repos } = useServices();
  const { officer } = useSession();
  const toast = useToast();
  const [draft, setDraft] = useState<UnitDraft>({ ...unit, cutoffDay: String(unit.cutoffDay) });
  const [errors, setErrors] = useState<UnitSettingsErrors>({});
  const [busy, setBusy] = useState(false);

  const save = async () => {
    const checked = validateUnitSettings(draft);
    setErrors(checked.ok ? {} : (checked.errors ?? {}));
    if (!checked.ok) return;
    setBusy(true);
    try {
      await repos.settings.saveUnit(checked.value, officer.id);
      toast.show('Đã lưu thông tin đơn vị.');
    } catch (e) {
      toast.show(`Không lưu được: ${e instanceof Error ? e.message : String(e)}`, { tone: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="Thông tin đơn vị">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        noValidate
      >
        <UnitFields
          draft={draft}
          errors={errors}
          onChange={(d) => {
            setErrors(clearChangedErrors(errors, draft, d));
            setDraft(d);
          }}
        />
        <div className="form-actions">
          <Button type="submit" variant="primary" disabled={busy}>
            {busy ? 'Đang lưu…' : 'Lưu thông tin đơn vị'}
          </Button>
        </div>
      </form>
    </Card>
  );
}
