/**
 * Hamlets and member lists are edited the same way: rename in place, hide
 * (never delete — old records keep their label), add at the bottom.
 */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Button } from '../../components/ui/Button';
import { useToast } from '../../components/ui/Toast';
import { useServices } from '../../context/services';
import { useSession } from '../../context/session';
import type { Result } from '../../../shared/result';
import { Card } from '../../components/ui/Card';
import { NameEditor } from '../../components/ui/NameEditor';

type Entry = { id: string; name: string; hidden: boolean; hasMemberKind?: boolean };
type Patch = { name?: string; hidden?: boolean; hasMemberKind?: boolean };

export function CatalogueSection({ kind }: { kind: 'hamlets' | 'lists' }) {
  const { repos } = useServices();
  const { officer } = useSession();
  const toast = useToast();
  const entries = useLiveQuery<Entry[]>(
    async () =>
      kind === 'hamlets'
        ? (await repos.catalogue.hamlets()).map((h) => ({ id: h.id, name: h.name, hidden: h.hidden }))
        : (await repos.catalogue.memberLists()).map((l) => ({ id: l.key, name: l.label, hidden: l.hidden, hasMemberKind: l.hasMemberKind })),
    [repos, kind],
  );
  const [newName, setNewName] = useState('');
  const [newKind, setNewKind] = useState(false);
  const [addError, setAddError] = useState<string>();

  const update = async (id: string, patch: Patch): Promise<Result<unknown, string>> => {
    const { name, ...rest } = patch;
    const result =
      kind === 'hamlets'
        ? await repos.catalogue.updateHamlet(id, { ...(name !== undefined ? { name } : {}), ...(rest.hidden !== undefined ? { hidden: rest.hidden } : {}) }, officer.id)
        : await repos.catalogue.updateMemberList(id, { ...(name !== undefined ? { label: name } : {}), ...rest }, officer.id);
    if (!result.ok) toast.show(result.message, { tone: 'error' });
    return result;
  };

  const add = async () => {
    const result =
      kind === 'hamlets'
        ? await repos.catalogue.addHamlet(newName, officer.id)
        : await repos.catalogue.addMemberList(newName, newKind, officer.id);
    if (!result.ok) {
      setAddError(result.message);
      return;
    }
    setAddError(undefined);
    setNewName('');
    setNewKind(false);
    toast.show(`Đã thêm "${'name' in result.value ? result.value.name : result.value.label}".`);
  };

  const title = kind === 'hamlets' ? 'Thôn, tổ dân phố' : 'Danh sách hội, đoàn thể';
  const noun = kind === 'hamlets' ? 'thôn/tổ dân phố' : 'danh sách';
  return (
    <Card title={title}>
      <p className="muted">
        Sửa tên rồi bấm Enter để lưu. Mục bị ẩn không còn hiện khi nhập mới nhưng hồ sơ cũ vẫn giữ nguyên tên.
      </p>
      <table className="plain-table">
        <thead>
          <tr>
            <th>Tên</th>
            {kind === 'lists' ? <th>Có hội viên tập thể</th> : null}
            <th>Trạng thái</th>
          </tr>
        </thead>
        <tbody>
          {(entries ?? []).map((e) => (
            <tr key={e.id} className={e.hidden ? 'row-hidden' : undefined}>
              <td>
                <NameEditor name={e.name} label={`Tên ${noun}: ${e.name}`} onSave={(name) => update(e.id, { name })} />
              </td>
              {kind === 'lists' ? (
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${e.name}: có hội viên tập thể`}
                    checked={Boolean(e.hasMemberKind)}
                    onChange={(ev) => void update(e.id, { hasMemberKind: ev.target.checked })}
                  />
                </td>
              ) : null}
              <td>
                <Button variant="ghost" onClick={() => void update(e.id, { hidden: !e.hidden })}>
                  {e.hidden ? 'Đang ẩn — Hiện lại' : 'Ẩn'}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="inline-add"
        onSubmit={(ev) => {
          ev.preventDefault();
          void add();
        }}
      >
        <input
          aria-label={`Tên ${noun} mới`}
          placeholder={kind === 'hamlets' ? 'Ví dụ: Thôn Phú Bình' : 'Ví dụ: Hội Khuyến học'}
          value={newName}
          onChange={(ev) => setNewName(ev.target.value)}
          aria-invalid={Boolean(addError)}
        />
        {kind === 'lists' ? (
          <label className="check">
            <input type="checkbox" checked={newKind} onChange={(ev) => setNewKind(ev.target.checked)} />
            Có hội viên tập thể
          </label>
        ) : null}
        <Button type="submit" variant="primary">
          Thêm {noun}
        </Button>
        {addError ? (
          <span className="field-error-text" role="alert">
            {addError}
          </span>
        ) : null}
      </form>
    </Card>
  );
}
