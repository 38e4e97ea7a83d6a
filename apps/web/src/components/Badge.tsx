export type BadgeVariant = 'info' | 'success' | 'warning' | 'danger';

type BadgeProps = { variant: BadgeVariant; label: string };

/** KERN badge for states; the icon is decorative, the label carries the meaning. */
export function Badge({ variant, label }: BadgeProps) {
  return (
    <span className={`kern-badge kern-badge--${variant}`}>
      <span className={`kern-icon kern-icon--${variant}`} aria-hidden="true" />
      <span className="kern-label">{label}</span>
    </span>
  );
}
