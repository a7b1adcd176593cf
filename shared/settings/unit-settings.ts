/** Validation of the unit's settings (first-run wizard and Settings screen). */
import { err, ok, type Result } from '../result';
import { tidyText } from '../text/normalize';
import type { SuperiorLevel, UnitSettings } from '../domain/types';
import { MAX_CUTOFF_DAY, MIN_CUTOFF_DAY } from './period';

export const SUPERIOR_LEVEL_LABELS: Readonly<Record<SuperiorLevel, string>> = {
  district: 'Công an cấp huyện',
  province: 'Công an cấp tỉnh (Phòng PC06)',
};

export type UnitSettingsErrors = Partial<Record<keyof UnitSettings, string>>;

/** A typed cut-off day must be plain digits: Number() alone would also read '1e1', '0x10', '20.0'. */
function readCutoffDay(input: string | number): number {
  if (typeof input === 'number') return input;
  const typed = tidyText(input);
  return /^\d{1,2}$/.test(typed) ? Number(typed) : NaN;
}

export function validateUnitSettings(input: {
  unitName: string;
  superiorName: string;
  superiorLevel: string;
  placeName: string;
  reportNumberSuffix: string;
  cutoffDay: string | number;
}): Result<UnitSettings, 'invalid'> & { errors?: UnitSettingsErrors } {
  const errors: UnitSettingsErrors = {};
  const unitName = tidyText(input.unitName);
  const superiorName = tidyText(input.superiorName);
  const placeName = tidyText(input.placeName);
  const reportNumberSuffix = tidyText(input.reportNumberSuffix).replace(/^\//, '');
  if (unitName.length < 3) errors.unitName = 'Nhập tên đơn vị, ví dụ "Công an xã Vĩnh Hiệp".';
  if (superiorName.length < 3) errors.superiorName = 'Nhập tên đơn vị cấp trên, ví dụ "Công an tỉnh Khánh Hòa".';
  if (input.superiorLevel !== 'district' && input.superiorLevel !== 'province') {
    errors.superiorLevel = 'Chọn cấp của đơn vị cấp trên.';
  }
  if (placeName.length < 2) errors.placeName = 'Nhập địa danh ghi ở dòng ngày tháng, ví dụ "Vĩnh Hiệp".';
  if (!/^[\p{L}\d-]{1,20}$/u.test(reportNumberSuffix)) {
    errors.reportNumberSuffix = 'Ký hiệu báo cáo chỉ gồm chữ, số và dấu gạch ngang, ví dụ "BC-CAX".';
  }
  const cutoff = readCutoffDay(input.cutoffDay);
  if (!Number.isInteger(cutoff) || cutoff < MIN_CUTOFF_DAY || cutoff > MAX_CUTOFF_DAY) {
    errors.cutoffDay = `Ngày chốt số liệu là một số từ ${MIN_CUTOFF_DAY} đến ${MAX_CUTOFF_DAY}.`;
  }
  if (Object.keys(errors).length > 0) {
    return { ...err('invalid', 'Thông tin đơn vị chưa hợp lệ.'), errors };
  }
  return ok({
    unitName,
    superiorName,
    superiorLevel: input.superiorLevel as SuperiorLevel,
    placeName,
    reportNumberSuffix,
    cutoffDay: cutoff,
  });
}
