import { beforeEach, describe, expect, it } from 'vitest';
import { personalIdFor, setUpUnit, testServices } from '../../testing/fixtures';
import type { AppServices } from '../../context/services';
import type { Officer } from '../../../shared/domain/types';
import { slugKey } from './catalogue-repo';

let services: AppServices;
let officer: Officer;

beforeEach(async () => {
  services = testServices();
  officer = await setUpUnit(services);
});

const category = async (key: string) => (await services.repos.catalogue.dc01Categories()).find((c) => c.key === key);
const auditOf = (key: string) => services.repos.audit.forRecord('dc01Categories', key);

describe('DC01 category catalogue', () => {
  it('slugKey turns a Vietnamese label into a stable key', () => {
    expect(slugKey('Hộ không chủ hộ — đợt 2')).toBe('ho_khong_chu_ho_dot_2');
  });

  it('adds a category with its outcomes, keys from the labels, at the end, with an audit entry', async () => {
    const before = await services.repos.catalogue.dc01Categories();
    const added = await services.repos.catalogue.addDc01Category('  Rà soát người đã chết ', ['Đã cập nhật', '', '  Không xác minh được  '], officer.id);
    expect(added.ok).toBe(true);
    if (!added.ok) return;
    expect(added.value).toEqual({
      key: 'ra_soat_nguoi_da_chet',
      label: 'Rà soát người đã chết',
      outcomes: [
        { key: 'da_cap_nhat', label: 'Đã cập nhật' },
        { key: 'khong_xac_minh_duoc', label: 'Không xác minh được' },
      ],
      order: Math.max(...before.map((c) => c.order)) + 1,
      hidden: false,
    });
    const all = await services.repos.catalogue.dc01Categories();
    expect(all.at(-1)?.key).toBe('ra_soat_nguoi_da_chet');
    expect((await auditOf('ra_soat_nguoi_da_chet')).map((a) => [a.action, a.officerId])).toEqual([['create', officer.id]]);
  });

  it('refuses an empty or duplicate category name, no outcome, and the same outcome twice — storing nothing', async () => {
    const count = (await services.repos.catalogue.dc01Categories()).length;
    expect(await services.repos.catalogue.addDc01Category('  ', ['Đã xử lý'], officer.id)).toMatchObject({ ok: false, code: 'empty', message: 'Nhập tên loại làm sạch.' });
    // the same label without tone marks and in other case is the same category
    expect(await services.repos.catalogue.addDc01Category('thieu CMND 9 SO', ['Đã xử lý'], officer.id)).toMatchObject({
      ok: false,
      code: 'duplicate',
      message: '"thieu CMND 9 SO" đã có trong danh mục.',
    });
    expect(await services.repos.catalogue.addDc01Category('Loại mới', ['', ' '], officer.id)).toMatchObject({
      ok: false,
      code: 'empty',
      message: 'Nhập ít nhất một kết quả xử lý cho loại này.',
    });
    expect(await services.repos.catalogue.addDc01Category('Loại mới', ['Đã xử lý', 'đã xử LÝ'], officer.id)).toMatchObject({ ok: false, code: 'duplicate' });
    expect(await services.repos.catalogue.dc01Categories()).toHaveLength(count);
  });

  it('renames and hides a category without changing its key; a duplicate name is refused', async () => {
    const renamed = await services.repos.catalogue.updateDc01Category('household_no_head', { label: 'Hộ chưa có chủ hộ' }, officer.id);
    expect(renamed).toMatchObject({ ok: true, value: { key: 'household_no_head', label: 'Hộ chưa có chủ hộ', hidden: false } });
    const hidden = await services.repos.catalogue.updateDc01Category('household_no_head', { hidden: true }, officer.id);
    expect(hidden).toMatchObject({ ok: true, value: { label: 'Hộ chưa có chủ hộ', hidden: true } });
    expect(await services.repos.catalogue.updateDc01Category('household_no_head', { label: 'Thiếu CMND 9 số' }, officer.id)).toMatchObject({
      ok: false,
      code: 'duplicate',
    });
    expect(await services.repos.catalogue.updateDc01Category('khong_co', { hidden: true }, officer.id)).toMatchObject({ ok: false, code: 'not_found' });
    expect(await category('household_no_head')).toMatchObject({ label: 'Hộ chưa có chủ hộ', hidden: true });
    const audit = await auditOf('household_no_head');
    expect(audit.map((a) => a.changes?.label)).toEqual([
      ['Hộ không chủ hộ', 'Hộ chưa có chủ hộ'],
      ['Hộ chưa có chủ hộ', 'Hộ chưa có chủ hộ'],
    ]);
  });

  it('adds an outcome to a category; a duplicate within the category is refused, the same label elsewhere is fine', async () => {
    const added = await services.repos.catalogue.addDc01Outcome('household_no_head', 'Đã chuyển hộ khác', officer.id);
    expect(added).toMatchObject({ ok: true, value: { key: 'da_chuyen_ho_khac', label: 'Đã chuyển hộ khác' } });
    expect((await category('household_no_head'))?.outcomes.map((o) => o.key)).toEqual(['fixed', 'da_chuyen_ho_khac']);

    expect(await services.repos.catalogue.addDc01Outcome('household_no_head', 'đã khắc phục', officer.id)).toMatchObject({
      ok: false,
      code: 'duplicate',
      message: '"đã khắc phục" đã có trong các kết quả của loại này.',
    });
    expect(await services.repos.catalogue.addDc01Outcome('household_no_head', ' ', officer.id)).toMatchObject({ ok: false, code: 'empty', message: 'Nhập tên kết quả xử lý.' });
    expect(await services.repos.catalogue.addDc01Outcome('khong_co', 'Đã xử lý', officer.id)).toMatchObject({ ok: false, code: 'not_found' });
    // 'Đã khắc phục' exists only in household_no_head
    expect((await services.repos.catalogue.addDc01Outcome('wanted', 'Đã khắc phục', officer.id)).ok).toBe(true);
    // a label whose key is taken in the category gets a fresh key; the old outcome keeps its own
    expect(await services.repos.catalogue.addDc01Outcome('missing_cmnd', 'Updated', officer.id)).toMatchObject({ ok: true, value: { key: 'updated_2' } });
    expect((await category('missing_cmnd'))?.outcomes.map((o) => o.key)).toEqual(['updated', 'no_cmnd', 'updated_2']);
    expect((await auditOf('household_no_head')).map((a) => a.changes)).toEqual([{ 'outcome:da_chuyen_ho_khac': [null, 'Đã chuyển hộ khác'] }]);
  });

  it('renames an outcome keeping its key, so the cases that chose it show the new label', async () => {
    const created = await services.repos.dc01.create(
      {
        categoryKey: 'missing_cmnd',
        householdNo: '',
        receivedDate: '2026-11-01',
        source: '',
        assigneeId: officer.id,
        idFlagged: false,
        fullName: 'Lê Văn Tám',
        birthDate: '1948',
        sex: 'male',
        personalId: personalIdFor(1948, 'male', 8),
        oldId: '',
        phone: '',
        hamletId: '',
        address: '',
        note: '',
      },
      officer.id,
    );
    if (!created.ok) throw new Error(created.message);
    await services.repos.dc01.setState([created.value.id], { state: 'done', outcomeKey: 'no_cmnd', date: '2026-11-20' }, officer.id);

    const renamed = await services.repos.catalogue.renameDc01Outcome('missing_cmnd', 'no_cmnd', 'Không có CMND 9 số (đã xác minh)', officer.id);
    expect(renamed).toMatchObject({ ok: true, value: { key: 'no_cmnd', label: 'Không có CMND 9 số (đã xác minh)' } });
    const cat = await category('missing_cmnd');
    expect(cat?.outcomes).toEqual([
      { key: 'updated', label: 'Đã cập nhật bổ sung' },
      { key: 'no_cmnd', label: 'Không có CMND 9 số (đã xác minh)' },
    ]);
    expect((await services.repos.dc01.get(created.value.id))?.outcomeKey).toBe('no_cmnd');

    expect(await services.repos.catalogue.renameDc01Outcome('missing_cmnd', 'no_cmnd', 'ĐÃ CẬP NHẬT BỔ SUNG', officer.id)).toMatchObject({ ok: false, code: 'duplicate' });
    expect(await services.repos.catalogue.renameDc01Outcome('missing_cmnd', 'no_cmnd', '', officer.id)).toMatchObject({ ok: false, code: 'empty' });
    expect(await services.repos.catalogue.renameDc01Outcome('missing_cmnd', 'khong_co', 'Mới', officer.id)).toMatchObject({ ok: false, code: 'not_found' });
    expect((await category('missing_cmnd'))?.outcomes[1]?.label).toBe('Không có CMND 9 số (đã xác minh)');
    expect((await auditOf('missing_cmnd')).map((a) => a.changes)).toEqual([{ 'outcome:no_cmnd': ['Không có CMND 9 số', 'Không có CMND 9 số (đã xác minh)'] }]);
  });
});
