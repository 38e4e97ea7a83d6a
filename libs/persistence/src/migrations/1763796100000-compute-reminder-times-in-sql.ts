import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Calendar arithmetic in a time zone, in SQL, so the reminder sweep computes in one statement per
 * rule what is due (issue 18, ADR 0018) instead of loading every candidate into Node and converting
 * time zones row by row. Each function mirrors its counterpart in libs/domain/src/reminders
 * (`subtractCalendarDays`, `calendarDaysLeft`, `calendarDaysOverdue`); an integration test compares
 * them across the switches to and from summer time.
 *
 * They are plain SQL expressions (LANGUAGE sql, one SELECT without FROM), so the planner inlines
 * them into the sweep's statement: no function call per row. STABLE, not IMMUTABLE, because
 * `timestamptz + interval` is STABLE (only hours are ever added, which do not depend on the
 * session's time zone).
 */
export class ComputeReminderTimesInSql1763796100000 implements MigrationInterface {
  name = 'ComputeReminderTimesInSql1763796100000';

  async up(db: QueryRunner): Promise<void> {
    // The instant at which `tz` shows the wall clock `local`. PostgreSQL's own `local AT TIME ZONE
    // tz` takes the later of two instants in the autumn overlap; the domain (and Temporal's
    // 'compatible') takes the earlier, so a reminder comes an hour early rather than late. As in
    // the domain: the offset of the day before is right unless the offset changed within that day
    // and the one of the day after shows the wall clock where the former does not; in the
    // spring-forward gap neither shows it and the day before's offset moves it forward by the gap.
    await db.query(`
      CREATE FUNCTION kf_instant_of_wall_clock(local timestamp, tz text) RETURNS timestamptz
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT CASE
          WHEN (((local - interval '1 day') AT TIME ZONE tz) + interval '24 hours') AT TIME ZONE tz <> local
           AND (((local + interval '1 day') AT TIME ZONE tz) - interval '24 hours') AT TIME ZONE tz = local
          THEN ((local + interval '1 day') AT TIME ZONE tz) - interval '24 hours'
          ELSE ((local - interval '1 day') AT TIME ZONE tz) + interval '24 hours'
        END
      $$`);
    // subtractCalendarDays: the same wall-clock time `days` calendar days earlier (later if negative).
    await db.query(`
      CREATE FUNCTION kf_subtract_calendar_days(instant timestamptz, days integer, tz text) RETURNS timestamptz
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN days = 0 THEN instant
          ELSE kf_instant_of_wall_clock((instant AT TIME ZONE tz) - make_interval(days => days), tz) END
      $$`);
    // calendarDaysLeft: the smallest n >= 1 whose "n days before" has come, 0 once it passed. The
    // n whose "n days before" falls on today's date (in tz) is either that one or one more.
    await db.query(`
      CREATE FUNCTION kf_calendar_days_left(deadline timestamptz, now timestamptz, tz text) RETURNS integer
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN deadline <= now THEN 0 ELSE greatest(1,
          ((deadline AT TIME ZONE tz)::date - (now AT TIME ZONE tz)::date)
          + CASE WHEN kf_subtract_calendar_days(deadline,
                   (deadline AT TIME ZONE tz)::date - (now AT TIME ZONE tz)::date, tz) <= now
                 THEN 0 ELSE 1 END) END
      $$`);
    // calendarDaysOverdue: the largest n >= 0 whose "n days after" has come.
    await db.query(`
      CREATE FUNCTION kf_calendar_days_overdue(deadline timestamptz, now timestamptz, tz text) RETURNS integer
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT greatest(0,
          ((now AT TIME ZONE tz)::date - (deadline AT TIME ZONE tz)::date)
          - CASE WHEN kf_subtract_calendar_days(deadline,
                   (deadline AT TIME ZONE tz)::date - (now AT TIME ZONE tz)::date, tz) <= now
                 THEN 0 ELSE 1 END)
      $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION kf_calendar_days_overdue(timestamptz, timestamptz, text)`);
    await db.query(`DROP FUNCTION kf_calendar_days_left(timestamptz, timestamptz, text)`);
    await db.query(`DROP FUNCTION kf_subtract_calendar_days(timestamptz, integer, text)`);
    await db.query(`DROP FUNCTION kf_instant_of_wall_clock(timestamp, text)`);
  }
}
