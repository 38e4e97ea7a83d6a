import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'outbox' })
export class OutboxMessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false })
  createdAt: Date;

  @Column({ type: 'text' })
  topic: string;

  @Column({ name: 'delivery_key', type: 'text' })
  deliveryKey: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ name: 'available_at', type: 'timestamptz', insert: false })
  availableAt: Date;

  @Column({ name: 'relayed_at', type: 'timestamptz', nullable: true })
  relayedAt: Date | null;

  @Column({ type: 'integer', insert: false })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  /** When the worker finished the notice (mailed, in-app only, dropped …); null while it is owed. */
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @Column({ type: 'text', nullable: true })
  outcome: string | null;

  /** When its retries ran out; an administrator can retry every failed notice at once. */
  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true })
  failedAt: Date | null;

  /** How often an administrator retried it; part of its job id, so a retry is a new job. */
  @Column({ name: 'retry_generation', type: 'integer', insert: false })
  retryGeneration: number;
}
