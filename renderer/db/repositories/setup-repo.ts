/** First-run setup: the unit, its hamlets and its first officer, all or nothing. */
import type { Hamlet, Officer, UnitSettings } from '../../../shared/domain/types';
import { appendAudit, type RepoContext } from './context';

export function createSetupRepo(ctx: RepoContext) {
  const { db } = ctx;
  return {
    async isSetUp(): Promise<boolean> {
      const [unit, officers] = await Promise.all([db.settings.get('unit'), db.officers.count()]);
      return Boolean(unit) && officers > 0;
    },
    async complete(unit: UnitSettings, hamletNames: readonly string[], officer: Officer): Promise<void> {
      await db.transaction('rw', [db.settings, db.hamlets, db.officers, db.audit], async () => {
        await db.settings.put({ key: 'unit', value: unit });
        const hamlets: Hamlet[] = hamletNames.map((name, i) => ({
          id: ctx.newId(),
          name,
          order: i + 1,
          hidden: false,
        }));
        await db.hamlets.bulkAdd(hamlets);
        await db.officers.add(officer);
        await appendAudit(ctx, {
          officerId: officer.id,
          action: 'settings',
          entity: 'settings',
          recordId: 'unit',
          summary: `Khởi tạo đơn vị ${unit.unitName}`,
        });
      });
    },
  };
}

export type SetupRepo = ReturnType<typeof createSetupRepo>;
