import { calendarDaysOverdue } from '@kiezfonds/domain';
import type { EntityManager } from 'typeorm';
import { carrierCandidates, type ApplicationOccasion } from './carrier-reminders';
import type { ReminderCandidate, ReminderRule } from './reminder-rule';
import { OPEN_REPORT_DEADLINES } from './report-deadlines';
import { reportStillOpen } from './report-due.rule';

/** A day after the deadline, and again a week after. */
const OFFSETS_DAYS = [1, 7] as const;

interface CoordinatorRow {
  application_id: string;
  user_id: string;
  email: string;
  display_name: string;
  language: 'de' | 'en';
}

/**
 * "Your report is overdue": a day and a week after a report deadline of the grant notice passed
 * without the report, to the carrier's members and to the district's coordinators, who decide
 * what follows (an extension, or the steps towards a repayment).
 */
export const reportOverdueRule: ReminderRule = {
  kind: 'report_overdue',
  offsetsDays: OFFSETS_DAYS,
  after: true,

  async findCandidates(tx: EntityManager, now: Date, timeZone: string): Promise<ReminderCandidate[]> {
    const occasions = (await tx.query(
      `SELECT * FROM (${OPEN_REPORT_DEADLINES}) o
        WHERE o.deadline <= $1::timestamptz AND o.deadline > $1::timestamptz - make_interval(days => $2::int)
        ORDER BY o.application_id, o.deadline, o.entity_id`,
      [now, Math.max(...OFFSETS_DAYS) + 2],
    )) as ApplicationOccasion[];
    const carriers = await carrierCandidates(
      tx,
      occasions.map((o) => ({ ...o, link_section: '/berichte' })),
      now,
      timeZone,
    );
    const coordinators = await coordinatorsOf(
      tx,
      occasions.map((o) => o.application_id),
    );
    return carriers.flatMap((candidate) => {
      const applicationId = occasions.find((o) => o.entity_id === candidate.entityId)!.application_id;
      const { daysLeft: _before, ...facts } = candidate.data;
      const base = {
        ...candidate,
        data: { ...facts, daysOverdue: calendarDaysOverdue(candidate.deadline, now, timeZone) },
      };
      const staff = coordinators.get(applicationId) ?? [];
      return [
        { ...base, data: { ...base.data, audience: 'carrier' } },
        ...(staff.length > 0
          ? [
              {
                ...base,
                recipients: staff,
                data: { ...base.data, audience: 'coordinator' },
                link: `/eingang/${applicationId}`,
              },
            ]
          : []),
      ];
    });
  },

  stillDue: (db, { entityId, deadline }) => reportStillOpen(db, entityId, deadline),
};

/** The active coordinators of each application's district, by application. */
async function coordinatorsOf(tx: EntityManager, applicationIds: readonly string[]) {
  const byApplication = new Map<string, ReminderCandidate['recipients']>();
  if (applicationIds.length === 0) return byApplication;
  const rows = (await tx.query(
    `SELECT DISTINCT a.id AS application_id, u.id AS user_id, u.email, u.display_name, u.language
       FROM application a JOIN call c ON c.id = a.call_id
       JOIN role_assignment r ON r.district_id = c.district_id AND r.role = 'coordinator'
       JOIN app_user u ON u.id = r.user_id AND u.status = 'active'
      WHERE a.id = ANY($1::uuid[])
      ORDER BY a.id, u.email`,
    [applicationIds],
  )) as CoordinatorRow[];
  for (const row of rows) {
    const name = row.display_name.trim() || row.email;
    byApplication.set(row.application_id, [
      ...(byApplication.get(row.application_id) ?? []),
      { userId: row.user_id, email: row.email, name: name.slice(0, 200), locale: row.language },
    ]);
  }
  return byApplication;
}
