/**
 * A column is described once — header, how to show it, how to sort it, how it
 * goes to Excel — and serves both the table on screen and the exported sheet.
 */
import type { ReactNode } from 'react';
import type { VisibilityState } from '@tanstack/react-table';
import type { ExportColumn } from '../../excel/table-export';
import { PROGRESS_STATUS_LABELS } from '../../../shared/domain/progress';
import { formatDay, formatPartialDate } from '../../../shared/dates/partial-date';
import type { Hamlet, Officer, PersonFields, ProgressFields, SearchKeys, Stamp } from '../../../shared/domain/types';
import type { RecordColumn } from './RecordTable';

export type FieldColumn<T> = {
  id: string;
  header: string;
  /** width on screen, px */
  size: number;
  /** width in Excel, characters */
  excelWidth: number;
  text: (row: T) => string;
  sortValue?: (row: T) => string | number;
  cell?: (row: T) => ReactNode;
  /** keep as text in Excel (IDs with leading zeros, dates) */
  excelText?: boolean;
  /** the officer cannot hide it */
  fixed?: boolean;
  /** hidden until the officer chooses it */
  hiddenByDefault?: boolean;
};

export function sexLabel(sex: string): string {
  return sex === 'male' ? 'Nam' : sex === 'female' ? 'Nữ' : '';
}

/** Birth dates sort by their earliest possible day; partial ones sort with their year. */
const birthSortKey = (p: string) => p.padEnd(10, '0');

export type NameLookups = { hamletName: (id: string) => string; officerName: (id: string) => string };

export function nameLookups(hamlets: readonly Hamlet[], officers: readonly Officer[]): NameLookups {
  const h = new Map(hamlets.map((x) => [x.id, x.name]));
  const o = new Map(officers.map((x) => [x.id, x.fullName]));
  return { hamletName: (id) => h.get(id) ?? '', officerName: (id) => o.get(id) ?? '' };
}

type Person = PersonFields & SearchKeys;

export function personColumns<T extends Person>(names: NameLookups, labels?: { fullName?: string }): FieldColumn<T>[] {
  return [
    { id: 'fullName', header: labels?.fullName ?? 'Họ và tên', size: 200, excelWidth: 28, fixed: true, text: (r) => r.fullName, sortValue: (r) => r.searchName },
    { id: 'birthDate', header: 'Ngày sinh', size: 100, excelWidth: 12, excelText: true, text: (r) => (r.birthDate ? formatPartialDate(r.birthDate) : ''), sortValue: (r) => birthSortKey(r.birthDate) },
    { id: 'sex', header: 'Giới tính', size: 70, excelWidth: 9, text: (r) => sexLabel(r.sex) },
    {
      id: 'personalId',
      header: 'Số định danh',
      size: 150,
      excelWidth: 16,
      excelText: true,
      text: (r) => r.personalId,
      cell: (r) =>
        r.idFlagged ? (
          <span className="id-flagged" title="Số định danh sai cấu trúc — cần làm sạch">
            ⚠ {r.personalId}
          </span>
        ) : (
          r.personalId
        ),
    },
    { id: 'oldId', header: 'CMND', size: 110, excelWidth: 12, excelText: true, hiddenByDefault: true, text: (r) => r.oldId },
    { id: 'phone', header: 'Điện thoại', size: 115, excelWidth: 13, excelText: true, hiddenByDefault: true, text: (r) => r.phone },
    { id: 'hamlet', header: 'Thôn/TDP', size: 140, excelWidth: 18, text: (r) => names.hamletName(r.hamletId) },
    { id: 'address', header: 'Địa chỉ', size: 220, excelWidth: 30, hiddenByDefault: true, text: (r) => r.address },
  ];
}

export function progressColumns<T extends ProgressFields & Stamp & { note: string }>(names: NameLookups): FieldColumn<T>[] {
  return [
    {
      id: 'status',
      header: 'Trạng thái',
      size: 190,
      excelWidth: 24,
      text: (r) => PROGRESS_STATUS_LABELS[r.status],
      sortValue: (r) => r.status,
      cell: (r) => <span className={`badge status-${r.status}`}>{PROGRESS_STATUS_LABELS[r.status]}</span>,
    },
    { id: 'statusDate', header: 'Ngày cập nhật', size: 125, excelWidth: 13, excelText: true, text: (r) => formatDay(r.statusDate), sortValue: (r) => r.statusDate },
    ...trailingColumns<T>(names),
  ];
}

export function trailingColumns<T extends Stamp & { note: string }>(names: NameLookups): FieldColumn<T>[] {
  return [
    { id: 'createdBy', header: 'Người nhập', size: 160, excelWidth: 22, hiddenByDefault: true, text: (r) => names.officerName(r.createdBy) },
    { id: 'note', header: 'Ghi chú', size: 200, excelWidth: 24, hiddenByDefault: true, text: (r) => r.note },
  ];
}

export function tableColumns<T>(fields: readonly FieldColumn<T>[]): RecordColumn<T>[] {
  return fields.map((f) => ({
    id: f.id,
    header: f.header,
    size: f.size,
    accessorFn: f.sortValue ?? f.text,
    cell: ({ row }) => (f.cell ? f.cell(row.original) : f.text(row.original)),
  }));
}

export function exportColumns<T>(fields: readonly FieldColumn<T>[], visibility: VisibilityState): ExportColumn<T>[] {
  return [
    { header: 'Stt', width: 6, value: (_r, i) => i + 1 },
    ...fields
      .filter((f) => visibility[f.id] !== false)
      .map((f) => ({ header: f.header, width: f.excelWidth, value: f.text, ...(f.excelText ? { text: true } : {}) })),
  ];
}

export function defaultVisibility<T>(fields: readonly FieldColumn<T>[]): VisibilityState {
  return Object.fromEntries(fields.filter((f) => f.hiddenByDefault).map((f) => [f.id, false]));
}

/** The identity rows of a record's detail, in the order of the paper forms. */
export function personDetailFields(r: PersonFields & SearchKeys, names: NameLookups, nameLabel = 'Họ và tên'): (readonly [string, string])[] {
  return [
    [nameLabel, r.fullName],
    ['Ngày sinh', r.birthDate ? formatPartialDate(r.birthDate) : ''],
    ['Giới tính', sexLabel(r.sex)],
    ['Số định danh', `${r.personalId}${r.idFlagged ? ' (sai cấu trúc — cần làm sạch)' : ''}`],
    ['CMND', r.oldId],
    ['Số điện thoại', r.phone],
    ['Thôn/TDP', names.hamletName(r.hamletId)],
    ['Địa chỉ', r.address],
  ];
}
