/** Renders a screen with everything around it that the app provides: services, toasts, the signed-in officer, a router. */
import type { ReactNode } from 'react';
import { render } from '@testing-library/react';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { ServicesProvider, type AppServices } from '../context/services';
import { SessionProvider } from '../context/session';
import { ToastProvider } from '../components/ui/Toast';
import type { Officer } from '../../shared/domain/types';

export function renderSignedIn(ui: ReactNode, services: AppServices, officer: Officer) {
  const { hook } = memoryLocation({ path: '/' });
  return render(
    <ServicesProvider services={services}>
      <ToastProvider>
        <Router hook={hook}>
          <SessionProvider session={{ officer, lock: () => undefined }}>{ui}</SessionProvider>
        </Router>
      </ToastProvider>
    </ServicesProvider>,
  );
}
