/**
 * Step 3 of an import: every row read, classified — new, update of a record already in
 * the list, duplicate within the file, rejected with its reasons — with the counts that
 * add up to the rows read, and the officer's choice for updates.
 */
import { useMemo, useState } from 'react';
import { formatCount, rowRanges } from '../../../shared/format/numbers';
import { formatPartialDate } from '../../../shared/dates/partial-date';
import { SKIP_LABELS, type SkipReason } from '../../../shared/import/rows';
import { importTotals, type Review, type ReviewedRow, type UpdateChoice } from '../../../shared/import/plan';
import { candidatePerson } from '../../../shared/import/merge';
import { Button } from '../../components/ui/Button';
import type { SheetReadSummary } from './import-core';

type Filter = ReviewedRow['kind'] | 'all';

const KIND_LABELS: Readonly<Record<ReviewedRow['kind'], string>> = {
  new: 'Mới',
  update: 'Đã có — cập nhật',
  duplicate: 'Trùng trong tệp',
  rejected: 'Bị từ chối',
};

/** Rows shown at once; the rest are in the returned-rows file or the list after import. */
const SHOWN = 500;

export function rowNumbersOf(row: ReviewedRow): readonly number[] {
  return row.kind === 'rejected' ? row.rejected.rowNumbers : row.candidate.rowNumbers;
}

function detailOf(row: ReviewedRow): string {
  if (row.kind === 'rejected') return row.rejected.reasons.map((r) => r.replace(/^Dòng \d+: /, '')).join(' ');
  if (row.kind === 'duplicate') return row.message.replace(/^Dòng \d+: /, '');
  return row.candidate.notes.map((n) => n.replace(/^Dòng \d+: /, '')).join(' ');
}

export function PreviewStep({
  review,
  reads,
  several,
  updates,
  onUpdates,
  onImport,
  onBack,
  onDownloadReturned,
}: {
  review: Review;
  reads: readonly SheetReadSummary[];
  several: boolean;
  updates: UpdateChoice;
  onUpdates: (choice: UpdateChoice) => void;
  onImport: () => void;
  onBack: () => void;
  onDownloadReturned: () => void;
}) {
  const [filter, setFilter] = useState<Filter>(review.counts.rejected > 0 ? 'rejected' : 'all');
  const { counts } = review;
  const totals = importTotals(counts, updates);
  const shown = useMemo(() => review.rows.filter((r) => filter === 'all' || r.kind === filter), [review, filter]);
  const skipped = reads.flatMap((r) => r.skipped);
  const skipCounts = new Map<SkipReason, number>();
  for (const s of skipped) skipCounts.set(s.why, (skipCounts.get(s.why) ?? 0) + 1);
  const accepted = totals.imported + totals.updated;

  const tab = (value: Filter, label: string, count: number) => (
    <button type="button" role="tab" aria-selected={filter === value} className={filter === value ? 'tab active' : 'tab'} onClick={() => setFilter(value)}>
      {label} <span className="tab-count">{formatCount(count)}</span>
    </button>
  );

  return (
    <section className="import-step" aria-labelledby="import-preview-title">
      <h2 id="import-preview-title">Bước 3. Xem trước</h2>
      <div className="summary-cards import-counts" aria-label="Số dòng theo loại">
        <Count label="Mới" value={counts.new} tone="approved" />
        <Count label="Đã có trong danh sách" value={counts.update} tone="entered" />
        <Count label="Trùng trong tệp" value={counts.duplicate} tone="received" />
        <Count label="Bị từ chối" value={counts.rejected} tone="failed" />
        <Count label="Tổng số dòng dữ liệu" value={counts.rows} />
      </div>
      {skipped.length > 0 && (
        <p className="muted">
          Không tính {formatCount(skipped.length)} dòng không phải dữ liệu:{' '}
          {[...skipCounts].map(([why, n]) => `${formatCount(n)} ${SKIP_LABELS[why].toLowerCase()}`).join(', ')}.
        </p>
      )}
      {counts.update > 0 && (
        <fieldset className="status-choices">
          <legend>{formatCount(counts.update)} dòng trùng số định danh với hồ sơ đã có trong danh sách:</legend>
          <label className="check">
            <input type="radio" name="import-updates" checked={updates === 'update'} onChange={() => onUpdates('update')} />
            Cập nhật hồ sơ đã có bằng các ô có dữ liệu trong tệp (ô trống giữ nguyên)
          </label>
          <label className="check">
            <input type="radio" name="import-updates" checked={updates === 'skip'} onChange={() => onUpdates('skip')} />
            Bỏ qua, giữ nguyên hồ sơ đã có
          </label>
        </fieldset>
      )}
      {counts.duplicate > 0 && <p className="muted">Dòng trùng trong tệp: chỉ nhập dòng đầu tiên; các dòng trùng được đưa vào tệp trả lại.</p>}
      <div className="tabs" role="tablist" aria-label="Lọc theo loại">
        {tab('all', 'Tất cả', counts.rows)}
        {tab('new', 'Mới', counts.new)}
        {tab('update', 'Đã có', counts.update)}
        {tab('duplicate', 'Trùng', counts.duplicate)}
        {tab('rejected', 'Bị từ chối', counts.rejected)}
      </div>
      <div className="import-preview-scroll">
        <table className="plain-table import-preview">
          <thead>
            <tr>
              {several && <th>Trang</th>}
              <th>Dòng</th>
              <th>Loại</th>
              <th>Họ và tên</th>
              <th>Số định danh</th>
              <th>Ngày sinh</th>
              <th>Lý do / ghi chú</th>
            </tr>
          </thead>
          <tbody>
            {shown.slice(0, SHOWN).map((row) => {
              const rows = rowNumbersOf(row);
              const person = row.kind === 'rejected' ? undefined : candidatePerson(row.candidate.value);
              return (
                <tr key={`${row.sheet}-${rows[0] ?? 0}`} className={`import-row-${row.kind}`}>
                  {several && <td>{row.sheet}</td>}
                  <td className="nowrap">{rowRanges(rows)}</td>
                  <td className="nowrap">{KIND_LABELS[row.kind]}</td>
                  <td>{person?.fullName ?? (row.kind === 'rejected' ? row.rejected.shown?.fullName : '')}</td>
                  <td>{person ? person.personalId || person.oldId : row.kind === 'rejected' ? row.rejected.shown?.id : ''}</td>
                  <td>{person?.birthDate ? formatPartialDate(person.birthDate) : row.kind === 'rejected' ? row.rejected.shown?.birth : ''}</td>
                  <td>{detailOf(row)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {shown.length > SHOWN && (
          <p className="muted">
            Đang hiện {formatCount(SHOWN)} / {formatCount(shown.length)} dòng.
            {filter === 'rejected' || filter === 'duplicate' ? ' Tải tệp các dòng không nhập được để xem hết.' : ''}
          </p>
        )}
        {shown.length === 0 && <p className="empty-hint">Không có dòng nào loại này.</p>}
      </div>
      <p className="result-line">
        Sẽ nhập <strong>{formatCount(totals.imported)}</strong> dòng mới, cập nhật <strong>{formatCount(totals.updated)}</strong>, bỏ qua{' '}
        <strong>{formatCount(totals.skipped)}</strong>, từ chối <strong>{formatCount(totals.rejected)}</strong> — cộng lại {formatCount(totals.rows)} dòng dữ liệu.
      </p>
      <div className="form-actions">
        <Button onClick={onBack}>Quay lại sửa cột</Button>
        {counts.rejected + counts.duplicate > 0 && <Button onClick={onDownloadReturned}>Tải tệp các dòng không nhập được</Button>}
        <Button variant="primary" onClick={onImport} disabled={accepted === 0} autoFocus>
          {accepted === 0 ? 'Không có dòng nào để nhập' : `Nhập ${formatCount(accepted)} dòng`}
        </Button>
      </div>
    </section>
  );
}

function Count({ label, value, tone }: { label: string; value: number; tone?: string }) {
  return (
    <div className={`summary-card${tone ? ` tone-${tone}` : ''}`}>
      <div className="card-label">{label}</div>
      <div className="card-value">{formatCount(value)}</div>
    </div>
  );
}
