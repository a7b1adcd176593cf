/**
 * The bad-input corpus (tests/fixtures/bad-inputs.ts) fed to the two importers of sealed
 * files — restore and data package — plus files that look like ours but are not: each
 * ends in a Vietnamese message within the time limit, and no table changes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { answerWithin, badInputs, vietnameseMessageProblem, type BadInput } from '../../tests/fixtures/bad-inputs';
import { setUpUnit, testServices } from '../testing/fixtures';
import { snapshotTables } from '../testing/db-snapshot';
import { createVaultKey, sealFile, type VaultKey } from './vault';
import { encodeFrame } from './frames';
import { MAGIC } from '../../shared/backup/format';
import { concatBytes } from '../../shared/bytes';
import type { Manifest } from '../../shared/backup/manifest';
import type { Officer } from '../../shared/domain/types';

const FAST = { N: 2 ** 14, r: 8, p: 1 } as const;
const PASS = 'mật khẩu đơn vị';
const LIMIT_MS = 20_000;

let corpus: BadInput[];
let services: ReturnType<typeof testServices>;
let officer: Officer;
let vault: VaultKey;

beforeAll(async () => {
  corpus = await badInputs();
  services = testServices();
  officer = await setUpUnit(services);
  vault = await createVaultKey(PASS, FAST);
  await services.repos.backups.setVaultKey(vault, officer.id, false);
  await services.repos.members.create(
    { listKey: 'elderly', memberKind: 'individual', idFlagged: false, fullName: 'Đỗ Thị Hoa', birthDate: '1950', sex: 'female', personalId: '', oldId: '', phone: '', hamletId: '', address: '', note: '' },
    officer.id,
  );
});

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const u32 = (n: number) => new Uint8Array(new Uint32Array([n]).buffer);

const manifest = (over: Partial<Manifest> = {}): Manifest => ({
  id: 'bad-1',
  kind: 'backup',
  app: 't',
  schemaVersion: 2,
  createdAt: '2026-11-20T00:00:00.000Z',
  createdBy: '',
  deviceId: 'elsewhere',
  unit: { unitName: 'X', placeName: 'Y' },
  counts: {},
  ...over,
});

/** Files that start like ours: each must be refused as damaged, never half-read. */
async function lookalikes(): Promise<{ id: string; bytes: Uint8Array }[]> {
  const good = await sealFile(vault, 'backup', manifest(), [encodeFrame({ table: 'members', rows: [] })]);
  return [
    { id: 'magic-only', bytes: ascii(MAGIC) },
    { id: 'magic-and-noise', bytes: concatBytes(ascii(MAGIC), crypto.getRandomValues(new Uint8Array(5000))) },
    { id: 'huge-header-length', bytes: concatBytes(ascii(MAGIC), new Uint8Array([1]), u32(0xffffffff), ascii('{}')) },
    { id: 'header-not-json', bytes: concatBytes(ascii(MAGIC), new Uint8Array([1]), u32(5), ascii('{{{{{'), u32(0), u32(0)) },
    { id: 'kdf-cost-huge', bytes: concatBytes(ascii(MAGIC), new Uint8Array([1]), (() => { const h = ascii(JSON.stringify({ kind: 'backup', kdf: { name: 'scrypt', N: 2 ** 30, r: 8, p: 1, salt: 'AAAA' }, check: { iv: 'AAAA', data: 'AAAA' }, noncePrefix: 'AAAA' })); return concatBytes(u32(h.length), h); })(), u32(0), u32(0)) },
    { id: 'newer-format', bytes: (() => { const b = good.slice(); b[MAGIC.length] = 9; return b; })() },
    { id: 'truncated', bytes: good.subarray(0, good.length - 7) },
    { id: 'trailing-bytes', bytes: concatBytes(good, new Uint8Array([0, 0, 0])) },
  ];
}

describe('restore and package import refuse bad files and change nothing', () => {
  it('every corpus file, as a backup and as a package', async () => {
    const before = await snapshotTables(services.db);
    for (const input of corpus) {
      for (const kind of ['backup', 'package'] as const) {
        const result = await answerWithin(`${input.id} as ${kind}`, LIMIT_MS, () => services.backup.inspect(input.bytes, kind, PASS));
        expect(result.ok, `${input.id} as ${kind}`).toBe(false);
        if (!result.ok) expect(vietnameseMessageProblem(result.message), `${input.id}: ${result.message}`).toBeUndefined();
      }
    }
    expect(await snapshotTables(services.db)).toStrictEqual(before);
  });

  it('files that start like ours', async () => {
    const before = await snapshotTables(services.db);
    for (const input of await lookalikes()) {
      const result = await answerWithin(input.id, LIMIT_MS, () => services.backup.inspect(input.bytes, 'backup', PASS));
      expect(result.ok, input.id).toBe(false);
      if (!result.ok) {
        expect(result.code, input.id).toMatch(/^(damaged|newer_format|not_ours)$/);
        expect(vietnameseMessageProblem(result.message), input.id).toBeUndefined();
      }
    }
    expect(await snapshotTables(services.db)).toStrictEqual(before);
  });

  it('an authentic backup holding a table this version does not know, or rows without ids, restores nothing', async () => {
    for (const frames of [
      [encodeFrame({ table: 'members', rows: [] }), encodeFrame({ table: 'spaceships', rows: [{ id: 'x' }] })],
      [encodeFrame({ table: 'members', rows: [{ fullName: 'không có id' }] })],
      [encodeFrame({ table: 'members', rows: ['=HYPERLINK("http://evil","x")'] })],
    ]) {
      const bytes = await sealFile(vault, 'backup', manifest(), frames);
      const inspected = await services.backup.inspect(bytes, 'backup');
      if (!inspected.ok) throw new Error(inspected.message);
      const before = await snapshotTables(services.db);
      const restored = await services.backup.restore(inspected.value, officer);
      expect(restored.ok).toBe(false);
      if (!restored.ok) expect(vietnameseMessageProblem(restored.message)).toBeUndefined();
      const after = await snapshotTables(services.db);
      // only the safety backup (its audit line, and this PC's note of the last backup) came before the refusal
      expect({ ...after, audit: [], vault: [] }).toStrictEqual({ ...before, audit: [], vault: [] });
      expect(after.audit?.length).toBe((before.audit?.length ?? 0) + 1);
    }
  });

  it('an authentic package whose records lack ids or dates merges nothing', async () => {
    const bytes = await sealFile(vault, 'package', manifest({ kind: 'package', id: 'bad-pkg' }), [encodeFrame({ table: 'members', rows: [{ id: 'x', fullName: 'A' }] })]);
    const inspected = await services.backup.inspect(bytes, 'package');
    if (!inspected.ok) throw new Error(inspected.message);
    const before = await snapshotTables(services.db);
    const merged = await services.backup.mergePackage(inspected.value, 'goi.sdgoi', officer);
    expect(merged.ok === false && merged.message).toMatch(/hỏng/);
    expect(await snapshotTables(services.db)).toStrictEqual(before);
  });
});
