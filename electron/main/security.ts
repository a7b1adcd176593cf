/**
 * Hardening of every session and web contents: the app makes no network
 * request, opens no window, navigates nowhere outside app://bundle and grants
 * no permission.
 */
import type { Session, WebContents } from 'electron';

/** Same policy for the desktop app (app:// responses) and the browser build (127.0.0.1 server). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const TRUSTED_PAGE_PREFIX = 'app://bundle/';

/** True for pages of the app itself. */
export function isTrustedPageUrl(url: string): boolean {
  return url.startsWith(TRUSTED_PAGE_PREFIX);
}

/** Only in-app resources may be requested: the app never talks to the network. */
export function isAllowedRequestUrl(url: string): boolean {
  return (
    url.startsWith(TRUSTED_PAGE_PREFIX) ||
    url.startsWith('devtools://') ||
    url.startsWith('data:') ||
    url.startsWith('blob:')
  );
}

type NavigationEvent = { readonly url: string; preventDefault(): void };

export type HardenableSession = {
  setPermissionRequestHandler: Session['setPermissionRequestHandler'];
  setPermissionCheckHandler: Session['setPermissionCheckHandler'];
  webRequest: Pick<Session['webRequest'], 'onBeforeRequest' | 'onHeadersReceived'>;
};

export function hardenSession(session: HardenableSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequestUrl(details.url) });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isTrustedPageUrl(details.url)) {
      callback({});
      return;
    }
    const headers = { ...(details.responseHeaders ?? {}) };
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    }
    headers['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders: headers });
  });
}

export type HardenableWebContents = {
  setWindowOpenHandler: WebContents['setWindowOpenHandler'];
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
};

export function hardenWebContents(contents: HardenableWebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const guardNavigation = (event: NavigationEvent): void => {
    if (!isTrustedPageUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', guardNavigation);
  contents.on('will-redirect', guardNavigation);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
