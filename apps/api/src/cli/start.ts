import 'reflect-metadata';
import { join } from 'node:path';
import { ConfigError } from '@kiezfonds/config';
import {
  type DevelopmentServices,
  EmbeddedPostgresError,
  readDotEnv,
  resolveDevelopmentServices,
  SERVER_NODE_FLAGS,
} from '@kiezfonds/platform';
import { type Ending, ProcessGroup } from './process-group';

const DIST = join(__dirname, '..', '..', '..', '..');
const entry = (...path: string[]) => ({ command: process.execPath, args: [join(DIST, ...path)] });
const server = (...path: string[]) => ({
  command: process.execPath,
  args: [...SERVER_NODE_FLAGS, join(DIST, ...path)],
});

/**
 * `npm start` after the build: decides which PostgreSQL to use (starting the embedded one when
 * none is configured or answering), migrates and seeds, then runs the API (which serves the web
 * app), the worker and the development mail sink until Ctrl+C or SIGTERM. Shutting down goes in
 * reverse: the API and the worker drain first, the embedded PostgreSQL stops last.
 */
async function main(): Promise<number> {
  readDotEnv();
  // Listening from the first moment: a Ctrl+C while PostgreSQL starts must still stop it.
  const shutdown = new Shutdown();
  let services: DevelopmentServices;
  try {
    services = await resolveDevelopmentServices(process.env, say);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof EmbeddedPostgresError) {
      process.stderr.write(
        `kiezfonds cannot start: ${error.message.replace(/^kiezfonds cannot start: /, '')}\n`,
      );
      return 1;
    }
    throw error;
  }

  const group = new ProcessGroup({ ...process.env, ...services.environment });
  shutdown.onRequest(
    () => void group.stop(),
    () => group.killAll(),
  );
  process.once('exit', () => group.killAll());
  try {
    for (const step of ['migrate', 'seed']) {
      if (shutdown.requested()) return 0;
      const code = await group.run({ name: step, ...entry('apps', 'api', 'src', 'cli', `${step}.js`) });
      if (code !== 0) return shutdown.requested() ? 0 : code;
    }
    const ending = await group.supervise([
      { name: 'api', essential: true, ...server('apps', 'api', 'src', 'main.js') },
      { name: 'worker', essential: true, ...server('apps', 'worker', 'src', 'main.js') },
      { name: 'mail', essential: false, ...entry('apps', 'api', 'src', 'cli', 'dev-mail-sink.js') },
    ]);
    return exitCode(ending);
  } finally {
    await group.stop();
    if (services.database.embedded?.owned) say('stopping the embedded PostgreSQL');
    await services.stop();
  }
}

/**
 * When to stop: the first Ctrl+C, SIGTERM or SIGHUP, or the end of the process that started this
 * one. The last matters for `npm start`: npm runs this through `sh -c`, and a SIGTERM sent to npm
 * alone ends npm and the shell without passing it on. A second signal kills what is left.
 */
class Shutdown {
  private asked = false;
  private graceful: () => void = () => undefined;
  private forced: () => void = () => undefined;

  constructor() {
    for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.on(name, () => this.request(`${name}: stopping API, worker and mail sink`));
    }
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent) this.request('the command that started kiezfonds has ended: stopping');
    }, 1_000).unref();
  }

  requested(): boolean {
    return this.asked;
  }

  onRequest(graceful: () => void, forced: () => void): void {
    this.graceful = graceful;
    this.forced = forced;
    if (this.asked) graceful();
  }

  private request(reason: string): void {
    if (this.asked) {
      if (reason.startsWith('SIG')) {
        say('second signal: killing what is left');
        this.forced();
      }
      return;
    }
    this.asked = true;
    say(reason);
    this.graceful();
  }
}

function exitCode(ending: Ending): number {
  return ending.reason === 'exited' ? ending.code || 1 : 0;
}

function say(message: string): void {
  process.stdout.write(`[kiezfonds] ${message}\n`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
    process.exit(1);
  },
);
