/**
 * Pieces every list screen shares: the column chooser, deletion with an undo
 * toast, and export of the rows on screen to Excel (recorded in the audit log).
 */
import { useState } from 'react';
import type { VisibilityState } from '@tanstack/react-table';
import { useToast } from '../ui/Toast';
import { useServices } from '../../context/services';
import { useSession } from '../../context/session';
import { buildTableWorkbook } from '../../excel/table-export';
import type { WriteResult } from '../../db/repositories/record-ops';
import { formatDay, isoDay } from '../../../shared/dates/partial-date';
import { formatCount } from '../../../shared/format/numbers';
import { exportColumns, type FieldColumn } from './columns';

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

/** Deletes with a "Hoàn tác" toast; restores with a toast; both report refusals. */
export function useDeleteRestore<T extends { id: string; fullName: string }>(
  actions: {
    remove: (id: string, officerId: string) => Promise<WriteResult<T>>;
    restore: (id: string, officerId: string) => Promise<WriteResult<T>>;
  },
  noun: string,
) {
  const { officer } = useSession();
  const toast = useToast();
  const restore = async (record: T): Promise<boolean> => {
    const result = await actions.restore(record.id, officer.id);
    toast.show(result.ok ? `Đã khôi phục ${record.fullName}.` : result.message, { tone: result.ok ? 'ok' : 'error' });
    return result.ok;
  };
  const remove = async (record: T): Promise<boolean> => {
    const result = await actions.remove(record.id, officer.id);
    if (!result.ok) {
      toast.show(result.message, { tone: 'error' });
      return false;
    }
    toast.show(`Đã xóa ${noun} ${record.fullName}.`, { action: { label: 'Hoàn tác', run: () => void restore(record) } });
    return true;
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
