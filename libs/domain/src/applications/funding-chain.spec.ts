import { fundingChain, type FundedPeriod } from './funding-chain';

const earlier = (periodStart: string, periodEnd: string, funded = true): FundedPeriod => ({
  id: periodStart,
  reference: `NWF-${periodStart.slice(0, 4)}`,
  title: 'Kiezküchen',
  periodStart,
  periodEnd,
  funded,
});

describe('the five-year limit for one purpose', () => {
  it('counts the application and its funded predecessors as one run of years', () => {
    const chain = fundingChain({ periodStart: '2027-03-01', periodEnd: '2028-12-31' }, [
      earlier('2024-01-01', '2024-12-31'),
      earlier('2025-01-01', '2026-12-31'),
    ]);
    expect(chain.consecutiveYears).toEqual([2024, 2025, 2026, 2027, 2028]);
    expect(chain.exceeded).toBe(false);
  });

  it('refuses a sixth consecutive year', () => {
    const chain = fundingChain({ periodStart: '2027-03-01', periodEnd: '2028-12-31' }, [
      earlier('2023-01-01', '2026-12-31'),
    ]);
    expect(chain.consecutiveYears).toHaveLength(6);
    expect(chain.exceeded).toBe(true);
  });

  it('starts again after a year without funding, and ignores predecessors never funded', () => {
    expect(
      fundingChain({ periodStart: '2027-01-01', periodEnd: '2028-12-31' }, [
        earlier('2020-01-01', '2025-12-31'),
      ]).consecutiveYears,
    ).toEqual([2027, 2028]);
    expect(
      fundingChain({ periodStart: '2027-01-01', periodEnd: '2028-12-31' }, [
        earlier('2023-01-01', '2026-12-31', false),
      ]).exceeded,
    ).toBe(false);
  });
});
