import { diffContent } from './content-diff';
import { exampleContent } from './example-content';

describe('the difference between two versions of content', () => {
  it('is empty for equal content', () => {
    expect(diffContent(exampleContent(), exampleContent())).toEqual([]);
  });

  it('names changed leaves with readable paths', () => {
    const before = exampleContent();
    const after = exampleContent();
    after.costPlan![2]!.amountCents = '4100000';
    after.goals![0]!.indicator = 'Teilnehmende je Abend (Zählung)';
    after.declarations!.transparencyConsent = false;
    expect(diffContent(before, after)).toEqual([
      {
        path: 'goals[0].indicator',
        before: 'Teilnehmende je Abend',
        after: 'Teilnehmende je Abend (Zählung)',
      },
      { path: 'costPlan[2].amountCents', before: '4060000', after: '4100000' },
      { path: 'declarations.transparencyConsent', before: true, after: false },
    ]);
  });

  it('shows added and removed list entries and keys whole, absent as null', () => {
    const before = { targetGroups: ['Familien'], summary: 'alt', thirdPartySources: 'Stiftung' };
    const after = { targetGroups: ['Familien', 'Jugendliche'], summary: 'alt', periodStart: '2027-03-01' };
    expect(diffContent(before, after)).toEqual([
      { path: 'targetGroups[1]', before: null, after: 'Jugendliche' },
      { path: 'periodStart', before: null, after: '2027-03-01' },
      { path: 'thirdPartySources', before: 'Stiftung', after: null },
    ]);
  });

  it('treats a missing value and null alike', () => {
    expect(diffContent({ periodEnd: null }, {})).toEqual([]);
  });
});
