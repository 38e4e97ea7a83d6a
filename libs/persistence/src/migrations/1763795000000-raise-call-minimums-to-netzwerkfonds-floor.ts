import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Netzwerkfonds funds projects from 50 000 € (DOMAIN.md fund table; NETZWERKFONDS_MIN_AMOUNT
 * in libs/domain, of which the CHECK below is a frozen copy). Calls created before could name a
 * smaller minimum or none; they are raised to the floor, so an application below 50 000 € is
 * refused at submission like any other below its call's minimum. A maximum below the floor would
 * then contradict the minimum (call_amount_range_valid): it is raised to the floor too, the
 * nearest range that keeps the coordinator's cap. Decisions already taken are untouched: they
 * were made with the rules in force then. The floor becomes the column's default, NOT NULL and a
 * CHECK, so no write path can create a call below it.
 */
export class RaiseCallMinimumsToNetzwerkfondsFloor1763795000000 implements MigrationInterface {
  name = 'RaiseCallMinimumsToNetzwerkfondsFloor1763795000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`UPDATE call SET max_amount_cents = 5000000 WHERE max_amount_cents < 5000000`);
    await db.query(
      `UPDATE call SET min_amount_cents = 5000000 WHERE min_amount_cents IS NULL OR min_amount_cents < 5000000`,
    );
    await db.query(`
      ALTER TABLE call ALTER COLUMN min_amount_cents SET DEFAULT 5000000,
                       ALTER COLUMN min_amount_cents SET NOT NULL,
                       ADD CONSTRAINT call_min_amount_netzwerkfonds_floor CHECK (min_amount_cents >= 5000000)`);
  }

  /** The rule goes; the raised amounts stay, since nothing records which calls had none or less. */
  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE call DROP CONSTRAINT call_min_amount_netzwerkfonds_floor,
                       ALTER COLUMN min_amount_cents DROP NOT NULL,
                       ALTER COLUMN min_amount_cents DROP DEFAULT`);
  }
}
