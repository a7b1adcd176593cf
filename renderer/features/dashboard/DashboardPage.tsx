/**
 * Where the month stands: for every list, labour, vehicles and DC01 category,
 * the figures as of the end of the chosen reporting period, with bars against
 * the target, and a breakdown by hamlet or officer on demand.
 */
import { Fragment, useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useServices } from '../../context/services';
import { useCatalogues } from '../../lib/use-catalogues';
import { useFacts } from '../../lib/use-facts';
import { formatDay, isoDay } from '../../../shared/dates/partial-date';
import { formatCount, formatRate } from '../../../shared/format/numbers';
import { recentPeriods, type Period } from '../../../shared/settings/period';
import { PeriodSelect } from '../../components/records/PeriodSelect';
import { dc01OutcomeLabel } from '../../../shared/domain/dc01';
import type { Dc01Figures, ProgressFigures } from '../../../shared/metrics/metrics';
import {
  reportFigures,
  dc01RowBreakdown,
  groupFacts,
  progressRowBreakdown,
  type BreakdownBy,
  type Dc01Row,
  type GroupedFacts,
  type ProgressRow,
} from '../../../shared/report/figures';
import '../../styles/dashboard.css';

const PERIODS_SHOWN = 12;

export function DashboardPage() {
  const { repos, clock } = useServices();
  const { memberLists, categories, hamlets, officers } = useCatalogues();
  const unit = useLiveQuery(() => repos.settings.getUnit(), [repos]);
  const targets = useLiveQuery(() => repos.targets.all(), [repos]);
  const facts = useFacts();
  const [periodTo, setPeriodTo] = useState<string>();
  const [open, setOpen] = useState<{ key: string; by: BreakdownBy }>();

  const periods = useMemo(() => (unit ? recentPeriods(isoDay(clock()), unit.cutoffDay, PERIODS_SHOWN) : []), [unit, clock]);
  const period = periods.find((p) => p.to === periodTo) ?? periods[0];
  const grouped = useMemo(() => (facts ? groupFacts(facts) : undefined), [facts]);
  const figures = useMemo(
    () => (grouped && period && memberLists && targets ? reportFigures(grouped, { lists: memberLists, categories, targets, period }) : undefined),
    [grouped, period, memberLists, categories, targets],
  );
  // Stable between renders, so an open breakdown is not recomputed over its facts on every render.
  const nameOf = useMemo((): Record<BreakdownBy, (key: string) => string> => {
    const hamletName = new Map(hamlets.map((h) => [h.id, h.name]));
    const officerName = new Map(officers.map((o) => [o.id, o.fullName]));
    return { hamlet: (key) => hamletName.get(key) || 'Chưa ghi thôn/TDP', officer: (key) => officerName.get(key) || 'Không rõ' };
  }, [hamlets, officers]);

  if (!period || !figures || !grouped) {
    return (
      <div className="page-loading" role="status">
        Đang tính số liệu…
      </div>
    );
  }

  const toggle = (key: string, by: BreakdownBy) => setOpen(open?.key === key && open.by === by ? undefined : { key, by });

  return (
    <section className="page dashboard" aria-labelledby="page-title">
      <header className="page-header">
        <div>
          <h1 id="page-title">Tổng quan</h1>
          <p className="muted">
            Số liệu lũy kế tính đến hết ngày {formatDay(period.to)}; "trong kỳ" là từ {formatDay(period.from)} đến {formatDay(period.to)}.
          </p>
        </div>
        <PeriodSelect periods={periods} value={period.to} onChange={setPeriodTo} />
      </header>

      <div className="card dashboard-card">
        <h2>Thu thập, cập nhật thông tin</h2>
        <table className="plain-table figures-table" aria-label="Thu thập, cập nhật thông tin">
          <thead>
            <tr>
              <th>Nội dung</th>
              <th className="num">Tổng số</th>
              <th className="num">Đã cung cấp hồ sơ</th>
              <th className="num">Đã nhập, chờ duyệt</th>
              <th className="num">Đã phê duyệt (lũy kế)</th>
              <th className="num">Phê duyệt trong kỳ</th>
              <th className="num">Không cập nhật được</th>
              <th className="rate-col">Tỷ lệ phê duyệt</th>
              <th>Chi tiết</th>
            </tr>
          </thead>
          <tbody>
            {figures.progress.map((row) => (
              <Fragment key={row.key}>
                <ProgressLine row={row} onBreakdown={(by) => toggle(row.key, by)} open={open?.key === row.key ? open.by : undefined} />
                {open?.key === row.key ? (
                  <tr className="breakdown-row">
                    <td colSpan={9}>
                      <ProgressBreakdown grouped={grouped} row={row} period={period} by={open.by} nameOf={nameOf[open.by]} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>

      <div className="card dashboard-card">
        <h2>Làm sạch dữ liệu (phân hệ DC01 mở rộng)</h2>
        <table className="plain-table figures-table" aria-label="Làm sạch dữ liệu DC01">
          <thead>
            <tr>
              <th>Loại</th>
              <th className="num">Tổng số trường hợp</th>
              <th className="num">Đã xử lý (lũy kế)</th>
              <th className="num">Xử lý trong kỳ</th>
              <th className="num">Đang rà soát</th>
              <th className="num">Chưa xử lý</th>
              <th className="rate-col">Tỷ lệ hoàn thành</th>
              <th>Chi tiết</th>
            </tr>
          </thead>
          <tbody>
            {figures.dc01.map((row) => (
              <Fragment key={row.key}>
                <Dc01Line row={row} onBreakdown={(by) => toggle(row.key, by)} open={open?.key === row.key ? open.by : undefined} />
                {open?.key === row.key ? (
                  <tr className="breakdown-row">
                    <td colSpan={8}>
                      <Dc01Breakdown grouped={grouped} row={row} period={period} by={open.by} nameOf={nameOf[open.by]} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function RateBar({ rate, label }: { rate: number | undefined; label: string }) {
  if (rate === undefined) return <span className="muted">Chưa có tổng số</span>;
  const width = Math.max(0, Math.min(1, rate)) * 100;
  return (
    <div className="rate" title={label}>
      <div className="rate-bar" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(rate * 10000) / 100} aria-label={label}>
        <div className={`rate-fill${rate >= 1 ? ' full' : rate >= 0.8 ? ' good' : ''}`} style={{ width: `${width}%` }} />
      </div>
      <span className="rate-text">{formatRate(rate)}</span>
    </div>
  );
}

function BreakdownButtons({ label, open, onBreakdown }: { label: string; open: BreakdownBy | undefined; onBreakdown: (by: BreakdownBy) => void }) {
  return (
    <span className="breakdown-buttons">
      <button type="button" className={`link${open === 'hamlet' ? ' active' : ''}`} aria-pressed={open === 'hamlet'} aria-label={`${label}: theo thôn`} onClick={() => onBreakdown('hamlet')}>
        Theo thôn
      </button>
      <button type="button" className={`link${open === 'officer' ? ' active' : ''}`} aria-pressed={open === 'officer'} aria-label={`${label}: theo cán bộ`} onClick={() => onBreakdown('officer')}>
        Theo cán bộ
      </button>
    </span>
  );
}

function ProgressLine({ row, open, onBreakdown }: { row: ProgressRow; open: BreakdownBy | undefined; onBreakdown: (by: BreakdownBy) => void }) {
  const f = row.figures;
  return (
    <tr>
      <th scope="row">{row.label}</th>
      <td className="num">{f.target === undefined ? <span className="muted">—</span> : formatCount(f.target)}</td>
      <td className="num">{formatCount(f.received)}</td>
      <td className="num">{formatCount(f.entered)}</td>
      <td className="num strong">{formatCount(f.approved)}</td>
      <td className="num">{formatCount(f.approvedInPeriod)}</td>
      <td className="num">{formatCount(f.failed)}</td>
      <td>
        <RateBar rate={f.rate} label={`Tỷ lệ phê duyệt ${row.label}`} />
      </td>
      <td>
        <BreakdownButtons label={row.label} open={open} onBreakdown={onBreakdown} />
      </td>
    </tr>
  );
}

function Dc01Line({ row, open, onBreakdown }: { row: Dc01Row; open: BreakdownBy | undefined; onBreakdown: (by: BreakdownBy) => void }) {
  const f = row.figures;
  return (
    <tr>
      <th scope="row">{row.label}</th>
      <td className="num">{formatCount(f.total)}</td>
      <td className="num strong">{formatCount(f.done)}</td>
      <td className="num">{formatCount(f.doneInPeriod)}</td>
      <td className="num">{formatCount(f.inProgress)}</td>
      <td className="num">{formatCount(f.pending)}</td>
      <td>{f.total ? <RateBar rate={f.rate} label={`Tỷ lệ hoàn thành ${row.label}`} /> : <span className="muted">Chưa có trường hợp</span>}</td>
      <td>
        <BreakdownButtons label={row.label} open={open} onBreakdown={onBreakdown} />
      </td>
    </tr>
  );
}

function ProgressBreakdown({
  grouped,
  row,
  period,
  by,
  nameOf,
}: {
  grouped: GroupedFacts;
  row: ProgressRow;
  period: Period;
  by: BreakdownBy;
  nameOf: (key: string) => string;
}) {
  const rows = useMemo(() => sortedEntries(progressRowBreakdown(grouped, row, period, by), nameOf), [grouped, row, period, by, nameOf]);
  if (rows.length === 0) return <p className="muted">Chưa có hồ sơ nào đến hết kỳ này.</p>;
  return (
    <table className="plain-table breakdown-table" aria-label={`${row.label} ${by === 'hamlet' ? 'theo thôn' : 'theo cán bộ'}`}>
      <thead>
        <tr>
          <th>{by === 'hamlet' ? 'Thôn/TDP' : 'Cán bộ nhập'}</th>
          <th className="num">Đã cung cấp hồ sơ</th>
          <th className="num">Đã nhập, chờ duyệt</th>
          <th className="num">Đã phê duyệt</th>
          <th className="num">Trong kỳ</th>
          <th className="num">Không cập nhật được</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([key, f]: [string, ProgressFigures]) => (
          <tr key={key}>
            <td>{nameOf(key)}</td>
            <td className="num">{formatCount(f.received)}</td>
            <td className="num">{formatCount(f.entered)}</td>
            <td className="num">{formatCount(f.approved)}</td>
            <td className="num">{formatCount(f.approvedInPeriod)}</td>
            <td className="num">{formatCount(f.failed)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Dc01Breakdown({
  grouped,
  row,
  period,
  by,
  nameOf,
}: {
  grouped: GroupedFacts;
  row: Dc01Row;
  period: Period;
  by: BreakdownBy;
  nameOf: (key: string) => string;
}) {
  const rows = useMemo(() => sortedEntries(dc01RowBreakdown(grouped, row, period, by), nameOf), [grouped, row, period, by, nameOf]);
  const outcomes = Object.keys(row.figures.byOutcome);
  return (
    <>
      <p className="outcomes-line">
        Kết quả đã xử lý:{' '}
        {outcomes.map((k, i) => (
          <span key={k}>
            {i ? ' · ' : ''}
            {dc01OutcomeLabel(row.category, k)} <strong>{formatCount(row.figures.byOutcome[k] ?? 0)}</strong>
          </span>
        ))}
      </p>
      {rows.length === 0 ? (
        <p className="muted">Chưa có trường hợp nào đến hết kỳ này.</p>
      ) : (
        <table className="plain-table breakdown-table" aria-label={`${row.label} ${by === 'hamlet' ? 'theo thôn' : 'theo cán bộ'}`}>
          <thead>
            <tr>
              <th>{by === 'hamlet' ? 'Thôn/TDP' : 'Cán bộ phụ trách'}</th>
              <th className="num">Tổng số</th>
              <th className="num">Đã xử lý</th>
              <th className="num">Đang rà soát</th>
              <th className="num">Chưa xử lý</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([key, f]: [string, Dc01Figures]) => (
              <tr key={key}>
                <td>{nameOf(key)}</td>
                <td className="num">{formatCount(f.total)}</td>
                <td className="num">{formatCount(f.done)}</td>
                <td className="num">{formatCount(f.inProgress)}</td>
                <td className="num">{formatCount(f.pending)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function sortedEntries<F>(map: Map<string, F>, nameOf: (key: string) => string): [string, F][] {
  return [...map.entries()].sort(([a], [b]) => nameOf(a).localeCompare(nameOf(b), 'vi'));
}
