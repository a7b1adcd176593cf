/**
 * Lock screen: the officer picks their name and types their PIN. After three
 * wrong PINs each further attempt waits longer (5 s, 10 s, 20 s … up to 5 min);
 * the count is kept by the officer repository on this PC, so reloading does not reset it.
 */
import { useEffect, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Button } from '../../components/ui/Button';
import { Field } from '../../components/ui/Field';
import { useServices } from '../../context/services';
import type { Officer } from '../../../shared/domain/types';

export function LoginScreen({ unitName, onLogin }: { unitName: string; onLogin: (officer: Officer) => void }) {
  const { repos, clock } = useServices();
  const officers = useLiveQuery(() => repos.officers.list(), [repos]);
  const active = officers?.filter((o) => o.active) ?? [];
  const [officerId, setOfficerId] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [lockedUntil, setLockedUntil] = useState(0);
  const [, forceTick] = useState(0);
  const pinRef = useRef<HTMLInputElement>(null);

  const selected = officerId || (active.length === 1 ? (active[0]?.id ?? '') : '');
  const waitSeconds = Math.max(0, Math.ceil((lockedUntil - clock().getTime()) / 1000));

  // a wait left from before a reload still applies
  useEffect(() => {
    void repos.officers.loginWait().then((wait) => {
      if (wait > 0) setLockedUntil(clock().getTime() + wait * 1000);
    });
  }, [repos, clock]);

  useEffect(() => {
    if (waitSeconds <= 0) return;
    const timer = setInterval(() => forceTick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [waitSeconds]);

  const submit = async () => {
    if (!selected) {
      setError('Chọn tên cán bộ.');
      return;
    }
    if (waitSeconds > 0) return;
    setBusy(true);
    try {
      const verified = await repos.officers.verify(selected, pin);
      if (verified.ok) {
        onLogin(verified.value);
        return;
      }
      const wait = await repos.officers.loginWait();
      if (wait > 0) setLockedUntil(clock().getTime() + wait * 1000);
      setError(verified.message);
      setPin('');
      pinRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="setup-screen">
      <form
        className="login-card"
        aria-label="Đăng nhập"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="login-brand">Sổ Đề án 06</div>
        <div className="login-unit">{unitName}</div>
        <Field label="Cán bộ">
          {(p) => (
            <select
              {...p}
              value={selected}
              onChange={(e) => {
                setOfficerId(e.target.value);
                setError(undefined);
                pinRef.current?.focus();
              }}
            >
              {active.length !== 1 ? <option value="">— Chọn tên —</option> : null}
              {active.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.fullName} — {o.title}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Mã PIN" error={error}>
          {(p) => (
            <input
              {...p}
              ref={pinRef}
              type="password"
              inputMode="numeric"
              autoComplete="off"
              autoFocus
              value={pin}
              onChange={(e) => setPin(e.target.value)}
            />
          )}
        </Field>
        <Button variant="primary" type="submit" disabled={busy || waitSeconds > 0}>
          {waitSeconds > 0 ? `Chờ ${waitSeconds} giây` : busy ? 'Đang kiểm tra…' : 'Đăng nhập'}
        </Button>
      </form>
    </div>
  );
}
