/**
 * Sao lưu: the unit's backup passphrase, automatic and manual backups (where they go, the
 * last one, a second folder such as a USB stick) and restoring one — which shows what the
 * file holds, takes a safety backup of the current data first and restores in one go.
 */
import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Button } from '../../components/ui/Button';
import { Card } from '../../components/ui/Card';
import { Dialog } from '../../components/ui/Dialog';
import { Field } from '../../components/ui/Field';
import { useToast } from '../../components/ui/Toast';
import { useServices } from '../../context/services';
import { useSession } from '../../context/session';
import { formatTime } from '../../components/records/RecordDetail';
import { checkPassphrase, createVaultKey, matchesVault } from '../../backup/vault';
import type { BackupEntry, BackupListing } from '../../../shared/ipc/contract';
import { BACKUP_KEEP } from '../../../shared/ipc/contract';
import { formatCount } from '../../../shared/format/numbers';
import { ManifestView, SealedFileSteps, useSealedFile, type SealedFileFlow } from './sealed-file';
import '../../styles/backup.css';

const KIND_LABELS: Readonly<Record<BackupEntry['kind'], string>> = {
  auto: 'Tự động',
  manual: 'Sao lưu tay',
  safety: 'Bản an toàn trước khi khôi phục',
};

const fileSize = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${formatCount(Math.max(1, Math.ceil(bytes / 1024)))} KB`
    : `${(bytes / (1024 * 1024)).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;

export function BackupSection() {
  const { repos } = useServices();
  const vault = useLiveQuery(() => repos.backups.vaultKey(), [repos]);
  const [version, setVersion] = useState(0);
  const refresh = () => setVersion((v) => v + 1);
  return (
    <div className="backup-section">
      <PassphraseCard hasKey={vault !== undefined} />
      <BackupsCard hasKey={vault !== undefined} version={version} onChanged={refresh} />
    </div>
  );
}

function PassphraseCard({ hasKey }: { hasKey: boolean }) {
  const { repos } = useServices();
  const { officer } = useSession();
  const toast = useToast();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ current?: string; next?: string }>({});
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const problem = checkPassphrase(next, confirm);
    if (problem) return setErrors({ next: problem });
    setBusy(true);
    try {
      const existing = await repos.backups.vaultKey();
      if (existing && !(await matchesVault(existing, current))) {
        return setErrors({ current: 'Mật khẩu hiện tại không đúng.' });
      }
      await repos.backups.setVaultKey(await createVaultKey(next), officer.id, existing !== undefined);
      setCurrent('');
      setNext('');
      setConfirm('');
      setErrors({});
      toast.show(existing ? 'Đã đổi mật khẩu sao lưu.' : 'Đã đặt mật khẩu sao lưu. Dữ liệu sẽ được sao lưu tự động.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title="Mật khẩu sao lưu của đơn vị">
      {hasKey ? (
        <p className="status-ok">Đã đặt mật khẩu. Bản sao lưu và gói dữ liệu được mã hóa bằng mật khẩu này.</p>
      ) : (
        <p className="status-warning" role="alert">
          Chưa đặt mật khẩu sao lưu: dữ liệu <strong>chưa được sao lưu</strong>. Hãy đặt mật khẩu ngay.
        </p>
      )}
      <p className="muted">
        Mật khẩu dùng chung cho cả đơn vị, để mở bản sao lưu và gói dữ liệu trên máy khác. Ghi lại và cất nơi an toàn: quên mật khẩu thì
        không ai mở được các bản sao lưu, kể cả người làm ứng dụng. Mất USB cũng không lộ dữ liệu.
      </p>
      <form
        className="passphrase-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {hasKey ? (
          <Field label="Mật khẩu hiện tại" error={errors.current} required>
            {(props) => <input {...props} type="password" autoComplete="off" value={current} onChange={(e) => setCurrent(e.target.value)} />}
          </Field>
        ) : null}
        <Field label={hasKey ? 'Mật khẩu mới' : 'Mật khẩu sao lưu'} error={errors.next} hint="Ít nhất 8 ký tự; nên là một câu dễ nhớ." required>
          {(props) => <input {...props} type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />}
        </Field>
        <Field label="Nhập lại mật khẩu" required>
          {(props) => <input {...props} type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} />}
        </Field>
        <div className="form-actions">
          <Button variant="primary" type="submit" disabled={busy}>
            {busy ? 'Đang tạo khóa…' : hasKey ? 'Đổi mật khẩu' : 'Đặt mật khẩu'}
          </Button>
        </div>
      </form>
      {hasKey ? <p className="muted">Bản sao lưu cũ vẫn mở bằng mật khẩu cũ.</p> : null}
    </Card>
  );
}

function BackupsCard({ hasKey, version, onChanged }: { hasKey: boolean; version: number; onChanged: () => void }) {
  const { api, repos, backup } = useServices();
  const { officer } = useSession();
  const toast = useToast();
  const last = useLiveQuery(() => repos.backups.lastBackup(), [repos]);
  const [listing, setListing] = useState<BackupListing | { error: string } | undefined>();
  const [busy, setBusy] = useState(false);
  // the folders' listing, again after each backup (a new last backup) or folder change (version)
  useEffect(() => {
    let current = true;
    void api.backupList().then((listed) => {
      if (current) setListing(listed.ok ? listed.value : { error: listed.message });
    });
    return () => {
      current = false;
    };
  }, [api, version, last?.at]);
  const sealed = useSealedFile('backup');

  const backupNow = async () => {
    setBusy(true);
    try {
      const made = await backup.backup('manual', officer);
      if (!made.ok) return toast.show(made.message, { tone: 'error' });
      const second = made.value.second;
      toast.show(
        second && 'error' in second ? `Đã sao lưu vào ${made.value.path}. Bản thứ hai chưa ghi được: ${second.error}` : `Đã sao lưu vào ${made.value.path}.`,
        { tone: second && 'error' in second ? 'error' : 'ok' },
      );
      onChanged();
    } finally {
      setBusy(false);
    }
  };
  const chooseSecond = async () => {
    const chosen = await api.backupChooseSecondFolder();
    if (!chosen.ok) return toast.show(chosen.message, { tone: 'error' });
    onChanged();
  };
  const clearSecond = async () => {
    const cleared = await api.backupClearSecondFolder();
    if (!cleared.ok) return toast.show(cleared.message, { tone: 'error' });
    onChanged();
  };
  const restoreEntry = async (entry: BackupEntry) => {
    const read = await api.backupRead({ location: entry.location, name: entry.name });
    if (!read.ok) return toast.show(read.message, { tone: 'error' });
    await sealed.open(read.value.name, read.value.data);
  };

  const folders = listing && 'folders' in listing ? listing.folders : undefined;
  const entries = listing && 'entries' in listing ? listing.entries : [];
  return (
    <>
      <Card
        title="Sao lưu"
        actions={
          <Button variant="primary" onClick={() => void backupNow()} disabled={!hasKey || busy}>
            {busy ? 'Đang sao lưu…' : 'Sao lưu ngay'}
          </Button>
        }
      >
        <p>
          Ứng dụng tự sao lưu toàn bộ dữ liệu mỗi ngày khi đang dùng và khi đóng ứng dụng, giữ {BACKUP_KEEP} bản mới nhất.
        </p>
        {last ? (
          <p className={last.ok ? 'status-ok' : 'status-warning'} role="status">
            Lần sao lưu gần nhất: {formatTime(last.at)} ({KIND_LABELS[last.kind].toLowerCase()}) —{' '}
            {last.ok ? `đã lưu vào ${last.detail}` : `không thành công: ${last.detail}`}
            {last.secondError ? `. Bản thứ hai chưa ghi được: ${last.secondError}` : ''}
          </p>
        ) : (
          <p className="status-warning">Chưa có bản sao lưu nào.</p>
        )}
        {listing && 'error' in listing ? <p className="status-warning">{listing.error}</p> : null}
        {folders ? (
          <dl className="manifest">
            <dt>Thư mục sao lưu</dt>
            <dd>{folders.primary}</dd>
            <dt>Nơi lưu thứ hai</dt>
            <dd>
              {folders.second ?? 'Chưa chọn (nên chọn một USB hoặc ổ đĩa khác)'}{' '}
              <Button onClick={() => void chooseSecond()}>{folders.second ? 'Đổi…' : 'Chọn thư mục…'}</Button>{' '}
              {folders.second ? <Button variant="ghost" onClick={() => void clearSecond()}>Bỏ</Button> : null}
            </dd>
          </dl>
        ) : null}
      </Card>
      <Card
        title="Khôi phục dữ liệu"
        actions={<Button onClick={() => void sealed.pick()}>Khôi phục từ tệp sao lưu…</Button>}
      >
        <p className="muted">
          Khôi phục thay toàn bộ dữ liệu trên máy này bằng dữ liệu trong bản sao lưu. Trước khi thay, ứng dụng tạo một bản sao lưu an toàn
          của dữ liệu hiện tại.
        </p>
        {entries.length === 0 ? (
          <p className="muted">Chưa có bản sao lưu nào trong thư mục sao lưu.</p>
        ) : (
          <table className="plain-table" aria-label="Các bản sao lưu">
            <thead>
              <tr>
                <th>Thời điểm</th>
                <th>Loại</th>
                <th>Nơi lưu</th>
                <th className="num">Dung lượng</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={`${entry.location}/${entry.name}`}>
                  <td>{formatTime(entry.modifiedAt)}</td>
                  <td>{KIND_LABELS[entry.kind]}</td>
                  <td>{entry.location === 'primary' ? 'Thư mục sao lưu' : 'Nơi lưu thứ hai'}</td>
                  <td className="num">{fileSize(entry.bytes)}</td>
                  <td>
                    <Button variant="ghost" onClick={() => void restoreEntry(entry)} aria-label={`Khôi phục bản ${formatTime(entry.modifiedAt)}`}>
                      Khôi phục…
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="muted">{formatCount(entries.length)} bản.</p>
      </Card>
      <RestoreDialogs sealed={sealed} />
    </>
  );
}

type Stage = 'safety' | 'reading' | 'writing';
const STAGE_TEXT: Readonly<Record<Stage, string>> = {
  safety: 'Đang tạo bản sao lưu an toàn của dữ liệu hiện tại…',
  reading: 'Đang đọc và kiểm tra bản sao lưu…',
  writing: 'Đang ghi dữ liệu (một lần, hoặc thành công hết hoặc không thay đổi gì)…',
};

function RestoreDialogs({ sealed }: { sealed: SealedFileFlow }) {
  const { backup } = useServices();
  const { officer } = useSession();
  const [stage, setStage] = useState<Stage | undefined>();
  const [written, setWritten] = useState<{ rows: number; total: number } | undefined>();
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | undefined>();
  const { state } = sealed;
  const close = () => {
    setOutcome(undefined);
    sealed.reset();
  };
  const restore = async () => {
    if (state.step !== 'ready') return;
    try {
      const restored = await backup.restore(state.inspected, officer, (next, progress) => {
        setStage(next);
        setWritten(progress);
      });
      setOutcome(
        restored.ok
          ? { ok: true, message: `Đã khôi phục ${formatCount(restored.value.rows)} dòng dữ liệu. Ứng dụng cần mở lại để dùng dữ liệu vừa khôi phục; sau đó đăng nhập như thường.` }
          : { ok: false, message: restored.message },
      );
    } catch {
      setOutcome({ ok: false, message: 'Không khôi phục được: ghi dữ liệu bị lỗi (có thể ổ đĩa đã đầy). Dữ liệu trên máy vẫn như trước khi khôi phục.' });
    } finally {
      setStage(undefined);
    }
  };
  if (state.step !== 'ready') return <SealedFileSteps sealed={sealed} />;
  if (outcome) {
    return (
      <Dialog
        title={outcome.ok ? 'Khôi phục xong' : 'Chưa khôi phục'}
        onClose={outcome.ok ? () => window.location.reload() : close}
        footer={
          outcome.ok ? (
            <Button variant="primary" onClick={() => window.location.reload()}>
              Mở lại ứng dụng
            </Button>
          ) : (
            <Button onClick={close}>Đóng</Button>
          )
        }
      >
        <p role={outcome.ok ? 'status' : 'alert'}>{outcome.message}</p>
      </Dialog>
    );
  }
  return (
    <Dialog
      title="Khôi phục từ bản sao lưu"
      wide
      onClose={stage ? () => undefined : close}
      footer={
        <>
          <Button onClick={close} disabled={stage !== undefined}>
            Hủy
          </Button>
          <Button variant="danger" onClick={() => void restore()} disabled={stage !== undefined}>
            {stage ? 'Đang khôi phục…' : 'Thay dữ liệu bằng bản này'}
          </Button>
        </>
      }
    >
      <p>
        Tệp <strong>{state.name}</strong> chứa:
      </p>
      <ManifestView manifest={state.inspected.manifest} />
      <p className="status-warning">
        Toàn bộ dữ liệu hiện có trên máy này sẽ được thay bằng dữ liệu trong bản sao lưu. Ứng dụng tạo một bản sao lưu an toàn của dữ liệu
        hiện tại trước khi thay.
      </p>
      {stage ? (
        <div role="status" className="progress-text">
          <p>{STAGE_TEXT[stage]}</p>
          {stage === 'writing' && written ? (
            <>
              <progress max={written.total} value={written.rows} aria-label="Tiến độ khôi phục" />{' '}
              {formatCount(written.rows)} / {formatCount(written.total)} dòng
            </>
          ) : null}
        </div>
      ) : null}
    </Dialog>
  );
}
