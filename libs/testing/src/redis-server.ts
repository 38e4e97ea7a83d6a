import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from '@kiezfonds/platform';
import { Redis } from 'ioredis';

/**
 * A redis-server of the test's own on a spare port, without persistence: `kill()` and `start()`
 * play a Redis that crashes and comes back empty, which the shared Redis must never be made to do.
 * The tests about Redis itself need the redis-server binary even where the run keeps its queues in
 * PostgreSQL; without it they fail saying so, rather than pass untested.
 */
export class OwnRedisServer {
  private child: ChildProcess | undefined;

  private constructor(
    readonly port: number,
    private readonly command: string,
  ) {}

  /** `command`: the binary, found on PATH. */
  static async start(command = 'redis-server'): Promise<OwnRedisServer> {
    const server = new OwnRedisServer(await freePort(), command);
    await server.start();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.child && this.child.exitCode === null) return;
    const child = spawn(
      this.command,
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    this.child = child;
    let failed: Error | undefined;
    child.once('error', (error: NodeJS.ErrnoException) => {
      failed =
        error.code === 'ENOENT'
          ? new Error(
              `This test starts a Redis of its own and needs the redis-server binary, which is not on PATH ` +
                `(${this.command}). Install it: apt-get install redis-server (Debian/Ubuntu), ` +
                'brew install redis (macOS). Only the tests about Redis itself need it.',
            )
          : error;
    });
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (failed) {
        this.child = undefined;
        throw failed;
      }
      const client = new Redis(this.url, {
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      try {
        await client.connect();
        await client.ping();
        return;
      } catch (error) {
        if (Date.now() > deadline)
          throw new Error(`redis-server on port ${this.port} did not start: ${String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      } finally {
        client.disconnect();
      }
    }
  }

  /** SIGKILL: everything in it is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}
