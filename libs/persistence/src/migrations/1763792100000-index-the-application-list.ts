import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The application list pages by an index (issue 18, ADR 0014). Staff see their district's
 * applications, so the district moves onto the application (the call's, set at insert; a call
 * never changes district, `call_district_fixed`). The list then walks
 * `(district_id, updated_at DESC, id DESC)` or, for carriers, `(organisation_id, updated_at DESC,
 * id DESC)` newest first and stops after a page, instead of joining every visible row to its call,
 * counting them all and sorting.
 */
export class IndexTheApplicationList1763792100000 implements MigrationInterface {
  name = 'IndexTheApplicationList1763792100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE application ADD COLUMN district_id uuid REFERENCES district (id)`);
    await db.query(`UPDATE application a SET district_id = c.district_id FROM call c WHERE c.id = a.call_id`);
    await db.query(`ALTER TABLE application ALTER COLUMN district_id SET NOT NULL`);
    // The insert trigger that numbers the application also sets its district, from the call.
    await db.query(`
      CREATE OR REPLACE FUNCTION application_assign_reference() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        the_district uuid;
        the_year integer;
        the_code text;
        the_number integer;
      BEGIN
        SELECT c.district_id, c.programme_year, d.reference_code INTO the_district, the_year, the_code
          FROM call c JOIN district d ON d.id = c.district_id WHERE c.id = NEW.call_id;
        IF the_district IS NULL THEN
          RETURN NEW; -- an unknown call: the foreign key refuses the row
        END IF;
        NEW.district_id := the_district;
        IF NEW.reference IS NULL THEN
          INSERT INTO application_reference_counter AS r (district_id, programme_year, last_number)
          VALUES (the_district, the_year, 1)
          ON CONFLICT (district_id, programme_year) DO UPDATE SET last_number = r.last_number + 1
          RETURNING r.last_number INTO the_number;
          NEW.reference := application_reference(the_code, the_year, the_number);
        END IF;
        RETURN NEW;
      END;
      $$`);
    await db.query(`
      CREATE INDEX application_district_list_idx ON application (district_id, updated_at DESC, id DESC)`);
    await db.query(`
      CREATE INDEX application_organisation_list_idx ON application (organisation_id, updated_at DESC, id DESC)`);
    // The new index serves every lookup by organisation the old one did.
    await db.query(`DROP INDEX application_organisation_idx`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX application_organisation_idx ON application (organisation_id)`);
    await db.query(`DROP INDEX application_organisation_list_idx`);
    await db.query(`DROP INDEX application_district_list_idx`);
    await db.query(`
      CREATE OR REPLACE FUNCTION application_assign_reference() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        the_district uuid;
        the_year integer;
        the_code text;
        the_number integer;
      BEGIN
        IF NEW.reference IS NULL THEN
          SELECT c.district_id, c.programme_year, d.reference_code INTO the_district, the_year, the_code
            FROM call c JOIN district d ON d.id = c.district_id WHERE c.id = NEW.call_id;
          IF the_district IS NULL THEN
            RETURN NEW; -- an unknown call: the foreign key refuses the row
          END IF;
          INSERT INTO application_reference_counter AS r (district_id, programme_year, last_number)
          VALUES (the_district, the_year, 1)
          ON CONFLICT (district_id, programme_year) DO UPDATE SET last_number = r.last_number + 1
          RETURNING r.last_number INTO the_number;
          NEW.reference := application_reference(the_code, the_year, the_number);
        END IF;
        RETURN NEW;
      END;
      $$`);
    await db.query(`ALTER TABLE application DROP COLUMN district_id`);
  }
}
