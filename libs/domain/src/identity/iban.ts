/**
 * IBAN checks (ISO 13616) for the carrier's bank account: the form and the two check digits, which
 * catch every single mistyped character and almost every swap of two neighbours.
 */

/** Lengths of the SEPA countries' IBANs; for other countries only the general form is checked. */
// prettier-ignore
const SEPA_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AT: 20, BE: 16, BG: 22, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18, EE: 20, ES: 24, FI: 18,
  FR: 27, GB: 22, GI: 23, GR: 27, HR: 21, HU: 28, IE: 22, IS: 26, IT: 27, LI: 21, LT: 20, LU: 20,
  LV: 21, MC: 27, MT: 31, NL: 18, NO: 15, PL: 28, PT: 25, RO: 24, SE: 24, SI: 19, SK: 24, SM: 27,
  VA: 22,
};

const FORM = /^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/;

/** The form an IBAN is stored in: without spaces, upper case (people type it in groups of four). */
export function normaliseIban(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

export function isValidIban(input: string): boolean {
  const iban = normaliseIban(input);
  if (!FORM.test(iban)) return false;
  const expectedLength = SEPA_LENGTHS[iban.slice(0, 2)];
  if (expectedLength !== undefined && iban.length !== expectedLength) return false;
  // Check digits are 02…98; 00, 01 and 99 are never issued (01 and 98 would both pass mod 97).
  const checkDigits = Number(iban.slice(2, 4));
  if (checkDigits < 2 || checkDigits > 98) return false;
  return mod97(iban.slice(4) + iban.slice(0, 4)) === 1;
}

/** Groups of four for reading, as on a bank statement: `DE89 3704 0044 0532 0130 00`. */
export function formatIban(input: string): string {
  return normaliseIban(input).replace(/(.{4})(?=.)/g, '$1 ');
}

/** The remainder of the number the characters stand for (A = 10 … Z = 35), digit by digit. */
function mod97(characters: string): number {
  let remainder = 0;
  for (const character of characters) {
    const value = Number.parseInt(character, 36);
    remainder = (value < 10 ? remainder * 10 + value : remainder * 100 + value) % 97;
  }
  return remainder;
}
