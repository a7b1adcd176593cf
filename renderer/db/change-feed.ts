/**
 * Which records a repository just changed, announced after the transaction
 * committed. Big lists (30,000 rows) patch themselves from this instead of
 * re-reading the whole list after every save, which would stall typing.
 * Repositories are the only writers, so nothing is missed within the app.
 */
export type ChangeListener = (ids: readonly string[]) => void;

export type ChangeFeed = {
  emit(table: string, ids: readonly string[]): void;
  subscribe(table: string, listener: ChangeListener): () => void;
};

export function createChangeFeed(): ChangeFeed {
  const listeners = new Map<string, Set<ChangeListener>>();
  return {
    emit(table, ids) {
      if (ids.length === 0) return;
      for (const listener of listeners.get(table) ?? []) listener(ids);
    },
    subscribe(table, listener) {
      const set = listeners.get(table) ?? new Set<ChangeListener>();
      set.add(listener);
      listeners.set(table, set);
      return () => set.delete(listener);
    },
  };
}
