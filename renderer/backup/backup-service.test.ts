import { beforeEach, describe, expect, it } from 'vitest';
import { personalIdFor, setUpUnit, testServices } from '../testing/fixtures';
import type { MemberInput } from '../db/repositories/member-repo';
import type { Officer } from '../../shared/domain/types';
import type { BackupWriteRequest, DesktopApi } from '../../shared/ipc/contract';
import { ok, err } from '../../shared/result';
import { createBackupService } from './backup-service';
import { createVaultKey, sealFile, type VaultKey } from './vault';
import { encodeFrame } from './frames';
import { LOCAL_ONLY_TABLES } from '../db/schema';
import type { AppDatabase } from '../db/database';

const FAST = { N: 2 ** 14, r: 8, p: 1 } as const;
const PASS = 'Phước Đồng 2026';

const person = (n: number, over: Partial<MemberInput> = {}): MemberInput => ({
  listKey: 'elderly',
  memberKind: 'individual',
  idFlagged: false,
  fullName: `Nguyễn Thị Đào ${n}`,
  birthDate: '1950-03-12',
  sex: 'female',
  personalId: personalIdFor(1950, 'female', n),
  oldId: '',
  phone: '',
  hamletId: '',
  address: '',
  note: '',
  ...over,
});

type Pc = { services: ReturnType<typeof testServices>; officer: Officer; written: BackupWriteRequest[]; api: DesktopApi; failBackup: boolean };

/** One PC: its database, an officer, and a platform that keeps written backups in memory. */
async function pc(vault?: VaultKey, now?: string): Promise<Pc> {
  const services = testServices(now ? { now } : undefined);
  const officer = await setUpUnit(services);
  const written: BackupWriteRequest[] = [];
  const state: Pc = { services, officer, written, api: services.api, failBackup: false };
  state.api = {
    ...services.api,
    backupWrite: async (request) => {
      if (state.failBackup) return err('io_error', 'Ổ đĩa đã đầy.');
      written.push(request);
      return ok({ path: `sao-luu/SoDeAn06_${request.stamp}_${request.kind}.sdbak`, bytes: request.data.length, sha256: 'x', second: null });
    },
  };
  if (vault) await services.repos.backups.setVaultKey(vault, officer.id, false);
  return state;
}

const serviceOf = (p: Pc) => createBackupService({ repos: p.services.repos, api: p.api, clock: p.services.clock });

/** Every table but the local vault, sorted by primary key. */
async function dump(db: AppDatabase, skip: readonly string[] = []): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of db.tables) {
    if (LOCAL_ONLY_TABLES.includes(table.name) || skip.includes(table.name)) continue;
    out[table.name] = await table.toArray();
  }
  return out;
}

let vault: VaultKey;
beforeEach(async () => {
  vault ??= await createVaultKey(PASS, FAST);
});

async function seedMembers(p: Pc, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 1; i <= count; i++) {
    const created = await p.services.repos.members.create(person(i), p.officer.id);
    if (!created.ok) throw new Error(created.message);
    ids.push(created.value.id);
  }
  return ids;
}

describe('backup and restore', () => {
  it('a backup restores on a freshly installed PC exactly, after showing what it holds', async () => {
    const a = await pc(vault);
    const ids = await seedMembers(a, 12);
    await a.services.repos.members.setStatus(ids.slice(0, 5), { status: 'entered', date: '2026-11-22' }, a.officer.id);
    const before = await dump(a.services.db, ['audit']);
    const made = await serviceOf(a).backup('manual', a.officer);
    expect(made.ok).toBe(true);
    expect(a.written.map((w) => w.kind)).toEqual(['manual']);
    expect(await a.services.repos.backups.lastBackup()).toMatchObject({ kind: 'manual', ok: true });

    const b = await pc(); // reinstalled: no passphrase set yet
    const bytes = a.written[0]!.data;
    const wrong = await serviceOf(b).inspect(bytes, 'backup', 'sai mật khẩu');
    expect(wrong.ok === false && wrong.message).toMatch(/Sai mật khẩu/);
    const inspected = await serviceOf(b).inspect(bytes, 'backup', PASS);
    if (!inspected.ok) throw new Error(inspected.message);
    expect(inspected.value.manifest).toMatchObject({ kind: 'backup', unit: { unitName: 'Công an xã Vĩnh Hiệp' }, backupKind: 'manual' });
    expect(inspected.value.manifest.counts.members).toBe(12);

    const restored = await serviceOf(b).restore(inspected.value, b.officer);
    expect(restored.ok).toBe(true);
    // a safety copy of what was there came first, sealed with the file's key
    expect(b.written.map((w) => w.kind)).toEqual(['safety']);
    expect(await dump(b.services.db, ['audit'])).toEqual(before);
    const audit = await b.services.db.audit.toArray();
    expect(audit.filter((e) => e.action === 'restore')).toHaveLength(1);
    // the restored PC now backs up with the unit's key
    expect((await b.services.repos.backups.vaultKey())?.kdf.salt).toBe(vault.kdf.salt);
  });

  it('restores nothing when the safety copy cannot be written', async () => {
    const a = await pc(vault);
    await seedMembers(a, 3);
    await serviceOf(a).backup('manual', a.officer);
    const b = await pc(vault);
    await seedMembers(b, 1);
    const before = await dump(b.services.db);
    b.failBackup = true;
    const inspected = await serviceOf(b).inspect(a.written[0]!.data, 'backup');
    if (!inspected.ok) throw new Error(inspected.message);
    const restored = await serviceOf(b).restore(inspected.value, b.officer);
    expect(restored.ok === false && restored.message).toMatch(/bản sao lưu an toàn.*chưa khôi phục gì/);
    expect(await dump(b.services.db, ['audit'])).toEqual(Object.fromEntries(Object.entries(before).filter(([t]) => t !== 'audit')));
  });

  it('a restore that fails half-way leaves the database exactly as before (one transaction)', async () => {
    const b = await pc(vault);
    await seedMembers(b, 4);
    const before = await dump(b.services.db, ['audit']);
    // members written first, then a labour table with the same id twice: the second bulkAdd fails
    const dup = { id: 'same', fullName: 'A', createdAt: '', updatedAt: '' };
    const snapshot = await b.services.repos.backups.snapshotFrames();
    const frames = [...snapshot.frames.filter((_f, i) => i >= 0), encodeFrame({ table: 'labour', rows: [dup, dup] })];
    const manifest = { id: 'x', kind: 'backup' as const, app: 't', schemaVersion: 2, createdAt: '2026-11-20T00:00:00.000Z', createdBy: '', deviceId: 'other', unit: { unitName: 'X', placeName: 'Y' }, counts: {} };
    const bytes = await sealFile(vault, 'backup', manifest, frames);
    const inspected = await serviceOf(b).inspect(bytes, 'backup');
    if (!inspected.ok) throw new Error(inspected.message);
    await expect(serviceOf(b).restore(inspected.value, b.officer)).rejects.toThrow();
    expect(await dump(b.services.db, ['audit'])).toEqual(before);
  });

  it('a backup made by schema version 1 (before data packages) restores into the current schema', async () => {
    const a = await pc(vault);
    await seedMembers(a, 2);
    const { frames, counts } = await a.services.repos.backups.snapshotFrames();
    // what a v1 app wrote: no `packages` table at all
    const v1 = frames.filter((f) => !new TextDecoder().decode(f.subarray(4, 40)).includes('"packages"'));
    const manifest = { id: 'v1', kind: 'backup' as const, app: '0.1.0', schemaVersion: 1, createdAt: '2026-11-20T00:00:00.000Z', createdBy: '', deviceId: 'old', unit: { unitName: 'X', placeName: 'Y' }, counts };
    const b = await pc(vault);
    const inspected = await serviceOf(b).inspect(await sealFile(vault, 'backup', manifest, v1), 'backup');
    if (!inspected.ok) throw new Error(inspected.message);
    expect((await serviceOf(b).restore(inspected.value, b.officer)).ok).toBe(true);
    expect(await b.services.db.members.count()).toBe(2);
    expect(await b.services.db.packages.count()).toBe(0);
  });

  it('refuses a newer schema, a package given as a backup, and a foreign file — changing nothing', async () => {
    const b = await pc(vault);
    await seedMembers(b, 1);
    const before = await dump(b.services.db);
    const manifest = { id: 'n', kind: 'backup' as const, app: '9.0', schemaVersion: 99, createdAt: '2026-11-20T00:00:00.000Z', createdBy: '', deviceId: 'x', unit: { unitName: 'X', placeName: 'Y' }, counts: {} };
    const newer = await serviceOf(b).inspect(await sealFile(vault, 'backup', manifest, []), 'backup');
    if (!newer.ok) throw new Error(newer.message);
    const refused = await serviceOf(b).restore(newer.value, b.officer);
    expect(refused.ok === false && refused.message).toMatch(/phiên bản Sổ Đề án 06 mới hơn/);
    const pkg = await serviceOf(b).inspect(await sealFile(vault, 'package', { ...manifest, kind: 'package', schemaVersion: 2 }, []), 'backup');
    expect(pkg.ok === false && pkg.message).toMatch(/gói dữ liệu, không phải bản sao lưu/);
    const foreign = await serviceOf(b).inspect(new TextEncoder().encode('{"backup":true}'), 'backup', PASS);
    expect(foreign.ok === false && foreign.message).toMatch(/không phải bản sao lưu/);
    const afterRefusals = await dump(b.services.db);
    // the refused restore wrote its safety copy (and its audit line) but nothing else
    expect({ ...afterRefusals, audit: [] }).toEqual({ ...before, audit: [] });
  });

  it('says plainly that there is no passphrase yet', async () => {
    const a = await pc();
    const made = await serviceOf(a).backup('auto', undefined);
    expect(made.ok === false && made.message).toMatch(/Chưa đặt mật khẩu sao lưu/);
    expect(a.written).toEqual([]);
  });
});

describe('data packages', () => {
  async function packageFrom(p: Pc, period?: { from: string; to: string }): Promise<Uint8Array> {
    const before = p.services.api.saved.length;
    const saved = await serviceOf(p).exportPackage(period ? { period } : {}, p.officer);
    if (!saved.ok) throw new Error(saved.message);
    return p.services.api.saved[before]!.bytes;
  }

  it('merges another PC’s records, and the same package a second time changes nothing', async () => {
    const a = await pc(vault);
    const ids = await seedMembers(a, 6);
    const phuBinh = (await a.services.db.hamlets.toArray()).find((h) => h.name === 'Thôn Phú Bình')!;
    await a.services.db.members.update(ids[0]!, { hamletId: phuBinh.id });
    await a.services.repos.members.setStatus(ids.slice(0, 2), { status: 'entered', date: '2026-11-22' }, a.officer.id);
    const bytes = await packageFrom(a);
    const exported = (await a.services.db.audit.toArray()).filter((e) => e.action === 'export' && e.entity === 'package');
    expect(exported.map((e) => e.summary)).toEqual([expect.stringMatching(/^Xuất gói dữ liệu ".*\.sdgoi": toàn bộ hồ sơ, 6 hồ sơ$/)]);
    expect(a.services.api.saved.at(-1)?.name).toMatch(/^Goi du lieu Cong-an-xa-Vinh-Hiep 2026-11-22\.sdgoi$/);

    const b = await pc(vault);
    await seedMembers(b, 0);
    const inspected = await serviceOf(b).inspect(bytes, 'package');
    if (!inspected.ok) throw new Error(inspected.message);
    const merged = await serviceOf(b).mergePackage(inspected.value, 'goi.sdgoi', b.officer);
    expect(merged.ok && { added: merged.value.added, updated: merged.value.updated, conflicts: merged.value.conflicts.length }).toEqual({ added: 6, updated: 0, conflicts: 0 });
    const bPhuBinh = (await b.services.db.hamlets.toArray()).find((h) => h.name === 'Thôn Phú Bình')!;
    const inB = (await b.services.db.members.toArray()).sort((x, y) => x.id.localeCompare(y.id));
    const inA = (await a.services.db.members.toArray()).sort((x, y) => x.id.localeCompare(y.id));
    expect(inB).toEqual(inA.map((r) => (r.hamletId === phuBinh.id ? { ...r, hamletId: bPhuBinh.id } : r)));
    expect(inB.find((r) => r.id === ids[0])?.hamletId).toBe(bPhuBinh.id);
    // facts follow the merged records: the dashboard counts them
    expect((await b.services.repos.facts.all()).filter((f) => ids.includes(f.id))).toHaveLength(6);
    // the same hamlets by name, under B's ids; A's officer only names who did what
    expect(await b.services.db.hamlets.count()).toBe(2);
    expect((await b.services.db.officers.get(a.officer.id))?.active).toBe(false);
    expect(merged.ok && merged.value.catalogueRows).toMatchObject({ officers: 1 });

    const snapshot = await dump(b.services.db);
    const again = await serviceOf(b).mergePackage(inspected.value, 'goi.sdgoi', b.officer);
    expect(again.ok === false && again.message).toMatch(/đã được nhập trước đây/);
    expect(await dump(b.services.db)).toEqual(snapshot);
  });

  it('newest change wins, history is merged, and both-sides edits are listed as conflicts', async () => {
    const a = await pc(vault);
    const [id] = await seedMembers(a, 1);
    // B's clock runs an hour later: its edit is the newest
    const b = await pc(vault, '2026-11-22T10:00:00');
    const first = await serviceOf(b).inspect(await packageFrom(a), 'package');
    if (!first.ok) throw new Error(first.message);
    await serviceOf(b).mergePackage(first.value, 'goi-1.sdgoi', b.officer);

    // both PCs change the same record's phone; B also ticks its progress, later in time
    const edit = (p: Pc, phone: string) => p.services.repos.members.update(id!, { ...person(1), phone }, p.officer.id);
    await edit(a, '0905111111');
    await edit(b, '0905222222');
    await b.services.repos.members.setStatus([id!], { status: 'entered', date: '2026-11-22' }, b.officer.id);

    const second = await serviceOf(b).inspect(await packageFrom(a), 'package');
    if (!second.ok) throw new Error(second.message);
    const merged = await serviceOf(b).mergePackage(second.value, 'goi-2.sdgoi', b.officer);
    if (!merged.ok) throw new Error(merged.message);
    expect(merged.value.conflicts).toEqual([expect.objectContaining({ id, fields: ['phone'], kept: 'local' })]);
    const record = await b.services.db.members.get(id!);
    expect(record?.phone).toBe('0905222222');
    expect(record?.status).toBe('entered');
    const log = await b.services.db.packages.toArray();
    expect(log.map((l) => l.fileName).sort()).toEqual(['goi-1.sdgoi', 'goi-2.sdgoi']);
    expect(log.find((l) => l.fileName === 'goi-2.sdgoi')?.conflicts).toHaveLength(1);
  });

  it('a package of one period carries only the records changed in it', async () => {
    const a = await pc(vault);
    await seedMembers(a, 3);
    const inPeriod = await serviceOf(a).inspect(await packageFrom(a, { from: '2026-11-16', to: '2026-11-22' }), 'package');
    const outside = await serviceOf(a).inspect(await packageFrom(a, { from: '2026-10-16', to: '2026-11-15' }), 'package');
    expect(inPeriod.ok && inPeriod.value.manifest.counts.members).toBe(3);
    expect(outside.ok && (outside.value.manifest.counts.members ?? 0)).toBe(0);
  });

  it('refuses a package made on this same PC', async () => {
    const a = await pc(vault);
    await seedMembers(a, 1);
    const inspected = await serviceOf(a).inspect(await packageFrom(a), 'package');
    if (!inspected.ok) throw new Error(inspected.message);
    const merged = await serviceOf(a).mergePackage(inspected.value, 'goi.sdgoi', a.officer);
    expect(merged.ok === false && merged.message).toMatch(/chính máy này/);
  });
});
