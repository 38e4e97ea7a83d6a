import { Injectable } from '@nestjs/common';
import {
  ConflictError,
  criteriaProblems,
  ForbiddenError,
  missingReviews,
  NotFoundError,
  type Recommendation,
  type ReviewCriterion,
  type ReviewSummary,
  reviewSummary,
  scoreProblems,
  ValidationError,
  votumScore,
} from '@kiezfonds/domain';
import type { Principal } from '@kiezfonds/identity';
import { queryRows, recordAudit } from '@kiezfonds/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { COMMITTEE_ERROR_CODES } from '../committee.exception';
import { conflictedMemberIds } from '../conflicts/conflict-check';
import { type CommitteeRow, currentMembers, isStaff, type MemberRow } from '../votes/committee-membership';
import {
  BEFORE_COMMITTEE,
  callOfApplication,
  committeeOfCall,
  hasBeenBeforeCommittee,
} from './call-committee';

type Db = DataSource | EntityManager;

/** States in which the committee reviews an application. */
const UNDER_REVIEW = BEFORE_COMMITTEE;

export interface ReviewSetup {
  callId: string;
  committeeId: string | null;
  reviewDeadline: string | null;
  criteria: ReviewCriterion[];
  /** Criteria are fixed once the first Votum is in, so all scores stay comparable. */
  criteriaLocked: boolean;
}

export interface VotumView {
  id: string;
  department: string;
  author: string;
  recommendation: Recommendation;
  conditions: string;
  scores: Record<string, number>;
  score: number | null;
  comment: string;
  /** Null where the caller may not read it: a member with a conflict of interest on the application. */
  confidentialNote: string | null;
  submittedAt: string;
  updatedAt: string;
  version: number;
  /**
   * Set when the author declared a conflict of interest after giving it: the Votum stays on
   * record but counts in no score, summary or ranking.
   */
  withdrawn: { at: string; reason: 'conflict' } | null;
}

export interface ApplicationReviews {
  applicationId: string;
  /** The reviewing committee, to which a member declares a conflict of interest. */
  committeeId: string;
  reviewDeadline: string | null;
  deadlinePassed: boolean;
  criteria: ReviewCriterion[];
  voten: VotumView[];
  summary: ReviewSummary;
  /** Departments that owe a Votum (conflicted departments are excused); for coordinators and members. */
  missingDepartments: string[];
  /** Whether the confidential notes were withheld from the caller. */
  confidentialNotesHidden: boolean;
  /** The caller's membership: their department, whether they are conflicted, and their department's Votum. */
  own: { department: string; conflicted: boolean; votumId: string | null } | null;
}

export interface ReviewQueueItem {
  applicationId: string;
  reference: string;
  title: string;
  carrier: string;
  state: string;
  requestedCents: string;
  reviewDeadline: string | null;
  /** Whether the caller's department has given its Votum. */
  reviewed: boolean;
  conflicted: boolean;
  voten: number;
}

export interface VotumInput {
  recommendation: Recommendation;
  conditions?: string;
  scores?: Record<string, number>;
  comment: string;
  confidentialNote?: string;
}

interface VotumRow {
  id: string;
  committee_member_id: string;
  department: string;
  author: string;
  recommendation: Recommendation;
  conditions: string;
  scores: Record<string, number>;
  score: number | null;
  comment: string;
  confidential_note: string;
  submitted_at: Date;
  updated_at: Date;
  version: number;
  withdrawn_at: Date | null;
}

/**
 * The committee's review (Votum): each department gives its recommendation, scores on the call's
 * criteria and a comment by the review deadline. A department with a conflict of interest on an
 * application gives no Votum on it and does not read the others' confidential notes; coordinators
 * see which departments are still missing.
 */
@Injectable()
export class ReviewService {
  constructor(private readonly dataSource: DataSource) {}

  async setup(principal: Principal, callId: string): Promise<ReviewSetup> {
    const call = await this.call(this.dataSource, principal, callId);
    return this.setupOf(this.dataSource, call);
  }

  /** The coordinator names the reviewing committee, the review deadline and the scoring criteria. */
  async configure(
    principal: Principal,
    callId: string,
    input: { committeeId?: string | null; reviewDeadline: string | null; criteria: ReviewCriterion[] },
    requestId: string | null,
  ): Promise<ReviewSetup> {
    // A call may go without criteria: its Voten then carry a recommendation and comment only.
    const problems = input.criteria.length > 0 ? criteriaProblems(input.criteria) : [];
    if (problems.length > 0) throw new ValidationError(problems);
    return this.dataSource.transaction(async (tx) => {
      const call = await this.call(tx, principal, callId, { lock: true });
      if (!isStaff(principal, call.district_id, 'coordinator')) throw new ForbiddenError('forbidden');
      if (input.committeeId) {
        const committee = (await tx.query(`SELECT 1 FROM committee WHERE id = $1 AND district_id = $2`, [
          input.committeeId,
          call.district_id,
        ])) as unknown[];
        if (committee.length === 0) throw new ValidationError([{ field: 'committeeId', rule: 'exists' }]);
      }
      const before = await this.setupOf(tx, call);
      if (before.criteriaLocked && !sameCriteria(before.criteria, input.criteria)) {
        throw new ConflictError(COMMITTEE_ERROR_CODES.criteriaLocked);
      }
      await tx.query(`UPDATE call SET committee_id = $2, review_deadline = $3 WHERE id = $1`, [
        call.id,
        input.committeeId ?? null,
        input.reviewDeadline ? new Date(input.reviewDeadline) : null,
      ]);
      await tx.query(`DELETE FROM call_review_criterion WHERE call_id = $1`, [call.id]);
      for (const [index, criterion] of input.criteria.entries()) {
        await tx.query(
          `INSERT INTO call_review_criterion (call_id, key, label, weight, max_score, position)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [call.id, criterion.key, criterion.label, criterion.weight, criterion.maxScore, index + 1],
        );
      }
      const after = await this.setupOf(tx, { ...call, committee_id: input.committeeId ?? null });
      await recordAudit(tx, {
        entityType: 'call',
        entityId: call.id,
        action: 'review_setup_changed',
        actorId: principal.userId,
        districtId: call.district_id,
        payload: { before, after },
        requestId,
      });
      return after;
    });
  }

  /** A member's review queue: the applications before their committee, their own Votum's state. */
  async queue(principal: Principal): Promise<{ items: ReviewQueueItem[] }> {
    const rows = (await this.dataSource.query(
      `SELECT a.id, a.reference, a.title, a.state, a.requested_cents::text AS requested, o.name AS carrier,
              c.review_deadline, m.id AS member_id, m.department,
              EXISTS (SELECT 1 FROM votum v WHERE v.application_id = a.id AND v.department = m.department
                        AND v.withdrawn_at IS NULL) AS reviewed,
              (SELECT count(*)::int FROM votum v WHERE v.application_id = a.id AND v.withdrawn_at IS NULL) AS voten,
              EXISTS (SELECT 1 FROM conflict_of_interest ci
                       WHERE ci.committee_member_id = m.id AND ci.withdrawn_at IS NULL
                         AND (ci.application_id = a.id OR ci.organisation_id = a.organisation_id)) AS conflicted
         FROM committee_member m
         JOIN committee cm ON cm.id = m.committee_id
         JOIN call c ON c.district_id = cm.district_id
          AND cm.id = coalesce(c.committee_id,
                (SELECT d.id FROM committee d WHERE d.district_id = c.district_id ORDER BY d.name LIMIT 1))
         JOIN application a ON a.call_id = c.id AND a.state = ANY($2::text[])
         JOIN organisation o ON o.id = a.organisation_id
        WHERE m.user_id = $1
          AND m.valid_from <= (now() AT TIME ZONE 'Europe/Berlin')::date
          AND (m.valid_to IS NULL OR m.valid_to >= (now() AT TIME ZONE 'Europe/Berlin')::date)
        ORDER BY c.review_deadline NULLS LAST, a.reference`,
      [principal.userId, UNDER_REVIEW],
    )) as Record<string, unknown>[];
    return {
      items: rows.map((row) => ({
        applicationId: row.id as string,
        reference: row.reference as string,
        title: row.title as string,
        carrier: row.carrier as string,
        state: row.state as string,
        requestedCents: row.requested as string,
        reviewDeadline: (row.review_deadline as Date | null)?.toISOString() ?? null,
        reviewed: row.reviewed as boolean,
        conflicted: row.conflicted as boolean,
        voten: row.voten as number,
      })),
    };
  }

  async reviews(principal: Principal, applicationId: string, db: Db = this.dataSource) {
    const { application, committee, member } = await this.visible(db, principal, applicationId);
    const criteria = await this.criteria(db, application.callId);
    const conflicted = await conflictedMemberIds(db, applicationId);
    const members = await this.seats(db, committee.id);
    const rows = (await db.query(
      `SELECT v.*, u.display_name AS author
         FROM votum v JOIN committee_member m ON m.id = v.committee_member_id JOIN app_user u ON u.id = m.user_id
        WHERE v.application_id = $1 ORDER BY v.department`,
      [applicationId],
    )) as VotumRow[];
    const hideNotes = member !== null && conflicted.has(member.id);
    const counting = rows.filter((row) => row.withdrawn_at === null);
    const deadline = application.reviewDeadline;
    return {
      applicationId,
      committeeId: committee.id,
      reviewDeadline: deadline?.toISOString() ?? null,
      deadlinePassed: deadline !== null && deadline.getTime() <= Date.now(),
      criteria,
      voten: rows.map((row) => ({
        id: row.id,
        department: row.department,
        author: row.author,
        recommendation: row.recommendation,
        conditions: row.conditions,
        scores: row.scores,
        score: row.score,
        comment: row.comment,
        confidentialNote: hideNotes ? null : row.confidential_note,
        submittedAt: row.submitted_at.toISOString(),
        updatedAt: row.updated_at.toISOString(),
        version: row.version,
        withdrawn: row.withdrawn_at
          ? { at: row.withdrawn_at.toISOString(), reason: 'conflict' as const }
          : null,
      })),
      summary: reviewSummary(counting.map((row) => ({ departmentId: row.department, ...row }))),
      missingDepartments: missingReviews(
        members.map((m) => m.department),
        counting.map((row) => ({ departmentId: row.department })),
        excusedDepartments(members, conflicted),
      ),
      confidentialNotesHidden: hideNotes,
      own: member
        ? {
            department: member.department,
            conflicted: conflicted.has(member.id),
            votumId: counting.find((row) => row.department === member.department)?.id ?? null,
          }
        : null,
    } satisfies ApplicationReviews;
  }

  /**
   * A member gives (or revises, until the deadline) their department's Votum. A conflicted member
   * is refused: their department is excused on this application instead.
   */
  async submit(
    principal: Principal,
    applicationId: string,
    input: VotumInput,
    requestId: string | null,
  ): Promise<ApplicationReviews> {
    return this.dataSource.transaction(async (tx) => {
      // The application's row lock serialises Voten on it: two members of one department giving
      // the first Votum at once revise one row instead of colliding on the unique key.
      const { application, member } = await this.visible(tx, principal, applicationId, { lock: true });
      if (!member) throw new ForbiddenError(COMMITTEE_ERROR_CODES.notCommitteeMember);
      if (!UNDER_REVIEW.includes(application.state)) {
        throw new ConflictError(COMMITTEE_ERROR_CODES.applicationNotBeforeCommittee, [], {
          state: application.state,
        });
      }
      if (application.reviewDeadline && application.reviewDeadline.getTime() <= Date.now()) {
        throw new ConflictError(COMMITTEE_ERROR_CODES.reviewDeadlinePassed);
      }
      if ((await conflictedMemberIds(tx, applicationId)).has(member.id)) {
        throw new ForbiddenError(COMMITTEE_ERROR_CODES.reviewerConflicted);
      }
      const criteria = await this.criteria(tx, application.callId);
      const scores = input.scores ?? {};
      const problems = criteria.length > 0 ? scoreProblems(criteria, scores) : unexpectedScores(scores);
      if (input.recommendation === 'support_with_conditions' && !input.conditions?.trim()) {
        problems.push({ field: 'conditions', rule: 'required' });
      }
      if (problems.length > 0) throw new ValidationError(problems);
      const score = criteria.length > 0 ? votumScore(criteria, scores) : null;
      const conditions = input.recommendation === 'support_with_conditions' ? input.conditions!.trim() : '';

      const [before] = (await tx.query(
        `SELECT * FROM votum WHERE application_id = $1 AND department = $2 FOR UPDATE`,
        [applicationId, member.department],
      )) as VotumRow[];
      const values = [
        member.id,
        input.recommendation,
        conditions,
        JSON.stringify(scores),
        score,
        input.comment,
        input.confidentialNote ?? '',
      ];
      const [row] = before
        ? await queryRows<{ id: string; version: number }>(
            tx,
            // A Votum withdrawn for its author's conflict counts again once another member of the
            // department gives it anew.
            `UPDATE votum SET committee_member_id = $2, recommendation = $3, conditions = $4, scores = $5,
                    score = $6, comment = $7, confidential_note = $8, updated_at = now(), version = version + 1,
                    withdrawn_at = NULL, withdrawn_for_conflict_id = NULL
              WHERE id = $1 RETURNING id, version`,
            [before.id, ...values],
          )
        : ((await tx.query(
            `INSERT INTO votum (application_id, department, committee_member_id, recommendation, conditions,
                                scores, score, comment, confidential_note)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id, version`,
            [applicationId, member.department, ...values],
          )) as { id: string; version: number }[]);
      await recordAudit(tx, {
        entityType: 'votum',
        entityId: row!.id,
        action: before ? 'votum_revised' : 'votum_given',
        actorId: principal.userId,
        districtId: application.districtId,
        payload: {
          applicationId,
          department: member.department,
          recommendation: input.recommendation,
          score,
          version: row!.version,
          ...(before
            ? {
                replaced: {
                  recommendation: before.recommendation,
                  conditions: before.conditions,
                  scores: before.scores,
                  comment: before.comment,
                  version: before.version,
                },
              }
            : {}),
        },
        requestId,
      });
      return this.reviews(principal, applicationId, tx);
    });
  }

  private async setupOf(db: Db, call: CallRow): Promise<ReviewSetup> {
    const committee = await committeeOfCall(db, call);
    const locked = (await db.query(
      `SELECT 1 FROM votum v JOIN application a ON a.id = v.application_id WHERE a.call_id = $1 LIMIT 1`,
      [call.id],
    )) as unknown[];
    return {
      callId: call.id,
      committeeId: committee?.id ?? null,
      reviewDeadline: call.review_deadline?.toISOString() ?? null,
      criteria: await this.criteria(db, call.id),
      criteriaLocked: locked.length > 0,
    };
  }

  private async criteria(db: Db, callId: string): Promise<ReviewCriterion[]> {
    const rows = (await db.query(
      `SELECT key, label, weight, max_score FROM call_review_criterion WHERE call_id = $1 ORDER BY position`,
      [callId],
    )) as { key: string; label: string; weight: number; max_score: number }[];
    return rows.map((row) => ({
      key: row.key,
      label: row.label,
      weight: row.weight,
      maxScore: row.max_score,
    }));
  }

  /** The departments' seats: current members who are not substitutes (a substitute speaks for the same department). */
  private async seats(db: Db, committeeId: string): Promise<MemberRow[]> {
    const substitutes = (await db.query(
      `SELECT id FROM committee_member WHERE committee_id = $1 AND substitute_for_id IS NOT NULL`,
      [committeeId],
    )) as { id: string }[];
    const skip = new Set(substitutes.map((row) => row.id));
    return (await currentMembers(db, committeeId)).filter((member) => !skip.has(member.id));
  }

  private async call(db: Db, principal: Principal, callId: string, options: { lock?: boolean } = {}) {
    const [call] = (await db.query(
      `SELECT id, district_id, committee_id, review_deadline FROM call WHERE id = $1 ${options.lock ? 'FOR UPDATE' : ''}`,
      [callId],
    )) as CallRow[];
    if (!call || !isStaff(principal, call.district_id, 'coordinator', 'admin', 'board_member')) {
      throw new NotFoundError('call_not_found');
    }
    return call;
  }

  /** Coordinators of the district and the reviewing committee's current members see the reviews. */
  private async visible(
    db: Db,
    principal: Principal,
    applicationId: string,
    options: { lock?: boolean } = {},
  ) {
    const application = await callOfApplication(db, applicationId, options);
    // A draft is the carrier's alone: 404 to the office too, as on GET /applications/:id.
    if (!application?.committee || application.state === 'draft')
      throw new NotFoundError('application_not_found');
    const committee: CommitteeRow = application.committee;
    const member =
      (await currentMembers(db, committee.id)).find((m) => m.userId === principal.userId) ?? null;
    const staff = isStaff(principal, application.districtId, 'coordinator', 'admin');
    if (!member && !staff) throw new NotFoundError('application_not_found');
    if (!staff && !(await hasBeenBeforeCommittee(db, application)))
      throw new NotFoundError('application_not_found');
    return { application, committee, member };
  }
}

interface CallRow {
  id: string;
  district_id: string;
  committee_id: string | null;
  review_deadline: Date | null;
}

/** Departments all of whose members are conflicted on the application owe no Votum on it. */
function excusedDepartments(members: readonly MemberRow[], conflicted: ReadonlySet<string>): string[] {
  const departments = [...new Set(members.map((m) => m.department))];
  return departments.filter((department) =>
    members.filter((m) => m.department === department).every((m) => conflicted.has(m.id)),
  );
}

function unexpectedScores(scores: Record<string, number>) {
  return Object.keys(scores).map((key) => ({ field: `scores.${key}`, rule: 'unknown_field' }));
}

function sameCriteria(a: readonly ReviewCriterion[], b: readonly ReviewCriterion[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
