import type { ErrorDetail } from '../errors/domain-error';

/**
 * ANBest-P Nr. 1.4 as kiezfonds applies it to a call-off: money is called off only while the
 * project runs (not before the period the notice fixes starts, not after it ends) and only from
 * the instalment of the cash year in which it is called off: next year's money is next year's.
 */
export type CallOffRefusal =
  | { code: 'call_off_before_project_start'; params: { periodStart: string } }
  | { code: 'call_off_after_project_end'; params: { periodEnd: string } }
  | { code: 'call_off_other_cash_year'; params: { cashYear: number; currentCashYear: number } };

export function callOffRefusal(input: {
  /** The Berlin calendar day of the request (`YYYY-MM-DD`). */
  today: string;
  periodStart: string;
  periodEnd: string;
  cashYear: number;
}): CallOffRefusal | null {
  if (input.today < input.periodStart) {
    return { code: 'call_off_before_project_start', params: { periodStart: input.periodStart } };
  }
  if (input.today > input.periodEnd) {
    return { code: 'call_off_after_project_end', params: { periodEnd: input.periodEnd } };
  }
  const currentCashYear = Number(input.today.slice(0, 4));
  if (input.cashYear !== currentCashYear) {
    return { code: 'call_off_other_cash_year', params: { cashYear: input.cashYear, currentCashYear } };
  }
  return null;
}

/**
 * A notice may not approve a project whose period has already begun, unless the office approved
 * an early start (vorzeitiger Maßnahmebeginn) before it (DOMAIN.md step 7: no project may start
 * before the notice).
 */
export function earlyStartRequired(input: { noticeDate: string; periodStart: string }): boolean {
  return input.periodStart < input.noticeDate;
}

/**
 * The grant notice's instalments (cash years, Kassenjahre) lie within the years of the project's
 * period, and none before the programme year whose budget pays: money committed for another year
 * could never be called off (`callOffRefusal`), yet it would stay committed in the budget.
 * Problems name `instalments.N.cashYear` with the years allowed.
 */
export function instalmentYearProblems(input: {
  instalments: readonly { cashYear: number }[];
  programmeYear: number;
  /** The period the notice fixes (`YYYY-MM-DD`). */
  periodStart: string;
  periodEnd: string;
}): ErrorDetail[] {
  const from = Math.max(Number(input.periodStart.slice(0, 4)), input.programmeYear);
  const to = Number(input.periodEnd.slice(0, 4));
  return input.instalments.flatMap((instalment, index) =>
    instalment.cashYear < from || instalment.cashYear > to
      ? [{ field: `instalments.${index}.cashYear`, rule: 'cashYearOutsidePeriod', params: { from, to } }]
      : [],
  );
}
