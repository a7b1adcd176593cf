/** Short confirmations ("Đã lưu …") with an optional action such as "Hoàn tác". */
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';

type ToastItem = { id: number; text: string; tone: 'ok' | 'error'; action?: { label: string; run: () => void } };
type ToastApi = { show: (text: string, options?: { tone?: 'ok' | 'error'; action?: ToastItem['action'] }) => void };

const ToastContext = createContext<ToastApi | null>(null);

export function ToastProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setItems((all) => all.filter((t) => t.id !== id)), []);
  const show = useCallback<ToastApi['show']>(
    (text, options) => {
      const id = next.current++;
      const item: ToastItem = { id, text, tone: options?.tone ?? 'ok', ...(options?.action ? { action: options.action } : {}) };
      setItems((all) => [...all.slice(-3), item]);
      setTimeout(() => dismiss(id), options?.action ? 10_000 : 4_000);
    },
    [dismiss],
  );
  const api = useMemo(() => ({ show }), [show]);
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {items.map((t) => (
          <div key={t.id} className={`toast toast-${t.tone}`}>
            <span>{t.text}</span>
            {t.action ? (
              <button
                type="button"
                onClick={() => {
                  t.action?.run();
                  dismiss(t.id);
                }}
              >
                {t.action.label}
              </button>
            ) : null}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToast outside ToastProvider');
  return api;
}
