import { BusinessRuleError, ValidationError } from '../errors/domain-error';
import { type CommitteeRules, TWO_THIRDS_RULES } from './committee-rules';
import type { Vote, VoteChoice } from './tally';
import { writtenVoteOutcome } from './written-procedure';

const SIX = ['a', 'b', 'c', 'd', 'e', 'f'];
const votes = (...choices: [string, VoteChoice][]): Vote[] =>
  choices.map(([memberId, choice]) => ({ memberId, choice }));
const simple: CommitteeRules = {
  quorumShare: { numerator: 1, denominator: 2 },
  majority: 'simple',
  abstentionsCountAsCast: false,
};

describe('written procedure (Umlaufverfahren)', () => {
  it('stays open before the deadline while members have not answered, naming them for reminders', () => {
    const result = writtenVoteOutcome(TWO_THIRDS_RULES, SIX, votes(['a', 'yes'], ['c', 'no']), {
      deadlinePassed: false,
    });
    expect(result).toEqual({ state: 'open', eligible: 6, responded: 2, missing: ['b', 'd', 'e', 'f'] });
  });

  it('closes early once every eligible member has answered, recusals included', () => {
    const all = votes(['a', 'yes'], ['b', 'yes'], ['c', 'yes'], ['d', 'yes'], ['e', 'no'], ['f', 'recused']);
    const result = writtenVoteOutcome(TWO_THIRDS_RULES, SIX, all, { deadlinePassed: false });
    expect(result).toMatchObject({
      state: 'closed',
      closedBecause: 'all_voted',
      missing: [],
      tally: {
        yes: 4,
        no: 1,
        recused: 1,
        cast: 5,
        quorum: { required: 4, present: 5, reached: true },
        outcome: 'adopted',
      },
    });
  });

  it('closes at the deadline with the answers given, when enough members took part', () => {
    const some = votes(['a', 'yes'], ['b', 'yes'], ['c', 'yes'], ['d', 'abstain']);
    expect(writtenVoteOutcome(TWO_THIRDS_RULES, SIX, some, { deadlinePassed: true })).toMatchObject({
      state: 'closed',
      closedBecause: 'deadline_passed',
      missing: ['e', 'f'],
      tally: { cast: 4, quorum: { present: 4, reached: true }, outcome: 'adopted' },
    });
  });

  it('counts abstaining as taking part, but not recusing or staying silent', () => {
    const answers = votes(['a', 'yes'], ['b', 'yes'], ['c', 'abstain'], ['d', 'recused']);
    expect(writtenVoteOutcome(TWO_THIRDS_RULES, SIX, answers, { deadlinePassed: true })).toMatchObject({
      tally: { quorum: { required: 4, present: 3, reached: false }, outcome: 'no_quorum' },
    });
  });

  it('has no quorum when nobody answered by the deadline', () => {
    expect(writtenVoteOutcome(TWO_THIRDS_RULES, SIX, [], { deadlinePassed: true })).toMatchObject({
      state: 'closed',
      responded: 0,
      tally: { cast: 0, outcome: 'no_quorum' },
    });
  });

  it('rejects a tie and an item that only got abstentions', () => {
    const tie = votes(['a', 'yes'], ['b', 'yes'], ['c', 'no'], ['d', 'no']);
    expect(writtenVoteOutcome(simple, SIX, tie, { deadlinePassed: true })).toMatchObject({
      tally: { outcome: 'rejected' },
    });
    const abstained = votes(['a', 'abstain'], ['b', 'abstain'], ['c', 'abstain']);
    expect(writtenVoteOutcome(simple, SIX, abstained, { deadlinePassed: true })).toMatchObject({
      tally: { cast: 0, quorum: { reached: true }, outcome: 'rejected' },
    });
  });

  it('refuses answers from members who are not eligible and second answers', () => {
    expect(() => writtenVoteOutcome(simple, SIX, votes(['z', 'yes']), { deadlinePassed: false })).toThrow(
      BusinessRuleError,
    );
    expect(() =>
      writtenVoteOutcome(simple, SIX, votes(['a', 'yes'], ['a', 'no']), { deadlinePassed: false }),
    ).toThrow(ValidationError);
  });
});
