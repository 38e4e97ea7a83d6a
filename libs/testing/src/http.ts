import type { Server } from 'node:http';
import { hashPassword } from '@kiezfonds/identity';
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

/** Gives an existing user a password, for tests that sign in. */
export async function setPassword(db: DataSource, userId: string, password: string): Promise<void> {
  await db.query(`UPDATE app_user SET password_hash = $2 WHERE id = $1`, [
    userId,
    await hashPassword(password),
  ]);
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
