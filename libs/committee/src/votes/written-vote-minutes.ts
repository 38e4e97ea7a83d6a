import { Injectable } from '@nestjs/common';
import { ConflictError, Money, type Tally } from '@kiezfonds/domain';
import { type MinutesInput, type MinutesVote, renderMinutes } from '@kiezfonds/documents';
import type { Principal } from '@kiezfonds/identity';
import { DataSource } from 'typeorm';
import { COMMITTEE_ERROR_CODES } from '../committee.exception';
import { currentMembers } from './committee-membership';
import { WrittenVoteService } from './written-vote.service';

/**
 * The minutes (Protokoll) of a closed written vote as a PDF: the rules that applied, every voting
 * member's vote by name and time (recusals and members who did not answer included), the quorum
 * and the result, as recorded when the vote closed.
 */
@Injectable()
export class WrittenVoteMinutes {
  constructor(
    private readonly dataSource: DataSource,
    private readonly votes: WrittenVoteService,
  ) {}

  async pdf(principal: Principal, voteId: string): Promise<{ fileName: string; content: Buffer }> {
    const view = await this.votes.get(principal, voteId);
    if (view.state !== 'closed') throw new ConflictError(COMMITTEE_ERROR_CODES.voteStillOpen);
    const [row] = (await this.dataSource.query(
      `SELECT v.motion, v.opened_at, v.deadline, v.closed_at, v.tally, v.outcome,
              cm.name AS committee, cm.quorum_numerator, cm.quorum_denominator, cm.majority,
              cm.abstentions_count_as_cast, opener.display_name AS opener,
              a.title, a.reference, a.requested_cents, o.name AS carrier,
              d.name AS district, d.office_name, d.office_unit, d.office_street, d.office_postal_code,
              d.office_city, d.office_email
         FROM committee_vote v
         JOIN committee cm ON cm.id = v.committee_id
         JOIN district d ON d.id = cm.district_id
         JOIN app_user opener ON opener.id = v.opened_by
         JOIN application a ON a.id = v.application_id
         JOIN organisation o ON o.id = a.organisation_id
        WHERE v.id = $1`,
      [voteId],
    )) as Record<string, unknown>[];
    const r = row!;
    const ballots = (await this.dataSource.query(
      `SELECT committee_member_id, choice, cast_at FROM committee_ballot WHERE vote_id = $1`,
      [voteId],
    )) as { committee_member_id: string; choice: MinutesVote['choice']; cast_at: Date }[];
    const byMember = new Map(ballots.map((ballot) => [ballot.committee_member_id, ballot]));
    const voting = (await currentMembers(this.dataSource, view.committeeId)).filter(
      (member) => member.voting,
    );
    // As recorded when the vote closed, not recomputed: the minutes show what was decided.
    const tally = r.tally as Tally;
    const quorum = {
      participating: tally.quorum.present,
      votingMembers: voting.length,
      required: tally.quorum.required,
      met: tally.quorum.reached,
    };
    const input: MinutesInput = {
      locale: principal.language,
      issuer: {
        district: `Bezirksamt ${r.district as string} von Berlin`,
        office: r.office_name as string,
        unit: (r.office_unit as string | null) ?? undefined,
        address: {
          street: (r.office_street as string | null) ?? '',
          postalCode: (r.office_postal_code as string | null) ?? '',
          city: r.office_city as string,
        },
        contact: { name: r.opener as string, email: (r.office_email as string | null) ?? undefined },
      },
      committee: r.committee as string,
      procedure: {
        kind: 'written',
        openedAt: (r.opened_at as Date).toISOString(),
        deadline: (r.deadline as Date).toISOString(),
        closedAt: (r.closed_at as Date).toISOString(),
      },
      chair: r.opener as string,
      minuteTaker: r.opener as string,
      rules: {
        quorumShare: { numerator: r.quorum_numerator as number, denominator: r.quorum_denominator as number },
        majority: r.majority === 'two_thirds' ? 'two-thirds' : 'simple',
        abstentionsCountAsCast: r.abstentions_count_as_cast as boolean,
      },
      items: [
        {
          title: r.title as string,
          carrier: r.carrier as string,
          reference: r.reference as string,
          requestedAmount: Money.fromCents(String(r.requested_cents ?? '0')),
          discussion: r.motion as string,
          quorum,
          votes: voting.map((member) => {
            const ballot = byMember.get(member.id);
            return {
              name: member.displayName,
              choice: ballot?.choice ?? 'none',
              castAt: ballot?.cast_at.toISOString(),
            };
          }),
          outcome: r.outcome === 'no_quorum' ? 'no-quorum' : (r.outcome as 'adopted' | 'rejected'),
        },
      ],
      recordedOn: (r.closed_at as Date).toISOString(),
    };
    return {
      fileName: `protokoll-umlaufverfahren-${r.reference as string}.pdf`,
      content: await renderMinutes(input),
    };
  }
}
