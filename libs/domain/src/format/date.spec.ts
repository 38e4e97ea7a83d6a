import { formatDate, formatDateTime } from './date';

describe('formatDate', () => {
  it('shows German and English day-month-year dates', () => {
    expect(formatDate('2026-11-22', 'de')).toBe('22.11.2026');
    expect(formatDate('2026-11-22', 'en')).toBe('22/11/2026');
  });

  it('keeps a calendar date on its day in every time zone', () => {
    for (const zone of ['Europe/Berlin', 'UTC', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
      expect(formatDate('2026-03-29', 'de', zone)).toBe('29.03.2026');
      expect(formatDate('2026-10-25', 'en', zone)).toBe('25/10/2026');
    }
  });

  it('shows an instant on the day it falls on in Berlin', () => {
    // 23:30 UTC on 28 March is already 00:30 on 29 March in Berlin (CET, UTC+1).
    expect(formatDate('2026-03-28T23:30:00Z', 'de')).toBe('29.03.2026');
    expect(formatDate('2026-03-28T23:30:00Z', 'de', 'UTC')).toBe('28.03.2026');
    // 22:30 UTC on 24 October is 00:30 on 25 October in Berlin (still CEST, UTC+2).
    expect(formatDate(new Date('2026-10-24T22:30:00Z'), 'en')).toBe('25/10/2026');
  });

  it('refuses what is not a date', () => {
    expect(() => formatDate('2026-02-30', 'de')).toThrow(RangeError);
    expect(() => formatDate('next Tuesday', 'de')).toThrow(RangeError);
    expect(() => formatDate(new Date(Number.NaN), 'en')).toThrow(RangeError);
  });
});

describe('formatDateTime', () => {
  it('shows the Berlin wall-clock time, with "Uhr" in German', () => {
    expect(formatDateTime('2026-11-22T13:30:00Z', 'de')).toBe('22.11.2026, 14:30 Uhr');
    expect(formatDateTime('2026-11-22T13:30:00Z', 'en')).toBe('22/11/2026, 14:30');
    expect(formatDateTime('2026-11-22T13:30:00Z', 'en', 'UTC')).toBe('22/11/2026, 13:30');
  });

  it('follows the switch to summer time on 29 March 2026', () => {
    // At 01:00 UTC Berlin jumps from 02:00 CET to 03:00 CEST.
    expect(formatDateTime('2026-03-29T00:30:00Z', 'de')).toBe('29.03.2026, 01:30 Uhr');
    expect(formatDateTime('2026-03-29T01:30:00Z', 'de')).toBe('29.03.2026, 03:30 Uhr');
  });

  it('follows the switch back to winter time on 25 October 2026', () => {
    // 02:30 happens twice in Berlin: first in CEST (UTC+2), then in CET (UTC+1).
    expect(formatDateTime('2026-10-25T00:30:00Z', 'de')).toBe('25.10.2026, 02:30 Uhr');
    expect(formatDateTime('2026-10-25T01:30:00Z', 'de')).toBe('25.10.2026, 02:30 Uhr');
    expect(formatDateTime('2026-10-25T02:30:00Z', 'en')).toBe('25/10/2026, 03:30');
  });

  it('shows midnight as 00:00, not 24:00', () => {
    expect(formatDateTime('2026-11-21T23:00:00Z', 'de')).toBe('22.11.2026, 00:00 Uhr');
    expect(formatDateTime('2026-11-21T23:00:00Z', 'en')).toBe('22/11/2026, 00:00');
  });

  it('refuses a calendar date, which has no time of day', () => {
    expect(() => formatDateTime('2026-11-22', 'de')).toThrow(/calendar date/);
  });
});
