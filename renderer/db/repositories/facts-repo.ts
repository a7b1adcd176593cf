/** Reading the facts projection (see ../facts.ts); only record repositories write it. */
import { FACT_BUNDLE_SCOPE, type FactRow, type StoredFactRow } from '../facts';
import type { RepoContext } from './context';

/** The change-feed tables whose records have facts. */
export const FACT_SOURCES = ['members', 'labour', 'declarations', 'dc01Cases'] as const;

export function createFactsRepo(ctx: RepoContext) {
  const { db } = ctx;
  const bundles = async () =>
    (await db.facts.where('scope').equals(FACT_BUNDLE_SCOPE).toArray()).filter((r): r is Extract<StoredFactRow, { kind: 'bundle' }> => r.kind === 'bundle');
  return {
    /** Every record's facts: its own row, or else its entry in a bundle. */
    async all(): Promise<FactRow[]> {
      const own = new Map<string, FactRow>();
      const bundled: FactRow[] = [];
      for (const row of await db.facts.toArray()) {
        if (row.kind === 'bundle') bundled.push(...row.facts);
        else own.set(row.id, row);
      }
      for (const fact of bundled) if (!own.has(fact.id)) own.set(fact.id, fact);
      return [...own.values()];
    },
    async getMany(ids: readonly string[]): Promise<(FactRow | undefined)[]> {
      const rows = (await db.facts.bulkGet([...ids])).map((r) => (r?.kind === 'bundle' ? undefined : r));
      if (rows.every((r) => r !== undefined)) return rows;
      const bundled = new Map<string, FactRow>();
      for (const bundle of await bundles()) for (const fact of bundle.facts) bundled.set(fact.id, fact);
      return rows.map((r, i) => r ?? bundled.get(ids[i] ?? ''));
    },
  };
}

export type FactsRepo = ReturnType<typeof createFactsRepo>;
