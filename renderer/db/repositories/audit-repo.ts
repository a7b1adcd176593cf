import type { AuditEntry } from '../../../shared/domain/types';
import { appendAudit, type RepoContext } from './context';

export function createAuditRepo(ctx: RepoContext) {
  const { db } = ctx;
  return {
    async forRecord(entity: string, recordId: string): Promise<AuditEntry[]> {
      const entries = await db.audit.where('[entity+recordId]').equals([entity, recordId]).toArray();
      return entries.sort((a, b) => a.at.localeCompare(b.at));
    },
    /** Personal data leaving the app is recorded: which list, how many rows, who. */
    async logExport(entity: string, what: string, rows: number, officerId: string): Promise<void> {
      await appendAudit(ctx, { officerId, action: 'export', entity, recordId: what, summary: `${rows} dòng` });
    },
  };
}

export type AuditRepo = ReturnType<typeof createAuditRepo>;
