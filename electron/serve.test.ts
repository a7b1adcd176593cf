/**
 * The browser-build server (build/scripts/serve.mjs) on a real socket:
 * right MIME types, index.html for '/', 404 for the rest, no way out of the
 * root, loopback only, and a close() that does not hang on open connections.
 */
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resolveStaticPath, startStaticServer, type StaticServer } from '../build/scripts/serve.mjs';

let base: string;
let root: string;
const servers: StaticServer[] = [];

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'sodean06-serve-'));
  root = path.join(base, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  const files: Record<string, string> = {
    'index.html': '<!doctype html><title>Sổ Đề án 06</title>',
    'assets/app.js': 'export {}',
    'assets/app.css': 'body{}',
    'assets/logo.svg': '<svg/>',
    'assets/logo.png': 'png',
    'assets/font.woff2': 'woff2',
    'assets/data.json': '{}',
    'assets/engine.wasm': 'wasm',
  };
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(root, name), content);
  await writeFile(path.join(base, 'secret.txt'), 'TOP SECRET');
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
afterAll(() => rm(base, { recursive: true, force: true }));

async function start(options: { port?: number; host?: string } = {}): Promise<StaticServer> {
  const server = await startStaticServer({ root, ...options });
  servers.push(server);
  return server;
}

/** A raw GET that sends the path exactly as written (fetch would normalise `..`). */
function rawGet(server: StaticServer, rawPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port: server.port, path: rawPath, method: 'GET' }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('startStaticServer', () => {
  it('listens on 127.0.0.1 and reports the real port when asked for port 0', async () => {
    const server = await start({ port: 0 });
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  it('serves index.html for /', async () => {
    const server = await start();
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('Sổ Đề án 06');
  });

  it.each([
    ['assets/app.js', 'text/javascript; charset=utf-8'],
    ['assets/app.css', 'text/css; charset=utf-8'],
    ['assets/logo.svg', 'image/svg+xml'],
    ['assets/logo.png', 'image/png'],
    ['assets/font.woff2', 'font/woff2'],
    ['assets/data.json', 'application/json; charset=utf-8'],
    ['assets/engine.wasm', 'application/wasm'],
  ])('serves %s as %s', async (file, type) => {
    const server = await start();
    const response = await fetch(new URL(file, server.url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers 404 for missing files and folders', async () => {
    const server = await start();
    expect((await fetch(new URL('assets/missing.js', server.url))).status).toBe(404);
    expect((await fetch(new URL('assets', server.url))).status).toBe(404);
    expect((await fetch(new URL('members', server.url))).status).toBe(404);
  });

  it.each(['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/..%5csecret.txt', '//etc/passwd'])(
    'refuses the traversal %s',
    async (rawPath) => {
      const server = await start();
      const response = await rawGet(server, rawPath);
      expect(response.status).toBe(403);
      expect(response.body).not.toContain('TOP SECRET');
    },
  );

  it('refuses to write', async () => {
    const server = await start();
    expect((await fetch(server.url, { method: 'POST', body: 'x' })).status).toBe(405);
  });

  it('fails with EADDRINUSE when the port is taken, so callers can fall back', async () => {
    const first = await start();
    await expect(startStaticServer({ root, port: first.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  const lanAddress = Object.values(os.networkInterfaces())
    .flat()
    .find((info) => info && info.family === 'IPv4' && !info.internal)?.address;

  it.skipIf(lanAddress === undefined)('is not reachable from the network interface', async () => {
    const server = await start();
    await expect(fetch(`http://${lanAddress}:${server.port}/`)).rejects.toThrow();
  });

  it('closes even while a keep-alive connection is open', async () => {
    const server = await startStaticServer({ root });
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve) => http.get({ host: '127.0.0.1', port: server.port, path: '/', agent }, (r) => r.resume().on('end', resolve)));
    await expect(server.close()).resolves.toBeUndefined();
    agent.destroy();
  });
});

describe('resolveStaticPath', () => {
  it('keeps query strings out of the file name', () => {
    expect(resolveStaticPath('/srv/r', '/assets/a.js?v=1')).toBe(path.resolve('/srv/r/assets/a.js'));
  });

  it.each(['/C:/Windows/win.ini', '/C%3A%5CWindows', '/index.html%00.png', 'index.html', '/%E0%A4%A'])('refuses %s', (target) => {
    expect(resolveStaticPath('/srv/r', target)).toBeNull();
  });
});
