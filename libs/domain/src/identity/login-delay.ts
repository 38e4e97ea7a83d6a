/**
 * Failed sign-ins slow down whoever makes them, never lock anyone out (ADR 0010). Failures are
 * counted on three keys, each with a number of free attempts, after which every further failure
 * doubles the wait before the next attempt on that key (from 2 s), up to a quarter of an hour:
 *
 * - `client`: one account from one client (a device that signed in to it before, recognised by
 *   its device cookie, or else the client's address). Slows the one guessing, and nobody else.
 * - `account`: one account from all clients without its device cookie. Slows a guesser who
 *   spreads over many addresses, while the owner's known devices still get in at once.
 * - `network`: one client address over all accounts, for clients without a device cookie of the
 *   account tried. Slows password spraying from one address, while colleagues behind the same
 *   office NAT who have signed in before are not affected.
 *
 * A key forgets its failures an hour after the first of them.
 */
export const LOGIN_THROTTLE = {
  windowMinutes: 60,
  free: { client: 4, account: 10, network: 30 },
  maxDelaySeconds: 15 * 60,
} as const;

export type ThrottleScope = keyof typeof LOGIN_THROTTLE.free;

/**
 * The wait after the `failures`-th failure on a key of `scope`: none while the free attempts last,
 * then 2 s, 4 s, 8 s … up to `maxDelaySeconds`.
 */
export function loginDelaySeconds(scope: ThrottleScope, failures: number): number {
  const excess = failures - LOGIN_THROTTLE.free[scope];
  if (excess <= 0) return 0;
  return Math.min(2 ** excess, LOGIN_THROTTLE.maxDelaySeconds);
}
