import { hash, verify } from 'argon2';
import { type ErrorDetail, RateLimitedError } from '@kiezfonds/domain';
import { ConcurrencyGate, GateFullError, zxcvbnCommon } from '@kiezfonds/platform';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

// zxcvbn-ts ships ~49 000 passwords seen most often in breaches, lower-case. Loaded when a
// password is first checked (registration, reset, change): the list and its set took about 13 MB
// of every process from the start.
let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set<string>(zxcvbnCommon().dictionary['passwords-common'] as string[]);
  return common;
}

/** The rules a new password breaks, as validation details for the `password` field. */
export function passwordProblems(password: string, field = 'password'): ErrorDetail[] {
  if (password.length < PASSWORD_MIN_LENGTH)
    return [{ field, rule: 'minLength', params: { min: PASSWORD_MIN_LENGTH } }];
  if (password.length > PASSWORD_MAX_LENGTH)
    return [{ field, rule: 'maxLength', params: { max: PASSWORD_MAX_LENGTH } }];
  if (commonPasswords().has(password.toLowerCase())) return [{ field, rule: 'commonPassword' }];
  return [];
}

/**
 * Every argon2id hash takes 64 MiB and a thread of libuv's pool, which also serves file access:
 * unbounded, two dozen parallel registrations took the memory and every pool thread, and even
 * `/api/health` waited. Hashes therefore pass one process-wide gate (PASSWORD_HASH_CONCURRENCY at
 * once, PASSWORD_HASH_QUEUE waiting); beyond that the request answers 429 `server_busy`.
 */
export const PASSWORD_HASHING = new ConcurrencyGate('password hashing', 2, 32);

async function gated<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await PASSWORD_HASHING.run(work);
  } catch (error) {
    if (error instanceof GateFullError) throw new RateLimitedError('server_busy', {}, 5);
    throw error;
  }
}

export function hashPassword(password: string): Promise<string> {
  return gated(() => hash(password, { type: 2 /* argon2id */ }));
}

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  // Without a stored hash we still spend the time of a verification, so response times do not
  // reveal which addresses have accounts.
  const target = storedHash ?? DUMMY_HASH;
  const ok = await gated(() => verify(target, password)).catch((error: unknown) => {
    if (error instanceof RateLimitedError) throw error;
    return false;
  });
  return storedHash !== null && ok;
}

const DUMMY_HASH =
  '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$2H8qnX3Y3Sld7pQbG0m7V4e1CzWzGk1E2x8gA3iJm1A';
