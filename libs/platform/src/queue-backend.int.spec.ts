import { type ChildProcess, spawn } from 'node:child_process';
import { loadConfig } from '@kiezfonds/config';
import { freePort } from './local-machine';
import { queueConnection, resolveQueueBackend } from './queue-backend';
import { redisAnswers } from './startup';

const SECRET = 'a-production-secret-of-at-least-32-characters';

describe('where the queues live (QUEUE_BACKEND)', () => {
  const decide = (env: Record<string, string>) => resolveQueueBackend(env, loadConfig(env), redisAnswers);
  let nothing: string;
  // A Redis that answers: a redis-server of this file's own, so the test also holds where no
  // Redis runs (npm test on a bare machine, issue 20).
  let answering: string;
  let redisServer: ChildProcess;

  beforeAll(async () => {
    nothing = `redis://127.0.0.1:${await freePort()}`;
    const port = await freePort();
    answering = `redis://127.0.0.1:${port}`;
    redisServer = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', ''], {
      stdio: 'ignore',
    });
    for (let i = 0; i < 100 && !(await redisAnswers(answering)); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  afterAll(() => {
    redisServer.kill('SIGKILL');
  });

  it('takes the backend that is named, without asking Redis', async () => {
    await expect(decide({ QUEUE_BACKEND: 'postgres', REDIS_URL: answering })).resolves.toMatchObject({
      backend: 'postgres',
    });
    await expect(decide({ QUEUE_BACKEND: 'redis', REDIS_URL: nothing })).resolves.toMatchObject({
      backend: 'redis',
    });
  });

  it('takes Redis when REDIS_URL is set, even if that Redis does not answer yet', async () => {
    await expect(decide({ REDIS_URL: nothing })).resolves.toEqual({
      backend: 'redis',
      reason: 'REDIS_URL is set',
    });
  });

  it('without REDIS_URL takes a Redis that answers at the default address, else PostgreSQL', async () => {
    const at = (url: string) => resolveQueueBackend({}, loadConfig({ REDIS_URL: url }), redisAnswers);
    await expect(at(answering)).resolves.toMatchObject({ backend: 'redis' });
    await expect(at(nothing)).resolves.toMatchObject({ backend: 'postgres' });
  });

  it('in production `auto` means Redis: it never moves the queues because a Redis did not answer', async () => {
    const production = { NODE_ENV: 'production', SESSION_SECRET: SECRET };
    const choice = await resolveQueueBackend(
      production,
      loadConfig({ ...production, REDIS_URL: nothing }),
      redisAnswers,
    );
    expect(choice).toEqual({ backend: 'redis', reason: 'production: QUEUE_BACKEND=auto means Redis' });
    await expect(decide({ ...production, QUEUE_BACKEND: 'postgres' })).resolves.toMatchObject({
      backend: 'postgres',
    });
  });

  it('refuses to build queues before `auto` was decided', () => {
    expect(() => queueConnection(loadConfig({}))).toThrow('QUEUE_BACKEND=auto is decided at start');
  });

  it('rejects an unknown backend with the setting named', () => {
    expect(() => loadConfig({ QUEUE_BACKEND: 'kafka' })).toThrow(/QUEUE_BACKEND/);
  });
});
