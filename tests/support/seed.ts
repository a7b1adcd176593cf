/**
 * Realistic volume for scale tests and the benchmark, generated in the page
 * itself and written through the app's own schema: Vietnamese names, valid
 * personal IDs, hamlets, statuses with their history. Deterministic (seeded
 * PRNG) so two runs compare like with like.
 */
import { AppDatabase } from '../../renderer/db/database';
import { createRepositories } from '../../renderer/db/repositories';
import { factOf } from '../../renderer/db/facts';
import { initialProgress } from '../../shared/domain/progress';
import { personSearchKeys } from '../../shared/domain/person';
import { DEFAULT_MEMBER_LISTS } from '../../shared/domain/catalogues';
import type { MemberRecord, ProgressStatus } from '../../shared/domain/types';
import { checkLabour, EMPTY_LABOUR_DRAFT } from '../../shared/domain/labour';

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLES = ['Văn', 'Hữu', 'Đức', 'Thanh', 'Minh', 'Ngọc', 'Quang', 'Xuân', 'Thu', 'Kim', 'Công'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Đào', 'Hoa', 'Hùng', 'Lan', 'Mai', 'Nam', 'Phúc', 'Sơn', 'Tâm', 'Thảo', 'Tuấn', 'Vân', 'Yến', 'Hạnh', 'Khánh', 'Long', 'Đức', 'Nguyệt', 'Quý', 'Tám'];
const HAMLETS = ['Thôn Phú Bình', 'Thôn Tân Lập', 'Thôn Vĩnh Điềm Trung', 'Thôn Vĩnh Điềm Thượng', 'Tổ dân phố 1', 'Tổ dân phố 2', 'Tổ dân phố 3', 'Tổ dân phố 4'];

export type SeedOptions = {
  /** records in the members table, all lists together */
  total: number;
  /** how many of them go to the 'elderly' list */
  listSize: number;
  seed?: number;
  dbName?: string;
  pin?: string;
  /** record ids are `${idPrefix}-${n}`: another PC's records need other ids */
  idPrefix?: string;
};

export type SeedResult = { officerId: string; elderly: number; total: number; ms: number };

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function seedMembers(options: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const db = new AppDatabase(options.dbName);
  const repos = createRepositories(db);
  const officer = await repos.officers.build({ fullName: 'Nguyễn Văn Hùng', title: 'Thượng úy - Phó Trưởng Công an xã', pin: options.pin ?? '2468' });
  if (!officer.ok) throw new Error(officer.message);
  await repos.setup.complete(
    { unitName: 'Công an xã Vĩnh Hiệp', superiorName: 'Công an tỉnh Khánh Hòa', superiorLevel: 'province', placeName: 'Vĩnh Hiệp', reportNumberSuffix: 'BC-CAX', cutoffDay: 20 },
    HAMLETS,
    officer.value,
  );
  const hamletIds = (await repos.catalogue.hamlets()).map((h) => h.id);
  const otherLists = DEFAULT_MEMBER_LISTS.map((l) => l.key).filter((k) => k !== 'elderly');
  const rand = prng(options.seed ?? 6);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const statuses: ProgressStatus[] = ['received', 'entered', 'approved', 'approved', 'approved', 'failed'];

  const BATCH = 5000;
  for (let start = 0; start < options.total; start += BATCH) {
    const batch: MemberRecord[] = [];
    for (let i = start; i < Math.min(options.total, start + BATCH); i++) {
      const sex = rand() < 0.5 ? 'male' : 'female';
      const fullName = `${pick(SURNAMES)} ${sex === 'female' ? 'Thị' : pick(MIDDLES)} ${pick(GIVEN)}`;
      const year = 1930 + Math.floor(rand() * 40);
      const month = 1 + Math.floor(rand() * 12);
      const day = 1 + Math.floor(rand() * 28);
      const personalId = `056${sex === 'female' ? 1 : 0}${String(year % 100).padStart(2, '0')}${String(i).padStart(6, '0')}`;
      const at = new Date(Date.UTC(2026, 5, 1) + i * 60_000).toISOString();
      const status = pick(statuses);
      const progress = initialProgress(at.slice(0, 10), at, officer.value.id, status);
      batch.push({
        id: `${options.idPrefix ?? 'seed'}-${i}`,
        listKey: i < options.listSize ? 'elderly' : pick(otherLists),
        memberKind: 'individual',
        fullName,
        birthDate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
        sex,
        personalId,
        oldId: rand() < 0.3 ? String(225000000 + i) : '',
        phone: rand() < 0.4 ? `09${String(10000000 + i).slice(-8)}` : '',
        hamletId: pick(hamletIds),
        address: '',
        note: '',
        ...personSearchKeys({ fullName }, false),
        ...progress,
        ...(status === 'failed' ? { failReason: 'moved_away' as const } : {}),
        createdAt: at,
        createdBy: officer.value.id,
        updatedAt: at,
        updatedBy: officer.value.id,
      });
    }
    await db.transaction('rw', db.members, db.facts, async () => {
      await db.members.bulkAdd(batch);
      await db.facts.bulkAdd(batch.map(factOf.member));
    });
  }
  const elderly = await db.members.where('listKey').equals('elderly').count();
  const total = await db.members.count();
  db.close();
  return { officerId: officer.value.id, elderly, total, ms: performance.now() - started };
}

/** The naive way the issue warns about: read every record and filter each one. */
export async function fullScanSearch(query: string, options?: { listKey?: string; dbName?: string }): Promise<{ hits: number; ms: number }> {
  const started = performance.now();
  const db = new AppDatabase(options?.dbName);
  const fold = (s: string) => s.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');
  const needle = fold(query);
  let hits = 0;
  await db.members.each((r) => {
    if (r.deletedAt || (options?.listKey && r.listKey !== options.listKey)) return;
    if (fold(r.fullName).includes(needle)) hits++;
  });
  db.close();
  return { hits, ms: performance.now() - started };
}

/** Reads every member record at once, as a dashboard computing from records would. */
export async function readAllMembers(dbName?: string): Promise<{ count: number; ms: number }> {
  const started = performance.now();
  const db = new AppDatabase(dbName);
  const all = await db.members.toArray();
  db.close();
  return { count: all.length, ms: performance.now() - started };
}

/**
 * Labour records and DC01 cases through the app's own repositories (so their
 * history, facts and audit are exactly what the screens write), after
 * seedMembers: `labour` records, every third approved; `dc01` cases of
 * "Thiếu trường thông tin", split between its two outcomes, in progress and pending.
 */
export async function seedFamilies(options: { officerId: string; labour: number; dc01: number; today: string; dbName?: string; /** first serial, to add more later */ from?: number }): Promise<{ labour: number; dc01: number }> {
  const db = new AppDatabase(options.dbName);
  const repos = createRepositories(db);
  const hamletIds = (await repos.catalogue.hamlets()).map((h) => h.id);
  const labourIds: string[] = [];
  const from = options.from ?? 0;
  for (let i = from; i < from + options.labour; i++) {
    const checked = checkLabour(
      {
        ...EMPTY_LABOUR_DRAFT,
        fullName: `${SURNAMES[i % SURNAMES.length]} Văn ${GIVEN[i % GIVEN.length]}`,
        birthDate: String(1970 + (i % 30)),
        sex: 'male',
        personalId: `0560${String(70 + (i % 30)).padStart(2, '0')}${String(500000 + i).padStart(6, '0')}`,
        hamletId: hamletIds[i % hamletIds.length]!,
        economicStatus: 'employed',
        employmentPosition: 'employee',
        job: 'Công nhân',
        hasLabourContract: 'yes',
      },
      { today: options.today },
    );
    const created = await repos.labour.create({ ...checked.value, idFlagged: false }, options.officerId);
    if (!created.ok) throw new Error(created.message);
    labourIds.push(created.value.id);
  }
  const approve = labourIds.filter((_, i) => i % 3 === 0);
  await repos.labour.setStatus(approve, { status: 'entered', date: options.today }, options.officerId);
  await repos.labour.setStatus(approve, { status: 'approved', date: options.today }, options.officerId);

  const caseIds: string[] = [];
  for (let i = from; i < from + options.dc01; i++) {
    const created = await repos.dc01.create(
      {
        categoryKey: 'missing_fields',
        fullName: `${SURNAMES[(i + 3) % SURNAMES.length]} Thị ${GIVEN[(i + 5) % GIVEN.length]}`,
        birthDate: '',
        sex: 'female',
        personalId: `0561${String(60 + (i % 30)).padStart(2, '0')}${String(700000 + i).padStart(6, '0')}`,
        oldId: '',
        phone: '',
        hamletId: hamletIds[i % hamletIds.length]!,
        address: '',
        note: '',
        householdNo: '',
        receivedDate: options.today,
        source: 'Công an tỉnh giao',
        assigneeId: options.officerId,
        idFlagged: false,
      },
      options.officerId,
    );
    if (!created.ok) throw new Error(created.message);
    caseIds.push(created.value.id);
  }
  const quarter = Math.floor(caseIds.length / 4);
  await repos.dc01.setState(caseIds.slice(0, quarter), { state: 'done', outcomeKey: 'updated', date: options.today }, options.officerId);
  await repos.dc01.setState(caseIds.slice(quarter, 2 * quarter), { state: 'done', outcomeKey: 'no_info', date: options.today }, options.officerId);
  await repos.dc01.setState(caseIds.slice(2 * quarter, 3 * quarter), { state: 'in_progress', date: options.today }, options.officerId);
  db.close();
  return { labour: labourIds.length, dc01: caseIds.length };
}

/**
 * A fingerprint of every table (row count and SHA-256 of its rows), to tell "exactly as
 * before" from anything else after an interrupted change. The local vault is left out, and
 * so are the audit lines of backups: a restore's safety backup is committed on purpose
 * before the restore starts.
 */
export async function digestDatabase(dbName?: string): Promise<Record<string, { count: number; sha256: string }>> {
  const db = new AppDatabase(dbName);
  const out: Record<string, { count: number; sha256: string }> = {};
  for (const table of db.tables) {
    if (table.name === 'vault') continue;
    let rows: unknown[] = await table.toArray();
    if (table.name === 'audit') rows = rows.filter((r) => (r as { action?: string }).action !== 'backup');
    const bytes = new TextEncoder().encode(JSON.stringify(rows));
    const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
    out[table.name] = { count: rows.length, sha256: Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('') };
  }
  db.close();
  return out;
}
