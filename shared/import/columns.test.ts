import { describe, expect, it } from 'vitest';
import type { FamilyKey } from '../domain/types';
import { headerSignature, mappingProblems, proposeMapping, saveMapping } from './columns';
import type { ImportField } from './fields';
import type { HeaderColumn } from './header';

const cols = (...parts: (string | string[])[]): HeaderColumn[] =>
  parts.map((p, index) => {
    const list = typeof p === 'string' ? (p === '' ? [] : [p]) : p;
    return { index, parts: list, text: list.join(' / ') };
  });

const fieldsOf = (columns: HeaderColumn[], family: FamilyKey): (ImportField | null)[] =>
  proposeMapping(columns, family).columns.map((c) => c.field);

describe('proposeMapping', () => {
  it.each<[string, FamilyKey, (string | string[])[], (ImportField | null)[]]>([
    [
      'members, upper case and variants',
      'members',
      ['STT', 'HỌ VÀ TÊN', 'Ngày tháng năm sinh', 'Giới tính', 'Số CCCD', 'Thôn/TDP', 'Ghi chú'],
      ['stt', 'fullName', 'birthDate', 'sex', 'personalId', 'hamlet', 'note'],
    ],
    [
      'the Nam | Nữ split under Năm sinh',
      'members',
      ['TT', 'Họ tên', ['Năm sinh', 'Nam'], ['Năm sinh', 'Nữ'], 'Số định danh cá nhân', 'Tổ dân phố'],
      ['stt', 'fullName', 'birthYearMale', 'birthYearFemale', 'personalId', 'hamlet'],
    ],
    [
      'Giới tính split into marks',
      'members',
      ['Họ và tên', ['Giới tính', 'Nam'], ['Giới tính', 'Nữ'], 'Năm sinh'],
      ['fullName', 'sexMale', 'sexFemale', 'birthDate'],
    ],
    [
      'one column for CCCD or CMND, phone, address',
      'members',
      ['Họ và tên', 'Ngày sinh', 'CCCD/CMND', 'SĐT', 'Địa chỉ', 'Cột lạ'],
      ['fullName', 'birthDate', 'idAny', 'phone', 'address', null],
    ],
    [
      'ĐDCN and CMND side by side',
      'members',
      ['Họ và tên', 'Năm sinh', 'Số ĐDCN', 'Số CMND'],
      ['fullName', 'birthDate', 'personalId', 'oldId'],
    ],
    [
      'labour form columns',
      'labour',
      [
        'Họ và tên',
        'Ngày sinh',
        'Số định danh',
        'Mã số BHXH',
        'Nơi thường trú',
        'Nơi ở hiện tại',
        'Dân tộc',
        'Trình độ giáo dục phổ thông',
        'Trình độ chuyên môn kỹ thuật',
        'Tình trạng hoạt động kinh tế',
        'Vị thế việc làm',
        'Công việc cụ thể',
        'Địa chỉ nơi làm việc',
        'Quan hệ với chủ hộ',
      ],
      [
        'fullName',
        'birthDate',
        'personalId',
        'socialInsuranceNo',
        'permanentAddress',
        'currentAddress',
        'ethnicity',
        'generalEducation',
        'technicalQualification',
        'economicStatus',
        'employmentPosition',
        'job',
        'workplaceAddress',
        'relationToHead',
      ],
    ],
    [
      'vehicles',
      'vehicles',
      ['Họ tên chủ xe', 'Số CCCD', 'Loại xe', 'Biển số', 'Nhãn hiệu', 'Màu sơn', 'Số khung', 'Số máy'],
      ['fullName', 'personalId', 'vehicleKind', 'plate', 'brand', 'colour', 'frameNo', 'engineNo'],
    ],
    [
      'dc01',
      'dc01',
      ['Họ và tên', 'Số định danh', 'Số hộ khẩu', 'Ngày tiếp nhận', 'Loại trường hợp'],
      ['fullName', 'personalId', 'householdNo', 'receivedDate', 'category'],
    ],
    [
      'fields of another family are not proposed',
      'members',
      ['Họ và tên', 'Biển số', 'Dân tộc'],
      ['fullName', null, null],
    ],
  ])('%s', (_name, family, headers, expected) => {
    expect(fieldsOf(cols(...headers), family)).toEqual(expected);
  });

  it('maps each field once: the better header wins, the other column is left out', () => {
    expect(fieldsOf(cols('Họ và tên', 'Họ và tên hội viên'), 'members')).toEqual(['fullName', null]);
  });

  it('gives exact synonyms confidence 1 and partial matches less', () => {
    const proposal = proposeMapping(cols('Họ và tên', 'Ghi chú của hội về hội viên'), 'members');
    expect(proposal.columns[0]?.confidence).toBe(1);
    expect(proposal.columns[1]?.field).toBe('note');
    expect(proposal.columns[1]?.confidence).toBeLessThan(0.75);
    expect(proposal.confidence).toBe(proposal.columns[1]?.confidence);
  });

  it('applies a remembered mapping for the same signature', () => {
    const first = proposeMapping(cols('Họ và tên', 'Cột lạ'), 'members');
    const confirmed = saveMapping({ ...first, columns: first.columns.map((c) => (c.index === 1 ? { ...c, field: 'note' } : c)) });
    const next = proposeMapping(cols('HỌ VÀ TÊN', 'cột  lạ'), 'members', confirmed);
    expect(next.source).toBe('remembered');
    expect(next.columns.map((c) => c.field)).toEqual(['fullName', 'note']);
    const other = proposeMapping(cols('Họ và tên', 'Cột khác'), 'members', confirmed);
    expect(other.source).toBe('synonyms');
  });
});

describe('headerSignature', () => {
  it('ignores case, tone marks, spacing, punctuation and trailing empty columns', () => {
    expect(headerSignature(cols('HỌ VÀ TÊN', ['Năm sinh', 'Nữ'], 'CCCD/CMND', ''))).toBe(
      headerSignature(cols('Họ và  tên', ['nam sinh', 'nu'], 'cccd - cmnd')),
    );
    expect(headerSignature(cols('Họ và tên', 'Năm sinh'))).toBe('ho va ten|nam sinh');
    expect(headerSignature(cols('Họ và tên', 'Năm sinh'))).not.toBe(headerSignature(cols('Năm sinh', 'Họ và tên')));
  });
});

describe('mappingProblems', () => {
  const mapping = (family: FamilyKey, ...fields: (ImportField | null)[]) =>
    mappingProblems(
      fields.map((field, index) => ({ index, header: `Cột ${index + 1}`, field, confidence: 1 })),
      family,
    );
  it.each<[FamilyKey, (ImportField | null)[], string[]]>([
    ['members', ['fullName', 'birthDate'], []],
    ['members', ['birthDate'], ['Chưa có cột "Họ và tên".']],
    ['members', ['fullName', 'note', 'note'], ['Cột "Cột 2" và cột "Cột 3" cùng được gán "Ghi chú".']],
    ['members', ['fullName', 'birthYearMale'], ['Năm sinh chia hai cột Nam/Nữ: cần gán cả hai cột.']],
    ['labour', ['fullName'], ['Chưa có cột "Số định danh cá nhân" (bắt buộc với danh sách này).']],
    ['labour', ['fullName', 'idAny'], []],
    ['members', ['fullName', 'plate'], ['Cột "Cột 2": "Biển số" không dùng cho danh sách này.']],
  ])('%s %j', (family, fields, expected) => {
    expect(mapping(family, ...fields)).toEqual(expected);
  });
});
