/// <reference types="jest" />
import { contentForSaving, partOfProblem, partOfSlug, partStatus, partSlugs, problemsOfPart } from './parts';

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
    expect(partStatus('declarations', problems, { declarations: { projectNotStarted: false } })).toBe(
      'notStarted',
    );
    expect(partStatus('declarations', problems, { declarations: { projectNotStarted: true } })).toBe(
      'incomplete',
    );
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
      costPlan: [
        { cashYear: 2027, category: 'fees', description: 'Honorare' },
        { cashYear: 2027, category: 'material', description: 'Material', amountCents: '12000' },
      ],
      financingPlan: [{ cashYear: 2027, requestedCents: '12000', thirdPartyCents: '0' }],
    });
  });
});
