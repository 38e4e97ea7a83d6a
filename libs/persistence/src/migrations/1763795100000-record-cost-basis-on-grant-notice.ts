import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The grant notice records whether the organisation's costs count net or gross of VAT: an
 * organisation entitled to deduct input tax (Vorsteuerabzug) is granted and settled on its net
 * costs (ANBest-P Nr. 1.3). The notice keeps the status as it was when the notice was issued, so a
 * later change to the organisation's record does not rewrite a settlement. Notices issued before
 * this column take the organisation's current status, the best record there is.
 */
export class RecordCostBasisOnGrantNotice1763795100000 implements MigrationInterface {
  name = 'RecordCostBasisOnGrantNotice1763795100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE grant_notice
        ADD COLUMN cost_basis text NOT NULL DEFAULT 'gross' CHECK (cost_basis IN ('net', 'gross'))`);
    await db.query(`
      UPDATE grant_notice g SET cost_basis = 'net'
        FROM application a JOIN organisation o ON o.id = a.organisation_id
       WHERE a.id = g.application_id AND o.vat_deductible`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE grant_notice DROP COLUMN cost_basis`);
  }
}
