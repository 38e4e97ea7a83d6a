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
