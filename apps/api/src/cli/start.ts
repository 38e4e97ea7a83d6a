import 'reflect-metadata';
import { join } from 'node:path';
import { ConfigError } from '@kiezfonds/config';
import {
  type DevelopmentServices,
  EmbeddedPostgresError,
  readDotEnv,
  resolveDevelopmentServices,
} from '@kiezfonds/platform';
import { type Ending, ProcessGroup } from './process-group';

const DIST = join(__dirname, '..', '..', '..', '..');
const entry = (...path: string[]) => ({ command: process.execPath, args: [join(DIST, ...path)] });

/**
 * `npm start` after the build: decides which PostgreSQL to use (starting the embedded one when
 * none is configured or answering), migrates and seeds, then runs the API (which serves the web
 * app), the worker and the development mail sink until Ctrl+C or SIGTERM. Shutting down goes in
 * reverse: the API and the worker drain first, the embedded PostgreSQL stops last.
 */
async function main(): Promise<number> {
  readDotEnv();
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
  const shutdown = onceSignalled(group);
  process.once('exit', () => group.killAll());
  try {
    for (const step of ['migrate', 'seed']) {
      const code = await group.run({ name: step, ...entry('apps', 'api', 'src', 'cli', `${step}.js`) });
      if (code !== 0 || shutdown.signalled()) return shutdown.signalled() ? 0 : code;
    }
    const ending = await group.supervise([
      { name: 'api', essential: true, ...entry('apps', 'api', 'src', 'main.js') },
      { name: 'worker', essential: true, ...entry('apps', 'worker', 'src', 'main.js') },
      { name: 'mail', essential: false, ...entry('apps', 'api', 'src', 'cli', 'dev-mail-sink.js') },
    ]);
    return exitCode(ending);
  } finally {
    await group.stop();
    if (services.database.embedded?.owned) say('stopping the embedded PostgreSQL');
    await services.stop();
  }
}

/** The first Ctrl+C or SIGTERM stops the group gracefully; a second one kills what is left. */
function onceSignalled(group: ProcessGroup): { signalled(): boolean } {
  let received = false;
  for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(name, () => {
      if (received) {
        say('second signal: killing what is left');
        group.killAll();
        return;
      }
      received = true;
      say(`${name}: stopping API, worker and mail sink`);
      void group.stop();
    });
  }
  return { signalled: () => received };
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
