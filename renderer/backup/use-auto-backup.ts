/**
 * Automatic backups while the app is in use: one at least every day (checked at start and
 * every quarter of an hour; a failed one is retried at the next check) and one when the
 * officer closes the desktop app (main waits for it, up to a minute). Nothing happens until
 * the unit has set its backup passphrase — Settings and the side bar say so.
 */
import { useEffect, useRef } from 'react';
import type { Officer } from '../../shared/domain/types';
import type { DesktopApi } from '../../shared/ipc/contract';
import type { BackupRepo } from '../db/repositories/backup-repo';
import type { Clock } from '../db/repositories/context';
import type { BackupService } from './backup-service';

export const BACKUP_EVERY_MS = 24 * 60 * 60 * 1000;
export const CHECK_EVERY_MS = 15 * 60 * 1000;
/** the first check waits a little, so opening the app stays quick */
export const FIRST_CHECK_AFTER_MS = 20 * 1000;

export type AutoBackupDeps = {
  readonly api: DesktopApi;
  readonly repo: BackupRepo;
  readonly service: BackupService;
  readonly clock: Clock;
};

/**
 * One waitForExit per page, whatever mounts and unmounts (React's development mode runs
 * effects twice): main closes the window at the first exitReady, so a second waiter would
 * cut the exit backup short. The handler of the scheduler running now takes the backup.
 */
const exitSlots = new WeakMap<DesktopApi, { handler?: (() => Promise<void>) | undefined }>();

function watchExit(api: DesktopApi, handler: () => Promise<void>): () => void {
  let slot = exitSlots.get(api);
  if (!slot) {
    const created: { handler?: (() => Promise<void>) | undefined } = {};
    slot = created;
    exitSlots.set(api, created);
    void api.waitForExit().then(async (asked) => {
      if (!asked.ok) return;
      try {
        await created.handler?.();
      } finally {
        await api.exitReady();
      }
    });
  }
  const current = slot;
  current.handler = handler;
  return () => {
    if (current.handler === handler) current.handler = undefined;
  };
}

/** A scheduler independent of React, so it can be tested with fake timers. */
export function startAutoBackup(deps: AutoBackupDeps, officer: () => Officer | null): { stop: () => void; check: () => Promise<void> } {
  let running: Promise<unknown> | undefined;
  let stopped = false;
  const run = () => {
    running ??= deps.service.backup('auto', officer() ?? undefined).finally(() => {
      running = undefined;
    });
    return running;
  };
  const check = async () => {
    if (stopped || running || !(await deps.repo.vaultKey())) return;
    const last = await deps.repo.lastBackup();
    const age = last ? deps.clock().getTime() - new Date(last.at).getTime() : Infinity;
    if (!last || !last.ok || age >= BACKUP_EVERY_MS) await run();
  };
  const first = setTimeout(() => void check(), FIRST_CHECK_AFTER_MS);
  const timer = setInterval(() => void check(), CHECK_EVERY_MS);
  const stopWatching = watchExit(deps.api, async () => {
    await running;
    if (await deps.repo.vaultKey()) await run();
  });
  return {
    stop: () => {
      stopped = true;
      stopWatching();
      clearTimeout(first);
      clearInterval(timer);
    },
    check,
  };
}

export function useAutoBackup(deps: AutoBackupDeps, enabled: boolean, officer: Officer | null): void {
  const officerRef = useRef(officer);
  useEffect(() => {
    officerRef.current = officer;
  });
  useEffect(() => {
    if (!enabled) return;
    return startAutoBackup(deps, () => officerRef.current).stop;
  }, [deps, enabled]);
}
