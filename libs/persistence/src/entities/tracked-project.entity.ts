import type { Money, TrackedFundKind } from '@kiezfonds/domain';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { moneyTransformer } from './money.transformer';

/**
 * A project of an Aktions-, Projekt- or Baufonds, recorded by finance staff (the decision is taken
 * outside the app). Its money moves in the ledger like an application's; `amount` is the amount
 * decided.
 */
@Entity({ name: 'tracked_project' })
export class TrackedProjectEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ name: 'district_id', type: 'uuid' })
  districtId: string;

  @Column({ name: 'fund_id', type: 'uuid' })
  fundId: string;

  @Column({ name: 'fund_kind', type: 'text' })
  fundKind: TrackedFundKind;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'area_id', type: 'uuid' })
  areaId: string;

  @Column({ name: 'action_field_id', type: 'uuid', nullable: true })
  actionFieldId: string | null;

  /** ISO dates (`YYYY-MM-DD`): calendar days, no time zone. */
  @Column({ name: 'decision_date', type: 'date' })
  decisionDate: string;

  @Column({ name: 'period_start', type: 'date' })
  periodStart: string;

  @Column({ name: 'period_end', type: 'date' })
  periodEnd: string;

  @Column({ name: 'amount_cents', type: 'bigint', transformer: moneyTransformer })
  amount: Money;
}
