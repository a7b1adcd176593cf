/**
 * Drives the built web app (dist/renderer) in Debian's Chromium through
 * playwright-core. Each launch uses a persistent profile folder, so closing and
 * relaunching is a real restart of the app with its IndexedDB on disk.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startStaticServer } from '../../build/scripts/serve.mjs';

export const ROOT = resolve(import.meta.dirname, '../..');
export const ARTIFACTS = join(ROOT, 'tests/.artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export type AppServer = { url: string; close: () => Promise<void> };

export async function serveBuiltApp(): Promise<AppServer> {
  const root = join(ROOT, 'dist/renderer');
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error('dist/renderer is missing: run `npm run build` first (npm test does).');
  }
  return startStaticServer({ root, port: 0, host: '127.0.0.1' });
}

export type AppSession = {
  page: Page;
  context: BrowserContext;
  /** every URL the page asked for */
  requests: string[];
  /** console errors and uncaught exceptions */
  errors: string[];
  close: () => Promise<void>;
};

export function newProfileDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sodean06-e2e-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The seeding bundle (tests/support/seed-entry.ts) as one script for the page. */
export async function seederScript(): Promise<string> {
  const { build } = await import('esbuild');
  const out = await build({
    entryPoints: [join(ROOT, 'tests/support/seed-entry.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'error',
  });
  const file = out.outputFiles[0];
  if (!file) throw new Error('seeder bundle is empty');
  return file.text;
}

/**
 * Opens the app. `bypassCSP` lets a test inject its seeding script into the
 * page (the app's own CSP forbids inline scripts, as it should).
 */
export async function openApp(url: string, profileDir: string, options?: { bypassCSP?: boolean }): Promise<AppSession> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1366, height: 768 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    acceptDownloads: true,
    bypassCSP: options?.bypassCSP ?? false,
  });
  context.setDefaultTimeout(10_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  return { page, context, requests, errors, close: () => context.close() };
}

/** Requests that left the machine: anything that is not the local server or an in-page resource. */
export function foreignRequests(requests: readonly string[], serverUrl: string): string[] {
  const origin = new URL(serverUrl).origin;
  return requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}
