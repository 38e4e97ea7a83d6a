/// <reference types="jest" />
import {
  contentForSaving,
  contentPath,
  partOfProblem,
  partOfSlug,
  partStatus,
  partSlugs,
  problemsForForm,
  problemsOfPart,
  unsavedCostLines,
} from './parts';

describe('the parts of the application form', () => {
  it('puts each problem into the part that asks for the field', () => {
    expect(partOfProblem({ field: 'summary' })).toBe('project');
    expect(partOfProblem({ field: 'goals.0.indicator' })).toBe('project');
    expect(partOfProblem({ field: 'content.costPlan.0.amountCents' })).toBe('costPlan');
    expect(partOfProblem({ field: 'financingPlan.2027' })).toBe('financingPlan');
    expect(partOfProblem({ field: 'areaIds' })).toBe('scope');
    expect(partOfProblem({ field: 'periodEnd' })).toBe('period');
    expect(partOfProblem({ field: 'declarations.projectNotStarted' })).toBe('declarations');
    expect(partOfProblem({ field: 'attachments.budget_sheet' })).toBe('attachments');
    expect(partOfProblem({ field: 'somethingNew' })).toBeNull();
  });

  it('finds a part by its German address and back', () => {
    expect(partOfSlug('kostenplan')).toBe('costPlan');
    expect(partOfSlug(partSlugs.declarations)).toBe('declarations');
    expect(partOfSlug('unbekannt')).toBeNull();
    expect(partOfSlug(undefined)).toBeNull();
  });

  it('marks a part complete when the server names no problem in it', () => {
    const problems = [{ field: 'summary', rule: 'required' }];
    expect(partStatus('costPlan', problems, {})).toBe('complete');
    expect(partStatus('project', problems, {})).toBe('notStarted');
    expect(partStatus('project', problems, { goals: [{ goal: 'x', indicator: '', targetValue: '' }] })).toBe(
      'incomplete',
    );
  });

  it('does not count untouched defaults as a start', () => {
    const problems = [{ field: 'declarations', rule: 'required' }];
    const status = (declarations: object) =>
      partStatus('declarations', problems, { declarations }, false, 'selected');
    expect(status({ projectNotStarted: false })).toBe('notStarted');
    expect(status({ projectNotStarted: true })).toBe('incomplete');
  });

  it('calls missing declarations due after selection before it, and never complete (issue 19)', () => {
    expect(partStatus('declarations', [], {}, false, 'draft')).toBe('dueAfterSelection');
    expect(partStatus('declarations', [], {}, false, 'submitted')).toBe('dueAfterSelection');
    expect(partStatus('declarations', [], {}, false, 'selected')).toBe('notStarted');
    const given = { projectNotStarted: true, subsidyFraudAcknowledged: true, transparencyConsent: true };
    expect(partStatus('declarations', [], { declarations: given }, false, 'draft')).toBe('complete');
  });

  it('counts uploads as the start of the attachments part', () => {
    const problems = [{ field: 'attachments.budget_sheet', rule: 'required' }];
    expect(partStatus('attachments', problems, {}, false)).toBe('notStarted');
    expect(partStatus('attachments', problems, {}, true)).toBe('incomplete');
    expect(problemsOfPart(problems, 'attachments')).toHaveLength(1);
  });

  it('leaves half-typed amounts out of what autosave sends', () => {
    const saved = contentForSaving({
      summary: 'Text ',
      costPlan: [
        { cashYear: 2027, category: 'fees', description: 'Honorare', amountCents: '' },
        { cashYear: 2027, category: 'material', description: 'Material', amountCents: '12000' },
      ],
      financingPlan: [{ cashYear: 2027, requestedCents: '12000', ownCents: '', thirdPartyCents: '0' }],
    });
    expect(JSON.parse(JSON.stringify(saved))).toEqual({
      summary: 'Text ',
      costPlan: [{ cashYear: 2027, category: 'material', description: 'Material', amountCents: '12000' }],
      financingPlan: [{ cashYear: 2027, requestedCents: '12000', thirdPartyCents: '0' }],
    });
  });

  it('holds back cost lines without a valid amount and names them (issue 19)', () => {
    const content = {
      costPlan: [
        { cashYear: 2027, category: 'fees' as const, description: 'Honorare', amountCents: '' },
        { cashYear: 2027, category: 'fees' as const, description: 'Alt', amountCents: undefined as never },
        { cashYear: 2027, category: 'material' as const, description: 'Material', amountCents: '12000' },
      ],
    };
    expect(contentForSaving(content).costPlan).toEqual([content.costPlan[2]]);
    expect(unsavedCostLines(content).map((p) => p.field)).toEqual([
      'costPlan.0.amountCents',
      'costPlan.1.amountCents',
    ]);
  });

  it('reads row paths of the checklist and of 400 details alike', () => {
    expect(contentPath('costPlan[2].amountCents')).toBe('costPlan.2.amountCents');
    expect(contentPath('content.costPlan.2.amountCents')).toBe('costPlan.2.amountCents');
    expect(partOfProblem({ field: 'costPlan[0].amountCents' })).toBe('costPlan');
  });

  it('names the problems of saved cost lines by their row in the form', () => {
    const content = {
      costPlan: [
        { cashYear: 2027, category: 'fees' as const, description: '', amountCents: '100' },
        { cashYear: 2027, category: 'fees' as const, description: 'Neu', amountCents: '' },
        { cashYear: 2027, category: 'fees' as const, description: '', amountCents: '200' },
      ],
    };
    const problems = [
      { field: 'costPlan[0].description', rule: 'required' },
      { field: 'costPlan[1].description', rule: 'required' },
      { field: 'summary', rule: 'required' },
    ];
    expect(problemsForForm(problems, content).map((p) => p.field)).toEqual([
      'costPlan.0.description',
      'costPlan.2.description',
      'summary',
    ]);
  });
});
