/** Route paths are German: they are the addresses users see, bookmark and share. */
export const paths = {
  home: '/',
  accessibility: '/barrierefreiheit',
  imprint: '/impressum',
  login: '/anmelden',
  forgotPassword: '/passwort-vergessen',
  resetPassword: '/passwort-zuruecksetzen',
  invitation: '/einladung',
  register: '/registrieren',
  account: '/konto',
  /** The address mails link to for notification settings (libs/messaging); it opens the account page. */
  notificationSettings: '/einstellungen/benachrichtigungen',
  organisation: '/organisation',
  users: '/verwaltung/benutzer',
  notifications: '/benachrichtigungen',
  myApplications: '/antraege',
  review: '/begutachtung',
  calls: '/aufrufe',
  finance: '/finanzen',
  fund: '/finanzen/fonds/:id',
} as const;

/** Anchor of the notification settings on the account page. */
export const notificationSettingsAnchor = 'benachrichtigungseinstellungen';

/** The page of one fund. */
export function fundPath(id: string): string {
  return `/finanzen/fonds/${encodeURIComponent(id)}`;
}
