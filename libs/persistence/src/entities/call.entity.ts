import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Only Netzwerkfonds runs calls; the other funds are tracked in ledgers (DOMAIN.md). */
export const CALL_FUND_KINDS = ['netzwerkfonds'] as const;
export type CallFundKind = (typeof CALL_FUND_KINDS)[number];

export const CALL_STATUSES = ['draft', 'open', 'closed'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

/**
 * An Aufruf for one district, fund and programme year.
 *
 * The `*Cents` columns are `bigint`, which the pg driver returns as strings (a JavaScript number
 * cannot hold every bigint exactly), so they are typed `string` here; convert them into a `Money`
 * value at this boundary, never through a float.
 */
@Entity({ name: 'call' })
export class CallEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ name: 'district_id', type: 'uuid' })
  districtId: string;

  @Column({ name: 'fund_kind', type: 'text' })
  fundKind: CallFundKind;

  /** Whose budget pays (Programmjahr), not when the money flows (Kassenjahr). */
  @Column({ name: 'programme_year', type: 'integer' })
  programmeYear: number;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'text', default: 'draft' })
  status: CallStatus;

  @Column({ name: 'expected_budget_cents', type: 'bigint' })
  expectedBudgetCents: string;

  @Column({ name: 'submission_deadline', type: 'timestamptz' })
  submissionDeadline: Date;

  /** At least the Netzwerkfonds floor of 50 000 € (migration 1763795000000). */
  @Column({ name: 'min_amount_cents', type: 'bigint', default: 5000000 })
  minAmountCents: string;

  @Column({ name: 'max_amount_cents', type: 'bigint', nullable: true })
  maxAmountCents: string | null;
}
