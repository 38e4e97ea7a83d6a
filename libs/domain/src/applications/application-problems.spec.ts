import { Money } from '../money/money';
import type { ApplicationContent } from './application-content';
import { applicationProblems, declarationProblems, declarationsConfirmed } from './application-problems';
import { ACTION_FIELD, AREA, exampleContent, exampleRules } from './example-content';

const problemsOf = (change: (content: ApplicationContent) => void, rules = exampleRules()) => {
  const content = exampleContent();
  change(content);
  return applicationProblems(content, rules);
};

describe('what keeps an application from being submitted', () => {
  it('is nothing for complete, consistent content', () => {
    expect(applicationProblems(exampleContent(), exampleRules())).toEqual([]);
  });

  it('lists every required part of an empty draft, in the order of the form', () => {
    expect(applicationProblems({}, exampleRules())).toEqual([
      { field: 'summary', rule: 'required' },
      { field: 'goals', rule: 'arrayNotEmpty' },
      { field: 'targetGroups', rule: 'arrayNotEmpty' },
      { field: 'actionFieldIds', rule: 'arrayNotEmpty' },
      { field: 'areaIds', rule: 'arrayNotEmpty' },
      { field: 'periodStart', rule: 'required' },
      { field: 'periodEnd', rule: 'required' },
      { field: 'costPlan', rule: 'arrayNotEmpty' },
      { field: 'financingPlan', rule: 'arrayNotEmpty' },
      { field: 'evaluationConcept', rule: 'required' },
    ]);
  });

  it('needs each goal with an indicator, and blank text counts as missing', () => {
    expect(
      problemsOf((c) => {
        c.goals = [{ goal: 'Begegnung', indicator: '  ' }, { indicator: 'Anzahl' }];
        c.summary = ' ';
      }),
    ).toEqual([
      { field: 'summary', rule: 'required' },
      { field: 'goals[0].indicator', rule: 'required' },
      { field: 'goals[1].goal', rule: 'required' },
    ]);
  });

  it('finds a cash year whose costs and financing differ', () => {
    expect(
      problemsOf((c) => {
        c.financingPlan![1]!.ownCents = '50000';
      }),
    ).toEqual([
      {
        field: 'financingPlan[1]',
        rule: 'sums_mismatch',
        params: { cashYear: 2028, costsCents: '4060000', financingCents: '4050000' },
      },
    ]);
  });

  it('finds costs in a year the financing plan does not mention', () => {
    expect(
      problemsOf(
        (c) => {
          c.costPlan!.push({
            cashYear: 2028,
            category: 'fees',
            description: 'Moderation',
            amountCents: '10000',
          });
          c.financingPlan!.pop();
        },
        exampleRules({ minAmount: null }),
      ),
    ).toEqual([
      {
        field: 'financingPlan',
        rule: 'sums_mismatch',
        params: { cashYear: 2028, costsCents: '4070000', financingCents: '0' },
      },
    ]);
  });

  it('keeps the requested total within the call’s minimum and maximum', () => {
    expect(applicationProblems(exampleContent(), exampleRules({ minAmount: Money.euros(60_000) }))).toEqual([
      {
        field: 'financingPlan',
        rule: 'amount_below_minimum',
        params: { minCents: '6000000', requestedCents: '5000000' },
      },
    ]);
    expect(applicationProblems(exampleContent(), exampleRules({ maxAmount: Money.euros(40_000) }))).toEqual([
      {
        field: 'financingPlan',
        rule: 'amount_above_maximum',
        params: { maxCents: '4000000', requestedCents: '5000000' },
      },
    ]);
    expect(
      applicationProblems(
        exampleContent(),
        exampleRules({ minAmount: Money.fromCents(5_000_000), maxAmount: null }),
      ),
    ).toEqual([]);
  });

  it('needs some funding requested', () => {
    const problems = problemsOf((c) => {
      c.financingPlan = [
        { cashYear: 2027, requestedCents: '0', ownCents: '1200000', thirdPartyCents: '0' },
        { cashYear: 2028, requestedCents: '0', ownCents: '4060000' },
      ];
    });
    expect(problems).toEqual([{ field: 'financingPlan', rule: 'nothing_requested' }]);
  });

  it('takes action fields and areas only from the call, each once', () => {
    expect(
      problemsOf((c) => {
        c.actionFieldIds = [ACTION_FIELD, '9d2b6a7e-0000-4000-8000-000000000000', ACTION_FIELD];
        c.areaIds = ['9d2b6a7e-0000-4000-8000-000000000001', AREA];
      }),
    ).toEqual([
      { field: 'actionFieldIds[1]', rule: 'not_in_call' },
      { field: 'actionFieldIds[2]', rule: 'duplicate' },
      { field: 'areaIds[0]', rule: 'not_in_call' },
    ]);
  });

  it('needs a period that ends after it starts and starts in or after the programme year', () => {
    expect(
      problemsOf(
        (c) => {
          c.periodStart = '2028-06-01';
          c.periodEnd = '2028-05-31';
          c.costPlan = [
            { cashYear: 2028, category: 'material', description: 'Material', amountCents: '100' },
          ];
          c.financingPlan = [{ cashYear: 2028, requestedCents: '100' }];
          delete c.thirdPartySources;
        },
        exampleRules({ minAmount: null }),
      ),
    ).toEqual([{ field: 'periodEnd', rule: 'notBeforeStart' }]);
    expect(
      problemsOf((c) => {
        c.periodStart = '2026-12-01';
      }),
    ).toEqual([
      { field: 'periodStart', rule: 'period_before_programme_year', params: { programmeYear: 2027 } },
    ]);
  });

  it('needs every cash year inside the period', () => {
    expect(
      problemsOf((c) => {
        c.periodEnd = '2027-12-31';
      }),
    ).toEqual([
      { field: 'costPlan[2].cashYear', rule: 'cash_year_outside_period', params: { cashYear: 2028 } },
      { field: 'financingPlan[1].cashYear', rule: 'cash_year_outside_period', params: { cashYear: 2028 } },
    ]);
  });

  it('needs each cost line complete and each cash year financed once', () => {
    expect(
      problemsOf((c) => {
        c.costPlan!.push({ description: ' ' });
        c.financingPlan!.push({ cashYear: 2027, requestedCents: '0' }, {});
      }),
    ).toEqual([
      { field: 'costPlan[3].cashYear', rule: 'required' },
      { field: 'costPlan[3].category', rule: 'required' },
      { field: 'costPlan[3].description', rule: 'required' },
      { field: 'costPlan[3].amountCents', rule: 'required' },
      { field: 'financingPlan[2].cashYear', rule: 'duplicate' },
      { field: 'financingPlan[3].cashYear', rule: 'required' },
    ]);
  });

  it('asks where third-party money comes from', () => {
    expect(
      problemsOf((c) => {
        c.thirdPartySources = '';
      }),
    ).toEqual([{ field: 'thirdPartySources', rule: 'required' }]);
  });

  it('needs every attachment the call requires', () => {
    expect(
      applicationProblems(
        exampleContent(),
        exampleRules({ requiredAttachmentKeys: ['budget_sheet', 'statute', 'cv'] }),
      ),
    ).toEqual([{ field: 'attachments.cv', rule: 'attachment_missing', params: { key: 'cv' } }]);
  });
});

describe('the declarations before approval', () => {
  it('are confirmed with consent to publication, or with a reason for refusing it', () => {
    expect(declarationsConfirmed(exampleContent())).toBe(true);
    const refused = exampleContent();
    refused.declarations = {
      projectNotStarted: true,
      subsidyFraudAcknowledged: true,
      transparencyConsent: false,
    };
    expect(declarationProblems(refused)).toEqual([
      { field: 'declarations.transparencyRefusalReason', rule: 'required' },
    ]);
    refused.declarations.transparencyRefusalReason = 'Schutz der Teilnehmenden';
    expect(declarationsConfirmed(refused)).toBe(true);
  });

  it('are all missing in a fresh draft', () => {
    expect(declarationProblems({}).map((p) => p.field)).toEqual([
      'declarations.projectNotStarted',
      'declarations.subsidyFraudAcknowledged',
      'declarations.transparencyRefusalReason',
    ]);
  });
});
