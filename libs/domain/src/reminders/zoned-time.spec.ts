import { calendarDayOf, subtractCalendarDays } from './zoned-time';

const BERLIN = 'Europe/Berlin';
const HOUR = 3_600_000;

const before = (iso: string, days: number, zone = BERLIN) =>
  subtractCalendarDays(new Date(iso), days, zone).toISOString();

const hoursBetween = (earlier: string, later: string) =>
  (new Date(later).getTime() - new Date(earlier).getTime()) / HOUR;

describe('subtractCalendarDays', () => {
  it('keeps the Berlin wall-clock time on ordinary days, 24 hours per day', () => {
    // 25.11.2026 10:00 CET (UTC+1) → 22.11.2026 10:00 CET.
    expect(before('2026-11-25T09:00:00.000Z', 3)).toBe('2026-11-22T09:00:00.000Z');
    // 14 days before a deadline of 31.01.2027 23:59 CET is 17.01.2027 23:59 CET.
    expect(before('2027-01-31T22:59:00.000Z', 14)).toBe('2027-01-17T22:59:00.000Z');
    // In summer time (UTC+2) as well: 20.07.2026 18:00 CEST → 19.07.2026 18:00 CEST.
    expect(before('2026-07-20T16:00:00.000Z', 1)).toBe('2026-07-19T16:00:00.000Z');
  });

  it('crosses months, years and a leap day by the calendar', () => {
    // 01.01.2027 00:30 CET → 31.12.2026 00:30 CET.
    expect(before('2026-12-31T23:30:00.000Z', 1)).toBe('2026-12-30T23:30:00.000Z');
    // 01.03.2028 12:00 CET → 29.02.2028 12:00 CET (2028 is a leap year).
    expect(before('2028-03-01T11:00:00.000Z', 1)).toBe('2028-02-29T11:00:00.000Z');
    // 01.03.2027 12:00 CET → 28.02.2027 12:00 CET.
    expect(before('2027-03-01T11:00:00.000Z', 1)).toBe('2027-02-28T11:00:00.000Z');
  });

  it('is 71 hours for three days across the switch to summer time on 29 March 2026', () => {
    // 31.03.2026 10:00 CEST (08:00 UTC) → 28.03.2026 10:00 CET (09:00 UTC).
    const deadline = '2026-03-31T08:00:00.000Z';
    const sendAt = before(deadline, 3);
    expect(sendAt).toBe('2026-03-28T09:00:00.000Z');
    expect(hoursBetween(sendAt, deadline)).toBe(71);
    // The day of the switch itself is 23 hours long: 30.03. 10:00 CEST → 29.03. 10:00 CEST.
    expect(before('2026-03-30T08:00:00.000Z', 1)).toBe('2026-03-29T08:00:00.000Z');
    expect(before('2026-03-29T08:00:00.000Z', 1)).toBe('2026-03-28T09:00:00.000Z');
  });

  it('is 73 hours for three days across the switch back to winter time on 25 October 2026', () => {
    // 27.10.2026 10:00 CET (09:00 UTC) → 24.10.2026 10:00 CEST (08:00 UTC).
    const deadline = '2026-10-27T09:00:00.000Z';
    const sendAt = before(deadline, 3);
    expect(sendAt).toBe('2026-10-24T08:00:00.000Z');
    expect(hoursBetween(sendAt, deadline)).toBe(73);
    // The day of the switch is 25 hours long: 25.10. 12:00 CET → 24.10. 12:00 CEST.
    expect(hoursBetween(before('2026-10-25T11:00:00.000Z', 1), '2026-10-25T11:00:00.000Z')).toBe(25);
  });

  it('moves a wall-clock time that does not exist (the spring-forward gap) forward by the gap', () => {
    // 01.04.2026 02:30 CEST → 29.03.2026 02:30, which Berlin skips (02:00 → 03:00): 03:30 CEST.
    expect(before('2026-04-01T00:30:00.000Z', 3)).toBe('2026-03-29T01:30:00.000Z');
  });

  it('takes the earlier of a wall-clock time that exists twice (the autumn overlap)', () => {
    // 28.10.2026 02:30 CET → 25.10.2026 02:30, shown first in CEST (00:30 UTC), then in CET.
    expect(before('2026-10-28T01:30:00.000Z', 3)).toBe('2026-10-25T00:30:00.000Z');
    // Zero days stays the very instant, also on the second 02:30.
    expect(before('2026-10-25T01:30:00.000Z', 0)).toBe('2026-10-25T01:30:00.000Z');
  });

  it('keeps seconds and milliseconds, and counts forward for negative days', () => {
    expect(before('2026-11-25T09:00:59.123Z', 2)).toBe('2026-11-23T09:00:59.123Z');
    expect(before('2026-03-28T09:00:00.000Z', -3)).toBe('2026-03-31T08:00:00.000Z');
  });

  it('works in any IANA zone', () => {
    expect(before('2026-03-31T08:00:00.000Z', 3, 'UTC')).toBe('2026-03-28T08:00:00.000Z');
    // Los Angeles switches on 8 March 2026: 10.03. 10:00 PDT (17:00 UTC) → 07.03. 10:00 PST (18:00 UTC).
    expect(before('2026-03-10T17:00:00.000Z', 3, 'America/Los_Angeles')).toBe('2026-03-07T18:00:00.000Z');
    // Lord Howe Island moves its clocks by half an hour.
    expect(
      hoursBetween(before('2026-10-06T00:00:00.000Z', 3, 'Australia/Lord_Howe'), '2026-10-06T00:00:00.000Z'),
    ).toBe(71.5);
  });

  it('refuses what it cannot compute', () => {
    expect(() => subtractCalendarDays(new Date(Number.NaN), 1, BERLIN)).toThrow(RangeError);
    expect(() => subtractCalendarDays(new Date(), 1.5, BERLIN)).toThrow(RangeError);
    expect(() => subtractCalendarDays(new Date(), 1, 'Europe/Atlantis')).toThrow(RangeError);
  });
});

describe('calendarDayOf', () => {
  it('is the day an instant falls on in Berlin, as YYYY-MM-DD', () => {
    expect(calendarDayOf(new Date('2026-12-06T22:59:59Z'))).toBe('2026-12-06');
    expect(calendarDayOf(new Date('2026-12-06T23:00:00Z'))).toBe('2026-12-07');
    // Summer time: midnight in Berlin is 22:00 UTC.
    expect(calendarDayOf(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
  });

  it('in another zone when asked', () => {
    expect(calendarDayOf(new Date('2026-12-06T23:00:00Z'), 'UTC')).toBe('2026-12-06');
  });

  it('refuses an invalid instant', () => {
    expect(() => calendarDayOf(new Date('nonsense'))).toThrow(RangeError);
  });
});
