/**
 * Default catalogues from DOMAIN.md. They seed a new database; the officer can
 * add, rename and hide entries afterwards, so nothing else may assume this list
 * is complete.
 */
import type { Dc01Category, MemberList, VehicleKind } from './types';

export const DEFAULT_MEMBER_LISTS: readonly MemberList[] = [
  { key: 'elderly', label: 'Hội Người cao tuổi', order: 1, hidden: false, hasMemberKind: false },
  { key: 'veterans', label: 'Hội Cựu chiến binh', order: 2, hidden: false, hasMemberKind: false },
  { key: 'farmers', label: 'Hội Nông dân', order: 3, hidden: false, hasMemberKind: false },
  { key: 'red_cross', label: 'Hội Chữ thập đỏ', order: 4, hidden: false, hasMemberKind: true },
  { key: 'women', label: 'Hội Liên hiệp Phụ nữ', order: 5, hidden: false, hasMemberKind: false },
  { key: 'youth', label: 'Đoàn Thanh niên', order: 6, hidden: false, hasMemberKind: false },
  { key: 'merit', label: 'Người có công', order: 7, hidden: false, hasMemberKind: false },
];

export const DEFAULT_DC01_CATEGORIES: readonly Dc01Category[] = [
  {
    key: 'missing_cmnd',
    label: 'Thiếu CMND 9 số',
    order: 1,
    hidden: false,
    outcomes: [
      { key: 'updated', label: 'Đã cập nhật bổ sung' },
      { key: 'no_cmnd', label: 'Không có CMND 9 số' },
    ],
  },
  {
    key: 'missing_fields',
    label: 'Thiếu trường thông tin',
    order: 2,
    hidden: false,
    outcomes: [
      { key: 'updated', label: 'Đã cập nhật bổ sung thông tin' },
      { key: 'no_info', label: 'Xác nhận không có thông tin để cập nhật' },
    ],
  },
  {
    key: 'invalid_id',
    label: 'Sai cấu trúc số định danh',
    order: 3,
    hidden: false,
    outcomes: [{ key: 'cancel_requested', label: 'Đã tạo yêu cầu hủy, xác lập lại số' }],
  },
  {
    key: 'electricity_mismatch',
    label: 'Sai lệch dữ liệu dân cư với dữ liệu Điện lực',
    order: 4,
    hidden: false,
    outcomes: [
      { key: 'history_permanent', label: 'Có lịch sử thường trú tại địa bàn' },
      { key: 'history_temporary', label: 'Có lịch sử tạm trú tại địa bàn' },
      { key: 'current_resident', label: 'Hiện đang thường trú/tạm trú' },
      { key: 'never_resident', label: 'Chưa từng thường trú/tạm trú trên địa bàn' },
    ],
  },
  {
    key: 'prisoner',
    label: 'Xác minh phạm nhân (nguồn C10)',
    order: 5,
    hidden: false,
    outcomes: [{ key: 'updated', label: 'Đã rà soát cập nhật' }],
  },
  {
    key: 'household_no_head',
    label: 'Hộ không chủ hộ',
    order: 6,
    hidden: false,
    outcomes: [{ key: 'fixed', label: 'Đã khắc phục' }],
  },
  {
    key: 'wanted',
    label: 'Làm sạch dữ liệu truy nã',
    order: 7,
    hidden: false,
    outcomes: [{ key: 'updated', label: 'Đã rà soát cập nhật' }],
  },
  {
    key: 'nationality',
    label: 'Thôi/hủy/tước, trở lại quốc tịch, nhập tịch',
    order: 8,
    hidden: false,
    outcomes: [{ key: 'updated', label: 'Đã rà soát cập nhật' }],
  },
  {
    key: 'pensioner',
    label: 'Bổ sung thông tin người hưởng lương hưu, trợ cấp BHXH',
    order: 9,
    hidden: false,
    outcomes: [{ key: 'updated', label: 'Đã cập nhật bổ sung' }],
  },
];

export const VEHICLE_KIND_LABELS: Readonly<Record<VehicleKind, string>> = {
  motorbike: 'Mô tô, xe gắn máy',
  car: 'Ô tô',
  e_motorbike: 'Xe máy điện',
  e_bicycle: 'Xe đạp điện',
  tractor: 'Máy kéo',
  other: 'Khác',
};
