import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Areas and their figures (issue 21).
 *
 * - `area.code`: the LOR number of an area of Berlin's planning grid (4 digits Prognoseraum,
 *   6 Bezirksregion, 8 Planungsraum). LOR numbers are Berlin-wide, so unique across districts; the
 *   grid is imported from the Senate's table, and indicator tables name Planungsräume by it.
 * - `area_cover`: which Planungsräume a QM area or Aktionsraum covers. Money reaches a QM area;
 *   the social monitoring measures Planungsräume; this link puts the two side by side.
 * - `area_indicator`: one figure per area, year and indicator, imported from a table. The value is
 *   `numeric(14,4)`: the monitoring's indices carry decimals, and a float would round them
 *   differently on every read. A class (`niedrig/negativ`) may stand instead of a value.
 *   `sample` marks demo figures, which the UI labels „Beispielwerte“.
 */
export class AddAreaCodesCoversAndIndicators1763795600000 implements MigrationInterface {
  name = 'AddAreaCodesCoversAndIndicators1763795600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE area ADD COLUMN code text,
        ADD CONSTRAINT area_code_format CHECK (
          code IS NULL
          OR (kind = 'prognoseraum' AND code ~ '^[0-9]{4}$')
          OR (kind = 'bezirksregion' AND code ~ '^[0-9]{6}$')
          OR (kind = 'planungsraum' AND code ~ '^[0-9]{8}$')
        ),
        ADD CONSTRAINT area_code_unique UNIQUE (code)`);

    await db.query(`
      CREATE TABLE area_cover (
        district_id uuid NOT NULL,
        area_id uuid NOT NULL,
        planungsraum_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (area_id, planungsraum_id),
        CONSTRAINT area_cover_area_fk FOREIGN KEY (district_id, area_id) REFERENCES area (district_id, id),
        CONSTRAINT area_cover_planungsraum_fk FOREIGN KEY (district_id, planungsraum_id)
          REFERENCES area (district_id, id)
      )`);
    await db.query(`CREATE INDEX area_cover_planungsraum_idx ON area_cover (planungsraum_id)`);
    await db.query(`
      CREATE FUNCTION area_cover_kinds() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM area WHERE id = NEW.area_id AND kind IN ('qm_area', 'aktionsraum')) THEN
          RAISE EXCEPTION 'area_cover: only a QM area or an Aktionsraum covers Planungsräume'
            USING ERRCODE = 'check_violation';
        END IF;
        IF NOT EXISTS (SELECT 1 FROM area WHERE id = NEW.planungsraum_id AND kind = 'planungsraum') THEN
          RAISE EXCEPTION 'area_cover: what is covered is a Planungsraum' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END;
      $$`);
    await db.query(`
      CREATE TRIGGER area_cover_kinds BEFORE INSERT OR UPDATE ON area_cover
      FOR EACH ROW EXECUTE FUNCTION area_cover_kinds()`);

    await db.query(`
      CREATE TABLE area_indicator (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_id uuid NOT NULL,
        area_id uuid NOT NULL,
        year integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
        indicator text NOT NULL CHECK (btrim(indicator) <> '' AND length(indicator) <= 300),
        value numeric(14, 4),
        class text CHECK (btrim(class) <> '' AND length(class) <= 300),
        unit text NOT NULL CHECK (length(unit) <= 300),
        source text NOT NULL CHECK (btrim(source) <> '' AND length(source) <= 300),
        sample boolean NOT NULL DEFAULT false,
        import_id uuid NOT NULL,
        import_file text NOT NULL CHECK (length(import_file) <= 300),
        imported_at timestamptz NOT NULL DEFAULT now(),
        imported_by uuid REFERENCES app_user (id),
        CONSTRAINT area_indicator_area_fk FOREIGN KEY (district_id, area_id) REFERENCES area (district_id, id),
        CONSTRAINT area_indicator_value_or_class CHECK (value IS NOT NULL OR class IS NOT NULL),
        CONSTRAINT area_indicator_unique UNIQUE (area_id, year, indicator)
      )`);
    await db.query(
      `CREATE INDEX area_indicator_district_idx ON area_indicator (district_id, indicator, year)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE area_indicator`);
    await db.query(`DROP TABLE area_cover`);
    await db.query(`DROP FUNCTION area_cover_kinds()`);
    await db.query(
      `ALTER TABLE area DROP CONSTRAINT area_code_unique, DROP CONSTRAINT area_code_format, DROP COLUMN code`,
    );
  }
}
