import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const ACCEPTABLE_ID = /^[A-Za-z0-9._-]{8,128}$/;

/**
 * A request id for every log line and answer: taken from a proxy's `X-Request-Id` when it looks
 * sane, otherwise new, and always echoed so a user's error report can be found in the logs.
 */
export function assignRequestId(request: IncomingMessage, response: ServerResponse): string {
  const incoming = request.headers['x-request-id'];
  const id = typeof incoming === 'string' && ACCEPTABLE_ID.test(incoming) ? incoming : randomUUID();
  response.setHeader('X-Request-Id', id);
  return id;
}
