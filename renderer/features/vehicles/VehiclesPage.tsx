/** Road vehicles: the declarations (tờ khai) with their vehicles, on the shared list page. */
import { useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useServices } from '../../context/services';
import { useLiveList } from '../../lib/use-live-list';
import { useCatalogues } from '../../lib/use-catalogues';
import { ProgressListPage } from '../../components/records/ProgressListPage';
import { RecordDetail, progressHistory } from '../../components/records/RecordDetail';
import { SummaryCard } from '../../components/records/SummaryCard';
import { nameLookups, personColumns, personDetailFields, progressColumns, type FieldColumn } from '../../components/records/columns';
import { formatCount } from '../../../shared/format/numbers';
import { PROGRESS_STATUS_LABELS } from '../../../shared/domain/progress';
import { VEHICLE_KIND_LABELS } from '../../../shared/domain/catalogues';
import type { Vehicle, VehicleDeclaration } from '../../../shared/domain/types';
import { DeclarationForm } from './DeclarationForm';
import '../../styles/vehicles.css';

/** A plate, frame or engine fragment finds the declaration holding it. */
const vehicleKeys = (d: VehicleDeclaration) => [...d.plateKeys, ...d.frameKeys, ...d.engineKeys];

const platesOf = (d: VehicleDeclaration) =>
  d.vehicles
    .map((v) => v.plate)
    .filter(Boolean)
    .join(', ');

/** "Mô tô, xe gắn máy (2); Ô tô (1)" */
function kindsSummary(vehicles: readonly Pick<Vehicle, 'kind'>[]): string {
  const counts = new Map<string, number>();
  for (const v of vehicles) counts.set(v.kind, (counts.get(v.kind) ?? 0) + 1);
  return [...counts]
    .map(([kind, n]) => `${VEHICLE_KIND_LABELS[kind as Vehicle['kind']] ?? kind} (${formatCount(n)})`)
    .join('; ');
}

const vehicleCount = (rows: readonly VehicleDeclaration[]) => rows.reduce((n, d) => n + d.vehicles.length, 0);

export function VehiclesPage() {
  const { repos } = useServices();
  const { hamlets, officers, memberLists, categories } = useCatalogues();
  const lastHamlet = useLiveQuery(() => repos.settings.getLastHamletId(), [repos]) ?? '';
  const records = useLiveList(
    {
      feed: repos.ctx.changes,
      table: 'declarations',
      load: () => repos.declarations.all(),
      getMany: (ids) => repos.declarations.getMany(ids),
      belongs: () => true,
    },
    'declarations',
  );
  const names = useMemo(() => nameLookups(hamlets, officers), [hamlets, officers]);
  const fields = useMemo<FieldColumn<VehicleDeclaration>[]>(
    () => [
      ...personColumns<VehicleDeclaration>(names, { fullName: 'Chủ phương tiện' }),
      { id: 'vehicleCount', header: 'Số phương tiện', size: 125, excelWidth: 12, text: (d) => String(d.vehicles.length), sortValue: (d) => d.vehicles.length },
      { id: 'plates', header: 'Biển số', size: 220, excelWidth: 30, text: platesOf, sortValue: (d) => d.plateKeys[0] ?? '' },
      { id: 'kinds', header: 'Loại phương tiện', size: 220, excelWidth: 30, hiddenByDefault: true, text: (d) => kindsSummary(d.vehicles) },
      ...progressColumns<VehicleDeclaration>(names),
    ],
    [names],
  );

  return (
    <ProgressListPage<VehicleDeclaration>
      title="Phương tiện giao thông"
      entity="declarations"
      storageKey="vehicles.columns"
      targetScope="vehicles:declarations"
      records={records}
      fields={fields}
      extraKeys={vehicleKeys}
      actions={repos.declarations}
      importHref="/nhap-excel/vehicles"
      newLabel="+ Nhập tờ khai (F2)"
      searchPlaceholder="Tìm theo tên chủ xe, số định danh, biển số, số khung, số máy… (Ctrl+F)"
      emptyHint={
        <>
          Chưa có tờ khai nào. Bấm <strong>+ Nhập tờ khai (F2)</strong> để nhập chủ phương tiện và các xe của họ; có thể quét mã QR trên thẻ CCCD
          để điền nhanh.
        </>
      }
      extraCards={(filtered) => (
        <SummaryCard label="Phương tiện" value={formatCount(vehicleCount(filtered))} hint={`trong ${formatCount(filtered.length)} tờ khai`} />
      )}
      renderForm={(p) => (
        <DeclarationForm hamlets={hamlets} lists={memberLists ?? []} categories={categories} initialHamletId={lastHamlet} {...p} />
      )}
      renderDetail={({ record, onStatus, ...p }) => (
        <RecordDetail
          title={`Tờ khai phương tiện: ${record.fullName}`}
          entity="declarations"
          record={record}
          officers={officers}
          steps={progressHistory(record.statusLog)}
          fields={[
            ...personDetailFields(record, names, 'Chủ phương tiện'),
            ['Ghi chú', record.note],
            ['Trạng thái', PROGRESS_STATUS_LABELS[record.status]],
          ]}
          extra={<VehicleTable vehicles={record.vehicles} />}
          onStep={onStatus}
          {...p}
        />
      )}
    />
  );
}

function VehicleTable({ vehicles }: { vehicles: readonly Vehicle[] }) {
  return (
    <section className="vehicle-details" aria-label="Phương tiện">
      <h3>Phương tiện ({formatCount(vehicles.length)})</h3>
      <div className="vehicle-table-wrap">
        <table className="plain-table vehicle-table">
          <thead>
            <tr>
              <th scope="col">Stt</th>
              <th scope="col">Loại</th>
              <th scope="col">Biển số</th>
              <th scope="col">Nhãn hiệu</th>
              <th scope="col">Số loại</th>
              <th scope="col">Màu sơn</th>
              <th scope="col">Số khung</th>
              <th scope="col">Số máy</th>
            </tr>
          </thead>
          <tbody>
            {vehicles.map((v, i) => (
              <tr key={v.id}>
                <td>{i + 1}</td>
                <td>{VEHICLE_KIND_LABELS[v.kind]}</td>
                <td className="plate">{v.plate || <span className="muted">—</span>}</td>
                <td>{v.brand}</td>
                <td>{v.model}</td>
                <td>{v.colour}</td>
                <td className="code">{v.frameNo}</td>
                <td className="code">{v.engineNo}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
