import {
  currentBerlinYear,
  isCalendarDate,
  isInstant,
  isPositiveCents,
  toMillisecondInstant,
} from './common';

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

describe('instants', () => {
  it('take a day, a time to the minute, second or fraction of a second, and Z or an offset', () => {
    for (const value of [
      '2027-01-31T23:59+01:00',
      '2027-01-31T23:59:00+01:00',
      '2027-01-31T22:59:00.000Z',
      '2027-01-31T22:59:00.5Z',
      '2024-02-29T12:00:00-05:30',
    ]) {
      expect({ value, ok: isInstant(value) }).toEqual({ value, ok: true });
    }
  });

  it('take a fraction of a second with up to nine digits, as PostgreSQL, Python and Java write it', () => {
    for (const value of [
      '2026-12-07T10:00:00.123456Z',
      '2026-12-07T10:00:00.1234+01:00',
      '2026-12-07T10:00:00.123456789Z',
      '2026-12-31T23:59:59.999999999-05:30',
    ]) {
      expect({ value, ok: isInstant(value) }).toEqual({ value, ok: true });
    }
  });

  it('refuse ten or more fraction digits, an empty fraction and a fraction without seconds', () => {
    for (const value of [
      '2026-12-07T10:00:00.1234567890Z',
      '2026-12-07T10:00:00.Z',
      '2026-12-07T10:00.5Z',
      '2026-12-07T10:00:00,5Z',
    ]) {
      expect({ value, ok: isInstant(value) }).toEqual({ value, ok: false });
    }
  });

  it('are kept to the millisecond: further digits are cut, never rounded into the next second', () => {
    // 23:59:59.9999995 rounded (as PostgreSQL rounds a text to microseconds) would be the next day.
    expect(toMillisecondInstant('2026-12-31T23:59:59.9999995Z')).toBe('2026-12-31T23:59:59.999Z');
    expect(toMillisecondInstant('2026-12-07T10:00:00.123456+01:00')).toBe('2026-12-07T10:00:00.123+01:00');
    expect(toMillisecondInstant('2026-12-07T10:00:00.1234Z')).toBe('2026-12-07T10:00:00.123Z');
    // Three digits or fewer, anything that is no instant, and non-strings are left for the check.
    for (const value of [
      '2026-12-07T10:00:00.12Z',
      '2026-12-07T10:00Z',
      '2026-12-07T10:00:00.1234567890Z',
      '2027-W05-3',
      42,
      null,
    ]) {
      expect(toMillisecondInstant(value)).toBe(value);
    }
  });

  it('refuse week, ordinal and basic dates, days that do not exist, and times without a zone', () => {
    for (const value of [
      '2027-W05-3',
      '2027-W05-3T10:00:00Z',
      '2027-060',
      '2027-060T10:00:00Z',
      '20270301',
      '20270301T100000Z',
      '2027-03-01',
      '2027-03-01T10:00:00',
      '2027-02-30T10:00:00Z',
      '2026-02-29T10:00:00Z',
      '2027-01-01T24:00Z',
      '2027-01-01T23:59:60Z',
      '2027-01-01T10:00+25:00',
      '0001-01-01T00:00+01:00',
      '+275760-09-13T00:00:00Z',
      ' 2027-01-31T23:59:00Z',
      '',
      1798797600000,
      null,
    ]) {
      expect({ value, ok: isInstant(value) }).toEqual({ value, ok: false });
    }
  });
});

describe('the default programme year', () => {
  it('is the calendar year in Berlin, which starts an hour before UTC’s', () => {
    expect(currentBerlinYear(new Date('2026-12-31T22:59:00Z'))).toBe(2026);
    expect(currentBerlinYear(new Date('2026-12-31T23:00:00Z'))).toBe(2027);
  });
});
