/**
 * Hand-over and closing the period (chốt số liệu): the officer picks a folder
 * once (a USB stick), the app saves the period's files there with clear
 * names, records what was sent (every figure, each file's checksum, who,
 * when), opens the folder and offers a ready-to-paste email/Zalo message.
 * The Excel files can be given Excel's own "password to open"; the password
 * is typed for this hand-over only and kept nowhere.
 */
import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useServices } from '../../context/services';
import { useSession } from '../../context/session';
import { useToast } from '../../components/ui/Toast';
import { Card } from '../../components/ui/Card';
import { Button } from '../../components/ui/Button';
import { Dialog } from '../../components/ui/Dialog';
import { Field } from '../../components/ui/Field';
import { checkWorkbookPassword } from '../../../shared/excel/office-encryption';
import { handoverMessage, sentValues } from '../../../shared/report/handover';
import type { Handover, HandoverFile, ReportDraft } from '../../../shared/domain/types';
import { reportFileName } from '../../../shared/report/workbook';
import { ReportDocument } from './print/ReportDocument';
import type { NameLookup } from '../../../shared/report/detail';
import type { Period } from '../../../shared/settings/period';
import type { ReportData } from '../../lib/use-report';
import type { RowSet } from '../../db/repositories/report-rows';
import { exportMonthlyWorkbook, type ExportProgress } from '../../excel/monthly-workbook';
import { WorkProgress } from './WorkProgress';

/** One more file of the hand-over, made by another part of the report (the superior's template, the PDF). */
export type HandoverStep = {
  /** what the progress line says while it runs */
  label: string;
  /** how the card's sentence names the file: "báo cáo PDF" */
  phrase: string;
  /** `password`: Excel's "password to open" for an .xlsx it saves, when the officer set one */
  run: (folder: string, password?: string) => Promise<{ ok: true; file: HandoverFile & { path: string } } | { ok: false; message: string } | { ok: true; file: undefined }>;
};

type Done = { folder: string; files: (HandoverFile & { path: string })[]; message: string; passwordProtected: boolean };

export const PASSWORD_MISMATCH_MESSAGE = 'Hai lần nhập mật khẩu không khớp.';
export const PASSWORD_HINT = 'Báo mật khẩu cho cấp trên bằng cách khác (gọi điện), không gửi kèm tệp.';

const fileName = (p: string) => p.split(/[\\/]/).pop() ?? p;

/** "a, b và c" */
const listed = (items: readonly string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} và ${items[items.length - 1]}`);

export function HandoverCard({
  period,
  report,
  rowSets,
  names,
  handover,
  draft,
  extraSteps = [],
}: {
  period: Period;
  report: ReportData;
  rowSets: readonly RowSet[];
  names: NameLookup;
  handover: Handover | null;
  draft: ReportDraft;
  extraSteps?: readonly HandoverStep[];
}) {
  const { api, repos } = useServices();
  const [desktop, setDesktop] = useState(false);
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    let live = true;
    void api.getAppInfo().then((info) => live && setDesktop(info.ok && info.value.shell === 'desktop'));
    return () => {
      live = false;
    };
  }, [api]);

  // The desktop build prints the report to PDF in the main process; the page it prints is this one, showing only the report.
  const pdfStep: HandoverStep = {
    label: 'Đang lưu báo cáo PDF',
    phrase: 'báo cáo PDF',
    run: async (folder) => {
      flushSync(() => setPrinting(true));
      try {
        const saved = await api.printToPdf({ suggestedName: reportFileName(report.header.unitName, period, 'pdf'), folder });
        if (!saved.ok) return { ok: false, message: saved.message };
        if (!saved.value.saved || !saved.value.sha256 || saved.value.bytes === undefined) return { ok: true, file: undefined };
        return { ok: true, file: { path: saved.value.path, name: fileName(saved.value.path), sha256: saved.value.sha256, bytes: saved.value.bytes } };
      } finally {
        setPrinting(false);
      }
    },
  };
  const steps = desktop ? [...extraSteps, pdfStep] : extraSteps;
  const { officer } = useSession();
  const toast = useToast();
  const [progress, setProgress] = useState<ExportProgress>();
  const [done, setDone] = useState<Done>();
  const abort = useRef<AbortController | undefined>(undefined);
  // Excel's "password to open" for this hand-over only: in this component's state, nowhere else.
  const [protect, setProtect] = useState(false);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [passwordErrors, setPasswordErrors] = useState<{ password?: string; confirm?: string }>({});

  const run = async () => {
    if (protect) {
      const problem = checkWorkbookPassword(password);
      const mismatch = !problem && confirm !== password ? PASSWORD_MISMATCH_MESSAGE : undefined;
      setPasswordErrors({ ...(problem ? { password: problem } : {}), ...(mismatch ? { confirm: mismatch } : {}) });
      if (problem || mismatch) return;
    }
    const sealWith = protect ? password : undefined;
    const chosen = await api.chooseFolder();
    if (!chosen.ok) return toast.show(chosen.message, { tone: 'error' });
    if (!chosen.value.chosen) return;
    const folder = chosen.value.path;
    abort.current = new AbortController();
    const files: Done['files'] = [];
    try {
      setProgress({ step: 'Đang chuẩn bị…', sheet: 0, sheets: 1, rows: 0 });
      const workbook = await exportMonthlyWorkbook({
        api,
        figures: report.figures,
        header: report.header,
        rowSets,
        readRows: (sets, onProgress) => repos.reportRows.readAll(sets, period, names, onProgress),
        folder,
        ...(sealWith !== undefined ? { password: sealWith } : {}),
        onProgress: setProgress,
        signal: abort.current.signal,
      });
      if (!workbook.ok) return toast.show(workbook.message, { tone: workbook.code === 'cancelled' ? 'ok' : 'error' });
      if (!workbook.value) return;
      files.push({ ...workbook.value, name: fileName(workbook.value.path) });
      for (const step of steps) {
        if (abort.current.signal.aborted) return toast.show('Đã dừng bàn giao. Số liệu chưa được chốt.');
        setProgress({ step: `${step.label}…`, sheet: 1, sheets: 1, rows: 0 });
        const made = await step.run(folder, sealWith);
        if (!made.ok) {
          return toast.show(`${made.message} Số liệu chưa được chốt; các tệp đã lưu: ${files.map((f) => f.name).join(', ')}.`, { tone: 'error' });
        }
        if (made.file) files.push(made.file);
      }
      await repos.handovers.record(
        { period, files: files.map(({ name, sha256, bytes }) => ({ name, sha256, bytes })), values: sentValues(report.keys), passwordProtected: sealWith !== undefined },
        officer.id,
      );
      setDone({ folder, files, message: handoverMessage(report.figures, report.header, files.map((f) => f.name)), passwordProtected: sealWith !== undefined });
      setPassword('');
      setConfirm('');
      // The desktop build opens the folder at once, so the officer sees the files on the USB stick.
      if (desktop && files[0]) void api.showInFolder({ path: files[0].path });
    } catch (e) {
      toast.show(`Bàn giao không thành công: ${e instanceof Error ? e.message : String(e)}`, { tone: 'error' });
    } finally {
      setProgress(undefined);
      abort.current = undefined;
    }
  };

  const openFolder = async (path: string) => {
    const shown = await api.showInFolder({ path });
    if (!shown.ok) toast.show(shown.message, { tone: 'error' });
  };

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      toast.show('Đã sao chép. Dán vào email hoặc Zalo gửi cấp trên.');
    } catch {
      toast.show('Không sao chép được. Hãy chọn nội dung và sao chép bằng tay (Ctrl+C).', { tone: 'error' });
    }
  };

  return (
    <Card title="4. Bàn giao cho cấp trên và chốt số liệu">
      <p>
        Lưu {listed(['bảng tổng hợp Excel', ...steps.map((s) => s.phrase)])} vào một thư mục (ví dụ ổ USB), rồi ghi lại số liệu
        đã gửi. Sau khi chốt, nếu số liệu của kỳ này thay đổi, ứng dụng sẽ liệt kê các thay đổi để gửi bản điều chỉnh.
      </p>
      {!desktop && (
        <p className="muted">
          Bản chạy trên trình duyệt: các tệp được tải về thư mục Tải về (Downloads). Báo cáo PDF lưu riêng ở mục 3 (In báo cáo → Lưu dưới dạng PDF).
        </p>
      )}
      {printing && (
        <div className="handover-print rp-screen" aria-hidden="true">
          <div className="rp-sheet">
            <ReportDocument header={report.header} figures={report.figures} draft={draft} />
          </div>
        </div>
      )}
      <div className="handover-password">
        <label className="check-line">
          <input
            type="checkbox"
            checked={protect}
            disabled={Boolean(progress)}
            onChange={(e) => {
              setProtect(e.target.checked);
              setPasswordErrors({});
            }}
          />
          Đặt mật khẩu mở tệp Excel
        </label>
        {protect && (
          <>
            <Field label="Mật khẩu mở tệp Excel" error={passwordErrors.password} hint={`${PASSWORD_HINT} Nên dùng chữ không dấu và số, để cấp trên gõ lại đúng.`} required>
              {(props) => (
                <input {...props} type="password" autoComplete="new-password" disabled={Boolean(progress)} value={password} onChange={(e) => setPassword(e.target.value)} />
              )}
            </Field>
            <Field label="Nhập lại mật khẩu" error={passwordErrors.confirm} required>
              {(props) => (
                <input {...props} type="password" autoComplete="new-password" disabled={Boolean(progress)} value={confirm} onChange={(e) => setConfirm(e.target.value)} />
              )}
            </Field>
          </>
        )}
      </div>
      {progress ? (
        <WorkProgress progress={progress} onCancel={() => abort.current?.abort()} />
      ) : (
        <Button variant="primary" onClick={() => void run()}>
          {handover ? 'Bàn giao lại (bản điều chỉnh)…' : 'Chọn thư mục và bàn giao…'}
        </Button>
      )}
      {done && (
        <Dialog
          title="Đã bàn giao và chốt số liệu"
          onClose={() => setDone(undefined)}
          wide
          footer={
            <>
              <Button onClick={() => void openFolder(done.files[0]!.path)}>Mở thư mục</Button>
              <Button variant="primary" onClick={() => setDone(undefined)}>
                Xong
              </Button>
            </>
          }
        >
          <p>Các tệp đã lưu vào {done.folder}:</p>
          <ul className="handover-files">
            {done.files.map((f) => (
              <li key={f.name}>
                <b>{f.name}</b> <span className="muted">(mã kiểm tra SHA-256 {f.sha256.slice(0, 12)}…)</span>
              </li>
            ))}
          </ul>
          {done.passwordProtected && (
            <p className="notice notice-info">
              Các tệp Excel đã được đặt mật khẩu mở{done.files.some((f) => f.name.endsWith('.pdf')) ? ' (báo cáo PDF thì không)' : ''}. {PASSWORD_HINT}
            </p>
          )}
          <label className="field">
            <span>Nội dung gửi kèm (email/Zalo)</span>
            <textarea readOnly rows={10} value={done.message} aria-label="Nội dung gửi kèm" />
          </label>
          <Button onClick={() => void copy(done.message)}>Sao chép nội dung</Button>
        </Dialog>
      )}
    </Card>
  );
}
