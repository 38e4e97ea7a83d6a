import { type ErrorDetail, type PredecessorCandidate, predecessorProblem } from '@kiezfonds/domain';
import type { Db } from '../scope/application-scope';

/** A project the application may name as the one it continues (`content.predecessorId`). */
export interface PredecessorOption {
  id: string;
  /** An application in the system, or a project of an earlier year imported from a file. */
  kind: 'application' | 'imported';
  /** The application's reference; null for an imported project. */
  reference: string | null;
  title: string;
  fundKind: string | null;
  programmeYear: number;
  periodStart: string | null;
  periodEnd: string | null;
}

interface Applicant {
  id: string;
  organisationId: string;
  districtId: string;
}

/**
 * What the carrier may choose as the predecessor, newest first: its funded applications (any
 * district, as the chain has always allowed) and the projects of earlier years imported in the
 * application's district. The one already chosen is listed too, funded or not, so a form shows it.
 */
export async function predecessorOptions(
  db: Db,
  application: Applicant,
  chosenId: string | null,
): Promise<PredecessorOption[]> {
  const rows = (await db.query(
    `SELECT id, kind, reference, title, fund_kind, programme_year, period_start, period_end FROM (
       SELECT a.id, 'application' AS kind, a.reference, a.title, NULL::text AS fund_kind,
              c.programme_year, a.period_start::text AS period_start, a.period_end::text AS period_end
       FROM application a JOIN call c ON c.id = a.call_id
       WHERE a.organisation_id = $2 AND a.id <> $1
         AND (a.approved_at IS NOT NULL OR a.id = $4::uuid)
       UNION ALL
       SELECT p.id, 'imported', NULL, p.title, p.fund_kind, p.programme_year,
              p.period_start::text, p.period_end::text
       FROM past_project p
       WHERE p.organisation_id = $2 AND p.district_id = $3
     ) o
     ORDER BY programme_year DESC, period_start DESC NULLS LAST, title, id
     LIMIT 500`,
    [application.id, application.organisationId, application.districtId, chosenId],
  )) as {
    id: string;
    kind: 'application' | 'imported';
    reference: string | null;
    title: string;
    fund_kind: string | null;
    programme_year: number;
    period_start: string | null;
    period_end: string | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    reference: r.reference,
    title: r.title,
    fundKind: r.fund_kind,
    programmeYear: r.programme_year,
    periodStart: r.period_start,
    periodEnd: r.period_end,
  }));
}

/** Why `predecessorId` may not be named by the application, or null (the rule is in the domain). */
export async function predecessorIdProblem(
  db: Db,
  application: Applicant,
  predecessorId: string,
): Promise<ErrorDetail | null> {
  const [candidate] = (await db.query(
    `SELECT a.id, 'application' AS kind, a.organisation_id AS "organisationId", c.district_id AS "districtId"
     FROM application a JOIN call c ON c.id = a.call_id WHERE a.id = $1
     UNION ALL
     SELECT p.id, 'imported', p.organisation_id, p.district_id FROM past_project p WHERE p.id = $1`,
    [predecessorId],
  )) as PredecessorCandidate[];
  return predecessorProblem(application, candidate ?? null);
}
