/**
 * The record lists of a report (danh sách): which records a period's report
 * lists and which columns each list has. The built-in workbook's detail sheets
 * and a template's `{{#rows …}}` tables both read them, so the names the upper
 * level checks are always the records the figures counted: a record is listed
 * when it counts as received by the period end, with its status as of that day.
 */
import type { Dc01Case, Dc01Category, LabourRecord, MemberList, MemberRecord, PersonFields, ProgressEvent, Vehicle, VehicleDeclaration } from '../domain/types';
import { PROGRESS_STATUS_LABELS, progressAsOf } from '../domain/progress';
import { DC01_STATE_LABELS, dc01AsOf, dc01OutcomeLabel } from '../domain/dc01';
import { ECONOMIC_STATUSES } from '../domain/labour';
import { VEHICLE_KIND_LABELS } from '../domain/catalogues';
import type { Period } from '../settings/period';

/**
 * How a cell is written: `text` as is, `id` as text that must keep its leading
 * zeros, `date` an ISO day written as a real date shown dd/mm/yyyy, `birth` a
 * birth date that is a real date when complete and text ("1950", "03/1950")
 * when partial, `count` a number.
 */
export type CellKind = 'text' | 'id' | 'date' | 'birth' | 'count';

export type CellValue = string | number | null;

export type DetailColumn<R> = {
  /** the `{{item.<key>}}` name */
  readonly key: string;
  readonly header: string;
  /** Excel width, characters */
  readonly width: number;
  readonly kind: CellKind;
  readonly value: (row: R, names: NameLookup) => CellValue;
};

export type NameLookup = {
  hamletName: (id: string) => string;
  officerName: (id: string) => string;
};

/** A listed record with what the report says of it as of the period end. */
export type Listed<R> = { record: R; status: string; statusDate: string };

/** A birth date cell: ISO day when complete, else dd/mm-style text of what is known. */
export function birthCell(birthDate: string): CellValue {
  if (birthDate === '') return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return birthDate;
  return birthDate.split('-').reverse().join('/');
}

const SEX = { male: 'Nam', female: 'Nữ', '': '' } as const;

function personColumns<R extends { record: PersonFields }>(nameHeader = 'Họ và tên'): DetailColumn<R>[] {
  return [
    { key: 'fullName', header: nameHeader, width: 26, kind: 'text', value: (r) => r.record.fullName },
    { key: 'birthDate', header: 'Ngày sinh', width: 12, kind: 'birth', value: (r) => birthCell(r.record.birthDate) },
    { key: 'sex', header: 'Giới tính', width: 8, kind: 'text', value: (r) => SEX[r.record.sex] },
    { key: 'personalId', header: 'Số định danh cá nhân', width: 16, kind: 'id', value: (r) => r.record.personalId },
    { key: 'oldId', header: 'Số CMND', width: 12, kind: 'id', value: (r) => r.record.oldId },
    { key: 'phone', header: 'Số điện thoại', width: 13, kind: 'id', value: (r) => r.record.phone },
    { key: 'hamlet', header: 'Thôn/Tổ dân phố', width: 16, kind: 'text', value: (r, n) => n.hamletName(r.record.hamletId) },
    { key: 'address', header: 'Địa chỉ', width: 26, kind: 'text', value: (r) => r.record.address },
  ];
}

function statusColumns<R extends Listed<{ note: string }>>(labels: Readonly<Record<string, string>>, dateHeader = 'Ngày cập nhật'): DetailColumn<R>[] {
  return [
    { key: 'status', header: 'Trạng thái', width: 22, kind: 'text', value: (r) => labels[r.status] ?? r.status },
    { key: 'statusDate', header: dateHeader, width: 12, kind: 'date', value: (r) => r.statusDate },
  ];
}

const noteColumn = <R extends { record: { note: string } }>(): DetailColumn<R> => ({ key: 'note', header: 'Ghi chú', width: 22, kind: 'text', value: (r) => r.record.note });

export type ListedMember = Listed<MemberRecord>;
export type ListedLabour = Listed<LabourRecord>;
/** Vehicles are listed one row per vehicle, each with its owner's declaration. */
export type ListedVehicle = Listed<VehicleDeclaration> & { vehicle: Vehicle };
export type ListedDc01 = Listed<Dc01Case> & { outcomeKey: string | undefined };

export function memberColumns(list: Pick<MemberList, 'hasMemberKind'>): DetailColumn<ListedMember>[] {
  return [
    ...personColumns<ListedMember>(),
    ...(list.hasMemberKind
      ? [{ key: 'memberKind', header: 'Cá nhân/Tập thể', width: 11, kind: 'text' as const, value: (r: ListedMember) => (r.record.memberKind === 'collective' ? 'Tập thể' : 'Cá nhân') }]
      : []),
    ...statusColumns<ListedMember>(PROGRESS_STATUS_LABELS),
    noteColumn<ListedMember>(),
  ];
}

const ECONOMIC = Object.fromEntries(ECONOMIC_STATUSES.map((s) => [s.key, s.label]));

export function labourColumns(): DetailColumn<ListedLabour>[] {
  return [
    ...personColumns<ListedLabour>(),
    { key: 'socialInsuranceNo', header: 'Số sổ BHXH', width: 13, kind: 'id', value: (r) => r.record.socialInsuranceNo },
    { key: 'economicStatus', header: 'Tình trạng hoạt động kinh tế', width: 18, kind: 'text', value: (r) => ECONOMIC[r.record.economicStatus] ?? '' },
    { key: 'job', header: 'Công việc cụ thể', width: 18, kind: 'text', value: (r) => r.record.job ?? '' },
    { key: 'workplaceName', header: 'Nơi làm việc', width: 20, kind: 'text', value: (r) => r.record.workplaceName ?? '' },
    ...statusColumns<ListedLabour>(PROGRESS_STATUS_LABELS),
    noteColumn<ListedLabour>(),
  ];
}

export function vehicleColumns(): DetailColumn<ListedVehicle>[] {
  return [
    ...personColumns<ListedVehicle>('Chủ phương tiện').filter((c) => c.key !== 'address' && c.key !== 'oldId'),
    { key: 'kind', header: 'Loại phương tiện', width: 14, kind: 'text', value: (r) => VEHICLE_KIND_LABELS[r.vehicle.kind] },
    { key: 'plate', header: 'Biển số', width: 13, kind: 'id', value: (r) => r.vehicle.plate },
    { key: 'brand', header: 'Nhãn hiệu', width: 11, kind: 'text', value: (r) => r.vehicle.brand },
    { key: 'model', header: 'Số loại', width: 10, kind: 'text', value: (r) => r.vehicle.model },
    { key: 'colour', header: 'Màu sơn', width: 9, kind: 'text', value: (r) => r.vehicle.colour },
    { key: 'frameNo', header: 'Số khung', width: 18, kind: 'id', value: (r) => r.vehicle.frameNo },
    { key: 'engineNo', header: 'Số máy', width: 16, kind: 'id', value: (r) => r.vehicle.engineNo },
    ...statusColumns<ListedVehicle>(PROGRESS_STATUS_LABELS),
    noteColumn<ListedVehicle>(),
  ];
}

export function dc01Columns(category: Pick<Dc01Category, 'outcomes'>): DetailColumn<ListedDc01>[] {
  return [
    ...personColumns<ListedDc01>().filter((c) => c.key !== 'phone'),
    { key: 'householdNo', header: 'Số hộ khẩu', width: 12, kind: 'id', value: (r) => r.record.householdNo },
    { key: 'receivedDate', header: 'Ngày nhận', width: 12, kind: 'date', value: (r) => r.record.receivedDate },
    ...statusColumns<ListedDc01>(DC01_STATE_LABELS, 'Ngày xử lý'),
    { key: 'outcome', header: 'Kết quả', width: 26, kind: 'text', value: (r) => (r.outcomeKey ? dc01OutcomeLabel(category, r.outcomeKey) : '') },
    { key: 'assignee', header: 'Cán bộ phụ trách', width: 20, kind: 'text', value: (r, n) => n.officerName(r.record.assigneeId) },
    noteColumn<ListedDc01>(),
  ];
}

// ---------------------------------------------------------------- which records, as of when

/** A collected record as the report lists it, or undefined when it does not count as of the period end. */
export function listedProgress<R extends { statusLog: readonly ProgressEvent[]; deletedAt?: string | undefined }>(record: R, period: Period): Listed<R> | undefined {
  if (record.deletedAt) return undefined;
  const event = progressAsOf(record.statusLog, period.to);
  return event ? { record, status: event.status, statusDate: event.date } : undefined;
}

export function listedDc01(record: Dc01Case, period: Period): ListedDc01 | undefined {
  if (record.deletedAt || record.receivedDate > period.to) return undefined;
  const event = dc01AsOf(record.stateLog, period.to);
  return event
    ? { record, status: event.state, statusDate: event.date, outcomeKey: event.state === 'done' ? event.outcomeKey : undefined }
    : { record, status: 'pending', statusDate: record.receivedDate, outcomeKey: undefined };
}

/** One row per vehicle of a listed declaration. */
export function listedVehicles(declaration: VehicleDeclaration, period: Period): ListedVehicle[] {
  const listed = listedProgress(declaration, period);
  return listed ? declaration.vehicles.map((vehicle) => ({ ...listed, vehicle })) : [];
}

/** A row of cells in column order. */
export function cellsOf<R>(columns: readonly DetailColumn<R>[], row: R, names: NameLookup): CellValue[] {
  return columns.map((c) => c.value(row, names));
}
