import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reference data every workflow hangs on: districts with their areas and action fields, the
 * Berlin-wide carrier organisations, users with their per-district roles, the committees that
 * decide, and the calls carriers apply to.
 *
 * Beyond the plain keys, a few constraints keep one district's data out of another's
 * (ARCHITECTURE.md, "Districts"): an area's parent, a call's areas and action fields, and a
 * committee member's substitute must all belong to the same district or committee. Overlapping
 * membership periods of one person in one committee are rejected, because they would count that
 * person twice towards quorum and majority.
 *
 * The value lists in the CHECKs are copied, not imported, from the entities on purpose: a
 * migration is a frozen snapshot and must not change when the code does.
 */
export class CreateDistrictsOrganisationsUsersCommitteesCalls1763780100000 implements MigrationInterface {
  name = 'CreateDistrictsOrganisationsUsersCommitteesCalls1763780100000';

  async up(db: QueryRunner): Promise<void> {
    // For the exclusion constraint on membership periods (uuid equality inside a GiST index).
    // btree_gist is a trusted extension since PostgreSQL 13, so the database owner may create it.
    await db.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);

    await db.query(`
      CREATE TABLE district (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        slug text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        name text NOT NULL CHECK (btrim(name) <> ''),
        CONSTRAINT district_slug_unique UNIQUE (slug)
      )`);

    await db.query(`
      CREATE TABLE area (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        district_id uuid NOT NULL REFERENCES district (id),
        parent_id uuid,
        kind text NOT NULL
          CHECK (kind IN ('prognoseraum', 'bezirksregion', 'planungsraum', 'qm_area', 'aktionsraum')),
        name text NOT NULL CHECK (btrim(name) <> ''),
        slug text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        CONSTRAINT area_slug_unique UNIQUE (district_id, slug),
        CONSTRAINT area_district_id_unique UNIQUE (district_id, id),
        CONSTRAINT area_parent_same_district_fk FOREIGN KEY (district_id, parent_id) REFERENCES area (district_id, id),
        CONSTRAINT area_not_own_parent CHECK (parent_id <> id)
      )`);
    await db.query(`CREATE INDEX area_parent_idx ON area (parent_id)`);

    await db.query(`
      CREATE TABLE action_field (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        district_id uuid NOT NULL REFERENCES district (id),
        name text NOT NULL CHECK (btrim(name) <> ''),
        slug text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        CONSTRAINT action_field_slug_unique UNIQUE (district_id, slug),
        CONSTRAINT action_field_name_unique UNIQUE (district_id, name)
      )`);

    // Carriers are Berlin-wide: they may apply in any district, so they carry no district_id.
    await db.query(`
      CREATE TABLE organisation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        name text NOT NULL CHECK (btrim(name) <> ''),
        legal_form text NOT NULL CHECK (btrim(legal_form) <> ''),
        street text NOT NULL,
        postal_code text NOT NULL CHECK (postal_code ~ '^[0-9]{5}$'),
        city text NOT NULL DEFAULT 'Berlin',
        finance_registration_number text,
        vat_deductible boolean NOT NULL DEFAULT false,
        iban text CHECK (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
        verified_at timestamptz,
        CONSTRAINT organisation_name_unique UNIQUE (name)
      )`);

    // "user" is a reserved word in SQL, hence app_user.
    await db.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        email text NOT NULL CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
        display_name text NOT NULL,
        language text NOT NULL DEFAULT 'de' CHECK (language IN ('de', 'en')),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('invited', 'active', 'disabled', 'pseudonymised')),
        password_hash text
      )`);
    // Addresses are compared case-insensitively: Anna.Schulz@… and anna.schulz@… are one person.
    await db.query(`CREATE UNIQUE INDEX app_user_email_unique ON app_user (lower(email))`);

    await db.query(`
      CREATE TABLE organisation_member (
        organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        is_admin boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, user_id)
      )`);
    await db.query(`CREATE INDEX organisation_member_user_idx ON organisation_member (user_id)`);

    // Every role except carrier (which comes from organisation_member) is held for one district.
    await db.query(`
      CREATE TABLE role_assignment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        user_id uuid NOT NULL REFERENCES app_user (id),
        role text NOT NULL CHECK (role IN ('admin', 'coordinator', 'finance', 'board_member')),
        district_id uuid NOT NULL REFERENCES district (id),
        CONSTRAINT role_assignment_unique UNIQUE (user_id, role, district_id)
      )`);
    await db.query(`CREATE INDEX role_assignment_district_idx ON role_assignment (district_id, role)`);

    await db.query(`
      CREATE TABLE committee (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        district_id uuid NOT NULL REFERENCES district (id),
        name text NOT NULL CHECK (btrim(name) <> ''),
        short_name text NOT NULL CHECK (btrim(short_name) <> ''),
        quorum_numerator integer NOT NULL,
        quorum_denominator integer NOT NULL,
        majority text NOT NULL CHECK (majority IN ('simple', 'two_thirds')),
        abstentions_count_as_cast boolean NOT NULL DEFAULT false,
        CONSTRAINT committee_quorum_is_a_share CHECK (quorum_numerator > 0 AND quorum_numerator <= quorum_denominator),
        CONSTRAINT committee_name_unique UNIQUE (district_id, name)
      )`);

    await db.query(`
      CREATE TABLE committee_member (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        committee_id uuid NOT NULL REFERENCES committee (id),
        user_id uuid NOT NULL REFERENCES app_user (id),
        department text NOT NULL CHECK (btrim(department) <> ''),
        voting boolean NOT NULL,
        substitute_for_id uuid,
        valid_from date NOT NULL,
        -- The last day of membership (inclusive); NULL while the membership lasts.
        valid_to date,
        CONSTRAINT committee_member_period_valid CHECK (valid_to IS NULL OR valid_to >= valid_from),
        CONSTRAINT committee_member_unique UNIQUE (committee_id, user_id, valid_from),
        CONSTRAINT committee_member_committee_id_unique UNIQUE (committee_id, id),
        CONSTRAINT committee_member_substitute_same_committee_fk
          FOREIGN KEY (committee_id, substitute_for_id) REFERENCES committee_member (committee_id, id),
        CONSTRAINT committee_member_not_own_substitute CHECK (substitute_for_id <> id),
        CONSTRAINT committee_member_no_overlapping_periods EXCLUDE USING gist (
          committee_id WITH =,
          user_id WITH =,
          daterange(valid_from, valid_to, '[]') WITH &&
        )
      )`);
    await db.query(`CREATE INDEX committee_member_user_idx ON committee_member (user_id)`);

    await db.query(`
      CREATE TABLE call (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        district_id uuid NOT NULL REFERENCES district (id),
        fund_kind text NOT NULL CHECK (fund_kind IN ('netzwerkfonds')),
        programme_year integer NOT NULL CHECK (programme_year BETWEEN 2000 AND 2100),
        title text NOT NULL CHECK (btrim(title) <> ''),
        description text NOT NULL DEFAULT '',
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
        expected_budget_cents bigint NOT NULL CHECK (expected_budget_cents >= 0),
        submission_deadline timestamptz NOT NULL,
        min_amount_cents bigint CHECK (min_amount_cents >= 0),
        max_amount_cents bigint CHECK (max_amount_cents > 0),
        CONSTRAINT call_amount_range_valid CHECK (min_amount_cents <= max_amount_cents),
        CONSTRAINT call_title_unique UNIQUE (district_id, fund_kind, programme_year, title)
      )`);

    await db.query(`
      CREATE TABLE call_action_field (
        call_id uuid NOT NULL REFERENCES call (id) ON DELETE CASCADE,
        action_field_id uuid NOT NULL REFERENCES action_field (id),
        PRIMARY KEY (call_id, action_field_id)
      )`);
    await db.query(`
      CREATE TABLE call_area (
        call_id uuid NOT NULL REFERENCES call (id) ON DELETE CASCADE,
        area_id uuid NOT NULL REFERENCES area (id),
        PRIMARY KEY (call_id, area_id)
      )`);

    // A call may only cover its own district's areas and action fields. The link tables carry no
    // district_id a composite key could use, so a trigger checks it.
    await db.query(`
      CREATE FUNCTION call_link_same_district() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        call_district uuid;
        target_district uuid;
      BEGIN
        SELECT district_id INTO call_district FROM call WHERE id = NEW.call_id;
        IF TG_TABLE_NAME = 'call_area' THEN
          SELECT district_id INTO target_district FROM area WHERE id = NEW.area_id;
        ELSE
          SELECT district_id INTO target_district FROM action_field WHERE id = NEW.action_field_id;
        END IF;
        IF call_district IS DISTINCT FROM target_district THEN
          RAISE EXCEPTION '%: the call and the linked row belong to different districts', TG_TABLE_NAME
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END;
      $$`);
    await db.query(`
      CREATE TRIGGER call_area_same_district BEFORE INSERT OR UPDATE ON call_area
      FOR EACH ROW EXECUTE FUNCTION call_link_same_district()`);
    await db.query(`
      CREATE TRIGGER call_action_field_same_district BEFORE INSERT OR UPDATE ON call_action_field
      FOR EACH ROW EXECUTE FUNCTION call_link_same_district()`);
    // The links above were checked against the call's district; it must not move afterwards.
    await db.query(`
      CREATE FUNCTION forbid_district_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '%.district_id cannot change', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
      END;
      $$`);
    for (const table of ['call', 'area', 'action_field']) {
      await db.query(`
        CREATE TRIGGER ${table}_district_fixed BEFORE UPDATE OF district_id ON ${table}
        FOR EACH ROW WHEN (OLD.district_id IS DISTINCT FROM NEW.district_id)
        EXECUTE FUNCTION forbid_district_change()`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE call_area`);
    await db.query(`DROP TABLE call_action_field`);
    await db.query(`DROP TABLE call`);
    await db.query(`DROP FUNCTION call_link_same_district()`);
    await db.query(`DROP TABLE committee_member`);
    await db.query(`DROP TABLE committee`);
    await db.query(`DROP TABLE role_assignment`);
    await db.query(`DROP TABLE organisation_member`);
    await db.query(`DROP TABLE app_user`);
    await db.query(`DROP TABLE organisation`);
    await db.query(`DROP TABLE action_field`);
    await db.query(`DROP TABLE area`);
    await db.query(`DROP TABLE district`);
    await db.query(`DROP FUNCTION forbid_district_change()`);
    // btree_gist stays: it may have existed before `up`, and other objects may use it by now.
  }
}
