/**
 * A small piece of view state (column choice, last filter) kept in
 * localStorage so it survives a restart. Not for records: those live in Dexie.
 */
import { useCallback, useState } from 'react';

export function useStoredState<T>(key: string, initial: T, isValid: (v: unknown) => v is T): [T, (next: T) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const raw = localStorage.getItem(key);
      if (raw === null) return initial;
      const parsed: unknown = JSON.parse(raw);
      return isValid(parsed) ? parsed : initial;
    } catch {
      return initial;
    }
  });
  const store = useCallback(
    (next: T) => {
      setValue(next);
      try {
        localStorage.setItem(key, JSON.stringify(next));
      } catch {
        // A full or disabled storage only loses the preference, never data.
      }
    },
    [key],
  );
  return [value, store];
}

export const isBooleanRecord = (v: unknown): v is Record<string, boolean> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'boolean');
