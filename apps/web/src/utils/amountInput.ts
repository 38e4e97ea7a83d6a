import { Money } from '@kiezfonds/domain';

/**
 * Reads an amount typed in German notation ("1.234,56", "12500", "12 500,00 €") into integer
 * cents as a string of digits, with the domain's rule (`Money.tryParseGerman`). Spaces inside the
 * number are dropped first, since people type "12 500" from a letter; `null` for anything that is
 * not a non-negative amount with at most two decimal places.
 */
export function parseGermanAmount(input: string): string | null {
  const amount = Money.tryParseGerman(input.replace(/[\s\u00a0\u202f]/g, ''));
  return amount === null || amount.isNegative() ? null : amount.cents.toString();
}

/**
 * What an amount field holds: the text the person typed, and the cents it means. `cents` is
 * `null` while the text is not a valid amount, `''` while the field is empty.
 */
export type AmountInput = { text: string; cents: string | null };

/**
 * Cents (a string of digits, as the API sends them) as the text of an amount field in German
 * notation without currency: `"123456"` → `"1.234,56"`. String arithmetic only, never a float.
 */
export function centsToAmountText(cents: string): string {
  if (!/^\d+$/.test(cents)) throw new RangeError(`Not a whole number of cents: ${cents}`);
  const digits = cents.replace(/^0+(?=\d)/, '').padStart(3, '0');
  const euros = digits.slice(0, -2);
  const rest = digits.slice(-2);
  const grouped = euros.replace(/\B(?=(\d{3})+$)/g, '.');
  return `${grouped},${rest}`;
}

/** Reads what was typed into an amount field: `''` for an empty field, `null` for anything unreadable. */
export function readAmountText(text: string): AmountInput {
  if (text.trim() === '') return { text, cents: '' };
  return { text, cents: parseGermanAmount(text) };
}

/** The field's text after leaving it: a valid amount is shown in its canonical form. */
export function normaliseAmountText(text: string): string {
  const cents = parseGermanAmount(text);
  return cents === null ? text : centsToAmountText(cents);
}
