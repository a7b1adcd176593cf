/**
 * Test fixtures for the renderer: a fresh fake-indexeddb database per test, a
 * fixed clock, a recording DesktopApi, and a unit already set up with one officer.
 */
import { createAppServices, type AppServices } from '../context/services';
import {
  BACKUP_KEEP,
  BACKUP_KIND,
  IPC_REQUEST_SCHEMAS,
  type BackupLocation,
  type DesktopApi,
} from '../../shared/ipc/contract';
import type { Officer, UnitSettings } from '../../shared/domain/types';
import { err, ok } from '../../shared/result';
import { createMemoryExports, sha256Hex } from '../excel/memory-export';

let dbCounter = 0;

export const TEST_UNIT: UnitSettings = {
  unitName: 'Công an xã Vĩnh Hiệp',
  superiorName: 'Công an tỉnh Khánh Hòa',
  superiorLevel: 'province',
  placeName: 'Vĩnh Hiệp',
  reportNumberSuffix: 'BC-CAX',
  cutoffDay: 20,
};

export type RecordedBackup = { location: BackupLocation; name: string; data: Uint8Array; modifiedAt: string };

export type RecordingApi = DesktopApi & {
  saved: { name: string; bytes: Uint8Array }[];
  /** The backup files as the folders now hold them (written, rotated to BACKUP_KEEP per folder). */
  backups: RecordedBackup[];
  /** Every call of the backup and exit methods, in order, with its request. */
  backupCalls: { method: keyof DesktopApi; request?: unknown }[];
  /** What the folder dialog picks in backupChooseSecondFolder; null = the officer cancels. */
  secondFolderChoice: string | null;
  /** The officer closes the window: answers the pending waitForExit calls. */
  requestExit(): void;
};

/** The stamp of a backup name (yyyymmdd-HHMMss, local time) as an ISO date-time. */
function stampTime(stamp: string): string {
  const [, y, mo, d, h, mi, s] = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})$/.exec(stamp) ?? [];
  return new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)).toISOString();
}

export function recordingApi(): RecordingApi {
  const saved: RecordingApi['saved'] = [];
  const backups: RecordedBackup[] = [];
  const backupCalls: RecordingApi['backupCalls'] = [];
  let secondFolder: string | null = null;
  let exitWaiters: (() => void)[] = [];
  const folders = () => ({ primary: 'sao-luu', second: secondFolder });
  const invalid = () => err('invalid_request' as const, 'Yêu cầu không hợp lệ.');
  const keep = (location: BackupLocation, name: string, data: Uint8Array, modifiedAt: string) => {
    const at = backups.findIndex((b) => b.location === location && b.name === name);
    if (at >= 0) backups.splice(at, 1);
    backups.push({ location, name, data, modifiedAt });
    const newestFirst = backups.filter((b) => b.location === location).sort((a, b) => (a.name < b.name ? 1 : -1));
    for (const old of newestFirst.slice(BACKUP_KEEP)) backups.splice(backups.indexOf(old), 1);
  };
  const api: RecordingApi = {
    saved,
    backups,
    backupCalls,
    secondFolderChoice: 'E:\\SaoLuu',
    requestExit() {
      const waiting = exitWaiters;
      exitWaiters = [];
      for (const answer of waiting) answer();
    },
    // Workbook exports are built in memory, as in the browser build, and recorded like saved files.
    ...createMemoryExports(async (name, bytes) => {
      saved.push({ name, bytes });
      return ok({ saved: true, path: name });
    }),
    chooseFolder: async () => ok({ chosen: true, path: 'USB' }),
    getAppInfo: async () => ok({ version: 'test', shell: 'browser', platform: 'test' }),
    saveFile: async (req) => {
      saved.push({ name: req.suggestedName, bytes: req.data });
      return ok({ saved: true, path: req.suggestedName });
    },
    openFile: async () => ok({ opened: false }),
    openSheets: async () => ok({ opened: false }),
    printToPdf: async () => ok({ saved: false }),
    showInFolder: async () => ok(null),
    async backupWrite(request) {
      backupCalls.push({ method: 'backupWrite', request });
      // Bytes from jsdom's TextEncoder come from another realm; view them from this one before validating.
      const raw: unknown = request.data;
      const local = ArrayBuffer.isView(raw) ? new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength) : raw;
      const parsed = IPC_REQUEST_SCHEMAS.backupWrite.safeParse({ ...request, data: local });
      if (!parsed.success) return invalid();
      const data = new Uint8Array(parsed.data.data);
      const name = `SoDeAn06_${request.stamp}_${request.kind}.sdbak`;
      const modifiedAt = stampTime(request.stamp);
      keep('primary', name, data, modifiedAt);
      if (secondFolder !== null) keep('second', name, new Uint8Array(data), modifiedAt);
      const sha256 = await sha256Hex(new Uint8Array(data));
      return ok({ path: `sao-luu/${name}`, bytes: data.byteLength, sha256, second: secondFolder === null ? null : { path: `${secondFolder}\\${name}` } });
    },
    async backupList() {
      backupCalls.push({ method: 'backupList' });
      const entries = [...backups]
        .sort((a, b) => (a.name === b.name ? (a.location === 'primary' ? -1 : 1) : a.name < b.name ? 1 : -1))
        .map(({ location, name, data, modifiedAt }) => ({
          location,
          name,
          kind: BACKUP_KIND.parse(/_([a-z]+)\.sdbak$/.exec(name)?.[1]),
          bytes: data.byteLength,
          modifiedAt,
        }));
      return ok({ folders: folders(), entries });
    },
    async backupRead(request) {
      backupCalls.push({ method: 'backupRead', request });
      if (!IPC_REQUEST_SCHEMAS.backupRead.safeParse(request).success) return invalid();
      const found = backups.find((b) => b.location === request.location && b.name === request.name);
      return found ? ok({ name: found.name, data: new Uint8Array(found.data) }) : err('io_error', 'Không tìm thấy bản sao lưu này.');
    },
    async backupChooseSecondFolder() {
      backupCalls.push({ method: 'backupChooseSecondFolder' });
      if (api.secondFolderChoice !== null) secondFolder = api.secondFolderChoice;
      return ok(folders());
    },
    async backupClearSecondFolder() {
      backupCalls.push({ method: 'backupClearSecondFolder' });
      secondFolder = null;
      return ok(folders());
    },
    waitForExit() {
      backupCalls.push({ method: 'waitForExit' });
      return new Promise((resolve) => exitWaiters.push(() => resolve(ok(null))));
    },
    async exitReady() {
      backupCalls.push({ method: 'exitReady' });
      return ok(null);
    },
  };
  return api;
}

/**
 * 2026-11-22 09:00 local time unless told otherwise, one millisecond later at
 * each reading so events keep the order they happened in.
 */
export function fixedClock(iso = '2026-11-22T09:00:00'): () => Date {
  let at = new Date(iso).getTime();
  return () => new Date(at++);
}

export function testServices(options?: { now?: string }): AppServices & { api: RecordingApi } {
  const api = recordingApi();
  const services = createAppServices({ dbName: `test-${Date.now()}-${++dbCounter}`, clock: fixedClock(options?.now), api });
  return { ...services, api };
}

/** A unit with hamlets and one officer (PIN 1234), as the first-run wizard leaves it. */
export async function setUpUnit(
  services: AppServices,
  hamlets: readonly string[] = ['Thôn Phú Bình', 'Thôn Tân Lập'],
): Promise<Officer> {
  const built = await services.repos.officers.build({ fullName: 'Nguyễn Văn Hùng', title: 'Thượng úy - Phó Trưởng Công an xã', pin: '1234' });
  if (!built.ok) throw new Error(built.message);
  await services.repos.setup.complete(TEST_UNIT, hamlets, built.value);
  return built.value;
}

/**
 * A structurally valid 12-digit personal ID: province code, century/sex digit,
 * two-digit birth year, six serial digits.
 */
export function personalIdFor(birthYear: number, sex: 'male' | 'female', serial: number, province = '056'): string {
  const century = Math.floor((birthYear - 1900) / 100);
  const digit = century * 2 + (sex === 'female' ? 1 : 0);
  return `${province}${digit}${String(birthYear % 100).padStart(2, '0')}${String(serial).padStart(6, '0')}`;
}
