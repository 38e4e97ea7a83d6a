import { predecessorProblem } from './predecessor-rule';

const application = { id: 'app-1', organisationId: 'org-1', districtId: 'spandau' };

describe('predecessorProblem', () => {
  it('accepts the carrier’s own imported project of the district and its own applications anywhere', () => {
    expect(
      predecessorProblem(application, {
        kind: 'imported',
        id: 'past-1',
        organisationId: 'org-1',
        districtId: 'spandau',
      }),
    ).toBeNull();
    expect(
      predecessorProblem(application, {
        kind: 'application',
        id: 'app-0',
        organisationId: 'org-1',
        districtId: 'neukoelln',
      }),
    ).toBeNull();
  });

  it('refuses an unknown project, another carrier’s, and the application itself as not found', () => {
    const notFound = { field: 'predecessorId', rule: 'predecessor_not_found' };
    expect(predecessorProblem(application, null)).toEqual(notFound);
    expect(
      predecessorProblem(application, {
        kind: 'imported',
        id: 'past-2',
        organisationId: 'org-2',
        districtId: 'spandau',
      }),
    ).toEqual(notFound);
    expect(
      predecessorProblem(application, {
        kind: 'application',
        id: 'app-1',
        organisationId: 'org-1',
        districtId: 'spandau',
      }),
    ).toEqual(notFound);
  });

  it('refuses an imported project of another district, naming the rule', () => {
    expect(
      predecessorProblem(application, {
        kind: 'imported',
        id: 'past-3',
        organisationId: 'org-1',
        districtId: 'neukoelln',
      }),
    ).toEqual({ field: 'predecessorId', rule: 'predecessor_other_district' });
  });
});
