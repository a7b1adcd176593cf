/**
 * Where an import can go: each member list, labour, vehicle declarations, and DC01 —
 * one category for every row, or the category written in a column of the file.
 */
import type { Dc01Category, FamilyKey, IsoDate, MemberList } from '../../../shared/domain/types';
import type { ImportTarget } from '../../../shared/import/rows';

export type TargetOption = {
  /** 'members:<key>' | 'labour' | 'vehicles' | 'dc01:' (category in a column) | 'dc01:<key>' */
  readonly value: string;
  readonly label: string;
  readonly group: string;
  readonly family: FamilyKey;
};

export const DC01_FROM_COLUMN = 'dc01:';

export function targetOptions(lists: readonly MemberList[], categories: readonly Dc01Category[]): TargetOption[] {
  return [
    ...lists.filter((l) => !l.hidden).map((l) => ({ value: `members:${l.key}`, label: l.label, group: 'Hội viên, đoàn viên', family: 'members' as const })),
    { value: 'labour', label: 'Người lao động', group: 'Thu thập thông tin', family: 'labour' },
    { value: 'vehicles', label: 'Phương tiện (tờ khai của chủ xe)', group: 'Thu thập thông tin', family: 'vehicles' },
    { value: DC01_FROM_COLUMN, label: 'Loại trường hợp ghi trong cột của tệp', group: 'Làm sạch dữ liệu DC01', family: 'dc01' },
    ...categories.filter((c) => !c.hidden).map((c) => ({ value: `dc01:${c.key}`, label: c.label, group: 'Làm sạch dữ liệu DC01', family: 'dc01' as const })),
  ];
}

/** The import target of a chosen option, or undefined when its list or category is gone. */
export function targetOf(value: string, lists: readonly MemberList[], categories: readonly Dc01Category[], today: IsoDate): ImportTarget | undefined {
  if (value === 'labour') return { family: 'labour' };
  if (value === 'vehicles') return { family: 'vehicles' };
  if (value.startsWith('members:')) {
    const list = lists.find((l) => l.key === value.slice('members:'.length));
    return list ? { family: 'members', listKey: list.key, hasMemberKind: list.hasMemberKind } : undefined;
  }
  if (value.startsWith('dc01:')) {
    const key = value.slice('dc01:'.length);
    const all = categories.map((c) => ({ key: c.key, label: c.label }));
    if (key === '') return { family: 'dc01', categories: all, defaultReceivedDate: today };
    return categories.some((c) => c.key === key) ? { family: 'dc01', categoryKey: key, categories: all, defaultReceivedDate: today } : undefined;
  }
  return undefined;
}

export function targetLabel(value: string, options: readonly TargetOption[]): string {
  const option = options.find((o) => o.value === value);
  if (!option) return '';
  return option.family === 'members' || (option.family === 'dc01' && option.value !== DC01_FROM_COLUMN) ? option.label : '';
}
