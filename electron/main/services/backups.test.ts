/**
 * Backups on real temporary folders. What matters to the officer: a backup is
 * either complete under its final name or not there at all; the newest 30 are
 * kept and nothing else in the folder is touched; a USB stick that is pulled
 * out never fails the backup on the computer; the second folder is remembered.
 */
import path from 'node:path';
import os from 'node:os';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BACKUP_KEEP, BACKUP_READ_REQUEST, MAX_TRANSFER_BYTES } from '../../../shared/ipc/contract';
import {
  BACKUP_MESSAGES,
  SECOND_FOLDER_DIALOG,
  createBackupService,
  nodeBackupFileSystem,
  nodeBackupServiceDeps,
  type BackupFileSystem,
  type BackupServiceDeps,
} from './backups';

let userData: string;
let usb: string;
let primary: string;
const NOW = new Date('2026-11-22T09:00:00Z');

beforeEach(async () => {
  userData = await mkdtemp(path.join(os.tmpdir(), 'sodean06-backups-'));
  usb = await mkdtemp(path.join(os.tmpdir(), 'sodean06-usb-'));
  primary = path.join(userData, 'sao-luu');
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(userData, { recursive: true, force: true });
  await rm(usb, { recursive: true, force: true });
});

const bytes = (text: string) => new TextEncoder().encode(text);
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const failure = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

let suffix = 0;
function service(overrides: Partial<BackupServiceDeps> = {}, chosen: string | undefined = usb) {
  const chooseFolder = vi.fn(async () => chosen);
  const deps: BackupServiceDeps = {
    ...nodeBackupServiceDeps(userData, chooseFolder),
    now: () => NOW,
    randomSuffix: () => (++suffix).toString(16).padStart(8, '0'),
    ...overrides,
  };
  return { backups: createBackupService(deps), chooseFolder };
}

/** Like the real disk, but writing a file whose path passes `where` stops half way with `code`. */
function failingHalfWay(code: string, where: (filePath: string) => boolean = () => true): BackupFileSystem {
  return {
    ...nodeBackupFileSystem,
    async writeNewFile(filePath, data) {
      if (!where(filePath)) return nodeBackupFileSystem.writeNewFile(filePath, data);
      await nodeBackupFileSystem.writeNewFile(filePath, data.subarray(0, Math.floor(data.length / 2)));
      throw failure(code);
    },
  };
}

/** `count` backups, one a day back from 2026-11-21, written straight to `folder`. */
async function seedBackups(folder: string, count: number): Promise<string[]> {
  await mkdir(folder, { recursive: true });
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const day = new Date(Date.UTC(2026, 10, 21 - i));
    const stamp = `${day.toISOString().slice(0, 10).replaceAll('-', '')}-180000`;
    const name = `SoDeAn06_${stamp}_${i % 3 === 0 ? 'manual' : 'auto'}.sdbak`;
    await writeFile(path.join(folder, name), `bản ${i}`);
    names.push(name);
  }
  return names;
}

const request = (stamp = '20261122-090000', text = 'bản sao lưu đã mã hoá') =>
  ({ kind: 'auto', stamp, data: bytes(text) }) as const;

describe('backupWrite', () => {
  it('writes the complete file under its final name in <userData>/sao-luu, leaving no temporary file', async () => {
    const { backups } = service();
    const data = bytes('bản sao lưu đã mã hoá');
    const result = await backups.backupWrite({ kind: 'manual', stamp: '20261122-090000', data });
    const file = path.join(primary, 'SoDeAn06_20261122-090000_manual.sdbak');
    expect(result).toEqual({ ok: true, value: { path: file, bytes: data.byteLength, sha256: sha256(data), second: null } });
    expect(new Uint8Array(await readFile(file))).toEqual(data);
    expect(await readdir(primary)).toEqual(['SoDeAn06_20261122-090000_manual.sdbak']);
  });

  it('replaces a backup of the same second completely', async () => {
    const { backups } = service();
    await backups.backupWrite(request('20261122-090000', 'bản đầu tiên, dài hơn bản sau'));
    await backups.backupWrite(request('20261122-090000', 'bản sau'));
    expect(await readFile(path.join(primary, 'SoDeAn06_20261122-090000_auto.sdbak'), 'utf8')).toBe('bản sau');
    expect(await readdir(primary)).toHaveLength(1);
  });

  it('leaves neither a final nor a temporary file when the disk fills up half way, and says so in Vietnamese', async () => {
    const { backups } = service({ fs: failingHalfWay('ENOSPC') });
    const result = await backups.backupWrite(request());
    expect(result).toEqual({ ok: false, code: 'io_error', message: BACKUP_MESSAGES.diskFull });
    expect(result.ok ? '' : result.message).toMatch(/ổ đĩa đã đầy/);
    expect(await readdir(primary)).toEqual([]);
  });

  it('removes the temporary file when the final rename fails, keeping the older backup', async () => {
    await mkdir(primary);
    await writeFile(path.join(primary, 'SoDeAn06_20261122-090000_auto.sdbak'), 'bản cũ');
    const { backups } = service({
      fs: { ...nodeBackupFileSystem, rename: async () => Promise.reject(failure('EBUSY')) },
    });
    expect(await backups.backupWrite(request())).toMatchObject({ ok: false, code: 'io_error', message: BACKUP_MESSAGES.denied });
    expect(await readdir(primary)).toEqual(['SoDeAn06_20261122-090000_auto.sdbak']);
    expect(await readFile(path.join(primary, 'SoDeAn06_20261122-090000_auto.sdbak'), 'utf8')).toBe('bản cũ');
  });

  it('runs two backups asked for at once one after the other; both are written', async () => {
    const { backups } = service();
    const [a, b] = await Promise.all([backups.backupWrite(request('20261122-090000')), backups.backupWrite(request('20261122-090001'))]);
    expect(a.ok && b.ok).toBe(true);
    expect((await readdir(primary)).sort()).toEqual(['SoDeAn06_20261122-090000_auto.sdbak', 'SoDeAn06_20261122-090001_auto.sdbak']);
  });
});

describe('rotation', () => {
  it(`keeps exactly the ${BACKUP_KEEP} newest backups and never touches other files`, async () => {
    const seeded = await seedBackups(primary, 35);
    const foreign = ['ghi-chu.txt', 'SoDeAn06_20200101-000000_auto.sdbak.bak', 'du-lieu.sdgoi', 'SoDeAn06_2020_auto.sdbak'];
    for (const name of foreign) await writeFile(path.join(primary, name), 'của cán bộ');
    const { backups } = service();
    await backups.backupWrite(request('20261122-090000'));

    const left = await readdir(primary);
    const kept = left.filter((n) => /^SoDeAn06_\d{8}-\d{6}_[a-z]+\.sdbak$/.test(n)).sort().reverse();
    expect(kept).toHaveLength(BACKUP_KEEP);
    // the new one and the 29 newest of the old ones (seeded newest first)
    expect(kept).toEqual(['SoDeAn06_20261122-090000_auto.sdbak', ...seeded.slice(0, BACKUP_KEEP - 1)]);
    for (const name of foreign) expect(left, name).toContain(name);
  });

  it('never removes the backup it just wrote, even when the clock was set back', async () => {
    await seedBackups(primary, BACKUP_KEEP);
    const { backups } = service();
    await backups.backupWrite(request('20200101-080000'));
    const left = await readdir(primary);
    expect(left).toContain('SoDeAn06_20200101-080000_auto.sdbak');
    expect(left).toHaveLength(BACKUP_KEEP + 1);
  });

  it('removes temporary leftovers of a crash older than an hour, and only ours', async () => {
    await mkdir(primary);
    const stale = '.SoDeAn06_20261120-180000_auto.sdbak.0a1b2c3d.tmp';
    const fresh = '.SoDeAn06_20261122-085500_auto.sdbak.0a1b2c3e.tmp';
    const foreignTemp = '.~lock.bao-cao.xlsx.tmp';
    for (const name of [stale, fresh, foreignTemp]) await writeFile(path.join(primary, name), 'dở dang');
    const twoHoursAgo = new Date(NOW.getTime() - 2 * 60 * 60 * 1000);
    await utimes(path.join(primary, stale), twoHoursAgo, twoHoursAgo);
    await utimes(path.join(primary, foreignTemp), twoHoursAgo, twoHoursAgo);
    const tenMinutesAgo = new Date(NOW.getTime() - 10 * 60 * 1000);
    await utimes(path.join(primary, fresh), tenMinutesAgo, tenMinutesAgo);

    await service().backups.backupWrite(request());
    expect((await readdir(primary)).sort()).toEqual([fresh, foreignTemp, 'SoDeAn06_20261122-090000_auto.sdbak'].sort());
  });
});

describe('the second folder', () => {
  it('gets a complete copy, rotated the same way', async () => {
    await seedBackups(usb, BACKUP_KEEP);
    const { backups } = service();
    expect(await backups.backupChooseSecondFolder()).toEqual({ ok: true, value: { primary, second: usb } });
    const data = bytes('bản sao lưu');
    const result = await backups.backupWrite({ kind: 'manual', stamp: '20261122-090000', data });
    const copy = path.join(usb, 'SoDeAn06_20261122-090000_manual.sdbak');
    expect(result).toMatchObject({ ok: true, value: { second: { path: copy }, sha256: sha256(data) } });
    expect(new Uint8Array(await readFile(copy))).toEqual(data);
    const inUsb = await readdir(usb);
    expect(inUsb).toHaveLength(BACKUP_KEEP);
    expect(inUsb.some((n) => n.endsWith('.tmp'))).toBe(false);
  });

  it('pulled out: the backup on the computer still succeeds, the copy reports why, nothing is created in its place', async () => {
    const { backups } = service();
    await backups.backupChooseSecondFolder();
    await rm(usb, { recursive: true, force: true });
    const result = await backups.backupWrite(request());
    expect(result).toMatchObject({ ok: true, value: { path: path.join(primary, 'SoDeAn06_20261122-090000_auto.sdbak') } });
    if (!result.ok) return;
    expect(result.value.second).toEqual({ error: BACKUP_MESSAGES.secondMissing(usb) });
    expect(BACKUP_MESSAGES.secondMissing(usb)).toMatch(/USB đã được rút ra/);
    expect(await readdir(primary)).toEqual(['SoDeAn06_20261122-090000_auto.sdbak']);
    expect(await nodeBackupFileSystem.info(usb)).toBeNull();
  });

  it('full: the backup on the computer succeeds, the stick keeps no partial file', async () => {
    const { backups } = service({ fs: failingHalfWay('ENOSPC', (p) => p.startsWith(usb) && p.includes('SoDeAn06')) });
    await backups.backupChooseSecondFolder();
    const result = await backups.backupWrite(request());
    expect(result).toMatchObject({ ok: true, value: { second: { error: BACKUP_MESSAGES.secondDiskFull } } });
    expect(await readdir(usb)).toEqual([]);
    expect(await readdir(primary)).toEqual(['SoDeAn06_20261122-090000_auto.sdbak']);
  });

  it('is remembered across restarts, and forgotten when cleared', async () => {
    const first = service();
    await first.backups.backupChooseSecondFolder();
    expect(first.chooseFolder).toHaveBeenCalledWith({ ...SECOND_FOLDER_DIALOG });
    expect(JSON.parse(await readFile(path.join(userData, 'backup-settings.json'), 'utf8'))).toEqual({ secondFolder: usb });

    const second = service();
    expect(await second.backups.backupList()).toMatchObject({ ok: true, value: { folders: { primary, second: usb } } });
    // the dialog opens where the current folder is
    await second.backups.backupChooseSecondFolder();
    expect(second.chooseFolder).toHaveBeenCalledWith({ ...SECOND_FOLDER_DIALOG, defaultPath: usb });
    expect(await second.backups.backupClearSecondFolder()).toEqual({ ok: true, value: { primary, second: null } });

    const third = service();
    expect(await third.backups.backupList()).toMatchObject({ ok: true, value: { folders: { primary, second: null } } });
    expect((await readdir(userData)).filter((n) => n.includes('tmp'))).toEqual([]);
  });

  it('a cancelled dialog changes nothing', async () => {
    const { backups } = service({}, usb);
    await backups.backupChooseSecondFolder();
    const cancelled = service({}, undefined);
    expect(await cancelled.backups.backupChooseSecondFolder()).toEqual({ ok: true, value: { primary, second: usb } });
  });

  it('must not be the backup folder itself, nor inside it', async () => {
    await mkdir(path.join(primary, 'con'), { recursive: true });
    for (const folder of [primary, path.join(primary, 'con'), `${primary}${path.sep}`]) {
      const { backups } = service({}, folder);
      expect(await backups.backupChooseSecondFolder(), folder).toEqual({ ok: false, code: 'invalid_request', message: BACKUP_MESSAGES.sameAsPrimary });
    }
    expect(await service().backups.backupList()).toMatchObject({ value: { folders: { second: null } } });
  });

  it('must take files: a read-only stick is refused and not remembered, and the probe leaves nothing', async () => {
    const { backups } = service({ fs: { ...nodeBackupFileSystem, writeNewFile: async () => Promise.reject(failure('EROFS')) } });
    expect(await backups.backupChooseSecondFolder()).toEqual({ ok: false, code: 'io_error', message: BACKUP_MESSAGES.notWritable });
    expect(await readdir(usb)).toEqual([]);
    expect(await service().backups.backupList()).toMatchObject({ value: { folders: { second: null } } });
  });

  it('a damaged settings file means no second folder, not a crash', async () => {
    await writeFile(path.join(userData, 'backup-settings.json'), '{"secondFolder": 42');
    expect(await service().backups.backupList()).toMatchObject({ ok: true, value: { folders: { primary, second: null } } });
  });
});

describe('backupList', () => {
  it('lists the backups of both folders, newest first, with size and time, and nothing else', async () => {
    const { backups } = service();
    expect(await backups.backupList()).toEqual({ ok: true, value: { folders: { primary, second: null }, entries: [] } });
    await backups.backupChooseSecondFolder();
    await backups.backupWrite(request('20261120-170000', 'một'));
    await backups.backupWrite({ kind: 'safety', stamp: '20261122-090000', data: bytes('hai hai') });
    await writeFile(path.join(primary, 'ghi-chu.txt'), 'x');
    await mkdir(path.join(usb, 'SoDeAn06_20261123-090000_auto.sdbak'));
    await writeFile(path.join(usb, 'SoDeAn06_20261121-080000_manual.sdbak'), 'chỉ trên USB');

    const listed = await backups.backupList();
    if (!listed.ok) throw new Error(listed.message);
    expect(listed.value.entries.map((e) => [e.location, e.name, e.kind, e.bytes])).toEqual([
      ['primary', 'SoDeAn06_20261122-090000_safety.sdbak', 'safety', 7],
      ['second', 'SoDeAn06_20261122-090000_safety.sdbak', 'safety', 7],
      ['second', 'SoDeAn06_20261121-080000_manual.sdbak', 'manual', bytes('chỉ trên USB').byteLength],
      ['primary', 'SoDeAn06_20261120-170000_auto.sdbak', 'auto', bytes('một').byteLength],
      ['second', 'SoDeAn06_20261120-170000_auto.sdbak', 'auto', bytes('một').byteLength],
    ]);
    for (const entry of listed.value.entries) {
      expect(entry.modifiedAt).toBe(new Date(entry.modifiedAt).toISOString());
      expect(Math.abs(Date.parse(entry.modifiedAt) - Date.now())).toBeLessThan(60_000);
    }
  });

  it('lists the computer’s backups without an error when the USB stick is not plugged in', async () => {
    const { backups } = service();
    await backups.backupChooseSecondFolder();
    await backups.backupWrite(request());
    await rm(usb, { recursive: true, force: true });
    const listed = await backups.backupList();
    expect(listed).toMatchObject({ ok: true, value: { folders: { second: usb } } });
    if (listed.ok) expect(listed.value.entries.map((e) => e.location)).toEqual(['primary']);
  });
});

describe('backupRead', () => {
  it('reads a backup from the folder it is listed in', async () => {
    const { backups } = service();
    await backups.backupChooseSecondFolder();
    await backups.backupWrite(request('20261122-090000', 'nội dung'));
    await writeFile(path.join(usb, 'SoDeAn06_20261121-080000_manual.sdbak'), 'chỉ trên USB');
    const fromPrimary = await backups.backupRead({ location: 'primary', name: 'SoDeAn06_20261122-090000_auto.sdbak' });
    expect(fromPrimary).toEqual({ ok: true, value: { name: 'SoDeAn06_20261122-090000_auto.sdbak', data: bytes('nội dung') } });
    const fromUsb = await backups.backupRead({ location: 'second', name: 'SoDeAn06_20261121-080000_manual.sdbak' });
    expect(fromUsb.ok && new TextDecoder().decode(fromUsb.value.data)).toBe('chỉ trên USB');
  });

  it('never reads a name from the other folder', async () => {
    const { backups } = service();
    await backups.backupChooseSecondFolder();
    await writeFile(path.join(usb, 'SoDeAn06_20261121-080000_manual.sdbak'), 'chỉ trên USB');
    expect(await backups.backupRead({ location: 'primary', name: 'SoDeAn06_20261121-080000_manual.sdbak' })).toEqual({
      ok: false,
      code: 'io_error',
      message: BACKUP_MESSAGES.notFound,
    });
  });

  it('refuses the second folder when none is set', async () => {
    expect(await service().backups.backupRead({ location: 'second', name: 'SoDeAn06_20261121-080000_manual.sdbak' })).toMatchObject({
      ok: false,
      code: 'invalid_request',
    });
  });

  it('refuses path-traversal names: in the request schema, and again in the service', async () => {
    const names = [
      '../SoDeAn06_20261122-090000_auto.sdbak',
      '..\\SoDeAn06_20261122-090000_auto.sdbak',
      'sao-luu/SoDeAn06_20261122-090000_auto.sdbak',
      '../backup-settings.json',
      'SoDeAn06_20261122-090000_auto.sdbak/../../backup-settings.json',
    ];
    for (const name of names) {
      expect(BACKUP_READ_REQUEST.safeParse({ location: 'primary', name }).success, name).toBe(false);
      expect(await service().backups.backupRead({ location: 'primary', name }), name).toMatchObject({ ok: false, code: 'invalid_request' });
    }
  });

  it('refuses a file above the transfer limit without reading it', async () => {
    const readFile = vi.fn(nodeBackupFileSystem.readFile);
    const { backups } = service({
      fs: {
        ...nodeBackupFileSystem,
        readFile,
        info: async () => ({ size: MAX_TRANSFER_BYTES + 1, modifiedMs: NOW.getTime(), isFile: true, isDirectory: false }),
      },
    });
    expect(await backups.backupRead({ location: 'primary', name: 'SoDeAn06_20261122-090000_auto.sdbak' })).toMatchObject({ ok: false, code: 'too_large' });
    expect(readFile).not.toHaveBeenCalledWith(expect.stringContaining('SoDeAn06'));
  });
});
