export {
  calendarDaysLeft,
  calendarDaysOverdue,
  dueOverdueOffset,
  dueReminderOffset,
  isReminderKind,
  type ReminderKind,
} from './reminder-schedule';
export { subtractCalendarDays } from './zoned-time';
