/**
 * The later Excel work (workbooks built in the main process, streaming large
 * exports) needs exceljs to bundle for Node exactly as main.cjs is bundled:
 * same esbuild options, one self-contained file, run by a plain `node`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { electronBuildOptions, REPO_ROOT } from '../build/scripts/build-electron.mjs';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'exceljs-node-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('exceljs in a Node bundle', () => {
  it('bundles with the main-process options and round-trips a workbook', async () => {
    const source =
      `import ExcelJS from 'exceljs';
      const main = async () => {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet('Tổng hợp');
        ws.addRow(['Hội Người cao tuổi', 22966, 0.9064]);
        ws.getCell('B1').numFmt = '#,##0';
        const buffer = await wb.xlsx.writeBuffer();
        const back = new ExcelJS.Workbook();
        await back.xlsx.load(buffer);
        const row = back.getWorksheet('Tổng hợp').getRow(1).values;
        process.stdout.write(JSON.stringify(row));
      };
      main().catch((e) => { console.error(e); process.exit(1); });`;
    const { main } = electronBuildOptions({ outDir: dir });
    const outfile = path.join(dir, 'out.cjs');
    const { entryPoints: _main, ...options } = main;
    // resolved from the repository, as electron/main is
    await build({ ...options, stdin: { contents: source, resolveDir: REPO_ROOT, loader: 'ts' }, outfile, logLevel: 'error' });
    const output = execFileSync(process.execPath, [outfile], { cwd: dir, encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual([null, 'Hội Người cao tuổi', 22966, 0.9064]);
  }, 60_000);
});
