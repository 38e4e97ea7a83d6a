import type { ReminderRule } from './reminder-rule';

/**
 * The reminders about applications go to the carrier organisation's active members: the shared
 * half of every carrier reminder (change request, prompt use, reports); each rule only finds its
 * occasions, a SELECT of `entity_id` (what the reminder is about: a change request, a call-off, a
 * report deadline), `application_id`, `deadline` and `facts` (extra template facts, json) within
 * the sweep's reach. `section` is appended to the application's link.
 */
export function carrierReminders(
  occasions: string,
  section = '',
): Pick<ReminderRule, 'deadlines' | 'occasions'> {
  return {
    deadlines: `SELECT o.deadline FROM (${occasions}) o`,
    occasions: `
      SELECT o.entity_id, due.*, u.id AS user_id, u.email, u.display_name, u.language,
             d.name AS district_name, '/antraege/' || a.id || '${section}' AS link,
             ${applicationFacts('a', 'org')} || o.facts::jsonb AS data
        FROM (${occasions}) o
        JOIN due ON due.deadline = o.deadline
        JOIN application a ON a.id = o.application_id
        JOIN organisation org ON org.id = a.organisation_id
        JOIN call c ON c.id = a.call_id
        JOIN district d ON d.id = c.district_id
        JOIN organisation_member m ON m.organisation_id = a.organisation_id
        JOIN app_user u ON u.id = m.user_id AND u.status = 'active'`,
  };
}

/** What every carrier reminder says about its application. */
export const applicationFacts = (application: string, organisation: string) =>
  `jsonb_build_object('application', jsonb_build_object('title', ${application}.title,
     'reference', ${application}.reference, 'organisation', jsonb_build_object('name', ${organisation}.name),
     'requestedCents', ${application}.requested_cents))`;

/**
 * A calendar day `YYYY-MM-DD` as a deadline: 23:59 of that day in Berlin (not midnight after it,
 * which would count as the next calendar day in `daysLeft`).
 */
export const endOfBerlinDay = (column: string) =>
  `((${column}::timestamp + interval '23 hours 59 minutes') AT TIME ZONE 'Europe/Berlin')`;
