import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { setUpUnit, testServices } from '../../testing/fixtures';
import type { AppServices } from '../../context/services';
import type { Officer } from '../../../shared/domain/types';
import { checkXlsxBytes, NOT_XLSX_MESSAGE, OLD_EXCEL_MESSAGE } from './template-repo';
import { NO_SHEET_MESSAGE, TOO_MUCH_INFLATED_MESSAGE, UNREADABLE_MESSAGE } from '../../excel/template-fill';
import { READ_LIMITS } from '../../../shared/import/read-errors';
import { zipOf } from '../../../tests/fixtures/bad-inputs';

let services: AppServices;
let officer: Officer;

beforeEach(async () => {
  services = testServices();
  officer = await setUpUnit(services);
});

/** An .xlsx of one sheet; the repository reads no more of it than its zip's directory. */
const XLSX = await (async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Mẫu').getCell('A1').value = '{{unit.name}}';
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
})();
const XLS = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const audit = (id: string) => services.repos.audit.forRecord('templates', id);

describe('superior templates', () => {
  it('keeps a template with its name, file, day added and who added it, newest first, audited', async () => {
    const first = await services.repos.templates.add({ name: '  Mẫu PC06 hằng tháng ', fileName: 'pc06.xlsx', data: XLSX }, officer.id);
    const second = await services.repos.templates.add({ name: 'Mẫu DC01', fileName: 'dc01.xlsx', data: XLSX }, officer.id);
    if (!first.ok || !second.ok) throw new Error('not added');
    expect(first.value).toMatchObject({ name: 'Mẫu PC06 hằng tháng', fileName: 'pc06.xlsx', addedBy: officer.id, addedAt: expect.stringMatching(/^2026-11-22T/) });
    expect([...first.value.data]).toEqual([...XLSX]);
    expect((await services.repos.templates.list()).map((t) => t.name)).toEqual(['Mẫu DC01', 'Mẫu PC06 hằng tháng']);
    expect(await audit(first.value.id)).toEqual([
      expect.objectContaining({ action: 'settings', entity: 'templates', officerId: officer.id, summary: expect.stringContaining('"Mẫu PC06 hằng tháng" (tệp pc06.xlsx') }),
    ]);
  });

  it('copies the bytes: a caller reusing its buffer does not change the kept file', async () => {
    const buffer = new Uint8Array(XLSX);
    const added = await services.repos.templates.add({ name: 'Mẫu', fileName: 'a.xlsx', data: buffer }, officer.id);
    buffer.fill(0);
    expect([...(await services.repos.templates.get(added.ok ? added.value.id : ''))!.data]).toEqual([...XLSX]);
  });

  it.each([
    ['an .xls', XLS, OLD_EXCEL_MESSAGE],
    ['a text file', new TextEncoder().encode('Họ và tên,Ngày sinh'), NOT_XLSX_MESSAGE],
    ['an empty file', new Uint8Array(), NOT_XLSX_MESSAGE],
    // what inspectTemplate would refuse, told from the zip's directory alone
    ['a workbook cut short', XLSX.slice(0, XLSX.length - 30), UNREADABLE_MESSAGE],
    ['a zip holding a text file', zipOf([{ name: 'ghi-chu.txt', data: new TextEncoder().encode('Không phải bảng tính') }]), NO_SHEET_MESSAGE],
    [
      'a zip whose sheet says it inflates to more than the limit',
      zipOf([{ name: 'xl/worksheets/sheet1.xml', deflated: new Uint8Array([3, 0]), size: READ_LIMITS.xlsxInflatedBytes + 1, crc: 0 }]),
      TOO_MUCH_INFLATED_MESSAGE,
    ],
  ])('refuses %s with what to do, storing nothing', async (_what, data, message) => {
    expect(await services.repos.templates.add({ name: 'Mẫu', fileName: 'mau.xls', data }, officer.id)).toEqual({ ok: false, code: 'not_xlsx', message });
    expect(await services.repos.templates.list()).toEqual([]);
  });

  it('the messages tell the officer how to make an .xlsx', () => {
    expect(NOT_XLSX_MESSAGE).toBe('Tệp không phải .xlsx. Mở tệp bằng Excel và chọn Lưu thành (Save As) → Excel Workbook (.xlsx).');
    expect(checkXlsxBytes(XLS)).toMatchObject({ ok: false, message: expect.stringContaining('Excel cũ (.xls)') });
    expect(checkXlsxBytes(XLSX)).toEqual({ ok: true, value: true });
  });

  it('refuses an empty name and a name already used (ignoring case and tone marks)', async () => {
    expect(await services.repos.templates.add({ name: '  ', fileName: 'a.xlsx', data: XLSX }, officer.id)).toMatchObject({ ok: false, code: 'empty_name' });
    await services.repos.templates.add({ name: 'Mẫu PC06', fileName: 'a.xlsx', data: XLSX }, officer.id);
    expect(await services.repos.templates.add({ name: 'mau pc06', fileName: 'b.xlsx', data: XLSX }, officer.id)).toMatchObject({
      ok: false,
      code: 'duplicate',
      message: 'Đã có mẫu tên "mau pc06".',
    });
    expect(await services.repos.templates.list()).toHaveLength(1);
  });

  it('renames and removes, each audited; a removed template is not found again', async () => {
    const added = await services.repos.templates.add({ name: 'Mẫu PC06', fileName: 'a.xlsx', data: XLSX }, officer.id);
    if (!added.ok) throw new Error(added.message);
    const { id } = added.value;
    expect(await services.repos.templates.rename(id, ' ', officer.id)).toMatchObject({ ok: false, code: 'empty_name' });
    expect(await services.repos.templates.rename(id, 'Mẫu PC06 quý', officer.id)).toMatchObject({ ok: true, value: { name: 'Mẫu PC06 quý', fileName: 'a.xlsx' } });
    // renaming to its own name (in other case) is allowed
    expect(await services.repos.templates.rename(id, 'MẪU PC06 QUÝ', officer.id)).toMatchObject({ ok: true, value: { name: 'MẪU PC06 QUÝ' } });
    expect(await services.repos.templates.remove(id, officer.id)).toEqual({ ok: true, value: null });
    expect(await services.repos.templates.list()).toEqual([]);
    expect(await services.repos.templates.remove(id, officer.id)).toMatchObject({ ok: false, code: 'not_found' });
    expect(await services.repos.templates.rename(id, 'X', officer.id)).toMatchObject({ ok: false, code: 'not_found' });
    const entries = await audit(id);
    expect(entries.map((e) => [e.action, e.entity])).toEqual([
      ['settings', 'templates'],
      ['settings', 'templates'],
      ['settings', 'templates'],
      ['settings', 'templates'],
    ]);
    expect(entries.map((e) => e.changes?.name ?? e.summary)).toEqual([
      expect.stringContaining('Thêm mẫu'),
      ['Mẫu PC06', 'Mẫu PC06 quý'],
      ['Mẫu PC06 quý', 'MẪU PC06 QUÝ'],
      expect.stringContaining('Xóa mẫu'),
    ]);
  });
});
