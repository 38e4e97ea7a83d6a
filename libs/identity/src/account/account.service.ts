import { Injectable } from '@nestjs/common';
import { REMINDER_KINDS, ValidationError } from '@kiezfonds/domain';
import { OFFICE_ONLY_AUDIT_ACTIONS, recordAudit } from '@kiezfonds/persistence';
import { DataSource } from 'typeorm';
import type { ClientInfo } from '../auth/auth.service';
import type { Principal } from '../auth/principal';
import { loadPrincipal } from '../auth/session.service';
import type { NotificationSettingDto, UpdateProfileDto } from './dtos/account.dto';

export interface NotificationSetting {
  kind: string;
  email: boolean;
}

/** The signed-in user's profile, notification settings and the export of their personal data. */
@Injectable()
export class AccountService {
  constructor(private readonly dataSource: DataSource) {}

  async updateProfile(
    principal: Principal,
    change: UpdateProfileDto,
    client: ClientInfo,
  ): Promise<Principal> {
    const fields = (['displayName', 'language'] as const).filter(
      (field) => change[field] !== undefined && change[field] !== principal[field],
    );
    if (fields.length === 0) return principal;
    return this.dataSource.transaction(async (tx) => {
      await tx.query(
        `UPDATE app_user SET display_name = coalesce($2, display_name), language = coalesce($3, language)
         WHERE id = $1`,
        [principal.userId, change.displayName ?? null, change.language ?? null],
      );
      // Which fields changed, never their values: the trail is permanent, names are personal data.
      await recordAudit(tx, {
        entityType: 'user',
        entityId: principal.userId,
        action: 'profile_updated',
        actorId: principal.userId,
        payload: { fields },
        requestId: client.requestId,
      });
      const updated = await loadPrincipal(tx, principal.userId, principal.via);
      return {
        ...updated!,
        sessionId: principal.sessionId,
        csrfToken: principal.csrfToken,
        tokenId: principal.tokenId,
      };
    });
  }

  /** Every reminder kind with its e-mail choice; without a stored row the answer is yes. */
  async notificationSettings(userId: string): Promise<NotificationSetting[]> {
    const rows = (await this.dataSource.query(
      `SELECT kind, email FROM notification_preference WHERE user_id = $1`,
      [userId],
    )) as NotificationSetting[];
    const stored = new Map(rows.map((row) => [row.kind, row.email]));
    return REMINDER_KINDS.map((kind) => ({ kind, email: stored.get(kind) ?? true }));
  }

  /** Stores the kinds given; kinds left out keep their setting. */
  async saveNotificationSettings(
    userId: string,
    settings: NotificationSettingDto[],
  ): Promise<NotificationSetting[]> {
    const seen = new Set<string>();
    const duplicates = settings.flatMap((setting, index) => {
      const duplicate = seen.has(setting.kind);
      seen.add(setting.kind);
      return duplicate ? [{ field: `${index}.kind`, rule: 'duplicate' }] : [];
    });
    if (duplicates.length > 0) throw new ValidationError(duplicates);
    await this.dataSource.transaction(async (tx) => {
      for (const setting of settings) {
        await tx.query(
          `INSERT INTO notification_preference (user_id, kind, email) VALUES ($1, $2, $3)
           ON CONFLICT (user_id, kind) DO UPDATE SET email = excluded.email`,
          [userId, setting.kind, setting.email],
        );
      }
    });
    return this.notificationSettings(userId);
  }

  /**
   * Everything the system keeps about the caller as a person (GDPR Art. 15 and 20): profile,
   * roles, memberships, sessions and tokens (without their hashes), notifications, settings, the
   * mails sent to them, the audit events they caused and the committee's record of them (seats,
   * declared conflicts, own votes and reviews). Other people appear only as ids.
   */
  async exportData(principal: Principal): Promise<Record<string, unknown>> {
    const userId = principal.userId;
    const db = this.dataSource;
    const [profile] = (await db.query(
      `SELECT id, email, display_name AS "displayName", language, status, created_at AS "createdAt"
       FROM app_user WHERE id = $1`,
      [userId],
    )) as Record<string, unknown>[];
    const roles = await db.query(
      `SELECT r.role, r.district_id AS "districtId", COALESCE(d.name, 'Berlin') AS "districtName",
              r.created_at AS "grantedAt"
       FROM role_assignment r LEFT JOIN district d ON d.id = r.district_id
       WHERE r.user_id = $1 ORDER BY r.created_at`,
      [userId],
    );
    const memberships = await db.query(
      `SELECT m.organisation_id AS "organisationId", o.name AS "organisationName", m.is_admin AS "isAdmin",
              m.created_at AS "memberSince"
       FROM organisation_member m JOIN organisation o ON o.id = m.organisation_id
       WHERE m.user_id = $1 ORDER BY m.created_at`,
      [userId],
    );
    const sessions = await db.query(
      `SELECT id, created_at AS "createdAt", last_seen_at AS "lastSeenAt", expires_at AS "expiresAt",
              revoked_at AS "revokedAt", ip, user_agent AS "userAgent"
       FROM user_session WHERE user_id = $1 ORDER BY created_at`,
      [userId],
    );
    const tokens = await db.query(
      `SELECT id, name, prefix, created_at AS "createdAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"
       FROM api_token WHERE user_id = $1 ORDER BY created_at`,
      [userId],
    );
    const notifications = await db.query(
      `SELECT id, kind, subject, body, link, created_at AS "createdAt", read_at AS "readAt"
       FROM notification WHERE user_id = $1 ORDER BY created_at`,
      [userId],
    );
    const mailsSent = await db.query(
      `SELECT notice_kind AS kind, sent_at AS "sentAt" FROM mail_delivery
       WHERE lower(recipient) = lower($1) AND state = 'sent' ORDER BY sent_at`,
      [principal.email],
    );
    // The person's own steps; not the office's notes that their step happened to trigger.
    const auditEvents = await db.query(
      `SELECT id, occurred_at AS "occurredAt", district_id AS "districtId", entity_type AS "entityType",
              entity_id AS "entityId", action, from_state AS "fromState", to_state AS "toState", payload
       FROM audit_event WHERE actor_id = $1 AND action <> ALL($2::text[]) ORDER BY occurred_at, id`,
      [userId, OFFICE_ONLY_AUDIT_ACTIONS],
    );
    // The committee's record of the person: seats, declared conflicts, own votes and reviews.
    const committee = {
      memberships: await db.query(
        `SELECT m.id, c.name AS committee, m.department, m.voting, m.substitute_for_id AS "substituteForId",
                to_char(m.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(m.valid_to, 'YYYY-MM-DD') AS "validTo"
           FROM committee_member m JOIN committee c ON c.id = m.committee_id
          WHERE m.user_id = $1 ORDER BY m.valid_from`,
        [userId],
      ),
      conflictsDeclared: await db.query(
        `SELECT ci.id, ci.application_id AS "applicationId", ci.organisation_id AS "organisationId", ci.reason,
                ci.created_at AS "declaredAt", ci.withdrawn_at AS "withdrawnAt"
           FROM conflict_of_interest ci JOIN committee_member m ON m.id = ci.committee_member_id
          WHERE m.user_id = $1 ORDER BY ci.created_at`,
        [userId],
      ),
      ballots: await db.query(
        `SELECT b.vote_id AS "voteId", v.application_id AS "applicationId", b.cast_choice AS choice,
                b.cast_at AS "castAt", b.withdrawn_at AS "withdrawnAt"
           FROM committee_ballot_counted b
           -- The person who held the seat cast it: a substitute's ballot for an absent member's
           -- seat is the substitute's data, not the absent member's.
           JOIN committee_ballot hb ON hb.vote_id = b.vote_id AND hb.committee_member_id = b.committee_member_id
           JOIN committee_member m ON m.id = hb.held_by_member_id
           JOIN committee_vote v ON v.id = b.vote_id
          WHERE m.user_id = $1 ORDER BY b.cast_at`,
        [userId],
      ),
      voten: await db.query(
        `SELECT v.id, v.application_id AS "applicationId", v.department, v.recommendation, v.conditions, v.scores,
                v.comment, v.confidential_note AS "confidentialNote", v.updated_at AS "updatedAt"
           FROM votum v JOIN committee_member m ON m.id = v.committee_member_id
          WHERE m.user_id = $1 ORDER BY v.submitted_at`,
        [userId],
      ),
    };
    return {
      format: 'kiezfonds-personal-data-export',
      version: 1,
      exportedAt: new Date().toISOString(),
      profile,
      roles,
      memberships,
      notificationSettings: await this.notificationSettings(userId),
      sessions,
      tokens,
      notifications,
      mailsSent,
      auditEvents,
      committee,
    };
  }
}
