import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Senate role (issue 21): the Senatsverwaltung für Stadtentwicklung sees every district's
 * calls, priority lists and money and records its selection on the lists the districts sent. It
 * is held Berlin-wide, so its assignment names no district; every other role still names one.
 */
export class AddSenateRole1763794000000 implements MigrationInterface {
  name = 'AddSenateRole1763794000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE role_assignment DROP CONSTRAINT role_assignment_role_check`);
    await db.query(`
      ALTER TABLE role_assignment ADD CONSTRAINT role_assignment_role_check
        CHECK (role IN ('admin', 'coordinator', 'finance', 'board_member', 'senate'))`);
    await db.query(`ALTER TABLE role_assignment ALTER COLUMN district_id DROP NOT NULL`);
    await db.query(`
      ALTER TABLE role_assignment ADD CONSTRAINT role_assignment_district_unless_senate
        CHECK ((role = 'senate') = (district_id IS NULL))`);
    // The unique key over (user, role, district) does not hold for a NULL district.
    await db.query(
      `CREATE UNIQUE INDEX role_assignment_senate_unique ON role_assignment (user_id) WHERE role = 'senate'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM role_assignment WHERE role = 'senate'`);
    await db.query(`DROP INDEX role_assignment_senate_unique`);
    await db.query(`ALTER TABLE role_assignment DROP CONSTRAINT role_assignment_district_unless_senate`);
    await db.query(`ALTER TABLE role_assignment ALTER COLUMN district_id SET NOT NULL`);
    await db.query(`ALTER TABLE role_assignment DROP CONSTRAINT role_assignment_role_check`);
    await db.query(`
      ALTER TABLE role_assignment ADD CONSTRAINT role_assignment_role_check
        CHECK (role IN ('admin', 'coordinator', 'finance', 'board_member'))`);
  }
}
