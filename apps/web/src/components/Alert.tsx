import type { ReactNode } from 'react';

export type AlertVariant = 'info' | 'success' | 'warning' | 'danger';

type AlertProps = {
  variant: AlertVariant;
  title: string;
  children?: ReactNode;
  /** `alert` interrupts screen readers; use it only for problems that appear after an action. */
  role?: 'alert' | 'status';
  className?: string;
};

/** KERN alert with icon, title and optional body. */
export function Alert({ variant, title, children, role, className }: AlertProps) {
  return (
    <div
      className={['kern-alert', `kern-alert--${variant}`, className].filter(Boolean).join(' ')}
      role={role}
    >
      <div className="kern-alert__header">
        <span className={`kern-icon kern-icon--${variant}`} aria-hidden="true" />
        <span className="kern-title">{title}</span>
      </div>
      {children !== undefined && <div className="kern-alert__body">{children}</div>}
    </div>
  );
}
