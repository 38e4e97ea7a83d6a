import { Money } from '@kiezfonds/domain';
import { createTestDatabase, createUser, type TestDatabase } from '@kiezfonds/testing';
import { BaseRateService } from './base-rate.service';

describe('the base-rate table', () => {
  let db: TestDatabase;
  let rates: BaseRateService;
  let actorId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    rates = new BaseRateService(db.dataSource);
    actorId = (await createUser(db.dataSource)).id;
  });

  afterAll(() => db.drop());

  const set = (validFrom: string, rateBasisPoints: number) =>
    db.dataSource.transaction((tx) => rates.set(tx, { validFrom, rateBasisPoints, actorId }));

  it('starts from the published rates the migration seeds, from 1 January 2023 on', async () => {
    expect(await rates.list()).toEqual([
      { validFrom: '2023-01-01', rateBasisPoints: 162 },
      { validFrom: '2023-07-01', rateBasisPoints: 312 },
      { validFrom: '2024-01-01', rateBasisPoints: 362 },
      { validFrom: '2024-07-01', rateBasisPoints: 337 },
      { validFrom: '2025-01-01', rateBasisPoints: 227 },
      { validFrom: '2025-07-01', rateBasisPoints: 127 },
    ]);
  });

  it('gives repayment interest line by line from the stored rates', async () => {
    // The worked example of the domain's tests: 10.000,00 € from 15.03.2024 to 15.09.2024.
    const interest = await rates.repaymentInterest({
      principal: Money.parseGerman('10.000,00'),
      paidOn: '2024-03-15',
      repaidOn: '2024-09-15',
    });
    expect(interest.lines.map((l) => [l.from, l.to, l.days, l.rateBasisPoints, l.interest.cents])).toEqual([
      ['2024-03-15', '2024-06-30', 108, 862, 25_506n],
      ['2024-07-01', '2024-09-14', 76, 837, 17_428n],
    ]);
    expect(interest.total.cents).toBe(42_934n);
  });

  it('records a new rate and a correction with the previous value in the audit trail', async () => {
    await set('2026-01-01', 172); // a typo, corrected below
    await set('2026-01-01', 127);
    expect((await rates.list()).at(-1)).toEqual({ validFrom: '2026-01-01', rateBasisPoints: 127 });
    const trail = await db.dataSource.query(
      `SELECT action, payload FROM audit_event WHERE entity_type = 'base_rate' AND entity_id = '2026-01-01' ORDER BY occurred_at, action DESC`,
    );
    expect(trail).toEqual([
      { action: 'create', payload: { rateBasisPoints: 172, previousRateBasisPoints: null } },
      { action: 'correct', payload: { rateBasisPoints: 127, previousRateBasisPoints: 172 } },
    ]);
  });

  it('asks for the missing rate when the table does not reach back to the payment', async () => {
    await expect(
      rates.repaymentInterest({
        principal: Money.parseGerman('1,00'),
        paidOn: '2022-12-31',
        repaidOn: '2023-01-02',
      }),
    ).rejects.toMatchObject({ code: 'base_rate_missing', params: { date: '2022-12-31' } });
  });

  it('refuses a malformed rate', async () => {
    await expect(set('01.01.2025', 227)).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(set('2025-01-01', 2.27)).rejects.toMatchObject({ code: 'validation_failed' });
  });
});
