import { Injectable } from '@nestjs/common';
import type { NoticeKind } from '@kiezfonds/domain';
import { type KeyedNotice, OutboxService } from '@kiezfonds/messaging';
import type { EntityManager } from 'typeorm';
import type { ApplicationRecord, NoticeRecipientRow } from '../applications/application-record';

export type Audience = 'carrier' | 'coordinators';

/** The application as every notice template shows it (libs/messaging/src/templates/samples.ts). */
export function noticeApplication(record: ApplicationRecord) {
  return {
    title: record.title,
    reference: record.reference,
    organisation: { name: record.organisationName },
    requestedCents: Number(record.requestedCents),
  };
}

/** Where a notice about an application points in the web app: the carrier's pages. */
export function applicationLink(record: Pick<ApplicationRecord, 'id'>, section = ''): string {
  return `/antraege/${record.id}${section}`;
}

/** The staff's page of an application (coordinators, finance, committee members). */
export function staffApplicationLink(record: Pick<ApplicationRecord, 'id'>): string {
  return `/eingang/${record.id}`;
}

/** The link for an audience: carriers open their application, coordinators the staff page. */
export function linkFor(audience: Audience, record: Pick<ApplicationRecord, 'id'>, section = ''): string {
  return audience === 'carrier' ? applicationLink(record, section) : staffApplicationLink(record);
}

/** One notice of a step, to everyone of an audience. */
export interface AudienceNotice {
  audience: Audience;
  kind: NoticeKind;
  key: string;
  data: Record<string, unknown>;
  link?: string;
}

/**
 * Writes the notices of an application's step into the outbox, inside the step's transaction:
 * to the carrier's active members or to the district's coordinators. The key names the step, so a
 * retried command (or a replayed job) delivers each notice once per person.
 */
@Injectable()
export class ApplicationNotices {
  constructor(private readonly outbox: OutboxService) {}

  async send(
    tx: EntityManager,
    record: ApplicationRecord,
    audience: Audience,
    notice: { kind: NoticeKind; key: string; data: Record<string, unknown>; link?: string },
  ): Promise<void> {
    await this.sendAll(tx, record, [{ audience, ...notice }]);
  }

  /**
   * All notices of a step in one statement whatever their number, a row per notice and person (a
   * submission notifies the carrier and the coordinators; it took four round trips, issue 18).
   */
  async sendAll(tx: EntityManager, record: ApplicationRecord, notices: AudienceNotice[]): Promise<void> {
    await this.outbox.addKeyedNotices(tx, await this.addressed(tx, record, notices));
  }

  /**
   * The notices of a step addressed to each person of their audience, for a statement that queues
   * them (`keyedNoticesInsert`). The recipients come with the record when it was read with them,
   * else from one query.
   */
  async addressed(
    tx: EntityManager,
    record: ApplicationRecord,
    notices: AudienceNotice[],
  ): Promise<KeyedNotice[]> {
    if (notices.length === 0) return [];
    const recipients = record.recipients
      ? [
          ...record.recipients.carrier.map((r) => ({ ...r, audience: 'carrier' as const })),
          ...record.recipients.coordinators.map((r) => ({ ...r, audience: 'coordinators' as const })),
        ]
      : await this.recipients(tx, record, new Set(notices.map((n) => n.audience)));
    return notices.flatMap((notice) =>
      recipients
        .filter((r) => r.audience === notice.audience)
        .map((r) => ({
          key: notice.key,
          notice: {
            kind: notice.kind,
            recipient: { userId: r.id, email: r.email, name: r.display_name, locale: r.language },
            district: { name: record.districtName },
            data: notice.data,
            link: notice.link ?? linkFor(notice.audience, record),
          },
        })),
    );
  }

  private async recipients(
    tx: EntityManager,
    record: ApplicationRecord,
    wanted: Set<Audience>,
  ): Promise<(NoticeRecipientRow & { audience: Audience })[]> {
    return (await tx.query(
      `SELECT 'carrier' AS audience, u.id, u.email, u.display_name, u.language
         FROM organisation_member m JOIN app_user u ON u.id = m.user_id
        WHERE $1::boolean AND m.organisation_id = $2 AND u.status = 'active'
       UNION ALL
       SELECT DISTINCT 'coordinators' AS audience, u.id, u.email, u.display_name, u.language
         FROM role_assignment r JOIN app_user u ON u.id = r.user_id
        WHERE $3::boolean AND r.district_id = $4 AND r.role = 'coordinator' AND u.status = 'active'`,
      [wanted.has('carrier'), record.organisationId, wanted.has('coordinators'), record.districtId],
    )) as (NoticeRecipientRow & { audience: Audience })[];
  }
}
