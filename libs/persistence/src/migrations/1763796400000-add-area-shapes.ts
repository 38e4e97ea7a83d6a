import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outline of an area from imported GeoJSON, for the map on the areas page (issue 21, item 2;
 * docs/api/areas.md). Stored as the polygons' rings of [longitude, latitude] (jsonb) rather than
 * PostGIS: the map only draws them, nothing is computed on them. `shape_sample` marks the demo's
 * made-up shapes, which the page labels as such.
 */
export class AddAreaShapes1763796400000 implements MigrationInterface {
  name = 'AddAreaShapes1763796400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE area
        ADD COLUMN shape jsonb CHECK (shape IS NULL OR jsonb_typeof(shape) = 'array'),
        ADD COLUMN shape_sample boolean NOT NULL DEFAULT false`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE area DROP COLUMN shape, DROP COLUMN shape_sample`);
  }
}
