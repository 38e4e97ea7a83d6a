import { currentLanguage } from '../../i18n';
import { formatMoney } from '../../i18n/format';
import { currentBerlinYear } from '../../utils/berlinTime';

/** Money from the API (a string of cents) for display. */
export function money(cents: string): string {
  return formatMoney(BigInt(cents), currentLanguage());
}

/** Reads `?jahr=` when it is a plausible year, else the current one. */
export function yearFromSearch(value: string | null): number {
  if (value && /^\d{4}$/.test(value)) return Number(value);
  return currentBerlinYear();
}
