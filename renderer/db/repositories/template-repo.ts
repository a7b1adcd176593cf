/**
 * The superior unit's own .xlsx forms (mẫu báo cáo cấp trên), kept to be
 * filled each period. Several can be kept, each under the officer's name for
 * it. Only what the bytes cheaply tell is checked here (checkXlsxBytes: a zip
 * whose directory lists a worksheet and does not inflate to too much); whether
 * exceljs reads it and its placeholders are right is checked by the dialog that
 * adds it (inspectTemplate, which loads the whole workbook: too slow to repeat
 * here, and not possible inside the transaction) and against the report keys
 * when it is used.
 */
import type { ReportTemplate } from '../../../shared/domain/types';
import { READ_LIMITS, WORKSHEET_PART, zipEntries } from '../../../shared/import/read-errors';
import { NO_SHEET_MESSAGE, TOO_MUCH_INFLATED_MESSAGE, UNREADABLE_MESSAGE } from '../../excel/template-fill';
import { err, ok, type Result } from '../../../shared/result';
import { searchKey, tidyText } from '../../../shared/text/normalize';
import { appendAudit, nowStamp, type RepoContext } from './context';

export type TemplateError = 'empty_name' | 'duplicate' | 'not_xlsx' | 'not_found';

const SAVE_AS_XLSX = 'Mở tệp bằng Excel và chọn Lưu thành (Save As) → Excel Workbook (.xlsx).';
export const NOT_XLSX_MESSAGE = `Tệp không phải .xlsx. ${SAVE_AS_XLSX}`;
/** An OLE compound file: Excel 97–2003 (.xls) — or an .xlsx saved with a password, which Excel wraps the same way. */
export const OLD_EXCEL_MESSAGE = `Tệp là dạng Excel cũ (.xls) hoặc đã đặt mật khẩu, ứng dụng không đọc được. ${SAVE_AS_XLSX} Nếu tệp có mật khẩu, bỏ mật khẩu trước khi lưu.`;

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (data: Uint8Array, signature: readonly number[]) => signature.every((b, i) => data[i] === b);

/**
 * Whether the bytes can be an .xlsx template, with the officer's next step when not: a zip
 * (not an old .xls, nor another file renamed) whose central directory can be read, lists a
 * worksheet and says its parts inflate to no more than READ_LIMITS.xlsxInflatedBytes — what
 * inspectTemplate would refuse, told from the directory alone, without inflating anything.
 */
export function checkXlsxBytes(data: Uint8Array): Result<true, 'not_xlsx'> {
  if (!startsWith(data, ZIP)) return err('not_xlsx', startsWith(data, OLE) ? OLD_EXCEL_MESSAGE : NOT_XLSX_MESSAGE);
  const parts = zipEntries(data);
  // cut short or damaged: the zip reader needs the directory
  if (parts === undefined) return err('not_xlsx', UNREADABLE_MESSAGE);
  if (parts.reduce((n, p) => n + p.inflatedSize, 0) > READ_LIMITS.xlsxInflatedBytes) return err('not_xlsx', TOO_MUCH_INFLATED_MESSAGE);
  if (!parts.some((p) => WORKSHEET_PART.test(p.name))) return err('not_xlsx', NO_SHEET_MESSAGE);
  return ok(true);
}

function checkName(name: string, others: readonly ReportTemplate[]): Result<string, 'empty_name' | 'duplicate'> {
  const tidy = tidyText(name);
  if (!tidy) return err('empty_name', 'Nhập tên mẫu, ví dụ "Mẫu PC06 hằng tháng".');
  if (others.some((t) => searchKey(t.name) === searchKey(tidy))) return err('duplicate', `Đã có mẫu tên "${tidy}".`);
  return ok(tidy);
}

export function createTemplateRepo(ctx: RepoContext) {
  const { db } = ctx;
  return {
    /** Newest first. */
    async list(): Promise<ReportTemplate[]> {
      const all = await db.templates.toArray();
      return all.sort((a, b) => (a.addedAt < b.addedAt ? 1 : a.addedAt > b.addedAt ? -1 : 0));
    },
    async get(id: string): Promise<ReportTemplate | undefined> {
      return db.templates.get(id);
    },
    async add(
      input: { name: string; fileName: string; data: Uint8Array },
      officerId: string,
    ): Promise<Result<ReportTemplate, Exclude<TemplateError, 'not_found'>>> {
      const bytes = checkXlsxBytes(input.data);
      if (!bytes.ok) return bytes;
      return db.transaction('rw', db.templates, db.audit, async () => {
        const name = checkName(input.name, await db.templates.toArray());
        if (!name.ok) return name;
        const template: ReportTemplate = {
          id: ctx.newId(),
          name: name.value,
          fileName: input.fileName,
          // our own copy: the caller's buffer may be reused
          data: new Uint8Array(input.data),
          addedAt: nowStamp(ctx).at,
          addedBy: officerId,
        };
        await db.templates.add(template);
        await appendAudit(ctx, {
          officerId,
          action: 'settings',
          entity: 'templates',
          recordId: template.id,
          summary: `Thêm mẫu báo cáo cấp trên "${template.name}" (tệp ${template.fileName}, ${template.data.byteLength} byte)`,
        });
        return ok(template);
      });
    },
    async rename(id: string, newName: string, officerId: string): Promise<Result<ReportTemplate, 'empty_name' | 'duplicate' | 'not_found'>> {
      return db.transaction('rw', db.templates, db.audit, async () => {
        const current = await db.templates.get(id);
        if (!current) return err('not_found', 'Mẫu này không còn — có thể đã bị xóa.');
        const name = checkName(newName, (await db.templates.toArray()).filter((t) => t.id !== id));
        if (!name.ok) return name;
        if (name.value === current.name) return ok(current);
        const renamed: ReportTemplate = { ...current, name: name.value };
        await db.templates.put(renamed);
        await appendAudit(ctx, {
          officerId,
          action: 'settings',
          entity: 'templates',
          recordId: id,
          changes: { name: [current.name, renamed.name] },
        });
        return ok(renamed);
      });
    },
    async remove(id: string, officerId: string): Promise<Result<null, 'not_found'>> {
      return db.transaction('rw', db.templates, db.audit, async () => {
        const current = await db.templates.get(id);
        if (!current) return err('not_found', 'Mẫu này không còn — có thể đã bị xóa.');
        await db.templates.delete(id);
        await appendAudit(ctx, {
          officerId,
          action: 'settings',
          entity: 'templates',
          recordId: id,
          summary: `Xóa mẫu báo cáo cấp trên "${current.name}" (tệp ${current.fileName})`,
        });
        return ok(null);
      });
    },
  };
}

export type TemplateRepo = ReturnType<typeof createTemplateRepo>;
