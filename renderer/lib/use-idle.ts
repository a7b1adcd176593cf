/**
 * Calls `onIdle` once nobody has touched the keyboard or mouse for `minutes`.
 * Used to lock a shared office PC when the officer walks away.
 */
import { useEffect, useRef } from 'react';

const ACTIVITY = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;

export function useIdle(minutes: number | undefined, onIdle: () => void): void {
  const callback = useRef(onIdle);
  useEffect(() => {
    callback.current = onIdle;
  });
  useEffect(() => {
    if (!minutes || minutes <= 0) return;
    let timer: ReturnType<typeof setTimeout>;
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(() => callback.current(), minutes * 60_000);
    };
    restart();
    for (const type of ACTIVITY) window.addEventListener(type, restart, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const type of ACTIVITY) window.removeEventListener(type, restart);
    };
  }, [minutes]);
}
