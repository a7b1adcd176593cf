/**
 * A closed period whose figures changed after the hand-over: what changed since
 * the version sent, so the officer can send a correction.
 */
import { useToast } from '../../components/ui/Toast';
import { Button } from '../../components/ui/Button';
import { formatDay, isoDay } from '../../../shared/dates/partial-date';
import { formatFigure, type FigureChange } from '../../../shared/report/handover';
import type { ReportHeader } from '../../../shared/report/values';
import type { Handover } from '../../../shared/domain/types';
import { periodMonthLabel } from '../../../shared/settings/period';

export function changesText(handover: Handover, changes: readonly FigureChange[], header: ReportHeader): string {
  const sentOn = formatDay(isoDay(new Date(handover.at)));
  return [
    `${header.unitName}: điều chỉnh số liệu báo cáo Đề án 06 ${periodMonthLabel(header.period)} so với bản đã gửi ngày ${sentOn}:`,
    ...changes.map((c) => `- ${c.group} — ${c.label}: ${formatFigure(c.kind, c.before)} → ${formatFigure(c.kind, c.after)}`),
  ].join('\n');
}

export function ChangesCard({ handover, changes, header }: { handover: Handover; changes: readonly FigureChange[]; header: ReportHeader }) {
  const toast = useToast();
  const sentOn = formatDay(isoDay(new Date(handover.at)));
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(changesText(handover, changes, header));
      toast.show('Đã sao chép danh sách thay đổi. Dán vào email/Zalo gửi cấp trên.');
    } catch {
      toast.show('Không sao chép được. Hãy chọn và sao chép bảng bằng tay.', { tone: 'error' });
    }
  };
  return (
    <div className="card changes-card" role="region" aria-labelledby="changes-title">
      <div className="card-header">
        <h2 id="changes-title">⚠ Số liệu đã thay đổi so với bản gửi ngày {sentOn}</h2>
        <Button onClick={() => void copy()}>Sao chép danh sách thay đổi</Button>
      </div>
      <p>
        Kỳ này đã chốt số liệu. Sau đó có {changes.length} chỉ tiêu thay đổi do sửa, xóa hoặc cập nhật trạng thái hồ sơ. Nếu cần, hãy gửi bản điều
        chỉnh: bấm <b>Bàn giao lại</b> bên dưới để lưu bộ tệp mới và ghi lại số liệu mới.
      </p>
      <table className="plain-table changes-table">
        <thead>
          <tr>
            <th scope="col">Nội dung</th>
            <th scope="col">Chỉ tiêu</th>
            <th scope="col" className="num">
              Đã gửi
            </th>
            <th scope="col" className="num">
              Hiện nay
            </th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.key}>
              <td>{c.group}</td>
              <td>{c.label}</td>
              <td className="num">{formatFigure(c.kind, c.before)}</td>
              <td className="num strong">{formatFigure(c.kind, c.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
