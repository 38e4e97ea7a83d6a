import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The base rates (Basiszinssatz, § 247 BGB) the Bundesbank published from 1 January 2023 on, in
 * basis points: repayment interest of claims from these years can be computed without anyone
 * typing the table in first. Later rates are added by administrators in the app. A frozen copy,
 * as every value in a migration; rows already present (typed in before) are left alone.
 */
const PUBLISHED = [
  ['2023-01-01', 162],
  ['2023-07-01', 312],
  ['2024-01-01', 362],
  ['2024-07-01', 337],
  ['2025-01-01', 227],
  ['2025-07-01', 127],
] as const;

export class SeedPublishedBaseRates1763790200000 implements MigrationInterface {
  name = 'SeedPublishedBaseRates1763790200000';

  async up(db: QueryRunner): Promise<void> {
    for (const [validFrom, rate] of PUBLISHED) {
      await db.query(
        `INSERT INTO base_rate (valid_from, rate_basis_points) VALUES ($1, $2) ON CONFLICT (valid_from) DO NOTHING`,
        [validFrom, rate],
      );
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const [validFrom, rate] of PUBLISHED) {
      await db.query(`DELETE FROM base_rate WHERE valid_from = $1 AND rate_basis_points = $2`, [
        validFrom,
        rate,
      ]);
    }
  }
}
