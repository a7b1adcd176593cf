/**
 * Hand-overs (chốt số liệu): what was sent to the superior unit for a period —
 * every figure's value, each file's name, checksum and size, who and when.
 * Append-only: a correction is a new hand-over, the earlier one stays.
 */
import type { Handover, HandoverFile } from '../../../shared/domain/types';
import type { Period } from '../../../shared/settings/period';
import type { SentValues } from '../../../shared/report/handover';
import { appendAudit, nowStamp, type RepoContext } from './context';

export function createHandoverRepo(ctx: RepoContext) {
  const { db } = ctx;
  return {
    /** Every hand-over, newest first. */
    async all(): Promise<Handover[]> {
      const rows = await db.handovers.toArray();
      return rows.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    },

    /** The latest hand-over of the period ending `periodTo`, if any. */
    async latest(periodTo: string): Promise<Handover | undefined> {
      const rows = await db.handovers.where('periodTo').equals(periodTo).toArray();
      return rows.reduce<Handover | undefined>((best, h) => (!best || h.at > best.at ? h : best), undefined);
    },

    /** `passwordProtected`: the Excel files were given a password to open (noted in the audit; the password itself is kept nowhere). */
    async record(input: { period: Period; files: readonly HandoverFile[]; values: SentValues; passwordProtected?: boolean }, officerId: string): Promise<Handover> {
      const handover: Handover = {
        id: ctx.newId(),
        periodFrom: input.period.from,
        periodTo: input.period.to,
        at: nowStamp(ctx).at,
        by: officerId,
        files: input.files.map((f) => ({ ...f })),
        values: { ...input.values },
      };
      await db.transaction('rw', db.handovers, db.audit, async () => {
        await db.handovers.add(handover);
        await appendAudit(ctx, {
          officerId,
          action: 'export',
          entity: 'handovers',
          recordId: handover.id,
          summary: `Chốt số liệu và bàn giao kỳ đến ${input.period.to}: ${input.files.map((f) => f.name).join(', ')}${input.passwordProtected ? ' (tệp Excel có đặt mật khẩu mở)' : ''}`,
        });
      });
      return handover;
    },
  };
}

export type HandoverRepo = ReturnType<typeof createHandoverRepo>;
