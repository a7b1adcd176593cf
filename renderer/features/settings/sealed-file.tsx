/**
 * Opening a backup or a data package: pick the file, unlock it (with this PC's key, or
 * the passphrase the officer types), and show what it holds before anything happens.
 */
import { useState } from 'react';
import { Button } from '../../components/ui/Button';
import { Dialog } from '../../components/ui/Dialog';
import { Field } from '../../components/ui/Field';
import { useServices } from '../../context/services';
import { formatTime } from '../../components/records/RecordDetail';
import { countLines, type Manifest } from '../../../shared/backup/manifest';
import type { FileKind } from '../../../shared/backup/format';
import { BACKUP_EXTENSION, PACKAGE_EXTENSION } from '../../../shared/ipc/contract';
import { formatDay } from '../../../shared/dates/partial-date';
import type { Inspected } from '../../backup/backup-service';

export type SealedFileState =
  | { readonly step: 'idle' }
  | { readonly step: 'checking'; readonly name: string }
  | { readonly step: 'passphrase'; readonly name: string; readonly bytes: Uint8Array; readonly error?: string }
  | { readonly step: 'ready'; readonly name: string; readonly inspected: Inspected }
  | { readonly step: 'error'; readonly name: string; readonly message: string };

const FILTERS: Readonly<Record<FileKind, { name: string; extensions: string[] }>> = {
  backup: { name: 'Bản sao lưu Sổ Đề án 06', extensions: [BACKUP_EXTENSION] },
  package: { name: 'Gói dữ liệu Sổ Đề án 06', extensions: [PACKAGE_EXTENSION] },
};

export function useSealedFile(kind: FileKind) {
  const { api, backup } = useServices();
  const [state, setState] = useState<SealedFileState>({ step: 'idle' });

  const tryOpen = async (name: string, bytes: Uint8Array, passphrase?: string) => {
    setState({ step: 'checking', name });
    const result = await backup.inspect(bytes, kind, passphrase);
    if (result.ok) setState({ step: 'ready', name, inspected: result.value });
    else if (result.code === 'wrong_passphrase') {
      setState({ step: 'passphrase', name, bytes, ...(passphrase === undefined ? {} : { error: result.message }) });
    } else setState({ step: 'error', name, message: result.message });
  };

  return {
    state,
    reset: () => setState({ step: 'idle' }),
    async pick() {
      const opened = await api.openFile({ filters: [FILTERS[kind]] });
      if (!opened.ok) return setState({ step: 'error', name: '', message: opened.message });
      if (!opened.value.opened) return;
      await tryOpen(opened.value.name, opened.value.data);
    },
    open: tryOpen,
    unlock: async (passphrase: string) => {
      if (state.step !== 'passphrase') return;
      await tryOpen(state.name, state.bytes, passphrase);
    },
  };
}

export type SealedFileFlow = ReturnType<typeof useSealedFile>;

/** The steps before a file is ready: checking it, asking its passphrase, or why it cannot be opened. */
export function SealedFileSteps({ sealed }: { sealed: SealedFileFlow }) {
  const { state } = sealed;
  if (state.step === 'checking') {
    return (
      <Dialog title="Đang mở tệp" onClose={() => undefined}>
        <p role="status">Đang kiểm tra tệp {state.name}…</p>
      </Dialog>
    );
  }
  if (state.step === 'passphrase') {
    return <PassphraseDialog name={state.name} error={state.error} onSubmit={(p) => void sealed.unlock(p)} onCancel={sealed.reset} />;
  }
  if (state.step === 'error') {
    return (
      <Dialog title="Không mở được tệp" onClose={sealed.reset} footer={<Button onClick={sealed.reset}>Đóng</Button>}>
        <p role="alert">{state.message}</p>
      </Dialog>
    );
  }
  return null;
}

export function PassphraseDialog({ name, error, onSubmit, onCancel }: { name: string; error?: string | undefined; onSubmit: (passphrase: string) => void; onCancel: () => void }) {
  const [value, setValue] = useState('');
  return (
    <Dialog
      title="Nhập mật khẩu sao lưu"
      onClose={onCancel}
      footer={
        <>
          <Button onClick={onCancel}>Hủy</Button>
          <Button variant="primary" type="submit" form="passphrase-form" disabled={value === ''}>
            Mở tệp
          </Button>
        </>
      }
    >
      <form
        id="passphrase-form"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit(value);
        }}
      >
        <p>
          Tệp <strong>{name}</strong> được khóa bằng mật khẩu sao lưu của đơn vị (có thể là mật khẩu cũ, hoặc của máy khác).
        </p>
        <Field label="Mật khẩu sao lưu" error={error}>
          {(props) => <input {...props} type="password" autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} />}
        </Field>
      </form>
    </Dialog>
  );
}

/** What a file holds: unit, when and by whom, which PC, the period, the counts. */
export function ManifestView({ manifest }: { manifest: Manifest }) {
  return (
    <dl className="manifest">
      <dt>Đơn vị</dt>
      <dd>{manifest.unit.unitName || '(chưa đặt tên)'}</dd>
      <dt>Tạo lúc</dt>
      <dd>{formatTime(manifest.createdAt)}</dd>
      <dt>Người tạo</dt>
      <dd>{manifest.createdBy || 'Tự động'}</dd>
      {manifest.period ? (
        <>
          <dt>Kỳ</dt>
          <dd>
            Hồ sơ thay đổi từ {formatDay(manifest.period.from)} đến {formatDay(manifest.period.to)}
          </dd>
        </>
      ) : null}
      <dt>Gồm</dt>
      <dd>
        <ul className="plain">
          {countLines(manifest.counts).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </dd>
      {manifest.app ? (
        <>
          <dt>Phiên bản ứng dụng</dt>
          <dd>{manifest.app}</dd>
        </>
      ) : null}
    </dl>
  );
}
