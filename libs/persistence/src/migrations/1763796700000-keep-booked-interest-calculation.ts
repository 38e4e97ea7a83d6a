import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A claim keeps the calculation its booked interest rests on, line by line, as computed when it
 * was booked (the notice's lines up to its due day, then the days after it, less the deductions
 * for principal repaid). A settled claim then shows what it was settled with, not a calculation
 * from a base-rate table changed later (TRUST.md: what was decided is recorded with the rules in
 * force at that moment). Claims booked before keep null; the claims list then recomputes their lines.
 */
export class KeepBookedInterestCalculation1763796700000 implements MigrationInterface {
  name = 'KeepBookedInterestCalculation1763796700000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE repayment_claim ADD COLUMN interest_calculation jsonb
        CHECK (interest_calculation IS NULL OR jsonb_typeof(interest_calculation) = 'object')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE repayment_claim DROP COLUMN interest_calculation`);
  }
}
