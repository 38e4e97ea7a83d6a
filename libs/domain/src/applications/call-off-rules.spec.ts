import { callOffRefusal, earlyStartRequired, instalmentYearProblems } from './call-off-rules';

const period = { periodStart: '2027-03-01', periodEnd: '2028-12-31' };

describe('when money may be called off (ANBest-P Nr. 1.4)', () => {
  it('not before the project starts: a project of March 2027 gets nothing in December 2026', () => {
    expect(callOffRefusal({ ...period, today: '2026-12-06', cashYear: 2026 })?.code).toBe(
      'call_off_before_project_start',
    );
    expect(callOffRefusal({ ...period, today: '2027-03-01', cashYear: 2027 })).toBeNull();
  });

  it('not after it ends', () => {
    expect(callOffRefusal({ ...period, today: '2029-01-02', cashYear: 2029 })?.code).toBe(
      'call_off_after_project_end',
    );
    expect(callOffRefusal({ ...period, today: '2028-12-31', cashYear: 2028 })).toBeNull();
  });

  it("only from the instalment of the year it is called off in: 2028's money not in 2027", () => {
    expect(callOffRefusal({ ...period, today: '2027-06-15', cashYear: 2028 })).toEqual({
      code: 'call_off_other_cash_year',
      params: { cashYear: 2028, currentCashYear: 2027 },
    });
  });
});

describe('an early start (vorzeitiger Maßnahmebeginn)', () => {
  it('is needed when the period starts before the notice date, not on it', () => {
    expect(earlyStartRequired({ noticeDate: '2027-03-15', periodStart: '2027-03-01' })).toBe(true);
    expect(earlyStartRequired({ noticeDate: '2027-03-01', periodStart: '2027-03-01' })).toBe(false);
  });
});

describe('which cash years a grant notice may commit money for', () => {
  it('only years of the project period: 2027 and 2028 for 01.03.2027–31.12.2028, not 2026 or 2030', () => {
    const problems = instalmentYearProblems({
      ...period,
      programmeYear: 2027,
      instalments: [{ cashYear: 2027 }, { cashYear: 2028 }, { cashYear: 2030 }, { cashYear: 2026 }],
    });
    expect(problems).toEqual([
      { field: 'instalments.2.cashYear', rule: 'cashYearOutsidePeriod', params: { from: 2027, to: 2028 } },
      { field: 'instalments.3.cashYear', rule: 'cashYearOutsidePeriod', params: { from: 2027, to: 2028 } },
    ]);
  });

  it('none before the programme year whose budget pays, even when the period starts earlier', () => {
    expect(
      instalmentYearProblems({
        periodStart: '2026-11-01',
        periodEnd: '2027-12-31',
        programmeYear: 2027,
        instalments: [{ cashYear: 2026 }, { cashYear: 2027 }],
      }),
    ).toEqual([
      { field: 'instalments.0.cashYear', rule: 'cashYearOutsidePeriod', params: { from: 2027, to: 2027 } },
    ]);
  });
});
