import { randomUUID } from 'node:crypto';
import type { SecretLinkPurpose, SecretLinkRef, SecretLinks } from '@kiezfonds/messaging';
import { queryRows } from '@kiezfonds/persistence';
import type { EntityManager } from 'typeorm';
import type { GrantableRole } from '../auth/access';
import { hashSecret } from '../auth/tokens';
import type { Grant } from './grants';

export type LinkPurpose = SecretLinkPurpose;

export const LINK_LIFETIME_MINUTES: Record<LinkPurpose, number> = {
  invitation: 7 * 24 * 60,
  password_reset: 60,
  email_verification: 48 * 60,
};

export interface IssuedLink {
  id: string;
  /** What the notice carries; the worker derives the secret from it only for the mail. */
  ref: SecretLinkRef;
  expiresAt: Date;
}

/**
 * Stores a new one-time link. Its secret is never generated here in a form that could leak: the
 * row keeps the hash of the secret SecretLinks derives from the link's id (ADR 0008).
 */
export async function issueLink(
  tx: EntityManager,
  links: SecretLinks,
  link: { purpose: LinkPurpose; userId: string; createdBy: string | null; grant?: Grant },
): Promise<IssuedLink> {
  const ref: SecretLinkRef = { purpose: link.purpose, linkId: randomUUID() };
  const grant = link.grant;
  const [row] = (await tx.query(
    `INSERT INTO one_time_token
       (id, purpose, token_hash, user_id, created_by, expires_at, grant_role, grant_district_id, grant_organisation_id)
     VALUES ($9, $1, $2, $3, $4, now() + make_interval(mins => $5), $6, $7, $8)
     RETURNING id, expires_at`,
    [
      link.purpose,
      links.hashFor(ref),
      link.userId,
      link.createdBy,
      LINK_LIFETIME_MINUTES[link.purpose],
      grant?.role ?? null,
      grant && grant.role !== 'carrier' ? grant.districtId : null,
      grant?.role === 'carrier' ? grant.organisationId : null,
      ref.linkId,
    ],
  )) as { id: string; expires_at: Date }[];
  return { id: row!.id, ref, expiresAt: row!.expires_at };
}

export interface ClaimedLink {
  id: string;
  userId: string;
  createdBy: string | null;
  grant: Grant | null;
}

interface LinkRow {
  id: string;
  user_id: string;
  created_by: string | null;
  grant_role: GrantableRole | null;
  grant_district_id: string | null;
  grant_organisation_id: string | null;
}

/**
 * Marks a link used if it is valid now, in one statement: of two parallel uses of the same link
 * exactly one gets it (the other waits for the row lock, then no longer matches). Null when the link
 * is unknown, expired or used.
 */
export async function claimLink(
  tx: EntityManager,
  purpose: LinkPurpose,
  token: string,
): Promise<ClaimedLink | null> {
  const [row] = await queryRows<LinkRow>(
    tx,
    `UPDATE one_time_token SET used_at = now()
     WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
     RETURNING id, user_id, created_by, grant_role, grant_district_id, grant_organisation_id`,
    [hashSecret(token), purpose],
  );
  if (!row) return null;
  return { id: row.id, userId: row.user_id, createdBy: row.created_by, grant: grantOfRow(row) };
}

function grantOfRow(row: LinkRow): Grant | null {
  if (row.grant_role === 'carrier' && row.grant_organisation_id)
    return { role: 'carrier', organisationId: row.grant_organisation_id };
  if (row.grant_role && row.grant_role !== 'carrier' && row.grant_district_id)
    return { role: row.grant_role, districtId: row.grant_district_id };
  return null;
}

/** Ends a user's other unused links of a purpose, e.g. older reset links once a reset succeeded. */
export async function endOpenLinks(tx: EntityManager, userId: string, purpose: LinkPurpose): Promise<void> {
  await tx.query(
    `UPDATE one_time_token SET used_at = now() WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`,
    [userId, purpose],
  );
}
