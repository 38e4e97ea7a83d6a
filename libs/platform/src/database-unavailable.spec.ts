import { isDatabaseUnavailable } from './database-unavailable';

describe('telling an unreachable database from a failing query', () => {
  it('recognises refused and reset connections, pool timeouts and a server shutting down', () => {
    expect(
      isDatabaseUnavailable(
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      ),
    ).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    // pg's query_timeout: the server never answered (a black-holed network).
    expect(
      isDatabaseUnavailable(
        Object.assign(new Error('Query read timeout'), { driverError: new Error('Query read timeout') }),
      ),
    ).toBe(true);
    expect(
      isDatabaseUnavailable(
        Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      ),
    ).toBe(true);
    expect(
      isDatabaseUnavailable(Object.assign(new Error('query failed'), { driverError: { code: '08006' } })),
    ).toBe(true);
  });

  it('leaves a failing query and anything else to the usual answers', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(new Error('something else'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
  });
});
