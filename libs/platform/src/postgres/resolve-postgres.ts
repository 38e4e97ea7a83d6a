import { connect } from 'node:net';
import { redactUrl } from '@kiezfonds/config';
import {
  type EmbeddedPostgresOptions,
  type RunningPostgres,
  startEmbeddedPostgres,
} from './embedded-postgres';

export interface ResolvedPostgres {
  /** Where the URL came from: the setting, the default address (something answers there), or the embedded server. */
  source: 'configured' | 'default' | 'embedded';
  url: string;
  /** Set when the embedded server is used. */
  embedded?: RunningPostgres;
  /** Stops the embedded server if this process owns it; nothing otherwise. */
  stop(): Promise<void>;
}

export interface ResolvePostgresOptions {
  /** The setting's name, for the messages (`DATABASE_URL`, `TEST_DATABASE_SERVER_URL`). */
  setting: string;
  /** The setting's value; undefined or empty when it is not set. */
  configuredUrl: string | undefined;
  /** The address used when nothing is configured; its database name carries over to the embedded server. */
  defaultUrl: string;
  /** `never` in production: there the default stands, and the start-up check reports it unreachable. */
  embedding: 'allowed' | 'never';
  embedded: Omit<EmbeddedPostgresOptions, 'log'>;
  log: (message: string) => void;
}

/**
 * One rule for every command that needs PostgreSQL on a developer's machine: the configured URL
 * if there is one; else the default address if anything listens there; else a real PostgreSQL
 * from the npm-shipped binaries, so `npm start` and `npm test` need no server installed.
 */
export async function resolvePostgres(options: ResolvePostgresOptions): Promise<ResolvedPostgres> {
  if (options.configuredUrl) return fixed('configured', options.configuredUrl);
  const target = new URL(options.defaultUrl);
  const address = `${target.hostname}:${target.port || 5432}`;
  if (options.embedding === 'never' || (await listens(target.hostname, Number(target.port || 5432)))) {
    return fixed('default', options.defaultUrl);
  }
  options.log(
    `${options.setting} is not set and nothing answers at ${address}: starting an embedded PostgreSQL ` +
      '(for development and tests only; production always names its database).',
  );
  const server = await startEmbeddedPostgres({ ...options.embedded, log: options.log });
  const url = new URL(server.serverUrl);
  url.pathname = target.pathname;
  const what =
    options.embedded.kind === 'durable'
      ? `data in ${options.embedded.dir}, kept across restarts; delete that folder to start from scratch. ` +
        'It stops when this command ends'
      : 'a cluster for this run only, deleted when the run ends';
  options.log(
    server.owned
      ? `embedded PostgreSQL ready at ${redactUrl(url.toString())} (${what}).`
      : `embedded PostgreSQL already running at ${redactUrl(url.toString())} (started by another command of this checkout).`,
  );
  return { source: 'embedded', url: url.toString(), embedded: server, stop: () => server.stop() };
}

function fixed(source: ResolvedPostgres['source'], url: string): ResolvedPostgres {
  return { source, url, stop: async () => undefined };
}

/** Whether anything accepts a TCP connection there; what it is, the real checks find out later. */
function listens(host: string, port: number, timeoutMs = 1_500): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host, port });
    const finish = (answer: boolean) => {
      socket.destroy();
      done(answer);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}
