import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A member who gave their department's Votum and then declares a conflict of interest on the
 * application (or a standing one on its carrier) had no part in it by the rules: the Votum is
 * withdrawn from every score and ranking. It stays in the record, marked with the time and the
 * declaration that withdrew it, so the coordinator sees what was given and why it no longer counts.
 */
export class AddVotumWithdrawal1763783000000 implements MigrationInterface {
  name = 'AddVotumWithdrawal1763783000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE votum
        ADD COLUMN withdrawn_at timestamptz,
        ADD COLUMN withdrawn_for_conflict_id uuid REFERENCES conflict_of_interest (id),
        ADD CONSTRAINT votum_withdrawal_complete
          CHECK ((withdrawn_at IS NULL) = (withdrawn_for_conflict_id IS NULL))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE votum DROP CONSTRAINT votum_withdrawal_complete,
        DROP COLUMN withdrawn_for_conflict_id, DROP COLUMN withdrawn_at`);
  }
}
