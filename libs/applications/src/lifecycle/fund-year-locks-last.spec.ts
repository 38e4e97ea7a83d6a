import { fundYearLocksLast } from './lifecycle.service';

describe('the ledger postings of a lifecycle step', () => {
  it('run after the rest of the step when only notices follow them (approval)', () => {
    expect(
      fundYearLocksLast(['check_double_funding', 'commit_funds', 'notify:application_approved']),
    ).toEqual({
      first: ['check_double_funding', 'notify:application_approved'],
      last: ['commit_funds'],
    });
  });

  it('keep their place when a later effect may read what they booked (revocation)', () => {
    expect(fundYearLocksLast(['decommit_unpaid', 'claim_repayment_paid'])).toEqual({
      first: ['decommit_unpaid', 'claim_repayment_paid'],
      last: [],
    });
  });

  it('leave a step without postings as it is', () => {
    expect(fundYearLocksLast(['snapshot_version', 'notify:application_submitted'])).toEqual({
      first: ['snapshot_version', 'notify:application_submitted'],
      last: [],
    });
  });
});
