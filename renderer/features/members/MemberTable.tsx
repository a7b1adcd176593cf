/**
 * The list itself: sortable columns the officer can show or hide, row
 * selection, and virtual scrolling so 30,000 rows stay smooth (only the rows
 * on screen are in the DOM). Keyboard: ↑/↓ move, Space selects, Enter opens.
 */
import { useMemo, useRef, useState } from 'react';
import {
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type RowSelectionState,
  type SortingState,
  type VisibilityState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { PROGRESS_STATUS_LABELS } from '../../../shared/domain/progress';
import { formatDay, formatPartialDate } from '../../../shared/dates/partial-date';
import type { Hamlet, MemberList, MemberRecord, Officer } from '../../../shared/domain/types';
import { sexLabel } from './MemberDetail';

const ROW_HEIGHT = 34;

export type MemberColumnId =
  | 'select'
  | 'index'
  | 'fullName'
  | 'birthDate'
  | 'sex'
  | 'personalId'
  | 'oldId'
  | 'phone'
  | 'hamlet'
  | 'address'
  | 'memberKind'
  | 'status'
  | 'statusDate'
  | 'createdBy'
  | 'note';

export const COLUMN_LABELS: Readonly<Record<Exclude<MemberColumnId, 'select' | 'index'>, string>> = {
  fullName: 'Họ và tên',
  birthDate: 'Ngày sinh',
  sex: 'Giới tính',
  personalId: 'Số định danh',
  oldId: 'CMND',
  phone: 'Điện thoại',
  hamlet: 'Thôn/TDP',
  address: 'Địa chỉ',
  memberKind: 'Cá nhân/Tập thể',
  status: 'Trạng thái',
  statusDate: 'Ngày cập nhật',
  createdBy: 'Người nhập',
  note: 'Ghi chú',
};

export const DEFAULT_HIDDEN: VisibilityState = { oldId: false, phone: false, address: false, note: false, createdBy: false };

/** Birth dates sort by their earliest possible day; partial ones sort with their year. */
const birthSortKey = (p: string) => p.padEnd(10, '0');

export function MemberTable({
  rows,
  list,
  hamlets,
  officers,
  columnVisibility,
  rowSelection,
  onRowSelectionChange,
  onOpen,
}: {
  rows: readonly MemberRecord[];
  list: MemberList;
  hamlets: readonly Hamlet[];
  officers: readonly Officer[];
  columnVisibility: VisibilityState;
  rowSelection: RowSelectionState;
  onRowSelectionChange: (next: RowSelectionState) => void;
  onOpen: (id: string) => void;
}) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const [active, setActive] = useState(0);
  const scrollRef = useRef<HTMLDivElement>(null);
  const hamletName = useMemo(() => new Map(hamlets.map((h) => [h.id, h.name])), [hamlets]);
  const officerName = useMemo(() => new Map(officers.map((o) => [o.id, o.fullName])), [officers]);

  const columns = useMemo<ColumnDef<MemberRecord>[]>(
    () => [
      {
        id: 'select',
        size: 36,
        enableSorting: false,
        header: ({ table }) => (
          <input
            type="checkbox"
            aria-label="Chọn tất cả"
            checked={table.getIsAllRowsSelected()}
            ref={(el) => {
              if (el) el.indeterminate = table.getIsSomeRowsSelected();
            }}
            onChange={table.getToggleAllRowsSelectedHandler()}
          />
        ),
        cell: ({ row }) => (
          <input
            type="checkbox"
            aria-label={`Chọn ${row.original.fullName}`}
            checked={row.getIsSelected()}
            onChange={row.getToggleSelectedHandler()}
            onClick={(e) => e.stopPropagation()}
            tabIndex={-1}
          />
        ),
      },
      { id: 'index', header: 'Stt', size: 56, enableSorting: false, cell: ({ row }) => row.index + 1 },
      { id: 'fullName', header: COLUMN_LABELS.fullName, size: 200, accessorFn: (r) => r.searchName, cell: ({ row }) => row.original.fullName },
      {
        id: 'birthDate',
        header: COLUMN_LABELS.birthDate,
        size: 100,
        accessorFn: (r) => birthSortKey(r.birthDate),
        cell: ({ row }) => (row.original.birthDate ? formatPartialDate(row.original.birthDate) : ''),
      },
      { id: 'sex', header: COLUMN_LABELS.sex, size: 70, accessorFn: (r) => sexLabel(r.sex) },
      {
        id: 'personalId',
        header: COLUMN_LABELS.personalId,
        size: 150,
        accessorFn: (r) => r.personalId,
        cell: ({ row }) =>
          row.original.idFlagged ? (
            <span className="id-flagged" title="Số định danh sai cấu trúc — cần làm sạch">
              ⚠ {row.original.personalId}
            </span>
          ) : (
            row.original.personalId
          ),
      },
      { id: 'oldId', header: COLUMN_LABELS.oldId, size: 110, accessorFn: (r) => r.oldId },
      { id: 'phone', header: COLUMN_LABELS.phone, size: 115, accessorFn: (r) => r.phone },
      { id: 'hamlet', header: COLUMN_LABELS.hamlet, size: 140, accessorFn: (r) => hamletName.get(r.hamletId) ?? '' },
      { id: 'address', header: COLUMN_LABELS.address, size: 220, accessorFn: (r) => r.address },
      ...(list.hasMemberKind
        ? [
            {
              id: 'memberKind',
              header: COLUMN_LABELS.memberKind,
              size: 100,
              accessorFn: (r: MemberRecord) => (r.memberKind === 'collective' ? 'Tập thể' : 'Cá nhân'),
            } satisfies ColumnDef<MemberRecord>,
          ]
        : []),
      {
        id: 'status',
        header: COLUMN_LABELS.status,
        size: 190,
        accessorFn: (r) => r.status,
        cell: ({ row }) => <span className={`badge status-${row.original.status}`}>{PROGRESS_STATUS_LABELS[row.original.status]}</span>,
      },
      { id: 'statusDate', header: COLUMN_LABELS.statusDate, size: 125, accessorFn: (r) => r.statusDate, cell: ({ row }) => formatDay(row.original.statusDate) },
      { id: 'createdBy', header: COLUMN_LABELS.createdBy, size: 160, accessorFn: (r) => officerName.get(r.createdBy) ?? '' },
      { id: 'note', header: COLUMN_LABELS.note, size: 200, accessorFn: (r) => r.note },
    ],
    [hamletName, officerName, list.hasMemberKind],
  );

  const data = rows as MemberRecord[];
  const table = useReactTable({
    data,
    columns,
    state: { sorting, columnVisibility, rowSelection },
    getRowId: (r) => r.id,
    onSortingChange: setSorting,
    onRowSelectionChange: (updater) => onRowSelectionChange(typeof updater === 'function' ? updater(rowSelection) : updater),
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    enableRowSelection: true,
  });
  const tableRows = table.getRowModel().rows;

  const virtualizer = useVirtualizer({
    count: tableRows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  const visibleColumns = table.getVisibleLeafColumns();
  const gridTemplate = visibleColumns.map((c) => `${c.getSize()}px`).join(' ');
  const totalWidth = visibleColumns.reduce((w, c) => w + c.getSize(), 0);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (!tableRows.length) return;
    const move = (to: number) => {
      const next = Math.max(0, Math.min(tableRows.length - 1, to));
      setActive(next);
      virtualizer.scrollToIndex(next, { align: 'auto' });
      e.preventDefault();
    };
    if (e.key === 'ArrowDown') move(active + 1);
    else if (e.key === 'ArrowUp') move(active - 1);
    else if (e.key === 'PageDown') move(active + 15);
    else if (e.key === 'PageUp') move(active - 15);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(tableRows.length - 1);
    else if (e.key === ' ') {
      tableRows[active]?.toggleSelected();
      e.preventDefault();
    } else if (e.key === 'Enter') {
      const row = tableRows[active];
      if (row) onOpen(row.original.id);
      e.preventDefault();
    }
  };

  return (
    <div
      className="grid-scroll"
      ref={scrollRef}
      tabIndex={0}
      role="grid"
      aria-label={`Danh sách ${list.label}`}
      aria-rowcount={tableRows.length + 1}
      onKeyDown={onKeyDown}
    >
      <div style={{ width: totalWidth, minWidth: '100%' }}>
        <div className="grid-header" role="row" style={{ gridTemplateColumns: gridTemplate }}>
          {table.getFlatHeaders().filter((h) => h.column.getIsVisible()).map((header) => {
            const sorted = header.column.getIsSorted();
            return (
              <div
                key={header.id}
                role="columnheader"
                className={header.column.getCanSort() ? 'sortable' : undefined}
                aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                onClick={header.column.getToggleSortingHandler()}
              >
                {flexRender(header.column.columnDef.header, header.getContext())}
                {sorted ? <span className="sort-mark">{sorted === 'asc' ? ' ▲' : ' ▼'}</span> : null}
              </div>
            );
          })}
        </div>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = tableRows[item.index];
            if (!row) return null;
            return (
              <div
                key={row.id}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={row.getIsSelected()}
                className={`grid-row${item.index % 2 ? ' odd' : ''}${item.index === active ? ' active' : ''}${row.getIsSelected() ? ' selected' : ''}`}
                style={{ gridTemplateColumns: gridTemplate, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                onClick={() => setActive(item.index)}
                onDoubleClick={() => onOpen(row.original.id)}
              >
                {row.getVisibleCells().map((cell) => (
                  <div key={cell.id} role="gridcell">
                    {flexRender(cell.column.columnDef.cell ?? ((c) => String(c.getValue() ?? '')), cell.getContext())}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
        {tableRows.length === 0 ? <div className="grid-empty">Không có hồ sơ nào phù hợp.</div> : null}
      </div>
    </div>
  );
}
