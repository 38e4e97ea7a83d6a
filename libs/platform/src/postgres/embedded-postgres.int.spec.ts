import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { isProcessAlive } from '../local-machine';
import { discardAbandonedCluster, type RunningPostgres, startEmbeddedPostgres } from './embedded-postgres';

async function query<T>(serverUrl: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/** The real user id a process runs as, from /proc (Linux, where these tests run). */
function uidOf(pid: number): number {
  const line = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(line?.[1]);
}

/**
 * stop() returns once the server has exited; this process, which started it, may take a moment to
 * reap it, and until then its pid still answers.
 */
async function reaped(pid: number): Promise<boolean> {
  for (let i = 0; i < 100 && isProcessAlive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  return !isProcessAlive(pid);
}

describe('the embedded PostgreSQL (npm-shipped binaries, no server installed)', () => {
  let dir: string;
  const started: RunningPostgres[] = [];
  const start = async (kind: 'durable' | 'disposable' = 'durable') => {
    const server = await startEmbeddedPostgres({ dir, kind });
    started.push(server);
    return server;
  };

  beforeEach(() => {
    const parent = mkdtempSync(join(tmpdir(), 'kf-embedded-'));
    // mkdtemp makes a private folder; the server's own user must pass through it.
    chmodSync(parent, 0o755);
    dir = join(parent, 'postgres');
  });

  afterEach(async () => {
    for (const server of started.splice(0)) await server.stop();
    rmSync(join(dir, '..'), { recursive: true, force: true });
  });

  it('creates a cluster on the first start and keeps its data across a restart, on the same port', async () => {
    const first = await start();
    expect(first.owned).toBe(true);
    await query(first.serverUrl, `CREATE TABLE kept (word text); INSERT INTO kept VALUES ('Kiez')`);
    await first.stop();
    expect(await reaped(first.pid)).toBe(true);
    expect(existsSync(join(dir, 'data', 'postmaster.pid'))).toBe(false);

    const second = await start();
    expect(second.port).toBe(first.port);
    expect(second.pid).not.toBe(first.pid);
    expect(await query(second.serverUrl, 'SELECT word FROM kept')).toEqual([{ word: 'Kiez' }]);
  });

  it('never runs PostgreSQL as root, and keeps its password to its owner', async () => {
    const server = await start();
    const uid = uidOf(server.pid);
    expect(uid).not.toBe(0);
    if (process.getuid?.() === 0) {
      // Started by root: the server's own user owns the cluster.
      expect(statSync(join(dir, 'data')).uid).toBe(uid);
    } else {
      expect(uid).toBe(process.getuid?.());
    }
    expect(statSync(join(dir, 'password')).mode & 0o077).toBe(0);
    // TCP on 127.0.0.1 only, password required.
    const anonymous = new URL(server.serverUrl);
    anonymous.password = 'wrong';
    await expect(query(anonymous.toString(), 'SELECT 1')).rejects.toThrow(/password authentication failed/);
  });

  it("never makes a client compute SCRAM, which would wait behind argon2 on Node's thread pool", async () => {
    const hostRules = (serverUrl: string) =>
      query<{ auth_method: string }>(
        serverUrl,
        `SELECT DISTINCT auth_method FROM pg_hba_file_rules WHERE type = 'host'`,
      );
    // The kept development cluster checks its password on the server; a run's throw-away one
    // trusts loopback like the CI machines' PostgreSQL.
    expect(await hostRules((await start('durable')).serverUrl)).toEqual([{ auth_method: 'password' }]);
    dir = `${dir}-disposable`;
    expect(await hostRules((await start('disposable')).serverUrl)).toEqual([{ auth_method: 'trust' }]);
  });

  it('lets a second command attach to the running server without stopping it', async () => {
    const owner = await start();
    const guest = await startEmbeddedPostgres({ dir, kind: 'durable' });
    expect(guest).toMatchObject({ owned: false, port: owner.port, pid: owner.pid });
    await guest.stop();
    expect(await query(owner.serverUrl, 'SELECT 1 AS up')).toEqual([{ up: 1 }]);
  });

  it('adopts a server whose owner died without stopping it, and stops it at the end', async () => {
    const orphan = await start();
    // An owner that no longer exists: a process that has finished.
    const gone = spawnSync(process.execPath, ['-e', 'process.pid']).pid;
    writeFileSync(join(dir, 'owner.pid'), `${gone}\n`);

    const adopter = await startEmbeddedPostgres({ dir, kind: 'durable' });
    expect(adopter).toMatchObject({ owned: true, pid: orphan.pid });
    await adopter.stop();
    expect(await reaped(orphan.pid)).toBe(true);
  });

  it('discards a disposable cluster left by a killed run, but never one whose owner still runs', async () => {
    const server = await start('disposable');
    expect(await discardAbandonedCluster(dir)).toBe(false);
    expect(await query(server.serverUrl, 'SELECT 1 AS up')).toEqual([{ up: 1 }]);

    const gone = spawnSync(process.execPath, ['-e', 'process.pid']).pid;
    writeFileSync(join(dir, 'owner.pid'), `${gone}\n`);
    expect(await discardAbandonedCluster(dir)).toBe(true);
    expect(await reaped(server.pid)).toBe(true);
    expect(existsSync(dir)).toBe(false);
  });

  it('throws a disposable cluster away when it stops', async () => {
    const server = await start('disposable');
    expect(await query(server.serverUrl, 'SHOW fsync')).toEqual([{ fsync: 'off' }]);
    await server.stop();
    expect(existsSync(dir)).toBe(false);
  });
});
