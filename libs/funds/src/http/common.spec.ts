import { currentBerlinYear, isCalendarDate, isPositiveCents } from './common';

describe('amounts in cents', () => {
  it('takes whole positive cents as a JSON integer or a string of digits', () => {
    expect(isPositiveCents(1)).toBe(true);
    expect(isPositiveCents(123456)).toBe(true);
    expect(isPositiveCents('123456')).toBe(true);
    expect(isPositiveCents('9223372036854775807')).toBe(true);
  });

  it('refuses floats, formatted amounts, zero, negatives and what a bigint column cannot hold', () => {
    for (const value of [
      12.5,
      0.1,
      '12,50',
      '12.50',
      '1.234',
      '1e5',
      ' 12',
      0,
      '0',
      -1,
      '-1',
      '9223372036854775808',
    ]) {
      expect({ value, ok: isPositiveCents(value) }).toEqual({ value, ok: false });
    }
    expect(isPositiveCents(2 ** 53)).toBe(false);
    expect(isPositiveCents(null)).toBe(false);
    expect(isPositiveCents(true)).toBe(false);
  });
});

describe('calendar dates', () => {
  it('accepts real days as YYYY-MM-DD only', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-11-22T00:00:00Z')).toBe(false);
    expect(isCalendarDate('22.11.2026')).toBe(false);
  });
});

describe('the default programme year', () => {
  it('is the calendar year in Berlin, which starts an hour before UTC’s', () => {
    expect(currentBerlinYear(new Date('2026-12-31T22:59:00Z'))).toBe(2026);
    expect(currentBerlinYear(new Date('2026-12-31T23:00:00Z'))).toBe(2027);
  });
});
