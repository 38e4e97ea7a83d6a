import { Injectable } from '@nestjs/common';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@kiezfonds/domain';
import type { Principal } from '@kiezfonds/identity';
import { queryRows, recordAudit, requestHash, runIdempotent } from '@kiezfonds/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { COMMITTEE_ERROR_CODES } from '../committee.exception';
import { type CommitteeRow, committeeById, membershipOf } from '../votes/committee-membership';
import { withdrawVotenForConflict } from '../reviews/votum-withdrawal';
import { SessionService } from '../sessions/session.service';
import { WrittenVoteService } from '../votes/written-vote.service';

export interface ConflictView {
  id: string;
  memberId: string;
  memberName: string;
  department: string;
  organisationId: string | null;
  applicationId: string | null;
  reason: string;
  declaredAt: string;
  withdrawnAt: string | null;
}

/**
 * The register of conflicts of interest (Befangenheit): members declare them for themselves,
 * standing for a carrier or for one application, and withdraw them; every step is audited.
 */
@Injectable()
export class ConflictService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writtenVotes: WrittenVoteService,
    private readonly sessions: SessionService,
  ) {}

  async declare(
    principal: Principal,
    committeeId: string,
    input: { organisationId?: string; applicationId?: string; reason: string },
    requestId: string | null,
    key?: string,
  ): Promise<ConflictView> {
    if ((input.organisationId === undefined) === (input.applicationId === undefined)) {
      throw new ValidationError([
        { field: 'applicationId', rule: 'exactlyOneOf', params: { other: 'organisationId' } },
      ]);
    }
    // A retry after a lost answer answers the declaration it made, not a second one.
    const scope = `conflict-declare:${committeeId}`;
    const request = { userId: principal.userId, key, scope, hash: requestHash(scope, input) };
    return runIdempotent(this.dataSource, request, async (tx) => {
      const committee = await this.visibleCommittee(tx, principal, committeeId);
      const member = await membershipOf(tx, committee.id, principal);
      if (!member) throw new ForbiddenError(COMMITTEE_ERROR_CODES.notCommitteeMember);
      const subject = input.applicationId
        ? ((await tx.query(
            `SELECT a.id FROM application a JOIN call c ON c.id = a.call_id WHERE a.id = $1 AND c.district_id = $2`,
            [input.applicationId, committee.districtId],
          )) as unknown[])
        : ((await tx.query(`SELECT id FROM organisation WHERE id = $1`, [
            input.organisationId,
          ])) as unknown[]);
      if (subject.length === 0) {
        const field = input.applicationId ? 'applicationId' : 'organisationId';
        throw new ValidationError([{ field, rule: 'exists' }]);
      }
      const [row] = (await tx.query(
        `INSERT INTO conflict_of_interest (committee_member_id, organisation_id, application_id, reason, declared_by)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [
          member.id,
          input.organisationId ?? null,
          input.applicationId ?? null,
          input.reason,
          principal.userId,
        ],
      )) as { id: string }[];
      await recordAudit(tx, {
        entityType: 'conflict_of_interest',
        entityId: row!.id,
        action: 'conflict_declared',
        actorId: principal.userId,
        districtId: committee.districtId,
        payload: {
          committeeId: committee.id,
          applicationId: input.applicationId,
          organisationId: input.organisationId,
        },
        requestId,
      });
      // The conflict takes effect in votes already under way, where the member's part becomes a
      // recusal, and in the review, where a Votum the member gave no longer counts.
      await withdrawVotenForConflict(tx, row!.id, committee.districtId, principal, requestId);
      await this.writtenVotes.recuseFromOpenVotes(tx, member.id, principal, requestId);
      await this.sessions.recuseInOpenRollCalls(tx, member.id, principal, requestId);
      return (await this.views(tx, committee.id, row!.id))[0]!;
    });
  }

  async withdraw(
    principal: Principal,
    committeeId: string,
    conflictId: string,
    requestId: string | null,
    key?: string,
  ) {
    const scope = `conflict-withdraw:${conflictId}`;
    const request = { userId: principal.userId, key, scope, hash: requestHash(scope, {}) };
    return runIdempotent(this.dataSource, request, async (tx) => {
      const committee = await this.visibleCommittee(tx, principal, committeeId);
      const [conflict] = await this.views(tx, committee.id, conflictId);
      if (!conflict) throw new NotFoundError(COMMITTEE_ERROR_CODES.conflictNotFound);
      const member = await membershipOf(tx, committee.id, principal);
      const isCoordinator = principal.roles.some(
        (r) => r.role === 'coordinator' && r.districtId === committee.districtId,
      );
      if (member?.id !== conflict.memberId && !isCoordinator) throw new ForbiddenError('forbidden');
      const updated = await queryRows<{ id: string }>(
        tx,
        `UPDATE conflict_of_interest SET withdrawn_at = now(), withdrawn_by = $2
          WHERE id = $1 AND withdrawn_at IS NULL RETURNING id`,
        [conflictId, principal.userId],
      );
      if (updated.length === 0) throw new ConflictError(COMMITTEE_ERROR_CODES.conflictWithdrawn);
      await recordAudit(tx, {
        entityType: 'conflict_of_interest',
        entityId: conflictId,
        action: 'conflict_withdrawn',
        actorId: principal.userId,
        districtId: committee.districtId,
        requestId,
      });
      return (await this.views(tx, committee.id, conflictId))[0]!;
    });
  }

  /** Coordinators see the whole register; a member sees their own declarations. */
  async list(principal: Principal, committeeId: string): Promise<{ items: ConflictView[] }> {
    const committee = await this.visibleCommittee(this.dataSource, principal, committeeId);
    const isStaff = principal.roles.some(
      (r) => (r.role === 'coordinator' || r.role === 'admin') && r.districtId === committee.districtId,
    );
    const items = await this.views(this.dataSource, committee.id);
    if (isStaff) return { items };
    const member = await membershipOf(this.dataSource, committee.id, principal);
    return { items: items.filter((item) => item.memberId === member?.id) };
  }

  /** The committee if it belongs to a district where the caller holds a role; 404 otherwise. */
  private async visibleCommittee(
    db: DataSource | EntityManager,
    principal: Principal,
    committeeId: string,
  ): Promise<CommitteeRow> {
    const committee = await committeeById(db, committeeId);
    if (!committee || !principal.roles.some((r) => r.districtId === committee.districtId)) {
      throw new NotFoundError(COMMITTEE_ERROR_CODES.committeeNotFound);
    }
    return committee;
  }

  private async views(
    db: DataSource | EntityManager,
    committeeId: string,
    id?: string,
  ): Promise<ConflictView[]> {
    const rows = (await db.query(
      `SELECT ci.id, ci.committee_member_id, u.display_name, m.department, ci.organisation_id, ci.application_id,
              ci.reason, ci.created_at, ci.withdrawn_at
         FROM conflict_of_interest ci
         JOIN committee_member m ON m.id = ci.committee_member_id
         JOIN app_user u ON u.id = m.user_id
        WHERE m.committee_id = $1 AND ($2::uuid IS NULL OR ci.id = $2)
        ORDER BY ci.created_at`,
      [committeeId, id ?? null],
    )) as Record<string, unknown>[];
    return rows.map((row) => ({
      id: row.id as string,
      memberId: row.committee_member_id as string,
      memberName: row.display_name as string,
      department: row.department as string,
      organisationId: (row.organisation_id as string | null) ?? null,
      applicationId: (row.application_id as string | null) ?? null,
      reason: row.reason as string,
      declaredAt: (row.created_at as Date).toISOString(),
      withdrawnAt: row.withdrawn_at ? (row.withdrawn_at as Date).toISOString() : null,
    }));
  }
}
