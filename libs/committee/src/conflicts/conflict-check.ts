import type { DataSource, EntityManager } from 'typeorm';

/**
 * The committee members (committee_member ids) with a declared, not withdrawn conflict of
 * interest on an application: declared for the application itself, or standing for its carrier.
 * They may not vote on it and do not see the confidential notes of its reviews.
 */
export async function conflictedMemberIds(
  db: DataSource | EntityManager,
  applicationId: string,
): Promise<Set<string>> {
  const rows = (await db.query(
    `SELECT DISTINCT ci.committee_member_id
       FROM conflict_of_interest ci
       JOIN application a ON a.id = $1
      WHERE ci.withdrawn_at IS NULL
        AND (ci.application_id = a.id OR ci.organisation_id = a.organisation_id)`,
    [applicationId],
  )) as { committee_member_id: string }[];
  return new Set(rows.map((row) => row.committee_member_id));
}
