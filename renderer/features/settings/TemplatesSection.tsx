/**
 * The superior unit's own Excel forms (mẫu báo cáo cấp trên): load one once,
 * keep several under a name, check one against this period's figures, and —
 * so the officer can write a template without help — every key the app can
 * fill, with its current value, and the lists a `{{#rows}}` table can repeat.
 */
import { useId, useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Button } from '../../components/ui/Button';
import { Card } from '../../components/ui/Card';
import { Dialog } from '../../components/ui/Dialog';
import { Field } from '../../components/ui/Field';
import { useToast } from '../../components/ui/Toast';
import { useServices } from '../../context/services';
import { useSession } from '../../context/session';
import { useCatalogues } from '../../lib/use-catalogues';
import { useReport, useReportPeriods } from '../../lib/use-report';
import { inspectTemplate } from '../../excel/template-fill';
import { checkXlsxBytes } from '../../db/repositories/template-repo';
import type { RowSet } from '../../db/repositories/report-rows';
import type { ReportTemplate } from '../../../shared/domain/types';
import type { ReportKey } from '../../../shared/report/values';
import type { CellKind } from '../../../shared/report/detail';
import type { TemplateAnalysis } from '../../../shared/report/template';
import { formatCount, formatRate } from '../../../shared/format/numbers';
import { formatDay, isoDay } from '../../../shared/dates/partial-date';
import { periodMonthLabel, type Period } from '../../../shared/settings/period';
import { searchKey } from '../../../shared/text/normalize';
import '../../styles/templates.css';

const KIND_LABELS: Readonly<Record<CellKind, string>> = {
  text: 'chữ',
  id: 'mã số, giữ nguyên dạng chữ',
  date: 'ngày (dd/mm/yyyy)',
  birth: 'ngày sinh: ngày đủ hoặc chữ như "1950"',
  count: 'số',
};

function valueText(k: Pick<ReportKey, 'kind' | 'value'>): string {
  if (k.value === null) return 'chưa có số liệu';
  if (typeof k.value === 'string') return k.value || '(trống)';
  return k.kind === 'rate' ? formatRate(k.value) : formatCount(k.value);
}

function addedText(at: string): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${formatDay(isoDay(d))} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const withoutExtension = (fileName: string) => fileName.replace(/\.xlsx$/i, '');

/** What the template check needs: this period's keys and the lists' columns. */
type Catalogue = { keys: readonly ReportKey[]; rowSets: readonly RowSet[] };

type Check = { template: ReportTemplate } & ({ state: 'running' } | { state: 'done'; analysis: TemplateAnalysis } | { state: 'failed'; message: string });

async function runCheck(data: Uint8Array, catalogue: Catalogue) {
  return inspectTemplate(data, new Set(catalogue.keys.map((k) => k.key)), catalogue.rowSets);
}

const summary = (a: TemplateAnalysis) =>
  a.problems.length > 0
    ? `Mẫu có ${a.problems.length} chỗ cần sửa.`
    : `Mẫu hợp lệ: ${a.valueCells.length} ô số liệu, ${a.tables.length} bảng danh sách.`;

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const toast = useToast();
  return (
    <Button
      variant="ghost"
      className="copy-key"
      aria-label={label}
      title={label}
      onClick={() =>
        void copyText(text).then((copied) =>
          copied ? toast.show(`Đã chép ${text}`) : toast.show('Không chép được — bôi đen mã rồi bấm Ctrl+C.', { tone: 'error' }),
        )
      }
    >
      Chép
    </Button>
  );
}

export function TemplatesSection() {
  const { repos } = useServices();
  const templates = useLiveQuery(() => repos.templates.list(), [repos]);
  const { officers, memberLists, categories } = useCatalogues();
  const { periods } = useReportPeriods();
  const period = periods[0];
  const report = useReport(period);
  const rowSets = useMemo(() => (memberLists ? repos.reportRows.rowSets(memberLists, categories) : undefined), [repos, memberLists, categories]);
  const catalogue: Catalogue | undefined = report && rowSets ? { keys: report.keys, rowSets } : undefined;
  const [adding, setAdding] = useState(false);
  const [renaming, setRenaming] = useState<ReportTemplate>();
  const [removing, setRemoving] = useState<ReportTemplate>();
  const [check, setCheck] = useState<Check>();
  const officerName = (id: string) => officers.find((o) => o.id === id)?.fullName ?? '—';

  const startCheck = async (template: ReportTemplate) => {
    if (!catalogue) return;
    setCheck({ template, state: 'running' });
    // read the file outside the live list: a live query hands out cached copies of its rows
    const stored = await repos.templates.get(template.id);
    if (!stored) {
      setCheck({ template, state: 'failed', message: 'Mẫu này không còn — có thể đã bị xóa.' });
      return;
    }
    const result = await runCheck(stored.data, catalogue);
    setCheck(result.ok ? { template, state: 'done', analysis: result.value } : { template, state: 'failed', message: result.message });
  };

  return (
    <>
      <Card
        title="Mẫu báo cáo cấp trên"
        actions={
          <Button variant="primary" onClick={() => setAdding(true)}>
            + Thêm mẫu
          </Button>
        }
      >
        <p className="muted">
          Mẫu Excel (.xlsx) do cấp trên gửi. Ghi mã số liệu vào ô cần điền, ví dụ <code>{'{{labour.approved}}'}</code>; dòng bảng danh sách bắt đầu
          bằng <code>{'{{#rows members.elderly}}'}</code> ở ô đầu tiên. Khi điền, ứng dụng giữ nguyên định dạng, ô gộp, độ rộng cột và khổ giấy của mẫu.
        </p>
        {templates === undefined ? null : templates.length === 0 ? (
          <p className="muted">Chưa có mẫu nào.</p>
        ) : (
          <table className="plain-table" aria-label="Các mẫu đã nạp">
            <thead>
              <tr>
                <th>Tên mẫu</th>
                <th>Tệp</th>
                <th>Ngày thêm</th>
                <th>Người thêm</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {templates.map((t) => (
                <tr key={t.id}>
                  <td>{t.name}</td>
                  <td>{t.fileName}</td>
                  <td>{addedText(t.addedAt)}</td>
                  <td>{officerName(t.addedBy)}</td>
                  <td className="row-actions">
                    <Button variant="ghost" disabled={!catalogue} onClick={() => void startCheck(t)} aria-label={`Kiểm tra mẫu ${t.name}`}>
                      Kiểm tra mẫu
                    </Button>
                    <Button variant="ghost" onClick={() => setRenaming(t)} aria-label={`Đổi tên mẫu ${t.name}`}>
                      Đổi tên
                    </Button>
                    <Button variant="ghost" onClick={() => setRemoving(t)} aria-label={`Xóa mẫu ${t.name}`}>
                      Xóa
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {check && catalogue ? <CheckResult check={check} keys={catalogue.keys} onClose={() => setCheck(undefined)} /> : null}
      </Card>
      {period ? <KeyCatalogue keys={report?.keys} rowSets={rowSets} period={period} /> : null}
      {adding ? <AddTemplateDialog catalogue={catalogue} onClose={() => setAdding(false)} /> : null}
      {renaming ? <RenameDialog template={renaming} onClose={() => setRenaming(undefined)} /> : null}
      {removing ? (
        <RemoveDialog
          template={removing}
          onClose={() => {
            if (check?.template.id === removing.id) setCheck(undefined);
            setRemoving(undefined);
          }}
        />
      ) : null}
    </>
  );
}

function CheckResult({ check, keys, onClose }: { check: Check; keys: readonly ReportKey[]; onClose: () => void }) {
  const byKey = useMemo(() => new Map(keys.map((k) => [k.key, k])), [keys]);
  return (
    <section className="template-check" aria-label={`Kết quả kiểm tra mẫu ${check.template.name}`} aria-live="polite">
      <div className="template-check-header">
        <h3>Kiểm tra mẫu "{check.template.name}"</h3>
        <Button variant="ghost" onClick={onClose}>
          Đóng
        </Button>
      </div>
      {check.state === 'running' ? <p className="muted">Đang kiểm tra…</p> : null}
      {check.state === 'failed' ? (
        <p className="field-error-text" role="alert">
          {check.message}
        </p>
      ) : null}
      {check.state === 'done' ? (
        <>
          <p className={check.analysis.problems.length ? 'field-error-text' : 'template-ok'} role={check.analysis.problems.length ? 'alert' : 'status'}>
            {summary(check.analysis)}
          </p>
          {check.analysis.problems.length > 0 ? (
            <table className="plain-table" aria-label="Chỗ cần sửa trong mẫu">
              <thead>
                <tr>
                  <th>Ô</th>
                  <th>Ghi trong mẫu</th>
                  <th>Cần sửa</th>
                </tr>
              </thead>
              <tbody>
                {check.analysis.problems.map((p, i) => (
                  <tr key={i}>
                    <td className="nowrap">{p.address}</td>
                    <td>
                      <code>{p.key}</code>
                    </td>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {check.analysis.valueCells.length > 0 ? (
            <table className="plain-table" aria-label="Ô số liệu trong mẫu">
              <thead>
                <tr>
                  <th>Ô</th>
                  <th>Mã số liệu</th>
                  <th>Giá trị kỳ hiện tại</th>
                </tr>
              </thead>
              <tbody>
                {check.analysis.valueCells.flatMap((c) =>
                  c.keys.map((k, i) => {
                    const found = byKey.get(k);
                    return (
                      <tr key={`${c.address}|${i}`}>
                        <td className="nowrap">{c.address}</td>
                        <td>
                          <code>{k}</code> <span className="muted">{found ? `${found.group} — ${found.label}` : ''}</span>
                        </td>
                        <td>{found ? valueText(found) : ''}</td>
                      </tr>
                    );
                  }),
                )}
              </tbody>
            </table>
          ) : null}
          {check.analysis.tables.length > 0 ? (
            <table className="plain-table" aria-label="Bảng danh sách trong mẫu">
              <thead>
                <tr>
                  <th>Ô</th>
                  <th>Bảng danh sách</th>
                </tr>
              </thead>
              <tbody>
                {check.analysis.tables.map((t) => (
                  <tr key={t.address}>
                    <td className="nowrap">{t.address}</td>
                    <td>
                      <code>{`{{#rows ${t.set}}}`}</code> — mỗi hồ sơ một dòng
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function KeyCatalogue({ keys, rowSets, period }: { keys: readonly ReportKey[] | undefined; rowSets: readonly RowSet[] | undefined; period: Period }) {
  const [query, setQuery] = useState('');
  const words = searchKey(query);
  const matches = (...texts: string[]) => words === '' || searchKey(texts.join(' ')).includes(words);
  const groups = useMemo(() => {
    const map = new Map<string, ReportKey[]>();
    for (const k of keys ?? []) {
      const list = map.get(k.group);
      if (list) list.push(k);
      else map.set(k.group, [k]);
    }
    return [...map];
  }, [keys]);

  const shownGroups = groups
    .map(([group, list]) => [group, matches(group) ? list : list.filter((k) => matches(k.key, k.label))] as const)
    .filter(([, list]) => list.length > 0);
  const shownSets = (rowSets ?? []).filter((s) => matches(s.key, s.label, ...s.columns.map((c) => `${c.key} ${c.header}`)));

  return (
    <Card title="Danh sách mã số liệu">
      <p className="muted">
        Chép mã vào ô của mẫu. Ô chỉ có một mã số liệu sẽ nhận con số (giữ định dạng số, phần trăm của mẫu — tỷ lệ là phân số như 0,9064); mã nằm giữa chữ được
        viết theo kiểu Việt Nam (22.966; 90,64%). Giá trị dưới đây là của kỳ {periodMonthLabel(period)} ({formatDay(period.from)} – {formatDay(period.to)}).
      </p>
      <div className="toolbar">
        <input
          type="search"
          className="search-input"
          aria-label="Tìm mã số liệu"
          placeholder="Tìm theo mã hoặc nội dung, ví dụ: người cao tuổi, tỷ lệ"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      {keys === undefined ? <p className="muted">Đang tính số liệu…</p> : null}
      {keys && shownGroups.length === 0 && shownSets.length === 0 ? <p className="muted">Không có mã nào khớp "{query}".</p> : null}
      {shownGroups.map(([group, list]) => (
        <section key={group} className="key-group" aria-label={group}>
          <h3>{group}</h3>
          <table className="plain-table key-table">
            <thead>
              <tr>
                <th>Mã</th>
                <th>Nội dung</th>
                <th>Giá trị hiện tại</th>
              </tr>
            </thead>
            <tbody>
              {list.map((k) => (
                <tr key={k.key}>
                  <td className="nowrap">
                    <code>{`{{${k.key}}}`}</code> <CopyButton text={`{{${k.key}}}`} label={`Chép mã ${k.key}`} />
                  </td>
                  <td>{k.label}</td>
                  <td className={k.value === null ? 'muted' : undefined}>{valueText(k)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      {shownSets.length > 0 ? (
        <>
          <h3 className="key-sets-title">Bảng danh sách (mỗi hồ sơ một dòng)</h3>
          <p className="muted">
            Ô đầu tiên của dòng bảng bắt đầu bằng mã bảng; các ô của dòng dùng <code>{'{{item.…}}'}</code>. Dòng được lặp lại cho từng hồ sơ, phần bên dưới
            tự lùi xuống. Danh sách không có hồ sơ nào thì để lại một dòng trống.
          </p>
        </>
      ) : null}
      {shownSets.map((s) => (
        <section key={s.key} className="key-group" aria-label={`Bảng ${s.label}`}>
          <h4>
            {s.label}: <code>{`{{#rows ${s.key}}}`}</code> <CopyButton text={`{{#rows ${s.key}}}`} label={`Chép mã bảng ${s.key}`} />
          </h4>
          <table className="plain-table key-table">
            <thead>
              <tr>
                <th>Mã cột</th>
                <th>Nội dung</th>
                <th>Kiểu</th>
              </tr>
            </thead>
            <tbody>
              {[{ key: 'stt', header: 'Số thứ tự (1, 2, 3…)', kind: 'count' as const }, ...s.columns].map((c) => (
                <tr key={c.key}>
                  <td className="nowrap">
                    <code>{`{{item.${c.key}}}`}</code> <CopyButton text={`{{item.${c.key}}}`} label={`Chép mã cột ${c.key} của ${s.key}`} />
                  </td>
                  <td>{c.header}</td>
                  <td className="muted">{KIND_LABELS[c.kind]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </Card>
  );
}

function AddTemplateDialog({ catalogue, onClose }: { catalogue: Catalogue | undefined; onClose: () => void }) {
  const { repos, api } = useServices();
  const { officer } = useSession();
  const toast = useToast();
  const [name, setName] = useState('');
  const [file, setFile] = useState<{ name: string; data: Uint8Array }>();
  const [fileNote, setFileNote] = useState<string>();
  const [errors, setErrors] = useState<{ name?: string; file?: string }>({});
  const [busy, setBusy] = useState(false);
  const ids = useId();

  const pick = async () => {
    const opened = await api.openFile({ filters: [{ name: 'Excel', extensions: ['xlsx'] }] });
    if (!opened.ok) {
      setErrors((e) => ({ ...e, file: opened.message }));
      return;
    }
    if (!opened.value.opened) return;
    const picked = opened.value;
    setFile(undefined);
    setFileNote(undefined);
    const bytes = checkXlsxBytes(picked.data);
    if (!bytes.ok) {
      setErrors((e) => ({ ...e, file: bytes.message }));
      return;
    }
    setBusy(true);
    try {
      const checked = catalogue
        ? await runCheck(picked.data, catalogue)
        : await inspectTemplate(picked.data, new Set(), []).then((r) => (r.ok ? { ok: true as const, value: undefined } : r));
      if (!checked.ok) {
        setErrors((e) => ({ ...e, file: checked.message }));
        return;
      }
      setErrors((e) => ({ ...e, file: undefined }));
      setFile({ name: picked.name, data: picked.data });
      if (!name.trim()) setName(withoutExtension(picked.name));
      setFileNote(
        checked.value
          ? `${summary(checked.value)}${checked.value.problems.length ? ' Vẫn lưu được; bấm "Kiểm tra mẫu" để xem từng chỗ.' : ''}`
          : undefined,
      );
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    if (!file) {
      setErrors((e) => ({ ...e, file: 'Chọn tệp mẫu .xlsx.' }));
      return;
    }
    setBusy(true);
    try {
      const result = await repos.templates.add({ name, fileName: file.name, data: file.data }, officer.id);
      if (!result.ok) {
        setErrors(result.code === 'not_xlsx' ? { file: result.message } : { name: result.message });
        return;
      }
      toast.show(`Đã thêm mẫu "${result.value.name}".`);
      onClose();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Thêm mẫu báo cáo cấp trên"
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Hủy</Button>
          <Button variant="primary" onClick={() => void save()} disabled={busy}>
            Lưu mẫu
          </Button>
        </>
      }
    >
      <form
        className="template-add"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        noValidate
      >
        <div className={`field${errors.file ? ' field-error' : ''}`}>
          <span className="field-label" id={`${ids}-label`}>
            Tệp mẫu (.xlsx)
          </span>
          <div className="template-file">
            <Button onClick={() => void pick()} disabled={busy} aria-describedby={`${ids}-label ${ids}-msg`} aria-invalid={Boolean(errors.file)}>
              {file ? 'Chọn tệp khác…' : 'Chọn tệp…'}
            </Button>
            <span>{busy ? 'Đang đọc tệp…' : (file?.name ?? '')}</span>
          </div>
          <div id={`${ids}-msg`} className="field-message" role={errors.file ? 'alert' : undefined}>
            {errors.file ?? fileNote ?? (file ? '' : 'Tệp Excel cấp trên gửi, đã ghi các mã số liệu.')}
          </div>
        </div>
        <Field label="Tên mẫu" required error={errors.name}>
          {(props) => (
            <input
              {...props}
              value={name}
              placeholder="Ví dụ: Mẫu PC06 hằng tháng"
              onChange={(e) => {
                setName(e.target.value);
                setErrors((x) => ({ ...x, name: undefined }));
              }}
            />
          )}
        </Field>
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}

function RenameDialog({ template, onClose }: { template: ReportTemplate; onClose: () => void }) {
  const { repos } = useServices();
  const { officer } = useSession();
  const toast = useToast();
  const [name, setName] = useState(template.name);
  const [error, setError] = useState<string>();
  const save = async () => {
    const result = await repos.templates.rename(template.id, name, officer.id);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    toast.show(`Đã đổi tên mẫu thành "${result.value.name}".`);
    onClose();
  };
  return (
    <Dialog
      title={`Đổi tên mẫu — ${template.name}`}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Hủy</Button>
          <Button variant="primary" onClick={() => void save()}>
            Lưu
          </Button>
        </>
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        noValidate
      >
        <Field label="Tên mẫu mới" required error={error}>
          {(props) => <input {...props} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}

function RemoveDialog({ template, onClose }: { template: ReportTemplate; onClose: () => void }) {
  const { repos } = useServices();
  const { officer } = useSession();
  const toast = useToast();
  const remove = async () => {
    const result = await repos.templates.remove(template.id, officer.id);
    toast.show(result.ok ? `Đã xóa mẫu "${template.name}".` : result.message, { tone: result.ok ? 'ok' : 'error' });
    onClose();
  };
  return (
    <Dialog
      title="Xóa mẫu báo cáo cấp trên"
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Hủy</Button>
          <Button variant="danger" onClick={() => void remove()}>
            Xóa mẫu
          </Button>
        </>
      }
    >
      <p>
        Xóa mẫu "{template.name}" (tệp {template.fileName})? Các tệp đã điền và bàn giao trước đây không bị ảnh hưởng; muốn dùng lại thì nạp lại tệp mẫu.
      </p>
    </Dialog>
  );
}
