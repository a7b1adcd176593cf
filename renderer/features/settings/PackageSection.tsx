/**
 * Gói dữ liệu: carry this PC's records to another PC of the same unit (all, or one
 * period's changes) and merge a package made elsewhere — matched by record id, histories
 * merged, the newest change winning, and the records both PCs changed listed.
 */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Button } from '../../components/ui/Button';
import { Card } from '../../components/ui/Card';
import { Dialog } from '../../components/ui/Dialog';
import { useToast } from '../../components/ui/Toast';
import { useServices } from '../../context/services';
import { useSession } from '../../context/session';
import { formatTime, FIELD_LABELS } from '../../components/records/RecordDetail';
import { useReportPeriods } from '../../lib/use-report';
import { periodMonthLabel } from '../../../shared/settings/period';
import { formatCount } from '../../../shared/format/numbers';
import { countLines } from '../../../shared/backup/manifest';
import type { Conflict } from '../../../shared/backup/merge';
import type { MergeSummary } from '../../db/repositories/backup-repo';
import { ManifestView, SealedFileSteps, useSealedFile } from './sealed-file';
import '../../styles/backup.css';

export function PackageSection() {
  const { repos, backup } = useServices();
  const { officer } = useSession();
  const toast = useToast();
  const { periods } = useReportPeriods();
  const hasKey = useLiveQuery(async () => (await repos.backups.vaultKey()) !== undefined, [repos]);
  const history = useLiveQuery(() => repos.backups.packageHistory(), [repos]) ?? [];
  const officers = useLiveQuery(() => repos.officers.list(), [repos]) ?? [];
  const [scope, setScope] = useState<'all' | string>('all');
  const [busy, setBusy] = useState(false);
  const sealed = useSealedFile('package');
  const [merging, setMerging] = useState<'reading' | 'writing' | false>(false);
  const [progress, setProgress] = useState<{ rows: number; total: number } | undefined>();
  const [summary, setSummary] = useState<{ name: string; result: MergeSummary } | { name: string; error: string } | undefined>();

  const period = periods.find((p) => p.to === scope);
  const exportPackage = async () => {
    setBusy(true);
    try {
      const saved = await backup.exportPackage(period ? { period } : {}, officer);
      if (!saved.ok) return toast.show(saved.message, { tone: 'error' });
      if (saved.value.saved) toast.show(`Đã lưu gói dữ liệu: ${saved.value.path}. ${countLines(saved.value.counts).slice(0, 4).join('; ')}.`);
    } finally {
      setBusy(false);
    }
  };
  const merge = async () => {
    if (sealed.state.step !== 'ready') return;
    const { name, inspected } = sealed.state;
    setMerging('reading');
    try {
      const result = await backup.mergePackage(inspected, name, officer, (stage, merged) => {
        setMerging(stage);
        setProgress(merged);
      });
      setSummary(result.ok ? { name, result: result.value } : { name, error: result.message });
    } catch {
      setSummary({ name, error: 'Không gộp được: ghi dữ liệu bị lỗi (có thể ổ đĩa đã đầy). Dữ liệu trên máy vẫn như trước.' });
    } finally {
      setMerging(false);
      sealed.reset();
    }
  };
  const officerName = (id: string) => officers.find((o) => o.id === id)?.fullName ?? 'cán bộ máy khác';

  return (
    <div className="backup-section">
      <Card title="Xuất gói dữ liệu">
        <p className="muted">
          Gói dữ liệu mang hồ sơ của máy này sang một máy khác của đơn vị (chép bằng USB hoặc gửi qua mạng nội bộ). Gói được mã hóa bằng mật
          khẩu sao lưu của đơn vị.
        </p>
        {hasKey === false ? (
          <p className="status-warning" role="alert">
            Chưa đặt mật khẩu sao lưu: hãy đặt ở mục "Sao lưu và khôi phục" trước.
          </p>
        ) : null}
        <div className="form-row">
          <label htmlFor="package-scope">Gồm</label>
          <select id="package-scope" value={scope} onChange={(e) => setScope(e.target.value)}>
            <option value="all">Toàn bộ hồ sơ</option>
            {periods.map((p) => (
              <option key={p.to} value={p.to}>
                Hồ sơ thay đổi trong kỳ {periodMonthLabel(p)}
              </option>
            ))}
          </select>
          <Button variant="primary" onClick={() => void exportPackage()} disabled={busy || !hasKey}>
            {busy ? 'Đang tạo gói…' : 'Xuất gói dữ liệu…'}
          </Button>
        </div>
      </Card>
      <Card title="Nhập gói dữ liệu từ máy khác" actions={<Button onClick={() => void sealed.pick()}>Chọn gói dữ liệu…</Button>}>
        <p className="muted">
          Hồ sơ trong gói được gộp với hồ sơ trên máy này: cùng một hồ sơ thì giữ lại thay đổi mới nhất và gộp lịch sử xử lý; hồ sơ cả hai máy
          cùng sửa được liệt kê để cán bộ kiểm tra lại. Nhập lại cùng một gói không thay đổi gì.
        </p>
        {history.length > 0 ? (
          <table className="plain-table" aria-label="Các gói đã nhập">
            <thead>
              <tr>
                <th>Nhập lúc</th>
                <th>Tệp</th>
                <th className="num">Mới</th>
                <th className="num">Cập nhật</th>
                <th className="num">Không đổi</th>
                <th className="num">Xung đột</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.id}>
                  <td>{formatTime(h.at)}</td>
                  <td>{h.fileName}</td>
                  <td className="num">{formatCount(h.added)}</td>
                  <td className="num">{formatCount(h.updated)}</td>
                  <td className="num">{formatCount(h.unchanged)}</td>
                  <td className="num">{formatCount(h.conflicts.length)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </Card>
      <SealedFileSteps sealed={sealed} />
      {sealed.state.step === 'ready' ? (
        <Dialog
          title="Nhập gói dữ liệu"
          wide
          onClose={merging !== false ? () => undefined : sealed.reset}
          footer={
            <>
              <Button onClick={sealed.reset} disabled={merging !== false}>
                Hủy
              </Button>
              <Button variant="primary" onClick={() => void merge()} disabled={merging !== false}>
                {merging ? 'Đang gộp…' : 'Gộp vào dữ liệu máy này'}
              </Button>
            </>
          }
        >
          <p>
            Gói <strong>{sealed.state.name}</strong> chứa:
          </p>
          <ManifestView manifest={sealed.state.inspected.manifest} />
          {merging === 'reading' ? <p role="status">Đang đọc và kiểm tra gói dữ liệu…</p> : null}
          {merging === 'writing' ? (
            <div role="status">
              <p>Đang ghi hồ sơ vào máy (một lần: hoặc xong hết hoặc không thay đổi gì)…</p>
              {progress ? (
                <>
                  <progress max={progress.total} value={progress.rows} aria-label="Tiến độ gộp" /> {formatCount(progress.rows)} /{' '}
                  {formatCount(progress.total)} hồ sơ
                </>
              ) : null}
            </div>
          ) : null}
        </Dialog>
      ) : null}
      {summary ? (
        <Dialog title={'error' in summary ? 'Chưa gộp gói dữ liệu' : 'Đã gộp gói dữ liệu'} wide onClose={() => setSummary(undefined)} footer={<Button onClick={() => setSummary(undefined)}>Đóng</Button>}>
          {'error' in summary ? (
            <p role="alert">{summary.error}</p>
          ) : (
            <>
              <p role="status">
                {formatCount(summary.result.added)} hồ sơ mới, {formatCount(summary.result.updated)} cập nhật, {formatCount(summary.result.unchanged)}{' '}
                không đổi, {formatCount(summary.result.conflicts.length)} xung đột.
              </p>
              <AddedRows counts={summary.result.catalogueRows} />
              {summary.result.conflicts.length > 0 ? <ConflictTable conflicts={summary.result.conflicts} officerName={officerName} /> : null}
            </>
          )}
        </Dialog>
      ) : null}
    </div>
  );
}

const CATALOGUE_LABELS: Readonly<Record<string, string>> = {
  hamlets: 'thôn, tổ dân phố',
  memberLists: 'danh sách hội',
  dc01Categories: 'loại làm sạch DC01',
  officers: 'cán bộ (để hiện tên người làm; chưa đăng nhập được trên máy này cho đến khi bật trong Cài đặt → Cán bộ)',
  audit: 'dòng nhật ký',
};

function AddedRows({ counts }: { counts: Readonly<Record<string, number>> }) {
  const parts = Object.entries(counts).map(([table, n]) => `${formatCount(n)} ${CATALOGUE_LABELS[table] ?? table}`);
  return parts.length > 0 ? <p>Thêm từ máy kia: {parts.join('; ')}.</p> : null;
}

function ConflictTable({ conflicts, officerName }: { conflicts: readonly Conflict[]; officerName: (id: string) => string }) {
  return (
    <>
      <p>Các hồ sơ dưới đây được sửa trên cả hai máy. Ứng dụng giữ bản sửa sau cùng; hãy kiểm tra lại các trường được nêu.</p>
      <table className="plain-table" aria-label="Hồ sơ bị sửa trên cả hai máy">
        <thead>
          <tr>
            <th>Họ và tên</th>
            <th>Trường khác nhau</th>
            <th>Sửa trên máy này</th>
            <th>Sửa trên máy kia</th>
            <th>Giữ bản</th>
          </tr>
        </thead>
        <tbody>
          {conflicts.map((c) => (
            <tr key={c.id}>
              <td>{c.fullName}</td>
              <td>{c.fields.map((f) => FIELD_LABELS[f] ?? f).join(', ')}</td>
              <td>
                {formatTime(c.local.updatedAt)} — {officerName(c.local.updatedBy)}
              </td>
              <td>
                {formatTime(c.incoming.updatedAt)} — {officerName(c.incoming.updatedBy)}
              </td>
              <td>{c.kept === 'local' ? 'máy này' : 'máy kia'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
