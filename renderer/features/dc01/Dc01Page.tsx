/**
 * The worklist of one DC01 cleaning category: what is still pending comes
 * first, oldest received first, so the officer works down the list. Counts by
 * state and by outcome follow the search and the hamlet/officer filters; a
 * selection gets one state (and outcome) at once; the detail dialog walks
 * case to case with PageDown / PageUp.
 */
import { importSourceText } from '../../../shared/domain/progress';
import { Link } from 'wouter';
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { RowSelectionState } from '@tanstack/react-table';
import { Button } from '../../components/ui/Button';
import { useToast } from '../../components/ui/Toast';
import { useServices } from '../../context/services';
import { useSession } from '../../context/session';
import { useLiveList } from '../../lib/use-live-list';
import { useCatalogues } from '../../lib/use-catalogues';
import { isBooleanRecord, useStoredState } from '../../lib/use-stored-state';
import { BulkBar, ChoiceFilter, ColumnChooser, hamletChoices, officerChoices, SearchBox, useDeleteRestore, useExcelExport, useListShortcuts } from '../../components/records/list-tools';
import { RecordDetail, type HistoryLine } from '../../components/records/RecordDetail';
import { RecordTable } from '../../components/records/RecordTable';
import { SummaryCard } from '../../components/records/SummaryCard';
import {
  defaultVisibility,
  nameLookups,
  personDetailFields,
  personColumns,
  tableColumns,
  trailingColumns,
  type FieldColumn,
  type NameLookups,
} from '../../components/records/columns';
import { compileQuery, matchesQuery, type CompiledQuery, type FilterableRecord } from '../../../shared/search/record-filter';
import { DC01_STATE_LABELS, DC01_STATES, dc01AsksCccd, dc01OutcomeLabel, type Dc01Change } from '../../../shared/domain/dc01';
import { formatDay, isoDay } from '../../../shared/dates/partial-date';
import { formatCount, formatRate, rateOf } from '../../../shared/format/numbers';
import type { Dc01Case, Dc01Category, Dc01Event, Dc01State } from '../../../shared/domain/types';
import { Dc01Form } from './Dc01Form';
import { Dc01StateDialog, type Dc01StateInitial } from './Dc01StateDialog';
import '../../styles/dc01.css';

type Filter = {
  query: string;
  state: Dc01State | '';
  outcomeKey: string;
  hamletId: string;
  /** officer in charge; NO_ASSIGNEE for cases nobody has yet */
  assigneeId: string;
  deleted: boolean;
};

const EMPTY_FILTER: Filter = { query: '', state: '', outcomeKey: '', hamletId: '', assigneeId: '', deleted: false };
const NO_ASSIGNEE = '-';

type DetailPanel = { kind: 'detail'; id: string; order: readonly string[] };
type Panel =
  | { kind: 'new' }
  | { kind: 'edit'; id: string; back: DetailPanel }
  | DetailPanel
  | { kind: 'state'; ids: string[]; initial: Dc01StateInitial; back?: DetailPanel }
  | null;

const STATE_RANK: Readonly<Record<Dc01State, number>> = { pending: 0, in_progress: 1, done: 2 };

/** What is still to do first, then the oldest received, then the order of entry. */
export function worklistOrder(a: Dc01Case, b: Dc01Case): number {
  return (
    STATE_RANK[a.state] - STATE_RANK[b.state] ||
    a.receivedDate.localeCompare(b.receivedDate) ||
    a.createdAt.localeCompare(b.createdAt)
  );
}

// The search reads only the person's name keys, ID, CMND and phone, which a case has too.
const matchesPerson = (c: Dc01Case, q: CompiledQuery) => matchesQuery(c as unknown as FilterableRecord, q);

const cccdText = (hasCccd: boolean | undefined) => (hasCccd === true ? 'đã có thẻ CCCD' : hasCccd === false ? 'chưa có thẻ CCCD' : '');

/** "Đã tạo yêu cầu hủy, xác lập lại số — chưa có thẻ CCCD" */
export function dc01ResultText(c: Pick<Dc01Case, 'state' | 'outcomeKey' | 'hasCccd'>, category: Dc01Category): string {
  if (c.state !== 'done' || !c.outcomeKey) return '';
  const cccd = dc01AsksCccd(category) ? cccdText(c.hasCccd) : '';
  return `${dc01OutcomeLabel(category, c.outcomeKey)}${cccd ? ` — ${cccd}` : ''}`;
}

/** The case's dated states as history lines. */
export function dc01History(log: readonly Dc01Event[], category: Dc01Category): HistoryLine[] {
  return log.map((e, i) => {
    const what = i === 0 && e.state === 'pending' ? 'Tiếp nhận trường hợp' : DC01_STATE_LABELS[e.state];
    const outcome = e.outcomeKey ? `: ${dc01OutcomeLabel(category, e.outcomeKey)}` : '';
    const detail = [cccdText(e.hasCccd), e.note ?? '', e.source ? importSourceText(e.source) : ''].filter(Boolean).join(' · ');
    return { at: e.at, by: e.by, text: `${what}${outcome} — ngày ${formatDay(e.date)}`, ...(detail ? { detail: detail.charAt(0).toUpperCase() + detail.slice(1) } : {}) };
  });
}

function dc01Columns(names: NameLookups, category: Dc01Category): FieldColumn<Dc01Case>[] {
  return [
    ...personColumns<Dc01Case>(names),
    { id: 'householdNo', header: 'Số hộ khẩu', size: 110, excelWidth: 12, excelText: true, hiddenByDefault: true, text: (r) => r.householdNo },
    { id: 'receivedDate', header: 'Ngày tiếp nhận', size: 120, excelWidth: 13, excelText: true, text: (r) => formatDay(r.receivedDate), sortValue: (r) => r.receivedDate },
    { id: 'source', header: 'Nguồn', size: 180, excelWidth: 26, text: (r) => r.source },
    { id: 'assignee', header: 'Cán bộ phụ trách', size: 160, excelWidth: 22, text: (r) => names.officerName(r.assigneeId) },
    {
      id: 'state',
      header: 'Trạng thái',
      size: 170,
      excelWidth: 22,
      text: (r) => DC01_STATE_LABELS[r.state],
      sortValue: (r) => STATE_RANK[r.state],
      cell: (r) => <span className={`badge status-${r.state}`}>{DC01_STATE_LABELS[r.state]}</span>,
    },
    { id: 'outcome', header: 'Kết quả', size: 220, excelWidth: 32, text: (r) => dc01ResultText(r, category) },
    { id: 'stateDate', header: 'Ngày cập nhật', size: 120, excelWidth: 13, excelText: true, text: (r) => formatDay(r.stateDate), sortValue: (r) => r.stateDate },
    ...trailingColumns<Dc01Case>(names),
  ];
}

const DEFAULT_VISIBILITY = defaultVisibility(
  dc01Columns({ hamletName: () => '', officerName: () => '' }, { key: '', label: '', outcomes: [], order: 0, hidden: false }),
);

/** The state the dialog proposes for one case: the next step, or the current outcome to correct it. */
function nextStep(c: Dc01Case): Dc01StateInitial {
  if (c.state === 'pending') return { state: 'in_progress' };
  if (c.state === 'in_progress') return { state: 'done' };
  return { state: 'done', outcomeKey: c.outcomeKey, hasCccd: c.hasCccd };
}

type Counts = Record<Dc01State, number> & { total: number; outcomes: Map<string, number> };

function countCases(cases: readonly Dc01Case[]): Counts {
  const counts: Counts = { total: 0, pending: 0, in_progress: 0, done: 0, outcomes: new Map() };
  for (const c of cases) {
    counts.total++;
    counts[c.state]++;
    if (c.state === 'done' && c.outcomeKey) counts.outcomes.set(c.outcomeKey, (counts.outcomes.get(c.outcomeKey) ?? 0) + 1);
  }
  return counts;
}

export function Dc01Page({ categoryKey }: { categoryKey: string }) {
  const { repos, clock } = useServices();
  const { officer } = useSession();
  const toast = useToast();
  const today = isoDay(clock());
  const { hamlets, officers, memberLists } = useCatalogues();
  const categories = useLiveQuery(() => repos.catalogue.dc01Categories(), [repos]);
  const unit = useLiveQuery(() => repos.settings.getUnit(), [repos]);
  const lastHamlet = useLiveQuery(() => repos.settings.getLastHamletId(), [repos]) ?? '';
  const records = useLiveList(
    {
      feed: repos.ctx.changes,
      table: 'dc01Cases',
      load: () => repos.dc01.byCategory(categoryKey),
      getMany: (ids) => repos.dc01.getMany(ids),
      belongs: (c) => c.categoryKey === categoryKey,
    },
    categoryKey,
  );
  const category = categories?.find((c) => c.key === categoryKey);

  const names = useMemo(() => nameLookups(hamlets, officers), [hamlets, officers]);
  const fields = useMemo(() => (category ? dc01Columns(names, category) : []), [names, category]);
  const columns = useMemo(() => tableColumns(fields), [fields]);

  const [filter, setFilter] = useState<Filter>(EMPTY_FILTER);
  const [columnVisibility, setColumnVisibility] = useStoredState('dc01.columns', DEFAULT_VISIBILITY, isBooleanRecord);
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [panel, setPanel] = useState<Panel>(null);
  const { remove, restore } = useDeleteRestore(repos.dc01, 'trường hợp', () => setPanel(null));
  const excel = useExcelExport();
  const searchRef = useRef<HTMLInputElement>(null);

  // Counts follow the search, hamlet and officer; the state and outcome filters pick among them.
  const deferredFilter = useDeferredValue(filter);
  const base = useMemo(() => {
    const f = deferredFilter;
    const q = compileQuery(f.query);
    return (records ?? []).filter(
      (c) =>
        Boolean(c.deletedAt) === f.deleted &&
        (!f.hamletId || c.hamletId === f.hamletId) &&
        (!f.assigneeId || c.assigneeId === (f.assigneeId === NO_ASSIGNEE ? '' : f.assigneeId)) &&
        matchesPerson(c, q),
    );
  }, [records, deferredFilter]);
  const counts = useMemo(() => countCases(base), [base]);
  const filtered = useMemo(
    () =>
      base
        .filter((c) => (!deferredFilter.state || c.state === deferredFilter.state) && (!deferredFilter.outcomeKey || (c.state === 'done' && c.outcomeKey === deferredFilter.outcomeKey)))
        .sort(worklistOrder),
    [base, deferredFilter.state, deferredFilter.outcomeKey],
  );
  const selectedIds = useMemo(() => {
    const visible = new Set(filtered.map((c) => c.id));
    return Object.keys(rowSelection).filter((id) => rowSelection[id] && visible.has(id));
  }, [rowSelection, filtered]);
  const byId = useMemo(() => new Map((records ?? []).map((c) => [c.id, c])), [records]);

  // Case to case in the detail: the order the list had when the detail was opened,
  // so a case marked done and leaving a "pending" view does not lose the place.
  const detailPanel = panel?.kind === 'detail' ? panel : undefined;
  const nav = useMemo(() => {
    if (!detailPanel) return undefined;
    const { order, id } = detailPanel;
    const here = order.indexOf(id);
    const usable = (i: number) => {
      const c = byId.get(order[i] ?? '');
      return c !== undefined && Boolean(c.deletedAt) === filter.deleted;
    };
    let prev: string | undefined;
    let next: string | undefined;
    if (here >= 0) {
      for (let i = here - 1; i >= 0 && !prev; i--) if (usable(i)) prev = order[i];
      for (let i = here + 1; i < order.length && !next; i++) if (usable(i)) next = order[i];
    }
    return { here, total: order.length, prev, next, order };
  }, [detailPanel, byId, filter.deleted]);

  // A case opened (or come back to) starts on its main action: Enter updates the
  // result, PageDown goes on to the next case.
  // Moving on keeps the focus where it was, unless that control went away (the
  // "next" button at the last case).
  const detailId = detailPanel?.id;
  const wasOpen = useRef(false);
  useEffect(() => {
    const opening = !wasOpen.current;
    wasOpen.current = Boolean(detailId);
    if (!detailId) return;
    const dialog = document.querySelector<HTMLElement>('[role="dialog"]');
    const active = document.activeElement;
    const lost = !active || !dialog?.contains(active) || (active instanceof HTMLButtonElement && active.disabled);
    if (opening || lost) dialog?.querySelector<HTMLElement>('.dialog-footer .btn-primary')?.focus();
  }, [detailId]);

  // Keyboard: F2 new case and Ctrl+F search when no dialog is open;
  // PageDown / PageUp from case to case in the detail.
  useListShortcuts({ active: !panel, onNew: () => !filter.deleted && setPanel({ kind: 'new' }), searchRef });
  useEffect(() => {
    if (!nav) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'PageDown' && e.key !== 'PageUp') return;
      e.preventDefault();
      const to = e.key === 'PageDown' ? nav.next : nav.prev;
      if (to) setPanel({ kind: 'detail', id: to, order: nav.order });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [nav]);

  if (!records || !categories) return <div className="page-loading">Đang tải danh sách…</div>;
  if (!category) return <div className="notice notice-error">Không tìm thấy loại làm sạch này. Chọn một loại ở cột bên trái.</div>;

  const patch = (p: Partial<Filter>) => {
    setFilter((f) => ({ ...f, ...p }));
    setRowSelection({});
  };
  const filtersOn = filter.query !== '' || filter.state !== '' || filter.outcomeKey !== '' || filter.hamletId !== '' || filter.assigneeId !== '';
  const title = category.label;

  const applyState = async (ids: readonly string[], change: Dc01Change) => {
    const result = await repos.dc01.setState(ids, change, officer.id);
    if (result.ok) {
      const { changed, skipped } = result.value;
      toast.show(`Đã cập nhật ${formatCount(changed)} trường hợp${skipped ? ` (${formatCount(skipped)} trường hợp đã ở kết quả này, giữ nguyên)` : ''}.`);
      setRowSelection({});
    }
    return result;
  };

  const exportExcel = () =>
    excel.run({
      name: `DC01 ${title}`,
      title: `DANH SÁCH TRƯỜNG HỢP LÀM SẠCH DỮ LIỆU DC01 — ${title.toLocaleUpperCase('vi')}`,
      unitName: unit?.unitName ?? '',
      filtered: filtersOn,
      fields,
      visibility: columnVisibility,
      rows: filtered,
      entity: 'dc01Cases',
      scope: `dc01:${categoryKey}`,
    });

  const detail = detailPanel ? byId.get(detailPanel.id) : undefined;
  const editing = panel?.kind === 'edit' ? byId.get(panel.id) : undefined;
  const openDetail = (id: string) => setPanel({ kind: 'detail', id, order: filtered.map((c) => c.id) });
  const asksCccd = dc01AsksCccd(category);
  const stateCard = (s: Dc01State) => (
    <SummaryCard
      key={s}
      label={DC01_STATE_LABELS[s]}
      value={formatCount(counts[s])}
      tone={s}
      active={filter.state === s && !filter.outcomeKey}
      onClick={() => patch({ state: filter.state === s && !filter.outcomeKey ? '' : s, outcomeKey: '' })}
    />
  );

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <div>
          <h1 id="page-title">{title}</h1>
          <p className="muted">
            Làm sạch dữ liệu — phân hệ DC01 mở rộng{category.hidden ? ' · loại này đang ẩn trong danh mục' : ''}
          </p>
        </div>
        <div className="page-actions">
          <Link href={`/nhap-excel/${encodeURIComponent(`dc01:${category.key}`)}`} className="btn btn-secondary">
            Nhập từ tệp Excel
          </Link>
          <Button onClick={() => void exportExcel()} disabled={excel.exporting || filtered.length === 0} title="Xuất các dòng đang hiển thị">
            {excel.exporting ? 'Đang tạo tệp…' : 'Xuất Excel'}
          </Button>
          <Button variant="primary" onClick={() => setPanel({ kind: 'new' })} disabled={filter.deleted} title="Phím tắt: F2">
            + Nhập trường hợp (F2)
          </Button>
        </div>
      </header>

      <div className="summary-cards" aria-label="Số liệu">
        <SummaryCard
          label="Tổng số trường hợp"
          value={formatCount(counts.total)}
          active={!filter.state && !filter.outcomeKey}
          onClick={() => patch({ state: '', outcomeKey: '' })}
        />
        {stateCard('pending')}
        {stateCard('in_progress')}
        {stateCard('done')}
        {category.outcomes.map((o) => (
          <SummaryCard
            key={o.key}
            label={o.label}
            value={formatCount(counts.outcomes.get(o.key) ?? 0)}
            tone="outcome"
            active={filter.outcomeKey === o.key}
            onClick={() => patch(filter.outcomeKey === o.key ? { state: '', outcomeKey: '' } : { state: 'done', outcomeKey: o.key })}
          />
        ))}
        <SummaryCard
          label="Tỷ lệ hoàn thành"
          value={formatRate(rateOf(counts.done, counts.total))}
          hint={`Đã xử lý ${formatCount(counts.done)}/${formatCount(counts.total)}`}
          tone="rate"
        />
      </div>

      <div className="toolbar" role="search">
        <SearchBox inputRef={searchRef} value={filter.query} placeholder="Tìm theo tên, số định danh, CMND, điện thoại… (Ctrl+F)" onChange={(query) => patch({ query })} />
        <select aria-label="Trạng thái" value={filter.state} onChange={(e) => patch({ state: e.target.value as Dc01State | '', outcomeKey: e.target.value === 'done' ? filter.outcomeKey : '' })}>
          <option value="">Mọi trạng thái</option>
          {DC01_STATES.map((s) => (
            <option key={s} value={s}>
              {DC01_STATE_LABELS[s]}
            </option>
          ))}
        </select>
        <select
          aria-label="Kết quả"
          value={filter.outcomeKey}
          onChange={(e) => patch(e.target.value ? { outcomeKey: e.target.value, state: 'done' } : { outcomeKey: '' })}
        >
          <option value="">Mọi kết quả</option>
          {category.outcomes.map((o) => (
            <option key={o.key} value={o.key}>
              {o.label}
            </option>
          ))}
        </select>
        <ChoiceFilter label="Thôn/tổ dân phố" all="Tất cả thôn/TDP" value={filter.hamletId} choices={hamletChoices(hamlets)} onChange={(hamletId) => patch({ hamletId })} />
        <ChoiceFilter
          label="Cán bộ phụ trách"
          all="Mọi cán bộ phụ trách"
          value={filter.assigneeId}
          choices={[{ value: NO_ASSIGNEE, label: 'Chưa phân công' }, ...officerChoices(officers)]}
          onChange={(assigneeId) => patch({ assigneeId })}
        />
        <label className="check">
          <input type="checkbox" checked={filter.deleted} onChange={(e) => patch({ deleted: e.target.checked })} />
          Trường hợp đã xóa
        </label>
        {filtersOn ? (
          <Button variant="ghost" onClick={() => patch({ ...EMPTY_FILTER, deleted: filter.deleted })}>
            Xóa bộ lọc
          </Button>
        ) : null}
        <ColumnChooser fields={fields} visibility={columnVisibility} onChange={setColumnVisibility} />
      </div>

      <div className="result-line" aria-live="polite">
        {filter.deleted ? 'Trường hợp đã xóa: ' : filtersOn ? 'Kết quả lọc: ' : 'Tổng cộng: '}
        <strong>{formatCount(filtered.length)}</strong> trường hợp
        {filtersOn || filter.deleted ? <span className="muted"> / {formatCount(records.filter((c) => !c.deletedAt).length)} trong loại này</span> : null}
        <span className="muted"> · chưa xử lý xếp trước, tiếp nhận sớm nhất lên đầu</span>
      </div>

      <BulkBar
        count={selectedIds.length}
        noun="trường hợp"
        onClear={() => setRowSelection({})}
        action={
          filter.deleted ? null : (
            <Button variant="primary" onClick={() => setPanel({ kind: 'state', ids: selectedIds, initial: { state: 'done' } })}>
              Cập nhật kết quả…
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
        onOpen={openDetail}
      />
      {records.length === 0 ? (
        <p className="empty-hint">
          Loại này chưa có trường hợp nào. Bấm <strong>+ Nhập trường hợp (F2)</strong> để nhập theo danh sách cấp trên giao.
        </p>
      ) : null}

      {panel?.kind === 'new' || editing ? (
        <Dc01Form
          category={category}
          categories={categories}
          lists={memberLists ?? []}
          hamlets={hamlets}
          officers={officers}
          initialHamletId={lastHamlet}
          {...(editing ? { record: editing } : {})}
          onClose={() => setPanel(panel?.kind === 'edit' ? panel.back : null)}
          onOpenRecord={openDetail}
        />
      ) : null}
      {detail && detailPanel && nav ? (
        <RecordDetail
          title={`Trường hợp: ${detail.fullName}`}
          entity="dc01Cases"
          record={detail}
          officers={officers}
          stepLabel="Cập nhật kết quả"
          showValue={(field, v) =>
            field === 'assigneeId' ? names.officerName(String(v ?? '')) : field === 'hamletId' ? names.hamletName(String(v ?? '')) : undefined
          }
          steps={dc01History(detail.stateLog, category)}
          fields={[
            ...personDetailFields(detail, names),
            ['Số hộ khẩu', detail.householdNo],
            ['Ngày tiếp nhận', formatDay(detail.receivedDate)],
            ['Nguồn', detail.source],
            ['Cán bộ phụ trách', names.officerName(detail.assigneeId)],
            ['Ghi chú', detail.note],
            ['Trạng thái', `${DC01_STATE_LABELS[detail.state]} — ngày ${formatDay(detail.stateDate)}`],
            ['Kết quả', dc01OutcomeLabelOf(detail, category)],
            ...(asksCccd && detail.state === 'done' ? [['Thẻ CCCD', cccdText(detail.hasCccd)] as const] : []),
          ]}
          extra={
            <nav className="case-nav" aria-label="Chuyển trường hợp">
              <Button onClick={() => nav.prev && setPanel({ kind: 'detail', id: nav.prev, order: nav.order })} disabled={!nav.prev} title="Phím PageUp">
                ‹ Trước
              </Button>
              <span className="muted">
                {nav.here >= 0 ? `Trường hợp ${formatCount(nav.here + 1)}/${formatCount(nav.total)} · PageDown / PageUp` : 'Không nằm trong danh sách đang lọc'}
              </span>
              <Button onClick={() => nav.next && setPanel({ kind: 'detail', id: nav.next, order: nav.order })} disabled={!nav.next} title="Phím PageDown">
                Trường hợp tiếp theo ›
              </Button>
            </nav>
          }
          onEdit={() => setPanel({ kind: 'edit', id: detail.id, back: detailPanel })}
          onStep={() => setPanel({ kind: 'state', ids: [detail.id], initial: nextStep(detail), back: detailPanel })}
          onDelete={() => void remove(detail)}
          onRestore={() => void restore(detail)}
          onClose={() => setPanel(null)}
        />
      ) : null}
      {panel?.kind === 'state' ? (
        <Dc01StateDialog
          category={category}
          count={panel.ids.length}
          today={today}
          initial={panel.initial}
          onApply={(change) => applyState(panel.ids, change)}
          onClose={() => setPanel(panel.back ?? null)}
        />
      ) : null}
    </section>
  );
}

const dc01OutcomeLabelOf = (c: Dc01Case, category: Dc01Category) => (c.state === 'done' && c.outcomeKey ? dc01OutcomeLabel(category, c.outcomeKey) : '');
