import type { OutboxService, SecretLinks } from '@kiezfonds/messaging';
import type { EntityManager } from 'typeorm';
import { issueLink } from './one-time-links';

/**
 * Queues the mail with a fresh verification link, unless one went out in the last five minutes
 * (a person signing in again and again should not fill their inbox).
 */
export async function mailVerificationLink(
  tx: EntityManager,
  outbox: OutboxService,
  secretLinks: SecretLinks,
  account: {
    id: string;
    email: string;
    displayName: string;
    language: 'de' | 'en';
  },
): Promise<boolean> {
  await tx.query(`SELECT id FROM app_user WHERE id = $1 FOR NO KEY UPDATE`, [account.id]);
  const recent = (await tx.query(
    `SELECT 1 FROM one_time_token WHERE user_id = $1 AND purpose = 'email_verification'
       AND created_at > now() - interval '5 minutes'`,
    [account.id],
  )) as unknown[];
  if (recent.length > 0) return false;
  const link = await issueLink(tx, secretLinks, {
    purpose: 'email_verification',
    userId: account.id,
    createdBy: null,
  });
  await outbox.addNotice(tx, `email-verification:${link.id}`, {
    kind: 'email_verification',
    recipient: {
      userId: account.id,
      email: account.email,
      name: account.displayName,
      locale: account.language,
    },
    // Nothing the registrant typed: the address is not confirmed yet, so whoever typed it may be a
    // stranger using the app to mail someone else their own words (TRUST.md). The renderer leaves
    // the name out of the greeting for the same reason.
    data: { expiresAt: link.expiresAt.toISOString() },
    secretLink: link.ref,
  });
  return true;
}
