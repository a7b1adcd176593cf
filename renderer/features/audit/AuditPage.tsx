/**
 * Nhật ký: who created, changed, deleted, exported or signed in, and when —
 * newest first, filtered by officer, action, kind of record and dates. It is
 * read-only: nothing here can change the log.
 */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Button } from '../../components/ui/Button';
import { useServices } from '../../context/services';
import { useCatalogues } from '../../lib/use-catalogues';
import { FIELD_LABELS, formatTime } from '../../components/records/RecordDetail';
import { ChoiceFilter, officerChoices } from '../../components/records/list-tools';
import { parseDay } from '../../../shared/dates/partial-date';
import { formatCount } from '../../../shared/format/numbers';
import type { AuditAction, AuditEntry } from '../../../shared/domain/types';
import { SYSTEM_OFFICER_ID } from '../../backup/backup-service';

const PAGE = 200;

export const ACTION_LABELS: Readonly<Record<AuditAction, string>> = {
  create: 'Tạo mới',
  update: 'Sửa',
  status: 'Cập nhật trạng thái',
  delete: 'Xóa',
  undelete: 'Khôi phục',
  import: 'Nhập từ tệp',
  export: 'Xuất tệp',
  backup: 'Sao lưu',
  restore: 'Phục hồi dữ liệu',
  settings: 'Cài đặt',
  login: 'Đăng nhập',
};

export const ENTITY_LABELS: Readonly<Record<string, string>> = {
  members: 'Hội viên',
  labour: 'Người lao động',
  declarations: 'Tờ khai phương tiện',
  dc01Cases: 'Trường hợp DC01',
  officers: 'Cán bộ',
  hamlets: 'Thôn/TDP',
  memberLists: 'Danh sách hội',
  dc01Categories: 'Loại làm sạch DC01',
  targets: 'Tổng số (chỉ tiêu)',
  settings: 'Cài đặt đơn vị',
  templates: 'Mẫu báo cáo cấp trên',
  reportDrafts: 'Báo cáo (bản soạn)',
  report: 'Báo cáo tháng',
  handovers: 'Bàn giao, chốt số liệu',
  database: 'Toàn bộ dữ liệu (sao lưu, khôi phục)',
  package: 'Gói dữ liệu từ máy khác',
};

const asChoices = (labels: Readonly<Record<string, string>>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

function describe(e: AuditEntry): string {
  if (e.summary) return e.summary;
  if (!e.changes) return '';
  return Object.entries(e.changes)
    .map(([field, [before, after]]) => `${FIELD_LABELS[field] ?? field}: ${short(before)} → ${short(after)}`)
    .join('; ');
}

function short(v: unknown): string {
  const text = typeof v === 'string' ? v : JSON.stringify(v) ?? '';
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

export function AuditPage() {
  const { repos } = useServices();
  const { officers } = useCatalogues();
  const [officerId, setOfficerId] = useState('');
  const [action, setAction] = useState<AuditAction | ''>('');
  const [entity, setEntity] = useState('');
  const [fromText, setFromText] = useState('');
  const [toText, setToText] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const day = (text: string) => {
    const parsed = parseDay(text);
    return parsed.ok ? parsed.value : '';
  };
  const badDate = [fromText, toText].some((t) => t.trim() && !parseDay(t).ok);
  const from = day(fromText);
  const to = day(toText);
  const entries = useLiveQuery(
    () => repos.audit.search({ officerId, action, entity, from, to, limit }),
    [repos, officerId, action, entity, from, to, limit],
  );
  const officerName = (id: string) => (id === SYSTEM_OFFICER_ID ? 'Tự động (ứng dụng)' : officers.find((o) => o.id === id)?.fullName ?? 'Không rõ');
  const filter = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setLimit(PAGE);
  };

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <div>
          <h1 id="page-title">Nhật ký thao tác</h1>
          <p className="muted">Ai đã tạo, sửa, xóa, xuất tệp, đăng nhập… và lúc nào. Nhật ký chỉ để xem, không sửa được.</p>
        </div>
      </header>
      <div className="toolbar" role="search">
        <ChoiceFilter label="Cán bộ" all="Mọi cán bộ" value={officerId} choices={officerChoices(officers)} onChange={filter(setOfficerId)} />
        <ChoiceFilter label="Thao tác" all="Mọi thao tác" value={action} choices={asChoices(ACTION_LABELS)} onChange={(v) => filter(setAction)(v as AuditAction | '')} />
        <ChoiceFilter label="Loại dữ liệu" all="Mọi loại dữ liệu" value={entity} choices={asChoices(ENTITY_LABELS)} onChange={filter(setEntity)} />
        <span className="date-filter">
          Từ ngày
          <input aria-label="Từ ngày" placeholder="dd/mm/yyyy" value={fromText} aria-invalid={Boolean(fromText.trim() && !from)} onChange={(e) => filter(setFromText)(e.target.value)} />
          đến
          <input aria-label="Đến ngày" placeholder="dd/mm/yyyy" value={toText} aria-invalid={Boolean(toText.trim() && !to)} onChange={(e) => filter(setToText)(e.target.value)} />
        </span>
      </div>
      {badDate ? (
        <p className="field-error-text" role="alert">
          Ngày lọc chưa đúng, nhập theo dạng dd/mm/yyyy.
        </p>
      ) : null}
      <div className="card audit-card">
        <table className="plain-table" aria-label="Nhật ký thao tác">
          <thead>
            <tr>
              <th>Thời gian</th>
              <th>Cán bộ</th>
              <th>Thao tác</th>
              <th>Loại dữ liệu</th>
              <th>Nội dung</th>
            </tr>
          </thead>
          <tbody>
            {(entries ?? []).map((e) => (
              <tr key={e.id}>
                <td className="nowrap">{formatTime(e.at)}</td>
                <td>{officerName(e.officerId)}</td>
                <td>{ACTION_LABELS[e.action] ?? e.action}</td>
                <td>{ENTITY_LABELS[e.entity] ?? e.entity}</td>
                <td className="audit-detail">{describe(e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {entries && entries.length === 0 ? <p className="muted">Không có thao tác nào phù hợp.</p> : null}
        {entries && entries.length === limit ? (
          <Button onClick={() => setLimit(limit + PAGE)}>Xem thêm {formatCount(PAGE)} dòng</Button>
        ) : null}
      </div>
    </section>
  );
}
