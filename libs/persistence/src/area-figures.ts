import { randomUUID } from 'node:crypto';
import type { IndicatorRow, LorArea } from '@kiezfonds/domain';

type Db = { query(sql: string, params?: unknown[]): Promise<unknown> };

/**
 * Writes a district's part of the LOR grid as read by `parseLorCsv`: one set-based upsert keyed by
 * the LOR number, then the parents by number. An area named like a grid area of the same kind but
 * without a number (entered before the grid was imported) is adopted rather than doubled. The slug
 * of an imported area is `lor-<number>`, so the import routes and the demo seed converge.
 */
export async function saveLorAreas(db: Db, districtId: string, areas: readonly LorArea[]): Promise<number> {
  const rows = JSON.stringify(
    areas.map((a) => ({ kind: a.kind, code: a.code, name: a.name, parent_code: a.parentCode })),
  );
  await db.query(
    `UPDATE area a SET code = r.code
     FROM jsonb_to_recordset($2::jsonb) AS r(kind text, code text, name text)
     WHERE a.district_id = $1 AND a.code IS NULL AND a.kind = r.kind AND lower(a.name) = lower(r.name)
       AND NOT EXISTS (SELECT 1 FROM area o WHERE o.code = r.code)`,
    [districtId, rows],
  );
  const written = (await db.query(
    `INSERT INTO area (district_id, kind, name, slug, code)
     SELECT $1, r.kind, r.name, 'lor-' || r.code, r.code
     FROM jsonb_to_recordset($2::jsonb) AS r(kind text, code text, name text)
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name
       WHERE area.district_id = EXCLUDED.district_id AND area.name IS DISTINCT FROM EXCLUDED.name
     RETURNING id`,
    [districtId, rows],
  )) as unknown[];
  // A CTE, so the count comes back as a row: TypeORM answers a bare UPDATE with [rows, count].
  const [parented] = (await db.query(
    `WITH changed AS (
       UPDATE area c SET parent_id = p.id
       FROM jsonb_to_recordset($2::jsonb) AS r(code text, parent_code text)
       JOIN area p ON p.code = r.parent_code AND p.district_id = $1
       WHERE c.code = r.code AND c.district_id = $1 AND c.parent_id IS DISTINCT FROM p.id
       RETURNING c.id
     ) SELECT count(*)::int AS n FROM changed`,
    [districtId, rows],
  )) as { n: number }[];
  return written.length + parented!.n;
}

/**
 * One set-based upsert of an indicator table (STYLE.md, "Fast by construction"): a value already
 * held for the same area, year and indicator is replaced, so a corrected table can be imported
 * again. Returns how many rows were inserted or changed.
 */
export async function saveIndicators(
  db: Db,
  districtId: string,
  rows: readonly IndicatorRow[],
  meta: { importId?: string; fileName: string; actorId: string | null; sample: boolean },
): Promise<number> {
  const written = (await db.query(
    `INSERT INTO area_indicator (district_id, area_id, year, indicator, value, class, unit, source, sample,
                                 import_id, import_file, imported_by)
     SELECT $1, r.area_id, r.year, r.indicator, r.value::numeric, r.class, r.unit, r.source, $3, $4, $5, $6
     FROM jsonb_to_recordset($2::jsonb)
       AS r(area_id uuid, year int, indicator text, value text, class text, unit text, source text)
     ON CONFLICT (area_id, year, indicator) DO UPDATE SET
       value = EXCLUDED.value, class = EXCLUDED.class, unit = EXCLUDED.unit, source = EXCLUDED.source,
       sample = EXCLUDED.sample, import_id = EXCLUDED.import_id, import_file = EXCLUDED.import_file,
       imported_at = now(), imported_by = EXCLUDED.imported_by
       WHERE (area_indicator.value, area_indicator.class, area_indicator.unit, area_indicator.source,
              area_indicator.sample, area_indicator.import_file)
         IS DISTINCT FROM (EXCLUDED.value, EXCLUDED.class, EXCLUDED.unit, EXCLUDED.source, EXCLUDED.sample,
                           EXCLUDED.import_file)
         OR NOT EXCLUDED.sample
     RETURNING id`,
    [
      districtId,
      JSON.stringify(
        rows.map((r) => ({
          area_id: r.areaId,
          year: r.year,
          indicator: r.indicator,
          value: r.value,
          class: r.class,
          unit: r.unit,
          source: r.source,
        })),
      ),
      meta.sample,
      meta.importId ?? randomUUID(),
      meta.fileName,
      meta.actorId,
    ],
  )) as unknown[];
  return written.length;
}
