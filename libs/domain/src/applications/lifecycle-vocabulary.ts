/**
 * The words of the application lifecycle: its states, events and roles, with the German and
 * English labels the web app, the grant notice and the exported diagram show. The machine
 * (lifecycle-machine.ts) decides which event leads where; this file only names things.
 */
export const APPLICATION_STATES = [
  'draft',
  'submitted',
  'changes_requested',
  'in_review',
  'in_planning',
  'selected',
  'waitlisted',
  'rejected',
  'approved',
  'in_implementation',
  'final_report_submitted',
  'completed',
  'withdrawn',
  'revoked',
] as const;

export type ApplicationState = (typeof APPLICATION_STATES)[number];

/** States no event leaves: the application is closed for good. */
export const FINAL_STATES = [
  'rejected',
  'completed',
  'withdrawn',
  'revoked',
] as const satisfies readonly ApplicationState[];

export const APPLICATION_EVENT_TYPES = [
  'SUBMIT',
  'REQUEST_CHANGES',
  'PASS_FORMAL_CHECK',
  'START_PLANNING',
  'SELECT',
  'WAITLIST',
  'RECORD_SENATE_SELECTION',
  'APPROVE',
  'START_IMPLEMENTATION',
  'SUBMIT_FINAL_REPORT',
  'RETURN_FINAL_REPORT',
  'COMPLETE',
  'REJECT',
  'WITHDRAW',
  'REVOKE',
] as const;

export type ApplicationEventType = (typeof APPLICATION_EVENT_TYPES)[number];

/**
 * The roles a caller holds *for one application*: `carrier` = member of the applying
 * organisation; `coordinator`, `finance`, `board_member` = of the call's district; `senate` = the
 * Senatsverwaltung für Stadtentwicklung, Berlin-wide.
 */
export const LIFECYCLE_ROLES = [
  'carrier',
  'coordinator',
  'finance',
  'board_member',
  'admin',
  'senate',
] as const;

export type LifecycleRole = (typeof LIFECYCLE_ROLES)[number];

/** The usual path of an application, in order: the steps of the web app's status timeline. */
export const TIMELINE_STATES = [
  'draft',
  'submitted',
  'in_review',
  'in_planning',
  'selected',
  'approved',
  'in_implementation',
  'final_report_submitted',
  'completed',
] as const satisfies readonly ApplicationState[];

export interface Label {
  de: string;
  en: string;
}

export const STATE_LABELS: Record<ApplicationState, Label> = {
  draft: { de: 'Entwurf', en: 'Draft' },
  submitted: { de: 'Eingereicht', en: 'Submitted' },
  changes_requested: { de: 'Nachbesserung angefordert', en: 'Changes requested' },
  in_review: { de: 'In Begutachtung', en: 'Under review' },
  in_planning: { de: 'In der Programmplanung', en: 'In programme planning' },
  selected: { de: 'Ausgewählt', en: 'Selected' },
  waitlisted: { de: 'Auf der Warteliste', en: 'Waitlisted' },
  rejected: { de: 'Abgelehnt', en: 'Rejected' },
  approved: { de: 'Bewilligt', en: 'Approved' },
  in_implementation: { de: 'In Umsetzung', en: 'In implementation' },
  final_report_submitted: { de: 'Verwendungsnachweis eingereicht', en: 'Proof of use submitted' },
  completed: { de: 'Abgeschlossen', en: 'Completed' },
  withdrawn: { de: 'Zurückgezogen', en: 'Withdrawn' },
  revoked: { de: 'Widerrufen', en: 'Revoked' },
};

export const EVENT_LABELS: Record<ApplicationEventType, Label> = {
  SUBMIT: { de: 'Einreichen', en: 'Submit' },
  REQUEST_CHANGES: { de: 'Nachbesserung anfordern', en: 'Request changes' },
  PASS_FORMAL_CHECK: { de: 'Formale Prüfung bestätigen', en: 'Confirm the formal check' },
  START_PLANNING: { de: 'In die Programmplanung übernehmen', en: 'Move to programme planning' },
  SELECT: { de: 'Auswählen', en: 'Select' },
  WAITLIST: { de: 'Auf die Warteliste setzen', en: 'Put on the waiting list' },
  RECORD_SENATE_SELECTION: { de: 'Auswahl des Senats erfassen', en: 'Record the Senate’s selection' },
  APPROVE: { de: 'Bewilligen', en: 'Approve' },
  START_IMPLEMENTATION: { de: 'Umsetzung beginnen', en: 'Start implementation' },
  SUBMIT_FINAL_REPORT: { de: 'Verwendungsnachweis einreichen', en: 'Submit proof of use' },
  RETURN_FINAL_REPORT: { de: 'Verwendungsnachweis zurückgeben', en: 'Return proof of use' },
  COMPLETE: { de: 'Abschließen', en: 'Complete' },
  REJECT: { de: 'Ablehnen', en: 'Reject' },
  WITHDRAW: { de: 'Antrag zurückziehen', en: 'Withdraw application' },
  REVOKE: { de: 'Bewilligung widerrufen', en: 'Revoke approval' },
};

export const ROLE_LABELS: Record<LifecycleRole, Label> = {
  carrier: { de: 'Träger:in', en: 'Carrier' },
  coordinator: { de: 'Koordination', en: 'Coordinator' },
  finance: { de: 'Finanzverwaltung', en: 'Finance' },
  board_member: { de: 'Gremiumsmitglied', en: 'Board member' },
  admin: { de: 'Administration', en: 'Administrator' },
  senate: { de: 'Senatsverwaltung', en: 'Senate administration' },
};

export function isApplicationState(value: string): value is ApplicationState {
  return (APPLICATION_STATES as readonly string[]).includes(value);
}

export function isApplicationEventType(value: string): value is ApplicationEventType {
  return (APPLICATION_EVENT_TYPES as readonly string[]).includes(value);
}

export function isFinalState(state: ApplicationState): boolean {
  return (FINAL_STATES as readonly string[]).includes(state);
}
