/**
 * Drives the built web app (dist/renderer) in Debian's Chromium through
 * playwright-core. Each launch uses a persistent profile folder, so closing and
 * relaunching is a real restart of the app with its IndexedDB on disk.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, onTestFailed } from 'vitest';
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

/** The seeding bundle (tests/support/seed-entry.ts, or another page-side entry) as one script for the page. */
export async function seederScript(entry = 'tests/support/seed-entry.ts'): Promise<string> {
  const { build } = await import('esbuild');
  const out = await build({
    entryPoints: [join(ROOT, entry)],
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

/** The first-run wizard as a new unit fills it in: Vĩnh Hiệp, three hamlets, one officer with PIN 2468. */
export async function completeWizard(page: Page, options?: { screenshotAs?: string }): Promise<void> {
  await page.getByRole('form', { name: 'Thiết lập ban đầu' }).waitFor();
  await page.getByLabel('Tên đơn vị').fill('Công an xã Vĩnh Hiệp');
  await page.getByLabel(/^Đơn vị cấp trên/).fill('Công an tỉnh Khánh Hòa');
  await page.getByLabel('Địa danh ghi ở dòng ngày tháng').fill('Vĩnh Hiệp');
  if (options?.screenshotAs) await screenshot(page, options.screenshotAs);
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByLabel('Thôn / tổ dân phố').fill('Thôn Phú Bình\nThôn Tân Lập\nTổ dân phố 3');
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByLabel('Họ và tên cán bộ').fill('Nguyễn Văn Hùng');
  await page.getByLabel('Cấp bậc, chức vụ').fill('Thượng úy - Phó Trưởng Công an xã');
  await page.getByLabel('Mã PIN đăng nhập').fill('2468');
  await page.getByLabel('Nhập lại mã PIN').fill('2468');
  await page.getByRole('button', { name: 'Hoàn tất' }).click();
  await page.getByRole('heading', { name: 'Tổng quan' }).waitFor();
}

/** 12 digits: Khánh Hòa (056), century/sex digit, birth year, serial. */
export function personalId(year: number, sex: 'male' | 'female', serial: number): string {
  const digit = Math.floor((year - 1900) / 100) * 2 + (sex === 'female' ? 1 : 0);
  return `056${digit}${String(year % 100).padStart(2, '0')}${String(serial).padStart(6, '0')}`;
}

/** The lock screen with the only officer preselected. */
export async function signIn(page: Page): Promise<void> {
  await page.getByRole('form', { name: 'Đăng nhập' }).waitFor();
  await page.getByLabel('Mã PIN').fill('2468');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Khóa máy' }).waitFor();
}

/**
 * One end-to-end file's setup: the built app served on 127.0.0.1, a fresh
 * browser profile, and everything closed and removed afterwards.
 */
export function appFixture(): {
  server: () => AppServer;
  profileDir: string;
  open: (options?: { bypassCSP?: boolean }) => Promise<AppSession>;
  reopen: (options?: { bypassCSP?: boolean }) => Promise<AppSession>;
} {
  let server: AppServer | undefined;
  let session: AppSession | undefined;
  const profile = newProfileDir();
  beforeAll(async () => {
    server = await serveBuiltApp();
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
    profile.remove();
  });
  const running = (): AppServer => {
    if (!server) throw new Error('the app server is not running');
    return server;
  };
  const open = async (options?: { bypassCSP?: boolean }) => {
    session = await openApp(running().url, profile.dir, options);
    const opened = session;
    // What the screen showed when a step failed, for whoever reads the CI log.
    onTestFailed(async ({ task }) => {
      if (opened.page.isClosed()) return;
      await screenshot(opened.page, `failed-${task.name.replace(/[^\p{L}\d]+/gu, '-').slice(0, 60)}`).catch(() => undefined);
      console.error(`Screenshot of the failure in ${ARTIFACTS}; console errors: ${JSON.stringify(opened.errors)}`);
    });
    return session;
  };
  return {
    server: running,
    profileDir: profile.dir,
    open,
    /** closes the browser and opens it again on the same profile: a restart of the app */
    reopen: async (options?: { bypassCSP?: boolean }) => {
      await session?.close();
      return open(options);
    },
  };
}
