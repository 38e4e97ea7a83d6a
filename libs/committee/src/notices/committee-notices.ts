import { Injectable } from '@nestjs/common';
import type { NoticeKind } from '@kiezfonds/domain';
import { type NoticeAttachmentRef, OutboxService } from '@kiezfonds/messaging';
import type { EntityManager } from 'typeorm';

/** Every current member, or the electorate a written vote stored when it opened. */
export type CommitteeAudience = 'members' | { electorateOf: string };

/**
 * Writes a committee notice to every current member (or a written vote's electorate) into the outbox,
 * inside the command's transaction. `key` names the occasion; the outbox adds each address, so
 * no member hears of the same occasion twice.
 */
@Injectable()
export class CommitteeNotices {
  constructor(private readonly outbox: OutboxService) {}

  async send(
    tx: EntityManager,
    committeeId: string,
    audience: CommitteeAudience,
    notice: {
      kind: NoticeKind;
      key: string;
      data: Record<string, unknown>;
      link: string;
      /** Files for the mail, per recipient language. */
      attachments?: Partial<Record<'de' | 'en', NoticeAttachmentRef[]>>;
      /** Seats (committee_member ids) left out, e.g. members conflicted on the matter. */
      except?: ReadonlySet<string>;
    },
  ): Promise<number> {
    const recipients = (await tx.query(
      `SELECT u.id, u.email, u.display_name, u.language, cm.name AS committee, d.name AS district, d.office_email
         FROM committee_member m
         JOIN committee cm ON cm.id = m.committee_id
         JOIN district d ON d.id = cm.district_id
         JOIN app_user u ON u.id = m.user_id AND u.status = 'active'
        WHERE m.committee_id = $1
          AND m.valid_from <= (now() AT TIME ZONE 'Europe/Berlin')::date
          AND (m.valid_to IS NULL OR m.valid_to >= (now() AT TIME ZONE 'Europe/Berlin')::date)
          AND ($2::uuid IS NULL
               OR m.id IN (SELECT e.committee_member_id FROM committee_vote_electorate e WHERE e.vote_id = $2))
          AND NOT (m.id = ANY($3::uuid[]))
        ORDER BY lower(u.email)`,
      [committeeId, audience === 'members' ? null : audience.electorateOf, [...(notice.except ?? [])]],
    )) as {
      id: string;
      email: string;
      display_name: string;
      language: 'de' | 'en';
      committee: string;
      district: string;
      office_email: string | null;
    }[];
    let queued = 0;
    for (const r of recipients) {
      const added = await this.outbox.addNotice(tx, notice.key, {
        kind: notice.kind,
        recipient: { userId: r.id, email: r.email, name: r.display_name, locale: r.language },
        district: { name: r.district, ...(r.office_email ? { contactEmail: r.office_email } : {}) },
        data: { committee: { name: r.committee }, ...notice.data },
        link: notice.link,
        ...(notice.attachments?.[r.language] ? { attachments: notice.attachments[r.language] } : {}),
      });
      if (added) queued += 1;
    }
    return queued;
  }
}
