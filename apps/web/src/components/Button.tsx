import type { ButtonHTMLAttributes } from 'react';

export type ButtonVariant = 'primary' | 'secondary' | 'tertiary';

type ButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children' | 'className'> & {
  variant?: ButtonVariant;
  /** A KERN icon name, e.g. `language` or `autorenew`; decorative only. */
  icon?: string;
  label: string;
};

/** KERN button. The visible label is always the accessible name. */
export function Button({ variant = 'primary', icon, label, type = 'button', ...rest }: ButtonProps) {
  return (
    <button type={type} className={`kern-btn kern-btn--${variant}`} {...rest}>
      {icon && <span className={`kern-icon kern-icon--${icon}`} aria-hidden="true" />}
      <span className="kern-label">{label}</span>
    </button>
  );
}
