/**
 * Electronegativity over what the desktop app runs: the electron/ sources
 * (their tests left out: they never ship), a fresh production build of the
 * renderer and package.json (Electron version, command-line switches in the
 * scripts). Its CLI exits 0 whatever it finds, so it is run here through its
 * programmatic API and every finding must be justified in
 * electron/security-allowlist.json.
 *
 * Offline: the one check that asks GitHub for Electron releases
 * (AvailableSecurityFixesGlobalCheck) is left out, the translations download
 * that every run starts is answered by a stub of `got`, and any TCP
 * connection attempted during a scan is refused and counted.
 */
import path from 'node:path';
import os from 'node:os';
import net from 'node:net';
import Module, { createRequire } from 'node:module';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { CONTENT_SECURITY_POLICY } from './main/security';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const ELECTRON_DIR = path.join(REPO_ROOT, 'electron');
const ALLOWLIST_PATH = path.join(ELECTRON_DIR, 'security-allowlist.json');
const ONLINE_CHECK = 'AvailableSecurityFixesGlobalCheck';

const requireHere = createRequire(import.meta.url);
const ENEG_PACKAGE_JSON = requireHere.resolve('@doyensec/electronegativity/package.json');
const requireFromEneg = createRequire(ENEG_PACKAGE_JSON);
const { i18nSource } = requireFromEneg('./package.json') as { i18nSource: string };

// ---------------------------------------------------------------------------
// Electronegativity, loaded offline
// ---------------------------------------------------------------------------

type Attribute = { readonly name: string };
type RawIssue = {
  readonly id: string;
  readonly file: string;
  readonly location: { readonly line: number; readonly column: number };
  readonly sample?: string;
  readonly description: string;
  readonly severity: Attribute;
  readonly confidence: Attribute;
};
type RunOptions = {
  readonly input: string;
  readonly isRelative: boolean;
  readonly excludeFromScan: readonly string[];
};
type RunResult = {
  readonly globalChecks: number;
  readonly atomicChecks: number;
  readonly errors: readonly { readonly file: string; readonly message: string; readonly tolerable: boolean }[];
  readonly issues: readonly RawIssue[];
};
type Run = (options: RunOptions) => Promise<RunResult>;

/** URLs handed to the stubbed `got` (only the translations download is expected). */
const gotUrls: string[] = [];
let loadedRun: Run | null = null;

/**
 * Requires Electronegativity with `got` replaced by a stub that records the
 * URL and fails like an offline machine. Its modules keep the stub for the
 * life of this worker, since they bind `got` when they are first required.
 */
function loadElectronegativity(): Run {
  if (loadedRun) return loadedRun;
  const runnerPath = requireFromEneg.resolve('./dist/runner.js');
  if (requireFromEneg.cache[runnerPath]) throw new Error('Electronegativity was loaded before got could be stubbed');
  for (const from of ['./dist/locales/i18n.js', './dist/finder/checks/GlobalChecks/index.js']) {
    const gotPath = createRequire(requireFromEneg.resolve(from)).resolve('got');
    const stub = new Module(gotPath);
    stub.filename = gotPath;
    stub.loaded = true;
    stub.exports = (url: unknown) => {
      gotUrls.push(String(url));
      return Promise.reject(new Error('offline: the security scan makes no network request'));
    };
    requireFromEneg.cache[gotPath] = stub;
  }
  loadedRun = requireFromEneg(runnerPath) as Run;
  return loadedRun;
}

type Finding = {
  readonly id: string;
  /** Relative to the scanned root, with forward slashes; 'N/A' for a finding about the whole app. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly sample: string;
  /** The scanned file's text from the finding's line and column to the end of that line. */
  readonly code: string;
  readonly description: string;
  readonly severity: string;
  readonly confidence: string;
};

type Scan = {
  readonly result: RunResult;
  readonly findings: readonly Finding[];
  /** TCP connections attempted while the scan ran (each was refused). */
  readonly connectAttempts: number;
};

async function scan(root: string): Promise<Scan> {
  const run = loadElectronegativity();
  let connectAttempts = 0;
  const realConnect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function refuseConnection(): never {
    connectAttempts += 1;
    throw new Error('offline: the security scan opens no connection');
  } as typeof realConnect;
  // The translations download reports its (expected) failure with console.log.
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  let result: RunResult;
  try {
    result = await run({ input: root, isRelative: true, excludeFromScan: [ONLINE_CHECK] });
  } finally {
    log.mockRestore();
    net.Socket.prototype.connect = realConnect;
  }
  const findings: Finding[] = [];
  for (const issue of result.issues) {
    const file = issue.file.split(path.sep).join('/');
    const { line, column } = issue.location;
    let code = '';
    if (file !== 'N/A' && line > 0) {
      const lines = (await readFile(path.join(root, file), 'utf8')).split('\n');
      code = (lines[line - 1] ?? '').slice(column).trimEnd();
    }
    findings.push({
      id: issue.id,
      file,
      line,
      column,
      sample: issue.sample ?? '',
      code,
      description: issue.description,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
    });
  }
  return { result, findings, connectAttempts };
}

// ---------------------------------------------------------------------------
// The allow-list
// ---------------------------------------------------------------------------

const AllowEntry = z.strictObject({
  check: z.string().regex(/^[A-Z0-9_]+$/),
  file: z.string().min(1),
  code: z.string().min(1).optional(),
  sample: z.string().min(1).optional(),
  why: z.string().min(80),
});
type AllowEntry = z.infer<typeof AllowEntry>;
const AllowList = z.strictObject({ $comment: z.string(), entries: z.array(AllowEntry) });

async function readAllowList(): Promise<AllowEntry[]> {
  return AllowList.parse(JSON.parse(await readFile(ALLOWLIST_PATH, 'utf8'))).entries;
}

/** `*` stands for any run of characters within one path segment (a content hash). */
function fileMatches(pattern: string, file: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]*');
  return new RegExp(`^${source}$`).test(file);
}

function entryAllows(entry: AllowEntry, finding: Finding): boolean {
  return (
    entry.check === finding.id &&
    fileMatches(entry.file, finding.file) &&
    (entry.code === undefined || finding.code.startsWith(entry.code)) &&
    (entry.sample === undefined || finding.sample === entry.sample)
  );
}

function notAllowed(findings: readonly Finding[], entries: readonly AllowEntry[]): Finding[] {
  return findings.filter((finding) => !entries.some((entry) => entryAllows(entry, finding)));
}

function describeFinding(finding: Finding): string {
  const shown = (finding.code || finding.sample).slice(0, 160);
  return (
    `${finding.id} ${finding.file}:${finding.line}:${finding.column} ` +
    `[${finding.severity}/${finding.confidence}] ${finding.description}` +
    (shown ? `\n    ${shown}` : '')
  );
}

// ---------------------------------------------------------------------------
// The scanned tree: electron/ sources, a fresh renderer build, package.json
// ---------------------------------------------------------------------------

const execFileAsync = promisify(execFile);

async function copyElectronSources(target: string): Promise<string[]> {
  const copied: string[] = [];
  const entries = await readdir(ELECTRON_DIR, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile() || /\.test\.[cm]?[jt]sx?$/.test(entry.name)) continue;
    if (path.join(entry.parentPath, entry.name) === ALLOWLIST_PATH) continue;
    const relative = path.relative(ELECTRON_DIR, path.join(entry.parentPath, entry.name));
    await mkdir(path.join(target, path.dirname(relative)), { recursive: true });
    await copyFile(path.join(ELECTRON_DIR, relative), path.join(target, relative));
    copied.push(relative.split(path.sep).join('/'));
  }
  return copied;
}

/** The same build as `npm run build:renderer`, into `outDir` (dist/renderer may be missing or stale). */
async function buildRenderer(outDir: string): Promise<void> {
  const viteBin = path.join(path.dirname(requireHere.resolve('vite/package.json')), 'bin', 'vite.js');
  // Vitest sets NODE_ENV=test; the real build runs without it (a production React build).
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => name !== 'NODE_ENV' && !name.startsWith('VITEST')),
  );
  await execFileAsync(
    process.execPath,
    [viteBin, 'build', '--config', 'vite.config.ts', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'],
    { cwd: REPO_ROOT, env, timeout: 150_000, maxBuffer: 16 * 1024 * 1024 },
  );
}

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

let workDir: string;
let appRoot: string;
let electronFiles: string[];
let appScan: Scan;
let allowList: AllowEntry[];

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'sodean06-security-scan-'));
  appRoot = path.join(workDir, 'app');
  electronFiles = await copyElectronSources(path.join(appRoot, 'electron'));
  await buildRenderer(path.join(appRoot, 'renderer'));
  await copyFile(path.join(REPO_ROOT, 'package.json'), path.join(appRoot, 'package.json'));
  allowList = await readAllowList();
  appScan = await scan(appRoot);
}, 180_000);

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('Electronegativity security scan', () => {
  it('scans the shipped electron sources, the built renderer and package.json', async () => {
    expect(electronFiles).toEqual(expect.arrayContaining(['main/main.ts', 'main/window.ts', 'preload/preload.ts']));
    expect(electronFiles.filter((file) => file.includes('.test.'))).toEqual([]);
    const files = await listFiles(appRoot);
    expect(files).toContain('package.json');
    expect(files).toContain('renderer/index.html');
    expect(files.filter((file) => /^renderer\/assets\/index-[^/]+\.js$/.test(file))).toHaveLength(1);
  });

  it('parses every file and runs every check but the online one', () => {
    expect(appScan.result.errors).toEqual([]);
    // Six global checks ship with 1.10.x; AvailableSecurityFixesGlobalCheck is the one left out.
    expect(appScan.result.globalChecks).toBe(5);
    expect(appScan.result.atomicChecks).toBeGreaterThanOrEqual(30);
  });

  it('stays offline: no connection, and got only asked for the translations', () => {
    expect(appScan.connectAttempts).toBe(0);
    expect(gotUrls.length).toBeGreaterThan(0);
    expect(gotUrls.filter((url) => !url.startsWith(`${i18nSource}/`))).toEqual([]);
  });

  it('has no inline eng-disable comment that would hide a finding from the allow-list', async () => {
    const files = await listFiles(appRoot);
    const withDirective: string[] = [];
    for (const file of files) {
      if (/eng-disable/i.test(await readFile(path.join(appRoot, file), 'utf8'))) withDirective.push(file);
    }
    expect(withDirective).toEqual([]);
  });

  it('reports nothing that the allow-list does not justify', () => {
    expect(notAllowed(appScan.findings, allowList).map(describeFinding)).toEqual([]);
  });

  it('has no stale allow-list entry: each one still matches a finding', () => {
    const stale = allowList.filter((entry) => !appScan.findings.some((finding) => entryAllows(entry, finding)));
    expect(stale.map((entry) => `${entry.check} ${entry.file}`)).toEqual([]);
  });

  it('finds the header CSP, which the scanner cannot read in security.ts, no weaker than the allowed one', () => {
    const csp = requireFromEneg('@doyensec/csp-evaluator') as {
      CspParser: new (policy: string) => { csp: unknown };
      CspEvaluator: new (csp: unknown, version: unknown) => {
        evaluate(): { directive: string; value?: string; severity: number }[];
      };
      Version: { CSP3: unknown };
      severities: Record<string, number>;
    };
    const severityName = (value: number): string =>
      Object.entries(csp.severities).find(([, severity]) => severity === value)?.[0] ?? String(value);
    const notes = new csp.CspEvaluator(new csp.CspParser(CONTENT_SECURITY_POLICY).csp, csp.Version.CSP3)
      .evaluate()
      .map((note) => `${severityName(note.severity)} ${note.directive} ${note.value ?? ''}`.trim());
    expect(notes).toEqual(["MEDIUM_MAYBE script-src 'self'"]);
  });

  it('flags an insecure window in TypeScript, which no allow-list entry covers', async () => {
    const canaryRoot = path.join(workDir, 'canary');
    await mkdir(path.join(canaryRoot, 'electron', 'main'), { recursive: true });
    // Same path as the real window, TypeScript-only syntax, insecure webPreferences (sandbox left at its default).
    await writeFile(
      path.join(canaryRoot, 'electron', 'main', 'window.ts'),
      [
        "import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';",
        'export function open(url: string): BrowserWindow {',
        '  const window = new BrowserWindow({',
        '    webPreferences: { contextIsolation: false, nodeIntegration: true },',
        '  } satisfies BrowserWindowConstructorOptions);',
        '  void window.loadURL(url as string);',
        '  return window;',
        '}',
        '',
      ].join('\n'),
    );
    await copyFile(path.join(REPO_ROOT, 'package.json'), path.join(canaryRoot, 'package.json'));
    const canary = await scan(canaryRoot);
    expect(canary.result.errors).toEqual([]);
    expect(canary.connectAttempts).toBe(0);
    const flagged = new Set(notAllowed(canary.findings, allowList).map((finding) => finding.id));
    for (const id of ['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'NODE_INTEGRATION_JS_CHECK']) {
      expect(flagged).toContain(id);
    }
  });
});

describe('allow-list matching', () => {
  const finding: Finding = {
    id: 'DANGEROUS_FUNCTIONS_JS_CHECK',
    file: 'renderer/assets/exceljs.min-AbC123.js',
    line: 10,
    column: 5,
    sample: '',
    code: 'Function(``+e));for(var t=0;;)',
    description: '',
    severity: 'MEDIUM',
    confidence: 'CERTAIN',
  };
  const entry: AllowEntry = {
    check: 'DANGEROUS_FUNCTIONS_JS_CHECK',
    file: 'renderer/assets/exceljs.min-*.js',
    code: 'Function(``+e)',
    why: 'test',
  };

  it('matches check, file pattern and the code at the location', () => {
    expect(entryAllows(entry, finding)).toBe(true);
    expect(entryAllows({ ...entry, check: 'SANDBOX_JS_CHECK' }, finding)).toBe(false);
    expect(entryAllows(entry, { ...finding, file: 'renderer/assets/sub/exceljs.min-AbC123.js' })).toBe(false);
    expect(entryAllows(entry, { ...finding, file: 'renderer/assets/exceljs.min-AbC123.jsx' })).toBe(false);
    expect(entryAllows(entry, { ...finding, code: 'eval(`x`+e)' })).toBe(false);
  });

  it('pins the reported sample exactly when the entry gives one', () => {
    const csp = { ...finding, id: 'CSP_GLOBAL_CHECK', file: 'renderer/index.html', sample: "script-src 'self'" };
    const cspEntry: AllowEntry = { check: 'CSP_GLOBAL_CHECK', file: 'renderer/index.html', sample: "script-src 'self'", why: 'test' };
    expect(entryAllows(cspEntry, csp)).toBe(true);
    expect(entryAllows(cspEntry, { ...csp, sample: "script-src 'self' 'unsafe-eval'" })).toBe(false);
  });
});
