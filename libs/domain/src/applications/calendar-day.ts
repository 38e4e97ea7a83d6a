/**
 * Calendar days as `YYYY-MM-DD` strings: a deadline or a period's first day names the same day
 * everywhere, so it is never turned into an instant (and never shifted by a time zone).
 */
const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface DayParts {
  year: number;
  /** 1 to 12. */
  month: number;
  day: number;
}

/** The parts of a real calendar day, or `null` for anything else (`2027-02-30`, `27-1-1`). */
export function dayParts(value: string): DayParts | null {
  const match = CALENDAR_DAY.exec(value);
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isCalendarDay(value: string): boolean {
  return dayParts(value) !== null;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function formatDay({ year, month, day }: DayParts): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The same day `months` calendar months later; when that month is shorter, its last day
 * (31 October + 4 months = 28 or 29 February), as § 188 (3) BGB counts a period of months.
 */
export function addMonths(value: string, months: number): string {
  const parts = dayParts(value);
  if (!parts) throw new RangeError(`Not a calendar day: ${value}`);
  const monthIndex = parts.year * 12 + (parts.month - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  return formatDay({ year, month, day: Math.min(parts.day, daysInMonth(year, month)) });
}
