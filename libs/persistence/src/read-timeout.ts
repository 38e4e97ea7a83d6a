import { Client, type ClientConfig } from 'pg';

/**
 * How long the client waits for an answer beyond the statement timeout PostgreSQL enforces itself.
 * Within it a slow statement ends as PostgreSQL's own cancellation (57014, `database_busy`); only a
 * server that does not answer at all runs into the client's limit (`database_unavailable`).
 */
export const CLIENT_TIMEOUT_MARGIN_MS = 5_000;

/**
 * The client-side read timeout that belongs to a statement timeout: 0 (no limit, as for
 * migrations) stays 0. Code that raises `statement_timeout` for one transaction passes its value
 * here for the queries of that transaction, so the client never gives up before the server would.
 */
export function clientTimeoutFor(statementTimeoutMs: number | undefined): number {
  return statementTimeoutMs ? statementTimeoutMs + CLIENT_TIMEOUT_MARGIN_MS : 0;
}

const READ_TIMEOUT = 'Query read timeout';

type QueryFunction = (...args: unknown[]) => unknown;
type Callback = (error: unknown, result?: unknown) => void;

/**
 * A `pg` client that closes its connection when a query ran into the read timeout (`query_timeout`).
 * pg only fails the query then and hands the connection back with the unanswered query still on
 * it: on a network that swallows packets every later query on that connection would wait behind
 * it for good. Destroying the socket makes the pool drop the connection and open a new one.
 */
export function readTimeoutClient(Base: typeof Client = Client): typeof Client {
  return class ReadTimeoutClient extends Base {
    constructor(...args: ConstructorParameters<typeof Client>) {
      super(...args);
      const query = this.query.bind(this) as QueryFunction;
      const dropOnTimeout = (error: unknown) => {
        if (!(error instanceof Error) || error.message !== READ_TIMEOUT) return;
        const { connection } = this as unknown as { connection?: { stream?: { destroy(): void } } };
        // The closed socket is reported as an error; nobody may be listening any more.
        this.once('error', () => undefined);
        connection?.stream?.destroy();
      };
      const watching =
        (callback: Callback): Callback =>
        (error, result) => {
          dropOnTimeout(error);
          callback(error, result);
        };
      const guarded: QueryFunction = (config, values, callback) => {
        if (config && typeof config === 'object') {
          const submittable = config as {
            submit?: unknown;
            handleError?: QueryFunction;
            callback?: Callback;
          };
          if (typeof submittable.submit === 'function' && typeof submittable.handleError === 'function') {
            const handleError = submittable.handleError.bind(config);
            submittable.handleError = (error, ...rest) => {
              dropOnTimeout(error);
              return handleError(error, ...rest);
            };
            return query(config, values, callback);
          }
          if (typeof submittable.callback === 'function')
            submittable.callback = watching(submittable.callback);
        }
        if (typeof values === 'function') return query(config, watching(values as Callback));
        if (typeof callback === 'function') return query(config, values, watching(callback as Callback));
        const result = query(config, values);
        if (result && typeof (result as Promise<unknown>).catch === 'function')
          return (result as Promise<unknown>).catch((error: unknown) => {
            dropOnTimeout(error);
            throw error;
          });
        return result;
      };
      this.query = guarded as Client['query'];
    }
  };
}

/** Keepalive probes start after a connection was this long idle. */
const KEEPALIVE_INITIAL_DELAY_MS = 10_000;

/** The part of a `pg` client or pool configuration that `readTimeoutSettings` fills in. */
export interface ReadTimeoutSettings {
  statement_timeout?: number;
  query_timeout?: number;
  keepAlive: true;
  keepAliveInitialDelayMillis: number;
  /** The class a pool builds its connections with (pg-pool's `Client` option). */
  Client: typeof Client;
}

/**
 * What keeps a connection from hanging on a PostgreSQL that stops answering without closing it (a
 * vanished host, a network that drops packets), for every connection the app opens, pooled or not:
 * PostgreSQL cancels a statement after `statementTimeoutMs` (0 or unset: no limit), the client gives
 * up a margin later (`clientTimeoutFor`) and drops the connection (`readTimeoutClient`), and
 * keepalive probes find an idle connection that went dead.
 */
export function readTimeoutSettings(statementTimeoutMs: number | undefined): ReadTimeoutSettings {
  const queryTimeoutMs = clientTimeoutFor(statementTimeoutMs);
  return {
    // Sent with the connection's start-up, so it costs no round trip.
    ...(statementTimeoutMs ? { statement_timeout: statementTimeoutMs } : {}),
    ...(queryTimeoutMs ? { query_timeout: queryTimeoutMs } : {}),
    keepAlive: true,
    keepAliveInitialDelayMillis: KEEPALIVE_INITIAL_DELAY_MS,
    Client: readTimeoutClient(),
  };
}

/** A connection of its own (not from a pool, e.g. for LISTEN) with the same protection as the pools'. */
export function readTimeoutStandaloneClient(
  config: ClientConfig,
  statementTimeoutMs: number | undefined,
): Client {
  const { Client: Protected, ...settings } = readTimeoutSettings(statementTimeoutMs);
  return new Protected({ ...config, ...settings });
}
