import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A minimal application (Antrag): which carrier applies in which call, under what title, and
 * where it stands in the lifecycle. The reminder sweep needs this much (drafts in a call whose
 * deadline nears); the lifecycle issue extends the table with the outline, plans and snapshots.
 *
 * `state` lists every lifecycle state (ARCHITECTURE.md), copied rather than imported: a migration
 * is a frozen snapshot. `version` is for optimistic locking of lifecycle commands.
 */
export class CreateApplication1763780300000 implements MigrationInterface {
  name = 'CreateApplication1763780300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE application (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL REFERENCES call (id),
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        title text NOT NULL CHECK (btrim(title) <> ''),
        state text NOT NULL DEFAULT 'draft' CHECK (state IN (
          'draft', 'submitted', 'changes_requested', 'in_review', 'in_planning', 'selected',
          'waitlisted', 'rejected', 'approved', 'in_implementation', 'final_report_submitted',
          'completed', 'withdrawn', 'revoked'
        )),
        version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        submitted_at timestamptz
      )`);
    // Lists per call and state (the sweep's drafts, a coordinator's inbox).
    await db.query(`CREATE INDEX application_call_state_idx ON application (call_id, state)`);
    // A carrier's own applications.
    await db.query(`CREATE INDEX application_organisation_idx ON application (organisation_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE application`);
  }
}
