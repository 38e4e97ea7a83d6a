import fc from 'fast-check';
import { BusinessRuleError, ForbiddenError, ValidationError } from '../errors/domain-error';
import type { CommitteeRules } from './committee-rules';
import { quorum } from './quorum';
import { withRecusals } from './recusal';
import { tally, type Vote, type VoteChoice } from './tally';

const simple = (abstentionsCountAsCast: boolean): CommitteeRules => ({
  quorumShare: { numerator: 1, denominator: 2 },
  majority: 'simple',
  abstentionsCountAsCast,
});
const twoThirds = (abstentionsCountAsCast: boolean): CommitteeRules => ({
  quorumShare: { numerator: 2, denominator: 3 },
  majority: 'two_thirds',
  abstentionsCountAsCast,
});

const members = (n: number) => Array.from({ length: n }, (_, i) => `m${i + 1}`);

/** A session of `voting` members where the first `present` came, with votes in that order. */
function vote(rules: CommitteeRules, voting: number, choices: VoteChoice[], present = choices.length) {
  const votingMembers = members(voting);
  const session = quorum(rules, {
    votingMembers,
    attendance: votingMembers.slice(0, present).map((memberId) => ({ memberId })),
  });
  const votes = choices.map((choice, i): Vote => ({ memberId: `m${i + 1}`, choice }));
  return tally(rules, votes, session);
}
const times = (n: number, choice: VoteChoice): VoteChoice[] => Array<VoteChoice>(n).fill(choice);

describe('roll-call vote on an agenda item', () => {
  describe('simple majority', () => {
    it('adopts with more yes than no', () => {
      expect(vote(simple(false), 5, ['yes', 'yes', 'no'])).toMatchObject({
        yes: 2,
        no: 1,
        cast: 3,
        outcome: 'adopted',
      });
    });

    it('rejects a tie', () => {
      expect(vote(simple(false), 4, ['yes', 'yes', 'no', 'no'])).toMatchObject({
        cast: 4,
        required: 3,
        outcome: 'rejected',
      });
    });

    it('ignores abstentions when they are not votes cast', () => {
      expect(vote(simple(false), 5, ['yes', 'abstain', 'abstain', 'abstain'])).toMatchObject({
        abstain: 3,
        cast: 1,
        required: 1,
        outcome: 'adopted',
      });
    });

    it('lets abstentions weigh like no when they are votes cast', () => {
      expect(vote(simple(true), 5, ['yes', 'yes', 'no', 'abstain'])).toMatchObject({
        cast: 4,
        required: 3,
        outcome: 'rejected',
      });
      expect(vote(simple(true), 5, ['yes', 'yes', 'yes', 'no', 'abstain'])).toMatchObject({
        outcome: 'adopted',
      });
    });

    it('rejects an item on which everybody abstained', () => {
      expect(vote(simple(false), 3, ['abstain', 'abstain', 'abstain'])).toMatchObject({
        cast: 0,
        required: 1,
        outcome: 'rejected',
      });
      expect(vote(simple(true), 3, ['abstain', 'abstain', 'abstain'])).toMatchObject({
        cast: 3,
        outcome: 'rejected',
      });
    });

    it('rejects an item on which nobody voted, but counts the silent as present', () => {
      expect(vote(simple(false), 3, [], 3)).toMatchObject({
        cast: 0,
        notVoted: 3,
        quorum: { required: 2, present: 3, reached: true },
        outcome: 'rejected',
      });
    });
  });

  describe('two thirds of the votes cast', () => {
    it('adopts with exactly two thirds and rejects just below', () => {
      expect(vote(twoThirds(true), 13, [...times(6, 'yes'), ...times(3, 'no')])).toMatchObject({
        cast: 9,
        required: 6,
        outcome: 'adopted',
      });
      expect(vote(twoThirds(true), 13, [...times(5, 'yes'), ...times(3, 'no'), 'abstain'])).toMatchObject({
        cast: 9,
        outcome: 'rejected',
      });
    });

    it('turns on whether abstentions are cast', () => {
      const choices: VoteChoice[] = [...times(6, 'yes'), ...times(3, 'no'), ...times(2, 'abstain')];
      expect(vote(twoThirds(false), 13, choices)).toMatchObject({ cast: 9, outcome: 'adopted' });
      expect(vote(twoThirds(true), 13, choices)).toMatchObject({
        cast: 11,
        required: 8,
        outcome: 'rejected',
      });
    });

    it('rejects a tie', () => {
      expect(vote(twoThirds(false), 6, ['yes', 'yes', 'no', 'no'])).toMatchObject({ outcome: 'rejected' });
    });
  });

  describe('quorum', () => {
    it('decides nothing in a session without a quorum, however clear the vote', () => {
      expect(vote(twoThirds(true), 13, times(8, 'yes'))).toMatchObject({
        yes: 8,
        quorum: { required: 9, present: 8, reached: false },
        outcome: 'no_quorum',
      });
    });

    it('decides nothing once the session has lost its quorum, although an earlier item was decided', () => {
      const rules = twoThirds(true);
      const votingMembers = members(6);
      const full = quorum(rules, {
        votingMembers,
        attendance: votingMembers.map((memberId) => ({ memberId })),
      });
      const yes = (ids: string[]) => ids.map((memberId): Vote => ({ memberId, choice: 'yes' }));
      expect(tally(rules, yes(votingMembers), full).outcome).toBe('adopted');

      const afterBreak = quorum(rules, {
        votingMembers,
        attendance: ['m1', 'm2', 'm3'].map((memberId) => ({ memberId })),
      });
      expect(tally(rules, yes(['m1', 'm2', 'm3']), afterBreak).outcome).toBe('no_quorum');
    });

    it('takes recused members off the quorum of the item they are conflicted on', () => {
      // 9 of 13 present is exactly the quorum; one recusal leaves 8 who may decide.
      const result = vote(twoThirds(true), 13, ['recused', ...times(8, 'yes')]);
      expect(result).toMatchObject({
        recused: 1,
        yes: 8,
        cast: 8,
        quorum: { required: 9, present: 8, reached: false },
        outcome: 'no_quorum',
      });
    });

    it('does not count recused members as cast when enough others remain', () => {
      const result = vote(simple(true), 5, ['recused', 'recused', 'yes', 'yes', 'no']);
      expect(result).toMatchObject({
        recused: 2,
        cast: 3,
        quorum: { present: 3, required: 3 },
        outcome: 'adopted',
      });
    });

    it('cannot decide an item on which every member present is recused', () => {
      expect(vote(simple(false), 3, ['recused', 'recused', 'recused'])).toMatchObject({
        cast: 0,
        quorum: { present: 0, reached: false },
        outcome: 'no_quorum',
      });
    });
  });

  describe('who may vote', () => {
    const rules = simple(false);
    const session = quorum(rules, {
      votingMembers: ['a', 'b', 'c'],
      attendance: [{ memberId: 'a' }, { memberId: 'sub-b', substituteFor: 'b' }],
    });

    it('records a substitute’s vote under the member’s seat', () => {
      const votes: Vote[] = [
        { memberId: 'a', choice: 'yes' },
        { memberId: 'b', choice: 'yes' },
      ];
      expect(tally(rules, votes, session)).toMatchObject({ yes: 2, outcome: 'adopted' });
    });

    it('refuses a vote from a seat that is not present', () => {
      expect(() => tally(rules, [{ memberId: 'c', choice: 'yes' }], session)).toThrow(BusinessRuleError);
    });

    it('refuses a second vote from the same seat', () => {
      const twice: Vote[] = [
        { memberId: 'a', choice: 'yes' },
        { memberId: 'a', choice: 'no' },
      ];
      expect(() => tally(rules, twice, session)).toThrow(ValidationError);
    });

    it('refuses a conflicted member’s vote and records the recusal instead', () => {
      expect(() => withRecusals([{ memberId: 'a', choice: 'yes' }], ['a'], ['a', 'b'])).toThrow(
        ForbiddenError,
      );
      const votes = withRecusals([{ memberId: 'b', choice: 'yes' }], ['a', 'c'], ['a', 'b']);
      expect(votes).toEqual([
        { memberId: 'b', choice: 'yes' },
        { memberId: 'a', choice: 'recused' },
      ]);
      expect(tally(rules, votes, session)).toMatchObject({
        recused: 1,
        yes: 1,
        quorum: { present: 1, required: 2 },
        outcome: 'no_quorum',
      });
    });
  });

  it('follows the majority formula for any count of votes', () => {
    const counts = fc.record({
      yes: fc.nat(12),
      no: fc.nat(12),
      abstain: fc.nat(12),
      recused: fc.nat(5),
      abstentionsCountAsCast: fc.boolean(),
      majority: fc.constantFrom('simple' as const, 'two_thirds' as const),
    });
    fc.assert(
      fc.property(counts, ({ yes, no, abstain, recused, abstentionsCountAsCast, majority }) => {
        const rules: CommitteeRules = {
          quorumShare: { numerator: 1, denominator: 100 },
          majority,
          abstentionsCountAsCast,
        };
        const choices = [
          ...times(yes, 'yes'),
          ...times(no, 'no'),
          ...times(abstain, 'abstain'),
          ...times(recused, 'recused'),
        ];
        const result = vote(rules, Math.max(choices.length, 1), choices);
        const cast = yes + no + (abstentionsCountAsCast ? abstain : 0);
        const adopted = yes > 0 && (majority === 'simple' ? yes * 2 > cast : yes * 3 >= cast * 2);
        const quorate = yes + no + abstain >= 1;
        expect(result.cast).toBe(cast);
        expect(result.outcome).toBe(!quorate ? 'no_quorum' : adopted ? 'adopted' : 'rejected');
      }),
    );
  });
});
