/**
 * Parses an amount in German notation ("1.234,56", "12500", "12.500,5", "12 500,00 €") into
 * integer cents as a string of digits, using string and integer arithmetic only. Answers `null`
 * for anything that is not a plain non-negative amount with at most two decimal places.
 */
export function parseGermanAmount(input: string): string | null {
  const text = input.replace(/[\s\u00a0]/g, '').replace(/€$/, '');
  const match = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(text);
  if (!match) return null;
  const euros = match[1]!.replace(/\./g, '');
  const fraction = (match[2] ?? '').padEnd(2, '0');
  const cents = BigInt(euros) * 100n + BigInt(fraction);
  return cents.toString();
}

/** The current year in Berlin, the API's default programme year. */
export function currentBerlinYear(now: Date = new Date()): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Berlin', year: 'numeric' }).format(now));
}
