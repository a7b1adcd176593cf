/** Labour information (family `labour`): the shared list page with the labour columns, form and detail. */
import { useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useServices } from '../../context/services';
import { useLiveList } from '../../lib/use-live-list';
import { useCatalogues } from '../../lib/use-catalogues';
import { ProgressListPage } from '../../components/records/ProgressListPage';
import { RecordDetail, progressHistory } from '../../components/records/RecordDetail';
import { nameLookups, personColumns, personDetailFields, progressColumns, type FieldColumn } from '../../components/records/columns';
import { PROGRESS_STATUS_LABELS } from '../../../shared/domain/progress';
import {
  ECONOMIC_STATUSES,
  EMPLOYMENT_POSITIONS,
  ETHNICITIES,
  GENERAL_EDUCATION_LEVELS,
  INACTIVE_REASONS,
  isTrainedQualification,
  labelOf,
  labourFieldsFor,
  RELATIONS_TO_HEAD,
  TECHNICAL_QUALIFICATIONS,
  UNEMPLOYMENT_DURATIONS,
  WORKPLACE_TYPES,
} from '../../../shared/domain/labour';
import type { LabourRecord } from '../../../shared/domain/types';
import { LABOUR_LABELS, LabourForm } from './LabourForm';

const yesNo = (v: boolean | undefined) => (v === undefined ? '' : v ? 'Có' : 'Không');

/** The social insurance number is searchable like the IDs. */
const extraKeys = (r: LabourRecord): readonly string[] => (r.socialInsuranceNo ? [r.socialInsuranceNo] : []);

/** The status-dependent answers of a record: those of its status, and any other that is stored. */
function statusAnswers(r: LabourRecord): (readonly [string, string])[] {
  const asked = new Set<string>(labourFieldsFor(r.economicStatus));
  const rows: [keyof LabourRecord & keyof typeof LABOUR_LABELS, string | undefined][] = [
    ['employmentPosition', r.employmentPosition === undefined ? undefined : labelOf(EMPLOYMENT_POSITIONS, r.employmentPosition)],
    ['job', r.job],
    ['hasLabourContract', r.hasLabourContract === undefined ? undefined : yesNo(r.hasLabourContract)],
    ['hasSocialInsurance', r.hasSocialInsurance === undefined ? undefined : yesNo(r.hasSocialInsurance)],
    ['workplaceName', r.workplaceName],
    ['workplaceType', r.workplaceType === undefined ? undefined : labelOf(WORKPLACE_TYPES, r.workplaceType)],
    ['workplaceAddress', r.workplaceAddress],
    ['unemploymentDuration', r.unemploymentDuration === undefined ? undefined : labelOf(UNEMPLOYMENT_DURATIONS, r.unemploymentDuration)],
    ['inactiveReason', r.inactiveReason === undefined ? undefined : labelOf(INACTIVE_REASONS, r.inactiveReason)],
  ];
  return rows.filter(([k, v]) => asked.has(k) || v !== undefined).map(([k, v]) => [LABOUR_LABELS[k], v ?? ''] as const);
}

export function LabourPage() {
  const { repos } = useServices();
  const { hamlets, officers, memberLists, categories } = useCatalogues();
  const lastHamlet = useLiveQuery(() => repos.settings.getLastHamletId(), [repos]) ?? '';
  const records = useLiveList(
    {
      feed: repos.ctx.changes,
      table: 'labour',
      load: () => repos.labour.all(),
      getMany: (ids) => repos.labour.getMany(ids),
      belongs: () => true,
    },
    'labour',
  );
  const names = useMemo(() => nameLookups(hamlets, officers), [hamlets, officers]);
  const fields = useMemo<FieldColumn<LabourRecord>[]>(() => {
    const [fullName, ...person] = personColumns<LabourRecord>(names);
    const labour: FieldColumn<LabourRecord>[] = [
      { id: 'economicStatus', header: 'Tình trạng HĐKT', size: 170, excelWidth: 22, text: (r) => labelOf(ECONOMIC_STATUSES, r.economicStatus) },
      { id: 'employmentPosition', header: 'Vị thế việc làm', size: 170, excelWidth: 22, hiddenByDefault: true, text: (r) => labelOf(EMPLOYMENT_POSITIONS, r.employmentPosition ?? '') },
      { id: 'job', header: 'Công việc cụ thể', size: 170, excelWidth: 22, hiddenByDefault: true, text: (r) => r.job ?? '' },
      { id: 'workplaceName', header: 'Nơi làm việc', size: 190, excelWidth: 26, hiddenByDefault: true, text: (r) => r.workplaceName ?? '' },
      { id: 'ethnicity', header: 'Dân tộc', size: 90, excelWidth: 11, hiddenByDefault: true, text: (r) => labelOf(ETHNICITIES, r.ethnicity) },
      { id: 'technicalQualification', header: 'Trình độ CMKT', size: 170, excelWidth: 22, hiddenByDefault: true, text: (r) => labelOf(TECHNICAL_QUALIFICATIONS, r.technicalQualification) },
    ];
    return [fullName!, ...person, ...labour, ...progressColumns<LabourRecord>(names)];
  }, [names]);

  return (
    <ProgressListPage<LabourRecord>
      title="Thông tin người lao động"
      entity="labour"
      storageKey="labour.columns"
      targetScope="labour"
      records={records}
      fields={fields}
      extraKeys={extraKeys}
      actions={repos.labour}
      importHref="/nhap-excel/labour"
      newLabel="+ Nhập phiếu lao động (F2)"
      emptyHint={
        <>
          Danh sách còn trống. Bấm <strong>+ Nhập phiếu lao động (F2)</strong> để bắt đầu; có thể quét mã QR trên thẻ CCCD để điền nhanh.
          Phiếu chỉ dành cho người từ đủ 15 tuổi trở lên.
        </>
      }
      renderForm={(p) => (
        <LabourForm hamlets={hamlets} lists={memberLists ?? []} categories={categories} initialHamletId={lastHamlet} {...p} />
      )}
      renderDetail={({ record, onStatus, ...p }) => (
        <RecordDetail
          title={`Hồ sơ: ${record.fullName}`}
          entity="labour"
          record={record}
          fieldLabels={LABOUR_LABELS}
          showValue={showLabourValue}
          officers={officers}
          steps={progressHistory(record.statusLog)}
          fields={[
            ...personDetailFields(record, names),
            [LABOUR_LABELS.socialInsuranceNo, record.socialInsuranceNo],
            [LABOUR_LABELS.permanentAddress, record.permanentAddress],
            [LABOUR_LABELS.currentAddress, record.currentAddress],
            [LABOUR_LABELS.ethnicity, labelOf(ETHNICITIES, record.ethnicity)],
            [LABOUR_LABELS.relationToHead, labelOf(RELATIONS_TO_HEAD, record.relationToHead)],
            [LABOUR_LABELS.generalEducation, labelOf(GENERAL_EDUCATION_LEVELS, record.generalEducation)],
            [LABOUR_LABELS.technicalQualification, labelOf(TECHNICAL_QUALIFICATIONS, record.technicalQualification)],
            ...(isTrainedQualification(record.technicalQualification) || record.fieldOfTraining
              ? [[LABOUR_LABELS.fieldOfTraining, record.fieldOfTraining] as const]
              : []),
            [LABOUR_LABELS.economicStatus, labelOf(ECONOMIC_STATUSES, record.economicStatus)],
            ...statusAnswers(record),
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

/** Closed-list answers by their label, yes/no in words, in the edit history. */
const CHOICE_LISTS: Readonly<Record<string, readonly { key: string; label: string }[]>> = {
  economicStatus: ECONOMIC_STATUSES,
  employmentPosition: EMPLOYMENT_POSITIONS,
  ethnicity: ETHNICITIES,
  generalEducation: GENERAL_EDUCATION_LEVELS,
  technicalQualification: TECHNICAL_QUALIFICATIONS,
  workplaceType: WORKPLACE_TYPES,
  unemploymentDuration: UNEMPLOYMENT_DURATIONS,
  inactiveReason: INACTIVE_REASONS,
  relationToHead: RELATIONS_TO_HEAD,
};

function showLabourValue(field: string, value: unknown): string | undefined {
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  const list = CHOICE_LISTS[field];
  return list && typeof value === 'string' ? labelOf(list, value) : undefined;
}
