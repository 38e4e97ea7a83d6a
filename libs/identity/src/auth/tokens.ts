import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random secret for a cookie, link or API token; only its hash is ever stored. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/**
 * Whether a secret a client sent equals the expected one, in time that does not depend on where
 * they differ (TRUST.md: secrets are compared in constant time). Anything but a string (a missing
 * or repeated header) is no match.
 */
export function sameSecret(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
