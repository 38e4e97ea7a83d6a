import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase, databaseUrl } from '@kiezfonds/testing';

const ROOT = join(__dirname, '..', '..', '..');
const API_MAIN = join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');
const WORKER_MAIN = join(ROOT, 'dist', 'apps', 'worker', 'src', 'main.js');

/** Starts a built entry point the way `npm start` does, and collects how it ends. */
function run(
  entry: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [entry], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (code) => {
      clearTimeout(killer);
      resolve({ code, stderr, ms: Date.now() - started });
    });
  });
}

describe('start-up refuses a broken environment with one clear message', () => {
  beforeAll(() => {
    if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run \`npm run build:server\` first`);
  });

  it('lists every invalid setting and exits 1', async () => {
    const result = await run(API_MAIN, { DATABASE_URL: 'not a url', PORT: 'eighty', REDIS_URL: 'http://x' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the configuration has 3 problem(s)');
    // Without a scheme or a user part it may be a password pasted alone: named, not shown.
    expect(result.stderr).toContain('DATABASE_URL: must be a postgres or postgresql URL (value not shown)');
    expect(result.stderr).toContain('REDIS_URL: must be a redis or rediss URL (got "http://x")');
    expect(result.stderr).toContain('PORT:');
    expect(result.stderr).toContain('REDIS_URL:');
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('names the PostgreSQL URL it tried and how to start PostgreSQL, within 10 seconds', async () => {
    const result = await run(API_MAIN, { DATABASE_URL: 'postgres://kf:secret@127.0.0.1:1/kiezfonds' });
    expect(result.code).toBe(1);
    expect(result.ms).toBeLessThan(10_000);
    expect(result.stderr).toContain('PostgreSQL is not reachable at postgres://kf:***@127.0.0.1:1/kiezfonds');
    expect(result.stderr).toContain('pg_ctlcluster');
    expect(result.stderr).not.toContain('secret');
  });

  it('asks for `npm run db:migrate` when the database does not exist yet', async () => {
    const result = await run(API_MAIN, { DATABASE_URL: databaseUrl('kf_never_created') });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the database "kf_never_created" does not exist');
    expect(result.stderr).toContain('npm run db:migrate');
  });

  it('names the Redis URL and how to start Redis, for the worker too', async () => {
    const result = await run(WORKER_MAIN, { REDIS_URL: 'redis://127.0.0.1:1' });
    expect(result.code).toBe(1);
    expect(result.ms).toBeLessThan(10_000);
    expect(result.stderr).toContain('Redis is not reachable at redis://127.0.0.1:1');
    expect(result.stderr).toContain('redis-server');
    expect(result.stderr).toContain('QUEUE_BACKEND=postgres');
  });
});

describe('start-up without Redis when the queues are in PostgreSQL', () => {
  it('starts the worker with QUEUE_BACKEND=postgres although no Redis answers, and stops it on SIGTERM', async () => {
    const db = await createTestDatabase();
    const child = spawn(process.execPath, [WORKER_MAIN], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATABASE_URL: db.url,
        QUEUE_BACKEND: 'postgres',
        REDIS_URL: 'redis://127.0.0.1:1',
      },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    try {
      const deadline = Date.now() + 30_000;
      while (
        !output.includes('kiezfonds worker started') &&
        child.exitCode === null &&
        Date.now() < deadline
      ) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(output).toContain('queues on PostgreSQL (QUEUE_BACKEND=postgres)');
      expect(output).toContain('kiezfonds worker started');
      child.kill('SIGTERM');
      // Nest closes the workers and connections, then ends by the signal it was sent. A worker
      // that does not stop fails the test here rather than hanging the run.
      const stopped = await Promise.race([
        ended,
        new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 20_000)),
      ]);
      expect(stopped).toEqual({ code: null, signal: 'SIGTERM' });
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await ended;
      await db.drop();
    }
  }, 60_000);
});
