import type { Server } from 'node:http';
import { argon2id, hash } from 'argon2';
import request from 'supertest';
import type { DataSource } from 'typeorm';

export interface SignedIn {
  cookie: string;
  csrfToken: string;
  body: Record<string, unknown>;
}

/** Signs in through the real login route and returns what a browser would hold. */
export async function signIn(server: Server, email: string, password: string): Promise<SignedIn> {
  const res = await request(server).post('/api/auth/login').send({ email, password });
  if (res.status !== 200)
    throw new Error(`sign-in of ${email} answered ${res.status}: ${JSON.stringify(res.body)}`);
  const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = setCookie.map((c) => c.split(';')[0]).join('; ');
  return { cookie, csrfToken: res.body.csrfToken as string, body: res.body };
}

/**
 * Gives an existing user a password, for tests that sign in. The hash is argon2id like the app's
 * own, but with the smallest cost argon2 accepts: at the app's cost every hash and every sign-in
 * takes about 0,4 s of CPU on a busy two-core machine, and the suite creates and signs in hundreds
 * of users. Sign-in still verifies it with the app's code (the cost is read from the hash); the
 * app's own hashing is what registration, invitations and password resets use.
 */
export async function setPassword(db: DataSource, userId: string, password: string): Promise<void> {
  const passwordHash = await hash(password, {
    type: argon2id,
    memoryCost: 1024,
    timeCost: 1,
    parallelism: 1,
  });
  await db.query(`UPDATE app_user SET password_hash = $2 WHERE id = $1`, [userId, passwordHash]);
}

/** A supertest parser that collects a download as raw bytes, whatever its content type. */
export function binaryBody(
  res: request.Response,
  callback: (error: Error | null, body: Buffer) => void,
): void {
  // Inside a parser the response is still the raw Node stream.
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}
