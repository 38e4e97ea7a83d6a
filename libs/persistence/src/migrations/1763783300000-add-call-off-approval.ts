import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Finance approves a call-off before it pays it (DOMAIN.md step 8: "finance approves and pays"):
 * the carrier hears of the approval at once, and of the payment when the money is transferred.
 * `approved` lies between `requested` and `paid`; paying straight from `requested` stays possible.
 */
export class AddCallOffApproval1763783300000 implements MigrationInterface {
  name = 'AddCallOffApproval1763783300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE call_off DROP CONSTRAINT call_off_state_check`);
    await db.query(`
      ALTER TABLE call_off ADD CONSTRAINT call_off_state_check
        CHECK (state IN ('requested', 'approved', 'paid', 'rejected'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`UPDATE call_off SET state = 'requested' WHERE state = 'approved'`);
    await db.query(`ALTER TABLE call_off DROP CONSTRAINT call_off_state_check`);
    await db.query(
      `ALTER TABLE call_off ADD CONSTRAINT call_off_state_check CHECK (state IN ('requested', 'paid', 'rejected'))`,
    );
  }
}
