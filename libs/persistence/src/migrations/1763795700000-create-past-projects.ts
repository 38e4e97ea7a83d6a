import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Projects of earlier years, imported from a file (issue 21, item 4; docs/api/past-projects.md).
 *
 * A table of their own rather than `tracked_project`: they may be of any of the four funds
 * (`tracked_project` holds only the three tracked ones and needs a fund row of the district, which a
 * year before the system need not have), and they are never booked. The double-funding check and
 * the five-year chain read them beside `tracked_project` and `application`.
 *
 * `predecessor_id` links a year to the one it continues (same carrier). `source_sha256` is the
 * file's hash; with `source_row` it keeps the same file from being imported twice.
 */
export class CreatePastProjects1763795700000 implements MigrationInterface {
  name = 'CreatePastProjects1763795700000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE past_project (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        district_id uuid NOT NULL REFERENCES district (id),
        fund_kind text NOT NULL CHECK (fund_kind IN ('netzwerkfonds', 'aktionsfonds', 'projektfonds', 'baufonds')),
        programme_year integer NOT NULL CHECK (programme_year BETWEEN 1990 AND 2100),
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        title text NOT NULL CHECK (btrim(title) <> ''),
        area_id uuid NOT NULL,
        period_start date NOT NULL,
        period_end date NOT NULL,
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        predecessor_id uuid REFERENCES past_project (id),
        source_file text NOT NULL,
        source_row integer NOT NULL CHECK (source_row >= 2),
        source_sha256 text NOT NULL CHECK (source_sha256 ~ '^[0-9a-f]{64}$'),
        imported_by uuid REFERENCES app_user (id),
        CONSTRAINT past_project_area_same_district_fk FOREIGN KEY (district_id, area_id)
          REFERENCES area (district_id, id),
        CONSTRAINT past_project_period_valid CHECK (period_end >= period_start),
        CONSTRAINT past_project_source_unique UNIQUE (district_id, source_sha256, source_row)
      )`);
    // For the double-funding check: a carrier's projects by period.
    await db.query(
      `CREATE INDEX past_project_organisation_period_idx ON past_project (organisation_id, period_start, period_end)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE past_project`);
  }
}
