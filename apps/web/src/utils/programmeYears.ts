import { currentBerlinYear } from './berlinTime';

/**
 * The programme years every year choice offers (a call's, the finance pages'), newest first: two
 * ahead of the current year (calls are opened for the coming years, and finance books their
 * budgets) down to two back (money of past years is still paid and repaid). A `chosen` year
 * outside that range, reached by a link (`?jahr=`) or an older call, joins the list in its place.
 */
export function programmeYears(chosen?: number, current: number = currentBerlinYear()): number[] {
  const years = [current + 2, current + 1, current, current - 1, current - 2];
  if (chosen !== undefined && Number.isInteger(chosen) && !years.includes(chosen)) years.push(chosen);
  return years.sort((a, b) => b - a);
}
