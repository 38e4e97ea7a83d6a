import type { ErrorDetail } from '../errors/domain-error';
import { Money } from '../money/money';

/**
 * The Netzwerkfonds funds projects from 50 000 € (DOMAIN.md fund table). A call may ask for
 * more, never for less; the migration `1763795000000` holds a frozen copy as a CHECK.
 */
export const NETZWERKFONDS_MIN_AMOUNT = Money.euros(50_000);

/** A call's minimum: the one the coordinator gave, or the Netzwerkfonds floor when none is given. */
export function callMinimum(given: Money | null): Money {
  return given ?? NETZWERKFONDS_MIN_AMOUNT;
}

/**
 * What is wrong with a call's amount range, as the 400's details: a minimum below the
 * Netzwerkfonds floor, and a maximum below the minimum (the floor when none is given).
 */
export function callAmountProblems(min: Money | null, max: Money | null): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (min && min.isLessThan(NETZWERKFONDS_MIN_AMOUNT)) {
    problems.push({
      field: 'minAmountCents',
      rule: 'netzwerkfondsMinimum',
      params: { minCents: NETZWERKFONDS_MIN_AMOUNT.toString() },
    });
  }
  const effectiveMin = callMinimum(min);
  if (max && max.isLessThan(effectiveMin)) {
    problems.push({
      field: 'maxAmountCents',
      rule: 'notBelowMinimum',
      params: { minCents: effectiveMin.toString() },
    });
  }
  return problems;
}
