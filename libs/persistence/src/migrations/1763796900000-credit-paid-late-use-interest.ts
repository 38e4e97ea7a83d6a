import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A revocation claim keeps the late-use interest (§ 49a (4) VwVfG) the carrier had paid on the
 * same money when the grant was revoked, per late-use claim and call-off, with that claim's
 * calculation: its interest is credited against the revocation claim's (§ 49a (3)), so that no day
 * of the same money bears interest twice. Recorded once, as the revocation found it, so the credit
 * stays the same whenever the claim is shown, noticed or settled. Only revocation claims have it;
 * claims made before keep null (nothing credited, as then).
 */
export class CreditPaidLateUseInterest1763796900000 implements MigrationInterface {
  name = 'CreditPaidLateUseInterest1763796900000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE repayment_claim ADD COLUMN late_use_credits jsonb
        CHECK (late_use_credits IS NULL OR (jsonb_typeof(late_use_credits) = 'array' AND reason = 'revocation'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE repayment_claim DROP COLUMN late_use_credits`);
  }
}
