import { ERROR_MESSAGES, VALIDATION_MESSAGES } from '../errors/messages';
import { applicationProblems, declarationProblems } from './application-problems';
import { contentIssueDetails, draftContentSchema } from './application-content';
import { exampleRules } from './example-content';
import { LIFECYCLE_CHECKS } from './lifecycle-facts';
import { passingFacts } from './lifecycle-paths';

describe('messages for the application rules', () => {
  it('exist in German and English for every refusal of the lifecycle', () => {
    const facts = { ...passingFacts(), replyDeadline: new Date() };
    const codes = [
      'event_not_allowed',
      'event_forbidden_for_role',
      ...Object.values(LIFECYCLE_CHECKS).map((check) => check.refusal(facts, []).code),
    ];
    expect(codes.filter((code) => !ERROR_MESSAGES[code])).toEqual([]);
  });

  it('exist for every rule the completeness check and the draft schema report', () => {
    const rules = new Set([
      ...applicationProblems(
        {
          goals: [{}],
          actionFieldIds: ['x', 'x'],
          periodStart: '2020-05-01',
          periodEnd: '2020-01-01',
          costPlan: [{ cashYear: 2030, amountCents: '5' }],
          financingPlan: [{ cashYear: 2030, thirdPartyCents: '1' }, { cashYear: 2030 }],
        },
        exampleRules({ requiredAttachmentKeys: ['cv'] }),
      ).map((p) => p.rule),
      'amount_below_minimum',
      'amount_above_maximum',
      'nothing_requested',
      ...declarationProblems({}).map((p) => p.rule),
    ]);
    const parsed = draftContentSchema.safeParse({
      summary: 1,
      goals: Array.from({ length: 21 }, () => ({})),
      areaIds: ['no'],
      periodStart: 'morgen',
      costPlan: [{ cashYear: 1900, category: 'travel', amountCents: 'viel' }],
      other: true,
    });
    for (const detail of contentIssueDetails(parsed.error?.issues ?? [])) rules.add(detail.rule);
    expect(rules.size).toBeGreaterThan(15);
    expect([...rules].filter((rule) => !VALIDATION_MESSAGES[rule])).toEqual([]);
  });
});
