import type {
  BudgetDirection,
  FundKind,
  LedgerEntryKind,
  Money,
  ReversibleEntryKind,
} from '@kiezfonds/domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { moneyTransformer } from './money.transformer';

/**
 * One ledger entry, for reading (lists, exports). Entries are only ever written by
 * `LedgerService.post` in libs/funds, which also updates the balance counters; the table rejects
 * UPDATE and DELETE.
 */
@Entity({ name: 'ledger_entry' })
export class LedgerEntryEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** Booking order, gap-free per transaction but not across rolled-back ones. */
  @Column({ type: 'bigint', insert: false, update: false })
  seq: string;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ name: 'fund_id', type: 'uuid' })
  fundId: string;

  @Column({ name: 'fund_kind', type: 'text' })
  fundKind: FundKind;

  @Column({ name: 'programme_year', type: 'integer' })
  programmeYear: number;

  @Column({ name: 'cash_year', type: 'integer' })
  cashYear: number;

  @Column({ type: 'text' })
  kind: LedgerEntryKind;

  @Column({ type: 'text', nullable: true })
  direction: BudgetDirection | null;

  @Column({ name: 'amount_cents', type: 'bigint', transformer: moneyTransformer })
  amount: Money;

  @Column({ name: 'application_id', type: 'uuid', nullable: true })
  applicationId: string | null;

  @Column({ name: 'tracked_project_id', type: 'uuid', nullable: true })
  trackedProjectId: string | null;

  @Column({ name: 'call_off_ref', type: 'text', nullable: true })
  callOffRef: string | null;

  @Column({ name: 'grant_notice_ref', type: 'text', nullable: true })
  grantNoticeRef: string | null;

  @Column({ name: 'actor_id', type: 'uuid' })
  actorId: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'reverses_entry_id', type: 'uuid', nullable: true })
  reversesEntryId: string | null;

  @Column({ name: 'reversed_kind', type: 'text', nullable: true })
  reversedKind: ReversibleEntryKind | null;
}
