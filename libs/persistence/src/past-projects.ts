import type { PastProjectRow } from '@kiezfonds/domain';

type Db = { query(sql: string, params?: unknown[]): Promise<unknown> };

/**
 * Stores one project of an earlier year as read by `parsePastProjects`, with the file it came
 * from (name, SHA-256, row): the import route and the demo seed write the same columns.
 */
export async function insertPastProject(
  db: Db,
  districtId: string,
  row: PastProjectRow,
  source: { fileName: string; sha256: string; predecessorId: string | null; importedBy: string | null },
): Promise<string> {
  const [saved] = (await db.query(
    `INSERT INTO past_project (district_id, fund_kind, programme_year, organisation_id, title, area_id,
       period_start, period_end, amount_cents, predecessor_id, source_file, source_row, source_sha256, imported_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
    [
      districtId,
      row.fundKind,
      row.programmeYear,
      row.organisationId,
      row.title,
      row.areaId,
      row.periodStart,
      row.periodEnd,
      row.amountCents.toString(),
      source.predecessorId,
      source.fileName,
      row.row,
      source.sha256,
      source.importedBy,
    ],
  )) as { id: string }[];
  return saved!.id;
}
