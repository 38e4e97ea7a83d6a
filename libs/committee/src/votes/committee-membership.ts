import type { CommitteeRules } from '@kiezfonds/domain';
import type { Principal } from '@kiezfonds/identity';
import type { DataSource, EntityManager } from 'typeorm';

export interface CommitteeRow {
  id: string;
  districtId: string;
  name: string;
  shortName: string;
  quorumNumerator: number;
  quorumDenominator: number;
  majority: 'simple' | 'two_thirds';
  abstentionsCountAsCast: boolean;
}

export interface MemberRow {
  id: string;
  userId: string;
  displayName: string;
  department: string;
  voting: boolean;
  /** The voting member this one stands in for (Stellvertretung), or null for a member in their own right. */
  substituteForId: string | null;
}

type Db = DataSource | EntityManager;

export async function committeeById(db: Db, id: string): Promise<CommitteeRow | null> {
  const [row] = (await db.query(
    `SELECT id, district_id, name, short_name, quorum_numerator, quorum_denominator, majority, abstentions_count_as_cast
       FROM committee WHERE id = $1`,
    [id],
  )) as Record<string, unknown>[];
  return row ? committeeOf(row) : null;
}

/** The committee that decides on a district's Netzwerkfonds applications (the first by name). */
export async function committeeOfDistrict(db: Db, districtId: string): Promise<CommitteeRow | null> {
  const [row] = (await db.query(
    `SELECT id, district_id, name, short_name, quorum_numerator, quorum_denominator, majority, abstentions_count_as_cast
       FROM committee WHERE district_id = $1 ORDER BY name LIMIT 1`,
    [districtId],
  )) as Record<string, unknown>[];
  return row ? committeeOf(row) : null;
}

/** Members whose membership covers today (Berlin), voting and advisory, by department. */
export async function currentMembers(db: Db, committeeId: string): Promise<MemberRow[]> {
  const rows = (await db.query(
    `SELECT m.id, m.user_id, u.display_name, m.department, m.voting, m.substitute_for_id
       FROM committee_member m JOIN app_user u ON u.id = m.user_id
      WHERE m.committee_id = $1
        AND m.valid_from <= (now() AT TIME ZONE 'Europe/Berlin')::date
        AND (m.valid_to IS NULL OR m.valid_to >= (now() AT TIME ZONE 'Europe/Berlin')::date)
      ORDER BY m.department`,
    [committeeId],
  )) as {
    id: string;
    user_id: string;
    display_name: string;
    department: string;
    voting: boolean;
    substitute_for_id: string | null;
  }[];
  return rows.map((row) => ({
    id: row.id,
    userId: row.user_id,
    displayName: row.display_name,
    department: row.department,
    voting: row.voting,
    substituteForId: row.substitute_for_id,
  }));
}

/** The seats: current voting members in their own right (substitutes vote only in their place). */
export function votingSeats(members: readonly MemberRow[]): MemberRow[] {
  return members.filter((member) => member.voting && member.substituteForId === null);
}

/** A seat in a written vote's electorate, and whether its member still holds it today (Berlin). */
export interface ElectorSeat extends MemberRow {
  held: boolean;
}

/** A membership row `m` covers today in Berlin, as `currentMembers` reads it. */
const HELD_TODAY = `m.valid_from <= (now() AT TIME ZONE 'Europe/Berlin')::date
        AND (m.valid_to IS NULL OR m.valid_to >= (now() AT TIME ZONE 'Europe/Berlin')::date)`;

/**
 * Fixes a written vote's electorate as it opens: the voting seats in their own right held today,
 * conflicted members included (they answer `recused`). Set-based, in the opening's transaction,
 * under the committee's share lock, so no membership change slips in between. Answers the seats.
 */
export async function recordElectorate(
  tx: EntityManager,
  voteId: string,
  committeeId: string,
): Promise<string[]> {
  const rows = (await tx.query(
    `INSERT INTO committee_vote_electorate (vote_id, committee_member_id)
     SELECT $1, m.id FROM committee_member m
      WHERE m.committee_id = $2 AND m.voting AND m.substitute_for_id IS NULL AND ${HELD_TODAY}
     RETURNING committee_member_id`,
    [voteId, committeeId],
  )) as { committee_member_id: string }[];
  return rows.map((row) => row.committee_member_id);
}

/**
 * The electorate a written vote stored when it opened, by department: the one list of who may
 * answer, who counts for the quorum and the result, who is missing and reminded, and whom the
 * minutes name. A member whose seat ended since stays in it (`held: false`): the vote opened to
 * them, so a ballot they cast still counts and one they did not cast is missing.
 */
export async function electorateOf(db: Db, voteId: string): Promise<ElectorSeat[]> {
  const rows = (await db.query(
    `SELECT m.id, m.user_id, u.display_name, m.department, m.voting, m.substitute_for_id, ${HELD_TODAY} AS held
       FROM committee_vote_electorate e
       JOIN committee_member m ON m.id = e.committee_member_id
       JOIN app_user u ON u.id = m.user_id
      WHERE e.vote_id = $1
      ORDER BY m.department, u.display_name, m.id`,
    [voteId],
  )) as {
    id: string;
    user_id: string;
    display_name: string;
    department: string;
    voting: boolean;
    substitute_for_id: string | null;
    held: boolean;
  }[];
  return rows.map((row) => ({
    id: row.id,
    userId: row.user_id,
    displayName: row.display_name,
    department: row.department,
    voting: row.voting,
    substituteForId: row.substitute_for_id,
    held: row.held,
  }));
}

/** The caller's current membership in the committee, if any. */
export async function membershipOf(
  db: Db,
  committeeId: string,
  principal: Principal,
): Promise<MemberRow | null> {
  return (await currentMembers(db, committeeId)).find((member) => member.userId === principal.userId) ?? null;
}

function committeeOf(row: Record<string, unknown>): CommitteeRow {
  return {
    id: row.id as string,
    districtId: row.district_id as string,
    name: row.name as string,
    shortName: row.short_name as string,
    quorumNumerator: row.quorum_numerator as number,
    quorumDenominator: row.quorum_denominator as number,
    majority: row.majority as CommitteeRow['majority'],
    abstentionsCountAsCast: row.abstentions_count_as_cast as boolean,
  };
}

/** The committee's decision rules in the form the domain's quorum and tally take. */
export function rulesOf(committee: CommitteeRow): CommitteeRules {
  return {
    quorumShare: { numerator: committee.quorumNumerator, denominator: committee.quorumDenominator },
    majority: committee.majority,
    abstentionsCountAsCast: committee.abstentionsCountAsCast,
  };
}

/** The rule columns a vote or session stores (same names as the committee's). */
export const RULE_COLUMNS = 'quorum_numerator, quorum_denominator, majority, abstentions_count_as_cast';

/** The committee's rules as values for `RULE_COLUMNS`, in that order. */
export function ruleValues(committee: CommitteeRow): [number, number, string, boolean] {
  return [
    committee.quorumNumerator,
    committee.quorumDenominator,
    committee.majority,
    committee.abstentionsCountAsCast,
  ];
}

/**
 * The rules a vote or session recorded when it opened (TRUST.md: what was decided is recorded with
 * the rules in force at that moment); `null` for a session not opened yet.
 */
export function storedRules(row: {
  quorum_numerator?: unknown;
  quorum_denominator?: unknown;
  majority?: unknown;
  abstentions_count_as_cast?: unknown;
}): CommitteeRules | null {
  if (row.quorum_numerator === null || row.quorum_numerator === undefined) return null;
  return {
    quorumShare: { numerator: row.quorum_numerator as number, denominator: row.quorum_denominator as number },
    majority: row.majority as CommitteeRules['majority'],
    abstentionsCountAsCast: row.abstentions_count_as_cast as boolean,
  };
}

/**
 * The committee, its row share-locked for the caller's transaction: opening a vote or a session
 * records the rules as they are, and a rule change (which takes the row's update lock and refuses
 * while anything is open) cannot slip in between.
 */
export async function committeeForOpening(tx: EntityManager, committeeId: string): Promise<CommitteeRow> {
  await tx.query(`SELECT 1 FROM committee WHERE id = $1 FOR SHARE`, [committeeId]);
  return (await committeeById(tx, committeeId))!;
}

/** Whether the principal holds one of the roles in the district. */
export function isStaff(principal: Principal, districtId: string, ...roles: string[]): boolean {
  return principal.roles.some((r) => r.districtId === districtId && roles.includes(r.role));
}
