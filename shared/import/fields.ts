/**
 * The fields an imported column can feed, per family, with the Vietnamese label the
 * officer sees in the mapping and the header synonyms lists are known to use.
 * Synonyms are written in `headerKey` form (no tone marks, lower case, punctuation
 * as spaces); a synonym starting with '=' only matches a header that is exactly it.
 */
import type { FamilyKey } from '../domain/types';
import { remembered, searchKey } from '../text/normalize';

export type ImportField =
  // identity
  | 'stt'
  | 'fullName'
  | 'birthDate'
  | 'birthYearMale'
  | 'birthYearFemale'
  | 'sex'
  | 'sexMale'
  | 'sexFemale'
  | 'personalId'
  | 'oldId'
  | 'idAny'
  | 'phone'
  | 'hamlet'
  | 'address'
  | 'note'
  | 'status'
  | 'memberKind'
  // labour
  | 'socialInsuranceNo'
  | 'permanentAddress'
  | 'currentAddress'
  | 'ethnicity'
  | 'generalEducation'
  | 'technicalQualification'
  | 'fieldOfTraining'
  | 'economicStatus'
  | 'employmentPosition'
  | 'job'
  | 'hasLabourContract'
  | 'hasSocialInsurance'
  | 'workplaceName'
  | 'workplaceType'
  | 'workplaceAddress'
  | 'unemploymentDuration'
  | 'inactiveReason'
  | 'relationToHead'
  // vehicles
  | 'vehicleKind'
  | 'plate'
  | 'brand'
  | 'model'
  | 'colour'
  | 'frameNo'
  | 'engineNo'
  // dc01
  | 'category'
  | 'householdNo'
  | 'receivedDate'
  | 'source';

export const FIELD_LABELS: Readonly<Record<ImportField, string>> = {
  stt: 'Số thứ tự',
  fullName: 'Họ và tên',
  birthDate: 'Ngày sinh',
  birthYearMale: 'Năm sinh (cột Nam)',
  birthYearFemale: 'Năm sinh (cột Nữ)',
  sex: 'Giới tính',
  sexMale: 'Giới tính (cột Nam)',
  sexFemale: 'Giới tính (cột Nữ)',
  personalId: 'Số định danh cá nhân',
  oldId: 'Số CMND',
  idAny: 'Số CCCD/CMND',
  phone: 'Số điện thoại',
  hamlet: 'Thôn, tổ dân phố',
  address: 'Địa chỉ',
  note: 'Ghi chú',
  status: 'Trạng thái',
  memberKind: 'Cá nhân/tập thể',
  socialInsuranceNo: 'Mã số BHXH',
  permanentAddress: 'Nơi thường trú',
  currentAddress: 'Nơi ở hiện tại',
  ethnicity: 'Dân tộc',
  generalEducation: 'Trình độ giáo dục phổ thông',
  technicalQualification: 'Trình độ chuyên môn kỹ thuật',
  fieldOfTraining: 'Chuyên ngành đào tạo',
  economicStatus: 'Tình trạng hoạt động kinh tế',
  employmentPosition: 'Vị thế việc làm',
  job: 'Công việc cụ thể',
  hasLabourContract: 'Hợp đồng lao động',
  hasSocialInsurance: 'Tham gia BHXH',
  workplaceName: 'Tên nơi làm việc',
  workplaceType: 'Loại hình nơi làm việc',
  workplaceAddress: 'Địa chỉ nơi làm việc',
  unemploymentDuration: 'Thời gian thất nghiệp',
  inactiveReason: 'Lý do không tham gia hoạt động kinh tế',
  relationToHead: 'Quan hệ với chủ hộ',
  vehicleKind: 'Loại phương tiện',
  plate: 'Biển số',
  brand: 'Nhãn hiệu',
  model: 'Số loại',
  colour: 'Màu sơn',
  frameNo: 'Số khung',
  engineNo: 'Số máy',
  category: 'Loại trường hợp',
  householdNo: 'Số hộ khẩu',
  receivedDate: 'Ngày tiếp nhận',
  source: 'Nguồn',
};

const PERSON: readonly ImportField[] = [
  'stt',
  'fullName',
  'birthDate',
  'birthYearMale',
  'birthYearFemale',
  'sex',
  'sexMale',
  'sexFemale',
  'personalId',
  'oldId',
  'idAny',
  'phone',
  'hamlet',
  'address',
  'note',
];

export const FAMILY_FIELDS: Readonly<Record<FamilyKey, readonly ImportField[]>> = {
  members: [...PERSON, 'status', 'memberKind'],
  labour: [
    ...PERSON,
    'status',
    'socialInsuranceNo',
    'permanentAddress',
    'currentAddress',
    'ethnicity',
    'generalEducation',
    'technicalQualification',
    'fieldOfTraining',
    'economicStatus',
    'employmentPosition',
    'job',
    'hasLabourContract',
    'hasSocialInsurance',
    'workplaceName',
    'workplaceType',
    'workplaceAddress',
    'unemploymentDuration',
    'inactiveReason',
    'relationToHead',
  ],
  vehicles: [...PERSON, 'status', 'vehicleKind', 'plate', 'brand', 'model', 'colour', 'frameNo', 'engineNo'],
  dc01: [...PERSON, 'category', 'householdNo', 'receivedDate', 'source'],
};

/** The owner's columns in a vehicle list: blank (or merged from above) on a continuation row. */
export const OWNER_FIELDS: readonly ImportField[] = PERSON;

export const VEHICLE_FIELDS: readonly ImportField[] = ['vehicleKind', 'plate', 'brand', 'model', 'colour', 'frameNo', 'engineNo'];

export const SYNONYMS: Readonly<Record<ImportField, readonly string[]>> = {
  stt: ['=stt', '=tt', 'so tt', 'so thu tu', '=so'],
  fullName: [
    'ho va ten',
    'ho ten',
    'ho va ten hoi vien',
    'ten hoi vien',
    'ho ten chu xe',
    'ho ten chu phuong tien',
    'ten chu xe',
    'chu phuong tien',
    'ho va ten cong dan',
    '=ten',
    '=ho ten nguoi lao dong',
    'ten tap the ca nhan',
  ],
  birthDate: ['ngay sinh', 'ngay thang nam sinh', 'nam sinh', 'sinh ngay', 'ngay sinh nam sinh', 'ns'],
  birthYearMale: [],
  birthYearFemale: [],
  sex: ['gioi tinh', '=gioi', '=nam nu', '=phai'],
  sexMale: [],
  sexFemale: [],
  personalId: [
    'so cccd',
    '=cccd',
    'so dinh danh',
    'so dinh danh ca nhan',
    'ma dinh danh',
    'ma dinh danh ca nhan',
    'so ddcn',
    '=ddcn',
    'so can cuoc',
    'so the can cuoc',
    'can cuoc cong dan',
    'so can cuoc cong dan',
    'so cccd ddcn',
  ],
  oldId: ['so cmnd', '=cmnd', 'chung minh nhan dan', 'so chung minh nhan dan', 'so cmnd cu', 'cmnd 9 so', 'so cmnd 9 so'],
  idAny: [
    'cccd cmnd',
    'so cccd cmnd',
    'cmnd cccd',
    'so cmnd cccd',
    'giay to tuy than',
    'so giay to tuy than',
    'so cmnd cccd ddcn',
    'so cccd cmnd ddcn',
    'so dinh danh cmnd',
    'cmnd cccd ddcn',
  ],
  phone: ['so dien thoai', 'dien thoai', '=sdt', '=so dt', '=dt', '=dtdd', 'dien thoai lien he'],
  hamlet: ['thon', 'to dan pho', 'thon tdp', 'thon to dan pho', '=tdp', 'khu pho', '=ap', '=xom', '=to', 'thon xom', '=khom', 'thon ap'],
  address: ['dia chi', 'noi o', 'cho o', 'dia chi cu tru', 'noi cu tru', 'dia chi lien he'],
  note: ['ghi chu', '=gc', 'ghi chu khac'],
  status: [
    'trang thai',
    'tinh trang',
    'ket qua',
    'tien do',
    'tinh trang cap nhat',
    'ket qua cap nhat',
    'trang thai duyet',
    'ket qua thu thap',
  ],
  memberKind: ['ca nhan tap the', 'loai hoi vien', 'tap the ca nhan', 'doi tuong'],
  socialInsuranceNo: ['so so bhxh', 'ma so bhxh', 'so bhxh', 'ma bhxh', 'so so bao hiem xa hoi', 'ma so bao hiem xa hoi'],
  permanentAddress: ['noi thuong tru', 'dia chi thuong tru', 'thuong tru', 'noi dang ky thuong tru'],
  currentAddress: ['noi o hien tai', 'cho o hien tai', 'noi o hien nay', 'dia chi hien tai', 'cho o hien nay', 'noi o hien nay'],
  ethnicity: ['dan toc'],
  generalEducation: ['trinh do giao duc pho thong', 'trinh do van hoa', 'trinh do hoc van', '=tdvh', 'giao duc pho thong'],
  technicalQualification: ['trinh do chuyen mon ky thuat', 'trinh do chuyen mon', 'trinh do cmkt', '=cmkt', 'chuyen mon ky thuat'],
  fieldOfTraining: ['chuyen nganh dao tao', 'chuyen nganh'],
  economicStatus: ['tinh trang hoat dong kinh te', 'tinh trang viec lam', 'tinh trang hdkt', 'hoat dong kinh te'],
  employmentPosition: ['vi the viec lam', 'vi the'],
  job: ['cong viec cu the', 'nghe nghiep', '=cong viec', 'nghe nghiep cong viec'],
  hasLabourContract: ['hop dong lao dong', 'co hop dong lao dong', '=hdld', 'co hdld'],
  hasSocialInsurance: ['tham gia bhxh', 'co tham gia bhxh', 'tham gia bao hiem xa hoi'],
  workplaceName: ['ten noi lam viec', 'noi lam viec', 'ten co so', 'ten doanh nghiep', 'don vi cong tac'],
  workplaceType: ['loai hinh noi lam viec', 'loai hinh'],
  workplaceAddress: ['dia chi noi lam viec'],
  unemploymentDuration: ['thoi gian that nghiep'],
  inactiveReason: ['ly do khong tham gia hoat dong kinh te', 'ly do khong tham gia'],
  relationToHead: ['quan he voi chu ho', 'quan he chu ho', '=quan he'],
  vehicleKind: ['loai xe', 'loai phuong tien', 'loai pt', '=loai'],
  plate: ['bien so', 'bien so xe', '=bks', 'bien kiem soat', 'bien so dang ky'],
  brand: ['nhan hieu', 'hieu xe', 'nhan hieu xe', '=hieu'],
  model: ['so loai', 'kieu loai', '=model', '=kieu xe'],
  colour: ['mau son', '=mau', 'mau xe'],
  frameNo: ['so khung'],
  engineNo: ['so may'],
  category: ['loai truong hop', 'nhom truong hop', 'chi tieu', 'nhom du lieu', 'loai loi', 'noi dung lam sach', '=loai', '=nhom'],
  householdNo: ['so ho khau', '=so hk', 'so so ho khau', '=ma ho', '=so ho'],
  receivedDate: ['ngay tiep nhan', 'ngay nhan', '=ngay giao'],
  source: ['=nguon', 'nguon du lieu', 'don vi chuyen'],
};

/** A header's comparison form: searchKey, with punctuation as spaces ("CCCD/CMND" → "cccd cmnd"). */
/** Asked of every cell of every row (is it a repeated header?), so recent answers are remembered. */
export const headerKey: (text: string) => string = remembered((text) =>
  searchKey(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim(),
);

/** Whether `key` (a headerKey) names the Nam or Nữ column of a split header. */
export function sexWord(key: string): 'male' | 'female' | undefined {
  if (key === 'nam') return 'male';
  if (key === 'nu') return 'female';
  return undefined;
}

/**
 * How well a header (in headerKey form) names `field`: 1 for an exact synonym, 0.5–0.9
 * when a synonym appears as whole words inside a longer header (the closer the lengths,
 * the higher), 0 otherwise.
 */
export function fieldScore(key: string, field: ImportField): number {
  if (key === '') return 0;
  let best = 0;
  const padded = ` ${key} `;
  for (const synonym of SYNONYMS[field]) {
    const exactOnly = synonym.startsWith('=');
    const word = exactOnly ? synonym.slice(1) : synonym;
    if (key === word) return 1;
    if (!exactOnly && padded.includes(` ${word} `)) best = Math.max(best, 0.5 + (0.4 * word.length) / key.length);
  }
  return best;
}

const ALL_FIELDS = Object.keys(FIELD_LABELS) as ImportField[];

/** The best-scoring field for a header among `fields` (all fields by default). */
export function bestField(
  key: string,
  fields: readonly ImportField[] = ALL_FIELDS,
): { field: ImportField; score: number } | undefined {
  let best: { field: ImportField; score: number } | undefined;
  for (const field of fields) {
    const score = fieldScore(key, field);
    if (score > 0 && (best === undefined || score > best.score)) best = { field, score };
  }
  return best;
}
