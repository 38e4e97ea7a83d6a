import { REMINDER_KINDS } from '../notifications/catalogue';
import {
  calendarDaysLeft,
  calendarDaysOverdue,
  dueOverdueOffset,
  dueReminderOffset,
  isReminderKind,
} from './reminder-schedule';

const BERLIN = 'Europe/Berlin';
const OFFSETS = [14, 3, 1] as const;

const due = (deadline: string, now: string, offsets: readonly number[] = OFFSETS) =>
  dueReminderOffset(new Date(deadline), offsets, new Date(now), BERLIN);

describe('dueReminderOffset', () => {
  // 31.01.2027 23:59 CET: reminders at 17.01., 28.01. and 30.01., each 23:59 CET.
  const deadline = '2027-01-31T22:59:00.000Z';

  it('sends nothing before the first reminder is due', () => {
    expect(due(deadline, '2026-11-22T10:00:00.000Z')).toBeNull();
    expect(due(deadline, '2027-01-17T22:58:59.999Z')).toBeNull();
  });

  it('names the reminder whose send time has come, from that very moment on', () => {
    expect(due(deadline, '2027-01-17T22:59:00.000Z')).toBe(14);
    expect(due(deadline, '2027-01-28T22:58:00.000Z')).toBe(14);
    expect(due(deadline, '2027-01-28T22:59:00.000Z')).toBe(3);
    expect(due(deadline, '2027-01-28T23:59:00.000Z')).toBe(3);
    expect(due(deadline, '2027-01-30T22:59:00.000Z')).toBe(1);
    expect(due(deadline, '2027-01-31T22:58:59.999Z')).toBe(1);
  });

  it('sends only the nearest reminder after a downtime, not every one that was missed', () => {
    // No sweep ran for three weeks; twelve hours before the deadline only "1 day" is due.
    expect(due(deadline, '2027-01-31T10:59:00.000Z')).toBe(1);
  });

  it('sends nothing once the deadline has passed', () => {
    expect(due(deadline, deadline)).toBeNull();
    expect(due(deadline, '2027-02-01T08:00:00.000Z')).toBeNull();
  });

  it('counts calendar days across the switch to summer time (three days = 71 hours)', () => {
    // Deadline 31.03.2026 10:00 CEST; the 3-day reminder is due at 28.03. 10:00 CET = 09:00 UTC,
    // not 72 hours earlier at 08:00 UTC.
    const spring = '2026-03-31T08:00:00.000Z';
    expect(due(spring, '2026-03-28T08:30:00.000Z')).toBe(14);
    expect(due(spring, '2026-03-28T09:00:00.000Z')).toBe(3);
    // The 1-day reminder: 30.03. 10:00 CEST.
    expect(due(spring, '2026-03-30T07:59:00.000Z')).toBe(3);
    expect(due(spring, '2026-03-30T08:00:00.000Z')).toBe(1);
  });

  it('counts calendar days across the switch back to winter time (three days = 73 hours)', () => {
    // Deadline 27.10.2026 10:00 CET; the 3-day reminder is due at 24.10. 10:00 CEST = 08:00 UTC.
    const autumn = '2026-10-27T09:00:00.000Z';
    expect(due(autumn, '2026-10-24T07:59:00.000Z')).toBe(14);
    expect(due(autumn, '2026-10-24T08:00:00.000Z')).toBe(3);
    // A deadline on the switch day: 25.10. 12:00 CET; "1 day" is 24.10. 12:00 CEST, 25 hours before.
    expect(due('2026-10-25T11:00:00.000Z', '2026-10-24T09:59:00.000Z')).toBe(3);
    expect(due('2026-10-25T11:00:00.000Z', '2026-10-24T10:00:00.000Z')).toBe(1);
  });

  it('does not depend on the order of the offsets', () => {
    expect(due(deadline, '2027-01-29T12:00:00.000Z', [1, 14, 3])).toBe(3);
    expect(due(deadline, '2027-01-29T12:00:00.000Z', [])).toBeNull();
  });

  it('refuses offsets that are not positive whole days', () => {
    expect(() => due(deadline, '2027-01-29T12:00:00.000Z', [0])).toThrow(RangeError);
    expect(() => due(deadline, '2027-01-29T12:00:00.000Z', [1.5])).toThrow(RangeError);
  });
});

describe('dueOverdueOffset and calendarDaysOverdue', () => {
  // A report due on 31 March 2027 at 23:59 Berlin (CEST since 28 March).
  const due = new Date('2027-03-31T21:59:00Z');
  const at = (iso: string) => new Date(iso);

  it('sends nothing before the deadline or within its first day', () => {
    expect(dueOverdueOffset(due, [1, 7], at('2027-03-31T21:00:00Z'), 'Europe/Berlin')).toBeNull();
    expect(dueOverdueOffset(due, [1, 7], at('2027-04-01T21:58:59Z'), 'Europe/Berlin')).toBeNull();
    expect(calendarDaysOverdue(due, at('2027-04-01T21:58:59Z'), 'Europe/Berlin')).toBe(0);
  });

  it('sends the one-day reminder a calendar day after, and only the week one once a week has passed', () => {
    expect(dueOverdueOffset(due, [1, 7], at('2027-04-01T21:59:00Z'), 'Europe/Berlin')).toBe(1);
    expect(dueOverdueOffset(due, [1, 7], at('2027-04-06T12:00:00Z'), 'Europe/Berlin')).toBe(1);
    // A sweep that runs late sends the reminder that fits now, not both.
    expect(dueOverdueOffset(due, [1, 7], at('2027-04-20T12:00:00Z'), 'Europe/Berlin')).toBe(7);
    expect(calendarDaysOverdue(due, at('2027-04-07T21:59:00Z'), 'Europe/Berlin')).toBe(7);
  });

  it('counts calendar days across the change to winter time', () => {
    // Due 24 October 2026 at 23:59 CEST; the clocks go back on 25 October: that day has 25 hours.
    const autumn = new Date('2026-10-24T21:59:00Z');
    expect(calendarDaysOverdue(autumn, new Date('2026-10-25T22:58:59Z'), 'Europe/Berlin')).toBe(0);
    expect(calendarDaysOverdue(autumn, new Date('2026-10-25T22:59:00Z'), 'Europe/Berlin')).toBe(1);
  });

  it('refuses offsets that are not whole days after the deadline', () => {
    expect(() => dueOverdueOffset(due, [0], due, 'Europe/Berlin')).toThrow(RangeError);
    expect(() => dueOverdueOffset(due, [1.5], due, 'Europe/Berlin')).toThrow(RangeError);
  });
});

describe('calendarDaysLeft', () => {
  const deadline = new Date('2027-01-31T22:59:00.000Z');
  const left = (now: string, end = deadline) => calendarDaysLeft(end, new Date(now), BERLIN);

  it('says how many days a reminder announces, rounded up', () => {
    expect(left('2027-01-17T22:59:00.000Z')).toBe(14);
    // One hour after the 3-day reminder became due.
    expect(left('2027-01-28T23:59:00.000Z')).toBe(3);
    // A late reminder: one and a half days before the deadline it says 2, not 3.
    expect(left('2027-01-30T10:59:00.000Z')).toBe(2);
    expect(left('2027-01-31T22:58:00.000Z')).toBe(1);
  });

  it('says 3 for the 3-day reminder in the weeks the clocks change', () => {
    expect(left('2026-03-28T09:00:00.000Z', new Date('2026-03-31T08:00:00.000Z'))).toBe(3);
    expect(left('2026-10-24T08:00:00.000Z', new Date('2026-10-27T09:00:00.000Z'))).toBe(3);
    expect(left('2026-10-24T08:30:00.000Z', new Date('2026-10-27T09:00:00.000Z'))).toBe(3);
  });

  it('is 0 once the deadline has passed', () => {
    expect(left('2027-01-31T22:59:00.000Z')).toBe(0);
    expect(left('2027-03-01T00:00:00.000Z')).toBe(0);
  });
});

describe('isReminderKind', () => {
  it('recognises exactly the catalogue’s reminder kinds', () => {
    expect(isReminderKind('submission_deadline')).toBe(true);
    expect(isReminderKind('application_submitted')).toBe(false);
    expect(REMINDER_KINDS.every(isReminderKind)).toBe(true);
  });
});
