// `npm run bench`: benchmarks are TypeScript next to the tests; bundle them
// for Node with esbuild (no extra runner) and run them against the built app.
import { build } from 'esbuild';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execSync } from 'node:child_process';

const root = resolve(import.meta.dirname, '../..');
if (!existsSync(join(root, 'dist/renderer/index.html'))) {
  console.log('Building the app first (npm run build)…');
  execSync('npm run build --silent', { cwd: root, stdio: 'inherit' });
}
// Inside node_modules so the bundle's bare imports (playwright-core, esbuild) resolve.
const outDir = join(root, 'node_modules/.cache/sodean06-bench');
mkdirSync(outDir, { recursive: true });
// `npm run bench` runs every benchmark; `npm run bench -- export` (or search) only that one.
const BENCHES = {
  search: { entry: 'tests/bench/search-bench.ts', run: 'runSearchBench' },
  export: { entry: 'tests/bench/export-bench.ts', run: 'runExportBench' },
  import: { entry: 'tests/bench/import-bench.ts', run: 'runImportBench' },
};
const chosen = process.argv.slice(2).filter((name) => name in BENCHES);
try {
  for (const name of chosen.length > 0 ? chosen : Object.keys(BENCHES)) {
  const bench = BENCHES[name];
  const outfile = join(outDir, `${name}-bench.mjs`);
  await build({
    entryPoints: [join(root, bench.entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    packages: 'external',
    logLevel: 'error',
    // the bundle lives elsewhere: keep import.meta.dirname pointing at the sources
    define: { 'import.meta.dirname': JSON.stringify(join(root, 'tests/e2e')) },
  });
  const module = await import(pathToFileURL(outfile).href);
  await module[bench.run]();
  }
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
