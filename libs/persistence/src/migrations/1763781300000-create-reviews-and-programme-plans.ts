import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reviews and programme planning (issue 7):
 * - a call names the committee that reviews it and the review deadline, and carries its own
 *   scoring criteria;
 * - a Votum is one department's professional opinion on one application: recommendation, scores
 *   on the call's criteria and a comment, plus a confidential note that conflicted members never
 *   see. One per department and application, revisable until the review deadline (every
 *   revision is audited with what it replaced);
 * - a programme plan per call holds the coordinator's adjustments to the computed ranking
 *   (amounts with a reason, places given by the committee) and what-if scenarios; finalising it
 *   keeps the list as it was decided;
 * - sessions record when the invitations went out and when the minutes were published, and the
 *   attendance records a substitute with the member they stand in for.
 */
export class CreateReviewsAndProgrammePlans1763781300000 implements MigrationInterface {
  name = 'CreateReviewsAndProgrammePlans1763781300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE committee ADD CONSTRAINT committee_district_id_unique UNIQUE (district_id, id)`,
    );
    await db.query(`
      ALTER TABLE call
        ADD COLUMN committee_id uuid,
        ADD COLUMN review_deadline timestamptz,
        ADD CONSTRAINT call_committee_same_district_fk
          FOREIGN KEY (district_id, committee_id) REFERENCES committee (district_id, id)`);

    await db.query(`
      CREATE TABLE call_review_criterion (
        call_id uuid NOT NULL REFERENCES call (id) ON DELETE CASCADE,
        key text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,39}$'),
        label text NOT NULL CHECK (btrim(label) <> ''),
        weight integer NOT NULL CHECK (weight >= 1),
        max_score integer NOT NULL CHECK (max_score >= 1),
        position integer NOT NULL CHECK (position > 0),
        PRIMARY KEY (call_id, key),
        CONSTRAINT call_review_criterion_position_unique UNIQUE (call_id, position)
      )`);

    await db.query(`
      CREATE TABLE votum (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES application (id),
        committee_member_id uuid NOT NULL REFERENCES committee_member (id),
        department text NOT NULL CHECK (btrim(department) <> ''),
        recommendation text NOT NULL
          CHECK (recommendation IN ('support', 'support_with_conditions', 'do_not_support')),
        conditions text NOT NULL DEFAULT '',
        scores jsonb NOT NULL DEFAULT '{}'::jsonb,
        -- The weighted score as a share of full marks in hundredths of a percent (libs/domain votum.ts).
        score integer CHECK (score BETWEEN 0 AND 10000),
        comment text NOT NULL CHECK (btrim(comment) <> ''),
        confidential_note text NOT NULL DEFAULT '',
        submitted_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT votum_conditions_given
          CHECK (recommendation <> 'support_with_conditions' OR btrim(conditions) <> ''),
        CONSTRAINT votum_one_per_department UNIQUE (application_id, department)
      )`);
    await db.query(`CREATE INDEX votum_member_idx ON votum (committee_member_id)`);

    await db.query(`
      CREATE TABLE programme_plan (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid NOT NULL REFERENCES app_user (id),
        call_id uuid NOT NULL UNIQUE REFERENCES call (id),
        budget_cents bigint NOT NULL CHECK (budget_cents >= 0),
        fill_rule text NOT NULL DEFAULT 'skip_over' CHECK (fill_rule IN ('skip_over', 'stop_at_first_misfit')),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),
        version integer NOT NULL DEFAULT 1,
        finalised_at timestamptz,
        finalised_by uuid REFERENCES app_user (id),
        -- The ranked list as it was decided, so exports after finalising never change.
        final_list jsonb,
        CONSTRAINT programme_plan_final_complete
          CHECK (status <> 'final' OR (finalised_at IS NOT NULL AND finalised_by IS NOT NULL AND final_list IS NOT NULL))
      )`);

    await db.query(`
      CREATE TABLE programme_plan_line (
        plan_id uuid NOT NULL REFERENCES programme_plan (id) ON DELETE CASCADE,
        application_id uuid NOT NULL REFERENCES application (id),
        amount_cents bigint CHECK (amount_cents > 0),
        amount_reason text,
        manual_rank integer CHECK (manual_rank > 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid NOT NULL REFERENCES app_user (id),
        PRIMARY KEY (plan_id, application_id),
        CONSTRAINT programme_plan_line_reason_given
          CHECK (amount_cents IS NULL OR btrim(coalesce(amount_reason, '')) <> ''),
        CONSTRAINT programme_plan_line_rank_unique UNIQUE (plan_id, manual_rank)
      )`);

    await db.query(`
      CREATE TABLE programme_scenario (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES programme_plan (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid NOT NULL REFERENCES app_user (id),
        label text NOT NULL CHECK (btrim(label) <> ''),
        budget_cents bigint CHECK (budget_cents >= 0),
        fill_rule text CHECK (fill_rule IN ('skip_over', 'stop_at_first_misfit')),
        amounts jsonb NOT NULL DEFAULT '[]'::jsonb,
        application_order jsonb,
        CONSTRAINT programme_scenario_label_unique UNIQUE (plan_id, label)
      )`);

    await db.query(`
      ALTER TABLE committee_session
        ADD COLUMN invited_at timestamptz,
        ADD COLUMN minutes_published_at timestamptz,
        ADD COLUMN minutes_published_by uuid REFERENCES app_user (id)`);
    await db.query(`
      ALTER TABLE session_attendance
        ADD COLUMN substitute_for_id uuid REFERENCES committee_member (id),
        ADD CONSTRAINT session_attendance_not_own_substitute CHECK (substitute_for_id <> committee_member_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE session_attendance DROP CONSTRAINT session_attendance_not_own_substitute,
        DROP COLUMN substitute_for_id`);
    await db.query(`
      ALTER TABLE committee_session DROP COLUMN minutes_published_by, DROP COLUMN minutes_published_at,
        DROP COLUMN invited_at`);
    await db.query(`DROP TABLE programme_scenario`);
    await db.query(`DROP TABLE programme_plan_line`);
    await db.query(`DROP TABLE programme_plan`);
    await db.query(`DROP TABLE votum`);
    await db.query(`DROP TABLE call_review_criterion`);
    await db.query(`
      ALTER TABLE call DROP CONSTRAINT call_committee_same_district_fk, DROP COLUMN review_deadline,
        DROP COLUMN committee_id`);
    await db.query(`ALTER TABLE committee DROP CONSTRAINT committee_district_id_unique`);
  }
}
