export { calendarDaysLeft, dueReminderOffset, isReminderKind, type ReminderKind } from './reminder-schedule';
export { subtractCalendarDays } from './zoned-time';
