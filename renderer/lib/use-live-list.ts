/**
 * A large list loaded once, then kept current from the change feed: changed
 * records are re-read by key and patched in place, new ones appended (lists
 * are in entry order), ones that left the list removed.
 */
import { useEffect, useState } from 'react';
import type { ChangeFeed } from '../db/change-feed';

export type LiveListSource<T extends { id: string }> = {
  feed: ChangeFeed;
  /** the change-feed table(s) whose changes concern this list */
  table: string | readonly string[];
  load: () => Promise<T[]>;
  getMany: (ids: readonly string[]) => Promise<(T | undefined)[]>;
  belongs: (record: T) => boolean;
};

export function patchList<T extends { id: string }>(
  list: readonly T[],
  changed: readonly (T | undefined)[],
  ids: readonly string[],
  belongs: (record: T) => boolean,
): T[] {
  const byId = new Map<string, T | undefined>();
  ids.forEach((id, i) => byId.set(id, changed[i]));
  const next: T[] = [];
  for (const r of list) {
    if (!byId.has(r.id)) next.push(r);
    else {
      const fresh = byId.get(r.id);
      if (fresh && belongs(fresh)) next.push(fresh);
      byId.delete(r.id);
    }
  }
  for (const fresh of byId.values()) if (fresh && belongs(fresh)) next.push(fresh);
  return next;
}

export function useLiveList<T extends { id: string }>(source: LiveListSource<T>, key: string): T[] | undefined {
  const [state, setState] = useState<{ key: string; list: T[] } | undefined>();
  const { feed, table, load, getMany, belongs } = source;
  useEffect(() => {
    let live = true;
    // Changes that arrive while the first load runs are applied after it, in order.
    let queue: Promise<void> = load().then((list) => {
      if (live) setState({ key, list });
    });
    const onChange = (ids: readonly string[]) => {
      queue = queue.then(async () => {
        const changed = await getMany(ids);
        if (live) setState((s) => (s ? { key: s.key, list: patchList(s.list, changed, ids, belongs) } : s));
      });
    };
    const unsubscribe = (typeof table === 'string' ? [table] : table).map((t) => feed.subscribe(t, onChange));
    return () => {
      live = false;
      for (const u of unsubscribe) u();
    };
    // `key` identifies the source (list and tables); the functions are recreated each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [feed, key]);
  return state?.key === key ? state.list : undefined;
}
