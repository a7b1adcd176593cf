import { afterEach, describe, expect, it, vi } from 'vitest';
import { setUpUnit, testServices } from '../testing/fixtures';
import { createVaultKey } from './vault';
import { createBackupService } from './backup-service';
import { startAutoBackup } from './use-auto-backup';

const FAST = { N: 2 ** 14, r: 8, p: 1 } as const;

/** A clock the test moves by hand. */
function handClock(start = '2026-11-22T09:00:00') {
  let now = new Date(start).getTime();
  return { clock: () => new Date(now), advance: (ms: number) => (now += ms) };
}

const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

async function setup(withKey = true) {
  const services = testServices();
  const officer = await setUpUnit(services);
  if (withKey) await services.repos.backups.setVaultKey(await createVaultKey('mật khẩu đơn vị', FAST), officer.id, false);
  const time = handClock();
  const service = createBackupService({ repos: services.repos, api: services.api, clock: time.clock });
  const start = () => {
    const scheduler = startAutoBackup({ api: services.api, repo: services.repos.backups, service, clock: time.clock }, () => officer);
    stops.push(scheduler.stop);
    return scheduler;
  };
  return { services, time, start };
}

describe('automatic backups', () => {
  it('backs up when none was made in the last day, and again a day later', async () => {
    const { services, time, start } = await setup();
    const scheduler = start();
    await scheduler.check();
    expect(services.api.backups.map((b) => b.name)).toEqual(['SoDeAn06_20261122-090000_auto.sdbak']);
    time.advance(23 * 3600_000);
    await scheduler.check();
    expect(services.api.backups).toHaveLength(1);
    time.advance(3600_000);
    await scheduler.check();
    expect(services.api.backups).toHaveLength(2);
  });

  it('retries at the next check after a failed backup', async () => {
    const { services, start } = await setup();
    const write = services.api.backupWrite;
    services.api.backupWrite = async () => ({ ok: false, code: 'io_error', message: 'Ổ đĩa đã đầy.' });
    const scheduler = start();
    await scheduler.check();
    expect(await services.repos.backups.lastBackup()).toMatchObject({ ok: false, detail: expect.stringContaining('Ổ đĩa đã đầy') });
    services.api.backupWrite = write;
    await scheduler.check();
    expect(services.api.backups).toHaveLength(1);
    expect(await services.repos.backups.lastBackup()).toMatchObject({ ok: true });
  });

  it('does nothing until the unit has a passphrase', async () => {
    const { services, start } = await setup(false);
    await start().check();
    expect(services.api.backups).toEqual([]);
  });

  it('takes one backup when the window closes, then lets main close it — even if started twice', async () => {
    const { services, start } = await setup();
    const first = start();
    first.stop(); // React's development mode mounts, unmounts and mounts again
    start();
    expect(services.api.backupCalls.filter((c) => c.method === 'waitForExit')).toHaveLength(1);
    services.api.requestExit();
    await vi.waitFor(() => expect(services.api.backupCalls.map((c) => c.method)).toContain('exitReady'));
    const calls = services.api.backupCalls.map((c) => c.method).filter((m) => m !== 'backupList');
    expect(calls).toEqual(['waitForExit', 'backupWrite', 'exitReady']);
    expect(services.api.backups.map((b) => b.name)).toEqual(['SoDeAn06_20261122-090000_auto.sdbak']);
  });
});
