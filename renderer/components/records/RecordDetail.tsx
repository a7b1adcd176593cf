/** One record: its fields, its full history (steps and edits, dated and attributed), and its actions. */
import type { ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Button } from '../ui/Button';
import { Dialog } from '../ui/Dialog';
import { useServices } from '../../context/services';
import { FAIL_REASON_LABELS, importSourceText, PROGRESS_STATUS_LABELS } from '../../../shared/domain/progress';
import { formatDay, isoDay } from '../../../shared/dates/partial-date';
import type { Officer, ProgressEvent, Stamp } from '../../../shared/domain/types';

export type HistoryLine = { at: string; by: string; text: string; detail?: string };

export const FIELD_LABELS: Readonly<Record<string, string>> = {
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
  vehicles: 'Phương tiện',
  economicStatus: 'Tình trạng hoạt động kinh tế',
  householdNo: 'Số hộ khẩu',
  source: 'Nguồn',
  assigneeId: 'Cán bộ phụ trách',
};

const ACTION_LABELS: Readonly<Record<string, string>> = {
  update: 'Sửa thông tin',
  delete: 'Xóa hồ sơ',
  undelete: 'Khôi phục hồ sơ',
  import: 'Nhập từ tệp',
};

export function formatTime(at: string): string {
  const d = new Date(at);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')} ${formatDay(isoDay(d))}`;
}

const shown = (v: unknown): string => (v === true ? 'có' : v === false ? 'không' : Array.isArray(v) ? `${v.length} mục` : String(v ?? ''));

/** The status steps of a collected record as history lines. */
/** The detail line of a history step: its parts that say something, joined. */
export function detailOf(parts: readonly string[]): { detail?: string } {
  const detail = parts.filter(Boolean).join(' · ');
  return detail ? { detail } : {};
}

export function progressHistory(log: readonly ProgressEvent[]): HistoryLine[] {
  return log.map((e) => ({
    at: e.at,
    by: e.by,
    text: `${PROGRESS_STATUS_LABELS[e.status]} — ngày ${formatDay(e.date)}`,
    ...detailOf([e.failReason ? `${FAIL_REASON_LABELS[e.failReason]}${e.failNote ? `: ${e.failNote}` : ''}` : '', e.source ? importSourceText(e.source) : '']),
  }));
}

export function RecordDetail({
  title,
  entity,
  record,
  fields,
  steps,
  officers,
  stepLabel = 'Cập nhật trạng thái',
  fieldLabels,
  showValue,
  extra,
  onEdit,
  onStep,
  onDelete,
  onRestore,
  onClose,
}: {
  title: string;
  entity: string;
  record: Stamp & { id: string };
  fields: readonly (readonly [string, string])[];
  /** the record's own dated steps (status or state log) */
  steps: readonly HistoryLine[];
  officers: readonly Officer[];
  stepLabel?: string;
  /** labels of this family's own fields, for the edit history */
  fieldLabels?: Readonly<Record<string, string>>;
  /** how this family shows a stored value (closed-list keys as their labels…); undefined = as stored */
  showValue?: (field: string, value: unknown) => string | undefined;
  extra?: ReactNode;
  onEdit: () => void;
  onStep: () => void;
  onDelete: () => void;
  onRestore: () => void;
  onClose: () => void;
}) {
  const { repos } = useServices();
  const audit = useLiveQuery(() => repos.audit.forRecord(entity, record.id), [repos, entity, record.id, record.updatedAt]) ?? [];
  const officerName = (id: string) => officers.find((o) => o.id === id)?.fullName ?? 'Không rõ';

  const lines: HistoryLine[] = [
    ...steps,
    ...audit
      .filter((a) => a.action !== 'status' && a.action !== 'create')
      .map((a) => ({
        at: a.at,
        by: a.officerId,
        text: ACTION_LABELS[a.action] ?? a.action,
        ...(a.changes
          ? {
              detail: Object.entries(a.changes)
                .map(([f, [before, after]]) => {
                  const value = (v: unknown) => showValue?.(f, v) ?? shown(v);
                  return `${fieldLabels?.[f] ?? FIELD_LABELS[f] ?? f}: "${value(before)}" → "${value(after)}"`;
                })
                .join('; '),
            }
          : {}),
      })),
  ].sort((a, b) => a.at.localeCompare(b.at));

  return (
    <Dialog
      title={title}
      onClose={onClose}
      wide
      footer={
        record.deletedAt ? (
          <>
            <span className="muted">
              Đã xóa lúc {formatTime(record.deletedAt)} bởi {officerName(record.deletedBy ?? '')}
            </span>
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
            <Button variant="primary" onClick={onStep}>
              {stepLabel}
            </Button>
          </>
        )
      }
    >
      <div className="detail-grid">
        <div>
          <dl className="detail-fields">
            {[...fields, ['Người nhập', `${officerName(record.createdBy)} — ${formatTime(record.createdAt)}`] as const].map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v || <span className="muted">—</span>}</dd>
              </div>
            ))}
          </dl>
          {extra}
        </div>
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
