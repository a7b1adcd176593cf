/**
 * Composition root: the database, the repositories, the desktop API and the
 * clock, created once and handed down through context. Tests build their own
 * with a fake-indexeddb database and a fixed clock.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { AppDatabase } from '../db/database';
import { createRepositories, type Repositories } from '../db/repositories';
import type { Clock } from '../db/repositories/context';
import type { DesktopApi } from '../../shared/ipc/contract';
import { getDesktopApi } from '../platform/desktop-api';
import { createFactsStore, type FactsStore } from '../db/facts-store';
import { createBackupService, type BackupService } from '../backup/backup-service';

export type AppServices = {
  readonly db: AppDatabase;
  readonly repos: Repositories;
  readonly api: DesktopApi;
  readonly clock: Clock;
  /** every record's facts, for the dashboard and the report */
  readonly facts: FactsStore;
  /** backups, restores and data packages */
  readonly backup: BackupService;
};

export function createAppServices(options?: { dbName?: string; clock?: Clock; api?: DesktopApi }): AppServices {
  const db = new AppDatabase(options?.dbName);
  const clock = options?.clock ?? (() => new Date());
  const repos = createRepositories(db, clock);
  const api = options?.api ?? getDesktopApi();
  return {
    db,
    repos,
    api,
    clock,
    facts: createFactsStore(repos.facts, repos.ctx.changes),
    backup: createBackupService({ repos, api, clock }),
  };
}

const ServicesContext = createContext<AppServices | null>(null);

export function ServicesProvider({ services, children }: { services: AppServices; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesProvider');
  return services;
}
