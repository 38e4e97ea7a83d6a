/**
 * Every error code this library raises itself (STYLE.md, "Layout and boundaries"); the committee
 * rules' own codes (member_conflicted, voter_not_eligible, …) come from libs/domain.
 */
export const COMMITTEE_ERROR_CODES = {
  /** 404: no such committee, or not one of the caller's district. */
  committeeNotFound: 'committee_not_found',
  /** 404: no such written vote, or not visible to the caller. */
  voteNotFound: 'vote_not_found',
  /** 404: no such session, or not visible to the caller. */
  sessionNotFound: 'session_not_found',
  /** 404: no such item on the session's agenda. */
  agendaItemNotFound: 'agenda_item_not_found',
  /** 409: the session's status does not allow this step; the answer lists what does. */
  sessionStatusConflict: 'session_status_conflict',
  /** 409: an item's vote is still open; close it before closing the session. */
  itemVoteOpen: 'item_vote_open',
  /** 404: no such declaration of a conflict of interest. */
  conflictNotFound: 'conflict_not_found',
  /** 403: only current members of the committee may do this. */
  notCommitteeMember: 'not_committee_member',
  /** 403: advisory members take part in the debate but do not vote. */
  notVotingMember: 'not_voting_member',
  /** 409: the vote is closed; nothing can be cast any more. */
  voteClosed: 'vote_closed',
  /** 409: the minutes of a vote exist once it is closed. */
  voteStillOpen: 'vote_still_open',
  /** 409: the minutes of a session exist once it is closed. */
  sessionStillOpen: 'session_still_open',
  /**
   * 409: the member has voted already: in a roll call a ballot is final, and a recusal is never
   * turned into a vote (a written ballot can be changed while the vote is open).
   */
  alreadyVoted: 'already_voted',
  /** 409: the application has an open vote already. */
  voteAlreadyOpen: 'vote_already_open',
  /** 409: the application is not before the committee (in review or in planning). */
  applicationNotBeforeCommittee: 'application_not_before_committee',
  /** 409: the declaration was withdrawn before. */
  conflictWithdrawn: 'conflict_withdrawn',
  /** 409: scores are given already; changing the criteria would make them incomparable. */
  criteriaLocked: 'criteria_locked',
  /** 409: the review deadline has passed; Voten are final. */
  reviewDeadlinePassed: 'review_deadline_passed',
  /** 403: a member with a conflict of interest gives no Votum on the application. */
  reviewerConflicted: 'reviewer_conflicted',
  /** 409: the programme plan is final; it can no longer be changed. */
  planFinal: 'plan_final',
  /** 409: no application would be selected; a plan needs at least one adopted application within budget. */
  planEmpty: 'plan_empty',
  /** 404: no such scenario in the plan. */
  scenarioNotFound: 'scenario_not_found',
  /** 409: the session's minutes were published before. */
  minutesAlreadyPublished: 'minutes_already_published',
  /** 404: the minutes of a session are for its members once published. */
  minutesNotPublished: 'minutes_not_published',
  /** 409: the person already sits on the committee in that period. */
  membershipOverlaps: 'membership_overlaps',
  /** 409: the membership has an end already. */
  membershipEnded: 'membership_ended',
  /** 409: a session or vote of the committee is open; its rules change once they are closed. */
  rulesLockedWhileDeciding: 'rules_locked_while_deciding',
  /** 409: the session has no quorum; opening the item's vote needs `withoutQuorum: true`. */
  quorumNotReached: 'quorum_not_reached',
  /** 404: no such member of the committee. */
  memberNotFound: 'member_not_found',
} as const;
