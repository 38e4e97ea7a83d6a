import { forgetIdempotentAnswers, queryRows } from '@kiezfonds/persistence';
import type { EntityManager } from 'typeorm';
import type { SessionService } from '../auth/session.service';

/** The address a person's e-mail becomes when what identifies them is replaced. */
export const pseudonymEmailOf = (userId: string) => `pseudonym-${userId}@invalid.example`;

/**
 * Forgets an address the outbox and the sent-mail keys hold: notices still in the outbox carry the
 * name and address (relayed rows are done with), and the keys of notices and sent mails, which end
 * in the address, keep their idempotency role under the pseudonym address; so do the keys of
 * notices whose text retention already emptied, which no longer name their recipient otherwise.
 * An error a mail server answered with may quote the address, and goes with it.
 */
export async function forgetAddress(tx: EntityManager, person: { id: string; email: string }): Promise<void> {
  await tx.query(
    `DELETE FROM outbox WHERE payload->'recipient'->>'userId' = $1
       OR lower(payload->'recipient'->>'email') = lower($2)`,
    [person.id, person.email],
  );
  await tx.query(
    `UPDATE outbox
     SET delivery_key = CASE WHEN right(delivery_key, length($1) + 1) = '|' || lower($1)
                             THEN left(delivery_key, length(delivery_key) - length($1)) || $2
                             ELSE delivery_key END,
         last_error = CASE WHEN strpos(lower(last_error), lower($1)) > 0 THEN NULL ELSE last_error END
     WHERE right(delivery_key, length($1) + 1) = '|' || lower($1) OR strpos(lower(last_error), lower($1)) > 0`,
    [person.email, pseudonymEmailOf(person.id)],
  );
  await tx.query(
    `UPDATE mail_delivery
     SET recipient = $2,
         delivery_key = CASE WHEN right(delivery_key, length($1)) = lower($1)
                             THEN left(delivery_key, length(delivery_key) - length($1)) || $2
                             ELSE delivery_key END
     WHERE lower(recipient) = lower($1)`,
    [person.email, pseudonymEmailOf(person.id)],
  );
}

/**
 * Replaces what identifies the person (GDPR Art. 17 where the law requires records to be kept):
 * name and address become a pseudonym derived from the id, secrets and sessions end, and
 * notifications, pending notices and stored idempotency answers, which quote names, are deleted. The user id stays, so the
 * audit trail, which holds ids and never names, keeps pointing at the same (now anonymous) actor.
 * The caller records the audit event.
 */
export async function pseudonymiseAccount(
  tx: EntityManager,
  sessions: SessionService,
  person: { id: string; email: string },
): Promise<{ sessions: number; tokens: number; notifications: number }> {
  await tx.query(
    `UPDATE app_user SET display_name = $2, email = $3, status = 'pseudonymised', password_hash = NULL
     WHERE id = $1`,
    [person.id, `Pseudonym ${person.id.slice(0, 8)}`, pseudonymEmailOf(person.id)],
  );
  const ended = await sessions.endAllAccess(tx, person.id);
  await tx.query(`UPDATE user_session SET ip = NULL, user_agent = NULL WHERE user_id = $1`, [person.id]);
  const notifications = await queryRows(tx, `DELETE FROM notification WHERE user_id = $1 RETURNING id`, [
    person.id,
  ]);
  await tx.query(`DELETE FROM notification_preference WHERE user_id = $1`, [person.id]);
  await tx.query(`DELETE FROM one_time_token WHERE user_id = $1`, [person.id]);
  await forgetIdempotentAnswers(tx, person.id);
  await forgetAddress(tx, person);
  return { ...ended, notifications: notifications.length };
}
