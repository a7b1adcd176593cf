/**
 * The printed monthly report (BÁO CÁO) of one period: an A4 preview of the
 * document as it will be signed, the panel where the officer writes its own
 * words (number, date, difficulties, directions, recipients, signer), and the
 * buttons to print it or save it as PDF. The officer's words are saved to the
 * period's draft as they type (and when a field is left, and when the page is
 * left), so nothing is lost by navigating away.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLocation } from 'wouter';
import { useServices } from '../../../context/services';
import { useSession } from '../../../context/session';
import { useToast } from '../../../components/ui/Toast';
import { Button } from '../../../components/ui/Button';
import { Field } from '../../../components/ui/Field';
import { useReport, useReportPeriods } from '../../../lib/use-report';
import { describeWriteError } from '../../../lib/write-error';
import { formatDay, parseDay } from '../../../../shared/dates/partial-date';
import { periodContaining, periodMonthLabel, type Period } from '../../../../shared/settings/period';
import { suggestedDifficulties, suggestedDirections } from '../../../../shared/report/prose';
import { reportFileName } from '../../../../shared/report/workbook';
import type { ReportDraft } from '../../../../shared/domain/types';
import { ReportDocument } from './ReportDocument';
import '../../../styles/report-print.css';

/** Typing pauses this long before the draft is written (leaving a field writes at once). */
const SAVE_DELAY_MS = 1500;
const REPORT_HUB = '/bao-cao';

const patchOf = (key: 'difficulties' | 'directions', text: string): DraftPatch => (key === 'difficulties' ? { difficulties: text } : { directions: text });

const isIsoDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && parseDay(formatDay(s)).ok;

/** The draft's fields the panel edits. */
type DraftPatch = Partial<Pick<ReportDraft, 'number' | 'reportDate' | 'difficulties' | 'directions' | 'recipients' | 'signerTitle' | 'signerName'>>;

/**
 * The period's draft, kept on screen and written to the database in the
 * background: `update` changes it at once and schedules a save, `flush`
 * saves now. Saves run one after another, and whatever is pending is saved
 * when the page closes.
 */
function useDraft(period: Period | undefined) {
  const { repos } = useServices();
  const { officer } = useSession();
  const toast = useToast();
  const [draft, setDraft] = useState<ReportDraft>();
  const latest = useRef<ReportDraft | undefined>(undefined);
  const dirty = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const queue = useRef<Promise<void>>(Promise.resolve());
  // The save functions outlive renders (they run on unmount); they read these.
  const deps = useRef({ repos, officerId: officer.id, toast });
  useEffect(() => {
    deps.current = { repos, officerId: officer.id, toast };
  }, [repos, officer.id, toast]);

  const periodTo = period?.to;
  const periodFrom = period?.from;
  useEffect(() => {
    if (!periodTo || !periodFrom) return;
    let live = true;
    void deps.current.repos.reportDrafts.get({ from: periodFrom, to: periodTo }).then((d) => {
      if (!live || latest.current) return;
      latest.current = d;
      setDraft(d);
    });
    return () => {
      live = false;
    };
  }, [periodTo, periodFrom]);

  const flush = useCallback((): Promise<void> => {
    clearTimeout(timer.current);
    const d = latest.current;
    if (dirty.current && d) {
      dirty.current = false;
      const { repos: r, officerId, toast: t } = deps.current;
      queue.current = queue.current.then(
        () =>
          r.reportDrafts.save(d, officerId).then(
            () => undefined,
            (e: unknown) => {
              dirty.current = true;
              t.show(describeWriteError(e), { tone: 'error' });
            },
          ),
      );
    }
    return queue.current;
  }, []);

  const update = useCallback(
    (patch: DraftPatch) => {
      const current = latest.current;
      if (!current) return;
      const next = { ...current, ...patch };
      latest.current = next;
      dirty.current = true;
      setDraft(next);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), SAVE_DELAY_MS);
    },
    [flush],
  );

  // Leaving the page saves what was typed last.
  useEffect(() => () => void flush(), [flush]);

  return { draft, update, flush };
}

export function PrintReportPage({ periodTo }: { periodTo: string }) {
  const { api } = useServices();
  const toast = useToast();
  const [, navigate] = useLocation();
  const { unit, periods } = useReportPeriods();
  const valid = isIsoDay(periodTo);

  const period = useMemo((): Period | undefined => {
    if (!valid) return undefined;
    const listed = periods.find((p) => p.to === periodTo);
    if (listed) return listed;
    if (!unit) return undefined;
    // An older period, or one cut off on another day before the setting changed: it ends where the address says.
    const containing = periodContaining(periodTo, unit.cutoffDay);
    return containing.to === periodTo ? containing : { from: containing.from, to: periodTo };
  }, [valid, periods, periodTo, unit]);

  const { draft, update, flush } = useDraft(period);
  // A saved draft knows which days its period covered.
  const savedFrom = draft?.periodFrom;
  const reportPeriod = useMemo(() => (period && savedFrom && savedFrom !== period.from ? { from: savedFrom, to: period.to } : period), [period, savedFrom]);
  const report = useReport(reportPeriod, draft ? { number: draft.number, reportDate: draft.reportDate } : undefined);

  const [shell, setShell] = useState<'desktop' | 'browser'>();
  useEffect(() => {
    let live = true;
    void api.getAppInfo().then((r) => {
      if (live && r.ok) setShell(r.value.shell);
    });
    return () => {
      live = false;
    };
  }, [api]);

  const [busy, setBusy] = useState(false);

  const fileName = unit && reportPeriod ? reportFileName(unit.unitName, reportPeriod, 'pdf') : '';
  /** The browser names a PDF saved from its print dialog after the page title. */
  const asTitled = async <T,>(run: () => Promise<T> | T): Promise<T> => {
    const before = document.title;
    document.title = fileName.replace(/\.pdf$/, '');
    try {
      return await run();
    } finally {
      document.title = before;
    }
  };

  const print = async () => {
    await flush();
    await asTitled(() => window.print());
  };

  const savePdf = async () => {
    if (!unit || !reportPeriod) return;
    setBusy(true);
    try {
      await flush();
      const result = await asTitled(() => api.printToPdf({ suggestedName: fileName }));
      if (!result.ok) {
        toast.show(result.message, { tone: 'error' });
        return;
      }
      if (result.value.saved) {
        const { path } = result.value;
        toast.show(`Đã lưu bản PDF: ${path}`, { action: { label: 'Mở thư mục', run: () => void api.showInFolder({ path }) } });
      }
    } finally {
      setBusy(false);
    }
  };

  if (!valid) {
    return (
      <section className="page" aria-labelledby="page-title">
        <h1 id="page-title">Báo cáo tháng</h1>
        <p role="alert">Không tìm thấy kỳ báo cáo này.</p>
        <div>
          <Button onClick={() => navigate(REPORT_HUB)}>Quay lại</Button>
        </div>
      </section>
    );
  }
  if (!unit || !reportPeriod || !draft || !report) {
    return (
      <div className="page-loading" role="status">
        Đang soạn báo cáo…
      </div>
    );
  }

  return (
    <section className="rp-screen" aria-labelledby="page-title">
      <div className="rp-toolbar">
        <h1 id="page-title">
          Báo cáo {periodMonthLabel(reportPeriod)} <span className="muted">(từ {formatDay(reportPeriod.from)} đến {formatDay(reportPeriod.to)})</span>
        </h1>
        <Button variant="primary" onClick={() => void print()}>
          In báo cáo
        </Button>
        <Button onClick={() => void savePdf()} disabled={busy} title={shell === 'browser' ? 'Mở hộp thoại in; chọn máy in “Lưu dưới dạng PDF”' : undefined}>
          Lưu PDF
        </Button>
        <Button variant="ghost" onClick={() => navigate(REPORT_HUB)}>
          Quay lại
        </Button>
        {shell === 'browser' ? (
          <p className="rp-toolbar-note muted">
            Bản chạy trên trình duyệt: “Lưu PDF” mở hộp thoại in — chọn máy in “Lưu dưới dạng PDF” (Save as PDF), khổ A4, lề mặc định, bỏ chọn “Đầu trang và chân trang”.
          </p>
        ) : null}
      </div>
      <div className="rp-workspace">
        <div className="rp-preview">
          <ReportDocument header={report.header} figures={report.figures} draft={draft} />
        </div>
        <DraftEditor draft={draft} update={update} flush={flush} suffix={unit.reportNumberSuffix} suggestions={report.figures} />
      </div>
    </section>
  );
}

function DraftEditor({
  draft,
  update,
  flush,
  suffix,
  suggestions,
}: {
  draft: ReportDraft;
  update: (patch: DraftPatch) => void;
  flush: () => Promise<void>;
  suffix: string;
  suggestions: Parameters<typeof suggestedDifficulties>[0];
}) {
  const [dateText, setDateText] = useState(() => formatDay(draft.reportDate));
  const parsedDate = parseDay(dateText);
  const blur = () => void flush();
  const suggested = { difficulties: suggestedDifficulties(suggestions), directions: suggestedDirections(suggestions) };

  const freeText = (key: 'difficulties' | 'directions', label: string) => (
    <Field
      label={label}
      hint={
        draft[key].trim() === '' ? (
          <span className="rp-suggested">
            Để trống: in nội dung soạn sẵn từ số liệu (xem bản xem trước).
            <button type="button" className="btn" onClick={() => update(patchOf(key, suggested[key]))}>
              Sửa nội dung này
            </button>
          </span>
        ) : (
          'Mỗi dòng là một đoạn. Xóa hết để dùng lại nội dung soạn sẵn.'
        )
      }
    >
      {(p) => <textarea {...p} rows={6} value={draft[key]} onChange={(e) => update(patchOf(key, e.target.value))} onBlur={blur} />}
    </Field>
  );

  return (
    <aside className="rp-editor" aria-label="Nội dung báo cáo">
      <h2>Nội dung báo cáo</h2>
      <p className="muted" style={{ margin: 0, fontSize: 12 }}>
        Các thay đổi được lưu tự động cho kỳ báo cáo này.
      </p>
      <Field label="Số báo cáo" hint={`In là “Số: ${draft.number.trim() || '…'}/${suffix}”. Để trống để ghi tay sau khi in.`}>
        {(p) => <input {...p} value={draft.number} inputMode="numeric" onChange={(e) => update({ number: e.target.value })} onBlur={blur} />}
      </Field>
      <Field label="Ngày báo cáo" error={dateText.trim() && !parsedDate.ok ? 'Ngày không hợp lệ, ghi theo dạng ngày/tháng/năm, ví dụ 05/03/2025.' : undefined}>
        {(p) => (
          <input
            {...p}
            value={dateText}
            placeholder="dd/mm/yyyy"
            onChange={(e) => {
              setDateText(e.target.value);
              const parsed = parseDay(e.target.value);
              if (parsed.ok) update({ reportDate: parsed.value });
            }}
            onBlur={blur}
          />
        )}
      </Field>
      {freeText('difficulties', 'Khó khăn, vướng mắc')}
      {freeText('directions', 'Phương hướng, nhiệm vụ thời gian tới')}
      <Field label="Nơi nhận (mỗi dòng một nơi)" hint="Dấu “-” đầu dòng và dòng “- Lưu: VT.” được thêm khi in.">
        {(p) => <textarea {...p} rows={4} value={draft.recipients.join('\n')} onChange={(e) => update({ recipients: e.target.value.split('\n') })} onBlur={blur} />}
      </Field>
      <Field label="Chức danh người ký" hint="Ký thay thì ghi hai dòng, ví dụ: KT. TRƯỞNG CÔNG AN XÃ / PHÓ TRƯỞNG CÔNG AN XÃ.">
        {(p) => <textarea {...p} rows={2} value={draft.signerTitle} onChange={(e) => update({ signerTitle: e.target.value })} onBlur={blur} />}
      </Field>
      <Field label="Họ tên người ký">
        {(p) => <input {...p} value={draft.signerName} onChange={(e) => update({ signerName: e.target.value })} onBlur={blur} />}
      </Field>
    </aside>
  );
}
