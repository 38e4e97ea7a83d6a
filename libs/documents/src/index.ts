export type { IssuingOffice, PostalAddress, Signatory } from './layout/issuer';
export type {
  GrantDecision,
  GrantInstalment,
  GrantNoticeInput,
  GrantRecipient,
  GrantReportDeadlines,
} from './grant-notice/grant-notice.input';
export { renderGrantNotice } from './grant-notice/render-grant-notice';
export type { AgendaApplication, SessionAgendaInput } from './session-agenda/session-agenda.input';
export { renderSessionAgenda } from './session-agenda/render-session-agenda';
export type {
  AttendanceStatus,
  DecisionRules,
  ItemOutcome,
  MemberRole,
  MinutesAttendee,
  MinutesInput,
  MinutesItem,
  MinutesVote,
  QuorumState,
  SessionProcedure,
  VoteChoice,
  WrittenProcedure,
} from './minutes/minutes.input';
export { renderMinutes } from './minutes/render-minutes';
export type {
  ProgrammeListEntry,
  ProgrammeListInput,
  ProgrammeListStatus,
} from './programme-list/programme-list.input';
export { renderProgrammeList } from './programme-list/render-programme-list';
export type {
  RecoveryLateUseCredit,
  RecoveryNoticeInput,
  RecoveryPayment,
} from './recovery-notice/recovery-notice.input';
export { renderRecoveryNotice } from './recovery-notice/render-recovery-notice';
