/**
 * Merging a record from a data package (gói dữ liệu) into this PC's copy — pure.
 *
 * - Records are matched by their stable id.
 * - History is merged: the union of both progress logs, in the order the steps were recorded.
 * - The newest change wins for current values (the later `updatedAt`; on a tie this PC's copy
 *   stays), and the progress fields follow the last recorded step of the merged history.
 * - A conflict is when both sides changed the record's own values since they were last in
 *   step (`since`: the previous package from that PC, else the record's creation), and the
 *   values now differ. The newest still wins; the conflict is listed for the officer.
 *
 * Merging is idempotent: merging the same incoming record into the result changes nothing,
 * so a package imported twice changes nothing the second time.
 */
import type { Dc01Event, ProgressEvent, Stamp } from '../domain/types';

export type MergeableRecord = Stamp & {
  readonly id: string;
  fullName: string;
  statusLog?: ProgressEvent[];
  stateLog?: Dc01Event[];
};

export type Conflict = {
  readonly id: string;
  readonly fullName: string;
  /** the fields whose values differ between the two copies */
  readonly fields: readonly string[];
  readonly kept: 'incoming' | 'local';
  readonly local: { readonly updatedAt: string; readonly updatedBy: string };
  readonly incoming: { readonly updatedAt: string; readonly updatedBy: string };
};

export type MergeOutcome<T> =
  | { readonly kind: 'new'; readonly record: T }
  | { readonly kind: 'updated'; readonly record: T; readonly conflict?: Conflict }
  | { readonly kind: 'unchanged'; readonly conflict?: Conflict };

/** Fields that follow from the history, or bookkeeping: never a conflict of their own. */
const NOT_VALUES = new Set([
  'statusLog', 'stateLog', 'status', 'statusDate', 'failReason', 'failNote',
  'state', 'stateDate', 'outcomeKey', 'hasCccd',
  'updatedAt', 'updatedBy', 'createdAt', 'createdBy', 'searchName', 'nameWords',
]);

/** JSON with object keys sorted: two PCs may hold the same record with keys in another order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

type AnyEvent = { readonly at: string; readonly by: string; readonly date: string };
const progressKey = (e: ProgressEvent) => `${e.at}|${e.by}|${e.status}|${e.date}|${e.failReason ?? ''}`;
const dc01Key = (e: Dc01Event) => `${e.at}|${e.by}|${e.state}|${e.date}|${e.outcomeKey ?? ''}`;

/** Both logs' events once each, ordered by when they were recorded (ties keep this PC's order first). */
function unionLog<E extends AnyEvent>(local: readonly E[], incoming: readonly E[], key: (e: E) => string): E[] {
  const seen = new Set(local.map(key));
  const extra = incoming.filter((e) => !seen.has(key(e)));
  if (extra.length === 0) return [...local];
  const all = [...local, ...extra];
  return all
    .map((event, order) => ({ event, order }))
    .sort((a, b) => (a.event.at < b.event.at ? -1 : a.event.at > b.event.at ? 1 : a.order - b.order))
    .map((x) => x.event);
}

function withProgressFrom(record: Record<string, unknown>, log: readonly ProgressEvent[]): void {
  const last = log[log.length - 1];
  if (!last) return;
  record.statusLog = log;
  record.status = last.status;
  record.statusDate = last.date;
  delete record.failReason;
  delete record.failNote;
  if (last.failReason) record.failReason = last.failReason;
  if (last.failNote) record.failNote = last.failNote;
}

function withStateFrom(record: Record<string, unknown>, log: readonly Dc01Event[]): void {
  const last = log[log.length - 1];
  if (!last) return;
  record.stateLog = log;
  record.state = last.state;
  record.stateDate = last.date;
  delete record.outcomeKey;
  delete record.hasCccd;
  if (last.outcomeKey !== undefined) record.outcomeKey = last.outcomeKey;
  if (last.hasCccd !== undefined) record.hasCccd = last.hasCccd;
}

function differingValues(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => !NOT_VALUES.has(k) && canonicalJson(a[k]) !== canonicalJson(b[k])).sort();
}

/**
 * `since`: when the two PCs were last in step (the export time of the previous package
 * merged from the same PC); without one, each record's creation.
 */
export function mergeRecord<T extends MergeableRecord>(local: T | undefined, incoming: T, since?: string): MergeOutcome<T> {
  if (!local) return { kind: 'new', record: incoming };
  const incomingWins = incoming.updatedAt > local.updatedAt;
  const winner = incomingWins ? incoming : local;
  const merged = { ...winner } as Record<string, unknown>;
  if (local.statusLog && incoming.statusLog) {
    const log = unionLog(local.statusLog, incoming.statusLog, progressKey);
    if (log.length !== (winner.statusLog?.length ?? 0)) withProgressFrom(merged, log);
  }
  if (local.stateLog && incoming.stateLog) {
    const log = unionLog(local.stateLog, incoming.stateLog, dc01Key);
    if (log.length !== (winner.stateLog?.length ?? 0)) withStateFrom(merged, log);
  }
  const fields = differingValues(local as Record<string, unknown>, incoming as Record<string, unknown>);
  const base = since ?? local.createdAt;
  const conflict: Conflict | undefined =
    fields.length > 0 && local.updatedAt > base && incoming.updatedAt > base && local.updatedAt !== incoming.updatedAt
      ? {
          id: local.id,
          fullName: winner.fullName,
          fields,
          kept: incomingWins ? 'incoming' : 'local',
          local: { updatedAt: local.updatedAt, updatedBy: local.updatedBy },
          incoming: { updatedAt: incoming.updatedAt, updatedBy: incoming.updatedBy },
        }
      : undefined;
  const extra = conflict ? { conflict } : {};
  if (canonicalJson(merged) === canonicalJson(local)) return { kind: 'unchanged', ...extra };
  return { kind: 'updated', record: merged as T, ...extra };
}

/**
 * Catalogue rows (hamlets, lists, DC01 categories, officers) and audit lines: what this PC
 * lacks is added; what it has stays as it is (each PC keeps its own settings).
 */
export function missingRows<T>(localKeys: ReadonlySet<string>, incoming: readonly T[], keyOf: (row: T) => string): T[] {
  return incoming.filter((row) => !localKeys.has(keyOf(row)));
}

/**
 * Another PC's hamlets against this PC's: each PC's setup made its own hamlet rows (own
 * ids) for the same places, so they are matched by name (`key` folds case and tone
 * marks). Records coming in are pointed at this PC's hamlet; only unknown names are added.
 */
export function matchHamlets<H extends { readonly id: string; readonly name: string }>(
  local: readonly H[],
  incoming: readonly H[],
  key: (name: string) => string,
): { readonly idMap: ReadonlyMap<string, string>; readonly missing: readonly H[] } {
  const byName = new Map(local.map((h) => [key(h.name), h.id]));
  const localIds = new Set(local.map((h) => h.id));
  const idMap = new Map<string, string>();
  const missing: H[] = [];
  for (const h of incoming) {
    const same = byName.get(key(h.name));
    if (same !== undefined) idMap.set(h.id, same);
    else if (!localIds.has(h.id)) {
      missing.push(h);
      byName.set(key(h.name), h.id);
    }
  }
  return { idMap, missing };
}
