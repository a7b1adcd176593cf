/**
 * The app:// protocol may only ever hand out files inside dist/renderer:
 * every traversal trick is refused by the pure guard, and the real handler
 * answers 404 even when the file it is tricked towards exists on disk.
 */
import path from 'node:path';
import os from 'node:os';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_INDEX_URL,
  createAppProtocolHandler,
  mimeTypeFor,
  registerAppScheme,
  resolveAppUrl,
  resolveBundlePath,
} from './protocol';

const ROOT = path.resolve('/srv/app/dist/renderer');

describe('resolveBundlePath', () => {
  it('maps plain paths inside the bundle', () => {
    expect(resolveBundlePath(ROOT, '/')).toBe(path.join(ROOT, 'index.html'));
    expect(resolveBundlePath(ROOT, '/index.html')).toBe(path.join(ROOT, 'index.html'));
    expect(resolveBundlePath(ROOT, '/assets/index-3f2a.js')).toBe(path.join(ROOT, 'assets', 'index-3f2a.js'));
    expect(resolveBundlePath(ROOT, '/fonts/Be%20Vietnam.woff2')).toBe(path.join(ROOT, 'fonts', 'Be Vietnam.woff2'));
  });

  it.each([
    ['parent segment', '/../secret.txt'],
    ['parent segment deeper down', '/assets/../../secret.txt'],
    ['bare parent', '/..'],
    ['current segment', '/./index.html'],
    ['encoded parent', '/%2e%2e/secret.txt'],
    ['encoded slash hiding a parent', '/..%2fsecret.txt'],
    ['encoded backslash hiding a parent', '/..%5csecret.txt'],
    ['raw backslash', '/..\\secret.txt'],
    ['double encoding', '/%252e%252e/secret.txt'],
    ['malformed escape', '/%E0%A4%A'],
    ['NUL byte', '/index.html%00.png'],
  ])('refuses a %s (%s)', (_name, rawPath) => {
    expect(resolveBundlePath(ROOT, rawPath)).toBeNull();
  });

  it.each([
    ['a POSIX absolute path', '//etc/passwd'],
    ['an encoded POSIX absolute path', '/%2Fetc%2Fpasswd'],
    ['a Windows drive path', '/C:/Windows/win.ini'],
    ['an encoded Windows drive path', '/C%3A%5CWindows%5Cwin.ini'],
    ['a UNC path', '/\\\\server\\share\\x'],
    ['a path without a leading slash', 'etc/passwd'],
    ['an empty path', ''],
  ])('refuses %s (%s)', (_name, rawPath) => {
    expect(resolveBundlePath(ROOT, rawPath)).toBeNull();
  });
});

describe('resolveAppUrl', () => {
  it('accepts app://bundle URLs and ignores query and fragment', () => {
    expect(resolveAppUrl(ROOT, APP_INDEX_URL)).toBe(path.join(ROOT, 'index.html'));
    expect(resolveAppUrl(ROOT, 'app://bundle/assets/a.js?v=2#x')).toBe(path.join(ROOT, 'assets', 'a.js'));
  });

  it.each([
    'app://other/index.html',
    'app://bundle.evil/index.html',
    'app://bundle:8080/index.html',
    'app://user@bundle/index.html',
    'app://bundle',
    'file:///etc/passwd',
    'https://bundle/index.html',
  ])('refuses %s', (url) => {
    expect(resolveAppUrl(ROOT, url)).toBeNull();
  });
});

describe('registerAppScheme', () => {
  it('makes app:// a standard, secure scheme so IndexedDB and fetch work', () => {
    const calls: unknown[] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (schemes) => calls.push(schemes) });
    expect(calls).toEqual([
      [{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }],
    ]);
  });
});

describe('createAppProtocolHandler on a real folder', () => {
  let base: string;
  let root: string;

  beforeAll(async () => {
    base = await mkdtemp(path.join(os.tmpdir(), 'sodean06-protocol-'));
    root = path.join(base, 'renderer');
    await mkdir(path.join(root, 'assets'), { recursive: true });
    await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Sổ Đề án 06</title>');
    await writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
    // A file right next to the bundle: it must stay unreachable.
    await writeFile(path.join(base, 'secret.txt'), 'TOP SECRET');
  });
  afterAll(() => rm(base, { recursive: true, force: true }));

  const get = (url: string, method = 'GET') => createAppProtocolHandler(root)(new Request(url, { method }));

  it('serves bundle files with their MIME type and the CSP', async () => {
    const response = await get('app://bundle/assets/app.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await response.text()).toBe('console.log(1)');
  });

  it('serves index.html for the root', async () => {
    const response = await get('app://bundle/');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Sổ Đề án 06');
  });

  it.each(['app://bundle/..%2fsecret.txt', 'app://bundle/%2e%2e%2fsecret.txt', 'app://bundle/assets/..%2f..%2fsecret.txt'])(
    'answers 404 for %s although the file exists',
    async (url) => {
      const response = await get(url);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('TOP SECRET');
    },
  );

  it('answers 404 for a missing asset instead of the page', async () => {
    expect((await get('app://bundle/assets/missing.js')).status).toBe(404);
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get('app://bundle/index.html', 'POST')).status).toBe(404);
  });
});

describe('mimeTypeFor', () => {
  it('knows the types the bundle contains', () => {
    expect(mimeTypeFor('a.html')).toMatch(/^text\/html/);
    expect(mimeTypeFor('a.CSS')).toMatch(/^text\/css/);
    expect(mimeTypeFor('a.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('a.wasm')).toBe('application/wasm');
    expect(mimeTypeFor('a.unknown')).toBe('application/octet-stream');
  });
});
