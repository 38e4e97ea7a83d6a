/**
 * How long personal data the procedure no longer needs is kept before the worker deletes it
 * (docs/privacy.md, "Wie lange"). Records the budget law requires (the audit trail, decisions,
 * the ledger) are never deleted; accounts that took part are pseudonymised, not deleted.
 */
export const RETENTION = {
  /**
   * Sessions, personal API tokens and one-time links, counted from the moment they ended (expired,
   * revoked, used): long enough to investigate misuse, then gone.
   */
  endedAccessDays: 30,
  /**
   * A registration whose address was never confirmed, counted from the registration: the person
   * can sign in to get a new confirmation link until then; afterwards nobody could ever use it.
   */
  unverifiedAccountDays: 30,
  /**
   * An `Idempotency-Key` and the answer stored with it, counted from the first answer: the key is
   * honoured this long, then the same key is a new request and the record is deleted. A day
   * outlasts a client's retries across a realistic outage (TRUST.md: hours, not minutes) and an
   * overnight one; the stored answer can quote names, addresses and texts, so it is not an archive.
   * A constant, not a setting: clients rely on it as part of the API contract (docs/api).
   */
  idempotencyKeyHours: 24,
} as const;
