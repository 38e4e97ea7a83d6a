import type { ArgumentsHost } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { ErrorFilter } from './error.filter';

/** What the filter answered: status, headers and body. */
function answer(exception: unknown) {
  const sent: { status?: number; body?: Record<string, unknown>; headers: Record<string, string> } = {
    headers: {},
  };
  const response = {
    setHeader: (name: string, value: string) => (sent.headers[name.toLowerCase()] = value),
    status(code: number) {
      sent.status = code;
      return this;
    },
    json: (body: Record<string, unknown>) => (sent.body = body),
  };
  const host = {
    switchToHttp: () => ({
      getRequest: () => ({ headers: { 'accept-language': 'en' }, id: 'req-1' }),
      getResponse: () => response,
    }),
  } as unknown as ArgumentsHost;
  const filter = new ErrorFilter();
  // The fault is logged with its stack; the test only reads the answer.
  (filter as unknown as { logger: { error: () => void; warn: () => void } }).logger = {
    error: () => undefined,
    warn: () => undefined,
  };
  filter.catch(exception, host);
  return sent;
}

function postgresError(code: string, message: string): QueryFailedError {
  return new QueryFailedError('UPDATE call_off SET …', [], Object.assign(new Error(message), { code }));
}

describe('a transaction PostgreSQL aborted for a concurrent one', () => {
  it.each([
    ['a deadlock victim (40P01)', '40P01', 'deadlock detected'],
    ['a serialization failure (40001)', '40001', 'could not serialize access due to concurrent update'],
  ])('%s answers 503 database_busy with Retry-After, never a bare 500', (_name, code, message) => {
    const sent = answer(postgresError(code, message));
    expect(sent.status).toBe(503);
    expect(sent.headers['retry-after']).toBe('1');
    expect(sent.body).toMatchObject({ code: 'database_busy', details: [], requestId: 'req-1' });
    expect(JSON.stringify(sent.body)).not.toContain(message);
  });

  it('another failing statement stays an internal error', () => {
    const sent = answer(postgresError('42P01', 'relation "nope" does not exist'));
    expect(sent.status).toBe(500);
    expect(sent.body).toMatchObject({ code: 'internal_error' });
  });
});
