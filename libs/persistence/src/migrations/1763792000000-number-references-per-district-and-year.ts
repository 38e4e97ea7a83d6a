import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * File numbers that scale (issue 18, ADR 0014): `NWF-SPA-2027-0014`, counted per district and
 * programme year, padded to at least four digits and never truncated.
 *
 * Before, one global sequence numbered every application of every district and year, padded with
 * `lpad(…, 3, '0')`, which cuts `1000` down to `100`: past 999 applications in total a draft got
 * another application's number and the next insert failed on the unique key.
 *
 * - Every district gets a short `reference_code` (SPA for Spandau, NEU for Neukölln), derived
 *   from its slug when none is given and made unique with a digit; it never changes, because
 *   numbers already issued carry it.
 * - `application_reference_counter` holds the last number per (district, programme year). The
 *   insert trigger takes the next one with `INSERT … ON CONFLICT DO UPDATE … RETURNING`: the row
 *   lock serialises concurrent drafts of the same district and year until they commit, so numbers
 *   are unique and, because a rolled-back draft rolls its number back too, without gaps.
 * - Existing applications are renumbered in order of creation within their district and year;
 *   their old number stays in `former_reference` (letters and grant notices already sent cite
 *   it; grant notices keep the reference they were issued with).
 */
export class NumberReferencesPerDistrictAndYear1763792000000 implements MigrationInterface {
  name = 'NumberReferencesPerDistrictAndYear1763792000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE district ADD COLUMN reference_code text`);
    await db.query(`
      CREATE FUNCTION district_reference_code_candidate(slug text, attempt integer) RETURNS text
      LANGUAGE sql IMMUTABLE AS $$
        SELECT upper(left(regexp_replace(slug, '[^a-z0-9]', '', 'g'), 3))
               || CASE WHEN attempt > 1 THEN attempt::text ELSE '' END
      $$`);
    await db.query(`
      CREATE FUNCTION district_assign_reference_code() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        attempt integer := 1;
      BEGIN
        IF NEW.reference_code IS NULL THEN
          NEW.reference_code := district_reference_code_candidate(NEW.slug, attempt);
          WHILE EXISTS (SELECT 1 FROM district WHERE reference_code = NEW.reference_code) LOOP
            attempt := attempt + 1;
            NEW.reference_code := district_reference_code_candidate(NEW.slug, attempt);
          END LOOP;
        END IF;
        RETURN NEW;
      END;
      $$`);
    await db.query(`
      CREATE TRIGGER district_reference_code BEFORE INSERT ON district
      FOR EACH ROW EXECUTE FUNCTION district_assign_reference_code()`);
    // Existing districts, oldest first, so the first district of a prefix keeps the plain code.
    await db.query(`
      WITH numbered AS (
        SELECT id, slug, row_number() OVER (
                 PARTITION BY district_reference_code_candidate(slug, 1) ORDER BY created_at, id) AS attempt
          FROM district)
      UPDATE district d SET reference_code = district_reference_code_candidate(n.slug, n.attempt::integer)
        FROM numbered n WHERE n.id = d.id`);
    await db.query(`
      ALTER TABLE district
        ALTER COLUMN reference_code SET NOT NULL,
        ADD CONSTRAINT district_reference_code_format CHECK (reference_code ~ '^[A-Z0-9]{1,8}$'),
        ADD CONSTRAINT district_reference_code_unique UNIQUE (reference_code)`);
    await db.query(`
      CREATE FUNCTION district_keep_reference_code() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.reference_code IS DISTINCT FROM OLD.reference_code THEN
          RAISE EXCEPTION 'district.reference_code is part of issued file numbers and cannot change'
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END;
      $$`);
    await db.query(`
      CREATE TRIGGER district_reference_code_fixed BEFORE UPDATE OF reference_code ON district
      FOR EACH ROW EXECUTE FUNCTION district_keep_reference_code()`);

    await db.query(`
      CREATE FUNCTION application_reference(code text, programme_year integer, number integer) RETURNS text
      LANGUAGE sql IMMUTABLE AS $$
        SELECT 'NWF-' || code || '-' || programme_year || '-'
               || lpad(number::text, greatest(4, length(number::text)), '0')
      $$`);
    await db.query(`
      CREATE TABLE application_reference_counter (
        district_id uuid NOT NULL REFERENCES district (id),
        programme_year integer NOT NULL CHECK (programme_year BETWEEN 2000 AND 2100),
        last_number integer NOT NULL CHECK (last_number > 0),
        PRIMARY KEY (district_id, programme_year)
      )`);

    // Repair: one consistent numbering for what exists, in order of creation.
    await db.query(`ALTER TABLE application ADD COLUMN former_reference text`);
    await db.query(`
      WITH numbered AS (
        SELECT a.id, d.reference_code, c.programme_year,
               row_number() OVER (PARTITION BY c.district_id, c.programme_year ORDER BY a.created_at, a.id) AS n
          FROM application a JOIN call c ON c.id = a.call_id JOIN district d ON d.id = c.district_id)
      UPDATE application a
         SET former_reference = a.reference,
             reference = application_reference(n.reference_code, n.programme_year, n.n::integer)
        FROM numbered n WHERE n.id = a.id`);
    await db.query(`
      INSERT INTO application_reference_counter (district_id, programme_year, last_number)
      SELECT c.district_id, c.programme_year, count(*)
        FROM application a JOIN call c ON c.id = a.call_id
       GROUP BY c.district_id, c.programme_year`);
    await db.query(`
      ALTER TABLE application ADD CONSTRAINT application_reference_format
        CHECK (reference ~ '^NWF-[A-Z0-9]{1,8}-[0-9]{4}-[0-9]{4,}$')`);

    // Whoever inserts an application (the service, a factory, an import) gets the next number.
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
    await db.query(`DROP SEQUENCE application_reference_seq`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SEQUENCE application_reference_seq`);
    await db.query(`
      SELECT setval('application_reference_seq', greatest(1, (SELECT count(*) FROM application) + coalesce(
        (SELECT max(substring(former_reference FROM '[0-9]+$')::integer) FROM application), 0)))`);
    await db.query(`
      CREATE OR REPLACE FUNCTION application_assign_reference() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.reference IS NULL THEN
          SELECT 'NWF-' || c.programme_year || '-' || lpad(nextval('application_reference_seq')::text, 3, '0')
            INTO NEW.reference FROM call c WHERE c.id = NEW.call_id;
        END IF;
        RETURN NEW;
      END;
      $$`);
    await db.query(`ALTER TABLE application DROP CONSTRAINT application_reference_format`);
    // Numbers given since the update have no former one: the old format, but long enough to be unique.
    await db.query(`
      WITH fresh AS (
        SELECT a.id, c.programme_year, nextval('application_reference_seq') AS n
          FROM application a JOIN call c ON c.id = a.call_id WHERE a.former_reference IS NULL)
      UPDATE application a
         SET reference = 'NWF-' || f.programme_year || '-' || lpad(f.n::text, greatest(3, length(f.n::text)), '0')
        FROM fresh f WHERE f.id = a.id`);
    await db.query(`UPDATE application SET reference = former_reference WHERE former_reference IS NOT NULL`);
    await db.query(`ALTER TABLE application DROP COLUMN former_reference`);
    await db.query(`DROP TABLE application_reference_counter`);
    await db.query(`DROP FUNCTION application_reference(text, integer, integer)`);
    await db.query(`DROP TRIGGER district_reference_code_fixed ON district`);
    await db.query(`DROP FUNCTION district_keep_reference_code()`);
    await db.query(`DROP TRIGGER district_reference_code ON district`);
    await db.query(`DROP FUNCTION district_assign_reference_code()`);
    await db.query(`ALTER TABLE district DROP COLUMN reference_code`);
    await db.query(`DROP FUNCTION district_reference_code_candidate(text, integer)`);
  }
}
