/**
 * The API as the benchmarks measure it: a process of its own, started from the sources this run
 * compiled (scripts/run-ts.mjs puts apps/api beside bench/) with the servers' Node flags, so that
 * its CPU is not shared with the load generator's event loop and its memory is its own (read from
 * /proc, not from the bench process). The anchors that are HTTP handlers run the same way.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SERVER_NODE_FLAGS } from '@kiezfonds/platform';

export interface ServerProcess {
  base: string;
  pid: number;
  /** Resident set size of the process now, in MiB. */
  rssMegabytes(): number;
  close(): Promise<void>;
}

/** The compiled API entry of this run (or of `npm run build:server`, given as `main`). */
export const compiledApiMain = join(__dirname, '../apps/api/src/main.js');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export function rssMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${url} did not answer within a minute`);
}

/** Starts a Node script as a server on a free port and waits until `readyPath` answers 200. */
export async function startServerProcess(
  script: string,
  env: Record<string, string>,
  readyPath: string,
): Promise<ServerProcess> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // BENCH_SERVER_NODE_FLAGS adds flags, e.g. "--cpu-prof --cpu-prof-dir=tmp/profiles" for a profile.
  const extra = (process.env.BENCH_SERVER_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...extra, script], {
    env: { ...process.env, PORT: String(port), APP_URL: base, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // A bench that fails (process.exit) must not leave its servers running.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  try {
    await waitFor(`${base}${readyPath}`, child);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    base,
    pid: child.pid!,
    rssMegabytes: () => rssMegabytes(child.pid!),
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000).then(() => child.kill('SIGKILL'))]);
    },
  };
}

/** The API on the given database and Redis prefix, in test mode (no rate limit on the bench's sign-ins). */
export function startApiProcess(
  services: { databaseUrl: string; redisUrl: string; queuePrefix: string },
  main = compiledApiMain,
): Promise<ServerProcess> {
  return startServerProcess(
    main,
    {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: services.databaseUrl,
      REDIS_URL: services.redisUrl,
      QUEUE_PREFIX: services.queuePrefix,
      QUEUE_BACKEND: 'redis',
    },
    '/api/health',
  );
}

export interface SignedIn {
  cookie: string;
  csrfToken: string;
}

export async function signInOverHttp(base: string, email: string, password: string): Promise<SignedIn> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${email} answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}
