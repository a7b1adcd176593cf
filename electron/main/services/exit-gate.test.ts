/**
 * The exit handshake, driven the way the window's 'close' event and the
 * renderer drive it, with fake timers: the close waits for the exit backup,
 * never twice, and never longer than the timeout.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createExitGate, EXIT_BACKUP_TIMEOUT_MS } from './exit-gate';

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function gate(timeoutMs?: number) {
  const closeWindow = vi.fn();
  const exitGate = createExitGate({ closeWindow, ...(timeoutMs === undefined ? {} : { timeoutMs }) });
  return { exitGate, closeWindow };
}

/** Whether the promise has settled, after pending microtasks ran. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => {
    done = true;
  });
  await vi.advanceTimersByTimeAsync(0);
  return done;
}

describe('exit gate', () => {
  it('closes at once when no renderer is waiting', () => {
    const { exitGate, closeWindow } = gate();
    expect(exitGate.onCloseRequested()).toBe('close-now');
    expect(closeWindow).not.toHaveBeenCalled();
  });

  it('keeps waitForExit pending until the window is closed', async () => {
    const { exitGate } = gate();
    const waiting = exitGate.waitForExit();
    await vi.advanceTimersByTimeAsync(10 * EXIT_BACKUP_TIMEOUT_MS);
    expect(await settled(waiting)).toBe(false);
  });

  it('holds the close, tells the renderer, and closes when the renderer is ready', async () => {
    const { exitGate, closeWindow } = gate();
    const waiting = exitGate.waitForExit();
    expect(exitGate.onCloseRequested()).toBe('wait');
    await expect(waiting).resolves.toEqual({ ok: true, value: null });
    expect(closeWindow).not.toHaveBeenCalled();

    await expect(exitGate.exitReady()).resolves.toEqual({ ok: true, value: null });
    expect(closeWindow).toHaveBeenCalledOnce();
    // the close that follows goes through
    expect(exitGate.onCloseRequested()).toBe('close-now');
    // and the timeout no longer fires
    await vi.advanceTimersByTimeAsync(2 * EXIT_BACKUP_TIMEOUT_MS);
    expect(closeWindow).toHaveBeenCalledOnce();
  });

  it('a second click on close while the backup runs keeps waiting, without a second request', async () => {
    const { exitGate, closeWindow } = gate();
    const first = exitGate.waitForExit();
    expect(exitGate.onCloseRequested()).toBe('wait');
    await first;
    const again = exitGate.waitForExit();
    expect(exitGate.onCloseRequested()).toBe('wait');
    expect(await settled(again)).toBe(false);
    expect(closeWindow).not.toHaveBeenCalled();
    await exitGate.exitReady();
    expect(closeWindow).toHaveBeenCalledOnce();
  });

  it('closes anyway when exitReady never comes', async () => {
    const { exitGate, closeWindow } = gate(5_000);
    void exitGate.waitForExit();
    expect(exitGate.onCloseRequested()).toBe('wait');
    await vi.advanceTimersByTimeAsync(4_999);
    expect(closeWindow).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(closeWindow).toHaveBeenCalledOnce();
    expect(exitGate.onCloseRequested()).toBe('close-now');
    // a late exitReady does nothing more
    await exitGate.exitReady();
    expect(closeWindow).toHaveBeenCalledOnce();
  });

  it('waits a minute by default', async () => {
    const { exitGate, closeWindow } = gate();
    void exitGate.waitForExit();
    exitGate.onCloseRequested();
    await vi.advanceTimersByTimeAsync(EXIT_BACKUP_TIMEOUT_MS - 1);
    expect(closeWindow).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(closeWindow).toHaveBeenCalledOnce();
  });

  it('ignores exitReady when nobody is closing the window', async () => {
    const { exitGate, closeWindow } = gate();
    void exitGate.waitForExit();
    await expect(exitGate.exitReady()).resolves.toEqual({ ok: true, value: null });
    expect(closeWindow).not.toHaveBeenCalled();
    expect(exitGate.onCloseRequested()).toBe('wait');
  });

  it('after a reload, answers the new page as well as the old one', async () => {
    const { exitGate } = gate();
    const oldPage = exitGate.waitForExit();
    const newPage = exitGate.waitForExit();
    expect(exitGate.onCloseRequested()).toBe('wait');
    await expect(oldPage).resolves.toMatchObject({ ok: true });
    await expect(newPage).resolves.toMatchObject({ ok: true });
  });

  it('a crashed page does not hold the close: while exiting it closes at once, otherwise the next close goes through', async () => {
    const { exitGate, closeWindow } = gate();
    void exitGate.waitForExit();
    exitGate.rendererGone();
    expect(exitGate.onCloseRequested()).toBe('close-now');

    void exitGate.waitForExit();
    expect(exitGate.onCloseRequested()).toBe('wait');
    exitGate.rendererGone();
    expect(closeWindow).toHaveBeenCalledOnce();
  });

  it('starts over for a new window once the old one is closed', async () => {
    const { exitGate, closeWindow } = gate();
    void exitGate.waitForExit();
    exitGate.onCloseRequested();
    await exitGate.exitReady();
    exitGate.rendererGone(); // 'closed'
    const next = exitGate.waitForExit();
    expect(exitGate.onCloseRequested()).toBe('wait');
    await expect(next).resolves.toMatchObject({ ok: true });
    await exitGate.exitReady();
    expect(closeWindow).toHaveBeenCalledTimes(2);
  });
});
