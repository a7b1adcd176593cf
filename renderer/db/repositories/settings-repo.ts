import type { UnitSettings } from '../../../shared/domain/types';
import { appendAudit, type RepoContext } from './context';

const UNIT_KEY = 'unit';
const LAST_HAMLET_KEY = 'ui.lastHamletId';

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
    async setLastHamletId(hamletId: string): Promise<void> {
      await db.settings.put({ key: LAST_HAMLET_KEY, value: hamletId });
    },
  };
}

export type SettingsRepo = ReturnType<typeof createSettingsRepo>;
