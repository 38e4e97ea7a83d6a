import { BackendQueue, queueConnection } from '@kiezfonds/platform';
import { createTestDatabase, eventually, TcpProxy, testConfig, type TestDatabase } from '@kiezfonds/testing';

/**
 * BullMQ's PostgreSQL backend (QUEUE_BACKEND=postgres, ADR 0015) builds its own pools from the
 * queue connection: through a proxy that swallows packets, a queue's query gives up after the
 * statement timeout and its margin (here 1 s + 5 s) instead of waiting for good, and the queue
 * answers again once packets pass.
 */
describe('fault: PostgreSQL black-holed under the PostgreSQL queue backend', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let queue: BackendQueue;

  beforeAll(async () => {
    db = await createTestDatabase();
    proxy = await TcpProxy.start(db.url);
    const config = testConfig({
      DATABASE_URL: proxy.urlFor(db.url),
      QUEUE_BACKEND: 'postgres',
      WORKER_DATABASE_STATEMENT_TIMEOUT_MS: '1000',
      DATABASE_CONNECTION_TIMEOUT_MS: '2000',
    });
    queue = new BackendQueue('black-hole-probe', { connection: queueConnection(config) });
    queue.on('error', () => undefined);
    await queue.waitUntilReady();
  });

  afterAll(async () => {
    proxy.pass();
    await queue.close().catch(() => undefined);
    await proxy.stop();
    await db.drop();
  });

  it("a queue's query fails within the read timeout instead of hanging, and the queue answers again after", async () => {
    await queue.add('probe', { n: 1 });
    proxy.blackHole();
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      queue.getJobCounts('waiting').then(
        () => 'answered',
        () => 'failed',
      ),
      new Promise<string>((resolve) => {
        timer = setTimeout(() => resolve('still waiting after 20 s'), 20_000);
      }),
    ]).finally(() => {
      clearTimeout(timer);
      proxy.pass();
    });
    expect(outcome).toBe('failed');
    expect(Date.now() - started).toBeLessThan(15_000);
    await eventually(async () => expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 1 }), 15_000);
  }, 60_000);
});
