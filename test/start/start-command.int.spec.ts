import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { freePort } from '@kiezfonds/platform';
import { databaseUrl, testServices } from '@kiezfonds/testing';
import { Client } from 'pg';

const ROOT = join(__dirname, '..', '..');

/** Something else holding a port, the way mailpit or a real SMTP server would. */
function occupy(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => socket.end('220 somebody else\r\n'));
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

interface StartedApp {
  port: number;
  output(): string;
  exited(): boolean;
  /** SIGTERM to the whole process group (as a terminal's Ctrl+C reaches all of it). */
  stop(): Promise<void>;
  /** SIGTERM to npm alone, as a process manager may send it; resolves once every process let go of the output. */
  stopNpmOnly(): Promise<void>;
}

const database = `kf_test_${process.env.KIEZFONDS_TEST_RUN}_start`;

/**
 * `npm start` is `npm run build && npm run start:built`. The test command has just built
 * everything, so this runs the rest exactly as a newcomer's first start does: create and migrate
 * the database, seed the demo data, then run API (serving the web app), worker and mail sink.
 * The database is the test run's own (on its PostgreSQL server, whichever that is).
 */
async function startApp(smtpPort: number): Promise<StartedApp> {
  const port = await freePort();
  let output = '';
  const child: ChildProcess = spawn('npm', ['run', 'start:built'], {
    cwd: ROOT,
    detached: true,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: databaseUrl(database),
      PORT: String(port),
      APP_URL: `http://127.0.0.1:${port}`,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      QUEUE_PREFIX: `kf-test-start-${process.env.KIEZFONDS_TEST_RUN}`,
      // The run's backend: Redis, or PostgreSQL where the run has none (test/start/bare-machine
      // covers the start's own decision).
      QUEUE_BACKEND: testServices().queueBackend,
      LOG_LEVEL: 'warn',
    },
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const ended = new Promise((resolve) => child.once('exit', resolve));
  // 'close' comes when the last process holding npm's output (the start command) has ended.
  const closed = new Promise((resolve) => child.once('close', resolve));
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    port,
    output: () => output,
    exited: () => !running(),
    async stop() {
      if (child.pid && running()) process.kill(-child.pid, 'SIGTERM');
      await ended;
    },
    async stopNpmOnly() {
      if (child.pid && running()) process.kill(child.pid, 'SIGTERM');
      await closed;
    },
  };
}

async function waitFor(app: StartedApp, path: string, what: string): Promise<Response> {
  const started = Date.now();
  while (Date.now() - started < 60_000 && !app.exited()) {
    const response = await fetch(`http://127.0.0.1:${app.port}${path}`).catch(() => undefined);
    if (response?.status === 200) return response;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${what} not there after ${Date.now() - started} ms:\n${app.output()}`);
}

async function waitForOutput(app: StartedApp, text: string): Promise<void> {
  const started = Date.now();
  while (!app.output().includes(text)) {
    if (Date.now() - started > 30_000 || app.exited()) {
      throw new Error(`"${text}" never printed:\n${app.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('the README start command', () => {
  const apps: StartedApp[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.stop();
  });

  it('brings up API, worker and web with demo data; /api/ready answers 200 within 60 s', async () => {
    const app = await startApp(await freePort());
    apps.push(app);

    const ready = await waitFor(app, '/api/ready', '/api/ready 200');
    expect(await ready.json()).toMatchObject({
      status: 'ok',
      checks: { database: 'up', [testServices().queueCheck]: 'up' },
    });

    const page = await fetch(`http://127.0.0.1:${app.port}/`);
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
      const login = await fetch(`http://127.0.0.1:${app.port}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email, password: 'kiezfonds-demo' }),
      });
      expect({ email, status: login.status }).toEqual({ email, status: 200 });
    }

    await waitForOutput(app, 'kiezfonds worker started');
    await waitForOutput(app, 'Development mail sink on 127.0.0.1');

    const client = new Client({ connectionString: databaseUrl(database) });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT slug FROM district ORDER BY slug`);
      expect(rows.map((r: { slug: string }) => r.slug)).toEqual(['neukoelln', 'spandau']);
    } finally {
      await client.end();
    }
  }, 120_000);

  it('keeps the API answering when SMTP_URL names a port that is already taken', async () => {
    const smtpPort = await freePort();
    const other = await occupy(smtpPort);
    try {
      const app = await startApp(smtpPort);
      apps.push(app);

      await waitForOutput(
        app,
        `Port ${smtpPort} on 127.0.0.1 is taken: the development mail sink steps aside`,
      );
      await waitForOutput(app, 'mail ended (exit code 0); the others keep running');
      // Whatever the order of start-up, API and worker run on after the sink has stepped aside.
      await waitForOutput(app, 'kiezfonds worker started');
      const ready = await waitFor(app, '/api/ready', '/api/ready 200');
      expect(await ready.json()).toMatchObject({
        status: 'ok',
        checks: { database: 'up', [testServices().queueCheck]: 'up' },
      });
      expect(app.exited()).toBe(false);
      expect(app.output()).not.toContain('stopping the others');

      // npm passes a SIGTERM sent to it alone to nobody; the start command notices npm is gone.
      await app.stopNpmOnly();
      expect(app.output()).toContain('the command that started kiezfonds has ended: stopping');
      expect(await fetch(`http://127.0.0.1:${app.port}/api/health`).catch(() => 'refused')).toBe('refused');
    } finally {
      other.close();
    }
  }, 120_000);
});
