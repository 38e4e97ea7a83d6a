import { Money } from '../money/money';
import {
  balanceFigures,
  deriveBalances,
  EMPTY_FUND_YEAR_BALANCE,
  type FundYearBalance,
  fundYearKey,
  ledgerDelta,
  projectKey,
} from './balances';
import { checkPosting, ledgerViolations, postingContext } from './invariants';
import { type LedgerPosting, postingProblems } from './ledger-entry';

const FUND = 'fund-nwf';
const PROJECT = 'application-1';
const eur = (text: string) => Money.parseGerman(text);

function posting(fields: Partial<LedgerPosting> & Pick<LedgerPosting, 'kind' | 'amount'>): LedgerPosting {
  return {
    fundId: FUND,
    programmeYear: 2026,
    cashYear: 2026,
    direction: null,
    projectId: null,
    reversed: null,
    ...fields,
  };
}

const budget = (amount: string) => posting({ kind: 'budget', amount: eur(amount) });
const project = (kind: LedgerPosting['kind'], amount: string, cashYear = 2026) =>
  posting({ kind, amount: eur(amount), projectId: PROJECT, cashYear });

/** Checks each posting against the balances of those before it, like the service does. */
function book(postings: LedgerPosting[]) {
  const accepted: LedgerPosting[] = [];
  for (const p of postings) {
    const violations = checkPosting(postingContext(deriveBalances(accepted), p), p);
    if (violations.length) return { accepted, rejected: p, violations };
    accepted.push(p);
  }
  return { accepted, rejected: null, violations: [] };
}

function fundYear(postings: LedgerPosting[]): FundYearBalance {
  return deriveBalances(postings).fundYears.get(fundYearKey(FUND, 2026)) ?? EMPTY_FUND_YEAR_BALANCE;
}

describe('ledger balances', () => {
  it('derive budget, committed, available, disbursed, outstanding and repaid from the entries', () => {
    const entries = [
      budget('500.000,00'),
      posting({ kind: 'budget_amendment', direction: 'increase', amount: eur('50.000,00') }),
      posting({ kind: 'budget_amendment', direction: 'decrease', amount: eur('20.000,00') }),
      project('commitment', '120.000,00', 2026),
      project('commitment', '80.000,00', 2027),
      project('decommitment', '10.000,00', 2027),
      project('disbursement', '60.000,00', 2026),
      project('repayment', '1.500,00', 2027),
    ];
    const balance = fundYear(entries);
    expect(Object.fromEntries(Object.entries(balance).map(([k, v]) => [k, v.format('de')]))).toEqual({
      budget: '530.000,00\u00a0€',
      committed: '190.000,00\u00a0€',
      disbursed: '60.000,00\u00a0€',
      repaid: '1.500,00\u00a0€',
    });
    const figures = balanceFigures(balance);
    expect(figures.available.cents).toBe(34_000_000n); // 530.000 − 190.000
    expect(figures.paid.cents).toBe(5_850_000n); // 60.000 − 1.500
    expect(figures.outstanding.cents).toBe(13_150_000n); // 190.000 − 58.500

    const cash = deriveBalances(entries).cashYears;
    expect(cash.get(`${FUND}|2026|2026`)).toEqual({
      planned: eur('120.000'),
      disbursed: eur('60.000'),
      repaid: Money.ZERO,
    });
    expect(cash.get(`${FUND}|2026|2027`)).toEqual({
      planned: eur('70.000'),
      disbursed: Money.ZERO,
      repaid: eur('1.500'),
    });
  });

  it('a reversal takes back exactly what the reversed entry did', () => {
    const mistaken = project('commitment', '90.000,00');
    const reversal = posting({
      kind: 'reversal',
      amount: mistaken.amount,
      projectId: PROJECT,
      reversed: { kind: 'commitment', direction: null },
    });
    expect(ledgerDelta(reversal).committed.cents).toBe(-9_000_000n);
    const amendment = posting({ kind: 'budget_amendment', direction: 'decrease', amount: eur('5,00') });
    const undoAmendment = posting({
      kind: 'reversal',
      amount: eur('5,00'),
      reversed: { kind: 'budget_amendment', direction: 'decrease' },
    });
    expect(ledgerDelta(amendment).budget.cents).toBe(-500n);
    expect(ledgerDelta(undoAmendment).budget.cents).toBe(500n);

    const balance = fundYear([budget('100.000'), mistaken, reversal, project('commitment', '9.000')]);
    expect(balance.committed).toEqual(eur('9.000'));
    const projectBalance = deriveBalances([mistaken, reversal]).projects.get(projectKey(FUND, 2026, PROJECT));
    expect(projectBalance?.committed.isZero()).toBe(true);
  });
});

describe('ledger invariants', () => {
  it('commits up to the budget and not a cent more', () => {
    const fits = book([
      budget('100.000,00'),
      project('commitment', '60.000,00'),
      project('commitment', '40.000,00'),
    ]);
    expect(fits.violations).toEqual([]);

    const over = book([
      budget('100.000,00'),
      project('commitment', '60.000,00'),
      project('commitment', '40.000,01'),
    ]);
    expect(over.violations).toEqual([
      {
        code: 'budget_exceeded',
        fundId: FUND,
        programmeYear: 2026,
        budget: eur('100.000'),
        committed: eur('100.000,01'),
        excess: eur('0,01'),
      },
    ]);
  });

  it('commits nothing where no budget was booked', () => {
    expect(book([project('commitment', '0,01')]).violations.map((v) => v.code)).toEqual(['budget_exceeded']);
  });

  it('keeps budget programme years and funds apart', () => {
    const otherYear = posting({
      kind: 'commitment',
      amount: eur('1,00'),
      programmeYear: 2027,
      cashYear: 2027,
      projectId: PROJECT,
    });
    const otherFund = posting({
      kind: 'commitment',
      amount: eur('1,00'),
      fundId: 'fund-af',
      projectId: 'tracked-1',
    });
    expect(book([budget('100.000'), otherYear]).violations.map((v) => v.code)).toEqual(['budget_exceeded']);
    expect(book([budget('100.000'), otherFund]).violations.map((v) => v.code)).toEqual(['budget_exceeded']);
  });

  it('does not cut the budget below what is committed', () => {
    const result = book([
      budget('100.000'),
      project('commitment', '80.000'),
      posting({ kind: 'budget_amendment', direction: 'decrease', amount: eur('20.000,01') }),
    ]);
    expect(result.violations.map((v) => [v.code, v.excess.cents])).toEqual([['budget_exceeded', 1n]]);
    expect(
      book([
        budget('100.000'),
        posting({ kind: 'budget_amendment', direction: 'decrease', amount: eur('100.000,01') }),
      ]).violations.map((v) => v.code),
    ).toEqual(['budget_exceeded']);
  });

  it('pays a project no more than is committed to it', () => {
    const result = book([
      budget('100.000'),
      project('commitment', '50.000'),
      project('disbursement', '30.000'),
      project('disbursement', '20.000,50'),
    ]);
    expect(result.violations).toEqual([
      {
        code: 'disbursement_exceeds_commitment',
        fundId: FUND,
        programmeYear: 2026,
        projectId: PROJECT,
        committed: eur('50.000'),
        paid: eur('50.000,50'),
        excess: eur('0,50'),
      },
    ]);
  });

  it('counts money paid back: it may be paid out again within the commitment', () => {
    const result = book([
      budget('100.000'),
      project('commitment', '50.000'),
      project('disbursement', '50.000'),
      project('repayment', '5.000'),
      project('disbursement', '5.000'),
    ]);
    expect(result.violations).toEqual([]);
  });

  it('does not de-commit money that was already paid out', () => {
    const result = book([
      budget('100.000'),
      project('commitment', '50.000'),
      project('disbursement', '30.000'),
      project('decommitment', '20.000,01'),
    ]);
    expect(result.violations.map((v) => v.code)).toEqual(['disbursement_exceeds_commitment']);
    // After a repayment the repaid part may be de-commmitted, which frees the budget again.
    const after = book([
      budget('100.000'),
      project('commitment', '50.000'),
      project('disbursement', '30.000'),
      project('repayment', '10.000'),
      project('decommitment', '30.000'),
    ]);
    expect(after.violations).toEqual([]);
    expect(balanceFigures(fundYear(after.accepted)).available).toEqual(eur('80.000'));
  });

  it('takes back no more than was paid out', () => {
    const result = book([
      budget('100.000'),
      project('commitment', '50.000'),
      project('disbursement', '10.000'),
      project('repayment', '10.000,01'),
    ]);
    expect(result.violations.map((v) => [v.code, v.excess.cents])).toEqual([
      ['repayment_exceeds_disbursement', 1n],
    ]);
  });

  it('refuses a reversal that would break an invariant', () => {
    const commitment = project('commitment', '50.000');
    const result = book([
      budget('100.000'),
      commitment,
      project('disbursement', '10.000'),
      posting({
        kind: 'reversal',
        amount: commitment.amount,
        projectId: PROJECT,
        reversed: { kind: 'commitment', direction: null },
      }),
    ]);
    expect(result.violations.map((v) => v.code)).toEqual(['disbursement_exceeds_commitment']);
  });

  it('finds every broken invariant in a set of balances', () => {
    const broken = deriveBalances([project('commitment', '1,00'), project('repayment', '2,00')]);
    expect(
      ledgerViolations(broken)
        .map((v) => v.code)
        .sort(),
    ).toEqual(['budget_exceeded', 'repayment_exceeds_disbursement']);
  });
});

describe('well-formed postings', () => {
  it('accept the references each kind needs', () => {
    expect(postingProblems(budget('1,00'))).toEqual([]);
    expect(postingProblems(project('commitment', '1,00', 2028))).toEqual([]);
    expect(
      postingProblems(posting({ kind: 'budget_amendment', direction: 'increase', amount: eur('1,00') })),
    ).toEqual([]);
  });

  it('refuse a zero amount, a cash year before the programme year and missing or stray references', () => {
    const fields = (p: LedgerPosting) => postingProblems(p).map((d) => `${d.field}:${d.rule}`);
    expect(fields(posting({ kind: 'budget', amount: Money.ZERO }))).toEqual(['amount:min']);
    expect(fields(project('commitment', '1,00', 2025))).toEqual(['cashYear:min']);
    expect(fields(posting({ kind: 'commitment', amount: eur('1,00') }))).toEqual(['projectId:required']);
    expect(fields(posting({ kind: 'budget', amount: eur('1,00'), projectId: PROJECT }))).toEqual([
      'projectId:unknown_field',
    ]);
    expect(fields(posting({ kind: 'budget_amendment', amount: eur('1,00') }))).toEqual([
      'direction:required',
    ]);
    expect(fields(posting({ kind: 'budget', amount: eur('1,00'), direction: 'increase' }))).toEqual([
      'direction:unknown_field',
    ]);
    expect(fields(posting({ kind: 'reversal', amount: eur('1,00') }))).toEqual(['reversesEntryId:required']);
    expect(
      fields(posting({ kind: 'budget', amount: eur('1,00'), programmeYear: 1999, cashYear: 2000 })),
    ).toEqual(['programmeYear:min']);
  });
});
