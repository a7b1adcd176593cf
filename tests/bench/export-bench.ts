/**
 * The monthly workbook at realistic size, the desktop build's way: 250,000
 * records read from IndexedDB in Debian's Chromium by the hub's own export
 * code, handed page by page across a bridge (here Playwright's binding with
 * one JSON string per call, in the app Electron's IPC) to the main process's
 * streaming export service
 * running in this Node process, which writes the .xlsx to disk.
 *
 * The floor, measured in the same run: reading the same records out of
 * IndexedDB in the same pages doing nothing with them, plus exceljs's
 * streaming writer writing as many plain rows of the same width with no
 * styles. Medians of several runs; the verdict is the ratio to that floor
 * (target within 1.5x), the time (target under 15 s) and the peak memory of
 * both sides (target under 1 GiB).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { mb, median, sec, withRssPeak } from './bench-util';
import { newProfileDir, openApp, seederScript, serveBuiltApp } from '../e2e/harness';
import { createWorkbookExportService, randomSuffix } from '../../electron/main/services/workbook-export';
import { IPC_REQUEST_SCHEMAS } from '../../shared/ipc/contract';

const RECORDS = 250_000;
const RUNS = 3;

/** exceljs's streaming writer alone: `rows` plain rows of a member sheet's width, no styles. */
async function writeFloor(dir: string, rows: number): Promise<number> {
  const file = join(dir, 'floor.xlsx');
  const started = performance.now();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Floor');
  for (let i = 0; i < rows; i++) {
    sheet
      .addRow([i + 1, `Nguyễn Văn ${i}`, new Date(Date.UTC(1950, 2, 12)), 'Nam', `056050${String(i).padStart(6, '0')}`, String(225000000 + i), '', 'Thôn Phú Bình', '', 'Đã cập nhật, phê duyệt', new Date(Date.UTC(2026, 10, 2)), ''])
      .commit();
  }
  sheet.commit();
  await workbook.commit();
  const ms = performance.now() - started;
  rmSync(file, { force: true });
  return ms;
}

export async function runExportBench(): Promise<void> {
  const server = await serveBuiltApp();
  const profile = newProfileDir();
  const out = mkdtempSync(join(tmpdir(), 'sodean06-export-bench-'));
  const app = await openApp(server.url, profile.dir, { bypassCSP: true });
  const exports = createWorkbookExportService({
    dialogs: { chooseSavePath: async () => undefined, chooseDirectory: async () => out },
    documentsDir: () => out,
    randomSuffix,
  });
  try {
    const { page } = app;
    page.setDefaultTimeout(300_000);
    // What the main process's IPC handler does with each call: validate with the contract's schema, then call the service.
    // Time the main-process side spends per export (decoding, validating, writing), to show where the time goes.
    let mainBusy = 0;
    await page.exposeFunction('__exportCall', async (method: string, json: string) => {
      const started = performance.now();
      try {
        const schema = IPC_REQUEST_SCHEMAS[method as keyof typeof IPC_REQUEST_SCHEMAS];
        const parsed = schema.safeParse(json === '' ? undefined : JSON.parse(json));
        if (!parsed.success) return { ok: false, code: 'invalid_request', message: parsed.error.message };
        const service = exports[method as 'exportRows'] as (r: unknown) => Promise<unknown>;
        return await service(parsed.data);
      } finally {
        mainBusy += performance.now() - started;
      }
    });
    await page.getByRole('form', { name: 'Thiết lập ban đầu' }).waitFor();
    await page.addScriptTag({ content: await seederScript() });
    console.log(`Seeding ${RECORDS.toLocaleString('en')} member records…`);
    const seeded = await page.evaluate((total) => window.__soDeAn06Seed.seedMembers({ total, listSize: 30_000 }), RECORDS);
    console.log(`  seeded ${seeded.total} records in ${sec(seeded.ms)}`);
    await page.addScriptTag({ content: await seederScript('tests/bench/export-entry.ts') });

    const exportTimes: number[] = [];
    const heapPeaks: number[] = [];
    const rssPeaks: number[] = [];
    const busyTimes: number[] = [];
    let size = 0;
    let rows = 0;
    for (let run = 0; run < RUNS; run++) {
      mainBusy = 0;
      const { value, rssPeakMb } = await withRssPeak(() => page.evaluate(() => window.__soDeAn06ExportBench.exportAll()));
      exportTimes.push(value.ms);
      heapPeaks.push(value.heapPeakMb);
      rssPeaks.push(rssPeakMb);
      busyTimes.push(mainBusy);
      rows = value.rows;
      size = statSync(value.path).size;
      rmSync(value.path, { force: true });
      console.log(`  export run ${run + 1}: ${sec(value.ms)}, ${value.rows} rows, page heap peak ${mb(value.heapPeakMb)}, Node RSS peak ${mb(rssPeakMb)}`);
    }
    const readTimes: number[] = [];
    const writeTimes: number[] = [];
    const listTimes: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const read = await page.evaluate(() => window.__soDeAn06ExportBench.readFloor());
      readTimes.push(read.ms);
      writeTimes.push(await writeFloor(out, rows));
      listTimes.push((await page.evaluate(() => window.__soDeAn06ExportBench.readLists())).ms);
    }

    const exported = median(exportTimes);
    const floor = median(readTimes) + median(writeTimes);
    const ratio = exported / floor;
    const memory = Math.max(...rssPeaks) + Math.max(...heapPeaks);
    console.log('');
    console.log(`Monthly workbook with detail sheets, ${rows.toLocaleString('en')} rows (medians of ${RUNS} runs):`);
    console.log(`  export, click → file on disk .............. ${sec(exported)}   (${(rows / (exported / 1000)).toFixed(0)} rows/s, file ${mb(size / 2 ** 20)})`);
    console.log(`    reading the lists (page, alone) ........ ${sec(median(listTimes))}`);
    console.log(`    main-process side busy (decode, check, write) ${sec(median(busyTimes))}`);
    console.log(`  floor: IndexedDB read in pages ............ ${sec(median(readTimes))}`);
    console.log(`  floor: exceljs streaming writer, plain .... ${sec(median(writeTimes))}`);
    console.log(`  ratio export / floor ...................... ${ratio.toFixed(2)}x   (target within 1.5x: ${ratio <= 1.5 ? 'met' : 'NOT met'})`);
    console.log(`  peak memory: writer (Node RSS) ${mb(Math.max(...rssPeaks))} + page JS heap ${mb(Math.max(...heapPeaks))}`);
    console.log(`  budget: under 15 s and 1 GiB .............. ${exported < 15_000 && memory < 1024 ? 'met' : 'NOT met'} on this machine`);
  } finally {
    await app.close();
    await server.close();
    profile.remove();
    rmSync(out, { recursive: true, force: true });
  }
}
