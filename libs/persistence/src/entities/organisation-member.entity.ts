import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Membership in a carrier organisation: this is what gives a user the `carrier` role. */
@Entity({ name: 'organisation_member' })
export class OrganisationMemberEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  /** May manage the organisation's members and master data. */
  @Column({ name: 'is_admin', type: 'boolean', default: false })
  isAdmin: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}
