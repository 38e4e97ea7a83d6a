import { ActionFieldEntity } from './action-field.entity';
import { ApplicationEntity } from './application.entity';
import { AreaEntity } from './area.entity';
import { AuditEventEntity } from './audit-event.entity';
import { CallActionFieldEntity } from './call-action-field.entity';
import { CallAreaEntity } from './call-area.entity';
import { CallEntity } from './call.entity';
import { CommitteeMemberEntity } from './committee-member.entity';
import { CommitteeEntity } from './committee.entity';
import { DistrictEntity } from './district.entity';
import { MailDeliveryEntity } from './mail-delivery.entity';
import { NotificationPreferenceEntity } from './notification-preference.entity';
import { NotificationEntity } from './notification.entity';
import { OrganisationMemberEntity } from './organisation-member.entity';
import { OrganisationEntity } from './organisation.entity';
import { OutboxMessageEntity } from './outbox-message.entity';
import { RoleAssignmentEntity } from './role-assignment.entity';
import { UserEntity } from './user.entity';
import { BaseRateEntity } from './base-rate.entity';
import { FundEntity } from './fund.entity';
import { LedgerEntryEntity } from './ledger-entry.entity';
import { TrackedProjectEntity } from './tracked-project.entity';

export {
  ActionFieldEntity,
  ApplicationEntity,
  AreaEntity,
  AuditEventEntity,
  CallActionFieldEntity,
  CallAreaEntity,
  CallEntity,
  CommitteeEntity,
  CommitteeMemberEntity,
  DistrictEntity,
  MailDeliveryEntity,
  NotificationEntity,
  NotificationPreferenceEntity,
  OrganisationEntity,
  OrganisationMemberEntity,
  OutboxMessageEntity,
  RoleAssignmentEntity,
  UserEntity,
};
export { APPLICATION_STATES, type ApplicationState } from './application.entity';
export { AREA_KINDS, type AreaKind } from './area.entity';
export { CALL_FUND_KINDS, CALL_STATUSES, type CallFundKind, type CallStatus } from './call.entity';
export { COMMITTEE_MAJORITIES, type CommitteeMajority } from './committee.entity';
export { type LegalRepresentative } from './organisation.entity';
export { DISTRICT_ROLES, type DistrictRole } from './role-assignment.entity';
export { USER_LANGUAGES, USER_STATUSES, type UserLanguage, type UserStatus } from './user.entity';

export { BaseRateEntity, FundEntity, LedgerEntryEntity, TrackedProjectEntity };
export { moneyTransformer } from './money.transformer';

export const entities = [
  AuditEventEntity,
  OutboxMessageEntity,
  DistrictEntity,
  AreaEntity,
  ActionFieldEntity,
  OrganisationEntity,
  UserEntity,
  OrganisationMemberEntity,
  RoleAssignmentEntity,
  CommitteeEntity,
  CommitteeMemberEntity,
  CallEntity,
  CallActionFieldEntity,
  CallAreaEntity,
  MailDeliveryEntity,
  NotificationEntity,
  NotificationPreferenceEntity,
  ApplicationEntity,
  FundEntity,
  TrackedProjectEntity,
  LedgerEntryEntity,
  BaseRateEntity,
];
