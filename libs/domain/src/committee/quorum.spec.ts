import { ValidationError } from '../errors/domain-error';
import { type CommitteeRules, quorumRequired, TWO_THIRDS_RULES } from './committee-rules';
import { quorum } from './quorum';

const THIRTEEN = Array.from({ length: 13 }, (_, i) => `m${i + 1}`);
const inPerson = (...ids: string[]) => ids.map((memberId) => ({ memberId }));
const half: CommitteeRules = { ...TWO_THIRDS_RULES, quorumShare: { numerator: 1, denominator: 2 } };

describe('quorum of a committee session', () => {
  it('needs the share of all voting members, rounded up: 9 of 13 for two thirds', () => {
    expect(quorumRequired(TWO_THIRDS_RULES, 13)).toBe(9);
    expect(quorumRequired(TWO_THIRDS_RULES, 12)).toBe(8);
    expect(quorumRequired(half, 13)).toBe(7);
    expect(quorumRequired(half, 12)).toBe(6);
  });

  it('is reached with exactly the required number present and missed with one fewer', () => {
    expect(
      quorum(TWO_THIRDS_RULES, { votingMembers: THIRTEEN, attendance: inPerson(...THIRTEEN.slice(0, 9)) }),
    ).toMatchObject({ votingMembers: 13, required: 9, present: 9, reached: true });
    expect(
      quorum(TWO_THIRDS_RULES, { votingMembers: THIRTEEN, attendance: inPerson(...THIRTEEN.slice(0, 8)) }),
    ).toMatchObject({ required: 9, present: 8, reached: false });
  });

  it('counts a substitute for an absent voting member as that member', () => {
    const state = quorum(TWO_THIRDS_RULES, {
      votingMembers: THIRTEEN,
      attendance: [...inPerson(...THIRTEEN.slice(0, 8)), { memberId: 'sub-m13', substituteFor: 'm13' }],
    });
    expect(state).toMatchObject({ present: 9, reached: true });
    expect(state.seats.at(-1)).toEqual({ memberId: 'm13', heldBy: 'sub-m13' });
  });

  it('counts a seat once when the member and a substitute both come, and the member holds the vote', () => {
    const state = quorum(TWO_THIRDS_RULES, {
      votingMembers: ['a', 'b', 'c'],
      attendance: [
        { memberId: 'sub-a', substituteFor: 'a' },
        { memberId: 'a' },
        { memberId: 'sub-a-2', substituteFor: 'a' },
      ],
    });
    expect(state.present).toBe(1);
    expect(state.seats).toEqual([{ memberId: 'a', heldBy: 'a' }]);
  });

  it('does not count advisory members or their substitutes', () => {
    const state = quorum(TWO_THIRDS_RULES, {
      votingMembers: ['a', 'b', 'c'],
      attendance: [
        { memberId: 'advisor' },
        { memberId: 'sub-advisor', substituteFor: 'advisor' },
        { memberId: 'a' },
      ],
    });
    expect(state).toMatchObject({ required: 2, present: 1, reached: false });
  });

  it('is lost when members leave during the session', () => {
    const rules = TWO_THIRDS_RULES;
    const votingMembers = ['a', 'b', 'c', 'd', 'e', 'f'];
    expect(quorum(rules, { votingMembers, attendance: inPerson('a', 'b', 'c', 'd') }).reached).toBe(true);
    expect(quorum(rules, { votingMembers, attendance: inPerson('a', 'b', 'c') }).reached).toBe(false);
  });

  it('is never reached in an empty room, even for a committee without voting members', () => {
    expect(quorum(TWO_THIRDS_RULES, { votingMembers: [], attendance: [] })).toMatchObject({
      required: 1,
      present: 0,
      reached: false,
    });
  });

  it('refuses a person recorded twice and rules with an impossible share', () => {
    expect(() => quorum(TWO_THIRDS_RULES, { votingMembers: ['a'], attendance: inPerson('a', 'a') })).toThrow(
      ValidationError,
    );
    const impossible = { ...TWO_THIRDS_RULES, quorumShare: { numerator: 4, denominator: 3 } };
    expect(() => quorumRequired(impossible, 3)).toThrow(
      expect.objectContaining({ details: [{ field: 'rules.quorumShare', rule: 'quorumShare' }] }),
    );
    const zero = { ...TWO_THIRDS_RULES, quorumShare: { numerator: 1, denominator: 0 } };
    expect(() => quorumRequired(zero, 3)).toThrow(ValidationError);
  });
});
