/**
 * Lets at most `limit` tasks of one kind run at once and at most `queue` wait; beyond that it
 * refuses at once (the caller answers 429), so a flood of expensive work can neither exhaust
 * memory nor starve the rest of the process. Counts its high-water mark, which tests read.
 */
export class GateFullError extends Error {
  constructor(readonly gate: string) {
    super(`${gate}: too many waiting`);
    this.name = 'GateFullError';
  }
}

export class ConcurrencyGate {
  private running = 0;
  private maxRunning = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly name: string,
    private limit: number,
    private queue: number,
  ) {}

  resize(limit: number, queue: number): void {
    this.limit = limit;
    this.queue = queue;
    this.next();
  }

  stats(): { running: number; waiting: number; maxRunning: number; limit: number } {
    return {
      running: this.running,
      waiting: this.waiting.length,
      maxRunning: this.maxRunning,
      limit: this.limit,
    };
  }

  /** Starts counting the high-water mark afresh (for tests that measure one burst). */
  resetStats(): void {
    this.maxRunning = this.running;
  }

  /** Waits for a slot; the returned function gives it back (once, however often it is called). */
  async acquire(): Promise<() => void> {
    if (this.running >= this.limit) {
      if (this.waiting.length >= this.queue) throw new GateFullError(this.name);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    this.maxRunning = Math.max(this.maxRunning, this.running);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
      this.next();
    };
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await task();
    } finally {
      release();
    }
  }

  private next(): void {
    while (this.running < this.limit && this.waiting.length > 0) {
      this.running++;
      this.waiting.shift()!();
    }
  }
}
