import type { Language } from '../i18n';

/** The API accepts base rates from -100 % to 100 % (SetBaseRateDto). */
const LIMIT = 10_000;

/**
 * A rate in basis points as a percentage: 362 → `3,62 %` (German, with a non-breaking space) or
 * `3.62%` (English). Integer arithmetic only, so a rate never shows a float's rounding.
 */
export function formatBasisPoints(basisPoints: number, language: Language): string {
  const sign = basisPoints < 0 ? '-' : '';
  const absolute = Math.abs(basisPoints);
  const whole = Math.trunc(absolute / 100);
  const fraction = String(absolute % 100).padStart(2, '0');
  return language === 'de' ? `${sign}${whole},${fraction}\u00a0%` : `${sign}${whole}.${fraction}%`;
}

/**
 * Reads a typed percentage ("3,62", "3.62", "-0,88 %") into basis points; `null` for anything
 * else, for more than two decimals and for rates beyond ±100 %.
 */
export function parsePercentToBasisPoints(input: string): number | null {
  const text = input
    .replace(/[\s\u00a0]/g, '')
    .replace(/%$/, '')
    .replace(/^\u2212/, '-');
  const match = /^(-?)(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(text);
  if (!match) return null;
  const value = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  if (value > LIMIT) return null;
  return match[1] === '-' && value !== 0 ? -value : value;
}
