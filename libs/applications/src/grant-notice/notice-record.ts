import type { Db } from '../scope/application-scope';

/**
 * The committee's decision a grant notice rests on, as the notice cites it (TRUST.md: "a notice
 * cites the session or written vote"). Stored on `grant_notice.decision` at issue and printed from
 * there: a session renamed or a committee renamed later does not change an issued notice.
 */
export interface NoticeDecision {
  /** The committee vote (`committee_vote.id`): the decision's id. */
  voteId: string;
  /** `written`: Umlaufverfahren; `roll_call`: in a session. */
  procedure: 'written' | 'roll_call';
  /** The day the vote closed (Berlin), ISO. */
  decidedOn: string;
  committee: string;
  session: { id: string; title: string; date: string } | null;
  /** The call's finalised programme plan, the list the district sent to the Senate. */
  programmePlan: { id: string; finalisedOn: string } | null;
}

/** The carrier as a notice addresses it; stored on `grant_notice.recipient` at issue. */
export interface NoticeRecipient {
  name: string;
  street: string;
  postalCode: string;
  city: string;
  legalRepresentatives: { name: string; role?: string }[];
}

/** SQL for the organisation `$n` as a `NoticeRecipient` object. */
export function recipientJson(organisationParam: string): string {
  return `(SELECT jsonb_build_object('name', o.name, 'street', o.street, 'postalCode', o.postal_code,
                 'city', o.city, 'legalRepresentatives', o.legal_representatives)
             FROM organisation o WHERE o.id = ${organisationParam})`;
}

/**
 * SQL for the closed vote `voteParam` on the application `applicationParam` as a `NoticeDecision`
 * object (null when there is no such vote), with its session and the call's finalised plan: one
 * expression, so the notice is written with it in the same statement.
 */
export function decisionJson(applicationParam: string, voteParam: string): string {
  return `(SELECT jsonb_build_object(
             'voteId', v.id, 'procedure', v.procedure,
             'decidedOn', to_char(v.closed_at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD'),
             'committee', c.name,
             'session', CASE WHEN s.id IS NULL THEN NULL ELSE jsonb_build_object(
               'id', s.id, 'title', s.title,
               'date', to_char(s.starts_at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD')) END,
             'programmePlan', (
               SELECT jsonb_build_object('id', p.id,
                        'finalisedOn', to_char(p.finalised_at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD'))
                 FROM programme_plan p JOIN application pa ON pa.call_id = p.call_id
                WHERE pa.id = v.application_id AND p.status = 'final'))
      FROM committee_vote v
      JOIN committee c ON c.id = v.committee_id
      LEFT JOIN committee_session s ON s.id = v.session_id
     WHERE v.id = ${voteParam}::uuid AND v.application_id = ${applicationParam}::uuid AND v.closed_at IS NOT NULL)`;
}

/** The decision `voteId` on the application as a notice would cite it now (the preview). */
export async function noticeDecision(
  db: Db,
  applicationId: string,
  voteId: string,
): Promise<NoticeDecision | null> {
  const [row] = (await db.query(`SELECT ${decisionJson('$1', '$2')} AS decision`, [
    applicationId,
    voteId,
  ])) as {
    decision: NoticeDecision | null;
  }[];
  return row?.decision ?? null;
}
