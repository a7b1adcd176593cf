/**
 * The DC01 cleaning categories and their outcomes, as the unit's superior
 * assigns them ("22/25 chỉ tiêu"). Categories are renamed, hidden or added;
 * outcomes are renamed or added. Nothing is deleted and no key changes, so the
 * cases already recorded keep their category and outcome.
 */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Button } from '../../components/ui/Button';
import { Card } from '../../components/ui/Card';
import { NameEditor } from '../../components/ui/NameEditor';
import { Field } from '../../components/ui/Field';
import { useToast } from '../../components/ui/Toast';
import { useServices } from '../../context/services';
import { useSession } from '../../context/session';
import type { Dc01Category } from '../../../shared/domain/types';
import '../../styles/dc01.css';

export function Dc01CategoriesSection() {
  const { repos } = useServices();
  const { officer } = useSession();
  const toast = useToast();
  const categories = useLiveQuery(() => repos.catalogue.dc01Categories(), [repos]);
  const [newLabel, setNewLabel] = useState('');
  const [newOutcomes, setNewOutcomes] = useState('');
  const [addError, setAddError] = useState<string>();

  const toggleHidden = async (c: Dc01Category) => {
    const result = await repos.catalogue.updateDc01Category(c.key, { hidden: !c.hidden }, officer.id);
    if (!result.ok) toast.show(result.message, { tone: 'error' });
  };

  const addCategory = async () => {
    const result = await repos.catalogue.addDc01Category(newLabel, newOutcomes.split('\n'), officer.id);
    if (!result.ok) {
      setAddError(result.message);
      return;
    }
    setAddError(undefined);
    setNewLabel('');
    setNewOutcomes('');
    toast.show(`Đã thêm loại "${result.value.label}" với ${result.value.outcomes.length} kết quả xử lý.`);
  };

  return (
    <Card title="Loại làm sạch dữ liệu DC01">
      <p className="muted">
        Sửa tên rồi bấm Enter để lưu. Loại bị ẩn không còn hiện khi làm việc nhưng các trường hợp đã nhập vẫn giữ nguyên. Kết quả xử lý
        không xóa được, chỉ đổi tên — các trường hợp đã ghi kết quả đó sẽ hiện tên mới.
      </p>
      <table className="plain-table dc01-categories">
        <thead>
          <tr>
            <th>Loại làm sạch</th>
            <th>Kết quả xử lý</th>
            <th>Trạng thái</th>
          </tr>
        </thead>
        <tbody>
          {(categories ?? []).map((c) => (
            <tr key={c.key} className={c.hidden ? 'row-hidden' : undefined}>
              <td>
                <NameEditor
                  name={c.label}
                  label={`Tên loại làm sạch: ${c.label}`}
                  onSave={(label) => repos.catalogue.updateDc01Category(c.key, { label }, officer.id)}
                />
              </td>
              <td>
                <ul className="outcome-list" aria-label={`Kết quả xử lý của ${c.label}`}>
                  {c.outcomes.map((o) => (
                    <li key={o.key}>
                      <NameEditor
                        name={o.label}
                        label={`Kết quả của ${c.label}: ${o.label}`}
                        onSave={(label) => repos.catalogue.renameDc01Outcome(c.key, o.key, label, officer.id)}
                      />
                    </li>
                  ))}
                </ul>
                <OutcomeAdder category={c} />
              </td>
              <td>
                <Button variant="ghost" onClick={() => void toggleHidden(c)}>
                  {c.hidden ? 'Đang ẩn — Hiện lại' : 'Ẩn'}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <form
        className="dc01-new-category"
        aria-label="Thêm loại làm sạch"
        onSubmit={(e) => {
          e.preventDefault();
          void addCategory();
        }}
        noValidate
      >
        <Field label="Tên loại làm sạch mới" error={addError}>
          {(p) => <input {...p} value={newLabel} onChange={(e) => setNewLabel(e.target.value)} placeholder="Ví dụ: Rà soát người đã chết" autoComplete="off" />}
        </Field>
        <Field label="Kết quả xử lý của loại mới" hint="Mỗi dòng một kết quả (ít nhất một). Ctrl+Enter để thêm.">
          {(p) => (
            <textarea
              {...p}
              value={newOutcomes}
              onChange={(e) => setNewOutcomes(e.target.value)}
              placeholder={'Đã cập nhật bổ sung\nKhông có thông tin để cập nhật'}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                  e.preventDefault();
                  void addCategory();
                }
              }}
            />
          )}
        </Field>
        <div className="span-2">
          <Button type="submit" variant="primary">
            Thêm loại làm sạch
          </Button>
        </div>
      </form>
    </Card>
  );
}

function OutcomeAdder({ category }: { category: Dc01Category }) {
  const { repos } = useServices();
  const { officer } = useSession();
  const toast = useToast();
  const [label, setLabel] = useState('');
  const [error, setError] = useState<string>();
  const add = async () => {
    const result = await repos.catalogue.addDc01Outcome(category.key, label, officer.id);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setError(undefined);
    setLabel('');
    toast.show(`Đã thêm kết quả "${result.value.label}" cho loại "${category.label}".`);
  };
  return (
    <form
      className="inline-add"
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      <input
        aria-label={`Kết quả mới cho ${category.label}`}
        placeholder="Thêm kết quả xử lý…"
        value={label}
        onChange={(e) => setLabel(e.target.value)}
        aria-invalid={Boolean(error)}
      />
      <Button type="submit">Thêm kết quả</Button>
      {error ? (
        <span className="field-error-text" role="alert">
          {error}
        </span>
      ) : null}
    </form>
  );
}
