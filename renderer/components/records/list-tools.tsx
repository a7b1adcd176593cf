/**
 * Pieces every list screen shares: the column chooser, deletion with an undo
 * toast, and export of the rows on screen to Excel (recorded in the audit log).
 */
import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { Button } from '../ui/Button';
import type { VisibilityState } from '@tanstack/react-table';
import { useToast } from '../ui/Toast';
import { useServices } from '../../context/services';
import { useSession } from '../../context/session';
import { buildTableWorkbook } from '../../excel/table-export';
import type { WriteResult } from '../../db/repositories/record-ops';
import { formatDay, isoDay } from '../../../shared/dates/partial-date';
import { formatCount } from '../../../shared/format/numbers';
import { exportColumns, type FieldColumn } from './columns';
import type { Hamlet, Officer } from '../../../shared/domain/types';

export function ColumnChooser<T>({
  fields,
  visibility,
  onChange,
}: {
  fields: readonly FieldColumn<T>[];
  visibility: VisibilityState;
  onChange: (next: VisibilityState) => void;
}) {
  return (
    <details className="column-chooser">
      <summary>Cột hiển thị</summary>
      <div className="column-chooser-menu">
        {fields
          .filter((f) => !f.fixed)
          .map((c) => (
            <label key={c.id} className="check">
              <input type="checkbox" checked={visibility[c.id] !== false} onChange={(e) => onChange({ ...visibility, [c.id]: e.target.checked })} />
              {c.header}
            </label>
          ))}
      </div>
    </details>
  );
}

/**
 * Deletes with a "Hoàn tác" toast; restores with a toast; both report refusals.
 * `onDone` runs after a delete or restore done from the screen (closing the
 * record), not after an undo from the toast, which may come while the officer
 * is already in another dialog.
 */
export function useDeleteRestore<T extends { id: string; fullName: string }>(
  actions: {
    remove: (id: string, officerId: string) => Promise<WriteResult<T>>;
    restore: (id: string, officerId: string) => Promise<WriteResult<T>>;
  },
  noun: string,
  onDone: () => void,
) {
  const { officer } = useSession();
  const toast = useToast();
  const undo = async (record: T): Promise<boolean> => {
    const result = await actions.restore(record.id, officer.id);
    toast.show(result.ok ? `Đã khôi phục ${record.fullName}.` : result.message, { tone: result.ok ? 'ok' : 'error' });
    return result.ok;
  };
  const restore = async (record: T): Promise<void> => {
    if (await undo(record)) onDone();
  };
  const remove = async (record: T): Promise<void> => {
    const result = await actions.remove(record.id, officer.id);
    if (!result.ok) {
      toast.show(result.message, { tone: 'error' });
      return;
    }
    onDone();
    toast.show(`Đã xóa ${noun} ${record.fullName}.`, { action: { label: 'Hoàn tác', run: () => void undo(record) } });
  };
  return { remove, restore };
}

/** Windows refuses these characters in a file name. */
export function fileSafe(name: string): string {
  return name.replace(/[\\/:*?"<>|]/g, ' ').replace(/\s+/g, ' ').trim() || 'Danh sach';
}

/** The rows on screen as an .xlsx file, through the desktop API's save dialog. */
export function useExcelExport() {
  const { repos, api, clock } = useServices();
  const { officer } = useSession();
  const toast = useToast();
  const [exporting, setExporting] = useState(false);

  const run = async <T,>(spec: {
    /** sheet and file name */
    name: string;
    title: string;
    unitName: string;
    filtered: boolean;
    fields: readonly FieldColumn<T>[];
    visibility: VisibilityState;
    rows: readonly T[];
    /** for the audit log */
    entity: string;
    scope: string;
  }) => {
    setExporting(true);
    const today = formatDay(isoDay(clock()));
    try {
      const data = await buildTableWorkbook({
        sheetName: spec.name,
        title: spec.title,
        subtitle: `${spec.unitName} — xuất ngày ${today}${spec.filtered ? ' (theo bộ lọc đang chọn)' : ''}`,
        columns: exportColumns(spec.fields, spec.visibility),
        rows: spec.rows,
      });
      const result = await api.saveFile({
        suggestedName: `${fileSafe(spec.name)} ${today.replace(/\//g, '-')}.xlsx`,
        filters: [{ name: 'Tệp Excel', extensions: ['xlsx'] }],
        data,
      });
      if (!result.ok) toast.show(`Không lưu được tệp: ${result.message}`, { tone: 'error' });
      else if (result.value.saved) {
        await repos.audit.logExport(spec.entity, spec.scope, spec.rows.length, officer.id);
        toast.show(`Đã xuất ${formatCount(spec.rows.length)} dòng ra ${result.value.path}.`);
      }
    } catch (e) {
      toast.show(`Không tạo được tệp Excel: ${e instanceof Error ? e.message : String(e)}`, { tone: 'error' });
    } finally {
      setExporting(false);
    }
  };
  return { exporting, run };
}

export type Choice = { value: string; label: string };

/** A toolbar filter: "all" first, then the choices. */
export function ChoiceFilter({
  label,
  all,
  value,
  choices,
  onChange,
}: {
  label: string;
  all: string;
  value: string;
  choices: readonly Choice[];
  onChange: (value: string) => void;
}) {
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{all}</option>
      {choices.map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
    </select>
  );
}

/** The search box of a list; Ctrl+F or "/" brings the focus here (see useListShortcuts). */
export function SearchBox({
  inputRef,
  value,
  placeholder,
  onChange,
}: {
  inputRef: RefObject<HTMLInputElement | null>;
  value: string;
  placeholder: string;
  onChange: (value: string) => void;
}) {
  return (
    <input
      ref={inputRef}
      type="search"
      className="search-input"
      placeholder={placeholder}
      aria-label="Tìm kiếm"
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

/**
 * A list's keys when no dialog is open: F2 (or Insert outside a field) starts
 * a new entry, Ctrl+F or "/" goes to the search box.
 */
export function useListShortcuts(options: { active: boolean; onNew: () => void; searchRef: RefObject<HTMLInputElement | null> }) {
  const { active, searchRef } = options;
  const onNew = useRef(options.onNew);
  useEffect(() => {
    onNew.current = options.onNew;
  });
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement;
      if (e.key === 'F2' || (e.key === 'Insert' && !typing)) {
        e.preventDefault();
        onNew.current();
      } else if ((e.key === 'f' && (e.ctrlKey || e.metaKey)) || (e.key === '/' && !typing)) {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, searchRef]);
}

/** What the officer can do with the selected rows. */
export function BulkBar({ count, noun, action, onClear }: { count: number; noun: string; action?: ReactNode; onClear: () => void }) {
  if (count === 0) return null;
  return (
    <div className="bulk-bar" role="region" aria-label="Thao tác với hồ sơ đã chọn">
      <span>
        Đã chọn <strong>{formatCount(count)}</strong> {noun}
      </span>
      {action}
      <Button variant="ghost" onClick={onClear}>
        Bỏ chọn
      </Button>
    </div>
  );
}

export const hamletChoices = (hamlets: readonly Hamlet[]): Choice[] => hamlets.map((h) => ({ value: h.id, label: h.name }));
export const officerChoices = (officers: readonly Officer[]): Choice[] => officers.map((o) => ({ value: o.id, label: o.fullName }));
