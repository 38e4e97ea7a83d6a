export {
  calendarDaysLeft,
  calendarDaysOverdue,
  dueOverdueOffset,
  dueReminderOffset,
  isReminderKind,
  REMINDER_SCHEDULES,
  type ReminderKind,
  type ReminderSchedule,
  sweepHorizonDays,
} from './reminder-schedule';
export { calendarDayOf, subtractCalendarDays } from './zoned-time';
