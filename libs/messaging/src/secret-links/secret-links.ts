import { createHash, createHmac, hkdfSync } from 'node:crypto';
import { z } from 'zod';

/** The one-time links the app mails, and the web page each opens. */
export const SECRET_LINK_PAGES = {
  invitation: '/einladung',
  password_reset: '/passwort-zuruecksetzen',
  email_verification: '/e-mail-bestaetigen',
} as const;

export type SecretLinkPurpose = keyof typeof SECRET_LINK_PAGES;

export const SECRET_LINK_PURPOSES = Object.keys(SECRET_LINK_PAGES) as SecretLinkPurpose[];

/** What a notice carries in place of a one-time link: which link, never its secret. */
export const secretLinkRefSchema = z.object({
  purpose: z.enum(SECRET_LINK_PURPOSES as [SecretLinkPurpose, ...SecretLinkPurpose[]]),
  linkId: z.uuid(),
});

export type SecretLinkRef = z.infer<typeof secretLinkRefSchema>;

/**
 * The secret of a one-time link is derived, not stored: an HMAC of the link's id under a key from
 * configuration (ADR 0008). The API stores only the hash of the secret with the link; the worker
 * derives the same secret again at the moment it renders the mail. So the secret exists in plain
 * text only in that mail (and the page the recipient opens), never in the outbox, the job data in
 * Redis, the in-app notification, the audit trail or a log line; and a mail sent again under the
 * same delivery key carries the very same link.
 */
export class SecretLinks {
  private readonly key: Buffer;

  constructor(secret: string) {
    // A key of its own, so the session secret's other uses never share one with the links.
    this.key = Buffer.from(hkdfSync('sha256', secret, 'kiezfonds', 'one-time links', 32));
  }

  /** The secret the link's URL carries. */
  tokenFor(ref: SecretLinkRef): string {
    return createHmac('sha256', this.key).update(`${ref.purpose}:${ref.linkId}`).digest('base64url');
  }

  /** What the database keeps of it (the same SHA-256 as every other secret's hash). */
  hashFor(ref: SecretLinkRef): string {
    return createHash('sha256').update(this.tokenFor(ref)).digest('hex');
  }

  /** The path inside the app the mail's button opens. */
  pathFor(ref: SecretLinkRef): string {
    return `${SECRET_LINK_PAGES[ref.purpose]}?token=${this.tokenFor(ref)}`;
  }
}
