/**
 * The list itself: sortable columns the officer can show or hide, row
 * selection, and virtual scrolling so 30,000 rows stay smooth (only the rows
 * on screen are in the DOM). Keyboard: ↑/↓ move, Space selects, Enter opens.
 * Each family gives its columns; the selection and the row number come from here.
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

const ROW_HEIGHT = 34;

export type RecordColumn<T> = ColumnDef<T> & { id: string };

export function RecordTable<T extends { id: string; fullName: string }>({
  rows,
  columns: familyColumns,
  label,
  columnVisibility,
  rowSelection,
  onRowSelectionChange,
  onOpen,
}: {
  rows: readonly T[];
  columns: readonly RecordColumn<T>[];
  label: string;
  columnVisibility: VisibilityState;
  rowSelection: RowSelectionState;
  onRowSelectionChange: (next: RowSelectionState) => void;
  onOpen: (id: string) => void;
}) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const [active, setActive] = useState(0);
  const scrollRef = useRef<HTMLDivElement>(null);

  const columns = useMemo<ColumnDef<T>[]>(
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
      ...familyColumns,
    ],
    [familyColumns],
  );

  const data = rows as T[];
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
      aria-label={label}
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
