/**
 * Every notice the system sends, in one place: what triggers it, who receives it and which
 * template renders it (`<kind>.de.hbs` / `<kind>.en.hbs` in libs/messaging). Issues that add a
 * trigger add its notice here; the render test covers every entry in both languages.
 *
 * `reminder` notices are sent ahead of or after a deadline by the reminder sweep; users may turn
 * their e-mail copy off (the in-app notification always arrives). Transactional notices are
 * always mailed.
 */
export const NOTICE_CATALOGUE = {
  invitation: {
    category: 'transactional',
    trigger: 'a coordinator or admin invites a user',
    recipients: 'the invited person',
  },
  password_reset: {
    category: 'transactional',
    trigger: 'a user asks to reset the password',
    recipients: 'the account holder',
  },
  account_locked: {
    category: 'transactional',
    trigger: 'repeated failed sign-ins slow down sign-ins to the account from unknown devices',
    recipients: 'the account holder',
  },
  email_verification: {
    category: 'transactional',
    trigger: 'a carrier registers, or signs in before confirming the address',
    recipients: 'the person who registered',
    // Whoever registered typed the address and the name: until the address is confirmed the mail
    // says nothing they chose, not even the greeting's name (TRUST.md, "Bad input and abuse").
    unconfirmedAddress: true,
  },
  registration_attempt: {
    category: 'transactional',
    trigger: 'someone registers with an address that already has an account',
    recipients: 'the account holder',
  },
  application_submitted: {
    category: 'transactional',
    trigger: 'a carrier submits an application',
    recipients: "the carrier organisation's members",
  },
  application_received: {
    category: 'transactional',
    trigger: 'a carrier submits an application',
    recipients: "the call's district coordinators",
  },
  changes_requested: {
    category: 'transactional',
    trigger: 'a coordinator requests changes, with a reply deadline',
    recipients: "the carrier organisation's members",
  },
  application_resubmitted: {
    category: 'transactional',
    trigger: 'a carrier answers a change request',
    recipients: "the call's district coordinators",
  },
  application_rejected: {
    category: 'transactional',
    trigger: 'an application is rejected with a reason',
    recipients: "the carrier organisation's members",
  },
  application_selected: {
    category: 'transactional',
    trigger: "the Senate's selection is recorded as selected",
    recipients: "the carrier organisation's members",
  },
  application_waitlisted: {
    category: 'transactional',
    trigger: 'the application does not fit the budget and is waitlisted',
    recipients: "the carrier organisation's members",
  },
  application_approved: {
    category: 'transactional',
    trigger: 'the grant notice is issued and the money committed',
    recipients: "the carrier organisation's members",
  },
  call_off_approved: {
    category: 'transactional',
    trigger: 'finance approves a call-off',
    recipients: "the carrier organisation's members",
  },
  call_off_paid: {
    category: 'transactional',
    trigger: 'finance records the payment of a call-off',
    recipients: "the carrier organisation's members",
  },
  recovery_notice_issued: {
    category: 'transactional',
    trigger: 'finance issues a recovery and interest notice (Rückforderungs- und Zinsbescheid)',
    recipients: "the carrier organisation's members",
  },
  report_due: {
    category: 'reminder',
    trigger: 'an interim report or proof of use is due soon',
    recipients: "the carrier organisation's members",
  },
  report_overdue: {
    category: 'reminder',
    trigger: 'an interim report or proof of use is past its deadline',
    recipients: "the carrier organisation's members and the district's coordinators",
  },
  session_invitation: {
    category: 'transactional',
    trigger: 'a coordinator schedules a committee session with its agenda',
    recipients: "the committee's members",
  },
  written_vote_opened: {
    category: 'transactional',
    trigger: 'a written vote (Umlaufverfahren) opens',
    recipients:
      "the committee's voting members, except those with a declared conflict of interest on the application",
  },
  written_vote_closing: {
    category: 'reminder',
    trigger: 'a written vote closes soon',
    recipients: 'voting members who have not voted yet',
  },
  minutes_available: {
    category: 'transactional',
    trigger: "a session's minutes are published",
    recipients: "the committee's members",
  },
  submission_deadline: {
    category: 'reminder',
    trigger: "a call's submission deadline is 14, 3 or 1 days away",
    recipients: 'members of carrier organisations with a draft in that call',
  },
  change_request_deadline: {
    category: 'reminder',
    trigger: 'the reply deadline of a change request is near',
    recipients: "the carrier organisation's members",
  },
  review_deadline: {
    category: 'reminder',
    trigger: 'the review (Votum) deadline is near',
    recipients: 'committee members who have not given their Votum',
  },
  prompt_use_deadline: {
    category: 'reminder',
    trigger: 'called-off money must be spent soon (prompt-use period)',
    recipients: "the carrier organisation's members",
  },
} as const satisfies Record<
  string,
  { category: 'transactional' | 'reminder'; trigger: string; recipients: string; unconfirmedAddress?: true }
>;

export type NoticeKind = keyof typeof NOTICE_CATALOGUE;

export const NOTICE_KINDS = Object.keys(NOTICE_CATALOGUE) as NoticeKind[];

export const REMINDER_KINDS = NOTICE_KINDS.filter((kind) => NOTICE_CATALOGUE[kind].category === 'reminder');

/** Notices to an address nobody has confirmed yet: rendered without any name the sender typed. */
export function toUnconfirmedAddress(kind: NoticeKind): boolean {
  return 'unconfirmedAddress' in NOTICE_CATALOGUE[kind];
}

export function isNoticeKind(value: string): value is NoticeKind {
  return Object.hasOwn(NOTICE_CATALOGUE, value);
}
