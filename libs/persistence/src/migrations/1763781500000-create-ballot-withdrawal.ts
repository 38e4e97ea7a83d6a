import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A member who declares a conflict of interest after voting on an item that is still open has
 * that ballot withdrawn: it then counts as a recusal. Ballots stay append-only, so the withdrawal
 * is a row of its own (append-only too), and `committee_ballot_counted` is what every tally,
 * ballot view and the minutes read: the choice that counts, beside the choice once cast.
 */
export class CreateBallotWithdrawal1763781500000 implements MigrationInterface {
  name = 'CreateBallotWithdrawal1763781500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE committee_ballot_withdrawal (
        vote_id uuid NOT NULL,
        committee_member_id uuid NOT NULL,
        withdrawn_at timestamptz NOT NULL DEFAULT now(),
        withdrawn_by uuid NOT NULL REFERENCES app_user (id),
        PRIMARY KEY (vote_id, committee_member_id),
        FOREIGN KEY (vote_id, committee_member_id) REFERENCES committee_ballot (vote_id, committee_member_id)
      )`);
    await db.query(`
      CREATE TRIGGER committee_ballot_withdrawal_append_only BEFORE UPDATE OR DELETE ON committee_ballot_withdrawal
      FOR EACH ROW EXECUTE FUNCTION forbid_mutation()`);
    await db.query(`
      CREATE VIEW committee_ballot_counted AS
        SELECT b.vote_id, b.committee_member_id,
               CASE WHEN w.vote_id IS NULL THEN b.choice ELSE 'recused' END AS choice,
               b.choice AS cast_choice, b.cast_at, b.cast_by, w.withdrawn_at
          FROM committee_ballot b
          LEFT JOIN committee_ballot_withdrawal w
            ON w.vote_id = b.vote_id AND w.committee_member_id = b.committee_member_id`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP VIEW committee_ballot_counted`);
    await db.query(`DROP TABLE committee_ballot_withdrawal`);
  }
}
