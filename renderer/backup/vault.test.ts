import { describe, expect, it } from 'vitest';
import { createVaultKey, matchesVault, openBody, openManifest, readLayout, sealFile, unlock, VAULT_MESSAGES } from './vault';
import { decodeFrames, encodeFrame } from './frames';
import { encodeFile, decodeFile, SEGMENT_BYTES } from '../../shared/backup/format';
import type { Manifest } from '../../shared/backup/manifest';

/** The real cost is 2^17 (about a second per derivation); tests use the schema's minimum. */
const FAST = { N: 2 ** 14, r: 8, p: 1 } as const;

const manifest = (kind: Manifest['kind'] = 'backup'): Manifest => ({
  id: 'm-1',
  kind,
  app: '0.1.0',
  schemaVersion: 2,
  createdAt: '2026-11-22T09:00:00.000Z',
  createdBy: 'Nguyễn Văn An',
  deviceId: 'pc-1',
  unit: { unitName: 'Công an xã Phước Đồng', placeName: 'Phước Đồng' },
  counts: { members: 2 },
});

const frames = [
  encodeFrame({ table: 'members', rows: [{ id: 'a', fullName: 'Trần Thị Bình' }, { id: 'b', fullName: 'Lê Văn Cường' }] }),
  encodeFrame({ table: 'audit', rows: [] }),
];

async function sealed(kind: Manifest['kind'] = 'backup', body: Uint8Array[] = frames) {
  const vault = await createVaultKey('mật khẩu đơn vị', FAST);
  return { vault, bytes: await sealFile(vault, kind, manifest(kind), body) };
}

describe('vault: sealed backup files', () => {
  it('round-trips manifest and body with the passphrase, and with this PC’s own key', async () => {
    const { vault, bytes } = await sealed();
    const layout = readLayout(bytes, 'backup');
    expect(layout.ok).toBe(true);
    if (!layout.ok) return;
    const byPassphrase = await unlock(layout.value, 'mật khẩu đơn vị');
    expect(byPassphrase.ok).toBe(true);
    const byOwnKey = await unlock(layout.value, undefined, vault);
    expect(byOwnKey.ok && byOwnKey.value.key).toBe(vault.key);
    if (!byPassphrase.ok) return;
    const m = await openManifest(layout.value, byPassphrase.value);
    expect(m.ok && m.value.unit.unitName).toBe('Công an xã Phước Đồng');
    const body = await openBody(layout.value, byPassphrase.value);
    expect(body.ok).toBe(true);
    if (!body.ok) return;
    const decoded = decodeFrames(body.value);
    expect(decoded.ok && decoded.value.map((f) => [f.table, f.rows.length])).toEqual([['members', 2], ['audit', 0]]);
    expect(await matchesVault(vault, 'mật khẩu đơn vị')).toBe(true);
    expect(await matchesVault(vault, 'mật khẩu khác!')).toBe(false);
  });

  it('refuses a wrong passphrase with the Vietnamese message and reads nothing', async () => {
    const { bytes } = await sealed();
    const layout = readLayout(bytes, 'backup');
    if (!layout.ok) throw new Error('layout');
    const wrong = await unlock(layout.value, 'Mật khẩu đơn vị');
    expect(wrong).toEqual({ ok: false, code: 'wrong_passphrase', message: VAULT_MESSAGES.wrong_passphrase });
    expect((await unlock(layout.value, '')).ok).toBe(false);
  });

  it('the ciphertext does not contain the personal data in the clear', async () => {
    const { bytes } = await sealed();
    const text = new TextDecoder('latin1').decode(bytes);
    expect(text).not.toContain('Bình');
    expect(text).not.toContain('members');
    expect(text).not.toContain('Phước');
  });

  it('every single flipped byte after the magic is refused as wrong passphrase, damage or not ours — never opened', async () => {
    const { bytes } = await sealed();
    // a sample of positions across header, manifest and body
    const positions = [8, 9, 14, 40, 100, 180, bytes.length - 200, bytes.length - 40, bytes.length - 1];
    for (const at of positions) {
      const tampered = bytes.slice();
      tampered[at] = (tampered[at] ?? 0) ^ 0x01;
      const layout = readLayout(tampered, 'backup');
      if (!layout.ok) continue;
      const unlocked = await unlock(layout.value, 'mật khẩu đơn vị');
      if (!unlocked.ok) continue;
      const m = await openManifest(layout.value, unlocked.value);
      const body = await openBody(layout.value, unlocked.value);
      expect(m.ok && body.ok, `byte ${at} flipped yet the file opened`).toBe(false);
    }
  });

  it('refuses a truncated file, dropped and swapped segments, and a file of the other kind', async () => {
    const big: Uint8Array[] = [];
    // incompressible rows so the body spans several segments
    const noise = crypto.getRandomValues(new Uint8Array(60_000));
    const row = Array.from(noise, (b) => b.toString(36)).join('');
    for (let i = 0; i < 90; i++) big.push(encodeFrame({ table: 'members', rows: [{ id: String(i), note: row }] }));
    const { bytes } = await sealed('backup', big);
    const layout = decodeFile(bytes);
    if (!layout.ok) throw new Error('layout');
    expect(layout.value.segments.length).toBeGreaterThan(1);
    const vault = await unlock(layout.value, 'mật khẩu đơn vị');
    if (!vault.ok) throw new Error('unlock');
    expect((await openBody(layout.value, vault.value)).ok).toBe(true);

    expect(readLayout(bytes.subarray(0, bytes.length - 10), 'backup').ok).toBe(false);
    const dropped = { ...layout.value, segments: layout.value.segments.slice(0, -1) };
    expect((await openBody(dropped, vault.value)).ok).toBe(false);
    const swapped = { ...layout.value, segments: [...layout.value.segments].reverse() };
    expect((await openBody(swapped, vault.value)).ok).toBe(false);
    // re-encoded without its last segment: the layout is fine, the "last" flag is not
    expect((await openBody(decodeFileOrThrow(encodeFile(dropped)), vault.value)).ok).toBe(false);

    const wrongKind = readLayout(bytes, 'package');
    expect(wrongKind.ok).toBe(false);
    expect(!wrongKind.ok && wrongKind.message).toContain('bản sao lưu');
    expect(SEGMENT_BYTES).toBe(4 * 1024 * 1024);
  });

  it('names a foreign file as not ours', () => {
    const json = new TextEncoder().encode('{"version":1,"data":[]}');
    const result = readLayout(json, 'backup');
    expect(result.ok === false && result.code).toBe('not_ours');
  });
});

function decodeFileOrThrow(bytes: Uint8Array) {
  const d = decodeFile(bytes);
  if (!d.ok) throw new Error(d.message);
  return d.value;
}
