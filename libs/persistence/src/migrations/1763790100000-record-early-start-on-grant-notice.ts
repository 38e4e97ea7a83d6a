import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * No project may start before its grant notice (DOMAIN.md step 7) unless the office approved an
 * early start (vorzeitiger Maßnahmebeginn); the notice keeps that approval's date and reason.
 */
export class RecordEarlyStartOnGrantNotice1763790100000 implements MigrationInterface {
  name = 'RecordEarlyStartOnGrantNotice1763790100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE grant_notice
        ADD COLUMN early_start_approved_on date,
        ADD COLUMN early_start_reason text,
        ADD CONSTRAINT grant_notice_early_start_check
          CHECK ((early_start_approved_on IS NULL) = (early_start_reason IS NULL)
                 AND (early_start_reason IS NULL OR btrim(early_start_reason) <> ''))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE grant_notice DROP CONSTRAINT grant_notice_early_start_check,
        DROP COLUMN early_start_reason, DROP COLUMN early_start_approved_on`);
  }
}
