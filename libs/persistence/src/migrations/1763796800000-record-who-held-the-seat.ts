import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A ballot names the seat it counts for (`committee_member_id`) and now also the membership of
 * the person who held the seat and cast it (`held_by_member_id`): the member, or the substitute in
 * the room for an absent member. Whose ballot it was is personal data of the person who cast it
 * (the personal data export), not of the absent member whose seat it filled. Ballots of a session
 * before this change take the substitute recorded present for the seat, else the member.
 */
export class RecordWhoHeldTheSeat1763796800000 implements MigrationInterface {
  name = 'RecordWhoHeldTheSeat1763796800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE committee_ballot ADD COLUMN held_by_member_id uuid REFERENCES committee_member (id)`,
    );
    await db.query(`ALTER TABLE committee_ballot DISABLE TRIGGER committee_ballot_append_only`);
    await db.query(`
      UPDATE committee_ballot b SET held_by_member_id = coalesce(
        (SELECT sa.committee_member_id FROM committee_vote v
           JOIN session_attendance sa ON sa.session_id = v.session_id
          WHERE v.id = b.vote_id AND sa.substitute_for_id = b.committee_member_id AND sa.present
          ORDER BY sa.committee_member_id LIMIT 1),
        b.committee_member_id)`);
    await db.query(`ALTER TABLE committee_ballot ENABLE TRIGGER committee_ballot_append_only`);
    await db.query(`ALTER TABLE committee_ballot ALTER COLUMN held_by_member_id SET NOT NULL`);
    await db.query(`CREATE INDEX committee_ballot_held_by_idx ON committee_ballot (held_by_member_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE committee_ballot DROP COLUMN held_by_member_id`);
  }
}
