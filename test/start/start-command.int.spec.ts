import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';

const ROOT = join(__dirname, '..', '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * `npm start` is `npm run build && npm run start:built`. The test command has just built
 * everything, so this runs the rest exactly as a newcomer's first start does: create and migrate
 * the database, seed the demo data, then run API (serving the web app), worker and mail sink.
 */
describe('the README start command', () => {
  let child: ChildProcess;
  let output = '';
  const database = `kf_test_${process.env.KIEZFONDS_TEST_RUN}_start`;

  afterAll(async () => {
    if (child?.pid && child.exitCode === null) {
      process.kill(-child.pid, 'SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });

  it('brings up API, worker and web with demo data; /api/ready answers 200 within 60 s', async () => {
    const [port, smtpPort] = [await freePort(), await freePort()];
    const started = Date.now();
    child = spawn('npm', ['run', 'start:built'], {
      cwd: ROOT,
      detached: true,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${database}`,
        PORT: String(port),
        APP_URL: `http://127.0.0.1:${port}`,
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        QUEUE_PREFIX: `kf-test-start-${process.env.KIEZFONDS_TEST_RUN}`,
        LOG_LEVEL: 'warn',
      },
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

    let ready: Response | undefined;
    while (Date.now() - started < 60_000 && child.exitCode === null) {
      ready = await fetch(`http://127.0.0.1:${port}/api/ready`).catch(() => undefined);
      if (ready?.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    if (ready?.status !== 200) throw new Error(`not ready after ${Date.now() - started} ms:\n${output}`);
    expect(await ready.json()).toMatchObject({ status: 'ok', checks: { database: 'up', redis: 'up' } });

    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="de"');
    expect(html).toMatch(/<script type="module"[^>]+src="\/assets\//);

    // The seeded demo logins work with the documented password.
    for (const email of [
      'coordinator@kiezfonds.example',
      'carrier1@kiezfonds.example',
      'board13@kiezfonds.example',
    ]) {
      const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email, password: 'kiezfonds-demo' }),
      });
      expect({ email, status: login.status }).toEqual({ email, status: 200 });
    }

    expect(output).toContain('kiezfonds worker started');
    expect(output).toContain('Development mail sink');

    const client = new Client({ connectionString: `postgres://postgres@127.0.0.1:5432/${database}` });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT slug FROM district ORDER BY slug`);
      expect(rows.map((r: { slug: string }) => r.slug)).toEqual(['neukoelln', 'spandau']);
    } finally {
      await client.end();
    }
  }, 120_000);
});
