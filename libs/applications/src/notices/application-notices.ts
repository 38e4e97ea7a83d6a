import { Injectable } from '@nestjs/common';
import type { NoticeKind } from '@kiezfonds/domain';
import { OutboxService } from '@kiezfonds/messaging';
import type { EntityManager } from 'typeorm';
import type { ApplicationRecord } from '../applications/application-record';

interface RecipientRow {
  id: string;
  email: string;
  display_name: string;
  language: 'de' | 'en';
}

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
    const recipients = (await tx.query(
      audience === 'carrier'
        ? `SELECT u.id, u.email, u.display_name, u.language FROM organisation_member m
           JOIN app_user u ON u.id = m.user_id WHERE m.organisation_id = $1 AND u.status = 'active'`
        : `SELECT DISTINCT u.id, u.email, u.display_name, u.language FROM role_assignment r
           JOIN app_user u ON u.id = r.user_id
           WHERE r.district_id = $1 AND r.role = 'coordinator' AND u.status = 'active'`,
      [audience === 'carrier' ? record.organisationId : record.districtId],
    )) as RecipientRow[];
    for (const r of recipients) {
      await this.outbox.addNotice(tx, notice.key, {
        kind: notice.kind,
        recipient: { userId: r.id, email: r.email, name: r.display_name, locale: r.language },
        district: { name: record.districtName },
        data: notice.data,
        link: notice.link ?? linkFor(audience, record),
      });
    }
  }
}
