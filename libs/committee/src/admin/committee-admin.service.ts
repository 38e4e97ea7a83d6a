import { Injectable } from '@nestjs/common';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@kiezfonds/domain';
import { type Principal, UserScope } from '@kiezfonds/identity';
import { queryRows, recordAudit } from '@kiezfonds/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { COMMITTEE_ERROR_CODES } from '../committee.exception';
import {
  type CommitteeRow,
  committeeById,
  currentMembers,
  isStaff,
  type MemberRow,
} from '../votes/committee-membership';

type Db = DataSource | EntityManager;

export interface CommitteeRules {
  quorumNumerator: number;
  quorumDenominator: number;
  majority: 'simple' | 'two_thirds';
  abstentionsCountAsCast: boolean;
}

export interface CommitteeView {
  id: string;
  districtId: string;
  name: string;
  shortName: string;
  rules: CommitteeRules;
  members: (Pick<MemberRow, 'id' | 'userId' | 'displayName' | 'department' | 'voting' | 'substituteForId'> & {
    validFrom: string;
    validTo: string | null;
  })[];
}

export interface NewMember {
  userId: string;
  department: string;
  voting: boolean;
  validFrom: string;
  substituteForId?: string;
}

/**
 * The committees of a district and who sits on them: rules per committee (quorum share,
 * majority, abstentions), members with department and vote, substitutes, and the membership
 * periods, so past decisions keep the members they had. Coordinators and admins of the district
 * change them; every change is audited with what it replaced.
 */
@Injectable()
export class CommitteeAdminService {
  constructor(private readonly dataSource: DataSource) {}

  async list(principal: Principal): Promise<{ items: CommitteeView[] }> {
    const staffDistricts = principal.roles
      .filter((r) => ['coordinator', 'admin', 'finance'].includes(r.role))
      .map((r) => r.districtId);
    const rows = (await this.dataSource.query(
      `SELECT c.id FROM committee c
        WHERE c.district_id = ANY($1::uuid[])
           OR EXISTS (SELECT 1 FROM committee_member m WHERE m.committee_id = c.id AND m.user_id = $2
                        AND m.valid_from <= (now() AT TIME ZONE 'Europe/Berlin')::date
                        AND (m.valid_to IS NULL OR m.valid_to >= (now() AT TIME ZONE 'Europe/Berlin')::date))
        ORDER BY c.name`,
      [staffDistricts, principal.userId],
    )) as { id: string }[];
    const items: CommitteeView[] = [];
    for (const row of rows)
      items.push(await this.view(this.dataSource, (await committeeById(this.dataSource, row.id))!));
    return { items };
  }

  async get(principal: Principal, committeeId: string, db: Db = this.dataSource): Promise<CommitteeView> {
    const committee = await committeeById(db, committeeId);
    const member =
      committee && (await currentMembers(db, committee.id)).some((m) => m.userId === principal.userId);
    if (
      !committee ||
      (!member && !isStaff(principal, committee.districtId, 'coordinator', 'admin', 'finance'))
    ) {
      throw new NotFoundError(COMMITTEE_ERROR_CODES.committeeNotFound);
    }
    return this.view(db, committee);
  }

  async setRules(
    principal: Principal,
    committeeId: string,
    rules: CommitteeRules,
    requestId: string | null,
  ): Promise<CommitteeView> {
    if (rules.quorumNumerator > rules.quorumDenominator) {
      throw new ValidationError([
        {
          field: 'quorumNumerator',
          rule: 'notAboveDenominator',
          params: { denominator: rules.quorumDenominator },
        },
      ]);
    }
    return this.change(
      principal,
      committeeId,
      requestId,
      'committee_rules_changed',
      async (tx, committee) => {
        // A session or vote under way decides by the rules it opened with; changing them now would
        // leave the committee deciding by one set and reading another.
        const [open] = (await tx.query(
          `SELECT (SELECT count(*)::int FROM committee_session WHERE committee_id = $1 AND status = 'open') AS sessions,
                  (SELECT count(*)::int FROM committee_vote WHERE committee_id = $1 AND closed_at IS NULL) AS votes`,
          [committee.id],
        )) as { sessions: number; votes: number }[];
        if (open!.sessions > 0 || open!.votes > 0) {
          throw new ConflictError(COMMITTEE_ERROR_CODES.rulesLockedWhileDeciding, [], {
            sessions: open!.sessions,
            votes: open!.votes,
          });
        }
        await tx.query(
          `UPDATE committee SET quorum_numerator = $2, quorum_denominator = $3, majority = $4,
                abstentions_count_as_cast = $5 WHERE id = $1`,
          [
            committee.id,
            rules.quorumNumerator,
            rules.quorumDenominator,
            rules.majority,
            rules.abstentionsCountAsCast,
          ],
        );
        return { before: rulesOf(committee), after: rules };
      },
    );
  }

  async addMember(
    principal: Principal,
    committeeId: string,
    input: NewMember,
    requestId: string | null,
  ): Promise<CommitteeView> {
    return this.change(principal, committeeId, requestId, 'committee_member_added', async (tx, committee) => {
      // Membership hands out the board member role: the person must be someone the caller could
      // grant that role to (users.service grantRole), and another district's staff answer exactly
      // as an unknown id does, so the route tells nothing about them.
      const user = await UserScope.of(principal, ['admin', 'coordinator'])
        .findUser(tx, input.userId)
        .catch((error: unknown) => {
          if (error instanceof NotFoundError) return null;
          throw error;
        });
      if (user?.status !== 'active') throw new ValidationError([{ field: 'userId', rule: 'exists' }]);
      if (input.substituteForId) {
        const seat = (await currentMembers(tx, committee.id)).find((m) => m.id === input.substituteForId);
        if (!seat) throw new ValidationError([{ field: 'substituteForId', rule: 'exists' }]);
        if (!seat.voting || seat.substituteForId !== null) {
          throw new ValidationError([{ field: 'substituteForId', rule: 'votingMember' }]);
        }
      }
      const overlapping = (await tx.query(
        `SELECT 1 FROM committee_member WHERE committee_id = $1 AND user_id = $2
            AND (valid_to IS NULL OR valid_to >= $3::date)`,
        [committee.id, input.userId, input.validFrom],
      )) as unknown[];
      if (overlapping.length > 0) throw new ConflictError(COMMITTEE_ERROR_CODES.membershipOverlaps);
      const [row] = (await tx.query(
        `INSERT INTO committee_member (committee_id, user_id, department, voting, valid_from, substitute_for_id)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [
          committee.id,
          input.userId,
          input.department,
          // A substitute votes in the seat of the member they stand in for.
          input.substituteForId ? true : input.voting,
          input.validFrom,
          input.substituteForId ?? null,
        ],
      )) as { id: string }[];
      // Committee members work in the app as board members of the district.
      await tx.query(
        `INSERT INTO role_assignment (user_id, role, district_id) VALUES ($1, 'board_member', $2)
         ON CONFLICT (user_id, role, district_id) DO NOTHING`,
        [input.userId, committee.districtId],
      );
      return { memberId: row!.id, ...input };
    });
  }

  async endMembership(
    principal: Principal,
    committeeId: string,
    memberId: string,
    validTo: string,
    requestId: string | null,
  ): Promise<CommitteeView> {
    return this.change(principal, committeeId, requestId, 'committee_member_ended', async (tx, committee) => {
      const [member] = (await tx.query(
        `SELECT id, to_char(valid_from, 'YYYY-MM-DD') AS valid_from, valid_to FROM committee_member
          WHERE id = $1 AND committee_id = $2 FOR UPDATE`,
        [memberId, committee.id],
      )) as { id: string; valid_from: string; valid_to: Date | null }[];
      if (!member) throw new NotFoundError(COMMITTEE_ERROR_CODES.memberNotFound);
      if (member.valid_to) throw new ConflictError(COMMITTEE_ERROR_CODES.membershipEnded);
      if (validTo < member.valid_from) {
        throw new ValidationError([
          { field: 'validTo', rule: 'notBeforeStart', params: { start: member.valid_from } },
        ]);
      }
      await queryRows(tx, `UPDATE committee_member SET valid_to = $2 WHERE id = $1 RETURNING id`, [
        member.id,
        validTo,
      ]);
      return { memberId, validTo };
    });
  }

  private async change(
    principal: Principal,
    committeeId: string,
    requestId: string | null,
    action: string,
    work: (tx: EntityManager, committee: CommitteeRow) => Promise<Record<string, unknown>>,
  ): Promise<CommitteeView> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT 1 FROM committee WHERE id = $1 FOR UPDATE`, [committeeId]);
      const committee = await committeeById(tx, committeeId);
      if (!committee || !principal.roles.some((r) => r.districtId === committee.districtId)) {
        throw new NotFoundError(COMMITTEE_ERROR_CODES.committeeNotFound);
      }
      if (!isStaff(principal, committee.districtId, 'coordinator', 'admin'))
        throw new ForbiddenError('forbidden');
      const payload = await work(tx, committee);
      await recordAudit(tx, {
        entityType: 'committee',
        entityId: committee.id,
        action,
        actorId: principal.userId,
        districtId: committee.districtId,
        payload,
        requestId,
      });
      return this.view(tx, (await committeeById(tx, committee.id))!);
    });
  }

  private async view(db: Db, committee: CommitteeRow): Promise<CommitteeView> {
    const periods = (await db.query(
      `SELECT id, to_char(valid_from, 'YYYY-MM-DD') AS valid_from, to_char(valid_to, 'YYYY-MM-DD') AS valid_to
         FROM committee_member WHERE committee_id = $1`,
      [committee.id],
    )) as { id: string; valid_from: string; valid_to: string | null }[];
    const periodOf = new Map(periods.map((p) => [p.id, p]));
    return {
      id: committee.id,
      districtId: committee.districtId,
      name: committee.name,
      shortName: committee.shortName,
      rules: rulesOf(committee),
      members: (await currentMembers(db, committee.id)).map((m) => ({
        id: m.id,
        userId: m.userId,
        displayName: m.displayName,
        department: m.department,
        voting: m.voting,
        substituteForId: m.substituteForId,
        validFrom: periodOf.get(m.id)!.valid_from,
        validTo: periodOf.get(m.id)!.valid_to,
      })),
    };
  }
}

function rulesOf(committee: CommitteeRow): CommitteeRules {
  return {
    quorumNumerator: committee.quorumNumerator,
    quorumDenominator: committee.quorumDenominator,
    majority: committee.majority,
    abstentionsCountAsCast: committee.abstentionsCountAsCast,
  };
}
