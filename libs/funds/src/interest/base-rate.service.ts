import { Injectable } from '@nestjs/common';
import {
  type BaseRatePeriod,
  calculateRepaymentInterest,
  type Money,
  type RepaymentInterest,
  ValidationError,
} from '@kiezfonds/domain';
import { recordAudit } from '@kiezfonds/persistence';
import { DataSource, EntityManager } from 'typeorm';
import type { Db } from '../balances/balance-rows';

/**
 * The base-rate table finance staff keep (Basiszinssatz, § 247 BGB; the Bundesbank publishes it
 * each 1 January and 1 July), and repayment interest computed from it.
 */
@Injectable()
export class BaseRateService {
  constructor(private readonly dataSource: DataSource) {}

  async list(db: Db = this.dataSource): Promise<BaseRatePeriod[]> {
    return (await db.query(
      `SELECT valid_from::text AS "validFrom", rate_basis_points AS "rateBasisPoints"
       FROM base_rate ORDER BY valid_from`,
    )) as BaseRatePeriod[];
  }

  /** Records (or corrects) the rate valid from a day; the audit trail keeps the previous value. */
  async set(
    tx: EntityManager,
    input: BaseRatePeriod & { actorId: string; requestId?: string | null },
  ): Promise<void> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.validFrom)) {
      throw new ValidationError([{ field: 'validFrom', rule: 'isDateString' }]);
    }
    if (!Number.isInteger(input.rateBasisPoints) || Math.abs(input.rateBasisPoints) > 10_000) {
      throw new ValidationError([{ field: 'rateBasisPoints', rule: 'isInt' }]);
    }
    const [previous] = (await tx.query(
      `SELECT rate_basis_points FROM base_rate WHERE valid_from = $1 FOR UPDATE`,
      [input.validFrom],
    )) as { rate_basis_points: number }[];
    await tx.query(
      `INSERT INTO base_rate (valid_from, rate_basis_points) VALUES ($1, $2)
       ON CONFLICT (valid_from) DO UPDATE SET rate_basis_points = EXCLUDED.rate_basis_points`,
      [input.validFrom, input.rateBasisPoints],
    );
    await recordAudit(tx, {
      entityType: 'base_rate',
      entityId: input.validFrom,
      action: previous ? 'correct' : 'create',
      actorId: input.actorId,
      requestId: input.requestId ?? null,
      payload: {
        rateBasisPoints: input.rateBasisPoints,
        previousRateBasisPoints: previous?.rate_basis_points ?? null,
      },
    });
  }

  /** Interest on `principal` paid on `paidOn` and repaid on `repaidOn`, line by line (see the domain's conventions). */
  async repaymentInterest(
    input: { principal: Money; paidOn: string; repaidOn: string },
    db: Db = this.dataSource,
  ): Promise<RepaymentInterest> {
    return calculateRepaymentInterest({ ...input, baseRates: await this.list(db) });
  }
}
