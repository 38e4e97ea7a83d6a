import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The funding period of an application (issue 5, double-funding check). Nullable: drafts have no
 * period yet; the lifecycle fills it when the application is submitted and again when the grant
 * notice fixes it. The double-funding check compares it with the periods of the carrier's tracked
 * projects in the other funds.
 */
export class AddPeriodToApplication1763780800000 implements MigrationInterface {
  name = 'AddPeriodToApplication1763780800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE application ADD COLUMN period_start date, ADD COLUMN period_end date`);
    await db.query(
      `ALTER TABLE application ADD CONSTRAINT application_period_valid CHECK (period_end >= period_start)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE application DROP CONSTRAINT application_period_valid`);
    await db.query(`ALTER TABLE application DROP COLUMN period_end, DROP COLUMN period_start`);
  }
}
