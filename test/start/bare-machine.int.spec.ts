import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isProcessAlive } from '@kiezfonds/platform';

const ROOT = join(__dirname, '..', '..');
const START = join(ROOT, 'dist', 'apps', 'api', 'src', 'cli', 'start.js');
const run = promisify(execFile);

/**
 * A network namespace hides this machine's PostgreSQL and Redis from the app: inside it only a
 * loopback device exists, with nothing listening. Creating one needs root and util-linux's
 * `unshare`/`nsenter` plus iproute2's `ip`, which the CI machines have.
 */
function networkNamespaces(): { available: true } | { available: false; reason: string } {
  if (process.getuid?.() !== 0) return { available: false, reason: 'it needs root for unshare -n' };
  for (const [tool, args] of [
    ['unshare', ['-n', 'true']],
    ['nsenter', ['--version']],
    ['ip', ['-V']],
  ] as const) {
    const probe = spawnSync(tool, args, { encoding: 'utf8' });
    if (probe.error || probe.status !== 0) {
      return {
        available: false,
        reason: `${tool} ${args.join(' ')} failed: ${probe.error?.message ?? probe.stderr}`,
      };
    }
  }
  return { available: true };
}

interface AppInNamespace {
  output(): string;
  /** An HTTP request made from inside the namespace, where the app listens on the default port. */
  request(path: string, init?: { method: string; body: string }): Promise<{ status: number; body: string }>;
  /** SIGTERM, as Ctrl+C or a service manager would send; resolves to the exit code. */
  stop(): Promise<number | null>;
}

/**
 * The built app started the way README's `npm start` ends (`npm run start:built`), in a fresh
 * network namespace, from a folder of its own (no `.env`, the default settings: port 3000, SMTP
 * sink on 1025, embedded PostgreSQL under `.data/postgres`, and with no Redis the queues in that
 * PostgreSQL too, ADR 0015).
 */
function startInNamespace(folder: string): AppInNamespace {
  const child: ChildProcess = spawn(
    'unshare',
    ['-n', 'sh', '-c', 'ip link set lo up && exec "$@"', 'sh', process.execPath, START],
    {
      cwd: folder,
      // Nothing of this run's services: no DATABASE_URL, no REDIS_URL, no TEST_* variables.
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        LOG_LEVEL: 'warn',
        WEB_DIST_DIR: join(ROOT, 'dist', 'web'),
      },
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const ended = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const pid = child.pid!;
  return {
    output: () => output,
    async request(path, init) {
      const script =
        'fetch(process.argv[1], JSON.parse(process.argv[2]))' +
        '.then(async (r) => console.log(JSON.stringify({ status: r.status, body: await r.text() })))' +
        '.catch((e) => console.log(JSON.stringify({ status: 0, body: String(e) })))';
      const request = init ? { ...init, headers: { 'Content-Type': 'application/json' } } : {};
      const { stdout } = await run('nsenter', [
        `--net=/proc/${pid}/ns/net`,
        process.execPath,
        '-e',
        script,
        `http://127.0.0.1:3000${path}`,
        JSON.stringify(request),
      ]);
      return JSON.parse(stdout) as { status: number; body: string };
    },
    async stop() {
      if (child.exitCode === null) process.kill(pid, 'SIGTERM');
      return ended;
    },
  };
}

async function untilOutput(app: AppInNamespace, text: string): Promise<void> {
  const started = Date.now();
  while (!app.output().includes(text)) {
    if (Date.now() - started > 60_000) throw new Error(`no "${text}" after 60 s:\n${app.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function until200(app: AppInNamespace, path: string): Promise<{ status: number; body: string }> {
  const started = Date.now();
  let last = { status: 0, body: '' };
  while (Date.now() - started < 120_000) {
    last = await app.request(path);
    if (last.status === 200) return last;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${path} answered ${last.status} after ${Date.now() - started} ms:\n${app.output()}`);
}

const support = networkNamespaces();

describe('the README start command on a bare machine (no PostgreSQL, no Redis reachable)', () => {
  if (!support.available) {
    // Not a skip in disguise: the test says in its name why it cannot run, and on CI, where it
    // must run, this fails.
    it(`cannot hide the machine's services here: ${support.reason}`, () => {
      expect(process.env.CI).not.toBe('true');
    });
    return;
  }

  let folder: string;
  const apps: AppInNamespace[] = [];

  beforeAll(() => {
    if (!existsSync(START)) throw new Error(`${START} is missing: run \`npm run build\` first`);
    folder = mkdtempSync(join(tmpdir(), 'kf-bare-'));
    // The embedded PostgreSQL runs as an unprivileged user, who must pass through this folder.
    chmodSync(folder, 0o755);
  });

  afterAll(async () => {
    for (const app of apps) await app.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('starts on an embedded PostgreSQL with the queues in it, answers with demo logins, mails, stops cleanly and keeps its data', async () => {
    const first = startInNamespace(folder);
    apps.push(first);
    await until200(first, '/api/health');
    expect(first.output()).toContain(
      'DATABASE_URL is not set and nothing answers at 127.0.0.1:5432: starting an embedded PostgreSQL',
    );
    expect(first.output()).toContain('creating the embedded PostgreSQL cluster');
    expect(first.output()).toContain(
      'queues on PostgreSQL (no REDIS_URL and no Redis at redis://127.0.0.1:6379)',
    );
    expect(JSON.parse((await until200(first, '/api/ready')).body)).toMatchObject({
      status: 'ok',
      checks: { database: 'up', queues: 'up' },
    });
    const login = await first.request('/api/auth/login', {
      method: 'POST',
      body: JSON.stringify({ email: 'coordinator@kiezfonds.example', password: 'kiezfonds-demo' }),
    });
    expect(login.status).toBe(200);
    expect((await first.request('/')).body).toContain('<html lang="de"');
    // A notice goes through the outbox and the queue in PostgreSQL to the development mail sink.
    const reset = await first.request('/api/auth/password-reset', {
      method: 'POST',
      body: JSON.stringify({ email: 'carrier2@kiezfonds.example' }),
    });
    expect(reset.status).toBe(202);
    await untilOutput(first, 'mail to carrier2@kiezfonds.example');

    const lockFile = join(folder, '.data', 'postgres', 'data', 'postmaster.pid');
    const postgresPid = Number(readFileSync(lockFile, 'utf8').split('\n')[0]);
    expect(readFileSync(`/proc/${postgresPid}/status`, 'utf8')).not.toMatch(/^Uid:\s+0\s/m);

    expect(await first.stop()).toBe(0);
    expect(first.output()).toContain('stopping the embedded PostgreSQL');
    expect(isProcessAlive(postgresPid)).toBe(false);
    expect(existsSync(lockFile)).toBe(false);

    // The next start finds its data: no new cluster, nothing to migrate, the demo data complete.
    const second = startInNamespace(folder);
    apps.push(second);
    await until200(second, '/api/health');
    expect(second.output()).not.toContain('creating the embedded PostgreSQL cluster');
    expect(second.output()).toContain('is up to date.');
    expect(second.output()).toContain('already complete, nothing changed');
    const again = await second.request('/api/auth/login', {
      method: 'POST',
      body: JSON.stringify({ email: 'carrier1@kiezfonds.example', password: 'kiezfonds-demo' }),
    });
    expect(again.status).toBe(200);
    expect(await second.stop()).toBe(0);
  }, 300_000);
});
