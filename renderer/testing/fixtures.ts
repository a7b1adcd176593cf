/**
 * Test fixtures for the renderer: a fresh fake-indexeddb database per test, a
 * fixed clock, a recording DesktopApi, and a unit already set up with one officer.
 */
import { createAppServices, type AppServices } from '../context/services';
import type { DesktopApi } from '../../shared/ipc/contract';
import type { Officer, UnitSettings } from '../../shared/domain/types';
import { ok } from '../../shared/result';
import { createMemoryExports } from '../excel/memory-export';

let dbCounter = 0;

export const TEST_UNIT: UnitSettings = {
  unitName: 'Công an xã Vĩnh Hiệp',
  superiorName: 'Công an tỉnh Khánh Hòa',
  superiorLevel: 'province',
  placeName: 'Vĩnh Hiệp',
  reportNumberSuffix: 'BC-CAX',
  cutoffDay: 20,
};

export type RecordingApi = DesktopApi & { saved: { name: string; bytes: Uint8Array }[] };

export function recordingApi(): RecordingApi {
  const saved: RecordingApi['saved'] = [];
  return {
    saved,
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
  };
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
