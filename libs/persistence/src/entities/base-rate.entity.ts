import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row of the base-rate table (Basiszinssatz, § 247 BGB): valid from `validFrom` until the next row. */
@Entity({ name: 'base_rate' })
export class BaseRateEntity {
  /** ISO date `YYYY-MM-DD`. */
  @PrimaryColumn({ name: 'valid_from', type: 'date' })
  validFrom: string;

  /** Basis points: 1 % = 100; may be negative. */
  @Column({ name: 'rate_basis_points', type: 'integer' })
  rateBasisPoints: number;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}
