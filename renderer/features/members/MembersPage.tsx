/**
 * One member list at work: filters, counts that follow them, the target and
 * rate of the current period, the table, and every action on a record or a
 * selection. The list is read once through its index; filtering runs in
 * memory on keys normalised at write time, so a search over 30,000 rows
 * costs a few milliseconds.
 */
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { RowSelectionState } from '@tanstack/react-table';
import { Button } from '../../components/ui/Button';
import { useToast } from '../../components/ui/Toast';
import { useServices } from '../../context/services';
import { useSession } from '../../context/session';
import { isBooleanRecord, useStoredState } from '../../lib/use-stored-state';
import { useLiveList } from '../../lib/use-live-list';
import { buildTableWorkbook, type ExportColumn } from '../../excel/table-export';
import { targetFor } from '../../db/repositories/target-repo';
import { countByStatus, EMPTY_FILTER, filterRecords, type RecordFilter } from '../../../shared/search/record-filter';
import { PROGRESS_STATUS_LABELS, PROGRESS_STATUSES, type ProgressChange } from '../../../shared/domain/progress';
import { formatDay, formatPartialDate, isoDay, parseDay } from '../../../shared/dates/partial-date';
import { formatCount, formatRate, rateOf } from '../../../shared/format/numbers';
import { periodContaining, periodMonthLabel } from '../../../shared/settings/period';
import type { Hamlet, MemberList, MemberRecord, Officer, ProgressStatus } from '../../../shared/domain/types';
import { COLUMN_LABELS, DEFAULT_HIDDEN, MemberTable } from './MemberTable';
import { MemberForm } from './MemberForm';
import { MemberDetail, sexLabel } from './MemberDetail';
import { StatusDialog } from './StatusDialog';

type Panel =
  | { kind: 'new' }
  | { kind: 'edit'; id: string }
  | { kind: 'detail'; id: string }
  | { kind: 'status'; ids: string[]; initial?: ProgressStatus }
  | null;

const NEXT_STATUS: Readonly<Record<ProgressStatus, ProgressStatus>> = {
  received: 'entered',
  entered: 'approved',
  approved: 'approved',
  failed: 'entered',
};

export function MembersPage({ listKey }: { listKey: string }) {
  const { repos, api, clock } = useServices();
  const { officer } = useSession();
  const toast = useToast();
  const today = isoDay(clock());

  const lists = useLiveQuery(() => repos.catalogue.memberLists(), [repos]);
  const hamlets = useLiveQuery(() => repos.catalogue.hamlets(), [repos]) ?? [];
  const officers = useLiveQuery(() => repos.officers.list(), [repos]) ?? [];
  const categories = useLiveQuery(() => repos.catalogue.dc01Categories(), [repos]) ?? [];
  const unit = useLiveQuery(() => repos.settings.getUnit(), [repos]);
  const targets = useLiveQuery(() => repos.targets.all(), [repos]) ?? [];
  const records = useLiveList(
    {
      feed: repos.ctx.changes,
      table: 'members',
      load: () => repos.members.byList(listKey),
      getMany: (ids) => repos.members.getMany(ids),
      belongs: (r) => r.listKey === listKey,
    },
    listKey,
  );
  const lastHamlet = useLiveQuery(() => repos.settings.getLastHamletId(), [repos]) ?? '';

  const [filter, setFilter] = useState<RecordFilter>(EMPTY_FILTER);
  const [fromText, setFromText] = useState('');
  const [toText, setToText] = useState('');
  const [columnVisibility, setColumnVisibility] = useStoredState('members.columns', DEFAULT_HIDDEN, isBooleanRecord);
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [panel, setPanel] = useState<Panel>(null);
  const [exporting, setExporting] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);

  const list = lists?.find((l) => l.key === listKey);
  // The table follows the deferred filter so typing never waits for a re-render of 30,000 rows.
  const deferredFilter = useDeferredValue(filter);
  const filtered = useMemo(() => filterRecords(records ?? [], deferredFilter), [records, deferredFilter]);
  const counts = useMemo(() => countByStatus(filtered), [filtered]);
  const selectedIds = useMemo(() => {
    const visible = new Set(filtered.map((r) => r.id));
    return Object.keys(rowSelection).filter((id) => rowSelection[id] && visible.has(id));
  }, [rowSelection, filtered]);

  const period = unit ? periodContaining(today, unit.cutoffDay) : undefined;
  const target = period ? targetFor(targets, `members:${listKey}`, period) : undefined;
  const approvedAll = useMemo(() => (records ?? []).filter((r) => !r.deletedAt && r.status === 'approved').length, [records]);

  // Keyboard: F2 / Insert new entry, Ctrl+F or "/" to search, when no dialog is open.
  useEffect(() => {
    if (panel) return;
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement;
      if (e.key === 'F2' || (e.key === 'Insert' && !typing)) {
        e.preventDefault();
        if (!filter.deleted) setPanel({ kind: 'new' });
      } else if ((e.key === 'f' && (e.ctrlKey || e.metaKey)) || (e.key === '/' && !typing)) {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [panel, filter.deleted]);

  if (!lists || !records) return <div className="page-loading">Đang tải danh sách…</div>;
  if (!list) return <div className="notice notice-error">Không tìm thấy danh sách này. Chọn một danh sách ở cột bên trái.</div>;

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
    filter.query !== '' ||
    filter.hamletId !== '' ||
    filter.status !== '' ||
    filter.flaggedOnly ||
    filter.officerId !== '' ||
    filter.from !== '' ||
    filter.to !== '';

  const applyStatus = async (ids: readonly string[], change: ProgressChange) => {
    const result = await repos.members.setStatus(ids, change, officer.id);
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

  const remove = async (record: MemberRecord) => {
    const result = await repos.members.remove(record.id, officer.id);
    if (!result.ok) {
      toast.show(result.message, { tone: 'error' });
      return;
    }
    setPanel(null);
    toast.show(`Đã xóa hồ sơ ${record.fullName}.`, {
      action: {
        label: 'Hoàn tác',
        run: () => {
          void repos.members.restore(record.id, officer.id).then((r) => {
            toast.show(r.ok ? `Đã khôi phục ${record.fullName}.` : r.message, { tone: r.ok ? 'ok' : 'error' });
          });
        },
      },
    });
  };

  const restore = async (record: MemberRecord) => {
    const result = await repos.members.restore(record.id, officer.id);
    toast.show(result.ok ? `Đã khôi phục ${record.fullName}.` : result.message, { tone: result.ok ? 'ok' : 'error' });
    if (result.ok) setPanel(null);
  };

  const exportExcel = async () => {
    setExporting(true);
    try {
      const columns = exportColumns(list, hamlets, officers, columnVisibility);
      const data = await buildTableWorkbook({
        sheetName: list.label,
        title: `DANH SÁCH ${list.label.toLocaleUpperCase('vi')}`,
        subtitle: `${unit?.unitName ?? ''} — xuất ngày ${formatDay(today)}${filtersOn ? ' (theo bộ lọc đang chọn)' : ''}`,
        columns,
        rows: filtered,
      });
      const result = await api.saveFile({
        suggestedName: `${fileSafe(list.label)} ${formatDay(today).replace(/\//g, '-')}.xlsx`,
        filters: [{ name: 'Tệp Excel', extensions: ['xlsx'] }],
        data,
      });
      if (!result.ok) toast.show(`Không lưu được tệp: ${result.message}`, { tone: 'error' });
      else if (result.value.saved) {
        await repos.audit.logExport('members', list.key, filtered.length, officer.id);
        toast.show(`Đã xuất ${formatCount(filtered.length)} dòng ra ${result.value.path}.`);
      }
    } catch (e) {
      toast.show(`Không tạo được tệp Excel: ${e instanceof Error ? e.message : String(e)}`, { tone: 'error' });
    } finally {
      setExporting(false);
    }
  };

  const recordOf = (id: string) => records.find((r) => r.id === id);
  const detail = panel?.kind === 'detail' ? recordOf(panel.id) : undefined;
  const editing = panel?.kind === 'edit' ? recordOf(panel.id) : undefined;
  const toggleable = (Object.keys(COLUMN_LABELS) as (keyof typeof COLUMN_LABELS)[]).filter(
    (c) => c !== 'fullName' && (c !== 'memberKind' || list.hasMemberKind),
  );

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <div>
          <h1 id="page-title">{list.label}</h1>
          {period ? (
            <p className="muted">
              Kỳ báo cáo {periodMonthLabel(period)}: từ {formatDay(period.from)} đến {formatDay(period.to)}
            </p>
          ) : null}
        </div>
        <div className="page-actions">
          <Button onClick={() => void exportExcel()} disabled={exporting || filtered.length === 0} title="Xuất các dòng đang hiển thị">
            {exporting ? 'Đang tạo tệp…' : 'Xuất Excel'}
          </Button>
          <Button variant="primary" onClick={() => setPanel({ kind: 'new' })} disabled={filter.deleted} title="Phím tắt: F2">
            + Nhập hội viên (F2)
          </Button>
        </div>
      </header>

      <div className="summary-cards" aria-label="Số liệu">
        <SummaryCard
          label="Tổng số (chỉ tiêu)"
          value={target ? formatCount(target.value) : 'Chưa nhập'}
          hint={target ? `Đã duyệt ${formatCount(approvedAll)} — đạt ${formatRate(rateOf(approvedAll, target.value))}` : 'Nhập ở mục Cài đặt'}
        />
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
        <input
          ref={searchRef}
          type="search"
          className="search-input"
          placeholder="Tìm theo tên, số định danh, CMND, điện thoại… (Ctrl+F)"
          aria-label="Tìm kiếm"
          value={filter.query}
          onChange={(e) => patch({ query: e.target.value })}
        />
        <select aria-label="Thôn/tổ dân phố" value={filter.hamletId} onChange={(e) => patch({ hamletId: e.target.value })}>
          <option value="">Tất cả thôn/TDP</option>
          {hamlets.map((h) => (
            <option key={h.id} value={h.id}>
              {h.name}
            </option>
          ))}
        </select>
        <select aria-label="Trạng thái" value={filter.status} onChange={(e) => patch({ status: e.target.value as ProgressStatus | '' })}>
          <option value="">Mọi trạng thái</option>
          {PROGRESS_STATUSES.map((s) => (
            <option key={s} value={s}>
              {PROGRESS_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
        <select aria-label="Người nhập" value={filter.officerId} onChange={(e) => patch({ officerId: e.target.value })}>
          <option value="">Mọi cán bộ</option>
          {officers.map((o) => (
            <option key={o.id} value={o.id}>
              {o.fullName}
            </option>
          ))}
        </select>
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
        <details className="column-chooser">
          <summary>Cột hiển thị</summary>
          <div className="column-chooser-menu">
            {toggleable.map((c) => (
              <label key={c} className="check">
                <input
                  type="checkbox"
                  checked={columnVisibility[c] !== false}
                  onChange={(e) => setColumnVisibility({ ...columnVisibility, [c]: e.target.checked })}
                />
                {COLUMN_LABELS[c]}
              </label>
            ))}
          </div>
        </details>
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

      {selectedIds.length > 0 ? (
        <div className="bulk-bar" role="region" aria-label="Thao tác với hồ sơ đã chọn">
          <span>
            Đã chọn <strong>{formatCount(selectedIds.length)}</strong> hồ sơ
          </span>
          {filter.deleted ? null : (
            <Button variant="primary" onClick={() => setPanel({ kind: 'status', ids: selectedIds })}>
              Cập nhật trạng thái…
            </Button>
          )}
          <Button variant="ghost" onClick={() => setRowSelection({})}>
            Bỏ chọn
          </Button>
        </div>
      ) : null}

      <MemberTable
        rows={filtered}
        list={list}
        hamlets={hamlets}
        officers={officers}
        columnVisibility={columnVisibility}
        rowSelection={rowSelection}
        onRowSelectionChange={setRowSelection}
        onOpen={(id) => setPanel({ kind: 'detail', id })}
      />
      {records.length === 0 ? (
        <p className="empty-hint">
          Danh sách còn trống. Bấm <strong>+ Nhập hội viên (F2)</strong> để bắt đầu; có thể quét mã QR trên thẻ CCCD để điền nhanh.
        </p>
      ) : null}

      {panel?.kind === 'new' || editing ? (
        <MemberForm
          list={list}
          lists={lists}
          categories={categories}
          hamlets={hamlets}
          {...(editing ? { record: editing } : {})}
          initialHamletId={lastHamlet}
          onClose={() => setPanel(editing ? { kind: 'detail', id: editing.id } : null)}
          onOpenRecord={(id) => setPanel({ kind: 'detail', id })}
        />
      ) : null}
      {detail ? (
        <MemberDetail
          record={detail}
          list={list}
          hamlets={hamlets}
          officers={officers}
          onEdit={() => setPanel({ kind: 'edit', id: detail.id })}
          onStatus={() => setPanel({ kind: 'status', ids: [detail.id], initial: NEXT_STATUS[detail.status] })}
          onDelete={() => void remove(detail)}
          onRestore={() => void restore(detail)}
          onClose={() => setPanel(null)}
        />
      ) : null}
      {panel?.kind === 'status' ? (
        <StatusDialog
          count={panel.ids.length}
          today={today}
          {...(panel.initial ? { initialStatus: panel.initial } : {})}
          onApply={(change) => applyStatus(panel.ids, change)}
          onClose={() => setPanel(panel.ids.length === 1 && panel.ids[0] ? { kind: 'detail', id: panel.ids[0] } : null)}
        />
      ) : null}
    </section>
  );
}

function SummaryCard({
  label,
  value,
  hint,
  tone,
  active,
  onClick,
}: {
  label: string;
  value: string;
  hint?: string | undefined;
  tone?: string;
  active?: boolean;
  onClick?: () => void;
}) {
  const body = (
    <>
      <span className="card-label">{label}</span>
      <span className="card-value">{value}</span>
      {hint ? <span className="card-hint">{hint}</span> : null}
    </>
  );
  const className = `summary-card${tone ? ` tone-${tone}` : ''}${active ? ' active' : ''}`;
  return onClick ? (
    <button type="button" className={className} onClick={onClick} aria-pressed={active}>
      {body}
    </button>
  ) : (
    <div className={className}>{body}</div>
  );
}

/** Windows refuses these characters in a file name. */
function fileSafe(name: string): string {
  return name.replace(/[\\/:*?"<>|]/g, ' ').replace(/\s+/g, ' ').trim() || 'Danh sach';
}

function exportColumns(
  list: MemberList,
  hamlets: readonly Hamlet[],
  officers: readonly Officer[],
  visibility: Record<string, boolean>,
): ExportColumn<MemberRecord>[] {
  const hamletName = new Map(hamlets.map((h) => [h.id, h.name]));
  const officerName = new Map(officers.map((o) => [o.id, o.fullName]));
  const all: [keyof typeof COLUMN_LABELS, Omit<ExportColumn<MemberRecord>, 'header'>][] = [
    ['fullName', { width: 28, value: (r) => r.fullName }],
    ['birthDate', { width: 12, value: (r) => (r.birthDate ? formatPartialDate(r.birthDate) : ''), text: true }],
    ['sex', { width: 9, value: (r) => sexLabel(r.sex) }],
    ['personalId', { width: 16, value: (r) => r.personalId, text: true }],
    ['oldId', { width: 12, value: (r) => r.oldId, text: true }],
    ['phone', { width: 13, value: (r) => r.phone, text: true }],
    ['hamlet', { width: 18, value: (r) => hamletName.get(r.hamletId) ?? '' }],
    ['address', { width: 30, value: (r) => r.address }],
    ['memberKind', { width: 12, value: (r) => (r.memberKind === 'collective' ? 'Tập thể' : 'Cá nhân') }],
    ['status', { width: 24, value: (r) => PROGRESS_STATUS_LABELS[r.status] }],
    ['statusDate', { width: 13, value: (r) => formatDay(r.statusDate), text: true }],
    ['createdBy', { width: 22, value: (r) => officerName.get(r.createdBy) ?? '' }],
    ['note', { width: 24, value: (r) => r.note }],
  ];
  return [
    { header: 'Stt', width: 6, value: (_r, i) => i + 1 },
    ...all
      .filter(([id]) => visibility[id] !== false && (id !== 'memberKind' || list.hasMemberKind))
      .map(([id, c]) => ({ header: COLUMN_LABELS[id], ...c })),
  ];
}
