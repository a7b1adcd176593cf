/**
 * Once the officer edits a field, its old message goes away; it comes back
 * only if the next attempt to save still finds a problem there.
 */
export function clearChangedErrors<D extends object, E extends Partial<Record<string, string>>>(errors: E, before: D, after: D): E {
  const next: Partial<Record<string, string>> = { ...errors };
  for (const key of Object.keys(errors)) {
    if ((before as Record<string, unknown>)[key] !== (after as Record<string, unknown>)[key]) delete next[key];
  }
  return next as E;
}
