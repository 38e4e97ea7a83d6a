import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Every lifecycle state (ARCHITECTURE.md); the database CHECK holds the same list. */
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

/**
 * An application (Antrag) of a carrier organisation in a call. Minimal for now: the lifecycle
 * issue adds the outline, the cost and financing plans and the submitted snapshots.
 */
@Entity({ name: 'application' })
export class ApplicationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'call_id', type: 'uuid' })
  callId: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: 'draft' })
  state: ApplicationState;

  /** Raised by every lifecycle command; a command that read an older version is refused (409). */
  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;
}
