/** A change dated inside a period already handed over is allowed, but the officer is told it alters what was sent. */
import { formatDay, isoDay, parseDay } from '../../../shared/dates/partial-date';
import { useLatestHandover } from '../../lib/use-closed-period';

export function ClosedPeriodWarning({ dateText }: { dateText: string }) {
  const handover = useLatestHandover();
  const date = parseDay(dateText);
  if (!handover || !date.ok || date.value > handover.periodTo) return null;
  return (
    <p className="closed-period-warning span-2" role="note">
      ⚠ Kỳ báo cáo đến ngày {formatDay(handover.periodTo)} đã chốt số liệu và gửi cấp trên ngày {formatDay(isoDay(new Date(handover.at)))}. Thay đổi ghi
      ngày {formatDay(date.value)} làm số liệu đã gửi khác đi; xem danh sách thay đổi ở mục Báo cáo tháng để gửi bản điều chỉnh.
    </p>
  );
}
