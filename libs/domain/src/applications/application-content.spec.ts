import { ValidationError } from '../errors/domain-error';
import { draftContentSchema, parseDraftContent } from './application-content';
import { exampleContent } from './example-content';

function detailsOf(input: unknown) {
  try {
    parseDraftContent(input);
  } catch (error) {
    if (error instanceof ValidationError) return error.details;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('the draft content of an application', () => {
  it('may be empty: a draft is saved long before it is complete', () => {
    expect(parseDraftContent({})).toEqual({});
    expect(parseDraftContent({ costPlan: [{ amountCents: '0' }], declarations: {} })).toEqual({
      costPlan: [{ amountCents: '0' }],
      declarations: {},
    });
  });

  it('keeps complete content as it is', () => {
    expect(parseDraftContent(exampleContent())).toEqual(exampleContent());
  });

  it('drops cleared fields instead of refusing them', () => {
    expect(
      parseDraftContent({
        periodStart: '',
        periodEnd: null,
        costPlan: [{ cashYear: '', category: '', amountCents: '100' }],
      }),
    ).toEqual({ costPlan: [{ amountCents: '100' }] });
  });

  it('names the offending field with a readable path and a rule that has a message', () => {
    expect(
      detailsOf({
        summary: 42,
        periodStart: '2027-02-30',
        costPlan: [{ cashYear: 2027, category: 'travel', amountCents: '12,50' }],
        financingPlan: [{ cashYear: 1999 }],
        actionFieldIds: ['not-a-uuid'],
        declarations: { projectNotStarted: 'ja' },
        budget: '1000',
      }),
    ).toEqual([
      { field: 'content.summary', rule: 'type' },
      { field: 'content.actionFieldIds[0]', rule: 'isUuid' },
      { field: 'content.periodStart', rule: 'isDateString' },
      { field: 'content.costPlan[0].category', rule: 'isIn' },
      { field: 'content.costPlan[0].amountCents', rule: 'cents' },
      { field: 'content.financingPlan[0].cashYear', rule: 'min', params: { min: 2000 } },
      { field: 'content.declarations.projectNotStarted', rule: 'type' },
      { field: 'content.budget', rule: 'unknown_field' },
    ]);
  });

  it('never takes a cost line without a valid amount (issue 19: such a row broke the cost plan for good)', () => {
    for (const amountCents of [undefined, '', null]) {
      expect(detailsOf({ costPlan: [{ cashYear: 2027, category: 'fees', amountCents }] })).toEqual([
        { field: 'content.costPlan[0].amountCents', rule: 'required' },
      ]);
    }
    for (const amountCents of ['abc', '-10000', '100,00']) {
      expect(detailsOf({ costPlan: [{ cashYear: 2027, category: 'fees', amountCents }] })).toEqual([
        { field: 'content.costPlan[0].amountCents', rule: 'cents' },
      ]);
    }
  });

  it('bounds lengths and list sizes', () => {
    expect(
      detailsOf({ summary: 'x'.repeat(5001), targetGroups: Array.from({ length: 21 }, () => 'Familien') }),
    ).toEqual([
      { field: 'content.summary', rule: 'maxLength', params: { max: 5000 } },
      { field: 'content.targetGroups', rule: 'arrayMaxSize', params: { max: 20 } },
    ]);
  });

  it('takes amounts only as strings of cents', () => {
    expect(draftContentSchema.safeParse({ financingPlan: [{ requestedCents: 1000 }] }).success).toBe(false);
    expect(draftContentSchema.safeParse({ financingPlan: [{ requestedCents: '-1000' }] }).success).toBe(
      false,
    );
    expect(draftContentSchema.safeParse({ financingPlan: [{ requestedCents: '0' }] }).success).toBe(true);
  });
});
