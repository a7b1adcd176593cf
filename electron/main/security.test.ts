/**
 * What hardenWebContents / hardenSession actually decide when Electron asks:
 * no new windows, no navigation away from app://bundle, no permissions, no
 * network. The fakes record the handlers the way Electron would hold them.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  hardenSession,
  hardenWebContents,
  type HardenableSession,
  type HardenableWebContents,
} from './security';

type Listener = (event: { url: string; preventDefault(): void }) => void;

function fakeWebContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => {
      openHandler = handler;
    },
    on: (event: string, listener: Listener) => {
      listeners.set(event, listener);
      return contents;
    },
  };
  hardenWebContents(contents as unknown as HardenableWebContents);
  const fire = (event: string, url: string): boolean => {
    const listener = listeners.get(event);
    if (!listener) throw new Error(`no ${event} listener`);
    const preventDefault = vi.fn();
    listener({ url, preventDefault });
    return preventDefault.mock.calls.length > 0;
  };
  return { openWindow: (url: string) => openHandler?.({ url }), fire };
}

describe('hardenWebContents', () => {
  it.each(['https://example.com/', 'app://bundle/index.html', 'file:///C:/Windows/'])(
    'denies window.open / target=_blank to %s',
    (url) => {
      expect(fakeWebContents().openWindow(url)).toEqual({ action: 'deny' });
    },
  );

  it.each([
    'https://example.com/',
    'http://127.0.0.1:5180/',
    'file:///C:/Users/canbo/Documents/bao-cao.html',
    'app://bundle.evil/index.html',
    'javascript:alert(1)',
  ])('blocks navigation and redirects to %s', (url) => {
    const { fire } = fakeWebContents();
    expect(fire('will-navigate', url)).toBe(true);
    expect(fire('will-redirect', url)).toBe(true);
  });

  it('lets the app reload its own pages', () => {
    const { fire } = fakeWebContents();
    expect(fire('will-navigate', 'app://bundle/index.html#/members')).toBe(false);
  });

  it('refuses to attach <webview> tags', () => {
    expect(fakeWebContents().fire('will-attach-webview', 'app://bundle/index.html')).toBe(true);
  });
});

function fakeSession() {
  const held: {
    permissionRequest?: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
    permissionCheck?: (...args: unknown[]) => boolean;
    beforeRequest?: (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void;
    headersReceived?: (
      details: { url: string; responseHeaders?: Record<string, string[]> },
      callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
    ) => void;
  } = {};
  const session = {
    setPermissionRequestHandler: (handler: typeof held.permissionRequest) => {
      held.permissionRequest = handler;
    },
    setPermissionCheckHandler: (handler: typeof held.permissionCheck) => {
      held.permissionCheck = handler;
    },
    webRequest: {
      onBeforeRequest: (handler: typeof held.beforeRequest) => {
        held.beforeRequest = handler;
      },
      onHeadersReceived: (handler: typeof held.headersReceived) => {
        held.headersReceived = handler;
      },
    },
  };
  hardenSession(session as unknown as HardenableSession);
  return held;
}

describe('hardenSession', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen'])(
    'denies the %s permission request',
    (permission) => {
      const held = fakeSession();
      const callback = vi.fn();
      held.permissionRequest?.({}, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    },
  );

  it('answers every permission check with no', () => {
    expect(fakeSession().permissionCheck?.({}, 'media', 'app://bundle/', {})).toBe(false);
  });

  it('cancels every request that leaves the app', () => {
    const held = fakeSession();
    const decide = (url: string) => {
      const callback = vi.fn();
      held.beforeRequest?.({ url }, callback);
      return callback.mock.calls[0]?.[0];
    };
    expect(decide('https://example.com/track.gif')).toEqual({ cancel: true });
    expect(decide('http://127.0.0.1:5180/')).toEqual({ cancel: true });
    expect(decide('file:///etc/passwd')).toEqual({ cancel: true });
    expect(decide('app://bundle/assets/app.js')).toEqual({ cancel: false });
    expect(decide('blob:app://bundle/123')).toEqual({ cancel: false });
  });

  it('replaces any CSP on app pages with the strict one', () => {
    const held = fakeSession();
    const callback = vi.fn();
    held.headersReceived?.(
      { url: 'app://bundle/index.html', responseHeaders: { 'content-security-policy': ["default-src *"] } },
      callback,
    );
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });
});
