/**
 * A tiny static file server for the browser build (dist/renderer), used by
 * `npm start` when the Electron runtime is missing and by end-to-end tests.
 * Node builtins only. It binds one host (127.0.0.1 by default) so the
 * officer's data screens are never offered to the rest of the network.
 */
import http from 'node:http';
import path from 'node:path';
import { readFile, stat } from 'node:fs/promises';

const MIME_TYPES = new Map([
  ['.html', 'text/html; charset=utf-8'],
  ['.js', 'text/javascript; charset=utf-8'],
  ['.mjs', 'text/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.json', 'application/json; charset=utf-8'],
  ['.map', 'application/json; charset=utf-8'],
  ['.webmanifest', 'application/manifest+json; charset=utf-8'],
  ['.txt', 'text/plain; charset=utf-8'],
  ['.svg', 'image/svg+xml'],
  ['.png', 'image/png'],
  ['.jpg', 'image/jpeg'],
  ['.jpeg', 'image/jpeg'],
  ['.gif', 'image/gif'],
  ['.webp', 'image/webp'],
  ['.ico', 'image/x-icon'],
  ['.woff', 'font/woff'],
  ['.woff2', 'font/woff2'],
  ['.ttf', 'font/ttf'],
  ['.wasm', 'application/wasm'],
  ['.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
]);

/** @param {string} filePath */
export function contentTypeFor(filePath) {
  return MIME_TYPES.get(path.extname(filePath).toLowerCase()) ?? 'application/octet-stream';
}

/**
 * Maps the request target (`/assets/a.js?v=1`, as sent by the client) to a
 * file under `root`, or null when it is not a plain path inside it. The raw
 * target is checked, not a WHATWG-normalised URL, so `..`, encoded `%2e%2e`
 * and `%2f`, backslashes, NUL and drive letters are all refused rather than
 * silently rewritten.
 * @param {string} root
 * @param {string} requestTarget
 * @returns {string | null}
 */
export function resolveStaticPath(root, requestTarget) {
  const rawPath = requestTarget.replace(/[?#].*$/s, '');
  if (!rawPath.startsWith('/') || rawPath.startsWith('//') || rawPath.includes('\\')) return null;
  let decoded;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (/[\\\0:]/.test(decoded) || decoded.startsWith('//')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.slice(1);
  const segments = relative.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) return null;
  const base = path.resolve(root);
  const resolved = path.resolve(base, ...segments);
  // Belt and braces: whatever the platform's path rules, stay under root.
  return resolved.startsWith(base + path.sep) ? resolved : null;
}

/**
 * @param {http.ServerResponse} response
 * @param {number} status
 * @param {string} message
 */
function sendText(response, status, message) {
  response.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(message);
}

/** @param {string} root */
function createHandler(root) {
  /** @type {http.RequestListener} */
  return async (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      sendText(response, 405, 'Phương thức không được hỗ trợ (method not allowed).');
      return;
    }
    const filePath = resolveStaticPath(root, request.url ?? '');
    if (filePath === null) {
      sendText(response, 403, 'Đường dẫn không hợp lệ (forbidden path).');
      return;
    }
    try {
      const info = await stat(filePath);
      if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOENT' });
      const body = await readFile(filePath);
      response.writeHead(200, {
        'Content-Type': contentTypeFor(filePath),
        'Content-Length': body.byteLength,
        'X-Content-Type-Options': 'nosniff',
        // The bundle changes with every build; never let a stale copy linger.
        'Cache-Control': 'no-cache',
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch {
      sendText(response, 404, 'Không tìm thấy (not found).');
    }
  };
}

/** @param {string} host @param {number} port */
function formatUrl(host, port) {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
}

/**
 * Starts serving `root`. Resolves once listening, with the real address (so
 * `port: 0` picks a free port); rejects on listen errors such as EADDRINUSE.
 * @param {{ root: string, port?: number, host?: string }} options
 * @returns {Promise<{ url: string, port: number, close(): Promise<void> }>}
 */
export function startStaticServer({ root, port = 0, host = '127.0.0.1' }) {
  const server = http.createServer(createHandler(root));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host, exclusive: true }, () => {
      server.off('error', reject);
      const address = server.address();
      const actualPort = typeof address === 'object' && address !== null ? address.port : port;
      resolve({
        url: formatUrl(host, actualPort),
        port: actualPort,
        close: () =>
          new Promise((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            // Browsers keep idle keep-alive sockets open; without this close() would hang.
            server.closeAllConnections();
          }),
      });
    });
  });
}
