/**
 * Targets (tổng số): the denominator per list and period. A period without its
 * own target uses the latest earlier one — associations rarely change it monthly.
 */
import type { Target, TargetScope } from '../../../shared/domain/types';
import { err, ok, type Result } from '../../../shared/result';
import type { Period } from '../../../shared/settings/period';
import { appendAudit, nowStamp, type RepoContext } from './context';

export const targetId = (scope: TargetScope, periodTo: string): string => `${scope}|${periodTo}`;

export { targetFor } from '../../../shared/report/figures';

export function parseTargetValue(raw: string): Result<number, 'invalid'> {
  const digits = raw.replace(/[.\s]/g, '');
  if (!/^\d{1,7}$/.test(digits)) return err('invalid', 'Tổng số là số nguyên không âm, ví dụ 22.966.');
  return ok(Number(digits));
}

export function createTargetRepo(ctx: RepoContext) {
  const { db } = ctx;
  return {
    async all(): Promise<Target[]> {
      return db.targets.toArray();
    },
    async set(scope: TargetScope, period: Period, value: number, officerId: string): Promise<Target> {
      const target: Target = {
        id: targetId(scope, period.to),
        scope,
        periodFrom: period.from,
        periodTo: period.to,
        value,
        updatedAt: nowStamp(ctx).at,
        updatedBy: officerId,
      };
      await db.transaction('rw', db.targets, db.audit, async () => {
        const before = await db.targets.get(target.id);
        await db.targets.put(target);
        await appendAudit(ctx, {
          officerId,
          action: before ? 'update' : 'create',
          entity: 'targets',
          recordId: target.id,
          changes: { value: [before?.value ?? null, value] },
        });
      });
      return target;
    },
  };
}

export type TargetRepo = ReturnType<typeof createTargetRepo>;
