import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { styleText } from 'node:util';

export interface ProcessSpec {
  /** Shown in front of every line the process prints. */
  name: string;
  command: string;
  args: string[];
}

export interface ServiceSpec extends ProcessSpec {
  /**
   * An essential process (API, worker) ending ends the whole group; an optional one (the
   * development mail sink) may end on its own, and the others keep running.
   */
  essential: boolean;
}

export type Ending = { reason: 'exited'; name: string; code: number } | { reason: 'stopped' };

export type Output = (stream: 'stdout' | 'stderr', line: string) => void;

const COLOURS = ['blue', 'magenta', 'gray', 'cyan', 'yellow'] as const;

/**
 * Runs the processes of `npm start` side by side with prefixed output, and stops them in order:
 * each gets SIGTERM once (so Nest drains), and whatever has not ended after the grace period is
 * killed. Children run in their own process group, so a Ctrl+C in the terminal reaches only this
 * process, which passes it on exactly once.
 */
export class ProcessGroup {
  private readonly children = new Map<string, ChildProcess>();
  private stopped = false;
  private stopping: Promise<void> | undefined;
  private onStop: (() => void) | undefined;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly output: Output = writeToConsole,
    private readonly graceMs = 25_000,
  ) {}

  /** Runs one step (migrate, seed) to its end; resolves to its exit code (1 when killed by a signal). */
  run(spec: ProcessSpec): Promise<number> {
    if (this.stopped) return Promise.resolve(1);
    const child = this.spawn(spec);
    return new Promise((done) => child.once('close', (code) => done(code ?? 1)));
  }

  /** Starts the services; resolves when the first essential one ends or stop() is called. */
  supervise(specs: ServiceSpec[]): Promise<Ending> {
    return new Promise((done) => {
      this.onStop = () => done({ reason: 'stopped' });
      if (this.stopped) return done({ reason: 'stopped' });
      for (const spec of specs) {
        const child = this.spawn(spec);
        child.once('close', (code, signal) => {
          if (this.stopped) return;
          const status = code === null ? `signal ${signal}` : `exit code ${code}`;
          if (spec.essential) {
            this.say('stderr', `${spec.name} ended (${status}): stopping the others`);
            done({ reason: 'exited', name: spec.name, code: code ?? 1 });
          } else {
            this.say('stdout', `${spec.name} ended (${status}); the others keep running`);
          }
        });
      }
    });
  }

  /** Names of the processes still running. */
  running(): string[] {
    return [...this.children.keys()];
  }

  /** SIGTERM to every running process once; SIGKILL to what is left after the grace period. */
  stop(): Promise<void> {
    this.stopped = true;
    this.onStop?.();
    this.stopping ??= (async () => {
      const left = [...this.children.values()];
      const ended = left.map((child) => new Promise((done) => child.once('close', done)));
      for (const child of left) child.kill('SIGTERM');
      const timer = setTimeout(() => left.forEach((child) => child.kill('SIGKILL')), this.graceMs);
      await Promise.all(ended);
      clearTimeout(timer);
    })();
    return this.stopping;
  }

  /** Last resort when this process ends abruptly: no child outlives it. */
  killAll(): void {
    for (const child of this.children.values()) child.kill('SIGKILL');
  }

  private spawn(spec: ProcessSpec): ChildProcess {
    const child = spawn(spec.command, spec.args, {
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    this.children.set(spec.name, child);
    const prefix = label(spec.name, this.children.size);
    for (const stream of ['stdout', 'stderr'] as const) {
      createInterface({ input: child[stream]! }).on('line', (line) =>
        this.output(stream, `${prefix} ${line}`),
      );
    }
    child.once('error', (error) => this.say('stderr', `${spec.name} could not start: ${error.message}`));
    child.once('close', () => this.children.delete(spec.name));
    return child;
  }

  private say(stream: 'stdout' | 'stderr', message: string): void {
    this.output(stream, `[kiezfonds] ${message}`);
  }
}

function label(name: string, index: number): string {
  const text = `[${name}]`;
  const colour = COLOURS[(index - 1) % COLOURS.length]!;
  return process.stdout.isTTY && !process.env.NO_COLOR ? styleText(colour, text) : text;
}

function writeToConsole(stream: 'stdout' | 'stderr', line: string): void {
  process[stream].write(`${line}\n`);
}
