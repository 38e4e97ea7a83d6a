import { Injectable } from '@nestjs/common';
import { ApplicationScope } from '@kiezfonds/applications';
import { type ApplicationContent, declarationsConfirmed } from '@kiezfonds/domain';
import { districtsWhere, type Principal } from '@kiezfonds/identity';
import { DataSource } from 'typeorm';

/** Who a next step is for: the role whose page it links to. */
export const NEXT_STEP_ROLES = ['carrier', 'board_member', 'coordinator', 'finance', 'senate'] as const;
export type NextStepRole = (typeof NEXT_STEP_ROLES)[number];

export const NEXT_STEP_KEYS = [
  'draftsToFinish',
  'changesRequested',
  'declarationsDue',
  'callOffsOpen',
  'reportsDue',
  'votenMissing',
  'writtenVotesOpen',
  'nextSession',
  'formalCheck',
  'repliesOverdue',
  'sessionsToPrepare',
  'plansInProgress',
  'callOffsToApprove',
  'callOffsToPay',
  'claimsOpen',
  'budgetsToEnter',
  'listsAwaitingSenate',
] as const;
export type NextStepKey = (typeof NEXT_STEP_KEYS)[number];

export interface NextStep {
  key: NextStepKey;
  role: NextStepRole;
  count: number;
  /**
   * The nearest deadline or date among the items (reply, review, report deadline, session start):
   * an ISO timestamp, or a calendar day `YYYY-MM-DD` for report deadlines and claims.
   */
  due: string | null;
  /** The one item's id when there is one (application, session, call or fund): the link opens it. */
  targetId: string | null;
  /** The programme year the step is about (budgets to enter), else null. */
  year: number | null;
}

interface Row {
  key: NextStepKey;
  count: number;
  due: string | null;
  target: string | null;
  year: number | null;
}

/** A timestamp as JSON writes it (ISO 8601), so the answer need not parse PostgreSQL's text form. */
const iso = (expression: string) => `(to_json(${expression}) #>> '{}')`;

/** Report deadlines and due days of claims are calendar days: they go out as `YYYY-MM-DD`. */
const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Berlin's calendar day, as the deadlines of reports and the validity of memberships use it. */
const BERLIN_TODAY = `(now() AT TIME ZONE 'Europe/Berlin')::date`;

/** The current committee memberships of `$1` (a user id). */
const MEMBERSHIPS = `SELECT m.id, m.committee_id, m.department, m.voting, m.substitute_for_id
  FROM committee_member m
 WHERE m.user_id = $1 AND m.valid_from <= ${BERLIN_TODAY} AND (m.valid_to IS NULL OR m.valid_to >= ${BERLIN_TODAY})`;

/**
 * What each of the caller's roles should do next, counted: the home page lists these as links to
 * the pages where the work happens. Each count reads the same scope as the list it links to
 * (ApplicationScope for applications, committee membership for reviews and votes, the districts
 * of the role for staff work), so a count never promises what the list will not show.
 * One query per role the caller holds; steps that count nothing are left out.
 */
@Injectable()
export class NextStepsService {
  constructor(private readonly dataSource: DataSource) {}

  async of(principal: Principal): Promise<NextStep[]> {
    const steps: NextStep[] = [];
    const add = async (role: NextStepRole, sql: string, params: unknown[]) => {
      const rows = (await this.dataSource.query(sql, params)) as Row[];
      for (const row of rows) {
        if (row.count === 0) continue;
        steps.push({
          key: row.key,
          role,
          count: row.count,
          due: row.due === null || CALENDAR_DAY.test(row.due) ? row.due : new Date(row.due).toISOString(),
          targetId: row.count === 1 ? row.target : null,
          year: row.year,
        });
      }
    };

    const { organisationIds } = ApplicationScope.of(principal);
    if (organisationIds.length > 0) {
      await add('carrier', CARRIER_STEPS, [organisationIds]);
      const due = await this.declarationsDue(organisationIds);
      if (due.length > 0) {
        steps.push({
          key: 'declarationsDue',
          role: 'carrier',
          count: due.length,
          due: null,
          targetId: due.length === 1 ? due[0]! : null,
          year: null,
        });
      }
    }

    const board = districtsWhere(principal, 'board_member');
    if (board.length > 0) await add('board_member', BOARD_STEPS, [principal.userId, board]);

    const coordinator = districtsWhere(principal, 'coordinator');
    if (coordinator.length > 0) await add('coordinator', COORDINATOR_STEPS, [coordinator]);

    const finance = districtsWhere(principal, 'finance');
    if (finance.length > 0) await add('finance', FINANCE_STEPS, [finance]);

    const senate = districtsWhere(principal, 'senate');
    if (senate.length > 0) await add('senate', SENATE_STEPS, [senate]);
    // A UNION ALL promises no order: the home page lists the steps in the order of NEXT_STEP_KEYS.
    return steps.sort((a, b) => NEXT_STEP_KEYS.indexOf(a.key) - NEXT_STEP_KEYS.indexOf(b.key));
  }

  /**
   * Selected applications whose declarations (DOMAIN.md step 7) are not yet confirmed: they are
   * due with the full application. The rule is the domain's, so it is applied here, not in SQL.
   */
  private async declarationsDue(organisationIds: readonly string[]): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT a.id, a.content -> 'declarations' AS declarations FROM application a
        WHERE a.organisation_id = ANY($1::uuid[]) AND a.state = 'selected' ORDER BY a.reference`,
      [organisationIds],
    )) as { id: string; declarations: ApplicationContent['declarations'] | null }[];
    return rows
      .filter(
        (row) =>
          !declarationsConfirmed({ declarations: row.declarations ?? undefined } as ApplicationContent),
      )
      .map((row) => row.id);
  }
}

/** A carrier sees its organisations' applications, drafts included (ApplicationScope). */
const CARRIER_STEPS = `
  SELECT 'draftsToFinish' AS key, count(*)::int AS count, NULL::text AS due,
         (array_agg(a.id::text ORDER BY a.updated_at DESC))[1] AS target, NULL::int AS year
    FROM application a
   WHERE a.organisation_id = ANY($1::uuid[]) AND a.state = 'draft'
  UNION ALL
  SELECT 'changesRequested', count(*)::int, ${iso('min(r.reply_deadline)')},
         (array_agg(a.id::text ORDER BY r.reply_deadline))[1], NULL
    FROM application a
    JOIN change_request r ON r.application_id = a.id AND r.answered_at IS NULL
   WHERE a.organisation_id = ANY($1::uuid[]) AND a.state = 'changes_requested'
  UNION ALL
  SELECT 'callOffsOpen', count(*)::int, NULL, (array_agg(a.id::text ORDER BY a.reference))[1], NULL
    FROM application a
   WHERE a.organisation_id = ANY($1::uuid[]) AND a.state = 'in_implementation'
     AND coalesce(a.approved_cents, 0) > (SELECT coalesce(sum(o.amount_cents), 0) FROM call_off o
                                            WHERE o.application_id = a.id AND o.state <> 'rejected')
  UNION ALL
  SELECT 'reportsDue', count(*)::int, min((d.value ->> 'due')::date)::text,
         (array_agg(a.id::text ORDER BY (d.value ->> 'due')::date))[1], NULL
    FROM application a
    JOIN LATERAL (SELECT g.report_deadlines FROM grant_notice g WHERE g.application_id = a.id
                   ORDER BY g.issued_on DESC, g.created_at DESC LIMIT 1) g ON true
    CROSS JOIN LATERAL jsonb_array_elements(g.report_deadlines) d
   WHERE a.organisation_id = ANY($1::uuid[]) AND a.state = 'in_implementation'
     AND NOT EXISTS (SELECT 1 FROM application_report r
                      WHERE r.application_id = a.id AND r.kind = d.value ->> 'kind')`;

/**
 * A member's committee work, read as the review queue reads it (ReviewService.queue): Voten their
 * department still owes before the review deadline, written votes still without their ballot, and
 * the committee's next session.
 */
const BOARD_STEPS = `
  WITH mine AS (${MEMBERSHIPS}
                  AND m.committee_id IN (SELECT id FROM committee WHERE district_id = ANY($2::uuid[])))
  SELECT 'votenMissing' AS key, count(*)::int AS count, ${iso('min(c.review_deadline)')} AS due,
         (array_agg(a.id::text ORDER BY c.review_deadline NULLS LAST, a.reference))[1] AS target,
         NULL::int AS year
    FROM mine m
    JOIN committee cm ON cm.id = m.committee_id
    JOIN call c ON c.district_id = cm.district_id
     AND cm.id = coalesce(c.committee_id,
           (SELECT d.id FROM committee d WHERE d.district_id = c.district_id ORDER BY d.name LIMIT 1))
    JOIN application a ON a.call_id = c.id AND a.state = 'in_review'
   WHERE (c.review_deadline IS NULL OR c.review_deadline > now())
     AND NOT EXISTS (SELECT 1 FROM votum v WHERE v.application_id = a.id AND v.department = m.department
                        AND v.withdrawn_at IS NULL)
     AND NOT EXISTS (SELECT 1 FROM conflict_of_interest ci
                      WHERE ci.committee_member_id = m.id AND ci.withdrawn_at IS NULL
                        AND (ci.application_id = a.id OR ci.organisation_id = a.organisation_id))
  UNION ALL
  SELECT 'writtenVotesOpen', count(*)::int, ${iso('min(v.deadline)')},
         (array_agg(v.application_id::text ORDER BY v.deadline))[1], NULL
    FROM mine m
    JOIN committee_vote v ON v.committee_id = m.committee_id AND v.procedure = 'written' AND v.closed_at IS NULL
   -- The votes opened to the member's seat (its electorate): a seat taken since waits for the next one.
   WHERE EXISTS (SELECT 1 FROM committee_vote_electorate e WHERE e.vote_id = v.id AND e.committee_member_id = m.id)
     AND NOT EXISTS (SELECT 1 FROM committee_ballot b
                      WHERE b.vote_id = v.id AND b.committee_member_id = m.id
                        AND NOT EXISTS (SELECT 1 FROM committee_ballot_withdrawal w
                                         WHERE w.vote_id = b.vote_id AND w.committee_member_id = b.committee_member_id))
  UNION ALL
  SELECT 'nextSession', count(*)::int, ${iso('min(s.starts_at)')}, (array_agg(s.id::text ORDER BY s.starts_at))[1], NULL
    FROM (SELECT s.id, s.starts_at FROM committee_session s
           WHERE s.committee_id IN (SELECT committee_id FROM mine) AND s.status IN ('scheduled', 'open')
           ORDER BY s.starts_at LIMIT 1) s`;

/** The coordinator's district work: what waits for the office, not for the carrier. */
const COORDINATOR_STEPS = `
  SELECT 'formalCheck' AS key, count(*)::int AS count, ${iso('min(a.submitted_at)')} AS due,
         (array_agg(a.id::text ORDER BY a.submitted_at))[1] AS target, NULL::int AS year
    FROM application a
   WHERE a.district_id = ANY($1::uuid[]) AND a.state = 'submitted'
  UNION ALL
  SELECT 'repliesOverdue', count(*)::int, ${iso('min(r.reply_deadline)')},
         (array_agg(a.id::text ORDER BY r.reply_deadline))[1], NULL
    FROM application a
    JOIN change_request r ON r.application_id = a.id AND r.answered_at IS NULL AND r.reply_deadline < now()
   WHERE a.district_id = ANY($1::uuid[]) AND a.state = 'changes_requested'
  UNION ALL
  SELECT 'sessionsToPrepare', count(*)::int, ${iso('min(s.starts_at)')}, (array_agg(s.id::text ORDER BY s.starts_at))[1], NULL
    FROM committee_session s JOIN committee cm ON cm.id = s.committee_id
   WHERE cm.district_id = ANY($1::uuid[]) AND s.status = 'scheduled' AND s.invited_at IS NULL
  UNION ALL
  SELECT 'plansInProgress', count(*)::int, NULL,
         (array_agg(c.id::text ORDER BY c.programme_year DESC, c.created_at))[1], NULL
    FROM call c
   WHERE c.district_id = ANY($1::uuid[])
     AND EXISTS (SELECT 1 FROM application a WHERE a.call_id = c.id AND a.state = 'in_planning')
     AND NOT EXISTS (SELECT 1 FROM programme_plan p WHERE p.call_id = c.id AND p.status = 'final')`;

/** Finance's district work: call-offs to decide and pay, claims not yet settled, budgets missing. */
const FINANCE_STEPS = `
  SELECT o.state_key AS key, count(*)::int AS count, ${iso('min(o.requested_at)')} AS due,
         (array_agg(o.application_id::text ORDER BY o.requested_at))[1] AS target, NULL::int AS year
    FROM (SELECT CASE o.state WHEN 'requested' THEN 'callOffsToApprove' ELSE 'callOffsToPay' END AS state_key,
                 o.requested_at, o.application_id
            FROM call_off o JOIN application a ON a.id = o.application_id
           WHERE a.district_id = ANY($1::uuid[]) AND o.state IN ('requested', 'approved')) o
   GROUP BY o.state_key
  UNION ALL
  SELECT 'claimsOpen', count(*)::int, min(r.notice_due_by)::text,
         (array_agg(r.application_id::text ORDER BY r.created_at))[1], NULL
    FROM repayment_claim r JOIN application a ON a.id = r.application_id
   WHERE a.district_id = ANY($1::uuid[]) AND r.state = 'open'
  UNION ALL
  SELECT 'budgetsToEnter', count(*)::int, NULL, (array_agg(f.id::text))[1], min(y.programme_year)
    FROM fund f
    JOIN (SELECT DISTINCT district_id, programme_year FROM call WHERE status <> 'closed') y
      ON y.district_id = f.district_id
   WHERE f.district_id = ANY($1::uuid[]) AND f.kind = 'netzwerkfonds'
     AND NOT EXISTS (SELECT 1 FROM ledger_entry e WHERE e.fund_id = f.id AND e.programme_year = y.programme_year
                        AND e.kind = 'budget')`;

/**
 * The Senate's part: districts' finalised priority lists with applications the district selected
 * and the Senate has not yet (RECORD_SENATE_SELECTION keeps the state and records the amount).
 */
const SENATE_STEPS = `
  SELECT 'listsAwaitingSenate' AS key, count(DISTINCT c.id)::int AS count, NULL::text AS due,
         (array_agg(DISTINCT c.id::text))[1] AS target, NULL::int AS year
    FROM call c
    JOIN programme_plan p ON p.call_id = c.id AND p.status = 'final'
   WHERE c.district_id = ANY($1::uuid[])
     AND EXISTS (SELECT 1 FROM application a
                  WHERE a.call_id = c.id AND a.state = 'selected' AND a.senate_amount_cents IS NULL)`;
