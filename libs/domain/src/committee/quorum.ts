import { ValidationError } from '../errors/domain-error';
import { type CommitteeRules, quorumRequired } from './committee-rules';

/**
 * One person in the room. A member comes in person (`substituteFor` absent); a substitute
 * (Stellvertretung) comes for the voting member named in `substituteFor` and holds that member's
 * vote for the session.
 */
export interface AttendanceEntry {
  memberId: string;
  substituteFor?: string;
}

/** A voting member's seat that is filled in the room, and who holds its vote. */
export interface PresentSeat {
  /** The voting member whose vote this is; votes are recorded under this id. */
  memberId: string;
  /** The person who casts it: the member, or the substitute standing in. */
  heldBy: string;
}

export interface QuorumState {
  votingMembers: number;
  required: number;
  present: number;
  reached: boolean;
  /** The filled seats in the order of `votingMembers`. */
  seats: readonly PresentSeat[];
}

export interface Attendance {
  /** Ids of the committee's voting members; advisory members are not listed. */
  votingMembers: readonly string[];
  attendance: readonly AttendanceEntry[];
}

/**
 * Whether the session has a quorum (Beschlussfähigkeit). Counted are *seats*, not people: a voting
 * member present in person or represented by a substitute fills a seat, and a seat counts once
 * however many people came for it (in person wins over a substitute, then the first substitute
 * recorded). Advisory members, and substitutes for anyone who is not a voting member, attend
 * without counting. A person listed twice is an input error.
 *
 * Call it again whenever the attendance changes: a session that loses members loses its quorum
 * for every later item.
 */
export function quorum(rules: CommitteeRules, { votingMembers, attendance }: Attendance): QuorumState {
  const seen = new Set<string>();
  const inPerson = new Set<string>();
  const substitutes = new Map<string, string>();
  for (const entry of attendance) {
    if (seen.has(entry.memberId)) {
      throw new ValidationError([
        { field: 'attendance', rule: 'duplicate', params: { memberId: entry.memberId } },
      ]);
    }
    seen.add(entry.memberId);
    if (entry.substituteFor === undefined) inPerson.add(entry.memberId);
    else if (!substitutes.has(entry.substituteFor)) substitutes.set(entry.substituteFor, entry.memberId);
  }

  const seats: PresentSeat[] = [];
  for (const memberId of new Set(votingMembers)) {
    const heldBy = inPerson.has(memberId) ? memberId : substitutes.get(memberId);
    if (heldBy !== undefined) seats.push({ memberId, heldBy });
  }
  const voting = new Set(votingMembers).size;
  const required = quorumRequired(rules, voting);
  return { votingMembers: voting, required, present: seats.length, reached: seats.length >= required, seats };
}
