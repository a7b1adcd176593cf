/**
 * The app:// protocol: the renderer bundle is served from `app://bundle/…`
 * out of dist/renderer, never from file://. Every URL goes through
 * `resolveAppUrl`, a pure path-traversal guard.
 */
import path from 'node:path';
import { readFile as fsReadFile } from 'node:fs/promises';
import type { Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from './security';

export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
/** Every trusted page starts with this prefix. */
export const APP_ORIGIN_PREFIX = `${APP_SCHEME}://${APP_HOST}/`;
export const APP_INDEX_URL = `${APP_ORIGIN_PREFIX}index.html`;

/** Must run before `app` is ready: standard + secure gives app://bundle an origin, storage (IndexedDB) and fetch. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    },
  ]);
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a raw request path (`/assets/x.js`, percent-encoded as received) to a
 * file under `rootDir`, or null when it could escape the root or is not a
 * plain relative file path. Checks the raw and the decoded text, so `..`,
 * `%2e%2e`, `%2f`, backslashes, NUL, drive letters and double encoding are all refused.
 */
export function resolveBundlePath(rootDir: string, rawPath: string): string | null {
  if (!rawPath.startsWith('/') || rawPath.startsWith('//')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  // Still encoded after one decode → double encoding; never legitimate in our bundle.
  if (/[\\\0:%]/.test(decoded) || /[\\]/.test(rawPath)) return null;
  if (decoded.startsWith('//')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.slice(1);
  const segments = relative.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return null;
  const root = path.resolve(rootDir);
  const resolved = path.resolve(root, ...segments);
  if (!resolved.startsWith(root + path.sep)) return null;
  return resolved;
}

/** Resolves an `app://bundle/…` URL to an absolute file path, or null if it is not safe to serve. */
export function resolveAppUrl(rootDir: string, url: string): string | null {
  const prefix = `${APP_SCHEME}://${APP_HOST}`;
  if (url.slice(0, prefix.length).toLowerCase() !== prefix) return null;
  const rest = url.slice(prefix.length);
  // Host must end right here: no port, no user info, no `bundle.evil`.
  if (!rest.startsWith('/')) return null;
  const rawPath = rest.replace(/[?#].*$/s, '');
  return resolveBundlePath(rootDir, rawPath);
}

/** Extension-less paths are client-side routes: they get index.html. */
function isRoutePath(filePath: string): boolean {
  return path.extname(filePath) === '';
}

export type ReadFile = (filePath: string) => Promise<Uint8Array>;

function response(status: number, body: Uint8Array | string, contentType: string): Response {
  return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
    status,
    headers: {
      'Content-Type': contentType,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    },
  });
}

function notFound(): Response {
  return response(404, 'Không tìm thấy tệp.', 'text/plain; charset=utf-8');
}

/** The `protocol.handle('app', …)` handler; `readFile` is injected so tests need no disk. */
export function createAppProtocolHandler(
  rootDir: string,
  readFile: ReadFile = fsReadFile,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return notFound();
    const filePath = resolveAppUrl(rootDir, request.url);
    if (filePath === null) return notFound();
    try {
      return response(200, await readFile(filePath), mimeTypeFor(filePath));
    } catch {
      if (!isRoutePath(filePath)) return notFound();
      try {
        const index = path.join(path.resolve(rootDir), 'index.html');
        return response(200, await readFile(index), mimeTypeFor(index));
      } catch {
        return notFound();
      }
    }
  };
}

/** Must run after `app` is ready. */
export function installAppProtocol(protocol: Pick<Protocol, 'handle'>, rootDir: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rootDir));
}
