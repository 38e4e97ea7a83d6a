import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A seat in a committee for a period: a department's voting member or an advisory member. */
@Entity({ name: 'committee_member' })
export class CommitteeMemberEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  /** The department (Amt) or body the member represents. */
  @Column({ type: 'text' })
  department: string;

  /** False for advisory members, who take part without a vote. */
  @Column({ type: 'boolean' })
  voting: boolean;

  /** The member of the same committee this one stands in for, if a substitute. */
  @Column({ name: 'substitute_for_id', type: 'uuid', nullable: true })
  substituteForId: string | null;

  /** Calendar dates as `YYYY-MM-DD` strings: TypeORM returns `date` columns as strings, without a time zone. */
  @Column({ name: 'valid_from', type: 'date' })
  validFrom: string;

  /** The last day of membership (inclusive); null while it lasts. */
  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo: string | null;
}
