import { REMINDER_SCHEDULES, type ReminderSchedule } from '@kiezfonds/domain';
import { NOTICE_TOPIC } from '../outbox/outbox.service';
import { isoSql, type ReminderRule } from './reminder-rule';

/**
 * The SQL that decides, for a schedule, which of its reminders is due at `now` for `deadline` in
 * the time zone `timeZone` (SQL expressions), as `dueReminderOffset` / `dueOverdueOffset` in
 * libs/domain do: before the deadline the smallest offset whose send time has come, after it the
 * largest. Null when none is.
 */
export function dueOffsetSql(
  schedule: ReminderSchedule,
  deadline: string,
  now = '$1::timestamptz',
  timeZone = '$3::text',
): string {
  const sendTime = (days: number) => `kf_subtract_calendar_days(${deadline}, ${days}, ${timeZone})`;
  if (schedule.after) {
    const descending = [...schedule.offsetsDays].sort((a, b) => b - a);
    return `CASE ${descending.map((o) => `WHEN ${sendTime(-o)} <= ${now} THEN ${o}`).join(' ')} END`;
  }
  const ascending = [...schedule.offsetsDays].sort((a, b) => a - b);
  return `CASE WHEN ${deadline} <= ${now} THEN NULL ${ascending
    .map((o) => `WHEN ${sendTime(o)} <= ${now} THEN ${o}`)
    .join(' ')} END`;
}

/** What the reminder's text counts (`daysLeft`, `daysOverdue`) at `$1`, as jsonb to add to its facts. */
function saysSql(schedule: ReminderSchedule, deadline: string): string {
  switch (schedule.says) {
    case 'daysLeft':
      return `jsonb_build_object('daysLeft', kf_calendar_days_left(${deadline}, $1::timestamptz, $3::text))`;
    case 'daysOverdue':
      return `jsonb_build_object('daysOverdue', kf_calendar_days_overdue(${deadline}, $1::timestamptz, $3::text))`;
    default:
      return `'{}'::jsonb`;
  }
}

/** A notice's payload is checked against the schema before it is relayed; this is the one check the database does not already make. */
const UNDELIVERABLE = 'the address is not one the notice schema accepts';

/**
 * One statement that queues every reminder of `rule` due at `$1` (issue 18: set-based, nothing
 * loaded into Node). Parameters: `$1` now, `$2` the horizon in days, `$3` the time zone, `$4` the
 * pattern an e-mail address must match to be deliverable (the notice schema's).
 *
 * - `due`: the rule's deadlines within reach, each with the reminder due now (computed once per
 *   deadline: thousands of drafts share their call's), its ISO form and what the text counts;
 * - the rule's occasions joined to it, one row per recipient, with the delivery key (the same as
 *   `reminderKey` + `|` + the lower-cased address);
 * - an anti-join on the outbox's unique key keeps what was queued before, so a sweep that finds
 *   nothing new builds no notice and writes nothing;
 * - the INSERT writes the notices. Sweeps of a rule take turns (ReminderSweep), and the unique key
 *   stays the last guard: a duplicate fails the rule's transaction rather than mailing twice.
 *   An address the database accepts but the notice schema refuses gets its row too, marked
 *   failed with the reason, so it shows with the failed notices (TRUST.md: visible, retried with
 *   one action once the address is fixed) instead of holding back everybody else's reminder;
 * - it answers how many were queued and how many of those failed so.
 */
export function reminderSweepSql(rule: ReminderRule): string {
  const schedule: ReminderSchedule = REMINDER_SCHEDULES[rule.kind];
  return `
    WITH due AS MATERIALIZED (
      SELECT d.deadline, t.offset_days, ${isoSql('d.deadline')} AS deadline_iso,
             ${saysSql(schedule, 'd.deadline')} AS says
        FROM (SELECT DISTINCT s.deadline FROM (${rule.deadlines}) s) d
        CROSS JOIN LATERAL (SELECT ${dueOffsetSql(schedule, 'd.deadline')} AS offset_days) t
       WHERE t.offset_days IS NOT NULL
    ), fresh AS (
      -- OFFSET 0: computed once per row here, not again in each column of the INSERT below.
      SELECT o.*, o.email ~ $4::text AS deliverable
        FROM (SELECT o.*, 'reminder:${rule.kind}:' || o.entity_id || ':' || o.deadline_iso || ':'
                          || o.offset_days || '|' || lower(o.email) AS delivery_key
                FROM (${rule.occasions}) o) o
       WHERE NOT EXISTS (SELECT 1 FROM outbox x WHERE x.delivery_key = o.delivery_key)
      OFFSET 0
    ), queued AS (
      INSERT INTO outbox (topic, delivery_key, payload, relayed_at, failed_at, last_error)
      SELECT '${NOTICE_TOPIC}', f.delivery_key, jsonb_build_object(
               'kind', '${rule.kind}',
               'recipient', jsonb_build_object('userId', f.user_id, 'email', f.email,
                 'name', left(coalesce(nullif(btrim(f.display_name), ''), f.email), 200),
                 'locale', f.language),
               'data', f.data || f.says,
               'district', jsonb_build_object('name', f.district_name),
               'link', f.link,
               -- What it is about, so delivery can check that it still stands (notice-freshness.ts).
               'occasion', jsonb_build_object('entityId', f.entity_id, 'deadline', f.deadline_iso)),
             CASE WHEN NOT f.deliverable THEN now() END,
             CASE WHEN NOT f.deliverable THEN now() END,
             CASE WHEN NOT f.deliverable THEN '${UNDELIVERABLE}' END
        FROM fresh f
      RETURNING failed_at IS NULL AS deliverable
    )
    SELECT count(*) FILTER (WHERE deliverable)::int AS queued,
           count(*) FILTER (WHERE NOT deliverable)::int AS undeliverable
      FROM queued`;
}
