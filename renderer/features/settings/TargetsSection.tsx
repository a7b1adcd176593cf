/**
 * Targets (tổng số) per member list and reporting period: the denominator of
 * every rate in the monthly report. A period without its own figure uses the
 * latest earlier one, which is shown so the officer knows where it comes from.
 */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useToast } from '../../components/ui/Toast';
import { useServices } from '../../context/services';
import { useSession } from '../../context/session';
import { parseTargetValue, targetFor } from '../../db/repositories/target-repo';
import { isoDay } from '../../../shared/dates/partial-date';
import { formatCount } from '../../../shared/format/numbers';
import { periodMonthLabel, recentPeriods, type Period } from '../../../shared/settings/period';
import { PeriodSelect } from '../../components/records/PeriodSelect';
import type { Target, UnitSettings } from '../../../shared/domain/types';
import { Card } from '../../components/ui/Card';

/** Labour and vehicles have their own denominators; vehicles are counted both ways in reports. */
const OTHER_TARGETS = [
  ['labour', 'Thông tin người lao động'],
  ['vehicles:declarations', 'Phương tiện — số tờ khai'],
  ['vehicles:vehicles', 'Phương tiện — số xe'],
] as const;

export function TargetsSection({ unit }: { unit: UnitSettings }) {
  const { repos, clock } = useServices();
  const lists = useLiveQuery(() => repos.catalogue.memberLists(), [repos]) ?? [];
  const targets = useLiveQuery(() => repos.targets.all(), [repos]) ?? [];
  const periods = recentPeriods(isoDay(clock()), unit.cutoffDay, 6);
  const current = periods[0]!;
  const [periodTo, setPeriodTo] = useState(current.to);
  const period = periods.find((p) => p.to === periodTo) ?? current;

  return (
    <Card title="Tổng số (chỉ tiêu) theo kỳ báo cáo">
      <p className="muted">
        Tổng số do hội, đoàn thể cung cấp, dùng làm mẫu số khi tính tỷ lệ. Kỳ chưa nhập sẽ dùng số của kỳ gần nhất trước đó.
      </p>
      <PeriodSelect periods={periods} value={period.to} onChange={setPeriodTo} />
      <table className="plain-table">
        <thead>
          <tr>
            <th>Danh sách</th>
            <th>Tổng số</th>
            <th>Nguồn số liệu</th>
          </tr>
        </thead>
        <tbody>
          {[
            ...lists.filter((l) => !l.hidden).map((l) => [`members:${l.key}`, l.label] as const),
            ...OTHER_TARGETS,
          ].map(([scope, label]) => (
            <TargetRow key={`${scope}|${period.to}`} scope={scope} label={label} period={period} targets={targets} />
          ))}
        </tbody>
      </table>
    </Card>
  );
}

function TargetRow({ scope, label, period, targets }: { scope: string; label: string; period: Period; targets: readonly Target[] }) {
  const { repos } = useServices();
  const { officer } = useSession();
  const toast = useToast();
  const inForce = targetFor(targets, scope, period);
  const own = inForce?.periodTo === period.to;
  const [text, setText] = useState(inForce ? formatCount(inForce.value) : '');
  const [error, setError] = useState<string>();

  const commit = async () => {
    if (!text.trim()) return;
    const parsed = parseTargetValue(text);
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    setError(undefined);
    if (own && inForce?.value === parsed.value) return;
    await repos.targets.set(scope, period, parsed.value, officer.id);
    setText(formatCount(parsed.value));
    toast.show(`Đã lưu tổng số ${label} ${periodMonthLabel(period)}: ${formatCount(parsed.value)}.`);
  };

  return (
    <tr>
      <td>{label}</td>
      <td>
        <input
          aria-label={`Tổng số ${label}`}
          inputMode="numeric"
          value={text}
          aria-invalid={Boolean(error)}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void commit();
            }
          }}
          onBlur={() => void commit()}
          size={10}
        />
        {error ? (
          <span className="field-error-text" role="alert">
            {' '}
            {error}
          </span>
        ) : null}
      </td>
      <td className="muted">
        {!inForce ? 'Chưa nhập' : own ? 'Nhập cho kỳ này' : `Theo số của kỳ ${periodMonthLabel({ from: inForce.periodFrom, to: inForce.periodTo })}`}
      </td>
    </tr>
  );
}
