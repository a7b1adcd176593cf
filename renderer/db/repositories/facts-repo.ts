/** Reading the facts projection (see ../facts.ts); only record repositories write it. */
import type { FactRow } from '../facts';
import type { RepoContext } from './context';

/** The change-feed tables whose records have facts. */
export const FACT_SOURCES = ['members', 'labour', 'declarations', 'dc01Cases'] as const;

export function createFactsRepo(ctx: RepoContext) {
  const { db } = ctx;
  return {
    async all(): Promise<FactRow[]> {
      return db.facts.toArray();
    },
    async getMany(ids: readonly string[]): Promise<(FactRow | undefined)[]> {
      return db.facts.bulkGet([...ids]);
    },
  };
}

export type FactsRepo = ReturnType<typeof createFactsRepo>;
