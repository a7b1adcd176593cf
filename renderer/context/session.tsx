/** The officer at the keyboard. Every write is attributed to them. */
import { createContext, useContext, type ReactNode } from 'react';
import type { Officer } from '../../shared/domain/types';

export type Session = { officer: Officer; lock: () => void };

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
