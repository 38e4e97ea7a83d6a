import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The committee's record (issue 7), first part: declared conflicts of interest, and votes with
 * their ballots. A vote is taken in writing (Umlaufverfahren) until a deadline; roll-call votes in
 * sessions will use the same tables. Ballots are append-only: a vote cast is never changed, and
 * a recusal is a ballot of its own, so every one is on record.
 *
 * A written vote is closed exactly once: `closed_at` is set by a conditional UPDATE (… WHERE
 * closed_at IS NULL), so two workers sweeping at the same moment cannot both record a result.
 */
export class CreateConflictsAndWrittenVotes1763781100000 implements MigrationInterface {
  name = 'CreateConflictsAndWrittenVotes1763781100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE conflict_of_interest (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        committee_member_id uuid NOT NULL REFERENCES committee_member (id),
        -- A standing declaration (e.g. a board seat at a carrier) covers all its applications.
        organisation_id uuid REFERENCES organisation (id),
        application_id uuid REFERENCES application (id),
        reason text NOT NULL CHECK (btrim(reason) <> ''),
        declared_by uuid NOT NULL REFERENCES app_user (id),
        withdrawn_at timestamptz,
        withdrawn_by uuid REFERENCES app_user (id),
        CONSTRAINT conflict_of_interest_one_subject CHECK (num_nonnulls(organisation_id, application_id) = 1),
        CONSTRAINT conflict_of_interest_withdrawal_complete
          CHECK ((withdrawn_at IS NULL) = (withdrawn_by IS NULL))
      )`);
    await db.query(
      `CREATE INDEX conflict_of_interest_member_idx ON conflict_of_interest (committee_member_id) WHERE withdrawn_at IS NULL`,
    );

    await db.query(`
      CREATE TABLE committee_vote (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        committee_id uuid NOT NULL REFERENCES committee (id),
        application_id uuid NOT NULL REFERENCES application (id),
        procedure text NOT NULL CHECK (procedure IN ('written', 'roll_call')),
        motion text NOT NULL CHECK (btrim(motion) <> ''),
        opened_at timestamptz NOT NULL DEFAULT now(),
        opened_by uuid NOT NULL REFERENCES app_user (id),
        deadline timestamptz,
        closed_at timestamptz,
        closed_because text CHECK (closed_because IN ('all_voted', 'deadline_passed', 'closed_in_session')),
        outcome text CHECK (outcome IN ('adopted', 'rejected', 'no_quorum')),
        tally jsonb,
        CONSTRAINT committee_vote_written_has_deadline CHECK (procedure <> 'written' OR deadline IS NOT NULL),
        CONSTRAINT committee_vote_closed_complete
          CHECK ((closed_at IS NULL) = (outcome IS NULL) AND (closed_at IS NULL) = (closed_because IS NULL))
      )`);
    // One open vote per application at a time: two would contradict each other.
    await db.query(
      `CREATE UNIQUE INDEX committee_vote_one_open ON committee_vote (application_id) WHERE closed_at IS NULL`,
    );
    await db.query(
      `CREATE INDEX committee_vote_due_idx ON committee_vote (deadline) WHERE closed_at IS NULL AND procedure = 'written'`,
    );

    await db.query(`
      CREATE TABLE committee_ballot (
        vote_id uuid NOT NULL REFERENCES committee_vote (id),
        committee_member_id uuid NOT NULL REFERENCES committee_member (id),
        choice text NOT NULL CHECK (choice IN ('yes', 'no', 'abstain', 'recused')),
        cast_at timestamptz NOT NULL DEFAULT now(),
        cast_by uuid NOT NULL REFERENCES app_user (id),
        PRIMARY KEY (vote_id, committee_member_id)
      )`);
    await db.query(`
      CREATE TRIGGER committee_ballot_append_only BEFORE UPDATE OR DELETE ON committee_ballot
      FOR EACH ROW EXECUTE FUNCTION forbid_mutation()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE committee_ballot`);
    await db.query(`DROP TABLE committee_vote`);
    await db.query(`DROP TABLE conflict_of_interest`);
  }
}
