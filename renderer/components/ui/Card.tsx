import type { ReactNode } from 'react';

/** A titled panel with optional actions on the right of its title. */
export function Card({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <div className="card">
      <div className="card-header">
        <h2>{title}</h2>
        {actions}
      </div>
      {children}
    </div>
  );
}
