/** One association list: the shared list page with the members' columns, form and detail. */
import { useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useServices } from '../../context/services';
import { useLiveList } from '../../lib/use-live-list';
import { useCatalogues } from '../../lib/use-catalogues';
import { ProgressListPage } from '../../components/records/ProgressListPage';
import { RecordDetail, progressHistory } from '../../components/records/RecordDetail';
import { nameLookups, personColumns, personDetailFields, progressColumns, type FieldColumn } from '../../components/records/columns';
import { PROGRESS_STATUS_LABELS } from '../../../shared/domain/progress';
import type { MemberRecord } from '../../../shared/domain/types';
import { MemberForm } from './MemberForm';

export function MembersPage({ listKey }: { listKey: string }) {
  const { repos } = useServices();
  const { hamlets, officers, memberLists: lists, categories } = useCatalogues();
  const lastHamlet = useLiveQuery(() => repos.settings.getLastHamletId(), [repos]) ?? '';
  const records = useLiveList(
    {
      feed: repos.ctx.changes,
      table: 'members',
      load: () => repos.members.byList(listKey),
      getMany: (ids) => repos.members.getMany(ids),
      belongs: (r) => r.listKey === listKey,
    },
    listKey,
  );
  const list = lists?.find((l) => l.key === listKey);
  const names = useMemo(() => nameLookups(hamlets, officers), [hamlets, officers]);
  const fields = useMemo<FieldColumn<MemberRecord>[]>(() => {
    const [fullName, ...person] = personColumns<MemberRecord>(names);
    const kind: FieldColumn<MemberRecord>[] = list?.hasMemberKind
      ? [{ id: 'memberKind', header: 'Cá nhân/Tập thể', size: 100, excelWidth: 12, text: (r) => (r.memberKind === 'collective' ? 'Tập thể' : 'Cá nhân') }]
      : [];
    return [fullName!, ...person, ...kind, ...progressColumns<MemberRecord>(names)];
  }, [names, list?.hasMemberKind]);

  if (!lists) return <div className="page-loading">Đang tải danh sách…</div>;
  if (!list) return <div className="notice notice-error">Không tìm thấy danh sách này. Chọn một danh sách ở cột bên trái.</div>;

  return (
    <ProgressListPage<MemberRecord>
      title={list.label}
      entity="members"
      storageKey="members.columns"
      targetScope={`members:${listKey}`}
      records={records}
      fields={fields}
      actions={repos.members}
      importHref={`/nhap-excel/${encodeURIComponent(`members:${listKey}`)}`}
      newLabel="+ Nhập hội viên (F2)"
      emptyHint={
        <>
          Danh sách còn trống. Bấm <strong>+ Nhập hội viên (F2)</strong> để bắt đầu; có thể quét mã QR trên thẻ CCCD để điền nhanh.
        </>
      }
      renderForm={(p) => (
        <MemberForm list={list} lists={lists} categories={categories} hamlets={hamlets} initialHamletId={lastHamlet} {...p} />
      )}
      renderDetail={({ record, onStatus, ...p }) => (
        <RecordDetail
          title={`Hồ sơ: ${record.fullName}`}
          entity="members"
          record={record}
          officers={officers}
          steps={progressHistory(record.statusLog)}
          fields={[
            ...personDetailFields(record, names),
            ...(list.hasMemberKind ? [['Cá nhân/tập thể', record.memberKind === 'collective' ? 'Tập thể' : 'Cá nhân'] as const] : []),
            ['Ghi chú', record.note],
            ['Trạng thái', PROGRESS_STATUS_LABELS[record.status]],
          ]}
          onStep={onStatus}
          {...p}
        />
      )}
    />
  );
}
