/**
 * Composition: first-run setup, then the lock screen, then the app itself.
 * Features are wired here; they never import one another.
 */
import { useCallback, useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Router } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { ServicesProvider, useServices, type AppServices } from '../context/services';
import { SessionProvider } from '../context/session';
import { ToastProvider } from '../components/ui/Toast';
import { SetupWizard } from '../features/setup/SetupWizard';
import { LoginScreen } from '../features/session/LoginScreen';
import type { Officer } from '../../shared/domain/types';
import { Layout } from './Layout';
import { AppRoutes } from './AppRoutes';
import { useIdle } from '../lib/use-idle';
import { useAutoBackup } from '../backup/use-auto-backup';

export function App({ services }: { services: AppServices }) {
  return (
    <ServicesProvider services={services}>
      <ToastProvider>
        <Router hook={useHashLocation}>
          <Gate />
        </Router>
      </ToastProvider>
    </ServicesProvider>
  );
}

function Gate() {
  const { repos, api, backup, clock } = useServices();
  const state = useLiveQuery(
    async () => ({ setUp: await repos.setup.isSetUp(), unit: await repos.settings.getUnit() }),
    [repos],
  );
  const idleMinutes = useLiveQuery(() => repos.settings.getIdleMinutes(), [repos]);
  const [officer, setOfficer] = useState<Officer | null>(null);
  const [locked, setLocked] = useState(false);
  const lock = useCallback(() => setLocked(true), []);
  useIdle(officer && !locked ? idleMinutes : undefined, lock);
  const backupDeps = useMemo(() => ({ api, repo: repos.backups, service: backup, clock }), [api, repos, backup, clock]);
  useAutoBackup(backupDeps, Boolean(state?.setUp && state.unit), officer);

  if (!state) return <div className="splash">Đang mở dữ liệu…</div>;
  if (!state.setUp || !state.unit) return <SetupWizard onDone={setOfficer} />;
  if (!officer) return <LoginScreen unitName={state.unit.unitName} onLogin={setOfficer} />;
  // Locking covers the app without closing it: a half-typed form is still there after the PIN.
  return (
    <SessionProvider session={{ officer, lock }}>
      <div className="app-shell" inert={locked} aria-hidden={locked || undefined}>
        <Layout unit={state.unit}>
          <AppRoutes />
        </Layout>
      </div>
      {locked ? (
        // Keys typed on the lock screen must not reach the app's shortcuts (Esc, F2) underneath.
        <div className="lock-overlay" onKeyDown={(e) => e.stopPropagation()}>
          <LoginScreen
            unitName={state.unit.unitName}
            onLogin={(o) => {
              setOfficer(o);
              setLocked(false);
            }}
          />
        </div>
      ) : null}
    </SessionProvider>
  );
}
