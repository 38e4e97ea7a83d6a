import { type SecretLinkRef, SecretLinks } from '@kiezfonds/messaging';
import { testConfig } from './test-config';

/**
 * The secret of a one-time link, derived as the worker derives it for the mail (ADR 0008), for
 * tests that exercise a link without running the worker. Tests of the whole path read the link
 * from the mail in the SMTP sink instead.
 */
export function oneTimeLinkToken(ref: SecretLinkRef, secret = testConfig({}).SESSION_SECRET): string {
  return new SecretLinks(secret).tokenFor(ref);
}
