/**
 * The month's report hub: for a chosen period, the built-in workbook, the
 * superior unit's template, the printed report, and the hand-over that closes
 * the period (chốt số liệu) — with the list of figures changed since the
 * version sent, for a correction.
 */
import { useMemo, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'wouter';
import { useServices } from '../../context/services';
import { useCatalogues } from '../../lib/use-catalogues';
import { useReport, useReportPeriods } from '../../lib/use-report';
import { Card } from '../../components/ui/Card';
import { Button } from '../../components/ui/Button';
import { PeriodSelect } from '../../components/records/PeriodSelect';
import { nameLookups } from '../../components/records/columns';
import { formatDay, isoDay } from '../../../shared/dates/partial-date';
import { periodMonthLabel } from '../../../shared/settings/period';
import { changesSince } from '../../../shared/report/handover';
import type { Handover } from '../../../shared/domain/types';
import { exportMonthlyWorkbook, type ExportProgress } from '../../excel/monthly-workbook';
import { useToast } from '../../components/ui/Toast';
import { useSession } from '../../context/session';
import { ChangesCard } from './ChangesCard';
import { HandoverCard } from './HandoverCard';
import { WorkProgress } from './WorkProgress';
import { TemplateCard, templateStep, templateFiller, useTemplates } from './TemplateCard';
import { reportFileName } from '../../../shared/report/workbook';
import { useStoredState } from '../../lib/use-stored-state';
import '../../styles/report.css';

/** The period the officer chose, kept while the app is open (sessionStorage): back from the printed report, the hub shows it again. */
const CHOSEN_PERIOD_KEY = 'report.periodTo';
const chosenThisSession = (): string | undefined => {
  try {
    return sessionStorage.getItem(CHOSEN_PERIOD_KEY) ?? undefined;
  } catch {
    return undefined;
  }
};

export function ReportPage() {
  const { repos, api } = useServices();
  const { officer } = useSession();
  const toast = useToast();
  const { periods, reportPeriod } = useReportPeriods();
  const { memberLists, categories, hamlets, officers } = useCatalogues();
  const [periodTo, setPeriodTo] = useState<string | undefined>(chosenThisSession);
  const period = periods.find((p) => p.to === periodTo) ?? reportPeriod;
  // The printed report's number and date, so the workbook and the template say what the paper says.
  const draft = useLiveQuery(async () => (period ? repos.reportDrafts.get(period) : undefined), [repos, period]);
  const report = useReport(period, draft);
  const handover = useLiveQuery(async () => (period ? ((await repos.handovers.latest(period.to)) ?? null) : undefined), [repos, period]);
  const names = useMemo(() => nameLookups(hamlets, officers), [hamlets, officers]);
  const rowSets = useMemo(() => {
    if (!memberLists) return [];
    const shown = new Set([...memberLists.filter((l) => !l.hidden).map((l) => `members.${l.key}`), 'labour', 'vehicles', ...categories.filter((c) => !c.hidden).map((c) => `dc01.${c.key}`)]);
    return repos.reportRows.rowSets(memberLists, categories).filter((s) => shown.has(s.key));
  }, [repos, memberLists, categories]);
  const [progress, setProgress] = useState<ExportProgress>();
  const templates = useTemplates();
  const [chosenTemplate, setChosenTemplate] = useStoredState<string>('report.template', '', (v): v is string => typeof v === 'string');
  const abort = useRef<AbortController | undefined>(undefined);

  if (!period || !report || handover === undefined || !draft) {
    return (
      <div className="page-loading" role="status">
        Đang tính số liệu…
      </div>
    );
  }

  const exportWorkbook = async () => {
    abort.current = new AbortController();
    setProgress({ step: 'Đang chuẩn bị…', sheet: 0, sheets: 2 + rowSets.length, rows: 0 });
    try {
      const result = await exportMonthlyWorkbook({
        api,
        figures: report.figures,
        header: report.header,
        rowSets,
        readRows: (sets, onProgress) => repos.reportRows.readAll(sets, period, names, onProgress),
        onProgress: setProgress,
        signal: abort.current.signal,
      });
      if (!result.ok) toast.show(result.message, { tone: result.code === 'cancelled' ? 'ok' : 'error' });
      else if (result.value) {
        await repos.audit.logExport('report', `workbook:${period.to}`, 0, officer.id);
        toast.show(`Đã lưu bảng tổng hợp: ${result.value.path}`);
      }
    } catch (e) {
      toast.show(`Không tạo được tệp Excel: ${e instanceof Error ? e.message : String(e)}`, { tone: 'error' });
    } finally {
      setProgress(undefined);
      abort.current = undefined;
    }
  };

  const changes = handover ? changesSince(handover.values, report.keys) : [];
  const fill = templateFiller({ repos, period, report, rowSets, names, unitFile: reportFileName(report.header.unitName, period, 'xlsx') });
  const template = templates?.find((t) => t.id === chosenTemplate);
  const extraSteps = template ? [templateStep(template, fill, api)] : [];

  return (
    <section className="page report-hub" aria-labelledby="page-title">
      <header className="page-header">
        <div>
          <h1 id="page-title">Báo cáo {periodMonthLabel(period)}</h1>
          <p className="muted">
            Từ ngày {formatDay(period.from)} đến ngày {formatDay(period.to)}. <HandoverStatus handover={handover} />
          </p>
        </div>
        <PeriodSelect
          periods={periods}
          value={period.to}
          onChange={(to) => {
            try {
              sessionStorage.setItem(CHOSEN_PERIOD_KEY, to);
            } catch {
              // without storage the choice lasts until the page changes
            }
            setPeriodTo(to);
          }}
        />
      </header>

      {handover && changes.length > 0 && <ChangesCard handover={handover} changes={changes} header={report.header} />}

      <Card title="1. Bảng tổng hợp Excel">
        <p>
          Một tệp Excel gồm trang <b>Tổng hợp</b>, trang <b>DC01</b> và danh sách từng hội, lao động, phương tiện, từng chỉ tiêu DC01 — đúng số liệu
          đang hiển thị ở Tổng quan cho kỳ này.
        </p>
        {progress ? (
          <WorkProgress progress={progress} onCancel={() => abort.current?.abort()} />
        ) : (
          <Button variant="primary" onClick={() => void exportWorkbook()}>
            Xuất bảng tổng hợp Excel
          </Button>
        )}
      </Card>

      <TemplateCard templates={templates ?? []} chosen={template ? chosenTemplate : ''} onChoose={setChosenTemplate} fill={fill} />

      <Card title="3. Báo cáo giấy (BÁO CÁO)">
        <p>Xem trước, sửa phần nội dung tự viết (khó khăn, vướng mắc; phương hướng; nơi nhận; người ký), rồi in hoặc lưu PDF.</p>
        <Link href={`/bao-cao/in/${period.to}`} className="btn btn-primary">
          Xem, in và lưu PDF
        </Link>
      </Card>

      <HandoverCard period={period} report={report} rowSets={rowSets} names={names} handover={handover} draft={draft} extraSteps={extraSteps} />
    </section>
  );
}

function HandoverStatus({ handover }: { handover: Handover | null }) {
  if (!handover) return <span className="status-chip open">Chưa chốt số liệu</span>;
  const at = new Date(handover.at);
  return (
    <span className="status-chip closed">
      Đã chốt số liệu và bàn giao ngày {formatDay(isoDay(at))} lúc {at.toLocaleTimeString('vi-VN', { hour: '2-digit', minute: '2-digit' })}
    </span>
  );
}
