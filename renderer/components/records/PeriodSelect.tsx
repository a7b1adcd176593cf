import { formatDay } from '../../../shared/dates/partial-date';
import { periodMonthLabel, type Period } from '../../../shared/settings/period';

/** Choosing a reporting period: "tháng 12/2026 (21/11/2026 – 20/12/2026)". */
export function PeriodSelect({ periods, value, onChange }: { periods: readonly Period[]; value: string; onChange: (periodTo: string) => void }) {
  return (
    <label className="inline-label">
      Kỳ báo cáo
      <select aria-label="Kỳ báo cáo" value={value} onChange={(e) => onChange(e.target.value)}>
        {periods.map((p) => (
          <option key={p.to} value={p.to}>
            {periodMonthLabel(p)} ({formatDay(p.from)} – {formatDay(p.to)})
          </option>
        ))}
      </select>
    </label>
  );
}
