import type { UnitSettings } from '../../../shared/domain/types';
import { appendAudit, type RepoContext } from './context';
import { err, ok, type Result } from '../../../shared/result';

const UNIT_KEY = 'unit';
const LAST_HAMLET_KEY = 'ui.lastHamletId';
const IDLE_KEY = 'security.idleMinutes';

/** The PC locks itself after this many minutes without use, unless the unit chose otherwise. */
export const DEFAULT_IDLE_MINUTES = 10;
export const MAX_IDLE_MINUTES = 120;

export function createSettingsRepo(ctx: RepoContext) {
  const { db } = ctx;
  return {
    async getUnit(): Promise<UnitSettings | undefined> {
      const row = await db.settings.get(UNIT_KEY);
      return row?.value as UnitSettings | undefined;
    },
    async saveUnit(unit: UnitSettings, officerId: string): Promise<void> {
      await db.transaction('rw', db.settings, db.audit, async () => {
        const before = (await db.settings.get(UNIT_KEY))?.value as UnitSettings | undefined;
        await db.settings.put({ key: UNIT_KEY, value: unit });
        await appendAudit(ctx, {
          officerId,
          action: 'settings',
          entity: 'settings',
          recordId: UNIT_KEY,
          changes: { unit: [before ?? null, unit] },
        });
      });
    },
    async getLastHamletId(): Promise<string> {
      const row = await db.settings.get(LAST_HAMLET_KEY);
      return typeof row?.value === 'string' ? row.value : '';
    },
    async getIdleMinutes(): Promise<number> {
      const row = await db.settings.get(IDLE_KEY);
      return typeof row?.value === 'number' ? row.value : DEFAULT_IDLE_MINUTES;
    },
    async setIdleMinutes(minutes: number, officerId: string): Promise<Result<number, 'invalid'>> {
      if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_IDLE_MINUTES) {
        return err('invalid', `Thời gian tự khóa là số phút từ 1 đến ${MAX_IDLE_MINUTES}.`);
      }
      await db.transaction('rw', db.settings, db.audit, async () => {
        const before = (await db.settings.get(IDLE_KEY))?.value ?? DEFAULT_IDLE_MINUTES;
        await db.settings.put({ key: IDLE_KEY, value: minutes });
        await appendAudit(ctx, { officerId, action: 'settings', entity: 'settings', recordId: IDLE_KEY, changes: { idleMinutes: [before, minutes] } });
      });
      return ok(minutes);
    },
    async setLastHamletId(hamletId: string): Promise<void> {
      await db.settings.put({ key: LAST_HAMLET_KEY, value: hamletId });
    },
  };
}

export type SettingsRepo = ReturnType<typeof createSettingsRepo>;
