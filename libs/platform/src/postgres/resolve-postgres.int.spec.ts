import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { type ResolvedPostgres, resolvePostgres } from './resolve-postgres';

function listen(): Promise<{ server: Server; port: number }> {
  return new Promise((done) => {
    const server = createServer((socket) => socket.destroy());
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      done({ server, port: typeof address === 'object' && address ? address.port : 0 });
    });
  });
}

/** A port nothing listens on: one the OS just handed out and took back. */
async function closedPort(): Promise<number> {
  const { server, port } = await listen();
  await new Promise((done) => server.close(done));
  return port;
}

describe('which PostgreSQL a development command uses', () => {
  let parent: string;
  let dir: string;
  const resolved: ResolvedPostgres[] = [];
  const messages: string[] = [];
  const resolve = async (options: Partial<Parameters<typeof resolvePostgres>[0]>) => {
    const result = await resolvePostgres({
      setting: 'DATABASE_URL',
      configuredUrl: undefined,
      defaultUrl: `postgres://postgres@127.0.0.1:${await closedPort()}/kiezfonds`,
      embedding: 'allowed',
      embedded: { dir, kind: 'durable' },
      log: (message) => messages.push(message),
      ...options,
    });
    resolved.push(result);
    return result;
  };

  beforeEach(() => {
    parent = mkdtempSync(join(tmpdir(), 'kf-resolve-'));
    chmodSync(parent, 0o755);
    dir = join(parent, 'postgres');
    messages.length = 0;
  });

  afterEach(async () => {
    for (const result of resolved.splice(0)) await result.stop();
    rmSync(parent, { recursive: true, force: true });
  });

  it('takes a configured URL as it is, without looking further', async () => {
    const result = await resolve({ configuredUrl: 'postgres://kf@db.example:5432/kiezfonds' });
    expect(result).toMatchObject({ source: 'configured', url: 'postgres://kf@db.example:5432/kiezfonds' });
    expect(existsSync(dir)).toBe(false);
  });

  it('takes the default address when something answers there', async () => {
    const { server, port } = await listen();
    try {
      const result = await resolve({ defaultUrl: `postgres://postgres@127.0.0.1:${port}/kiezfonds` });
      expect(result).toMatchObject({
        source: 'default',
        url: `postgres://postgres@127.0.0.1:${port}/kiezfonds`,
      });
      expect(existsSync(dir)).toBe(false);
    } finally {
      server.close();
    }
  });

  it('starts the embedded PostgreSQL when nothing is configured and nothing answers, and says so', async () => {
    const port = await closedPort();
    const result = await resolve({ defaultUrl: `postgres://postgres@127.0.0.1:${port}/kiezfonds` });
    expect(result.source).toBe('embedded');
    const url = new URL(result.url);
    expect(url.pathname).toBe('/kiezfonds');
    expect(url.port).not.toBe(String(port));

    url.pathname = '/postgres';
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    const { rows } = await client.query<{ version: string }>('SELECT version()');
    await client.end();
    expect(rows[0]?.version).toMatch(/^PostgreSQL 16\./);

    const said = messages.join('\n');
    expect(said).toContain(`DATABASE_URL is not set and nothing answers at 127.0.0.1:${port}`);
    expect(said).toContain('starting an embedded PostgreSQL');
    expect(said).toContain(
      `embedded PostgreSQL ready at postgres://postgres:***@127.0.0.1:${url.port}/kiezfonds`,
    );
  });

  it('never embeds where embedding is not allowed (production): the default stands, to fail clearly', async () => {
    const port = await closedPort();
    const result = await resolve({
      defaultUrl: `postgres://postgres@127.0.0.1:${port}/kiezfonds`,
      embedding: 'never',
    });
    expect(result).toMatchObject({
      source: 'default',
      url: `postgres://postgres@127.0.0.1:${port}/kiezfonds`,
    });
    expect(existsSync(dir)).toBe(false);
  });
});
