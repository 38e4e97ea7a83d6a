import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** `two_thirds`: at least two thirds of the votes cast; `simple`: more yes than no votes. */
export const COMMITTEE_MAJORITIES = ['simple', 'two_thirds'] as const;
export type CommitteeMajority = (typeof COMMITTEE_MAJORITIES)[number];

/** A Gremium such as Spandau's AG Stabile Kieze, with its own decision rules (DOMAIN.md, step 5). */
@Entity({ name: 'committee' })
export class CommitteeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ name: 'district_id', type: 'uuid' })
  districtId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'short_name', type: 'text' })
  shortName: string;

  /** Quorum as the share of voting members present: numerator / denominator, e.g. 2 / 3. */
  @Column({ name: 'quorum_numerator', type: 'integer' })
  quorumNumerator: number;

  @Column({ name: 'quorum_denominator', type: 'integer' })
  quorumDenominator: number;

  @Column({ type: 'text' })
  majority: CommitteeMajority;

  /** Whether abstentions count among the votes cast (and so make a majority harder to reach). */
  @Column({ name: 'abstentions_count_as_cast', type: 'boolean', default: false })
  abstentionsCountAsCast: boolean;
}
