import { calendarDaysLeft } from '@kiezfonds/domain';
import type { EntityManager } from 'typeorm';
import type { NoticeRecipient } from '../outbox/notice';
import type { ReminderCandidate } from './reminder-rule';

/** One occasion about an application, as a rule's query finds it (without recipients). */
export interface ApplicationOccasion {
  /** What the reminder is about: a change request, a call-off, a report deadline. */
  entity_id: string;
  application_id: string;
  deadline: Date;
  /** Extra template facts of the occasion. */
  facts: Record<string, unknown>;
  link_section?: string;
}

interface ApplicationRow {
  application_id: string;
  title: string;
  reference: string;
  requested_cents: string;
  organisation_name: string;
  district_name: string;
  user_id: string;
  email: string;
  display_name: string;
  language: 'de' | 'en';
}

/**
 * Turns occasions about applications into reminder candidates for the carrier organisation's
 * active members: the shared half of every carrier reminder (change request, prompt use,
 * reports); each rule only finds its occasions.
 */
export async function carrierCandidates(
  tx: EntityManager,
  occasions: readonly ApplicationOccasion[],
  now: Date,
  timeZone: string,
): Promise<ReminderCandidate[]> {
  if (occasions.length === 0) return [];
  const ids = [...new Set(occasions.map((o) => o.application_id))];
  // Ordered, so concurrent sweeps insert the same keys in the same order and never deadlock.
  const rows = (await tx.query(
    `SELECT a.id AS application_id, a.title, a.reference, a.requested_cents::text AS requested_cents,
            o.name AS organisation_name, d.name AS district_name,
            u.id AS user_id, u.email, u.display_name, u.language
     FROM application a
     JOIN organisation o ON o.id = a.organisation_id
     JOIN call c ON c.id = a.call_id
     JOIN district d ON d.id = c.district_id
     JOIN organisation_member m ON m.organisation_id = a.organisation_id
     JOIN app_user u ON u.id = m.user_id AND u.status = 'active'
     WHERE a.id = ANY($1::uuid[])
     ORDER BY a.id, lower(u.email)`,
    [ids],
  )) as ApplicationRow[];
  const byApplication = new Map<string, ApplicationRow[]>();
  for (const row of rows)
    byApplication.set(row.application_id, [...(byApplication.get(row.application_id) ?? []), row]);

  return occasions.flatMap((occasion) => {
    const members = byApplication.get(occasion.application_id) ?? [];
    const first = members[0];
    if (!first) return [];
    const deadline = new Date(occasion.deadline);
    return [
      {
        entityId: occasion.entity_id,
        deadline,
        recipients: members.map(recipientOf),
        data: {
          application: {
            title: first.title,
            reference: first.reference,
            organisation: { name: first.organisation_name },
            requestedCents: Number(first.requested_cents),
          },
          daysLeft: calendarDaysLeft(deadline, now, timeZone),
          ...occasion.facts,
        },
        district: { name: first.district_name },
        link: `/antraege/${occasion.application_id}${occasion.link_section ?? ''}`,
      },
    ];
  });
}

function recipientOf(row: ApplicationRow): NoticeRecipient {
  const name = row.display_name.trim() || row.email;
  return { userId: row.user_id, email: row.email, name: name.slice(0, 200), locale: row.language };
}

/**
 * A calendar day `YYYY-MM-DD` as a deadline: 23:59 of that day in Berlin (not midnight after it,
 * which would count as the next calendar day in `daysLeft`).
 */
export const endOfBerlinDay = (column: string) =>
  `((${column}::timestamp + interval '23 hours 59 minutes') AT TIME ZONE 'Europe/Berlin')`;
