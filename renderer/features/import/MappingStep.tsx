/**
 * Step 2 of an import: which sheet(s), how legacy-encoded columns were converted, and
 * which field each column of the file goes to — proposed from the headers (or
 * remembered from the last file with the same headers), for the officer to confirm.
 */
import { FAMILY_FIELDS, FIELD_LABELS, type ImportField } from '../../../shared/import/fields';
import { LOW_CONFIDENCE, mappingProblems, type ColumnMapping } from '../../../shared/import/columns';
import { LEGACY_ENCODING_LABELS, type TextEncoding } from '../../../shared/import/legacy-encoding';
import type { FamilyKey } from '../../../shared/domain/types';
import { formatCount } from '../../../shared/format/numbers';
import { Button } from '../../components/ui/Button';
import { columnLetter, type SheetOverview } from './import-core';

export function MappingStep({
  family,
  sheets,
  chosen,
  onChooseSheets,
  columns,
  remembered,
  onChangeColumn,
  onKeepLegacy,
  onPreview,
  onBack,
  busy,
  kept,
  fileName,
  targetName,
}: {
  family: FamilyKey;
  sheets: readonly SheetOverview[];
  chosen: readonly number[];
  onChooseSheets: (sheets: readonly number[]) => void;
  columns: readonly ColumnMapping[];
  remembered: boolean;
  onChangeColumn: (index: number, field: ImportField | null) => void;
  onKeepLegacy: (sheet: number, column: number, keep: boolean) => void;
  onPreview: () => void;
  onBack: () => void;
  busy: boolean;
  /** columns the officer chose to leave unconverted, by sheet */
  kept: ReadonlyMap<number, readonly (readonly [number, TextEncoding])[]>;
  fileName: string;
  targetName: string;
}) {
  const current = sheets[chosen[0] ?? 0];
  const sameLayout = current ? sheets.filter((s) => s.header !== undefined && s.signature === current.signature) : [];
  const problems = mappingProblems(columns, family);
  const fields = FAMILY_FIELDS[family];
  const used = new Map<ImportField, number>();
  for (const c of columns) if (c.field) used.set(c.field, (used.get(c.field) ?? 0) + 1);

  return (
    <section className="import-step" aria-labelledby="import-mapping-title">
      <h2 id="import-mapping-title">Bước 2. Kiểm tra trang tính và các cột</h2>
      <p>
        Tệp <strong>{fileName}</strong> → nhập vào <strong>{targetName}</strong>
      </p>
      {sheets.length > 1 && (
        <fieldset className="import-sheets">
          <legend>Tệp có {sheets.length} trang tính — chọn trang cần nhập</legend>
          {sheets.map((s) => (
            <label key={s.index} className="check">
              <input
                type="radio"
                name="import-sheet"
                checked={chosen.length === 1 && chosen[0] === s.index}
                disabled={s.header === undefined}
                onChange={() => onChooseSheets([s.index])}
              />
              {s.name} — {formatCount(s.rowCount)} dòng{s.hidden ? ' (trang đang ẩn)' : ''}
              {s.header === undefined && <span className="muted"> — không thấy dòng tiêu đề</span>}
            </label>
          ))}
          {sameLayout.length > 1 && (
            <label className="check">
              <input type="radio" name="import-sheet" checked={chosen.length > 1} onChange={() => onChooseSheets(sameLayout.map((s) => s.index))} />
              Tất cả {sameLayout.length} trang cùng mẫu ({sameLayout.map((s) => s.name).join(', ')})
            </label>
          )}
        </fieldset>
      )}
      {current?.problem && <p className="notice notice-error">{current.problem}</p>}
      {chosen.map((index) => sheets[index]).flatMap((s) =>
        s
          ? s.legacy.map((l) => (
              <div key={`${s.index}-${l.column}`} className="notice notice-info import-legacy" role="note">
                <p>
                  Cột {columnLetter(l.column)}
                  {sheets.length > 1 ? ` (trang ${s.name})` : ''} được gõ bằng <strong>{LEGACY_ENCODING_LABELS[l.encoding]}</strong>: đã chuyển{' '}
                  {formatCount(l.changed)} ô sang chữ Unicode.
                </p>
                <table className="plain-table">
                  <thead>
                    <tr>
                      <th>Dòng</th>
                      <th>Trong tệp</th>
                      <th>Sau khi chuyển</th>
                    </tr>
                  </thead>
                  <tbody>
                    {l.examples.map((e) => (
                      <tr key={e.rowNumber}>
                        <td>{e.rowNumber}</td>
                        <td className="legacy-before">{e.before}</td>
                        <td>{e.after}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <label className="check">
                  <input type="checkbox" checked={false} onChange={() => onKeepLegacy(s.index, l.column, true)} /> Giữ nguyên cột này, không chuyển
                </label>
              </div>
            ))
          : [],
      )}
      {chosen.flatMap((index) =>
        (kept.get(index) ?? []).map(([column]) => (
          <p key={`kept-${index}-${column}`} className="muted">
            Cột {columnLetter(column)} giữ nguyên, không chuyển mã.{' '}
            <button type="button" className="link" onClick={() => onKeepLegacy(index, column, false)}>
              Chuyển lại sang Unicode
            </button>
          </p>
        )),
      )}
      {current?.header && (
        <>
          <p className="muted">
            Dòng tiêu đề: {current.header.top === current.header.bottom ? `dòng ${current.header.top}` : `dòng ${current.header.top}–${current.header.bottom}`}; dữ liệu từ dòng{' '}
            {current.header.dataStart}.{remembered ? ' Đang dùng cách ghép cột đã lưu lần trước cho tệp cùng mẫu.' : ''}
          </p>
          <table className="plain-table import-mapping">
            <thead>
              <tr>
                <th>Cột</th>
                <th>Tiêu đề trong tệp</th>
                <th>Vài giá trị đầu</th>
                <th>Nhập vào mục</th>
              </tr>
            </thead>
            <tbody>
              {columns.map((c, i) => {
                const low = c.field !== null && c.confidence < LOW_CONFIDENCE;
                const twice = c.field !== null && (used.get(c.field) ?? 0) > 1;
                return (
                  <tr key={c.index} className={low || twice ? 'mapping-check' : undefined}>
                    <td>{columnLetter(c.index)}</td>
                    <td>{c.header || <span className="muted">(không có tiêu đề)</span>}</td>
                    <td className="muted">{(current.samples[i] ?? []).filter(Boolean).join(' · ')}</td>
                    <td>
                      <select
                        aria-label={`Cột ${columnLetter(c.index)}${c.header ? `: ${c.header}` : ''}`}
                        value={c.field ?? ''}
                        onChange={(e) => onChangeColumn(c.index, e.target.value === '' ? null : (e.target.value as ImportField))}
                      >
                        <option value="">— Không nhập —</option>
                        {fields.map((f) => (
                          <option key={f} value={f}>
                            {FIELD_LABELS[f]}
                          </option>
                        ))}
                      </select>
                      {low && <span className="field-warning"> Cần kiểm tra</span>}
                      {twice && <span className="field-error-text"> Trùng mục với cột khác</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
      {problems.length > 0 && (
        <ul className="notice notice-error" aria-label="Cần sửa trước khi xem trước">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="form-actions">
        <Button onClick={onBack}>Chọn tệp khác</Button>
        <Button variant="primary" onClick={onPreview} disabled={busy || problems.length > 0 || current?.header === undefined}>
          {busy ? 'Đang đọc các dòng…' : 'Xem trước'}
        </Button>
      </div>
    </section>
  );
}
