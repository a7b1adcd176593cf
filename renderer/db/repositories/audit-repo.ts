import type { AuditAction, AuditEntry, IsoDate } from '../../../shared/domain/types';
import { addDays } from '../../../shared/dates/partial-date';

export type AuditQuery = {
  officerId?: string;
  action?: AuditAction | '';
  entity?: string;
  /** local days, inclusive; open when absent */
  from?: IsoDate | '';
  to?: IsoDate | '';
  limit: number;
};

/** Local midnight of a day as the ISO instant the log stores. */
const startOf = (day: IsoDate) => new Date(`${day}T00:00:00`).toISOString();
import { appendAudit, type RepoContext } from './context';

export function createAuditRepo(ctx: RepoContext) {
  const { db } = ctx;
  return {
    async forRecord(entity: string, recordId: string): Promise<AuditEntry[]> {
      const entries = await db.audit.where('[entity+recordId]').equals([entity, recordId]).toArray();
      return entries.sort((a, b) => a.at.localeCompare(b.at));
    },
    /**
     * The log, newest first, through its time index; the other filters are
     * checked while walking it, so a page costs what it shows.
     */
    async search(q: AuditQuery): Promise<AuditEntry[]> {
      const lower = q.from ? startOf(q.from) : '';
      const upper = q.to ? startOf(addDays(q.to, 1)) : '\uffff';
      return db.audit
        .where('at')
        .between(lower, upper, true, false)
        .reverse()
        .filter((e) => (!q.officerId || e.officerId === q.officerId) && (!q.action || e.action === q.action) && (!q.entity || e.entity === q.entity))
        .limit(q.limit)
        .toArray();
    },
    /** Personal data leaving the app is recorded: which list, how many rows, who. */
    async logExport(entity: string, what: string, rows: number, officerId: string): Promise<void> {
      await appendAudit(ctx, { officerId, action: 'export', entity, recordId: what, summary: `${rows} dòng` });
    },
  };
}

export type AuditRepo = ReturnType<typeof createAuditRepo>;
