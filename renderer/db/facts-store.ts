/**
 * The facts of every record, held for the whole session: read once (a couple
 * of seconds at 250,000 records, so it starts in the background right after
 * sign-in), then patched from the change feed as records change. The
 * dashboard reads a snapshot and recomputes its figures in milliseconds.
 */
import type { ChangeFeed } from './change-feed';
import type { FactRow } from './facts';
import { patchList } from '../lib/use-live-list';
import { FACT_SOURCES, type FactsRepo } from './repositories/facts-repo';

export type FactsStore = {
  /** starts the first read if nobody has yet */
  load(): void;
  /** the current facts, or undefined while the first read runs */
  snapshot(): readonly FactRow[] | undefined;
  subscribe(listener: () => void): () => void;
};

export function createFactsStore(repo: FactsRepo, feed: ChangeFeed): FactsStore {
  let facts: FactRow[] | undefined;
  let queue: Promise<void> | undefined;
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const l of listeners) l();
  };

  const load = () => {
    if (queue) return;
    queue = repo.all().then((all) => {
      facts = all;
      notify();
    });
    // Changes are applied in order, after the first read.
    for (const source of FACT_SOURCES) {
      feed.subscribe(source, (ids) => {
        queue = (queue ?? Promise.resolve()).then(async () => {
          const changed = await repo.getMany(ids);
          if (facts) {
            facts = patchList(facts, changed, ids, () => true);
            notify();
          }
        });
      });
    }
  };

  return {
    load,
    snapshot: () => facts,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
