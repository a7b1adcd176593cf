import { useEffect, useSyncExternalStore } from 'react';
import { useServices } from '../context/services';
import type { FactRow } from '../db/facts';

/** The session's facts (see db/facts-store.ts); undefined until the first read is done. */
export function useFacts(): readonly FactRow[] | undefined {
  const { facts } = useServices();
  useEffect(() => facts.load(), [facts]);
  return useSyncExternalStore(facts.subscribe, facts.snapshot);
}
