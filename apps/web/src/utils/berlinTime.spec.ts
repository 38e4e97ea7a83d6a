/// <reference types="jest" />
import {
  addDays,
  berlinDateTime,
  berlinDayAndTime,
  berlinToday,
  endOfBerlinDay,
  isCalendarDay,
} from './berlinTime';

describe('Berlin deadlines', () => {
  it('gives a winter deadline the offset +01:00 and a summer one +02:00', () => {
    expect(endOfBerlinDay('2027-01-31')).toBe('2027-01-31T23:59:59+01:00');
    expect(endOfBerlinDay('2027-07-15')).toBe('2027-07-15T23:59:59+02:00');
  });

  it('uses the offset in force in the evening of the days the clocks change', () => {
    // 28 March 2027 and 31 October 2027: clocks change in the early morning.
    expect(endOfBerlinDay('2027-03-28')).toBe('2027-03-28T23:59:59+02:00');
    expect(endOfBerlinDay('2027-10-31')).toBe('2027-10-31T23:59:59+01:00');
  });

  it('names the same instant the API will store', () => {
    const iso = berlinDateTime('2027-01-31', '12:00');
    expect(new Date(iso).toISOString()).toBe('2027-01-31T11:00:00.000Z');
  });

  it('refuses days and times that do not exist', () => {
    expect(isCalendarDay('2027-02-29')).toBe(false);
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(() => endOfBerlinDay('31.01.2027')).toThrow(RangeError);
    expect(() => berlinDateTime('2027-01-31', '24:00')).toThrow(RangeError);
  });

  it('reads an instant back as the Berlin day and time shown in the form', () => {
    expect(berlinDayAndTime('2027-01-31T22:59:59.000Z')).toEqual({ day: '2027-01-31', time: '23:59' });
    expect(berlinDayAndTime('2027-06-30T22:30:00Z')).toEqual({ day: '2027-07-01', time: '00:30' });
  });

  it('knows which day it is in Berlin when UTC is still on the day before', () => {
    expect(berlinToday(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });
});
