import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { BusinessRuleError, Money, NotFoundError, ValidationError } from '@kiezfonds/domain';
import { dataSourceOptions } from '@kiezfonds/persistence';
import {
  createApplication,
  createCall,
  createDistrict,
  createFund,
  createOrganisation,
  createTestDatabase,
  createTrackedProject,
  createUser,
  eventually,
  type FundRow,
  type TestDatabase,
} from '@kiezfonds/testing';
import fc from 'fast-check';
import { DataSource, type EntityManager } from 'typeorm';
import { BalanceService } from '../balances/balance.service';
import { LedgerViolationError } from '../funds.exception';
import { FundsModule } from '../funds.module';
import type { LedgerCommand, PostedLedgerEntry } from './ledger-command';
import { LedgerService } from './ledger.service';

const eur = (text: string) => Money.parseGerman(text);

/** What a rejected promise carried, for expectations on error codes. */
function codeOf(error: unknown): string {
  return error instanceof BusinessRuleError ||
    error instanceof NotFoundError ||
    error instanceof ValidationError
    ? error.code
    : String(error);
}

/** A statement that locks a fund year's row: explicitly, or by updating its counters. */
const takesFundYearLock = (query: string) =>
  /FROM fund_year(_balance)? WHERE .* FOR UPDATE|UPDATE fund_year_balance/s.test(query);

describe('the ledger in PostgreSQL', () => {
  let db: TestDatabase;
  let ledger: LedgerService;
  let balances: BalanceService;
  let actorId: string;
  let districtId: string;
  let nwf: FundRow;
  let callId: string;
  let organisationId: string;

  const inTx = <T>(work: (tx: EntityManager) => Promise<T>) => db.dataSource.transaction(work);
  const post = (command: LedgerCommand) => inTx((tx) => ledger.post(tx, command));
  const newApplication = async () => (await createApplication(db.dataSource, { callId, organisationId })).id;

  beforeAll(async () => {
    db = await createTestDatabase();
    // Through the Nest module, as the API will get them.
    @Global()
    @Module({ providers: [{ provide: DataSource, useValue: db.dataSource }], exports: [DataSource] })
    class TestDatabaseModule {}
    const moduleRef = await Test.createTestingModule({
      imports: [TestDatabaseModule, FundsModule],
    }).compile();
    ledger = moduleRef.get(LedgerService);
    balances = moduleRef.get(BalanceService);

    actorId = (await createUser(db.dataSource)).id;
    districtId = (await createDistrict(db.dataSource)).id;
    nwf = await createFund(db.dataSource, { districtId, kind: 'netzwerkfonds' });
    callId = (await createCall(db.dataSource, { districtId, programmeYear: 2027 })).id;
    organisationId = (await createOrganisation(db.dataSource)).id;
  });

  afterAll(() => db.drop());

  describe('50 concurrent approvals against a budget that fits 10', () => {
    it('commit exactly 10; the other 40 are refused with budget_exceeded and the balance is exact', async () => {
      const fund = await createFund(db.dataSource, { districtId: (await createDistrict(db.dataSource)).id });
      const call = await createCall(db.dataSource, { districtId: fund.districtId, programmeYear: 2027 });
      await post({
        kind: 'budget',
        fundId: fund.id,
        programmeYear: 2027,
        amount: eur('500.000,00'),
        actorId,
      });
      const applications = await Promise.all(
        Array.from({ length: 50 }, () =>
          createApplication(db.dataSource, { callId: call.id, organisationId }),
        ),
      );

      // 50 connections of their own, so the 50 transactions really run side by side.
      const pool = await new DataSource({ ...dataSourceOptions(db.url), extra: { max: 50 } }).initialize();
      try {
        const pids = new Set<number>();
        let arrived = 0;
        let release!: () => void;
        const allInTransaction = new Promise<void>((resolve) => (release = resolve));
        const results = await Promise.allSettled(
          applications.map((application) =>
            pool.transaction(async (tx) => {
              const [{ pid }] = (await tx.query(`SELECT pg_backend_pid() AS pid`)) as [{ pid: number }];
              pids.add(pid);
              // Wait until all 50 have a connection and an open transaction, then approve at once.
              if (++arrived === applications.length) release();
              await allInTransaction;
              return ledger.commitForApplication(tx, {
                fundId: fund.id,
                applicationId: application.id,
                programmeYear: 2027,
                instalments: [{ cashYear: 2027, amount: eur('50.000,00') }],
                grantNoticeRef: `ZB-2027-${application.id.slice(0, 8)}`,
                actorId,
              });
            }),
          ),
        );

        expect(pids.size).toBe(50);
        const committed = results.filter((r) => r.status === 'fulfilled');
        const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(committed).toHaveLength(10);
        expect(refused).toHaveLength(40);
        for (const { reason } of refused) {
          expect(reason).toBeInstanceOf(LedgerViolationError);
          expect((reason as LedgerViolationError).code).toBe('budget_exceeded');
          expect((reason as LedgerViolationError).kind).toBe('business_rule');
        }
      } finally {
        await pool.destroy();
      }

      const balance = await balances.fundYear(fund.id, 2027);
      expect(balance.budget).toEqual(eur('500.000'));
      expect(balance.committed).toEqual(eur('500.000'));
      expect(balance.available.isZero()).toBe(true);
      expect(balance.entryCount).toBe(11);
      expect(balance.cashYears).toEqual([
        {
          cashYear: 2027,
          planned: eur('500.000'),
          disbursed: Money.ZERO,
          repaid: Money.ZERO,
          paid: Money.ZERO,
        },
      ]);
      const [{ n }] = await db.dataSource.query(
        `SELECT count(*)::int AS n FROM ledger_entry WHERE fund_id = $1 AND kind = 'commitment'`,
        [fund.id],
      );
      expect(n).toBe(10);
      const [{ events }] = await db.dataSource.query(
        `SELECT count(*)::int AS events FROM audit_event
         WHERE entity_type = 'ledger_entry' AND action = 'commitment' AND payload->>'fundId' = $1`,
        [fund.id],
      );
      expect(events).toBe(10);
      expect((await balances.audit(fund.id, 2027)).consistent).toBe(true);
    });
  });

  describe('a grant of several instalments', () => {
    it('is booked under one lock of the fund year, in few round trips while it is held', async () => {
      const fund = await createFund(db.dataSource, { districtId: (await createDistrict(db.dataSource)).id });
      const call = await createCall(db.dataSource, { districtId: fund.districtId, programmeYear: 2027 });
      await post({ kind: 'budget', fundId: fund.id, programmeYear: 2027, amount: eur('100.000'), actorId });
      const application = await createApplication(db.dataSource, { callId: call.id, organisationId });

      // Every approval on this fund year waits while the lock is held (issue 18): what runs
      // between the lock and the end of the booking is what the others wait for.
      const seen: string[] = [];
      let recording = false;
      db.dataSource.subscribers.push({
        beforeQuery: (event) => {
          if (recording) seen.push(event.query);
        },
      });
      const posted = await inTx(async (tx) => {
        recording = true;
        try {
          return await ledger.commitForApplication(tx, {
            fundId: fund.id,
            applicationId: application.id,
            programmeYear: 2027,
            instalments: [
              { cashYear: 2029, amount: eur('5.000') },
              { cashYear: 2027, amount: eur('20.000') },
              { cashYear: 2028, amount: eur('15.000') },
            ],
            grantNoticeRef: 'NWF-2027-001-ZB',
            actorId,
          });
        } finally {
          recording = false;
        }
      });

      // The lock is taken by the one statement that writes the entries, the counters and the audit
      // events, however many instalments: nothing else runs while it is held.
      const locks = seen.filter((q) => takesFundYearLock(q));
      expect(locks).toHaveLength(1);
      expect(locks[0]).toMatch(/INSERT INTO ledger_entry/);
      expect(seen.slice(seen.indexOf(locks[0]!) + 1)).toEqual([]);

      // In cash-year order, each with the fund year's balance after it.
      expect(posted.map((e) => [e.cashYear, e.amount.toString(), e.balance.committed.toString()])).toEqual([
        [2027, '2000000', '2000000'],
        [2028, '1500000', '3500000'],
        [2029, '500000', '4000000'],
      ]);
      expect(BigInt(posted[1]!.seq)).toBeGreaterThan(BigInt(posted[0]!.seq));
      expect(BigInt(posted[2]!.seq)).toBeGreaterThan(BigInt(posted[1]!.seq));
      const balance = await balances.fundYear(fund.id, 2027);
      expect(balance.committed).toEqual(eur('40.000'));
      expect(balance.entryCount).toBe(4);
      expect(balance.cashYears.map((c) => [c.cashYear, c.planned])).toEqual([
        [2027, eur('20.000')],
        [2028, eur('15.000')],
        [2029, eur('5.000')],
      ]);
      const audits = (await db.dataSource.query(
        `SELECT entity_id, payload->>'cashYear' AS cash_year FROM audit_event
          WHERE entity_type = 'ledger_entry' AND action = 'commitment' AND payload->>'applicationId' = $1
          ORDER BY 2`,
        [application.id],
      )) as { entity_id: string; cash_year: string }[];
      expect(audits).toEqual(posted.map((e) => ({ entity_id: e.id, cash_year: String(e.cashYear) })));
      expect((await balances.audit(fund.id, 2027)).consistent).toBe(true);

      // A grant beyond what is left is refused whole: no instalment of it stays booked.
      const second = await createApplication(db.dataSource, { callId: call.id, organisationId });
      await expect(
        inTx((tx) =>
          ledger.commitForApplication(tx, {
            fundId: fund.id,
            applicationId: second.id,
            programmeYear: 2027,
            instalments: [
              { cashYear: 2027, amount: eur('50.000') },
              { cashYear: 2028, amount: eur('10.000,01') },
            ],
            actorId,
          }),
        ),
      ).rejects.toMatchObject({ code: 'budget_exceeded' });
      // A later instalment is checked as well as the first, though the fund is asked only once.
      await expect(
        inTx((tx) =>
          ledger.commitForApplication(tx, {
            fundId: fund.id,
            applicationId: second.id,
            programmeYear: 2027,
            instalments: [
              { cashYear: 2027, amount: eur('1.000') },
              { cashYear: 2028, amount: Money.ZERO },
            ],
            actorId,
          }),
        ),
      ).rejects.toMatchObject({ details: [{ field: 'amount', rule: 'min' }] });
      expect((await balances.fundYear(fund.id, 2027)).committed).toEqual(eur('40.000'));
      expect((await balances.audit(fund.id, 2027)).consistent).toBe(true);
    });
  });

  describe('a commitment read against counters that change before it is booked', () => {
    it('is refused with the figures at booking, and leaves nothing behind', async () => {
      const fund = await createFund(db.dataSource, { districtId: (await createDistrict(db.dataSource)).id });
      const call = await createCall(db.dataSource, { districtId: fund.districtId, programmeYear: 2027 });
      await post({ kind: 'budget', fundId: fund.id, programmeYear: 2027, amount: eur('500.000'), actorId });
      const [first, second] = await Promise.all(
        [1, 2].map(() => createApplication(db.dataSource, { callId: call.id, organisationId })),
      );
      const commit = (tx: EntityManager, applicationId: string, amount: string) =>
        ledger.commitForApplication(tx, {
          fundId: fund.id,
          applicationId,
          programmeYear: 2027,
          instalments: [{ cashYear: 2027, amount: eur(amount) }],
          actorId,
        });

      // The first commitment is booked and not yet committed when the second reads the counters
      // (500.000 € available then) and has to wait for the fund year; once the first commits, only
      // 50.000 € are left.
      const pool = await new DataSource({ ...dataSourceOptions(db.url), extra: { max: 2 } }).initialize();
      try {
        let secondResult!: Promise<unknown>;
        await pool.transaction(async (firstTx) => {
          await commit(firstTx, first!.id, '450.000');
          secondResult = pool
            .transaction((secondTx) => commit(secondTx, second!.id, '100.000'))
            .then(
              () => 'booked',
              (error: unknown) => error,
            );
          // The second waits for the first's lock on the fund year.
          await eventually(async () => {
            const [{ n }] = (await db.dataSource.query(
              `SELECT count(*)::int AS n FROM pg_stat_activity
                WHERE wait_event_type = 'Lock' AND datname = current_database()`,
            )) as [{ n: number }];
            expect(n).toBe(1);
          });
        });
        const refusal = await secondResult;
        expect(refusal).toBeInstanceOf(LedgerViolationError);
        expect((refusal as LedgerViolationError).violations).toEqual([
          expect.objectContaining({
            code: 'budget_exceeded',
            budget: eur('500.000'),
            committed: eur('550.000'),
            excess: eur('50.000'),
          }),
        ]);
      } finally {
        await pool.destroy();
      }

      const [{ entries, audits }] = (await db.dataSource.query(
        `SELECT (SELECT count(*)::int FROM ledger_entry WHERE application_id::text = $1) AS entries,
                (SELECT count(*)::int FROM audit_event WHERE payload->>'applicationId' = $1) AS audits`,
        [second!.id],
      )) as [{ entries: number; audits: number }];
      expect({ entries, audits }).toEqual({ entries: 0, audits: 0 });
      const balance = await balances.fundYear(fund.id, 2027);
      expect(balance.committed).toEqual(eur('450.000'));
      expect((await balances.audit(fund.id, 2027)).consistent).toBe(true);
    });
  });

  describe("a commitment that meets the fund year's first budget while it is being booked", () => {
    it('is checked against the fund year as its lock found it, without an internal error', async () => {
      // The clean-clone CI found this in the random workload: the commitment's lock finds no fund
      // year (the first budget's INSERT is not committed yet, and FOR UPDATE does not wait for rows
      // it cannot see), the budget commits, and the counters read next show a budget.
      const fund = await createFund(db.dataSource, { districtId: (await createDistrict(db.dataSource)).id });
      const call = await createCall(db.dataSource, { districtId: fund.districtId, programmeYear: 2027 });
      const { id: applicationId } = await createApplication(db.dataSource, {
        callId: call.id,
        organisationId,
      });
      const pool = await new DataSource({ ...dataSourceOptions(db.url), extra: { max: 2 } }).initialize();
      try {
        let budgetBooked!: () => void;
        const budgetReady = new Promise<void>((resolve) => (budgetBooked = resolve));
        let commitBudget!: () => void;
        const budgetMayCommit = new Promise<void>((resolve) => (commitBudget = resolve));
        const budget = pool.transaction(async (tx) => {
          await ledger.post(tx, {
            kind: 'budget',
            fundId: fund.id,
            programmeYear: 2027,
            amount: eur('500.000'),
            actorId,
          });
          budgetBooked();
          await budgetMayCommit;
        });
        await budgetReady;

        const commitment = pool.transaction((tx) => {
          // The budget commits right after the commitment's lock statement, before its next one.
          const interleaved = new Proxy(tx, {
            get(target, property, receiver) {
              if (property !== 'query') return Reflect.get(target, property, receiver);
              return async (query: string, parameters?: unknown[]) => {
                const result = await target.query(query, parameters);
                if (takesFundYearLock(query)) {
                  commitBudget();
                  await budget;
                }
                return result;
              };
            },
          });
          return ledger.post(interleaved, {
            kind: 'commitment',
            fundId: fund.id,
            programmeYear: 2027,
            cashYear: 2027,
            amount: eur('100.000'),
            project: { applicationId },
            actorId,
          });
        });
        await expect(commitment).rejects.toMatchObject({ code: 'budget_exceeded' });
      } finally {
        await pool.destroy();
      }
      const [{ entries }] = (await db.dataSource.query(
        `SELECT count(*)::int AS entries FROM ledger_entry WHERE application_id = $1`,
        [applicationId],
      )) as [{ entries: number }];
      expect(entries).toBe(0);
      expect((await balances.fundYear(fund.id, 2027)).committed).toEqual(eur('0'));
      expect((await balances.audit(fund.id, 2027)).consistent).toBe(true);
    });
  });

  describe('a Netzwerkfonds application never commits money of another fund', () => {
    let aktionsfonds: FundRow;

    beforeAll(async () => {
      aktionsfonds = await createFund(db.dataSource, { districtId, kind: 'aktionsfonds' });
      await post({
        kind: 'budget',
        fundId: aktionsfonds.id,
        programmeYear: 2027,
        amount: eur('10.000'),
        actorId,
      });
      await post({ kind: 'budget', fundId: nwf.id, programmeYear: 2027, amount: eur('1.000.000'), actorId });
    });

    it('is refused with wrong_fund_kind when approved against an Aktions-, Projekt- or Baufonds', async () => {
      const applicationId = await newApplication();
      for (const kind of ['aktionsfonds', 'projektfonds', 'baufonds'] as const) {
        const fund =
          kind === 'aktionsfonds' ? aktionsfonds : await createFund(db.dataSource, { districtId, kind });
        await expect(
          inTx((tx) =>
            ledger.commitForApplication(tx, {
              fundId: fund.id,
              applicationId,
              programmeYear: 2027,
              instalments: [{ cashYear: 2027, amount: eur('1.000') }],
              actorId,
            }),
          ),
        ).rejects.toMatchObject({ code: 'wrong_fund_kind', kind: 'business_rule' });
      }
      await expect(
        post({
          kind: 'commitment',
          fundId: aktionsfonds.id,
          programmeYear: 2027,
          cashYear: 2027,
          amount: eur('1.000'),
          project: { applicationId },
          actorId,
        }),
      ).rejects.toMatchObject({ code: 'wrong_fund_kind' });
      const [{ n }] = await db.dataSource.query(
        `SELECT count(*)::int AS n FROM ledger_entry WHERE application_id = $1`,
        [applicationId],
      );
      expect(n).toBe(0);
    });

    it('is refused when the Netzwerkfonds belongs to another district', async () => {
      const otherNwf = await createFund(db.dataSource, { kind: 'netzwerkfonds' });
      await post({
        kind: 'budget',
        fundId: otherNwf.id,
        programmeYear: 2027,
        amount: eur('100.000'),
        actorId,
      });
      const applicationId = await newApplication();
      await expect(
        inTx((tx) =>
          ledger.commitForApplication(tx, {
            fundId: otherNwf.id,
            applicationId,
            programmeYear: 2027,
            instalments: [{ cashYear: 2027, amount: eur('1.000') }],
            actorId,
          }),
        ),
      ).rejects.toMatchObject({ code: 'project_not_in_fund' });
    });

    it('and the database refuses it too, should code ever bypass the service', async () => {
      const applicationId = await newApplication();
      const insert = (
        fundId: string,
        fundKind: string,
        project: 'application_id' | 'tracked_project_id',
        id: string,
      ) =>
        db.dataSource.query(
          `INSERT INTO ledger_entry (fund_id, fund_kind, programme_year, cash_year, kind, amount_cents, ${project}, actor_id)
           VALUES ($1, $2, 2027, 2027, 'commitment', 100, $3, $4)`,
          [fundId, fundKind, id, actorId],
        );
      // An application's money from an Aktionsfonds, or from another district's Netzwerkfonds.
      await expect(insert(aktionsfonds.id, 'aktionsfonds', 'application_id', applicationId)).rejects.toThrow(
        /the application is not in a call of this fund's district and kind/,
      );
      const foreign = await createFund(db.dataSource, { kind: 'netzwerkfonds' });
      await post({ kind: 'budget', fundId: foreign.id, programmeYear: 2027, amount: eur('100'), actorId });
      await expect(insert(foreign.id, 'netzwerkfonds', 'application_id', applicationId)).rejects.toThrow(
        /the application is not in a call of this fund's district and kind/,
      );
      // A tracked project's money from the Netzwerkfonds.
      const project = await createTrackedProject(db.dataSource, aktionsfonds);
      await expect(insert(nwf.id, 'netzwerkfonds', 'tracked_project_id', project.id)).rejects.toThrow(
        /ledger_entry_applications_only_in_netzwerkfonds/,
      );
      // Claiming another kind for a fund does not help: the kind must be the fund's own.
      await expect(
        db.dataSource.query(
          `INSERT INTO ledger_entry (fund_id, fund_kind, programme_year, cash_year, kind, amount_cents, actor_id)
           VALUES ($1, 'netzwerkfonds', 2027, 2027, 'budget', 100, $2)`,
          [aktionsfonds.id, actorId],
        ),
      ).rejects.toThrow(/ledger_entry_fund_kind_fk/);
    });

    it('keeps tracked projects out of the Netzwerkfonds and in their own fund', async () => {
      const project = await createTrackedProject(db.dataSource, aktionsfonds);
      await expect(
        post({
          kind: 'commitment',
          fundId: nwf.id,
          programmeYear: 2027,
          cashYear: 2027,
          amount: eur('100'),
          project: { trackedProjectId: project.id },
          actorId,
        }),
      ).rejects.toMatchObject({ code: 'wrong_fund_kind' });
      const otherAktionsfonds = await createFund(db.dataSource, { districtId, kind: 'aktionsfonds' });
      await post({
        kind: 'budget',
        fundId: otherAktionsfonds.id,
        programmeYear: 2027,
        amount: eur('100'),
        actorId,
      });
      await expect(
        post({
          kind: 'commitment',
          fundId: otherAktionsfonds.id,
          programmeYear: 2027,
          cashYear: 2027,
          amount: eur('100'),
          project: { trackedProjectId: project.id },
          actorId,
        }),
      ).rejects.toMatchObject({ code: 'project_not_in_fund' });
      const booked = await post({
        kind: 'commitment',
        fundId: aktionsfonds.id,
        programmeYear: 2027,
        cashYear: 2027,
        amount: eur('1.500'),
        project: { trackedProjectId: project.id },
        actorId,
      });
      expect(booked.balance.available).toEqual(eur('8.500'));
    });
  });

  describe('entries are append-only', () => {
    let entry: PostedLedgerEntry;

    beforeAll(async () => {
      entry = await post({
        kind: 'budget',
        fundId: nwf.id,
        programmeYear: 2030,
        amount: eur('1,00'),
        actorId,
      });
    });

    it('the database rejects UPDATE of an entry', async () => {
      await expect(
        db.dataSource.query(`UPDATE ledger_entry SET amount_cents = 1000000 WHERE id = $1`, [entry.id]),
      ).rejects.toThrow(/UPDATE on public.ledger_entry is not allowed: the table is append-only/);
    });

    it('the database rejects DELETE and TRUNCATE of entries', async () => {
      await expect(db.dataSource.query(`DELETE FROM ledger_entry WHERE id = $1`, [entry.id])).rejects.toThrow(
        /DELETE on public.ledger_entry is not allowed/,
      );
      await expect(db.dataSource.query(`TRUNCATE ledger_entry CASCADE`)).rejects.toThrow(
        /TRUNCATE on public.ledger_entry/,
      );
      const rows = await db.dataSource.query(`SELECT amount_cents FROM ledger_entry WHERE id = $1`, [
        entry.id,
      ]);
      expect(rows).toEqual([{ amount_cents: '100' }]);
    });

    it('the counters refuse a state that breaks an invariant, whoever writes them', async () => {
      await expect(
        db.dataSource.query(
          `UPDATE fund_year_balance SET committed_cents = budget_cents + 1 WHERE fund_id = $1 AND programme_year = 2030`,
          [nwf.id],
        ),
      ).rejects.toThrow(/fund_year_balance_committed_within_budget/);
    });
  });

  describe('a reversal', () => {
    it('corrects a mistaken commitment, and the balances follow', async () => {
      const fund = await createFund(db.dataSource);
      const call = await createCall(db.dataSource, { districtId: fund.districtId, programmeYear: 2027 });
      await post({ kind: 'budget', fundId: fund.id, programmeYear: 2027, amount: eur('200.000'), actorId });
      const wrong = (await createApplication(db.dataSource, { callId: call.id, organisationId })).id;
      const right = (await createApplication(db.dataSource, { callId: call.id, organisationId })).id;
      const commit = (applicationId: string, amount: string) =>
        inTx((tx) =>
          ledger.commitForApplication(tx, {
            fundId: fund.id,
            applicationId,
            programmeYear: 2027,
            instalments: [
              { cashYear: 2027, amount: eur(amount) },
              { cashYear: 2028, amount: eur(amount) },
            ],
            actorId,
          }),
        );

      const [mistake2027, mistake2028] = await commit(wrong, '60.000');
      expect(mistake2028!.balance.available).toEqual(eur('80.000'));
      // The right application no longer fits until the mistake is reversed.
      await expect(commit(right, '50.000')).rejects.toMatchObject({ code: 'budget_exceeded' });

      const reversal = await post({
        kind: 'reversal',
        entryId: mistake2027!.id,
        reason: 'Falscher Antrag',
        actorId,
      });
      expect(reversal).toMatchObject({
        kind: 'reversal',
        reversesEntryId: mistake2027!.id,
        reversedKind: 'commitment',
        applicationId: wrong,
        cashYear: 2027,
        amount: eur('60.000'),
      });
      expect(reversal.balance.committed).toEqual(eur('60.000'));
      await post({ kind: 'reversal', entryId: mistake2028!.id, reason: 'Falscher Antrag', actorId });
      await commit(right, '50.000');

      const balance = await balances.fundYear(fund.id, 2027);
      expect(balance.committed).toEqual(eur('100.000'));
      expect(balance.available).toEqual(eur('100.000'));
      expect(balance.cashYears.map((c) => [c.cashYear, c.planned.cents])).toEqual([
        [2027, 5_000_000n],
        [2028, 5_000_000n],
      ]);
      const projects = await db.dataSource.query(
        `SELECT application_id, committed_cents FROM ledger_project_balance WHERE fund_id = $1 ORDER BY committed_cents`,
        [fund.id],
      );
      expect(projects).toEqual([
        { application_id: wrong, committed_cents: '0' },
        { application_id: right, committed_cents: '10000000' },
      ]);
      expect(await balances.audit(fund.id, 2027)).toMatchObject({ consistent: true, entryCount: 7 });

      // The mistake stays on record; the ledger shows both the entry and its reversal.
      const trail = await db.dataSource.query(
        `SELECT kind, reversed_kind, reason FROM ledger_entry WHERE application_id = $1 ORDER BY seq`,
        [wrong],
      );
      expect(trail).toEqual([
        { kind: 'commitment', reversed_kind: null, reason: null },
        { kind: 'commitment', reversed_kind: null, reason: null },
        { kind: 'reversal', reversed_kind: 'commitment', reason: 'Falscher Antrag' },
        { kind: 'reversal', reversed_kind: 'commitment', reason: 'Falscher Antrag' },
      ]);
    });

    it('happens once per entry, is itself not reversed, needs a reason and must exist', async () => {
      const entry = await post({
        kind: 'budget',
        fundId: nwf.id,
        programmeYear: 2031,
        amount: eur('10,00'),
        actorId,
      });
      const reversal = await post({ kind: 'reversal', entryId: entry.id, reason: 'Tippfehler', actorId });
      await expect(
        post({ kind: 'reversal', entryId: entry.id, reason: 'nochmal', actorId }),
      ).rejects.toMatchObject({
        code: 'entry_already_reversed',
      });
      await expect(
        post({ kind: 'reversal', entryId: reversal.id, reason: 'zurück', actorId }),
      ).rejects.toMatchObject({
        code: 'reversal_not_reversible',
      });
      const other = await post({
        kind: 'budget',
        fundId: nwf.id,
        programmeYear: 2031,
        amount: eur('5,00'),
        actorId,
      });
      await expect(
        post({ kind: 'reversal', entryId: other.id, reason: '  ', actorId }),
      ).rejects.toBeInstanceOf(ValidationError);
      await expect(
        post({ kind: 'reversal', entryId: '00000000-0000-4000-8000-000000000000', reason: 'x', actorId }),
      ).rejects.toMatchObject({ code: 'ledger_entry_not_found', kind: 'not_found' });
    });

    it('that does not mirror its entry is refused by the database', async () => {
      const entry = await post({
        kind: 'budget',
        fundId: nwf.id,
        programmeYear: 2032,
        amount: eur('10,00'),
        actorId,
      });
      await expect(
        db.dataSource.query(
          `INSERT INTO ledger_entry (fund_id, fund_kind, programme_year, cash_year, kind, amount_cents, actor_id,
             reason, reverses_entry_id, reversed_kind)
           VALUES ($1, 'netzwerkfonds', 2032, 2032, 'reversal', 999, $2, 'zu viel', $3, 'budget')`,
          [nwf.id, actorId, entry.id],
        ),
      ).rejects.toThrow(/a reversal must mirror the entry it cancels/);
    });
  });

  describe('payments and repayments', () => {
    it('pay no more than is committed, take back no more than was paid, de-commit no paid money', async () => {
      const fund = await createFund(db.dataSource, { districtId, kind: 'projektfonds' });
      const project = await createTrackedProject(db.dataSource, fund, { amountCents: 2_000_000 });
      const ref = { trackedProjectId: project.id };
      const base = { fundId: fund.id, programmeYear: 2027, project: ref, actorId } as const;
      await post({ kind: 'budget', fundId: fund.id, programmeYear: 2027, amount: eur('100.000'), actorId });
      await post({ ...base, kind: 'commitment', cashYear: 2027, amount: eur('20.000') });

      await expect(
        post({ ...base, kind: 'disbursement', cashYear: 2027, amount: eur('20.000,01'), callOffRef: 'MA-1' }),
      ).rejects.toMatchObject({
        code: 'disbursement_exceeds_commitment',
        params: expect.objectContaining({ excessCents: '1', committedCents: '2000000' }),
      });
      await post({
        ...base,
        kind: 'disbursement',
        cashYear: 2027,
        amount: eur('15.000'),
        callOffRef: 'MA-1',
      });
      await expect(
        post({ ...base, kind: 'repayment', cashYear: 2028, amount: eur('15.000,01') }),
      ).rejects.toMatchObject({
        code: 'repayment_exceeds_disbursement',
      });
      await expect(
        post({ ...base, kind: 'decommitment', cashYear: 2027, amount: eur('5.000,01') }),
      ).rejects.toMatchObject({
        code: 'disbursement_exceeds_commitment',
      });
      await post({ ...base, kind: 'repayment', cashYear: 2028, amount: eur('3.000') });
      const last = await post({ ...base, kind: 'decommitment', cashYear: 2027, amount: eur('8.000') });

      expect(last.balance).toMatchObject({
        budget: eur('100.000'),
        committed: eur('12.000'),
        disbursed: eur('15.000'),
        repaid: eur('3.000'),
        available: eur('88.000'),
        paid: eur('12.000'),
        outstanding: Money.ZERO,
      });
      const view = await balances.fundYear(fund.id, 2027);
      expect(
        view.cashYears.map((c) => [c.cashYear, c.planned.cents, c.disbursed.cents, c.repaid.cents]),
      ).toEqual([
        [2027, 1_200_000n, 1_500_000n, 0n],
        [2028, 0n, 0n, 300_000n],
      ]);
      expect((await balances.audit(fund.id, 2027)).consistent).toBe(true);
    });

    it('refuses malformed commands before touching anything', async () => {
      const applicationId = await newApplication();
      await expect(
        post({
          kind: 'commitment',
          fundId: nwf.id,
          programmeYear: 2027,
          cashYear: 2026,
          amount: Money.ZERO,
          project: { applicationId },
          actorId,
        }),
      ).rejects.toMatchObject({
        code: 'validation_failed',
        details: [
          { field: 'amount', rule: 'min', params: { min: '0,01' } },
          { field: 'cashYear', rule: 'min', params: { min: 2027 } },
        ],
      });
      await expect(
        post({
          kind: 'budget_amendment',
          fundId: nwf.id,
          programmeYear: 2027,
          direction: 'increase',
          amount: eur('1'),
          reason: '',
          actorId,
        }),
      ).rejects.toMatchObject({
        code: 'validation_failed',
        details: [{ field: 'reason', rule: 'required' }],
      });
      await expect(
        post({
          kind: 'budget',
          fundId: '00000000-0000-4000-8000-000000000000',
          programmeYear: 2027,
          amount: eur('1'),
          actorId,
        }),
      ).rejects.toMatchObject({ code: 'fund_not_found' });
    });

    it('commits nothing in a programme year without a budget', async () => {
      const applicationId = await newApplication();
      await expect(
        inTx((tx) =>
          ledger.commitForApplication(tx, {
            fundId: nwf.id,
            applicationId,
            programmeYear: 2040,
            instalments: [{ cashYear: 2040, amount: eur('0,01') }],
            actorId,
          }),
        ),
      ).rejects.toMatchObject({ code: 'budget_exceeded' });
    });
  });

  describe('after a random workload from concurrent clerks', () => {
    it('the counters equal the sums of the entries and no invariant is broken', async () => {
      const district = (await createDistrict(db.dataSource)).id;
      const funds = [
        await createFund(db.dataSource, { districtId: district, kind: 'netzwerkfonds' }),
        await createFund(db.dataSource, { districtId: district, kind: 'aktionsfonds' }),
      ];
      const call = await createCall(db.dataSource, { districtId: district, programmeYear: 2027 });
      const projects = [
        ...(await Promise.all(
          [1, 2, 3].map(async () => ({
            applicationId: (await createApplication(db.dataSource, { callId: call.id, organisationId })).id,
          })),
        )),
        ...(await Promise.all(
          [1, 2, 3].map(async () => ({
            trackedProjectId: (await createTrackedProject(db.dataSource, funds[1]!)).id,
          })),
        )),
      ];
      const projectsOf = (fundIndex: number) => (fundIndex === 0 ? projects.slice(0, 3) : projects.slice(3));

      const kinds = [
        'budget',
        'budget_amendment',
        'commitment',
        'decommitment',
        'disbursement',
        'repayment',
        'reversal',
      ] as const;
      const commandArb = fc.record({
        kind: fc.constantFrom(...kinds, 'commitment', 'disbursement'),
        fund: fc.nat({ max: 1 }),
        year: fc.constantFrom(2027, 2028),
        cash: fc.nat({ max: 2 }),
        project: fc.nat({ max: 2 }),
        cents: fc.oneof(fc.constantFrom(10_000n, 50_000n, 100_000n), fc.bigInt({ min: 1n, max: 300_000n })),
        increase: fc.boolean(),
      });
      const commands = fc.sample(commandArb, { numRuns: 240, seed: 20261122 });
      const booked: string[] = [];

      const toCommand = (c: (typeof commands)[number]): LedgerCommand | null => {
        const fundId = funds[c.fund]!.id;
        switch (c.kind) {
          case 'budget':
            return {
              kind: 'budget',
              fundId,
              programmeYear: c.year,
              amount: Money.fromCents(c.cents * 5n),
              actorId,
            };
          case 'budget_amendment':
            return {
              kind: 'budget_amendment',
              fundId,
              programmeYear: c.year,
              direction: c.increase ? 'increase' : 'decrease',
              amount: Money.fromCents(c.cents),
              reason: 'Senatsmitteilung',
              actorId,
            };
          case 'reversal': {
            const entryId = booked[Number(c.cents) % Math.max(booked.length, 1)];
            return entryId ? { kind: 'reversal', entryId, reason: 'Korrektur', actorId } : null;
          }
          default:
            return {
              kind: c.kind,
              fundId,
              programmeYear: c.year,
              cashYear: c.year + c.cash,
              amount: Money.fromCents(c.cents),
              project: projectsOf(c.fund)[c.project]!,
              actorId,
            };
        }
      };

      // Four clerks on their own connections, each working through a share of the commands.
      const pool = await new DataSource({ ...dataSourceOptions(db.url), extra: { max: 4 } }).initialize();
      const outcomes = new Map<string, number>();
      const count = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      try {
        // First a scripted workload, one clerk, that contains every outcome: which of the random
        // commands below succeed depends on how the clerks interleave, so they are checked only
        // against the invariants, never for having happened to book or refuse something.
        const [nwf] = funds;
        const [application] = projectsOf(0);
        const project = (kind: 'commitment' | 'decommitment' | 'disbursement' | 'repayment', cents: bigint) =>
          ({
            kind,
            fundId: nwf!.id,
            programmeYear: 2027,
            cashYear: 2027,
            amount: Money.fromCents(cents),
            project: application!,
            actorId,
          }) as const;
        const script: [LedgerCommand, string][] = [
          [
            {
              kind: 'budget',
              fundId: nwf!.id,
              programmeYear: 2027,
              amount: Money.fromCents(1_000_000n),
              actorId,
            },
            'booked',
          ],
          [
            {
              kind: 'budget_amendment',
              fundId: nwf!.id,
              programmeYear: 2027,
              direction: 'increase',
              amount: Money.fromCents(100_000n),
              reason: 'Senatsmitteilung',
              actorId,
            },
            'booked',
          ],
          [project('commitment', 500_000n), 'booked'],
          [project('commitment', 600_001n), 'budget_exceeded'],
          [project('disbursement', 200_000n), 'booked'],
          [project('disbursement', 300_001n), 'disbursement_exceeds_commitment'],
          [project('repayment', 50_000n), 'booked'],
          [project('repayment', 150_001n), 'repayment_exceeds_disbursement'],
          [project('decommitment', 100_000n), 'booked'],
        ];
        const scripted: string[] = [];
        for (const [command, expected] of script) {
          try {
            const entry = await pool.transaction((tx) => ledger.post(tx, command));
            booked.push(entry.id);
            count('booked');
            scripted.push(`booked ${command.kind}`);
          } catch (error) {
            scripted.push(codeOf(error));
          }
          expect(scripted.at(-1)!.split(' ')[0]).toBe(expected);
        }
        const reversal = await pool.transaction((tx) =>
          ledger.post(tx, { kind: 'reversal', entryId: booked.at(-1)!, reason: 'Korrektur', actorId }),
        );
        booked.push(reversal.id);
        count('booked');

        await Promise.all(
          [0, 1, 2, 3].map(async (clerk) => {
            for (let i = clerk; i < commands.length; i += 4) {
              const command = toCommand(commands[i]!);
              if (!command) continue;
              try {
                const entry = await pool.transaction((tx) => ledger.post(tx, command));
                booked.push(entry.id);
                count('booked');
              } catch (error) {
                expect([
                  'budget_exceeded',
                  'disbursement_exceeds_commitment',
                  'repayment_exceeds_disbursement',
                  'entry_already_reversed',
                  'reversal_not_reversible',
                ]).toContain(codeOf(error));
              }
            }
          }),
        );
      } finally {
        await pool.destroy();
      }

      for (const fund of funds) {
        for (const year of [2027, 2028]) {
          const audit = await balances.audit(fund.id, year);
          expect({ fund: fund.kind, year, ...audit }).toMatchObject({ consistent: true });
        }
      }
      const [{ entries }] = await db.dataSource.query(
        `SELECT count(*)::int AS entries FROM ledger_entry WHERE fund_id = ANY($1)`,
        [funds.map((f) => f.id)],
      );
      expect(entries).toBe(outcomes.get('booked'));
    });
  });
});
