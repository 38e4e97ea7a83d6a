/**
 * German spreadsheet formats for exports (DOMAIN.md, "Money and years"): decimal comma, dates as
 * `22.11.2026`, CSV separated by semicolons (what German Excel expects) with a UTF-8 byte order
 * mark (without it Excel reads UTF-8 as Windows-1252 and garbles umlauts).
 */

/** The byte order mark that makes Excel read a CSV file as UTF-8. */
export const CSV_BOM = '\uFEFF';
export const CSV_SEPARATOR = ';';
/** RFC 4180 line ends, which every spreadsheet program reads. */
export const CSV_LINE_END = '\r\n';

function splitCents(cents: string | bigint): { sign: string; euros: string; rest: string } {
  const value = BigInt(cents);
  const absolute = value < 0n ? -value : value;
  return {
    sign: value < 0n ? '-' : '',
    euros: (absolute / 100n).toString(),
    rest: (absolute % 100n).toString().padStart(2, '0'),
  };
}

/**
 * Cents as a German decimal number without grouping: `123456` → `1234,56`, `-5` → `-0,05`.
 * Without thousands dots, so German Excel and any script read it back as the same number.
 */
export function germanDecimal(cents: string | bigint): string {
  const { sign, euros, rest } = splitCents(cents);
  return `${sign}${euros},${rest}`;
}

/**
 * Cents as a number of euros for a spreadsheet cell, which holds a binary float by definition: the
 * decimal text is parsed once, giving the float nearest to the exact amount (exact to the cent up
 * to about 90 trillion euros). Money is never computed with this value.
 */
export function euroNumber(cents: string | bigint): number {
  const { sign, euros, rest } = splitCents(cents);
  return Number(`${sign}${euros}.${rest}`);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** `2026-11-22` (or a local timestamp starting with it) → `22.11.2026`. */
export function germanDate(isoDate: string): string {
  const match = ISO_DATE.exec(isoDate);
  if (!match) throw new RangeError(`Not an ISO date: ${isoDate}`);
  return `${match[3]}.${match[2]}.${match[1]}`;
}

/** A CSV field: quoted when it holds the separator, a quote or a line break. */
export function csvValue(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A free-text CSV field (names, reasons, references). A text starting with `=`, `+`, `-`, `@` or
 * a tab would be run as a formula by spreadsheet programs (CSV injection, OWASP); it is prefixed
 * with an apostrophe, which they show as plain text.
 */
export function csvText(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return csvValue(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
}

export function csvLine(fields: readonly string[]): string {
  return fields.join(CSV_SEPARATOR) + CSV_LINE_END;
}

/** A file name part from a fund's name: `Aktionsfonds Heerstraße Nord` → `aktionsfonds-heerstrasse-nord`. */
export function fileSlug(text: string): string {
  const slug = text
    .toLowerCase()
    .replaceAll('ä', 'ae')
    .replaceAll('ö', 'oe')
    .replaceAll('ü', 'ue')
    .replaceAll('ß', 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, 60) || 'fonds';
}
