import type { MigrationInterface, QueryRunner } from 'typeorm';

const COUNTED_BEFORE = `
  SELECT b.vote_id, b.committee_member_id,
         CASE WHEN w.vote_id IS NULL THEN b.choice ELSE 'recused' END AS choice,
         b.choice AS cast_choice, b.cast_at, b.cast_by, w.withdrawn_at
    FROM committee_ballot b
    LEFT JOIN committee_ballot_withdrawal w
      ON w.vote_id = b.vote_id AND w.committee_member_id = b.committee_member_id`;

/**
 * A member may change their ballot in a written vote until it closes. Ballots stay append-only:
 * each change is a row of its own, numbered per ballot, and `committee_ballot_counted` (which
 * every tally, ballot view and the minutes read) counts the latest one; a withdrawal for a
 * conflict still turns it into a recusal. The view keeps its columns: `cast_choice` and `cast_at`
 * are now the latest choice and when it was made.
 */
export class AddBallotChanges1763783400000 implements MigrationInterface {
  name = 'AddBallotChanges1763783400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE committee_ballot_change (
        vote_id uuid NOT NULL,
        committee_member_id uuid NOT NULL,
        seq integer NOT NULL CHECK (seq > 0),
        choice text NOT NULL CHECK (choice IN ('yes', 'no', 'abstain')),
        changed_at timestamptz NOT NULL DEFAULT now(),
        changed_by uuid NOT NULL REFERENCES app_user (id),
        PRIMARY KEY (vote_id, committee_member_id, seq),
        FOREIGN KEY (vote_id, committee_member_id) REFERENCES committee_ballot (vote_id, committee_member_id)
      )`);
    await db.query(`
      CREATE TRIGGER committee_ballot_change_append_only BEFORE UPDATE OR DELETE ON committee_ballot_change
      FOR EACH ROW EXECUTE FUNCTION forbid_mutation()`);
    await db.query(`
      CREATE OR REPLACE VIEW committee_ballot_counted AS
        SELECT b.vote_id, b.committee_member_id,
               CASE WHEN w.vote_id IS NULL THEN coalesce(c.choice, b.choice) ELSE 'recused' END AS choice,
               coalesce(c.choice, b.choice) AS cast_choice, coalesce(c.changed_at, b.cast_at) AS cast_at,
               coalesce(c.changed_by, b.cast_by) AS cast_by, w.withdrawn_at
          FROM committee_ballot b
          LEFT JOIN LATERAL (
            SELECT choice, changed_at, changed_by FROM committee_ballot_change ch
             WHERE ch.vote_id = b.vote_id AND ch.committee_member_id = b.committee_member_id
             ORDER BY ch.seq DESC LIMIT 1) c ON true
          LEFT JOIN committee_ballot_withdrawal w
            ON w.vote_id = b.vote_id AND w.committee_member_id = b.committee_member_id`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`CREATE OR REPLACE VIEW committee_ballot_counted AS ${COUNTED_BEFORE}`);
    await db.query(`DROP TABLE committee_ballot_change`);
  }
}
