/** One record: its fields, its full history (status steps and edits), and its actions. */
import { useLiveQuery } from 'dexie-react-hooks';
import { Button } from '../../components/ui/Button';
import { Dialog } from '../../components/ui/Dialog';
import { useServices } from '../../context/services';
import { FAIL_REASON_LABELS, PROGRESS_STATUS_LABELS } from '../../../shared/domain/progress';
import { formatDay, formatPartialDate, isoDay } from '../../../shared/dates/partial-date';
import type { Hamlet, MemberList, MemberRecord, Officer } from '../../../shared/domain/types';

const FIELD_LABELS: Readonly<Record<string, string>> = {
  fullName: 'Họ và tên',
  birthDate: 'Ngày sinh',
  sex: 'Giới tính',
  personalId: 'Số định danh',
  oldId: 'CMND',
  phone: 'Số điện thoại',
  hamletId: 'Thôn/TDP',
  address: 'Địa chỉ',
  note: 'Ghi chú',
  memberKind: 'Cá nhân/tập thể',
  idFlagged: 'Đánh dấu số định danh sai',
};

const ACTION_LABELS: Readonly<Record<string, string>> = {
  create: 'Tạo hồ sơ',
  update: 'Sửa thông tin',
  delete: 'Xóa hồ sơ',
  undelete: 'Khôi phục hồ sơ',
  import: 'Nhập từ tệp',
};

export function sexLabel(sex: string): string {
  return sex === 'male' ? 'Nam' : sex === 'female' ? 'Nữ' : '';
}

function formatTime(at: string): string {
  const d = new Date(at);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')} ${formatDay(isoDay(d))}`;
}

export function MemberDetail({
  record,
  list,
  hamlets,
  officers,
  onEdit,
  onStatus,
  onDelete,
  onRestore,
  onClose,
}: {
  record: MemberRecord;
  list: MemberList;
  hamlets: readonly Hamlet[];
  officers: readonly Officer[];
  onEdit: () => void;
  onStatus: () => void;
  onDelete: () => void;
  onRestore: () => void;
  onClose: () => void;
}) {
  const { repos } = useServices();
  const audit = useLiveQuery(() => repos.audit.forRecord('members', record.id), [repos, record.id, record.updatedAt]) ?? [];
  const officerName = (id: string) => officers.find((o) => o.id === id)?.fullName ?? 'Không rõ';
  const hamlet = hamlets.find((h) => h.id === record.hamletId)?.name ?? '';

  type Line = { at: string; text: string; by: string; detail?: string };
  const lines: Line[] = [
    ...record.statusLog.map((e) => ({
      at: e.at,
      by: e.by,
      text: `${PROGRESS_STATUS_LABELS[e.status]} — ngày ${formatDay(e.date)}`,
      ...(e.failReason
        ? { detail: `${FAIL_REASON_LABELS[e.failReason]}${e.failNote ? `: ${e.failNote}` : ''}` }
        : {}),
    })),
    ...audit
      .filter((a) => a.action !== 'status' && a.action !== 'create')
      .map((a) => ({
        at: a.at,
        by: a.officerId,
        text: ACTION_LABELS[a.action] ?? a.action,
        ...(a.changes
          ? {
              detail: Object.entries(a.changes)
                .map(([f, [before, after]]) => `${FIELD_LABELS[f] ?? f}: "${String(before ?? '')}" → "${String(after ?? '')}"`)
                .join('; '),
            }
          : {}),
      })),
  ].sort((a, b) => a.at.localeCompare(b.at));

  const rows: [string, string][] = [
    ['Họ và tên', record.fullName],
    ['Ngày sinh', record.birthDate ? formatPartialDate(record.birthDate) : ''],
    ['Giới tính', sexLabel(record.sex)],
    ['Số định danh', `${record.personalId}${record.idFlagged ? ' (sai cấu trúc — cần làm sạch)' : ''}`],
    ['CMND', record.oldId],
    ['Số điện thoại', record.phone],
    ['Thôn/TDP', hamlet],
    ['Địa chỉ', record.address],
    ...(list.hasMemberKind ? [['Cá nhân/tập thể', record.memberKind === 'collective' ? 'Tập thể' : 'Cá nhân'] as [string, string]] : []),
    ['Ghi chú', record.note],
    ['Trạng thái', PROGRESS_STATUS_LABELS[record.status]],
    ['Người nhập', `${officerName(record.createdBy)} — ${formatTime(record.createdAt)}`],
  ];

  return (
    <Dialog
      title={`Hồ sơ: ${record.fullName}`}
      onClose={onClose}
      wide
      footer={
        record.deletedAt ? (
          <>
            <span className="muted">Đã xóa lúc {formatTime(record.deletedAt)} bởi {officerName(record.deletedBy ?? '')}</span>
            <Button variant="primary" onClick={onRestore}>
              Khôi phục hồ sơ
            </Button>
          </>
        ) : (
          <>
            <Button variant="danger" onClick={onDelete}>
              Xóa
            </Button>
            <Button onClick={onEdit}>Sửa thông tin</Button>
            <Button variant="primary" onClick={onStatus}>
              Cập nhật trạng thái
            </Button>
          </>
        )
      }
    >
      <div className="detail-grid">
        <dl className="detail-fields">
          {rows.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v || <span className="muted">—</span>}</dd>
            </div>
          ))}
        </dl>
        <section aria-label="Lịch sử">
          <h3>Lịch sử</h3>
          <ol className="history">
            {lines.map((l, i) => (
              <li key={`${l.at}-${i}`}>
                <div className="history-text">{l.text}</div>
                {l.detail ? <div className="history-detail">{l.detail}</div> : null}
                <div className="history-meta">
                  {officerName(l.by)} · ghi lúc {formatTime(l.at)}
                </div>
              </li>
            ))}
          </ol>
        </section>
      </div>
    </Dialog>
  );
}
