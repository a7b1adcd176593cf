/** Officers who use this PC: add one, correct a name or title, change a PIN, stop one from signing in. */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Button } from '../../components/ui/Button';
import { Dialog } from '../../components/ui/Dialog';
import { useToast } from '../../components/ui/Toast';
import { useServices } from '../../context/services';
import { clearChangedErrors } from '../../lib/form-errors';
import { useSession } from '../../context/session';
import { checkOfficerInput, type OfficerErrors } from '../../db/repositories/officer-repo';
import type { Officer } from '../../../shared/domain/types';
import { checkPinConfirm, EMPTY_OFFICER_DRAFT, OfficerFields, type OfficerDraft } from '../../components/unit/OfficerFields';
import { Card } from '../../components/ui/Card';

export function OfficersSection() {
  const { repos } = useServices();
  const { officer: me } = useSession();
  const toast = useToast();
  const officers = useLiveQuery(() => repos.officers.list(), [repos]) ?? [];
  const [editing, setEditing] = useState<Officer | 'new' | null>(null);

  const toggleActive = async (o: Officer) => {
    const result = await repos.officers.update(o.id, { fullName: o.fullName, title: o.title, pin: '', active: !o.active }, me.id);
    toast.show(result.ok ? (o.active ? `${o.fullName} không còn đăng nhập được.` : `${o.fullName} đã được dùng lại.`) : result.message, {
      tone: result.ok ? 'ok' : 'error',
    });
  };

  return (
    <Card
      title="Cán bộ sử dụng máy"
      actions={
        <Button variant="primary" onClick={() => setEditing('new')}>
          + Thêm cán bộ
        </Button>
      }
    >
      <table className="plain-table">
        <thead>
          <tr>
            <th>Họ và tên</th>
            <th>Cấp bậc, chức vụ</th>
            <th>Trạng thái</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {officers.map((o) => (
            <tr key={o.id} className={o.active ? undefined : 'row-hidden'}>
              <td>
                {o.fullName}
                {o.id === me.id ? <span className="muted"> (đang đăng nhập)</span> : null}
              </td>
              <td>{o.title}</td>
              <td>{o.active ? 'Đang làm việc' : 'Đã ngừng'}</td>
              <td className="row-actions">
                <Button variant="ghost" onClick={() => setEditing(o)}>
                  Sửa / đổi PIN
                </Button>
                {o.id === me.id ? null : (
                  <Button variant="ghost" onClick={() => void toggleActive(o)}>
                    {o.active ? 'Ngừng sử dụng' : 'Dùng lại'}
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing ? <OfficerDialog officer={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} /> : null}
      <IdleLockSetting />
    </Card>
  );
}

/** How long the PC may sit unused before it locks itself (a shared office PC). */
function IdleLockSetting() {
  const { repos } = useServices();
  const { officer } = useSession();
  const toast = useToast();
  const current = useLiveQuery(() => repos.settings.getIdleMinutes(), [repos]);
  const [text, setText] = useState<string>();
  const [error, setError] = useState<string>();
  const shown = text ?? (current === undefined ? '' : String(current));
  const save = async () => {
    const minutes = /^\d{1,3}$/.test(shown.trim()) ? Number(shown.trim()) : NaN;
    const result = await repos.settings.setIdleMinutes(minutes, officer.id);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setError(undefined);
    setText(undefined);
    toast.show(`Máy sẽ tự khóa sau ${result.value} phút không sử dụng.`);
  };
  return (
    <form
      className="inline-add idle-setting"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label className="inline-label" htmlFor="idle-minutes">
        Tự khóa máy sau
      </label>
      <input id="idle-minutes" inputMode="numeric" size={4} value={shown} aria-invalid={Boolean(error)} onChange={(e) => setText(e.target.value)} />
      <span>phút không sử dụng</span>
      <Button type="submit">Lưu</Button>
      {error ? (
        <span className="field-error-text" role="alert">
          {error}
        </span>
      ) : null}
    </form>
  );
}

function OfficerDialog({ officer, onClose }: { officer?: Officer | undefined; onClose: () => void }) {
  const { repos } = useServices();
  const { officer: me } = useSession();
  const toast = useToast();
  const [draft, setDraft] = useState<OfficerDraft>(
    officer ? { fullName: officer.fullName, title: officer.title, pin: '', pinConfirm: '' } : EMPTY_OFFICER_DRAFT,
  );
  const [errors, setErrors] = useState<OfficerErrors & { pinConfirm?: string }>({});
  const [busy, setBusy] = useState(false);

  const save = async () => {
    const found: OfficerErrors & { pinConfirm?: string } = checkOfficerInput(draft, !officer);
    const confirm = checkPinConfirm(draft);
    if (confirm) found.pinConfirm = confirm;
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const result = officer
        ? await repos.officers.update(officer.id, { ...draft, active: officer.active }, me.id)
        : await repos.officers.add(draft, me.id);
      if (!result.ok) {
        toast.show(result.message, { tone: 'error' });
        return;
      }
      toast.show(officer ? `Đã lưu thông tin ${result.value.fullName}.` : `Đã thêm cán bộ ${result.value.fullName}.`);
      onClose();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={officer ? `Sửa thông tin cán bộ — ${officer.fullName}` : 'Thêm cán bộ'}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Hủy</Button>
          <Button variant="primary" onClick={() => void save()} disabled={busy}>
            {busy ? 'Đang lưu…' : 'Lưu'}
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
        <OfficerFields
          draft={draft}
          errors={errors}
          onChange={(d) => {
            setErrors(clearChangedErrors(errors, draft, d));
            setDraft(d);
          }}
          pinOptional={Boolean(officer)}
        />
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
