// Contact addresses differ per installation (each district runs its own). Operators set them at
// build time; the defaults are placeholders on the reserved `.example` domain.
export const site = {
  accessibilityEmail: import.meta.env.VITE_ACCESSIBILITY_EMAIL || 'barrierefreiheit@kiezfonds.example',
  contactEmail: import.meta.env.VITE_CONTACT_EMAIL || 'kontakt@kiezfonds.example',
  enforcementBodyUrl:
    'https://www.berlin.de/lb/digitale-barrierefreiheit/aufgaben/durchsetzungsverfahren/durchsetzungsverfahren-1305830.php',
  /** Date of the last review of the accessibility statement (calendar date). */
  accessibilityStatementDate: '2026-12-06',
} as const;
