/**
 * Nhập từ Excel: pick a file (dialog or drag-and-drop) and where it goes, confirm the
 * columns, look at every row classified, import in one transaction with progress and
 * cancel, then get the summary and the rows to send back. The heavy reading runs in a
 * Web Worker (engine.ts); the database work goes through the import repository.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'wouter';
import { useServices } from '../../context/services';
import { useSession } from '../../context/session';
import { useCatalogues } from '../../lib/use-catalogues';
import { useToast } from '../../components/ui/Toast';
import { Button } from '../../components/ui/Button';
import { fileSafe } from '../../components/records/list-tools';
import { formatCount } from '../../../shared/format/numbers';
import { formatDay, isoDay } from '../../../shared/dates/partial-date';
import { proposeMapping, type ColumnMapping } from '../../../shared/import/columns';
import type { ImportField } from '../../../shared/import/fields';
import type { TextEncoding } from '../../../shared/import/legacy-encoding';
import type { Review, UpdateChoice } from '../../../shared/import/plan';
import type { ImportLog } from '../../../shared/domain/types';
import type { ImportOutcome, ImportProgress, ReviewedImport } from '../../db/repositories/import-repo';
import { createImportEngine, type ImportEngine } from './engine';
import type { ImportFile, ReadOutcome, ReadRequest, ReturnedRow, SheetOverview } from './import-core';
import type { ImportTarget } from '../../../shared/import/rows';
import { MappingStep } from './MappingStep';
import { PreviewStep, rowNumbersOf } from './PreviewStep';
import { targetLabel, targetOf, targetOptions } from './targets';
import '../../styles/import.css';

const STEP_ORDER = ['choose', 'mapping', 'preview', 'done'] as const;
const FILE_FILTERS = [{ name: 'Tệp Excel hoặc CSV', extensions: ['xlsx', 'csv'] }];

type Loaded = { file: string; sheets: SheetOverview[] };
type Mapping = { chosen: number[]; columns: readonly ColumnMapping[]; remembered: boolean; signature: string };
type Previewed = { read: ReadOutcome; review: ReviewedImport };
type Running = { progress: ImportProgress; started: number; at: number; abort: AbortController };

export function ImportPage({ initialTarget = '', engineFactory = createImportEngine }: { initialTarget?: string; engineFactory?: () => ImportEngine }) {
  const { repos, api, clock } = useServices();
  const { officer } = useSession();
  const toast = useToast();
  const { memberLists, categories, hamlets } = useCatalogues();
  const options = useMemo(() => targetOptions(memberLists ?? [], categories), [memberLists, categories]);
  const [targetValue, setTargetValue] = useState(initialTarget);
  const today = isoDay(clock());
  const target = targetOf(targetValue, memberLists ?? [], categories, today);
  const history = useLiveQuery(() => repos.imports.history(10), [repos]);

  const engine = useRef<ImportEngine | undefined>(undefined);
  useEffect(
    () => () => {
      engine.current?.dispose();
      engine.current = undefined;
    },
    [],
  );
  const freshEngine = useCallback(() => {
    engine.current?.dispose();
    engine.current = engineFactory();
    return engine.current;
  }, [engineFactory]);

  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const [loaded, setLoaded] = useState<Loaded>();
  const [mapping, setMapping] = useState<Mapping>();
  const [kept, setKept] = useState<Map<number, [number, TextEncoding][]>>(new Map());
  const [preview, setPreview] = useState<Previewed>();
  const [updates, setUpdates] = useState<UpdateChoice>('update');
  const [running, setRunning] = useState<Running>();
  const [outcome, setOutcome] = useState<ImportOutcome>();
  const [dragging, setDragging] = useState(false);
  /** The last review, kept after the import so the returned rows can still be downloaded. */
  const [lastReview, setLastReview] = useState<Review>();
  /** the rows read ahead with the proposed columns, while the officer checks them */
  const ahead = useRef<{ key: string; read: Promise<ReadOutcome> | undefined }>(undefined);

  const reset = () => {
    setLoaded(undefined);
    setMapping(undefined);
    setPreview(undefined);
    setOutcome(undefined);
    setKept(new Map());
    setLastReview(undefined);
    setError(undefined);
  };

  /** The proposed (or remembered) mapping for a sheet of the loaded file. */
  const mappingFor = useCallback(
    async (sheet: SheetOverview, chosen: number[]): Promise<Mapping | undefined> => {
      if (!target || !sheet.header) return undefined;
      const saved = await repos.imports.savedMapping(target.family, sheet.signature);
      const proposal = proposeMapping(sheet.header.columns, target.family, saved);
      return { chosen, columns: proposal.columns, remembered: proposal.source === 'remembered', signature: proposal.signature };
    },
    [repos, target],
  );

  const needsTarget = (): boolean => {
    if (target) return false;
    setError('Chọn nơi nhập (danh sách hội, người lao động, phương tiện hoặc loại DC01) trước khi chọn tệp.');
    return true;
  };

  const open = async (file: ImportFile) => {
    if (needsTarget()) return;
    reset();
    setBusy(`Đang đọc tệp “${file.name}”…`);
    try {
      const read = await freshEngine().load(file);
      performance.mark('import:analysed');
      if (!read.ok) {
        setError(read.message);
        return;
      }
      const sheets = read.value;
      const first = sheets.find((s) => s.header !== undefined && !s.hidden) ?? sheets.find((s) => s.header !== undefined) ?? sheets[0];
      setLoaded({ file: file.name, sheets });
      if (first) {
        const proposed = (await mappingFor(first, [first.index])) ?? { chosen: [first.index], columns: [], remembered: false, signature: '' };
        setMapping(proposed);
        // Read the rows with the proposed columns while the officer checks them: when they are
        // confirmed unchanged, the preview is ready at once.
        if (target && first.header) {
          const request = readRequest(proposed);
          ahead.current = { key: readKey(proposed), read: engine.current?.read(request) };
          ahead.current.read?.catch(() => undefined);
        }
      }
    } catch (e) {
      setError(`Không đọc được tệp: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(undefined);
    }
  };

  const pick = async () => {
    if (needsTarget()) return;
    performance.mark('import:pick');
    const info = await api.getAppInfo();
    if (info.ok && info.value.shell === 'desktop') {
      // the desktop build streams the file in the main process: a big list never sits whole in memory
      setBusy('Đang mở tệp…');
      const opened = await api.openSheets({ filters: FILE_FILTERS });
      performance.mark('import:file-read');
      setBusy(undefined);
      if (!opened.ok) setError(opened.message);
      else if (opened.value.opened && 'error' in opened.value) {
        reset();
        setError(opened.value.error.message);
      } else if (opened.value.opened) await open({ name: opened.value.name, sheets: opened.value.sheets });
      return;
    }
    const opened = await api.openFile({ filters: FILE_FILTERS });
    if (!opened.ok) setError(opened.message);
    else if (opened.value.opened) await open({ name: opened.value.name, bytes: opened.value.data });
  };

  const drop = async (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (!file) return;
    await open({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
  };

  const chooseSheets = async (chosen: readonly number[]) => {
    const sheet = loaded?.sheets[chosen[0] ?? -1];
    if (!sheet) return;
    const next = await mappingFor(sheet, [...chosen]);
    if (next) setMapping(next);
  };

  const keepLegacy = async (sheetIndex: number, column: number, keep: boolean) => {
    if (!engine.current || !loaded) return;
    const choices = (kept.get(sheetIndex) ?? []).filter(([c]) => c !== column);
    if (keep) choices.push([column, 'unicode']);
    const overview = await engine.current.reanalyse(sheetIndex, choices);
    setKept(new Map(kept).set(sheetIndex, choices));
    const sheets = loaded.sheets.map((s) => (s.index === sheetIndex ? overview : s));
    setLoaded({ ...loaded, sheets });
    const next = await mappingFor(overview, mapping?.chosen ?? [sheetIndex]);
    if (next && mapping && next.signature === mapping.signature) setMapping({ ...mapping });
    else if (next) setMapping(next);
  };

  const changeColumn = (index: number, field: ImportField | null) => {
    if (!mapping) return;
    setMapping({ ...mapping, remembered: false, columns: mapping.columns.map((c) => (c.index === index ? { ...c, field, confidence: 1 } : c)) });
  };

  const readRequest = (m: Mapping): ReadRequest => ({ sheets: m.chosen, mapping: m.columns, target: target as ImportTarget, ctx: { today, hamlets: hamlets.map((h) => ({ id: h.id, name: h.name })) } });
  const readKey = (m: Mapping): string => JSON.stringify([m.chosen, m.columns.map((c) => c.field), targetValue]);

  const runPreview = async () => {
    if (!engine.current || !mapping || !target) return;
    setBusy('Đang đọc và kiểm tra từng dòng…');
    setError(undefined);
    try {
      await repos.imports.rememberMapping(target.family, { signature: mapping.signature, columns: mapping.columns });
      const early = ahead.current?.key === readKey(mapping) ? ahead.current.read : undefined;
      ahead.current = undefined;
      const read = await (early ?? engine.current.read(readRequest(mapping)));
      performance.mark('import:rows-read');
      const review = await repos.imports.review(target, read.items);
      performance.mark('import:reviewed');
      setPreview({ read, review });
      setLastReview(review);
    } catch (e) {
      setError(`Không đọc được các dòng: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(undefined);
    }
  };

  const runImport = async () => {
    if (!preview || !loaded || !target) return;
    const abort = new AbortController();
    const started = performance.now();
    setRunning({ progress: { done: 0, total: 0 }, started, at: started, abort });
    setError(undefined);
    try {
      const result = await repos.imports.commit(
        { target, file: loaded.file, scopeLabel: targetLabel(targetValue, options), items: preview.read.items, updates, reviewed: preview.review },
        officer.id,
        { signal: abort.signal, onProgress: (progress) => setRunning((r) => (r ? { ...r, progress, at: performance.now() } : r)) },
      );
      if (!result.ok) {
        if (result.code === 'changed') setPreview(undefined);
        if (result.code === 'cancelled') toast.show(result.message);
        else setError(result.message);
        return;
      }
      setOutcome(result.value);
      setPreview(undefined);
      setMapping(undefined);
    } catch (e) {
      setError(`Không nhập được: ${e instanceof Error ? e.message : String(e)}. Dữ liệu trong máy giữ nguyên như trước khi nhập.`);
    } finally {
      setRunning(undefined);
    }
  };

  const returnedRows = (review: Review): ReturnedRow[] =>
    review.rows.flatMap((row): ReturnedRow[] => {
      if (row.kind === 'rejected') return [{ sheet: row.sheet, rowNumbers: row.rejected.rowNumbers, reason: row.rejected.reasons.map((r) => r.replace(/^Dòng \d+: /, '')).join(' ') }];
      if (row.kind === 'duplicate') return [{ sheet: row.sheet, rowNumbers: rowNumbersOf(row), reason: row.message.replace(/^Dòng \d+: /, '') }];
      return [];
    });


  const downloadReturned = async () => {
    const review = preview?.review ?? lastReview;
    if (!engine.current || !loaded || !review) return;
    try {
      const base = loaded.file.replace(/\.(xlsx|csv)$/i, '');
      const data = await engine.current.returnedWorkbook(`CÁC DÒNG KHÔNG NHẬP ĐƯỢC — TỆP “${loaded.file}”`, returnedRows(review));
      const saved = await api.saveFile({ suggestedName: `${fileSafe(base)} - dong khong nhap duoc.xlsx`, filters: [{ name: "Tệp Excel", extensions: ["xlsx"] }], data: new Uint8Array(data) });
      if (!saved.ok) toast.show(`Không lưu được tệp: ${saved.message}`, { tone: 'error' });
      else if (saved.value.saved) toast.show(`Đã lưu ${saved.value.path}.`);
    } catch (e) {
      toast.show(`Không tạo được tệp: ${e instanceof Error ? e.message : String(e)}`, { tone: 'error' });
    }
  };

  const step = outcome ? 'done' : preview ? 'preview' : loaded ? 'mapping' : 'choose';
  const targetOption = options.find((o) => o.value === targetValue);

  return (
    <div className="page import-page">
      <div className="page-header">
        <h1>Nhập danh sách từ Excel</h1>
      </div>
      <ol className="steps import-steps" aria-label="Các bước">
        {['Chọn tệp', 'Kiểm tra cột', 'Xem trước', 'Kết quả'].map((label, i) => (
          <li key={label} className={STEP_ORDER[i] === step ? 'current' : STEP_ORDER.indexOf(step) > i ? 'done' : undefined} aria-current={STEP_ORDER[i] === step ? 'step' : undefined}>
            <span className="step-no">{i + 1}</span> {label}
          </li>
        ))}
      </ol>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {busy && (
        <p className="notice notice-info" role="status">
          {busy}
        </p>
      )}

      {step === 'choose' && (
        <section className="import-step" aria-labelledby="import-choose-title">
          <h2 id="import-choose-title">Bước 1. Chọn nơi nhập và tệp</h2>
          <label className="field">
            <span>Nhập vào</span>
            <select value={targetValue} onChange={(e) => setTargetValue(e.target.value)} autoFocus>
              <option value="">— Chọn danh sách —</option>
              {[...new Set(options.map((o) => o.group))].map((group) => (
                <optgroup key={group} label={group}>
                  {options
                    .filter((o) => o.group === group)
                    .map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          </label>
          <div
            className={dragging ? 'drop-zone dragging' : 'drop-zone'}
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={(e) => void drop(e)}
          >
            <p>Kéo thả tệp Excel (.xlsx) hoặc CSV vào đây, hoặc</p>
            <Button variant="primary" onClick={() => void pick()} disabled={busy !== undefined}>
              Chọn tệp…
            </Button>
            <p className="muted">Tệp .xls đời cũ: mở bằng Excel rồi Lưu thành (Save As) kiểu .xlsx trước.</p>
          </div>
          <ImportHistory history={history} />
        </section>
      )}

      {step === 'mapping' && loaded && mapping && target && (
        <MappingStep
          family={target.family}
          sheets={loaded.sheets}
          chosen={mapping.chosen}
          onChooseSheets={(s) => void chooseSheets(s)}
          columns={mapping.columns}
          remembered={mapping.remembered}
          kept={kept}
          onChangeColumn={changeColumn}
          onKeepLegacy={(s, c, keep) => void keepLegacy(s, c, keep)}
          onPreview={() => void runPreview()}
          onBack={reset}
          busy={busy !== undefined}
          fileName={loaded.file}
          targetName={targetOption?.label ?? ''}
        />
      )}

      {step === 'preview' && preview && !running && (
        <PreviewStep
          review={preview.review}
          reads={preview.read.reads}
          several={(mapping?.chosen.length ?? 1) > 1}
          updates={updates}
          onUpdates={setUpdates}
          onImport={() => void runImport()}
          onBack={() => setPreview(undefined)}
          onDownloadReturned={() => void downloadReturned()}
        />
      )}

      {running && <ImportRunning running={running} />}

      {step === 'done' && outcome && (
        <section className="import-step" aria-labelledby="import-done-title">
          <h2 id="import-done-title">Bước 4. Kết quả</h2>
          <p className="notice notice-info" role="status">
            Đã nhập xong tệp “{loaded?.file}”: <strong>{formatCount(outcome.imported)}</strong> dòng mới, cập nhật <strong>{formatCount(outcome.updated)}</strong>, bỏ qua{' '}
            <strong>{formatCount(outcome.skipped)}</strong>, từ chối <strong>{formatCount(outcome.rejected)}</strong> — cộng lại {formatCount(outcome.rows)} dòng dữ liệu.
          </p>
          <div className="form-actions">
            {outcome.rejected + outcome.skipped > 0 && lastReview && lastReview.counts.rejected + lastReview.counts.duplicate > 0 && (
              <Button onClick={() => void downloadReturned()}>Tải tệp các dòng không nhập được</Button>
            )}
            {targetOption && <TargetLink value={targetOption.value} />}
            <Button variant="primary" onClick={reset}>
              Nhập tệp khác
            </Button>
          </div>
        </section>
      )}
    </div>
  );
}

function ImportRunning({ running }: { running: Running }) {
  const { done, total } = running.progress;
  const seconds = (running.at - running.started) / 1000;
  const rate = seconds > 0.5 ? Math.round(done / seconds) : undefined;
  return (
    <section className="import-step import-running" role="status" aria-live="polite">
      <h2>Đang nhập…</h2>
      <progress max={Math.max(total, 1)} value={done} aria-label="Tiến độ nhập" />
      <p>
        {formatCount(done)} / {formatCount(total)} dòng{rate !== undefined ? ` · ${formatCount(rate)} dòng/giây` : ''}
      </p>
      <p className="muted">Nếu hủy, chưa có dòng nào được lưu: dữ liệu giữ nguyên như trước khi nhập.</p>
      <Button variant="danger" onClick={() => running.abort.abort()}>
        Hủy nhập
      </Button>
    </section>
  );
}

function TargetLink({ value }: { value: string }) {
  const href = value.startsWith('members:')
    ? `/hoi-vien/${encodeURIComponent(value.slice(8))}`
    : value === 'labour'
      ? '/lao-dong'
      : value === 'vehicles'
        ? '/phuong-tien'
        : value.length > 5
          ? `/dc01/${encodeURIComponent(value.slice(5))}`
          : '/tong-quan';
  return (
    <Link href={href} className="btn btn-secondary">
      Mở danh sách đã nhập
    </Link>
  );
}

function ImportHistory({ history }: { history: readonly ImportLog[] | undefined }) {
  if (!history || history.length === 0) return null;
  return (
    <div className="import-history">
      <h3>Các lần nhập gần đây</h3>
      <table className="plain-table">
        <thead>
          <tr>
            <th>Ngày</th>
            <th>Tệp</th>
            <th>Nhập vào</th>
            <th>Mới</th>
            <th>Cập nhật</th>
            <th>Bỏ qua</th>
            <th>Từ chối</th>
          </tr>
        </thead>
        <tbody>
          {history.map((h) => (
            <tr key={h.id}>
              <td className="nowrap">{formatDay(isoDay(new Date(h.at)))}</td>
              <td>
                {h.file} <span className="muted">({h.sheets.join(', ')})</span>
              </td>
              <td>{h.scopeLabel || FAMILY_NAMES[h.family]}</td>
              <td>{formatCount(h.imported)}</td>
              <td>{formatCount(h.updated)}</td>
              <td>{formatCount(h.skipped)}</td>
              <td>{formatCount(h.rejected)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const FAMILY_NAMES = { members: 'Hội viên', labour: 'Người lao động', vehicles: 'Phương tiện', dc01: 'DC01' } as const;
