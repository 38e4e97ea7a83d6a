import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The proof of use is settled by the financing type the grant notice states (ANBest-P Nr. 2.1):
 * shortfall funding (Fehlbedarfsfinanzierung) unless the notice says partial or fixed-amount
 * funding. Lines a change approved after the notice added count like plan lines. The final report
 * records the own and third-party money actually spent, and the settlement as computed at
 * completion (what was decided stays on record with the rules in force then).
 */
export class SettleProofOfUseByFinancingType1763790000000 implements MigrationInterface {
  name = 'SettleProofOfUseByFinancingType1763790000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE grant_notice
        ADD COLUMN financing_type text NOT NULL DEFAULT 'shortfall'
          CHECK (financing_type IN ('shortfall', 'partial', 'fixed')),
        ADD COLUMN approved_plan_changes jsonb NOT NULL DEFAULT '[]'
          CHECK (jsonb_typeof(approved_plan_changes) = 'array')`);
    await db.query(`
      ALTER TABLE application_report
        ADD COLUMN other_funding_cents bigint CHECK (other_funding_cents >= 0),
        ADD COLUMN settlement jsonb CHECK (settlement IS NULL OR jsonb_typeof(settlement) = 'object')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE application_report DROP COLUMN settlement, DROP COLUMN other_funding_cents`);
    await db.query(`ALTER TABLE grant_notice DROP COLUMN approved_plan_changes, DROP COLUMN financing_type`);
  }
}
