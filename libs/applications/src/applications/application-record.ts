import type { ApplicationContent, ApplicationState, CostBasis, FundedPeriod } from '@kiezfonds/domain';
import type { Db } from '../scope/application-scope';

/** Everything a lifecycle decision or the detail view reads about one application, in one query. */
export interface ApplicationRecord {
  id: string;
  reference: string;
  title: string;
  state: ApplicationState;
  version: number;
  content: ApplicationContent;
  requestedCents: string;
  senateAmountCents: string | null;
  approvedCents: string | null;
  approvedAt: Date | null;
  submittedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** The funding period as stored with the content (whole days, `YYYY-MM-DD`); null while unknown. */
  periodStart: string | null;
  periodEnd: string | null;
  organisationId: string;
  organisationName: string;
  /**
   * Whether the cost plan and the settlement count net or gross of VAT: as the grant notice
   * recorded it, before the notice as the organisation's VAT status says now.
   */
  costBasis: CostBasis;
  callId: string;
  callTitle: string;
  districtId: string;
  districtName: string;
  programmeYear: number;
  submissionDeadline: Date;
  /** When submissions end: the deadline, or the moment the coordinator closed the call before it. */
  submissionClosesAt: Date;
  /** Never below the Netzwerkfonds floor of 50 000 €. */
  minAmountCents: string;
  maxAmountCents: string | null;
  requiredAttachmentKeys: string[];
  callActionFieldIds: string[];
  callAreaIds: string[];
  attachedKinds: string[];
  openChangeRequest: { id: string; message: string; replyDeadline: Date; requestedAt: Date } | null;
  hasOpenCallOffs: boolean;
  /** The committee's latest decision on the application: its last closed vote. */
  latestDecision: { id: string; outcome: 'adopted' | 'rejected' | 'no_quorum' } | null;
  /** On its call's finalised programme plan, selected or waitlisted: the list the district sent. */
  onSentList: boolean;
  /**
   * The earlier projects of the same organisation this one continues, nearest first (content
   * `predecessorId`, followed back); empty for a new project or one naming no project of its own.
   */
  predecessors: FundedPeriod[];
  /**
   * Who a notice of the application reaches, read with it when asked (`recipients`): the
   * carrier's active members and the district's active coordinators.
   */
  recipients?: { carrier: NoticeRecipientRow[]; coordinators: NoticeRecipientRow[] };
}

/** An active user a notice about the application goes to. */
export interface NoticeRecipientRow {
  id: string;
  email: string;
  display_name: string;
  language: 'de' | 'en';
}

interface Row {
  id: string;
  reference: string;
  title: string;
  state: ApplicationState;
  version: number;
  content: ApplicationContent;
  requested_cents: string;
  senate_amount_cents: string | null;
  approved_cents: string | null;
  approved_at: Date | null;
  submitted_at: Date | null;
  created_at: Date;
  updated_at: Date;
  period_start: string | null;
  period_end: string | null;
  organisation_id: string;
  organisation_name: string;
  cost_basis: CostBasis;
  call_id: string;
  call_title: string;
  district_id: string;
  district_name: string;
  programme_year: number;
  submission_deadline: Date;
  submission_closes_at: Date;
  min_amount_cents: string;
  max_amount_cents: string | null;
  required_attachments: { key: string }[];
  call_action_field_ids: string[];
  call_area_ids: string[];
  attached_kinds: string[];
  cr_id: string | null;
  cr_message: string | null;
  cr_reply_deadline: Date | null;
  cr_requested_at: Date | null;
  open_call_offs: boolean;
  latest_decision: ApplicationRecord['latestDecision'];
  on_sent_list: boolean;
  carrier_recipients?: NoticeRecipientRow[];
  coordinator_recipients?: NoticeRecipientRow[];
}

/** Reads the application with its call's rules; the caller has checked the scope (and holds the lock, if any). */
export async function loadApplicationRecord(db: Db, id: string): Promise<ApplicationRecord> {
  const record = await findApplicationRecord(db, id);
  if (!record) throw new Error(`application ${id} vanished inside its scope check`);
  return record;
}

/** The recipients of the application's notices, as JSON arrays (one round trip less per command). */
const RECIPIENT_COLUMNS = `,
            (SELECT COALESCE(json_agg(json_build_object('id', u.id, 'email', u.email,
                      'display_name', u.display_name, 'language', u.language) ORDER BY u.id), '[]')
               FROM organisation_member m JOIN app_user u ON u.id = m.user_id
              WHERE m.organisation_id = a.organisation_id AND u.status = 'active') AS carrier_recipients,
            (SELECT COALESCE(json_agg(json_build_object('id', u.id, 'email', u.email,
                      'display_name', u.display_name, 'language', u.language) ORDER BY u.id), '[]')
               FROM app_user u
              WHERE u.status = 'active' AND u.id IN (SELECT r.user_id FROM role_assignment r
                     WHERE r.district_id = c.district_id AND r.role = 'coordinator')) AS coordinator_recipients`;

/**
 * The record, or null when there is no such application; with `lock`, the application's row stays
 * locked until the transaction ends, so a command reads and locks it in one round trip and checks
 * the caller's scope on what it read (`ApplicationScope.sees`); with `recipients`, it reads who
 * its notices reach in the same query.
 */
export async function findApplicationRecord(
  db: Db,
  id: string,
  options: { lock?: boolean; recipients?: boolean } = {},
): Promise<ApplicationRecord | null> {
  const [row] = (await db.query(
    `SELECT a.id, a.reference, a.title, a.state, a.version, a.content, a.requested_cents::text AS requested_cents,
            a.senate_amount_cents::text AS senate_amount_cents, a.approved_cents::text AS approved_cents,
            a.approved_at, a.submitted_at, a.created_at, a.updated_at,
            a.period_start::text AS period_start, a.period_end::text AS period_end,
            a.organisation_id, o.name AS organisation_name, a.call_id, c.title AS call_title,
            COALESCE((SELECT g.cost_basis FROM grant_notice g WHERE g.application_id = a.id),
                     CASE WHEN o.vat_deductible THEN 'net' ELSE 'gross' END) AS cost_basis,
            c.district_id, d.name AS district_name, c.programme_year, c.submission_deadline,
            LEAST(c.submission_deadline, c.closed_at) AS submission_closes_at,
            c.min_amount_cents::text AS min_amount_cents, c.max_amount_cents::text AS max_amount_cents,
            c.required_attachments,
            ARRAY(SELECT action_field_id::text FROM call_action_field WHERE call_id = c.id) AS call_action_field_ids,
            ARRAY(SELECT area_id::text FROM call_area WHERE call_id = c.id) AS call_area_ids,
            ARRAY(SELECT DISTINCT kind FROM application_attachment WHERE application_id = a.id) AS attached_kinds,
            cr.id AS cr_id, cr.message AS cr_message, cr.reply_deadline AS cr_reply_deadline,
            cr.requested_at AS cr_requested_at,
            EXISTS (SELECT 1 FROM call_off co WHERE co.application_id = a.id AND co.state IN ('requested', 'approved')) AS open_call_offs,
            (SELECT json_build_object('id', v.id, 'outcome', v.outcome) FROM committee_vote v
              WHERE v.application_id = a.id AND v.closed_at IS NOT NULL
              ORDER BY v.closed_at DESC, v.id LIMIT 1) AS latest_decision,
            EXISTS (SELECT 1 FROM programme_plan p CROSS JOIN jsonb_array_elements(p.final_list) item
                     WHERE p.call_id = a.call_id AND p.status = 'final'
                       AND item->>'applicationId' = a.id::text
                       AND item->>'status' IN ('selected', 'waitlisted')) AS on_sent_list
            ${options.recipients ? RECIPIENT_COLUMNS : ''}
     FROM application a
     JOIN call c ON c.id = a.call_id
     JOIN district d ON d.id = c.district_id
     JOIN organisation o ON o.id = a.organisation_id
     LEFT JOIN change_request cr ON cr.application_id = a.id AND cr.answered_at IS NULL
     WHERE a.id = $1
     ${options.lock ? 'FOR UPDATE OF a' : ''}`,
    [id],
  )) as Row[];
  if (!row) return null;
  const predecessors = row.content.predecessorId
    ? await loadPredecessors(db, row.content.predecessorId, row.organisation_id, row.id)
    : [];
  return {
    id: row.id,
    reference: row.reference,
    title: row.title,
    state: row.state,
    version: row.version,
    content: row.content,
    requestedCents: row.requested_cents,
    senateAmountCents: row.senate_amount_cents,
    approvedCents: row.approved_cents,
    approvedAt: row.approved_at,
    submittedAt: row.submitted_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    costBasis: row.cost_basis,
    callId: row.call_id,
    callTitle: row.call_title,
    districtId: row.district_id,
    districtName: row.district_name,
    programmeYear: row.programme_year,
    submissionDeadline: row.submission_deadline,
    submissionClosesAt: row.submission_closes_at,
    minAmountCents: row.min_amount_cents,
    maxAmountCents: row.max_amount_cents,
    requiredAttachmentKeys: row.required_attachments.map((a) => a.key),
    callActionFieldIds: row.call_action_field_ids,
    callAreaIds: row.call_area_ids,
    attachedKinds: row.attached_kinds,
    openChangeRequest: row.cr_id
      ? {
          id: row.cr_id,
          message: row.cr_message!,
          replyDeadline: row.cr_reply_deadline!,
          requestedAt: row.cr_requested_at!,
        }
      : null,
    hasOpenCallOffs: row.open_call_offs,
    latestDecision: row.latest_decision,
    onSentList: row.on_sent_list,
    predecessors,
    ...(row.carrier_recipients && row.coordinator_recipients
      ? { recipients: { carrier: row.carrier_recipients, coordinators: row.coordinator_recipients } }
      : {}),
  };
}

/** How far back a chain is followed: the limit is five years, so twenty links is plenty, and a cycle ends. */
const MAX_CHAIN = 20;

/**
 * The chain of predecessors, nearest first: only the organisation's own applications and projects
 * of earlier years imported from a file (funded by definition), never the application itself, each
 * at most once. "Funded" means a grant notice was issued for it.
 */
async function loadPredecessors(
  db: Db,
  firstId: string,
  organisationId: string,
  selfId: string,
): Promise<FundedPeriod[]> {
  const rows = (await db.query(
    `WITH RECURSIVE project AS NOT MATERIALIZED (
       SELECT a.id, a.organisation_id, a.reference, a.title, a.period_start, a.period_end,
              a.approved_at IS NOT NULL AS funded, a.content->>'predecessorId' AS next
       FROM application a
       UNION ALL
       -- Projects of earlier years imported from a file (docs/api/past-projects.md) were funded.
       SELECT p.id, p.organisation_id, '', p.title, p.period_start, p.period_end, true, p.predecessor_id::text
       FROM past_project p
     ), chain AS (
       SELECT a.id, a.reference, a.title, a.period_start, a.period_end, a.funded, a.next,
              1 AS depth, ARRAY[$3::uuid, a.id] AS seen
       FROM project a WHERE a.id = $1::uuid AND a.organisation_id = $2 AND a.id <> $3::uuid
       UNION ALL
       SELECT a.id, a.reference, a.title, a.period_start, a.period_end, a.funded, a.next,
              c.depth + 1, c.seen || a.id
       FROM chain c JOIN project a ON a.id::text = c.next
       WHERE a.organisation_id = $2 AND NOT a.id = ANY(c.seen) AND c.depth < $4
     )
     SELECT id, reference, title, period_start::text AS period_start, period_end::text AS period_end, funded
     FROM chain ORDER BY depth`,
    [firstId, organisationId, selfId, MAX_CHAIN],
  )) as {
    id: string;
    reference: string;
    title: string;
    period_start: string | null;
    period_end: string | null;
    funded: boolean;
  }[];
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    title: r.title,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    funded: r.funded,
  }));
}
