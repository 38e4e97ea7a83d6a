import { Injectable } from '@nestjs/common';
import { calendarDayOf, ConflictError, ForbiddenError, type Locale, Money } from '@kiezfonds/domain';
import { type NoticeAttachmentRef, storeNoticeAttachment } from '@kiezfonds/messaging';
import { renderSessionAgenda } from '@kiezfonds/documents';
import type { Principal } from '@kiezfonds/identity';
import { queryRows, recordAudit, requestHash, runIdempotent } from '@kiezfonds/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { COMMITTEE_ERROR_CODES } from '../committee.exception';
import { issuingOffice } from '../documents/issuing-office';
import { CommitteeNotices } from '../notices/committee-notices';
import { isStaff } from '../votes/committee-membership';
import { SessionService, type SessionView } from './session.service';

type Pdf = { fileName: string; content: Buffer };
type Db = DataSource | EntityManager;

/** Days the members have to object to published minutes before they count as approved. */
const OBJECTION_DAYS = 14;

/**
 * What a session sends out: the invitation with its agenda (as a notice to every member, and as
 * the agenda PDF they open from it), and the minutes once published. Each step is the
 * coordinator's, audited, and writes its notices in the same transaction.
 */
@Injectable()
export class SessionDocuments {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionService,
    private readonly notices: CommitteeNotices,
  ) {}

  /** Invites every current member; again after a change of the agenda, as a new invitation. */
  async invite(
    principal: Principal,
    sessionId: string,
    requestId: string | null,
    key?: string,
  ): Promise<SessionView> {
    return this.coordinatorStep(principal, sessionId, 'invite', requestId, key, async (tx, view) => {
      if (view.status !== 'scheduled') {
        throw new ConflictError(COMMITTEE_ERROR_CODES.sessionStatusConflict, [], { status: view.status });
      }
      const [invited] = await queryRows<{ invited_at: Date }>(
        tx,
        `UPDATE committee_session SET invited_at = clock_timestamp() WHERE id = $1 RETURNING invited_at`,
        [sessionId],
      );
      // The agenda goes with the invitation as PDF, in each recipient's language.
      const attachments: Partial<Record<Locale, NoticeAttachmentRef[]>> = {};
      for (const locale of ['de', 'en'] as const) {
        const pdf = await this.agendaPdf(principal, sessionId, { db: tx, locale });
        attachments[locale] = [
          await storeNoticeAttachment(tx, {
            fileName: pdf.fileName,
            contentType: 'application/pdf',
            content: pdf.content,
          }),
        ];
      }
      const queued = await this.notices.send(tx, view.committeeId, 'members', {
        kind: 'session_invitation',
        attachments,
        key: `session:${sessionId}:invitation:${invited!.invited_at.toISOString()}`,
        data: {
          session: {
            // Read again at delivery: an invitation that arrives after the session was held, or
            // after a newer invitation, is dropped (state-checks.ts).
            id: sessionId,
            invitedAt: invited!.invited_at.toISOString(),
            startsAt: view.startsAt,
            place: view.place,
            agenda: view.items.map((item) => ({ title: `${item.title} (${item.carrier})` })),
          },
        },
        link: `/sitzungen/${sessionId}`,
      });
      return { action: 'session_invited', payload: { invitations: queued } };
    });
  }

  /** Publishes the minutes of a closed session to the members, with the time to object. */
  async publishMinutes(
    principal: Principal,
    sessionId: string,
    requestId: string | null,
    key?: string,
  ): Promise<SessionView> {
    return this.coordinatorStep(principal, sessionId, 'publish-minutes', requestId, key, async (tx, view) => {
      if (view.status !== 'closed') throw new ConflictError(COMMITTEE_ERROR_CODES.sessionStillOpen);
      const updated = await queryRows<{ minutes_published_at: Date }>(
        tx,
        `UPDATE committee_session SET minutes_published_at = now(), minutes_published_by = $2
          WHERE id = $1 AND minutes_published_at IS NULL RETURNING minutes_published_at`,
        [sessionId, principal.userId],
      );
      if (updated.length === 0) throw new ConflictError(COMMITTEE_ERROR_CODES.minutesAlreadyPublished);
      const objectionsBy = calendarDayOf(
        new Date(updated[0]!.minutes_published_at.getTime() + OBJECTION_DAYS * 86_400_000),
      );
      const queued = await this.notices.send(tx, view.committeeId, 'members', {
        kind: 'minutes_available',
        key: `session:${sessionId}:minutes`,
        data: { session: { startsAt: view.startsAt }, minutes: { objectionsBy } },
        link: `/sitzungen/${sessionId}`,
      });
      return { action: 'session_minutes_published', payload: { notices: queued, objectionsBy } };
    });
  }

  /** The invitation's agenda as PDF, for members and coordinators. */
  async agendaPdf(
    principal: Principal,
    sessionId: string,
    { db = this.dataSource, locale = principal.language }: { db?: Db; locale?: Locale } = {},
  ): Promise<Pdf> {
    const view = await this.sessions.get(principal, sessionId, db);
    const [row] = (await db.query(
      `SELECT cm.district_id, d.signatory_name, d.signatory_role, d.office_name, s.created_by
         FROM committee_session s JOIN committee cm ON cm.id = s.committee_id JOIN district d ON d.id = cm.district_id
        WHERE s.id = $1`,
      [sessionId],
    )) as {
      district_id: string;
      signatory_name: string | null;
      signatory_role: string | null;
      office_name: string;
      created_by: string;
    }[];
    const { districtName: _district, ...issuer } = await issuingOffice(db, row!.district_id, row!.created_by);
    const areas = (await db.query(
      `SELECT i.application_id, coalesce(array_agg(ar.name ORDER BY ar.name) FILTER (WHERE ar.id IS NOT NULL), '{}') AS names
         FROM session_agenda_item i
         JOIN application a ON a.id = i.application_id
         LEFT JOIN area ar ON ar.id::text IN (SELECT jsonb_array_elements_text(coalesce(a.content->'areaIds', '[]'::jsonb)))
        WHERE i.session_id = $1 GROUP BY i.application_id`,
      [sessionId],
    )) as { application_id: string; names: string[] }[];
    const areasOf = new Map(areas.map((a) => [a.application_id, a.names]));
    const content = await renderSessionAgenda({
      locale,
      issuer,
      committee: view.committee,
      session: { title: view.title, startsAt: view.startsAt, place: view.place },
      invitedOn: (view.invitedAt ?? new Date().toISOString()).slice(0, 10),
      applications: view.items.map((item) => ({
        title: item.title,
        carrier: item.carrier,
        reference: item.reference,
        requestedAmount: Money.fromCents(item.requestedCents),
        areas: areasOf.get(item.applicationId) ?? [],
      })),
      otherItems: [locale === 'de' ? 'Verschiedenes' : 'Any other business'],
      signatory: {
        name: row!.signatory_name ?? issuer.contact.name,
        role: row!.signatory_role ?? row!.office_name,
      },
    });
    return {
      fileName: `${locale === 'de' ? 'tagesordnung' : 'agenda'}-${view.startsAt.slice(0, 10)}.pdf`,
      content,
    };
  }

  /**
   * One coordinator step that writes notices; the same Idempotency-Key again answers the first
   * answer, so a retry after a lost answer mails nobody twice.
   */
  private async coordinatorStep(
    principal: Principal,
    sessionId: string,
    step: string,
    requestId: string | null,
    key: string | undefined,
    work: (
      tx: EntityManager,
      view: SessionView,
    ) => Promise<{ action: string; payload: Record<string, unknown> }>,
  ): Promise<SessionView> {
    const scope = `committee-session-${step}:${sessionId}`;
    const request = { userId: principal.userId, key, scope, hash: requestHash(scope, {}) };
    return runIdempotent(this.dataSource, request, async (tx) => {
      await tx.query(`SELECT 1 FROM committee_session WHERE id = $1 FOR UPDATE`, [sessionId]);
      const view = await this.sessions.get(principal, sessionId, tx);
      const [committee] = (await tx.query(`SELECT district_id FROM committee WHERE id = $1`, [
        view.committeeId,
      ])) as { district_id: string }[];
      if (!isStaff(principal, committee!.district_id, 'coordinator')) throw new ForbiddenError('forbidden');
      const { action, payload } = await work(tx, view);
      await recordAudit(tx, {
        entityType: 'committee_session',
        entityId: sessionId,
        action,
        actorId: principal.userId,
        districtId: committee!.district_id,
        payload,
        requestId,
      });
      return this.sessions.get(principal, sessionId, tx);
    });
  }
}
