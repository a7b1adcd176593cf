/**
 * Excel import, the database side.
 *
 * - `review`: which rows of the file are already in the target (same personal ID in the
 *   same list / category, or the same owner for vehicles), and which vehicle numbers
 *   already belong to another declaration — for the preview.
 * - `commit`: every accepted row in ONE transaction, all or nothing. It reviews again
 *   inside the transaction; if the records changed since the preview, nothing is written
 *   and the officer is asked to look again. Progress is reported per chunk, and a cancel
 *   (or a crash, or a closed window) rolls the whole import back.
 *
 * New records start in the status the file states (received when it states none); the
 * first event of each record names the file, sheet and row(s). One audit entry records
 * the import; each updated record gets its own entry with the fields that changed.
 */
import Dexie, { type Table } from 'dexie';
import type {
  Dc01Case,
  FamilyKey,
  ImportLog,
  ImportSource,
  LabourRecord,
  MemberRecord,
  ProgressFields,
  Vehicle,
  VehicleDeclaration,
} from '../../../shared/domain/types';
import { applyProgress, initialProgress } from '../../../shared/domain/progress';
import { initialDc01 } from '../../../shared/domain/dc01';
import { personSearchKeys } from '../../../shared/domain/person';
import { declarationKeys } from '../../../shared/domain/vehicles';
import { err, ok, type Result } from '../../../shared/result';
import { nameBirthKey, type Candidate, type ImportTarget } from '../../../shared/import/rows';
import {
  candidateVehicleKeys,
  importTotals,
  reviewItems,
  sameReview,
  type ImportTotals,
  type KnownVehicleKeys,
  type Review,
  type SheetItem,
  type UpdateChoice,
} from '../../../shared/import/plan';
import { candidatePerson, mergeLabour, mergePerson, newVehicles } from '../../../shared/import/merge';
import { saveMapping, type MappingProposal, type SavedMapping } from '../../../shared/import/columns';
import { FACT_BUNDLE_SCOPE, factOf, type FactBundleRow, type FactRow } from '../facts';
import type { StoredMapping } from '../database';
import { diffFields, nowStamp, type RepoContext } from './context';
import { PERSON_FIELDS } from './record-ops';
import { withProgress } from './progress-step';

type AnyRecord = MemberRecord | LabourRecord | VehicleDeclaration | Dc01Case;

export type ImportRequest = {
  readonly target: ImportTarget;
  readonly file: string;
  /** the list's or category's name, for the history ('' for labour and vehicles) */
  readonly scopeLabel: string;
  readonly items: readonly SheetItem[];
  readonly updates: UpdateChoice;
  /** the preview the officer saw: the commit refuses if the database now says otherwise */
  readonly reviewed: ReviewedImport;
};

/** A review and the version of the target table it was made against. */
export type ReviewedImport = Review & { readonly version: string };

export type ImportProgress = { readonly done: number; readonly total: number };

export type ImportOptions = {
  readonly onProgress?: (progress: ImportProgress) => void;
  readonly signal?: AbortSignal;
  /** records written per step between progress reports */
  readonly chunk?: number;
};

export type ImportError = 'cancelled' | 'changed' | 'missing_parent' | 'failed';

export type ImportOutcome = ImportTotals & { readonly id: string };

/** Words for a failed status stated by a file, which gives no reason. */
const FAILED_FROM_FILE = { failReason: 'other', failNote: 'Theo danh sách nhập từ tệp' } as const;

const FAMILY_TABLE = { members: 'members', labour: 'labour', vehicles: 'declarations', dc01: 'dc01Cases' } as const;

class Cancelled extends Error {}
class Changed extends Error {}

export function createImportRepo(ctx: RepoContext) {
  const { db } = ctx;

  const tableOf = (family: FamilyKey): Table<AnyRecord, string> => db.table(FAMILY_TABLE[family]);

  const factFor = (family: FamilyKey, record: AnyRecord): FactRow => {
    if (family === 'members') return factOf.member(record as MemberRecord);
    if (family === 'labour') return factOf.labour(record as LabourRecord);
    if (family === 'vehicles') return factOf.declaration(record as VehicleDeclaration);
    return factOf.dc01(record as Dc01Case);
  };

  /**
   * Live records of the target that a candidate of the file matches: by personal ID, by CMND,
   * or — for someone without either — by name and date of birth.
   */
  async function existingKeys(target: ImportTarget, items: readonly SheetItem[]): Promise<Map<string, string>> {
    const personalIds = new Set<string>();
    const oldIds = new Set<string>();
    const nameWords = new Set<string>();
    for (const { item } of items) {
      if (item.kind !== 'candidate') continue;
      if (item.personalId !== '') personalIds.add(item.personalId);
      else if (item.oldId !== '') oldIds.add(item.oldId);
      else {
        const first = personSearchKeys(candidatePerson(item.value), false).nameWords[0];
        if (first !== undefined) nameWords.add(first);
      }
    }
    const table = tableOf(target.family);
    const byOldId = async (): Promise<AnyRecord[]> => {
      if (oldIds.size === 0) return [];
      if (target.family === 'members' || target.family === 'labour') return table.where('oldId').anyOf([...oldIds]).toArray();
      // DC01 cases and declarations have no CMND index: look through the target's own records
      const scope = target.family === 'dc01' ? db.dc01Cases.where('categoryKey').anyOf(target.categories.map((c) => c.key)) : db.declarations.toCollection();
      return (await scope.toArray()).filter((r: AnyRecord) => oldIds.has(r.oldId));
    };
    const found = [
      ...(personalIds.size > 0 ? await table.where('personalId').anyOf([...personalIds]).toArray() : []),
      ...(await byOldId()),
      ...(nameWords.size > 0 ? (await table.where('nameWords').anyOf([...nameWords]).toArray()).filter((r) => r.personalId === '' && r.oldId === '') : []),
    ];
    const keys = new Map<string, string>();
    const add = (key: string, id: string) => {
      if (!keys.has(key)) keys.set(key, id);
    };
    for (const record of found) {
      if (record.deletedAt) continue;
      if (target.family === 'members' && (record as MemberRecord).listKey !== target.listKey) continue;
      const scope = target.family === 'dc01' ? `${(record as Dc01Case).categoryKey}|` : '';
      if (record.personalId !== '') add(`${scope}${record.personalId}`, record.id);
      // a file row with only a CMND still finds the record that also has a personal ID
      if (record.oldId !== '') add(`${scope}cmnd:${record.oldId}`, record.id);
      if (record.personalId === '' && record.oldId === '' && record.birthDate !== '') add(`${scope}${nameBirthKey(record.fullName, record.birthDate)}`, record.id);
    }
    return keys;
  }

  /** Plate, frame and engine keys of the file that other declarations already hold. */
  async function knownVehicleKeys(items: readonly SheetItem[]): Promise<KnownVehicleKeys> {
    const wanted = { plateKeys: new Set<string>(), frameKeys: new Set<string>(), engineKeys: new Set<string>() };
    for (const { item } of items) {
      if (item.kind !== 'candidate') continue;
      const keys = candidateVehicleKeys(item);
      for (const index of ['plateKeys', 'frameKeys', 'engineKeys'] as const) for (const k of keys[index]) wanted[index].add(k);
    }
    const known = new Map<string, { declarationId: string; owner: string }>();
    for (const index of ['plateKeys', 'frameKeys', 'engineKeys'] as const) {
      if (wanted[index].size === 0) continue;
      const hits = await db.declarations.where(index).anyOf([...wanted[index]]).toArray();
      for (const d of hits) {
        if (d.deletedAt) continue;
        const owner = `${d.fullName}${d.personalId ? ` (${d.personalId})` : ''}`;
        for (const k of d[index]) if (wanted[index].has(k)) known.set(`${index}:${k}`, { declarationId: d.id, owner });
      }
    }
    return known;
  }

  /**
   * What the target table looked like: its size and its latest change. Every write stamps
   * updatedAt with the time, so an unchanged version means nothing was added, changed or
   * deleted since — and the commit need not review 50,000 rows again.
   */
  async function tableVersion(family: FamilyKey): Promise<string> {
    const table = tableOf(family);
    const [count, latest] = await Promise.all([table.count(), table.orderBy('updatedAt').reverse().limit(2).toArray()]);
    return [count, ...latest.map((r) => `${r.id}@${r.updatedAt}`)].join('|');
  }

  async function review(target: ImportTarget, items: readonly SheetItem[]): Promise<ReviewedImport> {
    const version = await tableVersion(target.family);
    const existing = await existingKeys(target, items);
    const known = target.family === 'vehicles' ? await knownVehicleKeys(items) : new Map();
    return { ...reviewItems(items, existing, known), version };
  }

  function sourceOf(file: string, sheet: string, candidate: Candidate): ImportSource {
    return { file, sheet, rows: candidate.rowNumbers };
  }

  /** A new record from a candidate, as the entry form would have saved it. */
  function newRecord(candidate: Candidate, source: ImportSource, stamp: { at: string; today: string }, officerId: string): AnyRecord {
    const idFlagged = candidate.idIssues.length > 0;
    const stamps = { id: ctx.newId(), createdAt: stamp.at, createdBy: officerId, updatedAt: stamp.at, updatedBy: officerId };
    const progress = (): ProgressFields =>
      initialProgress(stamp.today, stamp.at, officerId, candidate.status === '' ? 'received' : candidate.status, {
        source,
        ...(candidate.status === 'failed' ? FAILED_FROM_FILE : {}),
      });
    const value = candidate.value;
    switch (value.family) {
      case 'members':
        return { ...stamps, ...value.person, listKey: '', memberKind: value.memberKind, ...personSearchKeys(value.person, idFlagged), ...progress() };
      case 'labour':
        return { ...stamps, ...value.labour, ...personSearchKeys(value.labour, idFlagged), ...progress() };
      case 'vehicles': {
        const vehicles: Vehicle[] = value.vehicles.map((v) => ({ ...v, id: ctx.newId() }));
        return { ...stamps, ...value.person, vehicles, ...declarationKeys(vehicles), ...personSearchKeys(value.person, idFlagged), ...progress() };
      }
      case 'dc01':
        return {
          ...stamps,
          ...value.person,
          categoryKey: value.categoryKey,
          householdNo: value.householdNo,
          receivedDate: value.receivedDate,
          source: value.source,
          assigneeId: '',
          ...personSearchKeys(value.person, idFlagged),
          ...initialDc01(value.receivedDate, stamp.at, officerId, source),
        };
    }
  }

  /** The record after the file's row updated it (the caller compares it with the current one). */
  function updatedRecord(current: AnyRecord, candidate: Candidate, source: ImportSource, stamp: { at: string; today: string }, officerId: string): AnyRecord {
    const value = candidate.value;
    const person = candidatePerson(value);
    const idFlagged = candidate.idIssues.length > 0 || (current.idFlagged && person.personalId === '');
    let next: AnyRecord;
    if (value.family === 'labour') next = mergeLabour(current as LabourRecord, value.labour);
    else next = mergePerson(current, person);
    if (value.family === 'members') {
      const member = next as MemberRecord;
      next = { ...member, memberKind: value.memberKind === 'collective' ? 'collective' : member.memberKind };
    } else if (value.family === 'vehicles') {
      const declaration = next as VehicleDeclaration;
      const vehicles = [...declaration.vehicles, ...newVehicles(declaration.vehicles, value.vehicles).map((v) => ({ ...v, id: ctx.newId() }))];
      next = { ...declaration, vehicles, ...declarationKeys(vehicles) };
    } else if (value.family === 'dc01') {
      const dc01 = next as Dc01Case;
      next = { ...dc01, householdNo: value.householdNo || dc01.householdNo, source: value.source || dc01.source };
    }
    next = { ...next, ...personSearchKeys(next, idFlagged) };
    if (value.family !== 'dc01' && candidate.status !== '' && 'status' in next && candidate.status !== next.status) {
      const change = { status: candidate.status, date: stamp.today, ...(candidate.status === 'failed' ? FAILED_FROM_FILE : {}) };
      const applied = applyProgress(next, change, { today: stamp.today, at: stamp.at, by: officerId });
      if (applied.ok) {
        const log = applied.value.statusLog;
        const last = log[log.length - 1];
        const statusLog = last ? [...log.slice(0, -1), { ...last, source }] : log;
        next = withProgress(next as MemberRecord, { ...applied.value, statusLog });
      }
    }
    return { ...next, updatedAt: stamp.at, updatedBy: officerId };
  }

  const COMPARED = [...PERSON_FIELDS, 'memberKind', 'vehicles', 'householdNo', 'source', 'status', 'economicStatus', 'socialInsuranceNo', 'permanentAddress', 'currentAddress', 'ethnicity', 'generalEducation', 'technicalQualification', 'fieldOfTraining', 'relationToHead'] as const;

  async function commit(request: ImportRequest, officerId: string, options: ImportOptions = {}): Promise<Result<ImportOutcome, ImportError>> {
    const { target } = request;
    const chunk = options.chunk ?? 10_000;
    const table = tableOf(target.family);
    const parents = target.family === 'members' ? [db.memberLists] : target.family === 'dc01' ? [db.dc01Categories] : [];
    const stamp = nowStamp(ctx);
    const importId = ctx.newId();
    const totals = importTotals(request.reviewed.counts, request.updates);
    const written: string[] = [];
    try {
      await db.transaction('rw', [table, db.facts, db.audit, db.imports, ...parents], async () => {
        if (target.family === 'members' && !(await db.memberLists.get(target.listKey))) throw new MissingParent('Danh sách hội không còn tồn tại.');
        if (target.family === 'dc01') {
          const keys = new Set((await db.dc01Categories.toArray()).map((c) => c.key));
          const used = request.items.flatMap(({ item }) => (item.kind === 'candidate' && item.value.family === 'dc01' ? [item.value.categoryKey] : []));
          if (used.some((k) => !keys.has(k))) throw new MissingParent('Loại làm sạch DC01 không còn tồn tại.');
        }
        const unchanged = request.reviewed.version === (await tableVersion(target.family));
        const fresh = unchanged ? request.reviewed : await review(target, request.items);
        if (!sameReview(fresh, request.reviewed)) throw new Changed();
        performance.mark('import:rechecked');

        const creates: AnyRecord[] = [];
        const updates: { id: string; candidate: Candidate; source: ImportSource }[] = [];
        for (const row of fresh.rows) {
          if (row.kind === 'new') {
            const record = newRecord(row.candidate, sourceOf(request.file, row.sheet, row.candidate), stamp, officerId);
            creates.push(target.family === 'members' ? ({ ...record, listKey: target.listKey } as MemberRecord) : record);
          } else if (row.kind === 'update' && request.updates === 'update') {
            updates.push({ id: row.recordId, candidate: row.candidate, source: sourceOf(request.file, row.sheet, row.candidate) });
          }
        }
        const total = creates.length + updates.length;
        performance.mark('import:built');
        let done = 0;
        const step = (n: number) => {
          done += n;
          options.onProgress?.({ done, total });
          if (options.signal?.aborted) throw new Cancelled();
        };
        options.onProgress?.({ done: 0, total });
        // Two chunks in flight: the next chunk is copied into IndexedDB (on this thread) while the
        // database writes the one before; waiting for each would leave the database idle in between.
        let inFlight: Promise<void> | undefined;
        for (let i = 0; i < creates.length; i += chunk) {
          const part = creates.slice(i, i + chunk);
          const bundle: FactBundleRow = { id: `bundle:${importId}:${i}`, scope: FACT_BUNDLE_SCOPE, kind: 'bundle', facts: part.map((r) => factFor(target.family, r)) };
          const writing = Promise.all([table.bulkAdd(part), db.facts.add(bundle)]).then(() => {
            written.push(...part.map((r) => r.id));
            step(part.length);
          });
          if (inFlight) await inFlight;
          inFlight = writing;
        }
        if (inFlight) await inFlight;
        for (let i = 0; i < updates.length; i += chunk) {
          const part = updates.slice(i, i + chunk);
          const currents = await table.bulkGet(part.map((u) => u.id));
          const nexts: AnyRecord[] = [];
          const audits = [];
          for (const [j, u] of part.entries()) {
            const current = currents[j];
            if (current === undefined || current.deletedAt) throw new Changed();
            const next = updatedRecord(current, u.candidate, u.source, stamp, officerId);
            const changes = diffFields<Record<string, unknown>>(current, next, COMPARED);
            if (Object.keys(changes).length === 0) continue;
            nexts.push(next);
            audits.push({ id: ctx.newId(), at: stamp.at, officerId, action: 'import' as const, entity: FAMILY_TABLE[target.family], recordId: next.id, changes, summary: `Cập nhật từ tệp “${request.file}”, ${u.source.sheet}, dòng ${u.source.rows.join(', ')} — ${next.fullName}` });
          }
          await table.bulkPut(nexts);
          await db.facts.bulkPut(nexts.map((r) => factFor(target.family, r)));
          await db.audit.bulkAdd(audits);
          written.push(...nexts.map((r) => r.id));
          step(part.length);
        }
        performance.mark('import:written');
        const sheets = [...new Set(request.items.map((i) => i.sheet))];
        const log: ImportLog = { id: importId, at: stamp.at, by: officerId, file: request.file, sheets, family: target.family, scopeLabel: request.scopeLabel, ...totals };
        await db.imports.add(log);
        await db.audit.add({
          id: ctx.newId(),
          at: stamp.at,
          officerId,
          action: 'import',
          entity: FAMILY_TABLE[target.family],
          recordId: importId,
          summary: importSummary(log),
        });
      });
    } catch (e) {
      if (e instanceof Cancelled || (e instanceof Dexie.AbortError && options.signal?.aborted)) return err('cancelled', 'Đã hủy nhập: dữ liệu giữ nguyên như trước khi nhập.');
      if (e instanceof Changed) return err('changed', 'Dữ liệu trong máy vừa thay đổi so với lúc xem trước (có hồ sơ vừa được nhập, sửa hoặc xóa). Chưa nhập gì; hãy xem trước lại rồi nhập.');
      if (e instanceof MissingParent) return err('missing_parent', `${e.message} Chưa nhập gì.`);
      throw e;
    }
    ctx.changes.emit(FAMILY_TABLE[target.family], written);
    return ok({ id: importId, ...totals });
  }

  return {
    review,
    commit,

    /** The mapping confirmed earlier for this family and header layout, if any. */
    async savedMapping(family: FamilyKey, signature: string): Promise<SavedMapping | undefined> {
      return db.importMappings.get(`${family}|${signature}`);
    },

    async rememberMapping(family: FamilyKey, proposal: Pick<MappingProposal, 'signature' | 'columns'>): Promise<void> {
      const saved = saveMapping(proposal);
      const row: StoredMapping = { ...saved, id: `${family}|${saved.signature}`, family, savedAt: ctx.clock().toISOString() };
      await db.importMappings.put(row);
    },

    /** The latest imports, newest first. */
    async history(limit = 20): Promise<ImportLog[]> {
      return db.imports.orderBy('at').reverse().limit(limit).toArray();
    },
  };
}

class MissingParent extends Error {}

export function importSummary(log: Pick<ImportLog, 'file' | 'sheets' | 'imported' | 'updated' | 'skipped' | 'rejected' | 'scopeLabel'>): string {
  const into = log.scopeLabel ? ` vào “${log.scopeLabel}”` : '';
  return `Nhập từ tệp “${log.file}” (${log.sheets.join(', ')})${into}: ${log.imported} mới, ${log.updated} cập nhật, ${log.skipped} bỏ qua, ${log.rejected} bị từ chối.`;
}
