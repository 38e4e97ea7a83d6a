import { dayParts } from './calendar-day';

/** The same purpose may be funded for at most five consecutive years (DOMAIN.md step 10). */
export const CONSECUTIVE_YEARS_LIMIT = 5;

/** Cash years run from the programme year to at most two years later (DOMAIN.md "Money and years"). */
export const CASH_YEARS_AFTER_PROGRAMME_YEAR = 2;

/** An earlier project the application continues, with the period it was funded for. */
export interface FundedPeriod {
  id: string;
  reference: string;
  title: string;
  /** ISO days; a predecessor without a period counts no year. */
  periodStart: string | null;
  periodEnd: string | null;
  /** Approved at some point: only funded years count towards the limit. */
  funded: boolean;
}

export interface FundingChain {
  /** The calendar years of the unbroken run that ends with the application's last year. */
  consecutiveYears: number[];
  limit: number;
  exceeded: boolean;
}

function yearsOf(start: string | null | undefined, end: string | null | undefined): number[] {
  const from = dayParts(start ?? '')?.year;
  const to = dayParts(end ?? '')?.year;
  if (from === undefined || to === undefined || to < from) return [];
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/**
 * The consecutive years of funding for one purpose: the application's own period and the funded
 * periods of the projects it continues (its predecessors, however deep). A gap of a year breaks
 * the chain; the run that ends with the application's last year is what the limit counts.
 */
export function fundingChain(
  application: { periodStart?: string | null; periodEnd?: string | null },
  predecessors: readonly FundedPeriod[],
): FundingChain {
  const own = yearsOf(application.periodStart, application.periodEnd);
  const years = new Set(own);
  for (const p of predecessors)
    if (p.funded) for (const y of yearsOf(p.periodStart, p.periodEnd)) years.add(y);
  const last = own.at(-1);
  const run: number[] = [];
  if (last !== undefined) for (let y = last; years.has(y); y--) run.unshift(y);
  return {
    consecutiveYears: run,
    limit: CONSECUTIVE_YEARS_LIMIT,
    exceeded: run.length > CONSECUTIVE_YEARS_LIMIT,
  };
}
