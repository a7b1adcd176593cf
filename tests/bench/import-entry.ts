/**
 * Bundled into the page by the import benchmark: the floor's database half — 50,000 labour
 * records, built beforehand exactly as an import builds them, added to the app's own schema
 * with one bulkAdd in one transaction — and a watch on the page's main thread.
 */
import { AppDatabase } from '../../renderer/db/database';
import { personSearchKeys } from '../../shared/domain/person';
import { initialProgress } from '../../shared/domain/progress';
import type { LabourRecord } from '../../shared/domain/types';

declare global {
  interface Window {
    __soDeAn06ImportBench: {
      floorBulkAdd(rows: number, run: number): Promise<{ ms: number }>;
      watchMainThread(): void;
      mainThreadWorst(): number;
    };
  }
}

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Hà', 'Lan', 'Minh', 'Nga', 'Phúc', 'Quang'];

function labour(i: number): LabourRecord {
  const at = '2026-11-22T02:00:00.000Z';
  const fullName = `${SURNAMES[i % 8]} Văn ${GIVEN[i % 10]} ${GIVEN[Math.floor(i / 10) % 10]}`;
  return {
    id: crypto.randomUUID(),
    fullName,
    birthDate: '1985-04-12',
    sex: 'male',
    personalId: `0560850${String(i).padStart(5, '0')}`,
    oldId: '',
    phone: '0987654321',
    hamletId: '',
    address: '',
    note: '',
    socialInsuranceNo: '',
    permanentAddress: 'Thôn Phú Bình, xã Vĩnh Hiệp',
    currentAddress: '',
    ethnicity: 'kinh',
    generalEducation: '12/12',
    technicalQualification: 'none',
    fieldOfTraining: '',
    economicStatus: 'employed',
    employmentPosition: 'employee',
    job: 'Công nhân may',
    relationToHead: 'head',
    ...personSearchKeys({ fullName }, false),
    ...initialProgress('2026-11-22', at, 'officer', 'received', { source: { file: 'lao-dong.xlsx', sheet: 'Sheet1', rows: [i + 2] } }),
    createdAt: at,
    createdBy: 'officer',
    updatedAt: at,
    updatedBy: 'officer',
  };
}

let worst = 0;

window.__soDeAn06ImportBench = {
  async floorBulkAdd(rows, run) {
    const db = new AppDatabase(`import-floor-${run}`);
    await db.open();
    const records = Array.from({ length: rows }, (_, i) => labour(i));
    const started = performance.now();
    await db.transaction('rw', db.labour, () => db.labour.bulkAdd(records));
    const ms = performance.now() - started;
    db.close();
    await AppDatabase.delete(`import-floor-${run}`);
    return { ms };
  },
  /** The longest the page's main thread did not answer a 50 ms timer. */
  watchMainThread() {
    worst = 0;
    let last = performance.now();
    setInterval(() => {
      const now = performance.now();
      worst = Math.max(worst, now - last - 50);
      last = now;
    }, 50);
  },
  mainThreadWorst: () => worst,
};
