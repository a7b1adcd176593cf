/**
 * Hand-over and closing a period (chốt số liệu): what was sent is recorded
 * with every figure's value, so later edits to a closed period can be listed
 * as "what changed since the version sent on dd/mm" for a correction; and a
 * ready-to-paste message for email/Zalo with the key figures.
 */
import { formatDay } from '../dates/partial-date';
import { formatCount, formatRate } from '../format/numbers';
import { periodMonthLabel } from '../settings/period';
import type { ReportFigures } from './figures';
import type { ReportHeader, ReportKey, ReportValue } from './values';

export type SentValues = Readonly<Record<string, ReportValue>>;

/** The figures a hand-over records: every count and rate key (texts such as the report date are not figures). */
export function sentValues(keys: readonly ReportKey[]): Record<string, ReportValue> {
  const values: Record<string, ReportValue> = {};
  for (const k of keys) if (k.kind !== 'text') values[k.key] = k.value;
  return values;
}

export type FigureChange = {
  key: string;
  /** the row (list, labour, a DC01 category) and the figure, in Vietnamese */
  group: string;
  label: string;
  kind: 'count' | 'rate';
  before: ReportValue;
  after: ReportValue;
};

/** Every figure whose value now differs from what was sent, in the key list's order. */
export function changesSince(sent: SentValues, keys: readonly ReportKey[]): FigureChange[] {
  const changes: FigureChange[] = [];
  for (const k of keys) {
    if (k.kind === 'text') continue;
    const before = Object.prototype.hasOwnProperty.call(sent, k.key) ? (sent[k.key] ?? null) : null;
    const same = typeof before === 'number' && typeof k.value === 'number' ? Math.abs(before - k.value) < 1e-9 : before === k.value;
    if (!same) changes.push({ key: k.key, group: k.group, label: k.label, kind: k.kind, before, after: k.value });
  }
  return changes;
}

export function formatFigure(kind: 'count' | 'rate', value: ReportValue): string {
  if (value === null || typeof value === 'string') return value ?? '—';
  return kind === 'rate' ? formatRate(value) : formatCount(value);
}

/** A plain-text message to paste into an email or Zalo with the hand-over files. */
export function handoverMessage(figures: ReportFigures, header: ReportHeader, fileNames: readonly string[]): string {
  const { period } = header;
  const lines = [
    `Kính gửi: ${header.superiorName}.`,
    `${header.unitName} gửi báo cáo kết quả thực hiện Đề án 06 ${periodMonthLabel(period)} (từ ngày ${formatDay(period.from)} đến ngày ${formatDay(period.to)}). Số liệu chính (lũy kế):`,
  ];
  for (const row of figures.progress) {
    const f = row.figures;
    if (f.received === 0 && f.target === undefined) continue;
    const target = f.target !== undefined ? `/${formatCount(f.target)}` : '';
    const rate = f.rate !== undefined ? ` (${formatRate(f.rate)})` : '';
    lines.push(`- ${row.label}: đã cung cấp hồ sơ ${formatCount(f.received)}; đã cập nhật, phê duyệt ${formatCount(f.approved)}${target}${rate}.`);
  }
  for (const row of figures.dc01) {
    const f = row.figures;
    if (f.total === 0) continue;
    lines.push(`- DC01 ${row.label}: ${formatCount(f.total)} trường hợp, đã xử lý ${formatCount(f.done)} (${formatRate(f.rate)}), đang xác minh ${formatCount(f.inProgress)}, chưa xử lý ${formatCount(f.pending)}.`);
  }
  if (lines.length === 2) lines.push('- Chưa phát sinh số liệu.');
  if (fileNames.length > 0) lines.push(`Tệp gửi kèm: ${fileNames.join(', ')}.`);
  lines.push('Trân trọng.');
  return lines.join('\n');
}
