/**
 * Which records a repository just changed, announced after the transaction
 * committed. Big lists (30,000 rows) patch themselves from this instead of
 * re-reading the whole list after every save, which would stall typing.
 * Repositories are the only writers, so nothing is missed within a window;
 * other windows or tabs of the same database hear it over a BroadcastChannel
 * (local to this browser profile — nothing leaves the machine).
 */
export type ChangeListener = (ids: readonly string[]) => void;

export type ChangeFeed = {
  emit(table: string, ids: readonly string[]): void;
  subscribe(table: string, listener: ChangeListener): () => void;
};

type Message = { table: string; ids: readonly string[] };

export function createChangeFeed(channelName?: string): ChangeFeed {
  const listeners = new Map<string, Set<ChangeListener>>();
  const deliver = (table: string, ids: readonly string[]) => {
    for (const listener of listeners.get(table) ?? []) listener(ids);
  };
  const channel = channelName && typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel(channelName) : undefined;
  channel?.addEventListener('message', (e: MessageEvent<Message>) => {
    const { table, ids } = e.data;
    if (typeof table === 'string' && Array.isArray(ids)) deliver(table, ids);
  });
  return {
    emit(table, ids) {
      if (ids.length === 0) return;
      deliver(table, ids);
      channel?.postMessage({ table, ids: [...ids] } satisfies Message);
    },
    subscribe(table, listener) {
      const set = listeners.get(table) ?? new Set<ChangeListener>();
      set.add(listener);
      listeners.set(table, set);
      return () => set.delete(listener);
    },
  };
}
