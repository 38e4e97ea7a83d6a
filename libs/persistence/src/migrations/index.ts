import { CreateAuditEventAndOutbox1763780000000 } from './1763780000000-create-audit-event-and-outbox';
import { CreateDistrictsOrganisationsUsersCommitteesCalls1763780100000 } from './1763780100000-create-districts-organisations-users-committees-calls';
import { CreateNotificationsAndMailDelivery1763780200000 } from './1763780200000-create-notifications-and-mail-delivery';
import { CreateApplication1763780300000 } from './1763780300000-create-application';
import { CreateSessionsTokensAndThrottling1763780400000 } from './1763780400000-create-sessions-tokens-and-throttling';
import { AddInvitationGrantToOneTimeToken1763780500000 } from './1763780500000-add-invitation-grant-to-one-time-token';
import { CreateFundsAndLedger1763780700000 } from './1763780700000-create-funds-and-ledger';
import { AddPeriodToApplication1763780800000 } from './1763780800000-add-period-to-application';
import { AddLegalRepresentativesToOrganisation1763780900000 } from './1763780900000-add-legal-representatives-to-organisation';
import { CreateApplicationWorkflow1763781000000 } from './1763781000000-create-application-workflow';
import { CreateConflictsAndWrittenVotes1763781100000 } from './1763781100000-create-conflicts-and-written-votes';
import { CreateCommitteeSessions1763781200000 } from './1763781200000-create-committee-sessions';
import { CreateReviewsAndProgrammePlans1763781300000 } from './1763781300000-create-reviews-and-programme-plans';
import { CreateNoticeAttachment1763781400000 } from './1763781400000-create-notice-attachment';
import { CreateBallotWithdrawal1763781500000 } from './1763781500000-create-ballot-withdrawal';
import { AddVotumWithdrawal1763783000000 } from './1763783000000-add-votum-withdrawal';
import { RecordRulesAndAttendancePerVote1763783100000 } from './1763783100000-record-rules-and-attendance-per-vote';
import { CreateNoticeDrop1763783200000 } from './1763783200000-create-notice-drop';
import { AddCallOffApproval1763783300000 } from './1763783300000-add-call-off-approval';
import { AddBallotChanges1763783400000 } from './1763783400000-add-ballot-changes';
import { HardenAccountsLinksAndLimits1763784000000 } from './1763784000000-harden-accounts-links-and-limits';
import { SettleProofOfUseByFinancingType1763790000000 } from './1763790000000-settle-proof-of-use-by-financing-type';
import { RecordEarlyStartOnGrantNotice1763790100000 } from './1763790100000-record-early-start-on-grant-notice';
import { SeedPublishedBaseRates1763790200000 } from './1763790200000-seed-published-base-rates';
import { CreateRecoveryClaimLedger1763790300000 } from './1763790300000-create-recovery-claim-ledger';
import { RecordUseOfCallOffs1763790400000 } from './1763790400000-record-use-of-call-offs';
import { ClaimMailBeforeSending1763791000000 } from './1763791000000-claim-mail-before-sending';
import { NumberReferencesPerDistrictAndYear1763792000000 } from './1763792000000-number-references-per-district-and-year';
import { IndexTheApplicationList1763792100000 } from './1763792100000-index-the-application-list';
import { AddSenateRole1763794000000 } from './1763794000000-add-senate-role';
import { RaiseCallMinimumsToNetzwerkfondsFloor1763795000000 } from './1763795000000-raise-call-minimums-to-netzwerkfonds-floor';
import { RecordCostBasisOnGrantNotice1763795100000 } from './1763795100000-record-cost-basis-on-grant-notice';
import { StageUploads1763795200000 } from './1763795200000-stage-uploads';
import { AddAreaCodesCoversAndIndicators1763795600000 } from './1763795600000-add-area-codes-covers-and-indicators';
import { CreatePastProjects1763795700000 } from './1763795700000-create-past-projects';
import { ComputeReminderTimesInSql1763796100000 } from './1763796100000-compute-reminder-times-in-sql';
import { CountMoneyPerActionField1763796200000 } from './1763796200000-count-money-per-action-field';
import { AddAreaShapes1763796400000 } from './1763796400000-add-area-shapes';
import { NotifyOutboxAfterCommit1763796500000 } from './1763796500000-notify-outbox-after-commit';
import { RecordDecisionAndRecipientOnGrantNotice1763796600000 } from './1763796600000-record-decision-and-recipient-on-grant-notice';
import { KeepBookedInterestCalculation1763796700000 } from './1763796700000-keep-booked-interest-calculation';
import { RecordWhoHeldTheSeat1763796800000 } from './1763796800000-record-who-held-the-seat';
import { RetryGenerationOnOutbox1763796850000 } from './1763796850000-retry-generation-on-outbox';
import { CreditPaidLateUseInterest1763796900000 } from './1763796900000-credit-paid-late-use-interest';
import { IndexIdempotencyKeysByAge1763797200000 } from './1763797200000-index-idempotency-keys-by-age';
import { CreditLateUseInterestOnSettlementClaims1763797300000 } from './1763797300000-credit-late-use-interest-on-settlement-claims';
import { MoveCommitmentCountersAtCommit1763797500000 } from './1763797500000-move-commitment-counters-at-commit';
import { FixWrittenVoteElectorateAtOpening1763797400000 } from './1763797400000-fix-written-vote-electorate-at-opening';

/** Every migration, oldest first. Listed explicitly so the same list works from source and from dist/. */
export const migrations = [
  CreateAuditEventAndOutbox1763780000000,
  CreateDistrictsOrganisationsUsersCommitteesCalls1763780100000,
  CreateNotificationsAndMailDelivery1763780200000,
  CreateApplication1763780300000,
  CreateSessionsTokensAndThrottling1763780400000,
  AddInvitationGrantToOneTimeToken1763780500000,
  CreateFundsAndLedger1763780700000,
  AddPeriodToApplication1763780800000,
  AddLegalRepresentativesToOrganisation1763780900000,
  CreateApplicationWorkflow1763781000000,
  CreateConflictsAndWrittenVotes1763781100000,
  CreateCommitteeSessions1763781200000,
  CreateReviewsAndProgrammePlans1763781300000,
  CreateNoticeAttachment1763781400000,
  CreateBallotWithdrawal1763781500000,
  AddVotumWithdrawal1763783000000,
  RecordRulesAndAttendancePerVote1763783100000,
  CreateNoticeDrop1763783200000,
  AddCallOffApproval1763783300000,
  AddBallotChanges1763783400000,
  HardenAccountsLinksAndLimits1763784000000,
  SettleProofOfUseByFinancingType1763790000000,
  RecordEarlyStartOnGrantNotice1763790100000,
  SeedPublishedBaseRates1763790200000,
  CreateRecoveryClaimLedger1763790300000,
  RecordUseOfCallOffs1763790400000,
  ClaimMailBeforeSending1763791000000,
  NumberReferencesPerDistrictAndYear1763792000000,
  IndexTheApplicationList1763792100000,
  AddSenateRole1763794000000,
  RaiseCallMinimumsToNetzwerkfondsFloor1763795000000,
  RecordCostBasisOnGrantNotice1763795100000,
  StageUploads1763795200000,
  AddAreaCodesCoversAndIndicators1763795600000,
  CreatePastProjects1763795700000,
  ComputeReminderTimesInSql1763796100000,
  CountMoneyPerActionField1763796200000,
  AddAreaShapes1763796400000,
  NotifyOutboxAfterCommit1763796500000,
  RecordDecisionAndRecipientOnGrantNotice1763796600000,
  KeepBookedInterestCalculation1763796700000,
  RecordWhoHeldTheSeat1763796800000,
  RetryGenerationOnOutbox1763796850000,
  CreditPaidLateUseInterest1763796900000,
  IndexIdempotencyKeysByAge1763797200000,
  CreditLateUseInterestOnSettlementClaims1763797300000,
  FixWrittenVoteElectorateAtOpening1763797400000,
  MoveCommitmentCountersAtCommit1763797500000,
];
