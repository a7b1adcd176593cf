/**
 * The superior unit's own form, filled for the period: the officer picks one of
 * the templates kept in Settings; unknown keys are listed with their cells and
 * nothing is saved; a file that fails its read-back check is not handed over.
 */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'wouter';
import { useServices } from '../../context/services';
import { useSession } from '../../context/session';
import { useToast } from '../../components/ui/Toast';
import { Card } from '../../components/ui/Card';
import { Button } from '../../components/ui/Button';
import { fillTemplateForPeriod } from '../../excel/template-fill';
import { encryptWithPassword, sha256Hex } from '../../excel/memory-export';
import type { TemplateProblem } from '../../../shared/report/template';
import { asciiFold } from '../../../shared/text/normalize';
import type { NameLookup } from '../../../shared/report/detail';
import type { Period } from '../../../shared/settings/period';
import type { ReportTemplate } from '../../../shared/domain/types';
import type { ReportData } from '../../lib/use-report';
import type { RowSet } from '../../db/repositories/report-rows';
import type { HandoverStep } from './HandoverCard';

const XLSX_FILTER = [{ name: 'Tệp Excel', extensions: ['xlsx'] }];

/** "Mau PC06 - BaoCao_DA06_CAX-VinhHiep_2026-11.xlsx" style: the template's name, ASCII-safe, then the period. */
export function filledFileName(template: ReportTemplate, unitFile: string): string {
  const base = asciiFold(template.name)
    .replace(/[^A-Za-z0-9 _-]+/g, ' ')
    .trim()
    .replace(/\s+/g, '_');
  return `${base || 'Mau'}_${unitFile}`;
}

export type FillOutcome = { ok: true; data: Uint8Array<ArrayBuffer>; name: string } | { ok: false; message: string; problems: readonly TemplateProblem[] };

/**
 * Fills a kept template for the period. The stored file itself is read afresh:
 * what a live list hands out is a view for the screen.
 */
export function templateFiller(input: {
  repos: Pick<ReturnType<typeof useServices>['repos'], 'templates'>;
  period: Period;
  report: ReportData;
  rowSets: readonly RowSet[];
  names: NameLookup;
  unitFile: string;
}) {
  const fill = async (chosen: ReportTemplate, onProgress: (msg: string) => void): Promise<FillOutcome> => {
    const template = await input.repos.templates.get(chosen.id);
    if (!template) return { ok: false, message: `Mẫu "${chosen.name}" vừa bị xóa. Chọn mẫu khác.`, problems: [] };
    const result = await fillTemplateForPeriod({ template, keys: input.report.keys, rowSets: input.rowSets, period: input.period, names: input.names, onProgress });
    if (!result.ok) return { ok: false, message: result.message, problems: result.problems ?? [] };
    return { ok: true, data: result.value.data, name: filledFileName(template, input.unitFile) };
  };
  return fill;
}

export function TemplateCard({
  templates,
  chosen,
  onChoose,
  fill,
}: {
  templates: readonly ReportTemplate[];
  chosen: string;
  onChoose: (id: string) => void;
  fill: (template: ReportTemplate, onProgress: (msg: string) => void) => Promise<FillOutcome>;
}) {
  const { api, repos } = useServices();
  const { officer } = useSession();
  const toast = useToast();
  const [working, setWorking] = useState<string>();
  const [problems, setProblems] = useState<{ message: string; list: readonly TemplateProblem[] }>();
  const template = templates.find((t) => t.id === chosen);

  const run = async () => {
    if (!template) return;
    setProblems(undefined);
    setWorking('Đang điền mẫu…');
    try {
      const filled = await fill(template, setWorking);
      if (!filled.ok) {
        setProblems({ message: filled.message, list: filled.problems });
        return;
      }
      const saved = await api.saveFile({ suggestedName: filled.name, filters: XLSX_FILTER, data: filled.data });
      if (!saved.ok) toast.show(saved.message, { tone: 'error' });
      else if (saved.value.saved) {
        await repos.audit.logExport('templates', template.id, 0, officer.id);
        toast.show(`Đã lưu mẫu đã điền: ${saved.value.path}`);
      }
    } catch (e) {
      toast.show(`Không điền được mẫu: ${e instanceof Error ? e.message : String(e)}`, { tone: 'error' });
    } finally {
      setWorking(undefined);
    }
  };

  return (
    <Card title="2. Mẫu báo cáo của cấp trên">
      {templates.length === 0 ? (
        <p>
          Chưa có mẫu nào. Nạp tệp .xlsx của cấp trên ở <Link href="/cai-dat">Cài đặt → Mẫu báo cáo cấp trên</Link>; ứng dụng điền số liệu vào đúng các ô ghi{' '}
          <code>{'{{mã}}'}</code> và giữ nguyên mọi định dạng khác.
        </p>
      ) : (
        <>
          <p>Điền số liệu của kỳ này vào mẫu của cấp trên. Mẫu được chọn ở đây cũng được lưu kèm khi bàn giao.</p>
          <div className="toolbar-row">
            <label className="inline-label">
              Mẫu
              <select aria-label="Mẫu báo cáo của cấp trên" value={chosen} onChange={(e) => onChoose(e.target.value)}>
                <option value="">— Không dùng mẫu —</option>
                {templates.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            </label>
            {working ? (
              <span role="status">{working}</span>
            ) : (
              <Button variant="primary" disabled={!template} onClick={() => void run()}>
                Điền mẫu và lưu
              </Button>
            )}
          </div>
        </>
      )}
      {problems && (
        <div className="form-failure" role="alert">
          <p>{problems.message}</p>
          {problems.list.length > 0 && (
            <ul className="template-problems">
              {problems.list.map((p) => (
                <li key={`${p.address}|${p.message}`}>
                  <b>{p.address}</b>: {p.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Card>
  );
}

/** The filled template as one more file of the hand-over. */
export function templateStep(
  template: ReportTemplate,
  fill: (t: ReportTemplate, onProgress: (msg: string) => void) => Promise<FillOutcome>,
  api: ReturnType<typeof useServices>['api'],
): HandoverStep {
  return {
    label: `Đang điền mẫu "${template.name}"`,
    phrase: `mẫu "${template.name}" đã điền`,
    run: async (folder, password) => {
      const filled = await fill(template, () => undefined);
      if (!filled.ok) return { ok: false, message: `${filled.message}${filled.problems.length > 0 ? ` (${filled.problems.map((p) => p.address).join(', ')})` : ''}` };
      // encrypted here, before it leaves the page: the plain workbook never reaches the disk
      const data = password === undefined ? filled.data : encryptWithPassword(filled.data, password);
      const saved = await api.saveFile({ suggestedName: filled.name, filters: XLSX_FILTER, data, folder });
      if (!saved.ok) return { ok: false, message: saved.message };
      if (!saved.value.saved) return { ok: true, file: undefined };
      const sha256 = saved.value.sha256 ?? (await sha256Hex(data));
      return { ok: true, file: { path: saved.value.path, name: filled.name, sha256, bytes: data.byteLength } };
    },
  };
}

/** The unit's kept templates, live. */
export function useTemplates(): readonly ReportTemplate[] | undefined {
  const { repos } = useServices();
  return useLiveQuery(() => repos.templates.list(), [repos]);
}
