import type { Pool } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ApplicationWorld } from '../testing/application-world';
import { startTestApi, type TestApi } from '../testing/test-api';

/**
 * Pool size, statement timeout and the wait for a connection come from the configuration, and a
 * database that cannot serve in time answers 503 with a code and Retry-After, never a bare 500.
 */
describe('a busy database: configured limits and clear answers', () => {
  let api: TestApi;
  let world: ApplicationWorld;

  beforeAll(async () => {
    api = await startTestApi({
      DATABASE_POOL_SIZE: '2',
      DATABASE_STATEMENT_TIMEOUT_MS: '1500',
      DATABASE_CONNECTION_TIMEOUT_MS: '200',
    });
    world = await ApplicationWorld.create(api.server, api.db.dataSource);
  });

  afterAll(async () => {
    await api.close();
  });

  it('the API keeps the configured pool and statement timeout', async () => {
    const dataSource = api.app.get(DataSource);
    const pool = (dataSource.driver as unknown as { master: Pool }).master;
    expect(pool.options.max).toBe(2);
    const [row] = (await dataSource.query(`SHOW statement_timeout`)) as { statement_timeout: string }[];
    expect(row!.statement_timeout).toBe('1500ms');
  });

  it('a statement cancelled by the timeout, or no free connection in time, answers 503 database_busy', async () => {
    const call = await world.openCall();
    const draft = await world.draft(call.id);
    // Someone else holds the application's row: both of the API's connections wait on it …
    const blocker = api.db.dataSource.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    try {
      await blocker.query(`SELECT 1 FROM application WHERE id = $1 FOR UPDATE`, [draft.id]);
      const submit = (key: string) =>
        world.event(world.carrier, draft.id, { type: 'SUBMIT' }).set('Idempotency-Key', key);
      const waiting = [submit('busy-1'), submit('busy-2')].map((r) => r.then((res) => res));
      await new Promise((resolve) => setTimeout(resolve, 300));
      // … so a third request finds no connection within 200 ms …
      const starved = await request(api.server).get('/api/me').set('Cookie', world.carrier.session.cookie);
      expect(starved.status).toBe(503);
      expect(starved.body).toMatchObject({ code: 'database_busy' });
      expect(starved.headers['retry-after']).toBe('5');
      // … and the waiting statements are cancelled after 1.5 s.
      for (const res of await Promise.all(waiting)) {
        expect(res.status).toBe(503);
        expect(res.body).toMatchObject({
          code: 'database_busy',
          message: expect.stringContaining('Datenbank'),
        });
      }
    } finally {
      await blocker.rollbackTransaction();
      await blocker.release();
    }
    // Nothing happened, so the same request goes through once the row is free.
    const retried = await world
      .event(world.carrier, draft.id, { type: 'SUBMIT' })
      .set('Idempotency-Key', 'busy-1')
      .expect(200);
    expect(retried.body.state).toBe('submitted');
  });
});
