import {
  formatDate,
  INTEREST_DAYS_PER_YEAR,
  type Locale,
  REPAYMENT_INTEREST_SURCHARGE_BASIS_POINTS,
  type RepaymentInterest,
} from '@kiezfonds/domain';

/** Basis points as a percentage: 862 → `8,62 %` (German) or `8.62%` (English); exact, no float. */
export function formatBasisPoints(basisPoints: number, locale: Locale): string {
  const sign = basisPoints < 0 ? '-' : '';
  const absolute = Math.abs(basisPoints);
  const whole = Math.trunc(absolute / 100);
  const fraction = String(absolute % 100).padStart(2, '0');
  return locale === 'de' ? `${sign}${whole},${fraction} %` : `${sign}${whole}.${fraction}%`;
}

/**
 * The calculation as the API answers it: each line with its figures and a sentence in the
 * caller's language, so the claim can be explained to the carrier line by line.
 */
export function interestView(result: RepaymentInterest, locale: Locale) {
  const principal = result.principal.format(locale);
  return {
    principalCents: result.principal.toString(),
    paidOn: result.paidOn,
    repaidOn: result.repaidOn,
    days: result.days,
    surchargeBasisPoints: REPAYMENT_INTEREST_SURCHARGE_BASIS_POINTS,
    daysPerYear: INTEREST_DAYS_PER_YEAR,
    lines: result.lines.map((line) => {
      const span = `${formatDate(line.from, locale)} – ${formatDate(line.to, locale)}`;
      const base = formatBasisPoints(line.baseRateBasisPoints, locale);
      const surcharge = formatBasisPoints(REPAYMENT_INTEREST_SURCHARGE_BASIS_POINTS, locale);
      const rate = formatBasisPoints(line.rateBasisPoints, locale);
      const interest = line.interest.format(locale);
      return {
        from: line.from,
        to: line.to,
        days: line.days,
        baseRateBasisPoints: line.baseRateBasisPoints,
        rateBasisPoints: line.rateBasisPoints,
        interestCents: line.interest.toString(),
        text:
          locale === 'de'
            ? `${span}: ${line.days} Tage zu ${rate} (Basiszinssatz ${base} + ${surcharge}) auf ${principal}: ` +
              `${principal} × ${rate} × ${line.days} / ${INTEREST_DAYS_PER_YEAR} = ${interest}`
            : `${span}: ${line.days} days at ${rate} (base rate ${base} + ${surcharge}) on ${principal}: ` +
              `${principal} × ${rate} × ${line.days} / ${INTEREST_DAYS_PER_YEAR} = ${interest}`,
      };
    }),
    totalCents: result.total.toString(),
    totalText:
      locale === 'de'
        ? `Zinsen insgesamt: ${result.total.format(locale)}`
        : `Total interest: ${result.total.format(locale)}`,
  };
}
