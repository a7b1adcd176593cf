/**
 * The page side of the export benchmark, bundled into an IIFE and injected
 * into the built app: the hub's own export (exportMonthlyWorkbook over the
 * app's repositories), with the DesktopApi's export methods forwarded to the
 * Node side — where the main process's streaming export service runs — as the
 * Electron preload forwards them over IPC. Plus the raw floor: reading every
 * record out of IndexedDB in the same pages, doing nothing with them.
 */
import { AppDatabase } from '../../renderer/db/database';
import { createRepositories } from '../../renderer/db/repositories';
import { exportMonthlyWorkbook } from '../../renderer/excel/monthly-workbook';
import { groupFacts, reportFigures } from '../../shared/report/figures';
import { periodContaining } from '../../shared/settings/period';
import type { DesktopApi } from '../../shared/ipc/contract';

type Forward = (method: string, request: string) => Promise<unknown>;
declare global {
  interface Window {
    __exportCall: Forward;
    __soDeAn06ExportBench: { exportAll: typeof exportAll; readFloor: typeof readFloor; readLists: typeof readLists };
  }
}

// Electron's IPC hands a request over by structured clone; Playwright's binding would wrap every
// value of every row in its own envelope, far slower than IPC. One JSON string per call is close to IPC.
const forward =
  (method: keyof DesktopApi) =>
  (request?: unknown): Promise<never> =>
    window.__exportCall(method, request === undefined ? '' : JSON.stringify(request)) as Promise<never>;

const api = {
  chooseFolder: forward('chooseFolder'),
  exportBegin: forward('exportBegin'),
  exportSheet: forward('exportSheet'),
  exportRows: forward('exportRows'),
  exportFinish: forward('exportFinish'),
  exportAbort: forward('exportAbort'),
} as unknown as DesktopApi;

/** Peak JS heap of the page while `work` runs (Chromium's performance.memory). */
async function withHeapPeak<T>(work: () => Promise<T>): Promise<{ value: T; heapPeakMb: number }> {
  const memory = () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
  let peak = memory();
  const timer = setInterval(() => {
    peak = Math.max(peak, memory());
  }, 100);
  try {
    const value = await work();
    return { value, heapPeakMb: Math.max(peak, memory()) / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

async function exportAll(): Promise<{ ms: number; rows: number; path: string; heapPeakMb: number }> {
  const db = new AppDatabase();
  const repos = createRepositories(db);
  try {
    const unit = await repos.settings.getUnit();
    if (!unit) throw new Error('no unit');
    const [lists, categories, targets, facts, hamlets, officers] = await Promise.all([
      repos.catalogue.memberLists(),
      repos.catalogue.dc01Categories(),
      repos.targets.all(),
      repos.facts.all(),
      repos.catalogue.hamlets(),
      repos.officers.list(),
    ]);
    const period = periodContaining(new Date().toISOString().slice(0, 10), unit.cutoffDay);
    // In the app the facts are already in memory when the officer clicks; only the export is timed.
    const figures = reportFigures(groupFacts(facts), { lists, categories, targets, period });
    const header = { unitName: unit.unitName, superiorName: unit.superiorName, placeName: unit.placeName, reportNumber: '', reportDate: period.to, period };
    const hamletName = new Map(hamlets.map((h) => [h.id, h.name]));
    const officerName = new Map(officers.map((o) => [o.id, o.fullName]));
    const names = { hamletName: (id: string) => hamletName.get(id) ?? '', officerName: (id: string) => officerName.get(id) ?? '' };
    const rowSets = repos.reportRows.rowSets(
      lists.filter((l) => !l.hidden),
      categories.filter((c) => !c.hidden),
    );
    const folder = (await api.chooseFolder()) as unknown as { ok: true; value: { chosen: true; path: string } };
    let rows = 0;
    const started = performance.now();
    const { value: result, heapPeakMb } = await withHeapPeak(() =>
      exportMonthlyWorkbook({
        api,
        figures,
        header,
        rowSets,
        readRows: (sets, onProgress) => repos.reportRows.readAll(sets, period, names, onProgress),
        folder: folder.value.path,
        onProgress: (p) => (rows = p.rows),
      }),
    );
    const ms = performance.now() - started;
    if (!result.ok || !result.value) throw new Error(result.ok ? 'not saved' : result.message);
    return { ms, rows, path: result.value.path, heapPeakMb };
  } finally {
    db.close();
  }
}

/** The export's reading step alone: every list's rows, as the hub reads them before sending. */
async function readLists(): Promise<{ ms: number; rows: number }> {
  const db = new AppDatabase();
  const repos = createRepositories(db);
  try {
    const unit = (await repos.settings.getUnit())!;
    const period = periodContaining(new Date().toISOString().slice(0, 10), unit.cutoffDay);
    const sets = repos.reportRows.rowSets(await repos.catalogue.memberLists(), await repos.catalogue.dc01Categories());
    const names = { hamletName: () => '', officerName: () => '' };
    const started = performance.now();
    const read = await repos.reportRows.readAll(sets, period, names);
    return { ms: performance.now() - started, rows: [...read.values()].reduce((n, r) => n + r.length, 0) };
  } finally {
    db.close();
  }
}

/** The floor's reading half: every member record, in the same pages, nothing done with them. */
async function readFloor(): Promise<{ ms: number; records: number }> {
  const db = new AppDatabase();
  try {
    const started = performance.now();
    let records = 0;
    let after: string | undefined;
    for (;;) {
      const page = await (after === undefined ? db.members.toCollection() : db.members.where(':id').above(after)).limit(5000).toArray();
      if (page.length === 0) break;
      records += page.length;
      after = page[page.length - 1]!.id;
    }
    return { ms: performance.now() - started, records };
  } finally {
    db.close();
  }
}

window.__soDeAn06ExportBench = { exportAll, readFloor, readLists };
