/**
 * A list of collected records at work (members, labour, vehicles): filters,
 * counts that follow them, the target and rate of the current period, the
 * table, and every action on a record or a selection. The list is read once
 * and then patched from the change feed; filtering runs in memory on keys
 * normalised at write time, so a search over 30,000 rows costs a few ms.
 */
import { Link } from 'wouter';
import { useDeferredValue, useMemo, useRef, useState, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { RowSelectionState } from '@tanstack/react-table';
import { Button } from '../ui/Button';
import { useToast } from '../ui/Toast';
import { useServices } from '../../context/services';
import { useSession } from '../../context/session';
import { isBooleanRecord, useStoredState } from '../../lib/use-stored-state';
import { targetFor } from '../../db/repositories/target-repo';
import type { BulkResult, WriteResult } from '../../db/repositories/record-ops';
import { countByStatus, EMPTY_FILTER, filterRecords, type ExtraKeys, type FilterableRecord, type RecordFilter } from '../../../shared/search/record-filter';
import { PROGRESS_STATUS_LABELS, PROGRESS_STATUSES, type ProgressChange } from '../../../shared/domain/progress';
import { formatDay, isoDay, parseDay } from '../../../shared/dates/partial-date';
import { formatCount, formatRate, rateOf } from '../../../shared/format/numbers';
import { periodContaining, periodMonthLabel } from '../../../shared/settings/period';
import type { ProgressStatus } from '../../../shared/domain/types';
import type { Result } from '../../../shared/result';
import { defaultVisibility, tableColumns, type FieldColumn } from './columns';
import { BulkBar, ChoiceFilter, ColumnChooser, hamletChoices, officerChoices, SearchBox, useDeleteRestore, useExcelExport, useListShortcuts } from './list-tools';
import { RecordTable } from './RecordTable';
import { StatusDialog } from './StatusDialog';
import { SummaryCard } from './SummaryCard';

type ListRecord = FilterableRecord & { id: string };

export type Panel = { kind: 'new' } | { kind: 'edit'; id: string } | { kind: 'detail'; id: string } | { kind: 'status'; ids: string[]; initial?: ProgressStatus; fromDetail?: boolean } | null;

const NEXT_STATUS: Readonly<Record<ProgressStatus, ProgressStatus>> = {
  received: 'entered',
  entered: 'approved',
  approved: 'approved',
  failed: 'entered',
};

export type RecordActions<T> = {
  setStatus: (ids: readonly string[], change: ProgressChange, officerId: string) => Promise<Result<BulkResult, string>>;
  remove: (id: string, officerId: string) => Promise<WriteResult<T>>;
  restore: (id: string, officerId: string) => Promise<WriteResult<T>>;
};

export type DetailProps<T> = {
  record: T;
  onEdit: () => void;
  onStatus: () => void;
  onDelete: () => void;
  onRestore: () => void;
  onClose: () => void;
};

export type FormProps<T> = {
  /** editing this record; absent = new entries */
  record?: T;
  onClose: () => void;
  onOpenRecord: (id: string) => void;
};

export function ProgressListPage<T extends ListRecord>({
  title,
  entity,
  storageKey,
  targetScope,
  records,
  fields,
  extraKeys,
  actions,
  newLabel,
  importHref,
  searchPlaceholder = 'Tìm theo tên, số định danh, CMND, điện thoại… (Ctrl+F)',
  emptyHint,
  extraCards,
  renderForm,
  renderDetail,
}: {
  title: string;
  /** the table, for the audit of exports */
  entity: string;
  /** where the column choice is remembered */
  storageKey: string;
  targetScope: string;
  records: T[] | undefined;
  fields: readonly FieldColumn<T>[];
  extraKeys?: ExtraKeys<T>;
  actions: RecordActions<T>;
  newLabel: string;
  /** the import page for this list ("Nhập từ Excel") */
  importHref?: string;
  searchPlaceholder?: string;
  emptyHint: ReactNode;
  /** more figures for the filtered rows, e.g. the number of vehicles */
  extraCards?: (filtered: readonly T[]) => ReactNode;
  renderForm: (props: FormProps<T>) => ReactNode;
  renderDetail: (props: DetailProps<T>) => ReactNode;
}) {
  const { repos, clock } = useServices();
  const { officer } = useSession();
  const toast = useToast();
  const today = isoDay(clock());

  const hamlets = useLiveQuery(() => repos.catalogue.hamlets(), [repos]) ?? [];
  const officers = useLiveQuery(() => repos.officers.list(), [repos]) ?? [];
  const unit = useLiveQuery(() => repos.settings.getUnit(), [repos]);
  const targets = useLiveQuery(() => repos.targets.all(), [repos]) ?? [];

  const [filter, setFilter] = useState<RecordFilter>(EMPTY_FILTER);
  const [fromText, setFromText] = useState('');
  const [toText, setToText] = useState('');
  const [columnVisibility, setColumnVisibility] = useStoredState(storageKey, defaultVisibility(fields), isBooleanRecord);
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [panel, setPanel] = useState<Panel>(null);
  const { remove, restore } = useDeleteRestore(actions, 'hồ sơ', () => setPanel(null));
  const excel = useExcelExport();
  const searchRef = useRef<HTMLInputElement>(null);

  // The table follows the deferred filter so typing never waits for a re-render of 30,000 rows.
  const deferredFilter = useDeferredValue(filter);
  const filtered = useMemo(() => filterRecords(records ?? [], deferredFilter, extraKeys), [records, deferredFilter, extraKeys]);
  const counts = useMemo(() => countByStatus(filtered), [filtered]);
  const selectedIds = useMemo(() => {
    const visible = new Set(filtered.map((r) => r.id));
    return Object.keys(rowSelection).filter((id) => rowSelection[id] && visible.has(id));
  }, [rowSelection, filtered]);
  const columns = useMemo(() => tableColumns(fields), [fields]);

  const period = unit ? periodContaining(today, unit.cutoffDay) : undefined;
  const target = period ? targetFor(targets, targetScope, period) : undefined;
  const approvedAll = useMemo(() => (records ?? []).filter((r) => !r.deletedAt && r.status === 'approved').length, [records]);

  useListShortcuts({ active: !panel, onNew: () => !filter.deleted && setPanel({ kind: 'new' }), searchRef });

  if (!records) return <div className="page-loading">Đang tải danh sách…</div>;

  const patch = (p: Partial<RecordFilter>) => {
    setFilter((f) => ({ ...f, ...p }));
    setRowSelection({});
  };
  const dateFilter = (text: string, key: 'from' | 'to') => {
    if (key === 'from') setFromText(text);
    else setToText(text);
    const parsed = parseDay(text);
    patch({ [key]: parsed.ok ? parsed.value : '' });
  };
  const dateError = (text: string) => (text.trim() && !parseDay(text).ok ? 'Ngày chưa đúng (dd/mm/yyyy)' : undefined);
  const filtersOn =
    filter.query !== '' || filter.hamletId !== '' || filter.status !== '' || filter.flaggedOnly || filter.officerId !== '' || filter.from !== '' || filter.to !== '';

  const applyStatus = async (ids: readonly string[], change: ProgressChange) => {
    const result = await actions.setStatus(ids, change, officer.id);
    if (result.ok) {
      const { changed, skipped } = result.value;
      toast.show(
        `Đã cập nhật "${PROGRESS_STATUS_LABELS[change.status]}" cho ${formatCount(changed)} hồ sơ` +
          (skipped ? ` (${formatCount(skipped)} hồ sơ đã ở trạng thái này, giữ nguyên)` : '') +
          '.',
      );
      setRowSelection({});
    }
    return result;
  };

  const exportExcel = () =>
    excel.run({
      name: title,
      title: `DANH SÁCH ${title.toLocaleUpperCase('vi')}`,
      unitName: unit?.unitName ?? '',
      filtered: filtersOn,
      fields,
      visibility: columnVisibility,
      rows: filtered,
      entity,
      scope: targetScope,
    });

  const recordOf = (id: string) => records.find((r) => r.id === id);
  const detail = panel?.kind === 'detail' ? recordOf(panel.id) : undefined;
  const editing = panel?.kind === 'edit' ? recordOf(panel.id) : undefined;

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <div>
          <h1 id="page-title">{title}</h1>
          {period ? (
            <p className="muted">
              Kỳ báo cáo {periodMonthLabel(period)}: từ {formatDay(period.from)} đến {formatDay(period.to)}
            </p>
          ) : null}
        </div>
        <div className="page-actions">
          {importHref && (
            <Link href={importHref} className="btn btn-secondary">
              Nhập từ tệp Excel
            </Link>
          )}
          <Button onClick={() => void exportExcel()} disabled={excel.exporting || filtered.length === 0} title="Xuất các dòng đang hiển thị">
            {excel.exporting ? 'Đang tạo tệp…' : 'Xuất Excel'}
          </Button>
          <Button variant="primary" onClick={() => setPanel({ kind: 'new' })} disabled={filter.deleted} title="Phím tắt: F2">
            {newLabel}
          </Button>
        </div>
      </header>

      <div className="summary-cards" aria-label="Số liệu">
        <SummaryCard
          label="Tổng số (chỉ tiêu)"
          value={target ? formatCount(target.value) : 'Chưa nhập'}
          hint={target ? `Đã duyệt ${formatCount(approvedAll)} — đạt ${formatRate(rateOf(approvedAll, target.value))}` : 'Nhập ở mục Cài đặt'}
        />
        {extraCards?.(filtered)}
        {PROGRESS_STATUSES.map((s) => (
          <SummaryCard
            key={s}
            label={PROGRESS_STATUS_LABELS[s]}
            value={formatCount(counts[s])}
            tone={s}
            active={filter.status === s}
            onClick={() => patch({ status: filter.status === s ? '' : s })}
          />
        ))}
        <SummaryCard
          label="Số định danh sai"
          value={formatCount(counts.flagged)}
          tone="flagged"
          active={filter.flaggedOnly}
          onClick={() => patch({ flaggedOnly: !filter.flaggedOnly })}
        />
      </div>

      <div className="toolbar" role="search">
        <SearchBox inputRef={searchRef} value={filter.query} placeholder={searchPlaceholder} onChange={(query) => patch({ query })} />
        <ChoiceFilter label="Thôn/tổ dân phố" all="Tất cả thôn/TDP" value={filter.hamletId} choices={hamletChoices(hamlets)} onChange={(hamletId) => patch({ hamletId })} />
        <ChoiceFilter
          label="Trạng thái"
          all="Mọi trạng thái"
          value={filter.status}
          choices={PROGRESS_STATUSES.map((s) => ({ value: s, label: PROGRESS_STATUS_LABELS[s] }))}
          onChange={(status) => patch({ status: status as ProgressStatus | '' })}
        />
        <ChoiceFilter label="Người nhập" all="Mọi cán bộ" value={filter.officerId} choices={officerChoices(officers)} onChange={(officerId) => patch({ officerId })} />
        <span className="date-filter" title={dateError(fromText) ?? dateError(toText)}>
          Cập nhật từ
          <input aria-label="Từ ngày" aria-invalid={Boolean(dateError(fromText))} placeholder="dd/mm/yyyy" value={fromText} onChange={(e) => dateFilter(e.target.value, 'from')} />
          đến
          <input aria-label="Đến ngày" aria-invalid={Boolean(dateError(toText))} placeholder="dd/mm/yyyy" value={toText} onChange={(e) => dateFilter(e.target.value, 'to')} />
        </span>
        <label className="check">
          <input type="checkbox" checked={filter.flaggedOnly} onChange={(e) => patch({ flaggedOnly: e.target.checked })} />
          Chỉ số định danh sai
        </label>
        <label className="check">
          <input type="checkbox" checked={filter.deleted} onChange={(e) => patch({ deleted: e.target.checked })} />
          Hồ sơ đã xóa
        </label>
        {filtersOn ? (
          <Button
            variant="ghost"
            onClick={() => {
              setFromText('');
              setToText('');
              patch({ ...EMPTY_FILTER, deleted: filter.deleted });
            }}
          >
            Xóa bộ lọc
          </Button>
        ) : null}
        <ColumnChooser fields={fields} visibility={columnVisibility} onChange={setColumnVisibility} />
      </div>
      {dateError(fromText) || dateError(toText) ? (
        <p className="field-message field-error-text" role="alert">
          Ngày lọc chưa đúng, nhập theo dạng dd/mm/yyyy (ví dụ 21/10/2026).
        </p>
      ) : null}

      <div className="result-line" aria-live="polite">
        {filter.deleted ? 'Hồ sơ đã xóa: ' : filtersOn ? 'Kết quả lọc: ' : 'Tổng cộng: '}
        <strong>{formatCount(counts.total)}</strong> hồ sơ
        {filtersOn || filter.deleted ? <span className="muted"> / {formatCount(records.filter((r) => !r.deletedAt).length)} trong danh sách</span> : null}
      </div>

      <BulkBar
        count={selectedIds.length}
        noun="hồ sơ"
        onClear={() => setRowSelection({})}
        action={
          filter.deleted ? null : (
            <Button variant="primary" onClick={() => setPanel({ kind: 'status', ids: selectedIds })}>
              Cập nhật trạng thái…
            </Button>
          )
        }
      />

      <RecordTable
        rows={filtered}
        columns={columns}
        label={`Danh sách ${title}`}
        columnVisibility={columnVisibility}
        rowSelection={rowSelection}
        onRowSelectionChange={setRowSelection}
        onOpen={(id) => setPanel({ kind: 'detail', id })}
      />
      {records.length === 0 ? <p className="empty-hint">{emptyHint}</p> : null}

      {panel?.kind === 'new' || editing
        ? renderForm({
            ...(editing ? { record: editing } : {}),
            onClose: () => setPanel(editing ? { kind: 'detail', id: editing.id } : null),
            onOpenRecord: (id) => setPanel({ kind: 'detail', id }),
          })
        : null}
      {detail
        ? renderDetail({
            record: detail,
            onEdit: () => setPanel({ kind: 'edit', id: detail.id }),
            onStatus: () => setPanel({ kind: 'status', ids: [detail.id], initial: NEXT_STATUS[detail.status], fromDetail: true }),
            onDelete: () => void remove(detail),
            onRestore: () => void restore(detail),
            onClose: () => setPanel(null),
          })
        : null}
      {panel?.kind === 'status' ? (
        <StatusDialog
          count={panel.ids.length}
          today={today}
          {...(panel.initial ? { initialStatus: panel.initial } : {})}
          onApply={(change) => applyStatus(panel.ids, change)}
          onClose={() => setPanel(panel.fromDetail && panel.ids[0] ? { kind: 'detail', id: panel.ids[0] } : null)}
        />
      ) : null}
    </section>
  );
}

