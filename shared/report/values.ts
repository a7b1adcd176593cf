/**
 * The named figures of a report — the keys a superior unit's template uses as
 * `{{key}}` placeholders, the values the built-in workbook and the printed
 * report show, and what a hand-over records as "sent". One catalogue, built
 * from the report rows, so every output names and computes a figure the same way.
 */
import type { Period } from '../settings/period';
import { formatDay } from '../dates/partial-date';
import type { Dc01Figures, ProgressFigures } from '../metrics/metrics';
import type { ReportFigures } from './figures';

/** A figure: a count, a rate (a fraction, 0.9064), a text, or null when there is none (no target). */
export type ReportValue = number | string | null;

export type ReportValueKind = 'count' | 'rate' | 'text';

export type ReportKey = {
  readonly key: string;
  /** what the figure is, in Vietnamese, for the Settings key list */
  readonly label: string;
  readonly kind: ReportValueKind;
  readonly value: ReportValue;
  /** the row it belongs to (a list, labour, a DC01 category, or the header fields) */
  readonly group: string;
};

export const PROGRESS_METRICS = ['target', 'received', 'receivedInPeriod', 'entered', 'approved', 'approvedInPeriod', 'failed', 'rate'] as const;
export type ProgressMetric = (typeof PROGRESS_METRICS)[number];

export const PROGRESS_METRIC_LABELS: Readonly<Record<ProgressMetric, string>> = {
  target: 'Tổng số (chỉ tiêu)',
  received: 'Số đã cung cấp hồ sơ (lũy kế)',
  receivedInPeriod: 'Số đã cung cấp hồ sơ trong kỳ',
  entered: 'Đã nhập, chờ duyệt',
  approved: 'Đã cập nhật, phê duyệt (lũy kế)',
  approvedInPeriod: 'Đã phê duyệt trong kỳ',
  failed: 'Không cập nhật được',
  rate: 'Tỷ lệ % (đã phê duyệt ÷ tổng số)',
};

export const DC01_METRICS = ['total', 'pending', 'inProgress', 'done', 'doneInPeriod', 'rate'] as const;
export type Dc01Metric = (typeof DC01_METRICS)[number];

export const DC01_METRIC_LABELS: Readonly<Record<Dc01Metric, string>> = {
  total: 'Tổng số trường hợp',
  pending: 'Chưa xử lý',
  inProgress: 'Đang rà soát, xác minh',
  done: 'Đã xử lý xong',
  doneInPeriod: 'Đã xử lý trong kỳ',
  rate: 'Tỷ lệ hoàn thành',
};

export type ReportHeader = {
  unitName: string;
  superiorName: string;
  placeName: string;
  /** "05/BC-CAX" */
  reportNumber: string;
  /** the day the report is signed, ISO */
  reportDate: string;
  period: Period;
};

/** The template key of a progress row: members.<listKey>, labour, vehicles.declarations, vehicles.vehicles. */
export function progressRowKey(rowKey: string): string {
  if (rowKey.startsWith('members:')) return `members.${rowKey.slice('members:'.length)}`;
  if (rowKey === 'declarations' || rowKey === 'vehicles') return `vehicles.${rowKey}`;
  return rowKey;
}

/** The template key of a DC01 row: dc01.<categoryKey>. */
export function dc01RowKey(rowKey: string): string {
  return `dc01.${rowKey.replace(/^dc01:/, '')}`;
}

const countOrNull = (n: number | undefined): ReportValue => (n === undefined ? null : n);

function progressValue(f: ProgressFigures, metric: ProgressMetric): ReportValue {
  return metric === 'target' || metric === 'rate' ? countOrNull(f[metric]) : f[metric];
}

function dc01Value(f: Dc01Figures, metric: Dc01Metric): ReportValue {
  return metric === 'rate' ? countOrNull(f.rate) : f[metric];
}

/**
 * Every key a template may use, with its current value, in the order the
 * Settings screen lists them. Hidden lists and categories are included: a
 * template may still ask for them.
 */
export function reportKeys(figures: ReportFigures, header: ReportHeader): ReportKey[] {
  const keys: ReportKey[] = [];
  const text = (key: string, label: string, value: string) => keys.push({ key, label, kind: 'text', value, group: 'Thông tin chung' });
  text('unit.name', 'Tên đơn vị', header.unitName);
  text('unit.superior', 'Đơn vị cấp trên', header.superiorName);
  text('unit.place', 'Địa danh', header.placeName);
  text('report.number', 'Số báo cáo', header.reportNumber);
  text('report.date', 'Ngày báo cáo', formatDay(header.reportDate));
  text('period.from', 'Từ ngày', formatDay(header.period.from));
  text('period.to', 'Đến ngày', formatDay(header.period.to));
  for (const row of figures.progress) {
    const base = progressRowKey(row.key);
    for (const metric of PROGRESS_METRICS) {
      keys.push({
        key: `${base}.${metric}`,
        label: PROGRESS_METRIC_LABELS[metric],
        kind: metric === 'rate' ? 'rate' : 'count',
        value: progressValue(row.figures, metric),
        group: row.label,
      });
    }
  }
  for (const row of figures.dc01) {
    const base = dc01RowKey(row.key);
    for (const metric of DC01_METRICS) {
      keys.push({ key: `${base}.${metric}`, label: DC01_METRIC_LABELS[metric], kind: metric === 'rate' ? 'rate' : 'count', value: dc01Value(row.figures, metric), group: row.label });
    }
    const outcomeLabels = new Map(row.category.outcomes.map((o) => [o.key, o.label]));
    for (const [outcome, count] of Object.entries(row.figures.byOutcome)) {
      // an outcome key named like a metric would shadow it; the catalogue never does that
      if ((DC01_METRICS as readonly string[]).includes(outcome)) continue;
      keys.push({ key: `${base}.${outcome}`, label: outcomeLabels.get(outcome) ?? outcome, kind: 'count', value: count, group: row.label });
    }
  }
  return keys;
}

/** The keys as a lookup: key → value. */
export function reportValues(keys: readonly ReportKey[]): ReadonlyMap<string, ReportValue> {
  return new Map(keys.map((k) => [k.key, k.value]));
}
