import type { ReactNode } from 'react';

/**
 * The scrolling box around a wide table. On a narrow screen it scrolls sideways, so it
 * must be reachable with the keyboard (WCAG 2.1.1): it takes focus and is a region named like the
 * table, so screen readers say what the focus landed on.
 */
export function TableScroller({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="kern-table-responsive table-wrapper" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
