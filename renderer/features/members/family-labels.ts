import type { FamilyKey } from '../../../shared/domain/types';

export const FAMILY_LABELS: Readonly<Record<FamilyKey, string>> = {
  members: 'Hội viên',
  labour: 'Thông tin người lao động',
  vehicles: 'Phương tiện (chủ phương tiện)',
  dc01: 'Làm sạch dữ liệu DC01',
};
