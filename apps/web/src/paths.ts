/** Route paths are German: they are the addresses users see, bookmark and share. */
export const paths = {
  home: '/',
  accessibility: '/barrierefreiheit',
  imprint: '/impressum',
  publicProjects: '/gefoerderte-projekte',
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
  organisations: '/verwaltung/organisationen',
  apiTokens: '/verwaltung/api-tokens',
  noticeDelivery: '/verwaltung/zustellung',
  verifyEmail: '/e-mail-bestaetigen',
  notifications: '/benachrichtigungen',
  myApplications: '/antraege',
  newApplication: '/antraege/neu',
  application: '/antraege/:id',
  review: '/begutachtung',
  calls: '/aufrufe',
  newCall: '/aufrufe/neu',
  call: '/aufrufe/:id',
  editCall: '/aufrufe/:id/bearbeiten',
  programmePlan: '/aufrufe/:id/programmplanung',
  inbox: '/eingang',
  inboxApplication: '/eingang/:id',
  finance: '/finanzen',
  fund: '/finanzen/fonds/:id',
  newTrackedProject: '/finanzen/fonds/:id/projekte/neu',
  callOffs: '/finanzen/mittelabrufe',
  baseRates: '/finanzen/basiszinssaetze',
  areas: '/gebiete',
  area: '/gebiete/:id',
  pastProjects: '/fruehere-projekte',
  committees: '/gremien',
  sessions: '/sitzungen',
  newSession: '/sitzungen/neu',
  session: '/sitzungen/:id',
} as const;

/** Anchor of the notification settings on the account page. */
export const notificationSettingsAnchor = 'benachrichtigungseinstellungen';

/** The page of one fund. */
export function fundPath(id: string): string {
  return `/finanzen/fonds/${encodeURIComponent(id)}`;
}

/** The form that records a project of an Aktions-, Projekt- or Baufonds. */
export function newTrackedProjectPath(fundId: string): string {
  return `${fundPath(fundId)}/projekte/neu`;
}

/** A carrier's application, or one of its pages (`kostenplan`, `pruefen`, …). */
export function applicationPath(id: string, page?: string): string {
  return `/antraege/${encodeURIComponent(id)}${page ? `/${page}` : ''}`;
}

/** An application as coordinators and finance staff see it. */
export function inboxApplicationPath(id: string): string {
  return `/eingang/${encodeURIComponent(id)}`;
}

/** A call (Aufruf), or its edit form. */
export function callPath(id: string, edit = false): string {
  return `/aufrufe/${encodeURIComponent(id)}${edit ? '/bearbeiten' : ''}`;
}

/** A committee session's live view. */
export function sessionPath(id: string): string {
  return `/sitzungen/${encodeURIComponent(id)}`;
}

/** The programme planning of a call. */
export function programmePlanPath(callId: string): string {
  return `/aufrufe/${encodeURIComponent(callId)}/programmplanung`;
}
